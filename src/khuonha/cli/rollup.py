"""``khuonha rollup FILE... --level commune|province [--period TEXT] [--compare cung-ky]``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khuonha.cli._io import add_input_options
from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``rollup`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "rollup",
        help=COMMANDS["rollup"],
        description="Add up the figures of one or more datasets per unit and indicator, keeping "
        "qualifiers honest ('trên 2.500' + 300 is 'trên 2.800'). Communes merged on 1/7/2025 count "
        "under the commune that took them over. Without --period, each dataset's figures count "
        "as they are. Exit 0 with a table (or JSON), 1 for bad input.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="dataset files, - for stdin")
    p.add_argument("--level", choices=("commune", "province"), default="commune")
    p.add_argument(
        "--period", metavar="TEXT", help="the period to total, as reports write it ('năm 2025')"
    )
    p.add_argument(
        "--compare",
        choices=("cung-ky",),
        help="set each total beside the same period a year earlier (needs --period)",
    )
    p.add_argument(
        "--form",
        choices=("bm01",),
        help="fill a report form instead (bm01: Biểu mẫu 01 of the grassroots force), "
        "one row per commune and the TỔNG CỘNG row",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="with --form: write the form to FILE in the format its suffix names (.xlsx)",
    )
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the labels")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_input_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Total the datasets; print the table or the JSON object."""
    from khuonha.cli._io import (  # noqa: PLC0415 - keeps --help fast
        input_error_lines,
        max_input_size,
        print_json,
        read_dataset,
        write_text,
    )
    from khuonha.cli._show import shown  # noqa: PLC0415 - keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - keeps --help fast
    from khuonha.rollups import rollup  # noqa: PLC0415 - loaded only when the command runs
    from khuonha.text import parse_period  # noqa: PLC0415 - loaded only when the command runs

    if args.compare and not args.period:
        print("khuonha rollup: error: --compare cung-ky needs --period", file=sys.stderr)
        return 2
    period = parse_period(args.period) if args.period else None
    limit = max_input_size(args)
    datasets = []
    for name in args.files:
        try:
            datasets.append(read_dataset(name, limit))
        except DecodeError as exc:
            for line in input_error_lines(name, exc):
                print(f"khuonha: error: {shown(line)}", file=sys.stderr)
            return 1
    moved, names = _reorganisation(datasets)
    if args.form:
        return _form(args, datasets, period)
    if args.output:
        print("khuonha rollup: error: -o needs --form", file=sys.stderr)
        return 2
    result = rollup(
        datasets,
        level=args.level,
        period=period,
        compare=args.compare,
        reorganisation=moved,
        unit_names=names,
    )
    if args.json:
        print_json(result.as_dict(args.lang))
        return 0
    en = args.lang == "en"
    lines = []
    for row in result.rows:
        line = (
            f"{row.unit_name}\t{row.indicator.label(args.lang)}\t"
            f"{row.total.describe(args.lang)} {row.indicator.unit}"
        )
        if row.comparison is not None:
            prev = row.comparison.previous.describe(args.lang)
            pct = row.comparison.percent
            change = "" if pct is None else f" ({pct:+g}%)"
            line += f"\t{'same period last year' if en else 'cùng kỳ'}: {prev}{change}"
        lines.append(line)
    for _key, name in result.silent:
        lines.append(f"{name}\t{'reported nothing' if en else 'không có số liệu'}")
    # Tabs separate the columns; everything else from the data is shown escaped.
    write_text("".join("\t".join(map(shown, line.split("\t"))) + "\n" for line in lines))
    for note in result.notes:
        print(shown(f"khuonha: note: {note}"), file=sys.stderr)
    return 0


def _reorganisation(datasets: list[Any]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Old commune code → successor codes, from the installed unit registries (if any)."""
    from khuonha.model import CodeScheme, UnitLevel  # noqa: PLC0415 - keeps --help fast
    from khuonha.plugins import default_host  # noqa: PLC0415 - plugins load only when needed

    registry = default_host().unit_registry()
    moved: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for ds in datasets:
        for unit in ds.units:
            if unit.scheme is not CodeScheme.PRE_2025 or unit.level is not UnitLevel.COMMUNE:
                continue
            if unit.successors or not unit.code or unit.code in moved:
                continue
            known = registry.find(unit.code, CodeScheme.PRE_2025)
            if known is None or not known.successors:
                continue
            codes = []
            for ref in known.successors:
                new = registry.get(ref)
                if new is not None and new.code is not None:
                    codes.append(new.code)
                    names[new.code] = new.name
            if codes:
                moved[unit.code] = codes
    return moved, names


def _form(args: argparse.Namespace, datasets: list[Any], period: Any) -> int:
    """Fill the form; write it to -o (by suffix) or print it as tab-separated text."""
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs
    from khuonha.rollups import form_table  # noqa: PLC0415 - loaded only when the command runs

    table = form_table(datasets, args.form, period=period)
    if args.output:
        from khuonha.plugins import export  # noqa: PLC0415 - plugins load only when needed

        export(table, None, args.output)
        print(args.output)
        return 0
    print(shown(table.form.title))
    print(shown(table.period_text))
    print("\t".join(["STT", table.form.unit_header, *(c.header for c in table.form.columns)]))
    for n, row in enumerate(table.rows, start=1):
        cells = ["" if v is None else v.describe(args.lang) for v in row.values]
        print("\t".join([str(n), shown(row.unit_name), *cells]))
    totals = ["" if v is None else v.describe(args.lang) for v in table.total]
    print("\t".join(["", table.form.total_label, *totals]))
    return 0
