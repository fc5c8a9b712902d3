"""``khuonha enrich FILE [-o OUT]``: fill in the codes of units a dataset names without them."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khuonha.cli._io import add_from_option, add_input_options
from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``enrich`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "enrich",
        help=COMMANDS["enrich"],
        description="Look each administrative unit FILE names without a code up in the "
        "installed unit registries (khuonha-units), by name, kind, parent, province and the "
        "dataset's date, and fill in its code where exactly one unit fits, marking it "
        "code_source 'registry'. A unit several fit is left unchanged for review: its note "
        "lists the candidates. Writes the document to OUT (replaced only when complete) or "
        "stdout; what was filled in, and what needs review, is reported on stderr. Exit 0 "
        "when the document was written, 1 for bad input or when no unit registry is installed.",
    )
    p.add_argument("file", metavar="FILE", help="a dataset file (JSON …), - for stdin")
    p.add_argument(
        "-o", "--output", metavar="OUT", help="write the enriched document here (default: stdout)"
    )
    add_input_options(p)
    add_from_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Enrich the dataset; write it; report each unit on stderr."""
    from khuonha.cli._io import (  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
        input_error_lines,
        max_input_size,
        read_dataset,
        write_stdout,
    )
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.codec.core import dumps  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins import default_host  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.atomic import atomic_write  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.enrich import describe, enrich_units  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    host = default_host()
    if not host.unit_registries():
        print(
            "khuonha: error: enrich needs a unit registry, and none is installed (the "
            "khuonha-units plugin provides the national lists)",
            file=sys.stderr,
        )
        return 1
    registry = host.unit_registry()
    try:
        dataset = read_dataset(args.file, max_input_size(args), getattr(args, "importer", None))
    except DecodeError as exc:
        for line in input_error_lines(args.file, exc):
            print(f"khuonha: error: {shown(line)}", file=sys.stderr)
        return 1
    result = enrich_units(dataset, registry)
    data = dumps(result.dataset)
    if args.output:
        with atomic_write(args.output) as stream:
            stream.write(data)
    else:
        write_stdout(data if data.endswith(b"\n") else data + b"\n")
    lines = []
    for fill in result.fills:
        head = f"khuonha enrich: {fill.path} {fill.unit.name!r}"
        if fill.outcome == "filled":
            lines.append(f"{head}: filled in {describe(registry, fill.candidates[0])}")
            continue
        what = "review" if fill.outcome == "review" else "not found"
        lines.append(f"{head}: {what}: {fill.reason}")
        lines.extend(
            f"khuonha enrich:     candidate {describe(registry, c)}" for c in fill.candidates
        )
    if result.span is None and result.fills:
        lines.append(
            "khuonha enrich: note: the dataset gives no date (report_date, period, news or "
            "events): units of both code lists were candidates"
        )
    uncoded = len(result.fills)
    lines.append(
        f"khuonha enrich: filled in {len(result.filled)} of {uncoded} unit(s) without a code; "
        f"{len(result.review)} left for review, {len(result.not_found)} not found"
    )
    for line in lines:
        print(shown(line), file=sys.stderr)
    return 0
