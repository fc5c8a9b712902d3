"""``khuonha period TEXT``: read a period the way reports write it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``period`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "period",
        help=COMMANDS["period"],
        description="Read a period as Vietnamese reports write it and print its first and "
        "last day (both included). Exit 1 when the text is not a period.",
    )
    p.add_argument("text", metavar="TEXT", help="the period, e.g. 'quý III/2022'")
    p.add_argument(
        "--reference",
        metavar="YYYY-MM-DD",
        help="the date relative phrases refer to (publication date): 'ngày 10/8', 'đến nay'",
    )
    p.add_argument(
        "--convention",
        choices=("calendar", "reporting"),
        default="calendar",
        help="calendar (default) or reporting (data cut-offs of Nghị định 09/2019/NĐ-CP)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=None,
        help="write the period, its precision and its convention in this language "
        "(default: the period in Vietnamese, the others as slugs); JSON keeps the slugs",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse the period; print it, or a one-line error."""
    from datetime import date  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    from khuonha.cli._io import write_text  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import PeriodParseError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.text import format_period, parse_period  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    reference = None
    if args.reference is not None:
        try:
            reference = date.fromisoformat(args.reference)
        except ValueError:
            print(
                f"khuonha: error: --reference {shown(repr(args.reference))} is not a date "
                "(YYYY-MM-DD)",
                file=sys.stderr,
            )
            return 2
    try:
        period = parse_period(args.text, reference=reference, convention=args.convention)
    except PeriodParseError as exc:
        print(
            shown(
                f"khuonha: error: cannot read a period from {exc.text[:200]!r}: {exc.reason} "
                f"(at character {exc.position})"
            ),
            file=sys.stderr,
        )
        return 1
    record = {
        "start": None if period.start is None else period.start.isoformat(),
        "end": None if period.end is None else period.end.isoformat(),
        "precision": period.precision.value,
        "label": period.label,
        "convention": period.convention.value,
    }
    if period.basis is not None:  # how dates the text does not write were read
        record["basis"] = period.basis
    if args.json:
        write_text(json.dumps(record, ensure_ascii=False) + "\n")
    elif getattr(args, "lang", None) is None:
        write_text(
            shown(
                f"{record['start'] or '…'} – {record['end'] or '…'}  {format_period(period)}  "
                f"({record['precision']}, {record['convention']})"
            )
            + "\n"
        )
    else:
        from khuonha.labels import label  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        write_text(
            shown(
                f"{record['start'] or '…'} – {record['end'] or '…'}  "
                f"{format_period(period, args.lang)}  "
                f"({label(period.precision, args.lang)}, {label(period.convention, args.lang)})"
            )
            + "\n"
        )
    if not args.json and period.basis is not None:
        write_text(shown(f"  basis: {period.basis}") + "\n")
    return 0
