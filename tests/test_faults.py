"""Faults end to end through `khuonha export`: nothing earlier is lost, nothing half-written stays.

``tests/test_atomic.py`` proves the atomic writer itself (failures inside the
block, ENOSPC, fsync, a killed writer, live writers' files) and
``tests/test_cli_export.py`` the plugin failures the CLI reports; this file
adds what they leave out: the same faults through the command line and real
processes (a real file-size limit, a real SIGKILL during a slow export), and
broken plugins as real modules in a child process.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

import khuonha
from khuonha.cli.main import main
from khuonha.plugins.atomic import TEMP_PREFIX, TEMP_SUFFIX

SAMPLE_JSON = khuonha.dumps(khuonha.sample())


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in an empty directory with the built-in exporters only."""
    monkeypatch.chdir(tmp_path)
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "")


def temporaries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(TEMP_PREFIX))


# -- the output cannot be written --------------------------------------------------------


def test_unwritable_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory refusing new files: exit 1 naming the file; the earlier file is intact.

    Simulated (tests may run as root, for whom chmod changes nothing).
    """
    target = tmp_path / "bao-cao.json"
    target.write_bytes(b"earlier")
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert main(["export", "-f", "json", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"khuonha: error: json: cannot write {target}: Permission denied" in err
    assert "Traceback" not in err
    assert target.read_bytes() == b"earlier"
    assert temporaries(tmp_path) == []


def test_rename_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused final rename: exit 1; the earlier file is intact; the temporary is removed."""
    target = tmp_path / "bao-cao.json"
    target.write_bytes(b"earlier")

    def refuse(_src: Any, _dst: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "replace", refuse)
    assert main(["export", "-f", "json", "-o", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert target.read_bytes() == b"earlier"
    assert temporaries(tmp_path) == []


def test_missing_output_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o into a directory that does not exist: exit 1 saying so; nothing is created."""
    assert main(["export", "-f", "json", "-o", str(tmp_path / "khong" / "co" / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_output_directory_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several formats into a path that is a file: exit 1, the file untouched."""
    blocker = tmp_path / "out"
    blocker.write_bytes(b"a file")
    assert main(["export", "-f", "json", "-f", "jsonl", "-o", f"{blocker}/"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert blocker.read_bytes() == b"a file"


def _small_file_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_full_disk_for_real(tmp_path: Path) -> None:
    """A real write limit (RLIMIT_FSIZE): exit 1 naming the file; earlier file; no temporary."""
    target = tmp_path / "khuon-ha.json"
    target.write_bytes(b"earlier")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHUONHA_")}
    proc = subprocess.run(
        [sys.executable, "-m", "khuonha", "export", "-f", "json", "-o", str(target)],
        capture_output=True,
        env=env,
        timeout=60,
        preexec_fn=_small_file_limit,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert f"cannot write {target}: File too large".encode() in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert target.read_bytes() == b"earlier"
    assert temporaries(tmp_path) == []


# -- a process killed during an export ---------------------------------------------------

SLOW_PLUGIN = textwrap.dedent(
    """
    import os, time
    import khuonha
    from khuonha.plugins.exporter import Exporter

    class Slow(Exporter):
        name = "slow"
        description = "writes a little, then takes its time"
        media_type = "text/plain"
        suffixes = (".slow",)

        def can_export(self, obj):
            return True

        def write(self, obj, stream, options):
            stream.write(b"partial output " * 1000)
            stream.flush()
            if os.environ.get("SLOW_MODE") == "slow":
                time.sleep(60)
            stream.write(b"done")

    @khuonha.hookimpl
    def khuonha_register_exporters():
        return [Slow()]
    """
)

RUN_WITH_PLUGIN = textwrap.dedent(
    """
    import importlib.metadata, sys
    from khuonha.cli.main import main
    from khuonha.testing.plugins import FakeEntryPoint

    name, module = sys.argv[1], sys.argv[2]
    importlib.metadata.entry_points = lambda **kw: [FakeEntryPoint(name, module)]
    sys.exit(main(sys.argv[3:]))
    """
)


def run_with_plugin(
    tmp_path: Path,
    module: str,
    *args: str,
    mode: str = "fast",
    wait: bool = True,
    strict: bool = False,
) -> Any:
    """Run `khuonha` in a child process with the plugin *module* (a file in *tmp_path*)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHUONHA_")}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")])
    env["SLOW_MODE"] = mode
    if strict:
        env["KHUONHA_STRICT_PLUGINS"] = "1"
    command = [
        sys.executable,
        "-c",
        RUN_WITH_PLUGIN,
        module.split(".", maxsplit=1)[0],
        module,
        *args,
    ]
    if not wait:
        return subprocess.Popen(command, env=env, cwd=tmp_path)
    return subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, timeout=60, check=False
    )


def test_killed_export_keeps_the_earlier_file_and_the_next_clears_the_temporary(
    tmp_path: Path,
) -> None:
    """SIGKILL mid-export: earlier file intact; the hidden temporary is no output and is cleared."""
    (tmp_path / "slow_plugin.py").write_text(SLOW_PLUGIN)
    target = tmp_path / "bao-cao.slow"
    target.write_bytes(b"earlier")
    proc = run_with_plugin(
        tmp_path, "slow_plugin", "export", "-f", "slow", "-o", str(target), mode="slow", wait=False
    )
    try:
        deadline = time.monotonic() + 30
        while not any(p.stat().st_size for p in tmp_path.glob(f"{TEMP_PREFIX}*")):
            assert time.monotonic() < deadline, "the export never started writing"
            assert proc.poll() is None, "the export ended before it could be killed"
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"earlier"
    (stale,) = temporaries(tmp_path)
    assert stale.startswith(".")
    assert stale.endswith(TEMP_SUFFIX)
    assert not stale.endswith(".slow")
    assert sorted(p.name for p in tmp_path.glob("*.slow")) == ["bao-cao.slow"]
    # A later export to the same place writes the file and clears the stale temporary.
    done = run_with_plugin(tmp_path, "slow_plugin", "export", "-f", "slow", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().endswith(b"done")
    assert temporaries(tmp_path) == []


# -- broken plugins as real modules --------------------------------------------------------

BROKEN_PLUGINS = {
    "import_error": "import khuonha_module_that_does_not_exist\n",
    "raises_in_hook": textwrap.dedent(
        """
        import khuonha

        @khuonha.hookimpl
        def khuonha_register_exporters():
            raise RuntimeError("cannot find the font")
        """
    ),
    "malformed": textwrap.dedent(
        """
        import khuonha

        @khuonha.hookimpl
        def khuonha_register_exporters():
            return ["not an exporter"]
        """
    ),
    "misspelled": textwrap.dedent(
        """
        import khuonha

        @khuonha.hookimpl
        def khuonha_register_exporter():
            return []
        """
    ),
    "duplicate": textwrap.dedent(
        """
        import khuonha
        from khuonha.plugins.json_exporters import JsonExporter

        @khuonha.hookimpl
        def khuonha_register_exporters():
            return [JsonExporter()]
        """
    ),
    "noisy": textwrap.dedent(
        """
        import os
        import khuonha
        print("noise from print at import")
        os.write(1, b"noise at file descriptor 1\\n")

        @khuonha.hookimpl
        def khuonha_register_exporters():
            print("noise from the hook")
            return []
        """
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_PLUGINS))
def test_broken_plugin_never_corrupts_stdout(kind: str, tmp_path: Path) -> None:
    """With any broken or noisy plugin, `export -f jsonl -o -` gives exactly the export."""
    module = f"broken_{kind}"
    (tmp_path / f"{module}.py").write_text(BROKEN_PLUGINS[kind])
    proc = run_with_plugin(tmp_path, module, "export", "-f", "jsonl", "-o", "-")
    assert proc.returncode == 0, proc.stderr
    expected = run_with_plugin(
        tmp_path, "khuonha.plugins.json_exporters", "export", "-f", "jsonl", "-o", "-"
    )
    assert proc.stdout == expected.stdout
    assert proc.stdout.startswith(b'{"type":"header"')
    assert b"Traceback" not in proc.stderr
    if kind == "noisy":
        assert b"noise at file descriptor 1" in proc.stderr
        assert b"noise from the hook" in proc.stderr
    else:
        assert module.encode() in proc.stderr
        lines = proc.stderr.splitlines()
        assert all(line.startswith(b"khuonha: warning: ") for line in lines), lines
        assert len(lines) == (2 if kind == "duplicate" else 1), lines  # once (name and suffix)


@pytest.mark.parametrize("kind", ["import_error", "raises_in_hook", "malformed", "misspelled"])
def test_broken_plugin_in_strict_mode(kind: str, tmp_path: Path) -> None:
    """KHUONHA_STRICT_PLUGINS=1 turns each failure into exit 1 with one line; stdout stays empty."""
    module = f"broken_{kind}"
    (tmp_path / f"{module}.py").write_text(BROKEN_PLUGINS[kind])
    proc = run_with_plugin(tmp_path, module, "export", "-f", "json", "-o", "-", strict=True)
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert proc.stderr.startswith(f"khuonha: error: plugin '{module}'".encode()), proc.stderr
    assert b"Traceback" not in proc.stderr


def test_duplicate_plugin_blocks_only_the_contested_name(tmp_path: Path) -> None:
    """A plugin also claiming json: -f json names both claimants (exit 1); jsonl still works."""
    (tmp_path / "broken_duplicate.py").write_text(BROKEN_PLUGINS["duplicate"])
    proc = run_with_plugin(tmp_path, "broken_duplicate", "export", "-f", "json", "-o", "-")
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert b"'json' is claimed by two exporters" in proc.stderr
    assert b"broken_duplicate" in proc.stderr
