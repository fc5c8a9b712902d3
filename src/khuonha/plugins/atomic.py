"""Atomic file output: a temporary file in the same directory, then a rename.

A failed or interrupted export leaves any earlier file untouched, and a
reader never sees half a file:

- the bytes go to ``.khuonha-tmp-<key>-<random>.tmp`` next to the target
  (hidden, and never ending in an output suffix, so it is never mistaken for
  output); ``<key>`` is derived from the target's name;
- on success the file is flushed, ``fsync``-ed and renamed over the target
  with :func:`os.replace` (atomic on POSIX and Windows), then the directory
  is synced;
- on any failure, ``KeyboardInterrupt`` included, the temporary file is
  removed and the error re-raised; an :class:`OSError` becomes
  :class:`~khuonha.exceptions.OutputError` naming the target;
- a temporary file left by a process that was killed is cleared by the next
  export to the same target. A live writer holds an advisory lock
  (``flock``) on its temporary file from before it is used until after the
  rename, and only unlocked files are removed, so a concurrent export's file
  is never removed. A writer that finds its new file removed in the instant
  before it locked it (by such a cleanup) makes another;
- a target that exists and is not a regular file or a directory (``/dev/null``,
  ``/dev/full``, a FIFO, a terminal) is opened and written directly, never
  replaced: there is nothing to keep atomic, and replacing a device node with
  a regular file would break it. A write error (``/dev/full``) is an
  :class:`~khuonha.exceptions.OutputError`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from khuonha.exceptions import OutputError

__all__ = [
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "KeepOpen",
    "atomic_write",
    "clear_stale",
    "temp_pattern",
]

#: Every temporary file starts with this; it is hidden on POSIX.
TEMP_PREFIX = ".khuonha-tmp-"
#: Every temporary file ends with this, never with an output suffix.
TEMP_SUFFIX = ".tmp"

#: errno values that mean "the output cannot be written", not "the exporter is broken".
OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS", "EACCES", "EPERM", "EPIPE")
    if hasattr(errno, name)
)

if sys.platform != "win32":  # advisory locks; on Windows an open file cannot be removed
    import fcntl


def _key(target: Path) -> str:
    return hashlib.sha256(target.name.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def temp_pattern(target: str | os.PathLike[str]) -> str:
    """The glob pattern of the temporary files of *target* (in its directory)."""
    return f"{TEMP_PREFIX}{_key(Path(target))}-*{TEMP_SUFFIX}"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc) or type(exc).__name__


def _lock(fd: int, *, block: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def clear_stale(target: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files that a killed export to *target* left; return them.

    A file whose writer is still alive (it holds its lock) is kept.
    """
    path = Path(target)
    removed: list[Path] = []
    try:
        candidates = sorted(path.parent.glob(temp_pattern(path)))
    except OSError:
        return removed
    for candidate in candidates:
        try:
            fd = os.open(candidate, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode) or not _lock(fd, block=False):
                continue
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
        finally:
            os.close(fd)
    return removed


def _still_ours(fd: int, path: Path) -> bool:
    """Whether *path* still names the file open as *fd* (no cleanup removed it)."""
    try:
        mine, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _create_temp(directory: Path, target: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = f"{TEMP_PREFIX}{_key(target)}-{secrets.token_hex(8)}{TEMP_SUFFIX}"
        candidate = directory / name
        try:
            fd = os.open(candidate, flags, 0o666)  # the umask applies, as for any new file
        except FileExistsError:  # pragma: no cover - 64 random bits
            continue
        _lock(fd, block=True)
        # Between open and lock another writer's clear_stale may have taken the
        # unlocked new file for a dead writer's and removed it: then make another.
        if sys.platform == "win32" or _still_ours(fd, candidate):
            return fd, candidate
        os.close(fd)
    msg = "could not create a temporary file"  # pragma: no cover
    raise FileExistsError(msg)  # pragma: no cover


def _check_target(target: Path) -> None:
    directory = target.parent
    if not directory.is_dir():
        if directory.exists():
            raise OutputError(str(target), f"{str(directory)!r} is not a directory")
        raise OutputError(str(target), f"the directory {str(directory)!r} does not exist")
    if target.is_dir():
        raise OutputError(str(target), "it is a directory")


def _sync_directory(directory: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - best effort
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the rename is done
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a binary stream whose bytes replace *target* only if the block succeeds.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_write(d / "a.json") as f:
    ...     _ = f.write(b"{}")
    >>> (d / "a.json").read_bytes(), sorted(p.name for p in d.iterdir())
    (b'{}', ['a.json'])

    An existing target keeps its permission bits. Raises
    :class:`~khuonha.exceptions.OutputError` when the target cannot be written
    (a missing or read-only directory, a full disk).
    """
    path = Path(os.fspath(target))
    _check_target(path)
    if _is_special(path):
        with _write_directly(path) as stream:
            yield stream
        return
    clear_stale(path)
    try:
        fd, temp = _create_temp(path.parent, path)
    except OSError as exc:
        raise OutputError(str(path), _reason(exc)) from exc
    done = False
    stream = os.fdopen(fd, "wb", buffering=1 << 20)
    try:
        _copy_mode(path, temp)
        try:
            yield stream
        except OSError as exc:
            # Raised inside the block: an output problem only when errno says so.
            if isinstance(exc, OutputError) or exc.errno not in OUTPUT_ERRNOS:
                raise
            raise OutputError(str(path), _reason(exc)) from exc
        try:
            stream.flush()
            os.fsync(stream.fileno())
            if sys.platform == "win32":  # pragma: no cover - an open file cannot be renamed
                stream.close()
            # Renamed while still open, so still locked: a concurrent clear_stale never
            # takes it for a dead writer's between the close and the rename.
            os.replace(temp, path)
            done = True
            stream.close()
        except OSError as exc:
            raise OutputError(str(path), _reason(exc)) from exc
        _sync_directory(path.parent)
    finally:
        if not done:
            with contextlib.suppress(Exception):
                stream.close()
            with contextlib.suppress(OSError):
                temp.unlink()


def _is_special(path: Path) -> bool:
    """An existing path that is neither a regular file nor a directory (a device, a FIFO)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextlib.contextmanager
def _write_directly(path: Path) -> Iterator[BinaryIO]:
    """Write to a device or FIFO in place (no temporary file, no rename, no truncation)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise OutputError(str(path), _reason(exc)) from exc
    stream = os.fdopen(fd, "wb", buffering=1 << 20)
    try:
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            if isinstance(exc, OutputError):
                raise
            raise OutputError(str(path), _reason(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            stream.close()


def _copy_mode(source: Path, temp: Path) -> None:
    try:
        mode = stat.S_IMODE(os.stat(source).st_mode)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)


class KeepOpen(io.BufferedIOBase):
    """A write-only view of a binary stream whose ``close`` leaves the stream open.

    Exporters get this, so one that wraps the stream in a
    :class:`io.TextIOWrapper` and closes it cannot close the caller's stream.
    """

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.closed:
            msg = "write to a closed stream"
            raise ValueError(msg)
        written = self._stream.write(data)
        return len(memoryview(data)) if written is None else written

    def flush(self) -> None:
        if not self.closed:
            self._stream.flush()
