"""``khuonha schema``: print the JSON Schema of the dataset document."""

from __future__ import annotations

import argparse
from typing import Any

from khuonha.cli._io import print_json
from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``schema`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help=COMMANDS["schema"],
        description="Print the JSON Schema (draft 2020-12) of the Dataset document.",
    )
    p.set_defaults(func=run)


def run(_args: argparse.Namespace) -> int:
    """Print the schema."""
    from khuonha.codec.schema import json_schema  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    print_json(json_schema())
    return 0
