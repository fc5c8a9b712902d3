"""``khuonha unit NAME``: which administrative unit a name means, and what it became."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from khuonha.cli._io import print_json
from khuonha.cli.commands import COMMANDS

if TYPE_CHECKING:
    from datetime import date

    from khuonha.model import AdministrativeUnit
    from khuonha.plugins.units import UnitRegistry


def register(sub: Any) -> None:
    """Add the ``unit`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "unit",
        help=COMMANDS["unit"],
        description="List every administrative unit NAME may mean, from the installed unit "
        "registries (khuonha-units: the lists before and after 1/7/2025). The name may "
        "have its level word or not ('xã', 'X.', 'TT.'), any tone-mark placement or no "
        "diacritics. A code (two digits for a province, three for a district, five for a "
        "commune) gives the unit of that code in each list. Exit 0 when a unit is found, "
        "1 when none.",
    )
    p.add_argument(
        "name", metavar="NAME", help="the unit's name or code, e.g. 'xã Khuôn Hà', '02251'"
    )
    p.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help="keep the units that existed that day (its code list: before or after 1/7/2025)",
    )
    p.add_argument("--province", metavar="PROVINCE", help="a province's name or code")
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array, one object per candidate (code, name, kind, scheme, "
        "valid_from, valid_until, parent, successors, id, within, note: the registry's note, "
        "such as 'found by a former name')",
    )
    p.set_defaults(func=run)


def record(registry: UnitRegistry, unit: AdministrativeUnit) -> dict[str, Any]:
    """The ``--json`` object of one candidate: references become codes."""

    def code(ref: str) -> str:
        found = registry.get(ref)
        return ref if found is None or found.code is None else found.code

    within = []
    parent = unit.parent
    while parent is not None:
        above = registry.get(parent)
        if above is None:
            break
        within.append(above.name)
        parent = above.parent
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": None if unit.kind is None else unit.kind.value,
        "scheme": None if unit.scheme is None else unit.scheme.value,
        "valid_from": None if unit.valid_from is None else unit.valid_from.isoformat(),
        "valid_until": None if unit.valid_until is None else unit.valid_until.isoformat(),
        "parent": None if unit.parent is None else code(unit.parent),
        "successors": [code(s) for s in unit.successors],
        "id": unit.id,
        "within": within,
        "note": unit.note,  # e.g. found by a former name, or split on 1/7/2025
    }


def _by_code(
    registry: UnitRegistry, code: str, on: date | None, province: str | None
) -> list[AdministrativeUnit]:
    """The units with this official code in each code list, narrowed as names are."""
    from khuonha.model import CodeScheme  # noqa: PLC0415 - loaded only when the command runs

    found = [u for scheme in CodeScheme if (u := registry.find(code, scheme)) is not None]
    if on is not None:
        found = [u for u in found if u.valid_on(on)]
    if province is None:
        return found
    tops = {u.id for u in registry.resolve(province)}
    tops |= {u.id for s in CodeScheme if (u := registry.find(province.strip(), s)) is not None}
    kept = []
    for unit in found:
        top, parent = unit, unit.parent
        while parent is not None and (above := registry.get(parent)) is not None:
            top, parent = above, above.parent
        if top.id in tops:
            kept.append(unit)
    return kept


def _table(rows: list[dict[str, Any]]) -> str:
    from khuonha.labels import label  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.model import UnitKind  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    head = ("code", "name", "kind", "scheme", "valid", "successors", "within")
    body = [
        (
            r["code"],
            r["name"],
            label(UnitKind(r["kind"]), "vi"),
            r["scheme"],
            f"{r['valid_from'] or '…'} – {r['valid_until'] or '…'}",
            " ".join(r["successors"]) or "-",
            ", ".join(r["within"]) or "-",
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(head, *body, strict=True)]
    lines = [
        "  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)).rstrip()
        for row in (head, *body)
    ]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Resolve the name; print the candidates, or say none was found."""
    from datetime import date  # noqa: PLC0415

    from khuonha.plugins import default_host  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    on = None
    if args.on is not None:
        try:
            on = date.fromisoformat(args.on)
        except ValueError:
            print(f"khuonha: error: --on {args.on!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
            return 2
    host = default_host()
    if not host.unit_registries():
        print(
            "khuonha: error: no unit registry is installed (the khuonha-units plugin "
            "provides the national lists)",
            file=sys.stderr,
        )
        return 1
    registry = host.unit_registry()
    code = args.name.strip()
    units_by_code = code.isascii() and code.isdigit() and len(code) in (2, 3, 5)
    if units_by_code:
        units = _by_code(registry, code, on, args.province)
    else:
        units = list(registry.resolve(args.name, on=on, province=args.province))
    rows = [record(registry, u) for u in units]
    if args.json:
        print_json(rows)
    elif rows:
        from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        sys.stdout.write(_table(rows))
        sys.stdout.flush()
        for row in rows:
            if row["note"] is not None:
                print(
                    shown(f"khuonha: note: {row['code']} {row['name']}: {row['note']}"),
                    file=sys.stderr,
                )
    if not rows:
        where = "" if args.province is None else f" in province {args.province!r}"
        when = "" if on is None else f" on {on.isoformat()}"
        named = "with code" if units_by_code else "named"
        print(f"khuonha: no unit {named} {args.name!r}{where}{when}", file=sys.stderr)
        return 1
    return 0
