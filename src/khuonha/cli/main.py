"""The ``khuonha`` command line.

Every subcommand lives in :mod:`khuonha.cli` and returns an exit code;
this module maps errors to exit codes in one place:

====  ==========================================================
0     success
1     a problem with the user's data or output (invalid input, export or plugin failure)
2     usage error (unknown option, missing argument)
70    a bug (anything that is not a :class:`~khuonha.exceptions.KhuonhaError`); traceback shown
====  ==========================================================
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from khuonha.cli.commands import COMMANDS
from khuonha.exceptions import KhuonhaError

__all__ = ["main", "run"]

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_BUG = 70


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="khuonha",
        description="Data of the all-people movement for protecting national security "
        "(Phong trào toàn dân bảo vệ an ninh Tổ quốc): validate, assess, export.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback for every error")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"khuonha.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(args.debug or os.environ.get("KHUONHA_DEBUG"))
    if args.version:
        from importlib.metadata import version  # noqa: PLC0415 - only for --version

        print(f"khuonha {version('khuonha')}")
        return EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from khuonha.plugins.host import log_to_stderr  # noqa: PLC0415 - plugin warnings on stderr

    log_to_stderr()
    try:
        code: int = args.func(args)
    except KhuonhaError as exc:
        if debug:
            traceback.print_exc()
        print(f"khuonha: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("khuonha: interrupted", file=sys.stderr)
        return 130
    except Exception:  # a bug: show it
        traceback.print_exc()
        print(
            "khuonha: internal error (a bug in khuonha or a plugin); please report it",
            file=sys.stderr,
        )
        return EXIT_BUG
    return code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
