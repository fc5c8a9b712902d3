"""Hostile environments and sizes around the command line (issue 15).

Endless or random input (``/dev/zero``, ``/dev/urandom``), a size limit,
running out of memory, output that is a device or a FIFO, a closed or full
stdout and a reader that goes away, concurrent writers, SIGTERM, escape
sequences in data, usage errors, and progress on a terminal. Devices and FIFOs
are made in a temporary directory (``mkfifo``; ``mknod`` when running as root);
the real ``/dev`` is only read (``/dev/zero``, ``/dev/urandom``). Hangs are
caught by a generous subprocess timeout.
"""

from __future__ import annotations

import errno
import io
import os
import pty
import re
import resource
import select
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

import khuonha
from khuonha.cli.main import main
from khuonha.exceptions import ExporterNotFoundError
from khuonha.plugins.atomic import TEMP_PREFIX

SAMPLE = khuonha.sample()
SAMPLE_JSON = khuonha.dumps(SAMPLE)
TIMEOUT = 120
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in an empty directory with the built-in exporters only."""
    monkeypatch.chdir(tmp_path)
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_TRACE_PLUGINS", "KHUONHA_MAX_INPUT_SIZE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "")


def _bounded() -> None:
    """In the child: at most 3 GiB of address space, so a runaway read fails instead."""
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHUONHA_")}
    env["KHUONHA_LOAD_PLUGINS"] = ""
    env.update(extra)
    return env


def run_khuonha(
    *args: str, cwd: Path, stdout: Any = subprocess.PIPE, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m khuonha ARGS`` in a child process, bounded in time and memory."""
    return subprocess.run(
        [sys.executable, "-m", "khuonha", *args],
        cwd=cwd,
        env=kwargs.pop("env", None) or _env(),
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        preexec_fn=kwargs.pop("preexec_fn", _bounded),
        check=False,
        **kwargs,
    )


def one_error_line(stderr: bytes) -> str:
    """The single ``khuonha: error:`` line on stderr (and no traceback)."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text[-2000:]
    errors = [line for line in text.splitlines() if line.startswith("khuonha: error:")]
    assert len(errors) == 1, text
    return errors[0]


def device(directory: Path, name: str, major: int, minor: int) -> Path:
    """A character device node in *directory* (root only; skips where refused)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    path = directory / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        with path.open("wb"):
            pass
    except OSError as exc:  # no CAP_MKNOD, or a file system mounted nodev
        pytest.skip(f"cannot make or open a device node here: {exc}")
    return path


# -- hostile sizes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [("/dev/zero", "not JSON text: a NUL byte at byte 0"), ("/dev/urandom", "not UTF-8 text")],
)
@pytest.mark.parametrize("command", ["validate", "assess", "export"])
def test_endless_input_ends_at_the_first_chunk(
    source: str, reason: str, command: str, tmp_path: Path
) -> None:
    """`khuonha validate /dev/zero` (urandom; assess, export) is a one-line error, exit 1."""
    proc = run_khuonha(command, source, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    assert "Traceback" not in out
    assert f"{source}: $: {reason}" in out
    assert len(out.splitlines()) <= 2  # the problem, and validate's count
    assert list(tmp_path.iterdir()) == []


def test_parse_size() -> None:
    """Human sizes: binary multiples, with or without B/iB; nonsense refused."""
    from khuonha.cli._io import parse_size

    assert parse_size("500M") == 500 << 20
    assert parse_size("2GiB") == 2 << 30
    assert parse_size("1.5k") == 1536
    assert parse_size("4096") == 4096
    for bad in ("", "M", "-1", "0", "12X", "1e9"):
        with pytest.raises(ValueError, match="size"):
            parse_size(bad)


@pytest.mark.parametrize("command", ["validate", "assess", "export", "rollup"])
def test_size_limit_flag_and_environment(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--max-input-size and KHUONHA_MAX_INPUT_SIZE cap the input: one line, exit 1."""
    Path("in.json").write_bytes(SAMPLE_JSON)
    message = "in.json: $: larger than the input size limit of 10 KiB"
    assert main([command, "in.json", "--max-input-size", "10K"]) == 1
    out, err = capsys.readouterr()
    assert message in out + err
    monkeypatch.setenv("KHUONHA_MAX_INPUT_SIZE", "10k")
    assert main([command, "in.json"]) == 1
    out, err = capsys.readouterr()
    assert message in out + err
    assert main([command, "in.json", "--max-input-size", "1M"]) == 0  # the flag wins
    capsys.readouterr()
    monkeypatch.setenv("KHUONHA_MAX_INPUT_SIZE", "lots")
    assert main([command, "in.json"]) == 2
    assert "KHUONHA_MAX_INPUT_SIZE" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main([command, "in.json", "--max-input-size", "lots"])
    assert exit_.value.code == 2


def test_size_limit_on_stdin(tmp_path: Path) -> None:
    """Input on stdin, whose size is not known ahead, is cut off at the limit too."""
    proc = run_khuonha(
        "validate", "-", "--max-input-size", "10k", cwd=tmp_path, input=SAMPLE_JSON * 50
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith(b"<stdin>: $: larger than the input size limit of 10 KiB")


def test_memory_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A MemoryError while decoding or exporting is one line naming what was too big, exit 1."""
    Path("in.json").write_bytes(SAMPLE_JSON)

    def exhausted(*_args: Any, **_kwargs: Any) -> Any:
        raise MemoryError

    with monkeypatch.context() as patch:
        patch.setattr("khuonha.codec.core.loads", exhausted)
        for command in ("validate", "assess", "export"):
            assert main([command, "in.json"]) == 1
            err = capsys.readouterr().err
            assert "Traceback" not in err
            assert "khuonha: error: out of memory while decoding 'in.json' (21.2 KiB" in err
    with monkeypatch.context() as patch:
        patch.setattr("khuonha.plugins.json_exporters.JsonExporter.write", exhausted)
        assert main(["export", "in.json", "-f", "json", "-o", "out.json"]) == 1
        err = capsys.readouterr().err
        assert "khuonha: error: json: out of memory while exporting 'khuon-ha-2022'" in err
        assert not Path("out.json").exists()


# -- unreadable input: one format everywhere ------------------------------------------------


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: None, "cannot read: No such file or directory"),
        (lambda p: p.mkdir(), "cannot read: it is a directory"),
        (lambda p: p.write_bytes(b'{"slug": "x\xff"}'), "not UTF-8 text (byte 11)"),
        (lambda p: p.write_bytes(b'{"slug"\0: 1}'), "not JSON text: a NUL byte at byte 7"),
        (
            lambda p: p.write_bytes(b" " * 2048),
            "larger than the input size limit of 1 KiB; raise it with --max-input-size",
        ),
    ],
)
@pytest.mark.parametrize("command", ["validate", "assess", "export", "rollup"])
def test_unreadable_input_has_one_format(
    make: Any, reason: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Missing, a directory, not UTF-8, NUL bytes, too big: `FILE: $: reason`, exit 1."""
    make(Path("bad.json"))
    assert main([command, "bad.json", "--max-input-size", "1k"]) == 1
    out, err = capsys.readouterr()
    line = f"bad.json: $: {reason}"
    if command == "validate":
        assert out.splitlines()[0].startswith(line)
    else:
        assert err.splitlines()[0].startswith(f"khuonha: error: {line}")


def test_unreadable_input_permission(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file we may not read: `FILE: $: cannot read: Permission denied` (simulated for root)."""
    Path("locked.json").write_bytes(SAMPLE_JSON)
    real_open = open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == "locked.json":
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    assert main(["validate", "locked.json"]) == 1
    assert capsys.readouterr().out == "locked.json: $: cannot read: Permission denied\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-16", "UTF-16 (little-endian, with a byte-order mark)"),
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32", "UTF-32 (little-endian, with a byte-order mark)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
def test_utf16_and_utf32_get_a_hint(
    encoding: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """UTF-16/UTF-32 input (a BOM, or the NUL pattern) says so and how to convert it."""
    Path("wide.json").write_bytes(SAMPLE_JSON.decode("utf-8").encode(encoding))
    assert main(["validate", "wide.json"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"wide.json: $: not UTF-8 text: it looks like {expected}")
    assert "iconv -f UTF-" in out


# -- output that is not a regular file --------------------------------------------------------


def test_fifo_output_is_written_not_replaced(tmp_path: Path) -> None:
    """`export -o FIFO` writes into the FIFO; the FIFO stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = tmp_path / "received"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            assert main(["export", "-f", "json", "-o", str(fifo)]) == 0
            reader.wait(timeout=TIMEOUT)
        finally:
            reader.kill()
            reader.wait()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received.read_bytes() == SAMPLE_JSON
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_device_output_is_written_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A null device as -o is written to, never replaced by a regular file (as root)."""
    null = device(tmp_path, "null", 1, 3)
    assert main(["export", "-f", "json", "-o", str(null)]) == 0
    assert main(["export", "-o", str(null)]) == 2  # no suffix: which format? (usage)
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert main(["export", "-f", "jsonl", "-o", str(null)]) == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]
    capsys.readouterr()


def test_full_device_output_is_one_line(tmp_path: Path) -> None:
    """`export -o FULL` (a /dev/full node) is one line, exit 1; the node stays a device."""
    full = device(tmp_path, "full", 1, 7)
    proc = run_khuonha("export", "-f", "json", "-o", str(full), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.decode() == (
        f"khuonha: error: json: cannot write {full}: no space left on the device\n"
    )
    assert stat.S_ISCHR(os.stat(full).st_mode)


# -- stdout: full, closed, or its reader gone -------------------------------------------------


def _file_size_limit(size: int) -> Any:
    def limit() -> None:
        _bounded()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize(
    "args",
    [("sample",), ("schema",), ("export", "-f", "json", "-o", "-"), ("plugins",)],
)
def test_full_stdout_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    """Stdout that cannot take the output (a file-size limit: EFBIG) is one line, exit 1."""
    with (tmp_path / "out").open("wb") as out:
        proc = run_khuonha(*args, cwd=tmp_path, stdout=out, preexec_fn=_file_size_limit(100))
    assert proc.returncode == 1
    assert one_error_line(proc.stderr).startswith("khuonha: error: cannot write to stdout: ")


def test_stdout_on_a_full_device(tmp_path: Path) -> None:
    """`khuonha sample > FULL` (a /dev/full node): one line, exit 1."""
    full = device(tmp_path, "full", 1, 7)
    with full.open("wb") as out:
        proc = run_khuonha("sample", cwd=tmp_path, stdout=out)
    assert proc.returncode == 1
    line = one_error_line(proc.stderr)
    assert line == "khuonha: error: cannot write to stdout: no space left on the device"


@pytest.mark.parametrize(
    "args", [("sample",), ("validate", "-"), ("export", "-f", "json", "-o", "-"), ("--version",)]
)
def test_closed_stdout_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    """With stdout closed (`>&-`), commands that print fail in one line, exit 1."""
    (tmp_path / "bad.json").write_bytes(b"{")
    command = [sys.executable, "-m", "khuonha", *args]
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" >&- <bad.json', "sh", *command],
        cwd=tmp_path,
        env=_env(),
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 1
    assert one_error_line(proc.stderr) == "khuonha: error: cannot write to stdout: stdout is closed"


def _gone_reader_stdout() -> int:
    """A pipe whose reader has already gone: every write to it fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    return write_end


def test_reader_going_away_still_writes_every_format(tmp_path: Path) -> None:
    """`export -o DIR | head -1`: every format is written, then one line, exit 1."""
    write_end = _gone_reader_stdout()
    try:
        proc = run_khuonha("export", "-o", "out", cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 1
    line = one_error_line(proc.stderr)
    assert line == "khuonha: error: cannot write to stdout: the reader went away (broken pipe)"
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["khuon-ha-2022.json", "khuon-ha-2022.jsonl"]


@pytest.mark.parametrize("args", [("sample",), ("schema",), ("export", "-f", "jsonl", "-o", "-")])
def test_reader_going_away_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    """A reader that went away (`| head`) is one line and exit 1, never a silent exit 0."""
    write_end = _gone_reader_stdout()
    try:
        proc = run_khuonha(*args, cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 1
    assert "the reader went away" in one_error_line(proc.stderr)


# -- concurrent writers, SIGTERM ---------------------------------------------------------------


def test_concurrent_writers_to_one_file_all_succeed(tmp_path: Path) -> None:
    """Ten exports to one file at once (twice) all succeed; the file is one complete output."""
    source = tmp_path / "in.json"
    source.write_bytes(SAMPLE_JSON)
    target = tmp_path / "same.jsonl"
    expected = io.BytesIO()
    khuonha.export(SAMPLE, "jsonl", expected)
    command = [sys.executable, "-m", "khuonha", "export", str(source), "-f", "jsonl", "-o"]
    for _round in range(2):
        procs = [
            subprocess.Popen(
                [*command, str(target)],
                cwd=tmp_path,
                env=_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(10)
        ]
        errors = []
        for proc in procs:
            _out, err = proc.communicate(timeout=TIMEOUT)
            if proc.returncode != 0:
                errors.append(err.decode("utf-8", "replace"))
        assert errors == []
        assert target.read_bytes() == expected.getvalue()
        assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


SLOW_PLUGIN = textwrap.dedent(
    """
    import time

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

    importlib.metadata.entry_points = lambda **kw: [FakeEntryPoint("slow", "slow_plugin")]
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("earlier", [True, False])
def test_sigterm_leaves_no_temporary_and_no_partial_output(earlier: bool, tmp_path: Path) -> None:
    """SIGTERM mid-export: exit 143, the temporary is removed, no file under the output name."""
    (tmp_path / "slow_plugin.py").write_text(SLOW_PLUGIN)
    target = tmp_path / "bao-cao.slow"
    if earlier:
        target.write_bytes(b"earlier")
    env = _env(PYTHONPATH=os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    del env["KHUONHA_LOAD_PLUGINS"]
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_WITH_PLUGIN, "export", "-f", "slow", "-o", str(target)],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not any(p.stat().st_size for p in tmp_path.glob(f"{TEMP_PREFIX}*")):
            assert time.monotonic() < deadline, "the export never started writing"
            assert proc.poll() is None, "the export ended before it could be terminated"
            time.sleep(0.05)
        proc.terminate()
        _out, err = proc.communicate(timeout=TIMEOUT)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 143
    assert b"Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["bao-cao.slow", "slow_plugin.py"] if earlier else ["slow_plugin.py"]
    )
    if earlier:
        assert target.read_bytes() == b"earlier"


# -- text from data is shown escaped -----------------------------------------------------------

HOSTILE = "Xã \x1b[2J\x1b]0;owned\x07\u202eAH nouhK\u202c \x9b31m\u2066end"


def _assert_escaped(text: str) -> None:
    assert not UNSAFE.search(text), repr(UNSAFE.search(text))
    assert "\\x1b[2J" in text or "\\u202e" in text


def test_assess_validate_period_escape_data(capsys: pytest.CaptureFixture[str]) -> None:
    """Titles and names from data reach assess, validate and period escaped, never raw."""
    hostile = attrs.evolve(SAMPLE, title=HOSTILE)
    Path("hostile.json").write_bytes(khuonha.dumps(hostile))
    assert main(["assess", "hostile.json"]) == 0
    out, err = capsys.readouterr()
    _assert_escaped(out + err)
    assert "Xã \\x1b[2J\\x1b]0;owned\\x07\\u202eAH nouhK\\u202c \\x9b31m\\u2066end" in out
    data = SAMPLE_JSON.replace(b'"title":', b'"ti\\u001b[2Jtle\\u202e":', 1)
    Path("bad.json").write_bytes(data)
    assert main(["validate", "bad.json"]) == 1
    out, err = capsys.readouterr()
    _assert_escaped(out + err)
    main(["period", f"quý III/2022 {HOSTILE}"])
    out, err = capsys.readouterr()
    _assert_escaped(out + err)


HOSTILE_PLUGIN = textwrap.dedent(
    """
    import khuonha
    from khuonha.plugins.exporter import Exporter

    class Hostile(Exporter):
        name = "hostile"
        description = "says \\x1b[2J\\u202e in its description"
        media_type = "text/plain"
        suffixes = (".hostile",)

        def can_export(self, obj):
            return False

        def missing(self, obj):
            return "a title without \\x1b]0;owned\\x07 in it"

        def write(self, obj, stream, options):
            stream.write(b"x")

    @khuonha.hookimpl
    def khuonha_register_exporters():
        return [Hostile()]
    """
)


def test_plugins_and_export_notes_escape_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plugin's description (`plugins`) and reason (`export` notes) are shown escaped."""
    import importlib.metadata

    from khuonha.testing.plugins import FakeEntryPoint

    (tmp_path / "hostile_plugin.py").write_text(HOSTILE_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **_kw: [FakeEntryPoint("hostile", "hostile_plugin")],
    )
    monkeypatch.delenv("KHUONHA_LOAD_PLUGINS")
    assert main(["plugins"]) == 0
    out, err = capsys.readouterr()
    _assert_escaped(out + err)
    assert main(["export", "-o", "out"]) == 0
    out, err = capsys.readouterr()
    assert "skipped hostile" in err
    assert not UNSAFE.search(out + err)
    assert "\\x1b]0;owned\\x07" in err


# -- usage and lookup consistency --------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("bogus=1", "no selected format takes the option 'bogus' (valid keys: json: "),
        ("json.bogus=1", "json has no option 'bogus' (valid keys: internal, language, pretty)"),
        ("pretty=maybe", "$.pretty: expected true or false"),
    ],
)
def test_unknown_option_key_is_a_usage_error(
    option: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --option key no format has, or a value of the wrong type: exit 2, valid keys named."""
    assert main(["export", "-f", "json", "-o", "x.json", "--option", option]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("usage: ")
    assert not Path("x.json").exists()


def test_mismatched_suffix_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """`-f json -o report.jsonl` is refused (exit 2, nothing written); an unknown suffix is fine."""
    assert main(["export", "-f", "json", "-o", "report.jsonl"]) == 2
    err = capsys.readouterr().err
    assert "the suffix '.jsonl' is the jsonl format's, not json's" in err
    assert not Path("report.jsonl").exists()
    assert main(["export", "-f", "json", "-o", "report.txt"]) == 0
    assert Path("report.txt").read_bytes() == SAMPLE_JSON


def test_lookup_suggests_only_first_party_packages() -> None:
    """A failed lookup never suggests a package named after what the user typed."""
    for typed in ("docx", "../../etc", "rm -rf", "jsonn"):
        message = str(ExporterNotFoundError(typed, ["json", "jsonl"]))
        assert "pip install" not in message
        assert message.startswith(f"no exporter for {typed!r}; available: json, jsonl")
    for typed, package in (
        ("pdf", "khuonha-pdf"),
        (".ATOM", "khuonha-rss"),
        ("ics", "khuonha-ics"),
    ):
        message = str(ExporterNotFoundError(typed, ["json"]))
        assert message.endswith(f"(it comes with the plugin {package}: pip install {package})")


# -- progress on a terminal, silence elsewhere --------------------------------------------------


def _run_with_terminal_stderr(*args: str, cwd: Path) -> tuple[int, bytes, bytes]:
    """Run khuonha with stderr on a pseudo-terminal; return (exit code, stdout, terminal)."""
    main_fd, child_fd = pty.openpty()
    stdout = (cwd / "stdout").open("w+b")  # a file: a full pipe would block the child
    proc = subprocess.Popen(
        [sys.executable, "-m", "khuonha", *args],
        cwd=cwd,
        env=_env(),
        stdout=stdout,
        stderr=child_fd,
        preexec_fn=_bounded,  # noqa: PLW1509 - tests start no threads
    )
    os.close(child_fd)
    seen = b""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=TIMEOUT)
    os.close(main_fd)
    with stdout:
        stdout.seek(0)
        out = stdout.read()
    (cwd / "stdout").unlink()
    return proc.returncode, out, seen


def _big_dataset(path: Path) -> None:
    """A dataset of a few megabytes (a long note), to make validate and assess show progress."""
    big = attrs.evolve(SAMPLE, title="Khuôn Hà " + "x" * 3_000_000)
    path.write_bytes(khuonha.dumps(big))


def test_progress_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal: records within a format for exports; reading progress for big files."""
    code, out, seen = _run_with_terminal_stderr(
        "export", "-f", "jsonl", "-o", "x.jsonl", cwd=tmp_path
    )
    assert code == 0
    records = sum(1 for _ in SAMPLE.records())
    assert f"{records}/{records} records".encode() in seen
    expected = io.BytesIO()
    khuonha.export(SAMPLE, "jsonl", expected)
    assert (tmp_path / "x.jsonl").read_bytes() == expected.getvalue()  # same bytes
    _big_dataset(tmp_path / "big.json")
    for command in ("validate", "assess"):
        code, out, seen = _run_with_terminal_stderr(command, "big.json", cwd=tmp_path)
        assert code == 0
        assert b"khuonha: reading big.json" in seen
        assert b" MB" in seen
        assert b"\x1b" not in out


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """With stderr a pipe, nothing is printed on it for a successful run."""
    _big_dataset(tmp_path / "big.json")
    for args in (("export", "-f", "jsonl", "-o", "x.jsonl"), ("validate", "big.json")):
        proc = run_khuonha(*args, cwd=tmp_path)
        assert proc.returncode == 0
        assert proc.stderr == b""
