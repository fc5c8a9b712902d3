"""``khuonha validate FILE...``: check documents, one line per problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khuonha.cli._io import add_from_option, add_input_options
from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "validate",
        help=COMMANDS["validate"],
        description="Check dataset files. Exit 0 when all are valid, 1 when not. Each problem "
        "is printed on stdout as 'FILE: location: reason' (a JSON path, a line, a cell). JSON "
        "Lines are checked line by line as they are read, so memory stays flat.",
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="a dataset file (JSON, JSON Lines …), - for stdin"
    )
    add_input_options(p)
    add_from_option(p)
    p.add_argument(
        "--units",
        action="store_true",
        help="also check the units against the installed unit registries (khuonha-units): "
        "a code and a name that disagree, a unit that did not exist on the dataset's date; "
        "printed as 'FILE: $.path: warning: reason', they do not change the exit code",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; report every problem.

    Unreadable input counts as invalid and is reported like any problem,
    ``FILE: $: cannot read: …``; text from the data is shown escaped.
    """
    from khuonha.cli._io import (  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
        importer_for,
        input_error_lines,
        max_input_size,
        read_dataset,
        source_name,
        write_text,
    )
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
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
    limit = max_input_size(args)
    failed = 0
    fmt = getattr(args, "importer", None)
    for name in args.files:
        try:
            importer = importer_for(name, fmt)
            if importer.streams and name != "-" and registry is None:
                from khuonha.plugins.importer import iter_checked_with, iter_with  # noqa: PLC0415 - keeps --help fast

                # flat memory: every line checked, and the references between records
                # (a set of ids per record type; dangling ones reported with their line)
                stream = (
                    iter_checked_with(importer, name)
                    if hasattr(importer, "iter_checked")
                    else iter_with(importer, name)
                )
                for _item in stream:
                    pass
                continue
            dataset = read_dataset(name, limit, fmt)
        except DecodeError as exc:
            failed += 1
            write_text("".join(shown(line) + "\n" for line in input_error_lines(name, exc)))
            continue
        if registry is not None:
            from khuonha.plugins.units import check_units  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

            lines = []
            for line in check_units(dataset, registry):
                path, _, reason = line.partition(": ")
                lines.append(shown(f"{source_name(name)}: {path}: warning: {reason}") + "\n")
            write_text("".join(lines))
    if failed:
        print(f"khuonha: {failed} of {len(args.files)} file(s) invalid", file=sys.stderr)
        return 1
    return 0
