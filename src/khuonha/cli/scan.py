"""``khuonha scan TEXT``: every quantity and period in running report text."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from khuonha.cli.commands import COMMANDS

if TYPE_CHECKING:
    from khuonha.text import FoundPeriod, FoundQuantity

#: The most bytes ``khuonha scan`` reads (10 MB: about ten thousand report pages).
MAX_BYTES = 10_000_000
_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v")


def register(sub: Any) -> None:
    """Add the ``scan`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "scan",
        help=COMMANDS["scan"],
        description="Find every quantity ('trên 330 người', '100%% số hộ', '10/10 thôn') and "
        "every period ('Trong 7 tháng đầu năm 2025', 'từ năm 2016 đến nay') in report text, "
        "with their character offsets. Exit 1 when the text cannot be read.",
    )
    p.add_argument("text", metavar="TEXT", help="the text, or - to read it from stdin")
    p.add_argument(
        "--reference",
        metavar="YYYY-MM-DD",
        help="the date the text was written: the year of 'ngày 10/8', the end of 'đến nay'",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"khuonha: error: {message}", file=sys.stderr)
    return 1


def _read(name: str) -> str:
    """The text to scan (``-``: stdin); ValueError with a one-line reason when unreadable."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            data = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise ValueError("the text is not valid Unicode") from None
    if len(data) > MAX_BYTES:
        raise ValueError(f"the text is larger than {MAX_BYTES} bytes")
    if b"\x00" in data:
        raise ValueError("the text looks binary (it has NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"the text is not UTF-8 (byte {exc.start})") from None
    text = text.removeprefix("\ufeff")
    if sum(ch in _CONTROL for ch in text) * 100 > len(text):
        raise ValueError("the text looks binary (control characters)")
    if not text.strip():
        raise ValueError("the text is empty")
    return text


def quantity_record(found: FoundQuantity) -> dict[str, Any]:
    """One quantity as JSON (``qualifier`` is null for an exact figure)."""
    q = found.quantity
    return {
        "value": q.value,
        "qualifier": None if q.qualifier.value == "exact" else q.qualifier.value,
        "unit": q.unit,
        "total": q.total,
        "scope_count": q.scope_count,
        "scope_unit": q.scope_unit,
        "of": found.of,
        "text": found.text,
        "start": found.start,
        "end": found.end,
        "ambiguous": found.ambiguous,
        "reason": found.reason,
    }


def period_record(found: FoundPeriod) -> dict[str, Any]:
    """One period as JSON (dates null where open or unknown)."""
    p = found.period
    return {
        "start": None if p is None or p.start is None else p.start.isoformat(),
        "end": None if p is None or p.end is None else p.end.isoformat(),
        "precision": None if p is None else p.precision.value,
        "label": found.text if p is None else p.label,
        "kind": found.kind,
        "compound": found.compound,
        "text": found.text,
        "start_offset": found.start,
        "end_offset": found.end,
        "ambiguous": found.ambiguous,
        "reason": found.reason,
    }


def run(args: argparse.Namespace) -> int:
    """Scan the text; print what was found, or a one-line error."""
    import json  # noqa: PLC0415
    from datetime import date  # noqa: PLC0415

    from khuonha.exceptions import InvalidDataError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.text import scan  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    reference = None
    if args.reference is not None:
        try:
            reference = date.fromisoformat(args.reference)
        except ValueError:
            print(
                f"khuonha: error: --reference {args.reference!r} is not a date (YYYY-MM-DD)",
                file=sys.stderr,
            )
            return 2
    try:
        text = _read(args.text)
        result = scan(text, reference=reference)
    except (ValueError, InvalidDataError) as exc:
        return _fail(str(exc).splitlines()[0] if str(exc) else "cannot read the text")
    except OSError as exc:
        return _fail(f"cannot read stdin: {exc.strerror or exc}")
    quantities = [quantity_record(q) for q in result.quantities]
    periods = [period_record(p) for p in result.periods]
    if args.json:
        out = json.dumps({"quantities": quantities, "periods": periods}, ensure_ascii=False)
        sys.stdout.write(out + "\n")
        return 0
    lines = [f"quantities: {len(quantities)}"]
    for q in quantities:
        mark = "  ?" if q["ambiguous"] else ""
        unit = " ".join(str(part) for part in (q["unit"], q["of"]) if part)
        if q["total"] is not None:
            unit = f"/{q['total']} {unit}"
        lines.append(
            f"  {q['start']:>6}-{q['end']:<6} {q['value']!s:>10}  {q['qualifier'] or '':<9} "
            f"{unit:<24} {q['text']!r}{mark}"
        )
    lines.append(f"periods: {len(periods)}")
    for p in periods:
        mark = "  ?" if p["ambiguous"] else ""
        dates = f"{p['start'] or '…'} – {p['end'] or '…'}"
        lines.append(
            f"  {p['start_offset']:>6}-{p['end_offset']:<6} {dates:<25} {p['kind']:<11} "
            f"{p['text']!r}{mark}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
