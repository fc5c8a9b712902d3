"""Reading input and writing stdout for every subcommand, each in one place.

**Input.** Every command that reads a dataset reads it with :func:`read_input`:
in chunks of 1 MiB, under a size limit, checking each chunk as it comes, so
``khuonha validate /dev/zero`` or ``/dev/urandom`` stops at the first chunk
instead of reading gigabytes. Unreadable input is reported in one format,
``FILE: $: reason`` (``khuonha: error: FILE: $: reason`` on stderr):

- ``cannot read: No such file or directory`` (or ``Permission denied``,
  ``it is a directory``);
- ``not UTF-8 text (byte N)`` (the first chunk is checked as it comes, the
  rest when the whole is decoded, once), with a hint when the bytes look like UTF-16 or
  UTF-32 (a byte-order mark, or NUL bytes between characters);
- ``not JSON text: a NUL byte at byte N`` (JSON never holds a raw NUL);
- ``larger than the input size limit of 1 GiB …``.

The limit is, first found: ``--max-input-size`` (``500M``, ``2G``, ``1048576``;
binary multiples), the environment variable ``KHUONHA_MAX_INPUT_SIZE``, then
:data:`DEFAULT_MAX_INPUT_SIZE`.

**Stdout.** Commands write with :func:`write_stdout` / :func:`write_text`; a
closed or full stdout, or a reader that went away, raises :class:`StdoutError`,
which the command line reports in one line (exit 1).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from khuonha.exceptions import DecodeError, KhuonhaError

#: The input size limit without ``--max-input-size`` or ``KHUONHA_MAX_INPUT_SIZE``: 1 GiB.
DEFAULT_MAX_INPUT_SIZE = 1 << 30
#: The environment variable that sets the input size limit.
MAX_INPUT_SIZE_ENV = "KHUONHA_MAX_INPUT_SIZE"
#: Input is read and checked in chunks of this many bytes.
CHUNK = 1 << 20

_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)

#: What the command is doing, for the out-of-memory message (see :func:`doing`).
_activity: list[str] = []
#: What the command was doing when memory ran out (the innermost activity).
_exhausted: list[str] = []


class UsageError(KhuonhaError):
    """The command line was used wrongly (exit code 2)."""

    code = "usage_error"


class InputError(DecodeError):
    """Input could not be read: missing, a directory, not permitted, not UTF-8, too big."""

    code = "input_unreadable"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__([f"$: {reason}"])


class StdoutError(KhuonhaError):
    """Stdout is closed or full, or its reader went away."""

    code = "stdout_failed"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)

    def __str__(self) -> str:
        return f"cannot write to stdout: {self.reason}"


def parse_size(text: str) -> int:
    """Bytes from a human size: ``500M``, ``1.5G``, ``2GiB``, ``64k``, ``1048576``.

    >>> parse_size("500M"), parse_size("1G"), parse_size("10kb"), parse_size("123")
    (524288000, 1073741824, 10240, 123)
    """
    match = _SIZE.fullmatch(text)
    if not match:
        msg = f"expected a size such as 500M, 2G or 1048576, got {text!r}"
        raise ValueError(msg)
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size <= 0:
        msg = f"the size must be above 0, got {text!r}"
        raise ValueError(msg)
    return size


def human_size(size: int) -> str:
    """``1 GiB``, ``500 MiB``, ``12.3 MiB``, ``800 bytes``.

    >>> human_size(1 << 30), human_size(500 << 20), human_size(800)
    ('1 GiB', '500 MiB', '800 bytes')
    """
    for unit, factor in (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def _size_argument(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-input-size`` to a subcommand that reads datasets."""
    parser.add_argument(
        "--max-input-size",
        type=_size_argument,
        default=None,
        metavar="SIZE",
        help=f"refuse input larger than SIZE (500M, 2G; default: ${MAX_INPUT_SIZE_ENV} or 1G)",
    )


def max_input_size(args: argparse.Namespace | None = None) -> int:
    """The input size limit: the flag, then the environment variable, then the default."""
    given = getattr(args, "max_input_size", None)
    if given is not None:
        return int(given)
    env = os.environ.get(MAX_INPUT_SIZE_ENV, "").strip()
    if not env:
        return DEFAULT_MAX_INPUT_SIZE
    try:
        return parse_size(env)
    except ValueError as exc:
        raise UsageError(f"{MAX_INPUT_SIZE_ENV}: {exc}") from None


@contextlib.contextmanager
def doing(what: str) -> Iterator[None]:
    """Name what the command is doing, for the message when memory runs out."""
    _activity.append(what)
    try:
        yield
    except MemoryError:
        if not _exhausted:
            _exhausted.append(what)
        raise
    finally:
        _activity.pop()


def exhausted_while() -> str | None:
    """What the command was doing when memory ran out (and forget it), or ``None``."""
    what = _exhausted[0] if _exhausted else (_activity[-1] if _activity else None)
    _exhausted.clear()
    return what


def source_name(name: str) -> str:
    """How input *name* is shown in messages (``-`` is ``<stdin>``)."""
    return "<stdin>" if name == "-" else name


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.EISDIR:
        return "it is a directory"
    return exc.strerror or str(exc) or type(exc).__name__


def _encoding_hint(head: bytes) -> str | None:
    """The encoding *head* (the first bytes of the input) looks like, if UTF-16 or UTF-32."""
    boms = (
        (codecs.BOM_UTF32_LE, "UTF-32", "little-endian, with a byte-order mark"),
        (codecs.BOM_UTF32_BE, "UTF-32", "big-endian, with a byte-order mark"),
        (codecs.BOM_UTF16_LE, "UTF-16", "little-endian, with a byte-order mark"),
        (codecs.BOM_UTF16_BE, "UTF-16", "big-endian, with a byte-order mark"),
    )
    found = next(((enc, how) for bom, enc, how in boms if head.startswith(bom)), None)
    if found is None and len(head) >= 4 and any(head[:4]):
        pattern = (head[0] == 0, head[1] == 0, head[2] == 0, head[3] == 0)
        found = {
            (False, True, True, True): ("UTF-32", "little-endian"),
            (True, True, True, False): ("UTF-32", "big-endian"),
            (False, True, False, True): ("UTF-16", "little-endian"),
            (True, False, True, False): ("UTF-16", "big-endian"),
        }.get(pattern)
    if found is None:
        return None
    encoding, how = found
    return (
        f"it looks like {encoding} ({how}); save it as UTF-8, "
        f"or convert it: iconv -f {encoding} -t UTF-8 FILE > FILE-utf8.json"
    )


class _Checker:
    """Checks input chunk by chunk: UTF-8, no NUL byte, the size limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def too_big(self) -> str:
        return (
            f"larger than the input size limit of {human_size(self.limit)}; "
            f"raise it with --max-input-size or {MAX_INPUT_SIZE_ENV}"
        )

    def check(self, chunk: bytes) -> str | None:
        """The reason the input is refused, or ``None``."""
        start = self.size
        self.size += len(chunk)
        if start == 0 and chunk:
            hint = _encoding_hint(chunk[:4])
            if hint is not None:
                return f"not UTF-8 text: {hint}"
        if self.size > self.limit:
            return self.too_big()
        if start == 0:  # binary input fails here; the rest is decoded once, at the end
            try:
                self._decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return f"not UTF-8 text (byte {exc.start})"
        nul = chunk.find(b"\0")
        if nul >= 0:
            return f"not JSON text: a NUL byte at byte {start + nul}"
        return None


def read_input(
    name: str,
    limit: int = DEFAULT_MAX_INPUT_SIZE,
    progress: Callable[[int, int | None], None] | None = None,
) -> bytes:
    """Read input *name* (``-`` for stdin) whole, checking it chunk by chunk.

    Raises :class:`InputError` (a :class:`~khuonha.exceptions.DecodeError`
    with one line ``$: reason``) when it cannot be read, is not UTF-8, holds a
    NUL byte or is larger than *limit* bytes; *progress* is called with the
    bytes read so far and the total when known.
    """
    shown = source_name(name)
    with doing(f"reading {shown!r}"):
        try:
            if name == "-":
                if sys.stdin is None:
                    raise InputError(shown, "cannot read: stdin is closed")
                return _read(sys.stdin.buffer, shown, limit, None, progress)
            with open(name, "rb") as stream:
                info = os.fstat(stream.fileno())
                if stat.S_ISDIR(info.st_mode):
                    raise InputError(shown, "cannot read: it is a directory")
                total = info.st_size if stat.S_ISREG(info.st_mode) else None
                return _read(stream, shown, limit, total, progress)
        except OSError as exc:
            raise InputError(shown, f"cannot read: {_os_reason(exc)}") from None


def _read(
    stream: IO[bytes],
    shown: str,
    limit: int,
    total: int | None,
    progress: Callable[[int, int | None], None] | None,
) -> bytes:
    checker = _Checker(limit)
    if total is not None and total > limit:
        hint = _encoding_hint(stream.read(4))
        raise InputError(shown, f"not UTF-8 text: {hint}" if hint else checker.too_big())
    chunks: list[bytes] = []
    while chunk := stream.read(CHUNK):
        reason = checker.check(chunk)
        if reason is not None:
            raise InputError(shown, reason)
        chunks.append(chunk)
        if progress is not None:
            progress(checker.size, total)
    return b"".join(chunks)


def decode_text(name: str, data: bytes) -> str:
    """*data* read from *name* as UTF-8 text, decoded once; a UTF-8 BOM is dropped."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return str(memoryview(data)[start:], "utf-8") if start else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (byte {start + exc.start})"
        raise InputError(source_name(name), reason) from None


def read_dataset(name: str | None, limit: int = DEFAULT_MAX_INPUT_SIZE) -> Any:
    """Read a dataset from *name* (``-`` for stdin); ``None`` gives the bundled sample."""
    if name is None:
        from khuonha.codec.samples import sample  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        return sample()
    from khuonha.cli._progress import Progress  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.codec.core import loads  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    shown = source_name(name)
    with Progress(f"reading {shown}") as bar:
        data = read_input(name, limit, bar.bytes)
        bar.step(f"checking {shown}")
        with doing(f"decoding {shown!r} ({human_size(len(data))} of JSON)"):
            text = decode_text(name, data)
            del data  # the text alone from here on
            return loads(text)


def input_error_lines(name: str | None, exc: DecodeError) -> list[str]:
    """The lines reporting bad input *name*: ``FILE: $.path: reason`` each."""
    shown = "<sample>" if name is None else source_name(name)
    return [f"{shown}: {line}" for line in exc.lines]


def _stdout_reason(exc: BaseException) -> str:
    if isinstance(exc, BrokenPipeError) or getattr(exc, "errno", None) == errno.EPIPE:
        return "the reader went away (broken pipe)"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "no space left on the device"
        if exc.errno == errno.EBADF:
            return "stdout is closed"
        return exc.strerror or str(exc)
    return "stdout is closed"


@contextlib.contextmanager
def stdout_errors() -> Iterator[None]:
    """Turn a failed write to stdout into :class:`StdoutError`."""
    try:
        yield
    except (OSError, ValueError) as exc:
        raise StdoutError(_stdout_reason(exc)) from exc


def write_all(stream: IO[bytes], data: bytes) -> None:
    """Write all of *data* to *stdout-like* *stream*, then flush; a failure raises.

    A buffered stream reports a short write (a file-size limit, a full disk)
    as a smaller count, not an error: writing the rest raises the error.
    """
    with stdout_errors():
        view = memoryview(data)
        while view:
            written = stream.write(view)
            if not written:
                raise StdoutError("nothing could be written")
            view = view[written:]
        stream.flush()


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout and flush; a failure raises :class:`StdoutError`."""
    if sys.stdout is None:
        raise StdoutError("stdout is closed")
    write_all(sys.stdout.buffer, data)


def write_text(text: str) -> None:
    """Write text to stdout (UTF-8) and flush; a failure raises :class:`StdoutError`."""
    write_stdout(text.encode("utf-8", "surrogateescape"))


def print_json(obj: Any) -> None:
    """Print a plain JSON value, pretty, UTF-8."""
    import json  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    write_stdout((json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
