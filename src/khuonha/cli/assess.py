"""``khuonha assess [FILE] [--cycle YEAR] [--json] [--lang vi|en]``: assess units with evidence.

Prints, for each unit with evidence, its result and every criterion's status
and reason, then its procedure findings (TT 124 Điều 9–10: dossier gaps,
deadlines passed, who decides), then the recognitions per commune and unit
type (from the assessments and the recorded recognitions alike). Reasons are
in Vietnamese with ``--lang vi`` and in English otherwise; JSON carries both.
Exits 0 whatever the results, 1 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from khuonha.cli._io import add_from_option, add_input_options, print_json
from khuonha.cli.commands import COMMANDS

if TYPE_CHECKING:
    from khuonha.rules import Assessment, Finding, RecognitionSummary


def register(sub: Any) -> None:
    """Add the ``assess`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "assess",
        help=COMMANDS["assess"],
        description='Assess every unit that has evidence against the standard "An toàn về an '
        'ninh, trật tự" and summarise recognitions per commune. Exit 0 whatever the results, '
        "1 on bad input.",
    )
    p.add_argument("file", nargs="?", help="dataset file (JSON, JSON Lines …), - for stdin")
    p.add_argument(
        "--cycle",
        type=int,
        default=None,
        metavar="YEAR",
        help="only this assessment cycle (the year assessed)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_from_option(p)
    p.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=None,
        help="write unit types, results, statuses and reasons in this language "
        "(default: slugs and English reasons); JSON output keeps the slugs and both reasons",
    )
    add_input_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Assess and print."""
    from khuonha.cli._io import (  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
        doing,
        input_error_lines,
        max_input_size,
        read_dataset,
        write_text,
    )
    from khuonha.cli._progress import Progress  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.rules import assess_dataset, summarise  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    try:
        ds = read_dataset(args.file, max_input_size(args), getattr(args, "importer", None))
    except DecodeError as exc:
        for line in input_error_lines(args.file, exc):
            print(f"khuonha: error: {shown(line)}", file=sys.stderr)
        return 1
    with doing(f"assessing {ds.slug!r}"), Progress(f"assessing {shown(ds.slug)}") as bar:
        if len(ds.areas) + len(ds.units) > 1000:
            bar.draw(f"{len(ds.units)} units, {len(ds.areas)} areas", force=True)
        assessments = assess_dataset(ds, args.cycle)
        summaries = summarise(ds, assessments, args.cycle)
    if args.json:
        print_json(
            {
                "dataset": ds.slug,
                "cycle": args.cycle,
                "assessments": [_assessment(a) for a in assessments],
                "summaries": [_summary(s) for s in summaries],
            }
        )
    else:
        write_text(_table(ds.title, assessments, summaries, getattr(args, "lang", None)))
    return 0


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.criterion,
        "clause": f.clause,
        "status": f.status.value,
        "reason": f.reason,
        "reason_vi": f.reason_vi,
        "unverified": f.unverified,
    }


def _assessment(a: Assessment) -> dict[str, Any]:
    return {
        "unit": a.unit,
        "unit_type": a.unit_type.value,
        "cycle": a.cycle,
        "basis": a.basis,
        "result": a.result.value,
        "window": None
        if a.window is None
        else {
            "start": a.window.start.isoformat() if a.window.start else None,
            "end": a.window.end.isoformat() if a.window.end else None,
        },
        "reason": a.reason,
        "reason_vi": a.reason_vi,
        "criteria": [_finding(f) for f in a.findings],
        "procedure": [_finding(f) for f in a.procedure],
    }


def _summary(s: RecognitionSummary) -> dict[str, Any]:
    return {
        "commune": s.commune,
        "unit_type": s.unit_type.value,
        "cycle": s.cycle,
        "recognised": s.recognised,
        "total": s.total,
    }


def _table(
    title: str,
    assessments: tuple[Assessment, ...],
    summaries: tuple[RecognitionSummary, ...],
    lang: str | None = None,
) -> str:
    from khuonha.cli._show import shown as safe  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.labels import label  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.rules import FindingStatus  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    def show(value: Enum) -> str:
        return str(value.value) if lang is None else label(value, lang)

    def why(f: Finding) -> str:
        return safe(f.reason_vi or f.reason if lang == "vi" else f.reason)

    width = max(len(show(s)) for s in FindingStatus)

    lines = [safe(title), ""]
    if assessments:
        rows = [("unit", "type", "cycle", "basis", "result")]
        rows += [
            (safe(a.unit), show(a.unit_type), str(a.cycle), safe(a.basis), show(a.result))
            for a in assessments
        ]
        lines += _columns(rows)
        for a in assessments:
            lines += ["", f"{safe(a.unit)} ({a.cycle}): {show(a.result)}"]
            if a.reason:
                lines.append(f"  {safe(a.reason_vi or a.reason if lang == 'vi' else a.reason)}")
            else:
                lines += [
                    f"  {show(f.status):<{width}} {safe(f.clause)}: {why(f)}" for f in a.findings
                ]
            if a.procedure:
                lines.append("  " + ("Thủ tục (Điều 9–10):" if lang == "vi" else "Procedure:"))
                lines += [
                    f"  {show(f.status):<{width}} {safe(f.clause)}: {why(f)}" for f in a.procedure
                ]
    else:
        lines.append("No evidence to assess.")
    lines += ["", "Recognised (đạt chuẩn)"]
    rows = [("commune", "type", "cycle", "recognised", "total")]
    rows += [
        (
            safe(s.commune or "-"),
            show(s.unit_type),
            "-" if s.cycle is None else str(s.cycle),
            str(s.recognised),
            "-" if s.total is None else str(s.total),
        )
        for s in summaries
    ]
    lines += _columns(rows)
    return "\n".join(lines) + "\n"


def _columns(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
