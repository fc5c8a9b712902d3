"""The ``khuonha`` command line.

Every subcommand lives in :mod:`khuonha.cli` and returns an exit code;
this module maps errors to exit codes in one place:

====  ==========================================================
0     success
1     a problem with the user's data or output (invalid input, export or plugin failure)
2     usage error (unknown option, missing argument)
70    a bug (anything that is not a :class:`~khuonha.exceptions.KhuonhaError`); traceback shown
130   interrupted (Ctrl-C); 143: terminated (SIGTERM); temporary files are removed either way
====  ==========================================================

Stdout that is closed or full, or whose reader went away (``| head``), is an
error (exit 1, one line), never a silent exit 0: the output is incomplete.
Running out of memory is one line naming what was being read or decoded (exit 1).
Text from data in messages is shown escaped (see :mod:`khuonha.cli._show`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
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


class _Terminated(KeyboardInterrupt):
    """SIGTERM arrived: unwinds the stack so temporary files are removed on the way out.

    An interrupt, like Ctrl-C: the plugin host lets it through instead of charging
    it to the plugin that happened to be running.
    """


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise _Terminated


def _error(message: str) -> None:
    """One line on stderr, escaped; nothing if stderr is gone too."""
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    with contextlib.suppress(Exception):
        sys.stderr.write(f"khuonha: error: {shown(message)}\n")
        sys.stderr.flush()


def _silence_stdout() -> None:
    """After stdout failed: point it at the null device, so the exit flush cannot fail again."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    SIGTERM is handled like an interrupt while a command runs (temporary files
    are removed, exit 143); the previous handler is restored after.
    """
    previous = None
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _main(argv)
    except _Terminated:
        with contextlib.suppress(Exception):
            print("khuonha: terminated", file=sys.stderr)
        return 143
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    from khuonha.cli._io import StdoutError, UsageError, exhausted_while  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(args.debug or os.environ.get("KHUONHA_DEBUG"))
    if args.version:
        from importlib.metadata import version  # noqa: PLC0415 - only for --version

        from khuonha.cli._io import write_text  # noqa: PLC0415 - keeps --help fast

        try:
            write_text(f"khuonha {version('khuonha')}\n")
        except StdoutError as exc:
            _error(str(exc))
            return EXIT_DATA
        return EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from khuonha.plugins.host import log_to_stderr  # noqa: PLC0415 - plugin warnings on stderr

    log_to_stderr()
    try:
        code: int = args.func(args)
        if sys.stdout is not None:
            sys.stdout.flush()
    except UsageError as exc:
        if debug:
            traceback.print_exc()
        _error(str(exc))
        return EXIT_USAGE
    except StdoutError as exc:
        _silence_stdout()
        _error(str(exc))
        return EXIT_DATA
    except KhuonhaError as exc:
        if debug:
            traceback.print_exc()
        _error(str(exc))
        return EXIT_DATA
    except (BrokenPipeError, ConnectionResetError):
        # Written with print() somewhere: the reader went away. Never exit 0 for it:
        # the output is incomplete.
        _silence_stdout()
        _error("cannot write to stdout: the reader went away (broken pipe)")
        return EXIT_DATA
    except MemoryError:
        what = exhausted_while()
        _error(
            f"out of memory while {what or 'running ' + repr(args.command)}: "
            "the input is too big for the memory available"
        )
        return EXIT_DATA
    except KeyboardInterrupt as exc:
        if isinstance(exc, _Terminated):
            raise
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
