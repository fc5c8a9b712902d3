"""``khuonha validate FILE...``: check documents, one line per problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khuonha.cli._io import read_bytes


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "validate",
        help="check dataset files; print FILE: $.path: reason per problem",
        description="Check dataset JSON files. Exit 0 when all are valid, 1 when not. "
        "Each problem is printed on stdout as 'FILE: $.json.path: reason'.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a JSON file, or - for stdin")
    p.add_argument(
        "--units",
        action="store_true",
        help="also check the units against the installed unit registries (khuonha-units): "
        "a code and a name that disagree, a unit that did not exist on the dataset's date; "
        "printed as 'FILE: $.path: warning: reason', they do not change the exit code",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; report every problem."""
    from khuonha.codec.core import loads  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    registry = None
    if getattr(args, "units", False):
        from khuonha.plugins import default_host  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        host = default_host()
        if not host.unit_registries():
            print(
                "khuonha: error: --units needs a unit registry (the khuonha-units plugin "
                "provides the national lists)",
                file=sys.stderr,
            )
            return 1
        registry = host.unit_registry()
    failed = 0
    for name in args.files:
        try:
            dataset = loads(read_bytes(name))
        except DecodeError as exc:
            failed += 1
            for line in exc.lines:
                sys.stdout.write(f"{name}: {line}\n")
            continue
        if registry is not None:
            from khuonha.plugins.units import check_units  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

            for line in check_units(dataset, registry):
                path, _, reason = line.partition(": ")
                sys.stdout.write(f"{name}: {path}: warning: {reason}\n")
    sys.stdout.flush()
    if failed:
        print(f"khuonha: {failed} of {len(args.files)} file(s) invalid", file=sys.stderr)
        return 1
    return 0
