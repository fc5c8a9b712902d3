"""Atomic output: earlier files survive failures, temporary files never linger."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, BinaryIO

import pytest

import khuonha
from khuonha.exceptions import ExportError, OutputError
from khuonha.plugins import atomic as _atomic
from khuonha.plugins.atomic import TEMP_PREFIX, KeepOpen, atomic_write, clear_stale
from khuonha.plugins.exporter import Exporter
from khuonha.plugins.host import PluginHost
from khuonha.plugins.registry import export_records


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(TEMP_PREFIX))


def write_then_raise(target: Path, exc: BaseException) -> None:
    """Start writing *target*, then fail with *exc*."""
    with atomic_write(target) as stream:
        stream.write(b"partial" * 1000)
        raise exc


def test_writes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A successful write replaces the target and leaves nothing else."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with atomic_write(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize("exc", [RuntimeError("halfway"), KeyboardInterrupt()])
def test_failure_keeps_the_earlier_file(tmp_path: Path, exc: BaseException) -> None:
    """An error or an interrupt during writing leaves the earlier file and no temporary."""
    target = tmp_path / "out.json"
    target.write_bytes(b"earlier")
    with pytest.raises(type(exc)):
        write_then_raise(target, exc)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


def test_full_disk_is_an_output_error(tmp_path: Path) -> None:
    """ENOSPC while writing becomes OutputError naming the file; the earlier file survives."""
    target = tmp_path / "out.json"
    target.write_bytes(b"earlier")

    with pytest.raises(OutputError) as err:
        write_then_raise(target, OSError(errno.ENOSPC, "No space left on device"))
    assert "no space left" in str(err.value)
    assert err.value.path == str(target)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


def test_full_disk_at_flush(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing fsync (the disk filled at the end) is an OutputError; nothing is replaced."""
    target = tmp_path / "out.json"
    target.write_bytes(b"earlier")

    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError), atomic_write(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


def test_missing_directory(tmp_path: Path) -> None:
    """A missing directory is a clear OutputError."""
    with pytest.raises(OutputError, match="does not exist"), atomic_write(tmp_path / "no" / "x"):
        pass


def test_target_is_a_directory(tmp_path: Path) -> None:
    """Writing over a directory is refused."""
    with pytest.raises(OutputError, match="is a directory"), atomic_write(tmp_path):
        pass


def test_unwritable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory that refuses new files is an OutputError (simulated: tests may run as root)."""
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name.startswith(TEMP_PREFIX) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OutputError, match="Permission denied"), atomic_write(tmp_path / "x"):
        pass


def test_keeps_permission_bits(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_write(target) as stream:
        stream.write(b"new")
    assert target.stat().st_mode & 0o777 == 0o640


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from khuonha.plugins.atomic import atomic_write
    with atomic_write(sys.argv[1]) as stream:
        stream.write(b"partial" * 100000)
        stream.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_killed_process_leaves_a_temporary_that_the_next_export_clears(tmp_path: Path) -> None:
    """A killed writer leaves the old file and a hidden temporary, cleared by the next export."""
    target = tmp_path / "khuon-ha-2022.json"
    target.write_bytes(b"earlier")
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], check=False)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"earlier"
    (stale,) = leftovers(tmp_path)
    assert stale.startswith(".")
    assert not stale.endswith(".json")
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["khuon-ha-2022.json"]
    PluginHost(entry_points=False).export(khuonha.sample(), "json", target)
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == khuonha.dumps(khuonha.sample())


def test_a_live_writers_temporary_is_kept(tmp_path: Path) -> None:
    """Clearing stale files never removes the file of an export still running."""
    target = tmp_path / "out.json"
    with atomic_write(target) as stream:
        stream.write(b"x")
        assert clear_stale(target) == []
        assert len(leftovers(tmp_path)) == 1
    assert target.read_bytes() == b"x"


def test_other_targets_temporaries_are_left_alone(tmp_path: Path) -> None:
    """Stale files are cleared per target: another file's temporary is not touched."""
    other = tmp_path / (_atomic.TEMP_PREFIX + "0000000000000000-dead" + _atomic.TEMP_SUFFIX)
    other.write_bytes(b"")
    with atomic_write(tmp_path / "out.json") as stream:
        stream.write(b"x")
    assert other.exists()


class _Halfway(Exporter[Any]):
    name = "halfway"
    description = "writes half, then fails"
    media_type = "text/plain"
    suffixes = (".half",)

    def can_export(self, obj: object) -> bool:
        return True

    def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
        stream.write(b"half of it")
        raise ZeroDivisionError("bug in the exporter")


def test_exporter_failing_halfway(tmp_path: Path) -> None:
    """An exporter raising halfway gives ExportError (cause chained), no file, no temporary."""
    target = tmp_path / "x.half"
    target.write_bytes(b"earlier")
    with pytest.raises(ExportError, match="ZeroDivisionError: bug in the exporter") as err:
        PluginHost(entry_points=False).export(khuonha.sample(), _Halfway(), target)
    assert isinstance(err.value.__cause__, ZeroDivisionError)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


class _ClaimsToStream(_Halfway):
    name = "claims-to-stream"
    streams = True
    archive = True


def test_streaming_exporter_without_write_records(tmp_path: Path) -> None:
    """Streams set, the default write_records kept: ExportError naming the exporter, no file."""
    target = tmp_path / "x.half"
    with pytest.raises(ExportError) as err:
        export_records(_ClaimsToStream(), {"name": "x"}, khuonha.sample().records(), target)
    assert str(err.value) == "claims-to-stream: sets streams but does not define write_records"
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_exporter_cannot_close_the_callers_stream() -> None:
    """Closing the stream given to an exporter leaves the caller's stream open."""
    inner = io.BytesIO()
    with io.TextIOWrapper(KeepOpen(inner), encoding="utf-8") as text:
        text.write("Khuôn Hà")
    assert not inner.closed
    assert inner.getvalue() == "Khuôn Hà".encode()
