"""``khuonha sample [NAME]``: print a bundled dataset as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from khuonha.cli._io import write_stdout
from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``sample`` subcommand."""
    from khuonha.data import SAMPLES  # noqa: PLC0415 - the names only: keeps --help fast

    p: argparse.ArgumentParser = sub.add_parser(
        "sample",
        help=COMMANDS["sample"],
        description="Print a bundled dataset as canonical JSON.",
    )
    p.add_argument("name", nargs="?", default="khuon-ha-2022", choices=sorted(SAMPLES))
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the sample."""
    from khuonha.codec.core import dumps  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.codec.samples import sample  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    data = dumps(sample(args.name), pretty=args.pretty)
    write_stdout(data if args.pretty else data + b"\n")
    return 0
