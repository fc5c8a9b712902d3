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
from collections.abc import Iterable, Sequence

from khuonha._version import __version__
from khuonha.cli.commands import COMMANDS
from khuonha.exceptions import KhuonhaError

__all__ = ["main", "run"]

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_BUG = 70


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it (``COLUMNS`` first)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter and width, without importing :mod:`shutil` for the width.

    :mod:`shutil` brings :mod:`bz2`, :mod:`lzma` and :mod:`fnmatch`: about 3 ms of the
    15 ms ``khuonha --help`` spends beyond the interpreter's own start.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)


def build_parser(full: Iterable[str] = COMMANDS) -> argparse.ArgumentParser:
    """Build the argument parser: every subcommand, those in *full* with their options.

    A subcommand not in *full* is listed with its help line only (from
    :data:`~khuonha.cli.commands.COMMANDS`), so its module is not imported:
    ``khuonha --help`` imports none, ``khuonha export ...`` only ``export``'s.
    """
    parser = argparse.ArgumentParser(
        prog="khuonha",
        formatter_class=_HelpFormatter,
        description="Data of the all-people movement for protecting national security "
        "(Phong trào toàn dân bảo vệ an ninh Tổ quốc): validate, assess, export.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback for every error")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = set(full)
    for name, help_line in COMMANDS.items():
        if name in wanted:
            importlib.import_module(f"khuonha.cli.{name}").register(sub)
        else:
            sub.add_parser(name, help=help_line, formatter_class=_HelpFormatter)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand *argv* names: its first word that is not an option of ``khuonha`` itself.

    Every option of ``khuonha`` itself (``-h``, ``--debug``, ``--version``) is a flag
    without a value, so the first other word is the command (or a mistake argparse reports).
    """
    for i, word in enumerate(argv):
        if word == "--":
            return argv[i + 1] if i + 1 < len(argv) else None
        if word == "-" or not word.startswith("-"):
            return word
    return None


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


def _print_traceback() -> None:
    """The traceback of the error being handled, on stderr."""
    import traceback  # noqa: PLC0415 - only after an error: keeps --help fast

    traceback.print_exc()


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
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(COMMANDS.keys() & {command_named(words)})
    args = parser.parse_args(words)
    from khuonha.cli._io import (  # noqa: PLC0415 - loaded only when a command runs: keeps --help fast
        StdoutError,
        UsageError,
        exhausted_while,
        write_text,
    )

    debug = bool(args.debug or os.environ.get("KHUONHA_DEBUG"))
    if args.version:
        try:
            write_text(f"khuonha {__version__}\n")
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
            _print_traceback()
        _error(str(exc))
        return EXIT_USAGE
    except StdoutError as exc:
        _silence_stdout()
        _error(str(exc))
        return EXIT_DATA
    except KhuonhaError as exc:
        if debug:
            _print_traceback()
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
        _print_traceback()
        print(
            "khuonha: internal error (a bug in khuonha or a plugin); please report it",
            file=sys.stderr,
        )
        return EXIT_BUG
    return code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
