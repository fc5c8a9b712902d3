"""Importers: the hook, the registry, the built-in json and jsonl readers, iter_records, the CLI."""

from __future__ import annotations

import importlib.metadata
import io
import json
import tracemalloc
import types
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from hypothesis import given

import khuonha
from khuonha.cli.main import main
from khuonha.exceptions import DecodeError, DuplicateImporterError, ImporterNotFoundError
from khuonha.plugins.host import PluginHost
from khuonha.plugins.importer import Importer
from khuonha.plugins.json_exporters import write_records
from khuonha.testing import strategies
from khuonha.testing.national import iter_national
from khuonha.testing.plugins import FakeEntryPoint

SAMPLE = khuonha.sample()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_TRACE_PLUGINS", "KHUONHA_LOAD_PLUGINS"):
        monkeypatch.delenv(name, raising=False)


class TextImporter(Importer):
    """Reads the sample whatever the bytes say: a stand-in for a third-party format."""

    name = "note"
    description = "test importer"
    media_types = ("text/plain",)
    suffixes = (".note",)

    def read(self, stream: BinaryIO, options: Any) -> khuonha.Dataset:
        if stream.read() != b"sample":
            raise DecodeError(["line 1: expected 'sample'"])
        return SAMPLE


def importer_plugin(*items: Any) -> types.ModuleType:
    """A plugin module whose khuonha_register_importers returns *items*."""
    module = types.ModuleType(f"fake_importer_plugin_{id(items)}")

    @khuonha.hookimpl
    def khuonha_register_importers() -> Any:
        return list(items)

    module.khuonha_register_importers = khuonha_register_importers  # type: ignore[attr-defined]
    return module


def jsonl(ds: khuonha.Dataset) -> bytes:
    buf = io.BytesIO()
    khuonha.export(ds, "jsonl", buf)
    return buf.getvalue()


# -- the hook and the registry ---------------------------------------------------


def test_builtin_importers_register_through_the_hook() -> None:
    """With no plugin, khuonha_register_importers of the built-ins gives json, jsonl and txt."""
    host = PluginHost(entry_points=False)
    assert [i.name for i in host.importers()] == ["json", "jsonl", "txt"]
    assert {r.plugin.name for r in host.importer_registrations()} == {"khuonha"}
    assert host.importer_for_path("A.JSONL").name == "jsonl"
    assert host.importer_for("no-suffix").name == "json"
    assert host.importer_for(io.BytesIO()).name == "json"


def test_a_plugin_importer_is_found_by_name_and_suffix() -> None:
    """An importer a plugin registers is looked up like an exporter and reads its format."""
    ep = FakeEntryPoint("note", plugin=importer_plugin(TextImporter()))
    host = PluginHost(entry_points=[ep], strict=True)
    assert host.get_importer("NOTE").name == "note"
    assert host.read(io.BytesIO(b"sample"), "note") == SAMPLE
    Path("a.note").write_bytes(b"sample")
    assert host.read("a.note") == SAMPLE
    assert [c for c, _ in host.iter_records("a.note")] == [c for c, _ in SAMPLE.records()]


def test_two_importers_claiming_a_suffix_conflict_only_on_that_key() -> None:
    """A clash names both plugins; other importers keep working."""
    first = FakeEntryPoint("a", plugin=importer_plugin(TextImporter()))
    second = FakeEntryPoint("b", plugin=importer_plugin(TextImporter()))
    host = PluginHost(entry_points=[first, second], strict=False)
    assert {c.key for c in host.importer_conflicts()} == {"note", ".note"}
    with pytest.raises(DuplicateImporterError, match="claimed by two importers"):
        host.get_importer("note")
    assert host.get_importer("jsonl").name == "jsonl"
    with pytest.raises(DuplicateImporterError):
        PluginHost(entry_points=[first, second], strict=True).load()


@pytest.mark.parametrize(
    "returned",
    [TextImporter, "note", [object()], [type("Bad", (TextImporter,), {"name": "Bad Name"})()]],
    ids=["class", "string", "not-an-importer", "bad-metadata"],
)
def test_a_malformed_importer_registration_is_that_plugins_failure(returned: Any) -> None:
    """A class, a string, a foreign object or bad metadata drops the plugin, and only it."""
    module = types.ModuleType("bad_importers")

    @khuonha.hookimpl
    def khuonha_register_importers() -> Any:
        return returned

    module.khuonha_register_importers = khuonha_register_importers  # type: ignore[attr-defined]
    host = PluginHost(entry_points=[FakeEntryPoint("bad", plugin=module)], strict=False)
    (failure,) = host.failures()
    assert "malformed registration" in failure.message
    assert [i.name for i in host.importers()] == ["json", "jsonl", "txt"]


def test_an_unknown_importer_lists_the_available_ones() -> None:
    """Asking for a name or suffix nobody reads names what is installed."""
    host = PluginHost(entry_points=False)
    with pytest.raises(ImporterNotFoundError, match="available: json, jsonl"):
        host.get_importer("xlsx")
    with pytest.raises(ImporterNotFoundError, match=r"'\.xlsx'"):
        host.read("bao-cao.xlsx")


def test_an_importer_that_crashes_becomes_a_decode_error() -> None:
    """Anything but the library's own error, raised by an importer, is bad input, not a bug."""

    class Crashing(TextImporter):
        def read(self, stream: BinaryIO, options: Any) -> khuonha.Dataset:
            raise KeyError("sheet")

    with pytest.raises(DecodeError, match="the note importer failed: KeyError"):
        PluginHost(entry_points=False).read(io.BytesIO(b""), Crashing())


# -- JSON Lines read back --------------------------------------------------------


@given(strategies.datasets())
def test_jsonl_round_trip(ds: khuonha.Dataset) -> None:
    """dataset → jsonl → dataset gives an equal dataset, every record type included."""
    assert khuonha.read(io.BytesIO(jsonl(ds)), "jsonl") == ds


def test_jsonl_round_trip_of_the_sample_through_a_file() -> None:
    """The jsonl export of the sample, read back by its suffix, equals the sample."""
    khuonha.export(SAMPLE, None, "khuon-ha.jsonl")
    assert khuonha.read("khuon-ha.jsonl") == SAMPLE
    assert list(khuonha.iter_records("khuon-ha.jsonl")) == list(SAMPLE.records())


def test_jsonl_problems_name_the_line_and_are_all_reported() -> None:
    """Every bad line is reported, with its number and the path inside the line."""
    lines = jsonl(SAMPLE).splitlines()
    lines[3] = b'{"type":"unit","record":{"id":"X Y"}}'
    lines[5] = b"{not json"
    lines[6] = b'{"type":"villa","record":{}}'
    with pytest.raises(DecodeError) as info:
        khuonha.read(io.BytesIO(b"\n".join(lines)), "jsonl")
    errors = info.value.errors
    assert any(e.startswith("line 4: $.record.") for e in errors)
    assert any(e.startswith("line 6: $: invalid JSON") for e in errors)
    assert "line 7: $.type: expected one of dataset, activity" in "\n".join(errors)


def test_jsonl_reports_dangling_references_and_newer_schemas() -> None:
    """References are checked once every record is in; a newer major schema is refused."""
    lines = [line for line in jsonl(SAMPLE).splitlines() if b'"type":"unit"' not in line]
    with pytest.raises(DecodeError, match=r"no administrative unit"):
        khuonha.read(io.BytesIO(b"\n".join(lines)), "jsonl")
    newer = b'{"type":"header","schema_version":"9.0"}\n'
    with pytest.raises(DecodeError, match=r"line 1: .*newer than this library"):
        khuonha.read(io.BytesIO(newer), "jsonl")
    with pytest.raises(DecodeError, match="line 1: empty file"):
        khuonha.read(io.BytesIO(b""), "jsonl")


def test_records_written_without_a_dataset_line_read_back() -> None:
    """write_records output (the national generator's) reads as a dataset named in the header."""
    buf = io.BytesIO()
    write_records(iter_national(seed=2, scale=0.001), buf, dataset="toan-quoc")
    buf.seek(0)
    ds = khuonha.read(buf, "jsonl")
    assert ds.slug == "toan-quoc"
    assert len(ds.activities) == 1000


def test_iter_records_streams_in_flat_memory() -> None:
    """iter_records over a JSONL file holds one record at a time: peak memory does not grow."""
    path = Path("national.jsonl")
    with path.open("wb") as out:
        write_records(iter_national(seed=3, scale=0.004), out, dataset="toan-quoc")
    records = 0
    tracemalloc.start()
    try:
        for _collection, _record in khuonha.iter_records(path):
            records += 1
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert records > 5_000
    assert peak < 1_000_000, f"peak {peak} bytes for {records} records"  # ~200 B a record


# -- the command line --------------------------------------------------------------


def test_cli_validate_reads_jsonl_by_suffix_and_names_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """validate reads .jsonl line by line; problems print as FILE: line N: path: reason."""
    Path("ok.jsonl").write_bytes(jsonl(SAMPLE))
    assert main(["validate", "ok.jsonl"]) == 0
    lines = jsonl(SAMPLE).splitlines()
    lines[2] = b'{"type":"unit","record":{"id":3}}'
    Path("bad.jsonl").write_bytes(b"\n".join(lines))
    assert main(["validate", "bad.jsonl"]) == 1
    assert "bad.jsonl: line 3: $.record.id: expected a string" in capsys.readouterr().out


def test_cli_from_names_the_importer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--from reads a file (or stdin) whatever its suffix; stdin without it is JSON."""
    Path("data.note").write_bytes(jsonl(SAMPLE))
    assert main(["export", "data.note", "--from", "jsonl", "-f", "json", "-o", "out.json"]) == 0
    assert khuonha.load("out.json") == SAMPLE
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(jsonl(SAMPLE))))
    assert main(["validate", "--from", "jsonl", "-"]) == 0
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(khuonha.dumps(SAMPLE))))
    assert main(["assess", "-", "--json"]) == 0
    capsys.readouterr()
    assert main(["validate", "--from", "xlsx9", "data.note"]) == 1
    assert "no importer for 'xlsx9'" in capsys.readouterr().err


def test_cli_plugins_json_lists_importers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha plugins --json` has an importers list with the exporters' keys."""
    ep = FakeEntryPoint("note", plugin=importer_plugin(TextImporter()))
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_kw: [ep])
    assert main(["plugins", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [i["name"] for i in report["importers"]] == ["json", "jsonl", "note", "txt"]
    assert set(report["importers"][0]) == set(report["exporters"][0])
    assert report["importers"][2] == {
        "name": "note",
        "suffixes": [".note"],
        "media_type": "text/plain",
        "plugin": "note",
    }
    assert main(["plugins"]) == 0
    assert "Importers:\n  json" in capsys.readouterr().out


def test_cli_reads_an_unclaimed_suffix_as_json_and_names_the_importers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A suffix no importer claims is read as JSON, as before; a failure lists the importers."""
    Path("data.bin").write_bytes(khuonha.dumps(SAMPLE))
    assert main(["validate", "data.bin"]) == 0
    Path("bad.bin").write_bytes(b"\xff")
    assert main(["validate", "bad.bin"]) == 1
    out = capsys.readouterr().out
    assert "bad.bin: $: read as JSON, since no importer for '.bin'" in out
