"""`khuonha export` and `khuonha plugins`: formats, targets, exit codes, broken plugins."""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any, BinaryIO

import pytest

import khuonha
from khuonha.cli.main import main
from khuonha.plugins.exporter import Exporter
from khuonha.testing.plugins import FakeEntryPoint

SAMPLE = khuonha.sample()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in an empty directory, with no installed plugin and no plugin variable."""
    monkeypatch.chdir(tmp_path)
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "")


def install(monkeypatch: pytest.MonkeyPatch, *eps: FakeEntryPoint) -> None:
    """Make *eps* the installed entry points, and allow them all."""
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_kw: list(eps))
    monkeypatch.delenv("KHUONHA_LOAD_PLUGINS", raising=False)


class _Text(Exporter[Any]):
    name = "txt"
    description = "the title as text"
    media_type = "text/plain"
    suffixes = (".txt",)

    def can_export(self, obj: object) -> bool:
        return isinstance(obj, khuonha.Dataset)

    def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
        stream.write(obj.title.encode("utf-8"))


class _Crash(_Text):
    name = "crash"
    suffixes = (".crash",)

    def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
        stream.write(b"half")
        raise RuntimeError("exporter bug")


class _NoEvents(_Text):
    name = "cal"
    suffixes = (".cal",)

    def can_export(self, obj: object) -> bool:
        return isinstance(obj, khuonha.Dataset) and bool(obj.events)

    def missing(self, obj: object) -> str | None:
        return "an event"


def module_with(*exporters: Exporter[Any], name: str = "fake") -> types.ModuleType:
    module = types.ModuleType(name)

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        return list(exporters)

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]
    return module


def fake(name: str, *exporters: Exporter[Any], dist: str | None = None) -> FakeEntryPoint:
    return FakeEntryPoint(name, distribution=dist, plugin=module_with(*exporters))


def raising_ep(name: str) -> FakeEntryPoint:
    module = types.ModuleType(name)

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        raise RuntimeError("cannot find font")

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]
    return FakeEntryPoint(name, plugin=module)


# -- formats and targets ------------------------------------------------------------


def test_no_argument_writes_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha export` writes the sample in every installed format into ./khuonha-out/."""
    assert main(["export"]) == 0
    out = Path("khuonha-out")
    assert sorted(p.name for p in out.iterdir()) == ["khuon-ha-2022.json", "khuon-ha-2022.jsonl"]
    assert (out / "khuon-ha-2022.json").read_bytes() == khuonha.dumps(SAMPLE)
    assert capsys.readouterr().out.split() == [
        str(out / "khuon-ha-2022.json"),
        str(out / "khuon-ha-2022.jsonl"),
    ]


def test_json_to_stdout_is_exactly_dumps(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`khuonha export -f json -o -` prints khuonha.dumps(khuonha.sample()) and nothing else."""
    assert main(["export", "-f", "json", "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == khuonha.dumps(SAMPLE)


def test_format_by_output_suffix() -> None:
    """Without -f, -o FILE's suffix picks the format."""
    assert main(["export", "-o", "data.jsonl"]) == 0
    assert not Path("khuonha-out").exists()
    assert Path("data.jsonl").read_text(encoding="utf-8").startswith('{"type":"header"')


def test_unknown_output_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    """An -o suffix no exporter has is exit 1, listing what exists."""
    assert main(["export", "-o", "report.xyz"]) == 1
    assert "no exporter for '.xyz'" in capsys.readouterr().err


def test_several_formats_into_a_directory() -> None:
    """Several -f with -o DIR write <slug>.<suffix> files into DIR (created)."""
    assert main(["export", "-f", "json", "-f", "jsonl", "-o", "out"]) == 0
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "khuon-ha-2022.json",
        "khuon-ha-2022.jsonl",
    ]


def test_one_format_to_a_file_without_suffix() -> None:
    """With one -f, -o names the file itself."""
    assert main(["export", "-f", "json", "-o", "bao-cao"]) == 0
    assert Path("bao-cao").read_bytes() == khuonha.dumps(SAMPLE)


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "-f", "json", "-f", "jsonl", "-o", "-"],
        ["export", "-o", "-"],
        ["export", "-f", "json", "-f", "jsonl", "-o", "a.json"],
        ["export", "--option", "pretty"],
        ["export", "--lang", "fr"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Several formats to stdout, a malformed --option and bad choices are usage errors."""
    if "--lang" in argv:
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
    else:
        assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "usage:" in captured.err


def test_options_and_language(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """--option is decoded for the exporter; FORMAT.KEY targets one format; --lang is accepted."""
    assert main(["export", "-f", "json", "-o", "-", "--option", "pretty=true", "--lang", "en"]) == 0
    assert capsysbinary.readouterr().out == khuonha.dumps(SAMPLE, pretty=True)
    assert (
        main(["export", "-f", "json", "-f", "jsonl", "-o", "d", "--option", "json.pretty=true"])
        == 0
    )
    assert Path("d/khuon-ha-2022.json").read_bytes() == khuonha.dumps(SAMPLE, pretty=True)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("colour=red", "no selected format takes the option 'colour'"),
        ("pretty=maybe", "$.pretty: expected true or false"),
        ("rss.pretty=true", "format 'rss' is not selected"),
    ],
)
def test_bad_options_exit_2(option: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Options no format takes, or of the wrong type, are usage errors naming the problem."""
    assert main(["export", "-f", "json", "-o", "x.json", "--option", option]) == 2
    assert message in capsys.readouterr().err
    assert not Path("x.json").exists()


def test_reads_file_and_stdin(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """FILE and - (stdin) are read as datasets."""
    Path("in.json").write_bytes(khuonha.dumps(SAMPLE, pretty=True))
    assert main(["export", "in.json", "-f", "json", "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == khuonha.dumps(SAMPLE)
    fake_stdin = types.SimpleNamespace(buffer=io.BytesIO(khuonha.dumps(SAMPLE)))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    assert main(["export", "-", "-f", "jsonl", "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.count(b"\n") == 2 + sum(1 for _ in SAMPLE.records())


def test_invalid_input_names_file_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid FILE is exit 1 with FILE: $.path: reason lines, no traceback."""
    Path("bad.json").write_text('{"schema_version": "1.0", "slug": "x", "title": 3}')
    assert main(["export", "bad.json"]) == 1
    err = capsys.readouterr().err
    assert "bad.json: $.title: expected a string" in err
    assert "Traceback" not in err


# -- failures ---------------------------------------------------------------------------


def test_one_failing_format_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A format that crashes is named, exit 1; the other formats are written; no partial file."""
    install(monkeypatch, fake("crash", _Crash()))
    out = Path("khuonha-out")
    out.mkdir()
    (out / "khuon-ha-2022.crash").write_bytes(b"earlier")
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert "khuonha: error: crash: the exporter failed: RuntimeError: exporter bug" in err
    assert (out / "khuon-ha-2022.json").read_bytes() == khuonha.dumps(SAMPLE)
    assert (out / "khuon-ha-2022.jsonl").exists()
    assert (out / "khuon-ha-2022.crash").read_bytes() == b"earlier"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_declining_format_skipped_unless_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A format that declines the data is skipped with a note, or is exit 1 when -f asked."""
    install(monkeypatch, fake("cal", _NoEvents()))
    Path("noevents.json").write_bytes(khuonha.dumps(khuonha.Dataset(slug="x", title="Không")))
    assert main(["export", "noevents.json"]) == 0
    err = capsys.readouterr().err
    assert "note: skipped cal: it cannot export this dataset: needs an event" in err
    assert not Path("khuonha-out/x.cal").exists()
    assert main(["export", "noevents.json", "-f", "cal"]) == 1
    assert "cal: cannot export this Dataset: needs an event" in capsys.readouterr().err


def test_plugin_import_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plugin that fails to import: one warning, and json still exports (exit 0)."""
    install(monkeypatch, FakeEntryPoint("pdf", "khuonha_pdf_missing_xyz", "khuonha-pdf", "0.1.0"))
    assert main(["export", "-f", "json", "-o", "x.json"]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: plugin 'pdf' (khuonha-pdf 0.1.0) failed to load") == 1
    assert "ModuleNotFoundError" in err
    assert main(["export", "-f", "pdf"]) == 1
    assert "plugins that failed to load: plugin 'pdf'" in capsys.readouterr().err


def test_plugin_raising_in_hook(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plugin raising inside its hook is reported; the others export (exit 0)."""
    install(monkeypatch, raising_ep("pdf"), fake("txt", _Text()))
    assert main(["export"]) == 0
    err = capsys.readouterr().err
    assert "plugin 'pdf'" in err
    assert "RuntimeError: cannot find font" in err
    assert sorted(p.suffix for p in Path("khuonha-out").iterdir()) == [".json", ".jsonl", ".txt"]


def test_duplicate_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plugin claiming json: -f json is exit 1 naming both plugins; -f jsonl works."""
    rival = type("Rival", (_Text,), {"name": "json", "suffixes": (".json",)})()
    install(monkeypatch, fake("rival", rival, dist="khuonha-rival"))
    assert main(["export", "-f", "json", "-o", "-"]) == 1
    err = capsys.readouterr().err
    assert "'json' is claimed by two exporters" in err
    assert "plugin 'khuonha'" in err
    assert "plugin 'rival' (khuonha-rival 1.0)" in err
    assert main(["export", "-f", "jsonl", "-o", "x.jsonl"]) == 0


def test_allow_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """KHUONHA_LOAD_PLUGINS limits the plugins; empty means built-ins only."""
    install(monkeypatch, fake("txt", _Text()), raising_ep("pdf"))
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "txt")
    assert main(["export", "-o", "a"]) == 0
    assert sorted(p.suffix for p in Path("a").iterdir()) == [".json", ".jsonl", ".txt"]
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "")
    assert main(["export", "-o", "b"]) == 0
    assert sorted(p.suffix for p in Path("b").iterdir()) == [".json", ".jsonl"]


def test_strict_mode(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """KHUONHA_STRICT_PLUGINS=1: a broken plugin makes export exit 1 and write nothing."""
    install(monkeypatch, raising_ep("pdf"))
    monkeypatch.setenv("KHUONHA_STRICT_PLUGINS", "1")
    assert main(["export", "-f", "json", "-o", "x.json"]) == 1
    err = capsys.readouterr().err
    assert "khuonha: error: plugin 'pdf'" in err
    assert "Traceback" not in err
    assert not Path("x.json").exists()


def test_plugin_printing_never_reaches_stdout(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A plugin printing while it loads and writes does not corrupt `-o -`."""

    class Chatty(_Text):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            print("chatty write")
            super().write(obj, stream, options)

    class ChattyEntry(FakeEntryPoint):
        def load(self) -> Any:
            print("chatty import")
            return super().load()

    install(monkeypatch, ChattyEntry("txt", plugin=module_with(Chatty())))
    assert main(["export", "-f", "txt", "-o", "-"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == SAMPLE.title.encode("utf-8")
    assert b"chatty import" in captured.err
    assert b"chatty write" in captured.err


FD_LEVEL = textwrap.dedent(
    """
    import importlib.metadata, os, sys, types
    import khuonha
    from khuonha.cli.main import main
    from khuonha.testing.plugins import FakeEntryPoint

    module = types.ModuleType("noisy")

    @khuonha.hookimpl
    def khuonha_register_exporters():
        os.write(1, b"noise at the file descriptor\\n")
        print("noise from print")
        return []

    module.khuonha_register_exporters = khuonha_register_exporters
    importlib.metadata.entry_points = lambda **kw: [FakeEntryPoint("noisy", plugin=module)]
    sys.exit(main(["export", "-f", "json", "-o", "-"]))
    """
)


def test_stdout_protected_at_file_descriptor_level() -> None:
    """Even os.write(1, …) from a plugin goes to stderr while exporting to stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHUONHA_")}
    proc = subprocess.run(
        [sys.executable, "-c", FD_LEVEL], capture_output=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == khuonha.dumps(SAMPLE)
    assert b"noise at the file descriptor" in proc.stderr


def test_progress_bar_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The progress bar is drawn on stderr only when stderr is a terminal."""
    assert main(["export", "-o", "plain"]) == 0
    assert "[" not in capsys.readouterr().err

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main(["export", "-o", "tty"]) == 0
    assert "khuonha export [" in tty.getvalue()
    assert "2/2" in tty.getvalue()


# -- khuonha plugins -------------------------------------------------------------------


def test_plugins_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha plugins --json` lists exporters, plugins and failures, and exits 0."""
    install(monkeypatch, fake("txt", _Text(), dist="khuonha-txt"), raising_ep("pdf"))
    assert main(["plugins", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"exporters", "plugins", "failures"}
    assert {
        "name": "json",
        "suffixes": [".json"],
        "media_type": "application/json",
        "plugin": "khuonha",
    } in report["exporters"]
    assert {
        "name": "txt",
        "suffixes": [".txt"],
        "media_type": "text/plain",
        "plugin": "txt",
    } in report["exporters"]
    assert {"name": "txt", "version": "1.0"} in report["plugins"]
    assert report["plugins"][0]["name"] == "khuonha"
    (failure,) = report["failures"]
    assert failure == {"plugin": "pdf", "error": "RuntimeError: cannot find font"}


def test_plugins_strict_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In strict mode `khuonha plugins` still reports, then exits 1 on a failure."""
    install(monkeypatch, raising_ep("pdf"))
    monkeypatch.setenv("KHUONHA_STRICT_PLUGINS", "1")
    assert main(["plugins", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["failures"][0]["plugin"] == "pdf"
    assert "KHUONHA_STRICT_PLUGINS" in captured.err


def test_plugins_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The plain listing shows each exporter with its plugin."""
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "json" in out
    assert "khuonha" in out
    assert "Plugins:" in out


def test_whatever_is_installed_exports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Integration: with every installed plugin, `khuonha export` writes each usable format."""
    monkeypatch.delenv("KHUONHA_LOAD_PLUGINS")
    monkeypatch.setenv("KHUONHA_STRICT_PLUGINS", "1")
    assert main(["export"]) == 0
    written = {p.suffix for p in Path("khuonha-out").iterdir()}
    expected = {e.suffixes[0] for e in khuonha.PluginHost().exporters() if e.can_export(SAMPLE)}
    assert written == expected
    assert {".json", ".jsonl"} <= written


def test_contested_suffix_fails_both_claimants_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two exporters writing .json: both fail in a directory export, naming both; jsonl works."""
    rival = type("Json5", (_Text,), {"name": "json5", "suffixes": (".json",)})()
    install(monkeypatch, fake("json5", rival))
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert "khuonha: error: json: '.json' is claimed by two exporters" in err
    assert "khuonha: error: json5: '.json' is claimed by two exporters" in err
    assert err.count("warning: '.json' is claimed") == 1
    assert sorted(p.name for p in Path("khuonha-out").iterdir()) == ["khuon-ha-2022.jsonl"]


def test_unwritable_output_directory(capsys: pytest.CaptureFixture[str]) -> None:
    """An -o directory that cannot be created is exit 1 per format, with the path named."""
    Path("blocker").write_text("a file, not a directory")
    assert main(["export", "-o", "blocker/sub"]) == 1
    err = capsys.readouterr().err
    assert "cannot write blocker/sub" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("slug", "stem"),
    [
        ("khuon-ha-2022", "khuon-ha-2022"),
        ("../../etc", "etc"),
        ("CON", "con-data"),
        ("", "dataset"),
    ],
)
def test_output_names_are_safe(slug: str, stem: str) -> None:
    """File names made from a slug never leave the directory or hit reserved names."""
    from khuonha.cli.export import safe_stem

    assert safe_stem(slug) == stem
