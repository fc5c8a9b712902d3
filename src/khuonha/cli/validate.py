"""``khuonha validate FILE...``: check documents, one line per problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khuonha.cli._io import add_input_options


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "validate",
        help="check dataset files; print FILE: $.path: reason per problem",
        description="Check dataset JSON files. Exit 0 when all are valid, 1 when not. "
        "Each problem is printed on stdout as 'FILE: $.json.path: reason'.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a JSON file, or - for stdin")
    add_input_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; report every problem.

    Unreadable input counts as invalid and is reported like any problem,
    ``FILE: $: cannot read: …``; text from the data is shown escaped.
    """
    from khuonha.cli._io import input_error_lines, max_input_size, read_dataset, write_text  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    limit = max_input_size(args)
    failed = 0
    for name in args.files:
        try:
            read_dataset(name, limit)
        except DecodeError as exc:
            failed += 1
            write_text("".join(shown(line) + "\n" for line in input_error_lines(name, exc)))
    if failed:
        print(f"khuonha: {failed} of {len(args.files)} file(s) invalid", file=sys.stderr)
        return 1
    return 0
