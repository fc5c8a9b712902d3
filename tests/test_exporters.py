"""The built-in json and jsonl exporters, the conformance kit and its datasets."""

from __future__ import annotations

import io
import json
import tracemalloc
import unicodedata
from typing import Any, BinaryIO

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khuonha
from khuonha.codec.core import from_dict
from khuonha.plugins.exporter import Exporter
from khuonha.plugins.host import PluginHost
from khuonha.plugins.json_exporters import RECORD_TYPES
from khuonha.testing import ConformanceError, check_exporter, hostile

HOST = PluginHost(entry_points=False)


def export_bytes(obj: object, fmt: str, options: Any = None) -> bytes:
    buf = io.BytesIO()
    HOST.export(obj, fmt, buf, options)
    return buf.getvalue()


def read_json(data: bytes) -> str:
    return json.dumps(json.loads(data), ensure_ascii=False)


def read_jsonl(data: bytes) -> str:
    return "\n".join(read_json(line.encode()) for line in data.decode("utf-8").splitlines())


def dataset_from_jsonl(data: bytes) -> khuonha.Dataset:
    """Rebuild a dataset from jsonl output (as a consumer would)."""
    lines = [json.loads(line) for line in data.decode("utf-8").split("\n") if line]
    header, own, *records = lines
    assert header["type"] == "header"
    assert own["type"] == "dataset"
    doc: dict[str, Any] = dict(own["record"])
    by_type = {v: k for k, v in RECORD_TYPES.items()}
    for line in records:
        doc.setdefault(by_type[line["type"]], []).append(line["record"])
    return from_dict(doc, khuonha.Dataset)


def test_json_is_the_canonical_document() -> None:
    """json output is byte for byte khuonha.dumps; pretty is dumps(pretty=True)."""
    ds = khuonha.sample()
    assert export_bytes(ds, "json") == khuonha.dumps(ds)
    assert export_bytes(ds, "json", {"pretty": True}) == khuonha.dumps(ds, pretty=True)


def test_json_metadata() -> None:
    """json and jsonl declare their suffix and media type."""
    json_exporter, jsonl_exporter = HOST.get_exporter("json"), HOST.get_exporter("jsonl")
    assert (json_exporter.suffixes, json_exporter.media_type) == ((".json",), "application/json")
    assert (jsonl_exporter.suffixes, jsonl_exporter.media_type) == (
        (".jsonl",),
        "application/jsonl",
    )


def test_json_of_a_single_record() -> None:
    """A single record exports as its own canonical JSON."""
    event = khuonha.sample().events[0]
    assert export_bytes(event, "json") == khuonha.dumps(event)


def test_jsonl_layout() -> None:
    """jsonl: a header with schema_version, the dataset's own fields, then one record per line."""
    ds = khuonha.sample()
    lines = export_bytes(ds, "jsonl").decode("utf-8").split("\n")
    assert lines[-1] == ""
    parsed = [json.loads(line) for line in lines[:-1]]
    assert parsed[0] == {"type": "header", "schema_version": "2.0", "dataset": ds.slug}
    assert parsed[1]["type"] == "dataset"
    assert "activities" not in parsed[1]["record"]
    assert len(parsed) == 2 + sum(1 for _ in ds.records())
    first_activity = next(p for p in parsed if p["type"] == "activity")
    assert first_activity == {
        "type": "activity",
        "dataset": ds.slug,
        "record": khuonha.codec.core.to_dict(ds.activities[0]),
    }


def test_jsonl_round_trip() -> None:
    """The jsonl lines rebuild the same dataset."""
    for ds in (khuonha.sample(), hostile.hostile_dataset(), hostile.empty_dataset()):
        assert dataset_from_jsonl(export_bytes(ds, "jsonl")) == ds


def test_jsonl_keeps_one_record_per_line_for_any_reader() -> None:
    """Line and paragraph separators in text are escaped, so splitlines() sees one record each."""
    data = export_bytes(hostile.hostile_dataset(), "jsonl")
    text = data.decode("utf-8")
    assert text.splitlines() == text.split("\n")[:-1]
    assert "\u2028" not in text
    assert "\\u2028" in text


def test_jsonl_single_record() -> None:
    """A single record gives a header and one line."""
    lines = export_bytes(khuonha.sample().news[0], "jsonl").decode().splitlines()
    assert json.loads(lines[0]) == {"type": "header", "schema_version": "2.0"}
    assert json.loads(lines[1])["type"] == "news_item"
    assert len(lines) == 2


class _Sink:
    """A binary stream that counts and discards."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        return None


def test_jsonl_streams_in_bounded_memory() -> None:
    """jsonl writes record by record: peak memory stays far below the output size."""
    ds = hostile.large_dataset(50)  # about 2,250 records
    exporter = HOST.get_exporter("jsonl")
    options = exporter.parse_options()
    exporter.write(ds, _Sink(), options)  # type: ignore[arg-type]  # warm the codec's caches
    sink = _Sink()
    tracemalloc.start()
    try:
        exporter.write(ds, sink, options)  # type: ignore[arg-type]
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sink.size > 1_000_000
    assert peak < sink.size / 10


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_can_export(fmt: str) -> None:
    """Datasets and records can be exported; other objects are refused with ExportError."""
    exporter = HOST.get_exporter(fmt)
    assert exporter.can_export(khuonha.sample())
    assert all(exporter.can_export(r) for _, r in khuonha.sample().records())
    for thing in (None, 42, "x", {"slug": "x"}, exporter.parse_options()):
        assert not exporter.can_export(thing)
    with pytest.raises(khuonha.ExportError, match="a Dataset or one of its records, not int"):
        export_bytes(42, fmt)


@pytest.mark.parametrize(("fmt", "reader"), [("json", read_json), ("jsonl", read_jsonl)])
def test_builtins_conform(fmt: str, reader: Any) -> None:
    """The built-in exporters pass the conformance kit."""
    outputs = check_exporter(HOST.get_exporter(fmt), reader, large_copies=5)
    assert outputs["empty"]


@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30))
def test_any_text_round_trips(text: str) -> None:
    """Whatever text the models accept comes back unchanged through json and jsonl."""
    ds = hostile.map_text(khuonha.sample(), lambda _field, _old: text)
    assert khuonha.loads(export_bytes(ds, "json")) == ds
    assert dataset_from_jsonl(export_bytes(ds, "jsonl")) == ds


# -- the kit catches broken exporters -------------------------------------------


class _Base(Exporter[Any]):
    name = "broken"
    description = "a deliberately broken exporter"
    media_type = "text/plain"
    suffixes = (".txt",)

    def can_export(self, obj: object) -> bool:
        return isinstance(obj, khuonha.Dataset)

    def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
        language = khuonha.label(khuonha.Language.VI, options.language)  # follows the option
        stream.write(f"{language}: {obj.title}".encode())


def _problems(exporter: Exporter[Any], read_text: Any = None) -> str:
    with pytest.raises(ConformanceError) as err:
        check_exporter(exporter, read_text, large_copies=1)
    return str(err.value)


def test_kit_accepts_a_correct_exporter() -> None:
    """A plain, correct exporter passes (the kit is not a blanket failure)."""
    check_exporter(_Base(), lambda data: data.decode("utf-8"), large_copies=1)


def test_kit_catches_nondeterminism() -> None:
    """Output that changes between runs is reported."""

    class Clock(_Base):
        runs = 0

        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            Clock.runs += 1
            stream.write(f"{obj.title} {Clock.runs}".encode())

    assert "two runs gave different bytes" in _problems(Clock())


def test_kit_catches_crash_on_hostile_text() -> None:
    """An exporter that crashes on control characters is reported for the hostile case."""

    class Fragile(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            seen: list[str] = []
            hostile.map_text(obj, lambda _field, text: seen.append(text) or text)
            if any("\x00" in text for text in seen):
                raise ValueError("control character")
            super().write(obj, stream, options)

    assert "hostile: the check accepts it, but write raised ValueError" in _problems(Fragile())


def test_kit_catches_closed_stream_and_raising_check() -> None:
    """Closing the caller's stream and a can_export that raises are both reported."""

    class Closing(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            with io.TextIOWrapper(stream, encoding="utf-8") as text:
                text.write(obj.title)

        def can_export(self, obj: object) -> bool:
            if obj is None:
                raise TypeError("None")
            return super().can_export(obj)

    report = _problems(Closing())
    assert "write closed the stream" in report
    assert "can_export(None) raised TypeError" in report


def test_kit_catches_lost_vietnamese() -> None:
    """Text folded to ASCII, or written as NFD, fails the Vietnamese check."""

    class Ascii(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            stream.write(obj.title.encode("ascii", "replace"))

    class Nfd(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            stream.write(unicodedata.normalize("NFD", obj.title).encode("utf-8"))

    def read(data: bytes) -> str:
        return data.decode("utf-8")

    assert "does not contain" in _problems(Ascii(), read)
    assert "holds NFD text" in _problems(Nfd(), read)


def test_kit_catches_output_its_parser_rejects() -> None:
    """When read_text rejects an output, the case is named."""

    def strict_ascii(data: bytes) -> str:
        return data.decode("ascii")

    assert "sample: the format's own parser rejects the output" in _problems(_Base(), strict_ascii)


def test_kit_catches_bad_metadata_and_lenient_options() -> None:
    """Invalid metadata is reported before anything is written."""

    class Bad(_Base):
        name = "Bad Name"
        description = "two\nlines"

    report = _problems(Bad())
    assert "name must be an ASCII slug" in report
    assert "description must be one non-empty line" in report


# -- the datasets ------------------------------------------------------------------


def test_hostile_dataset_is_hostile() -> None:
    """The hostile dataset carries specials, controls, bidi overrides and 10,000-char names."""
    ds = hostile.hostile_dataset()
    text = khuonha.dumps(ds).decode("utf-8")
    assert len(ds.title) == hostile.LONG_LENGTH
    assert len(ds.events[0].name) == hostile.LONG_LENGTH
    for needle in ("<script>", "]]>", "\\u0000", "\u202e", "\\r\\nSUMMARY:", "\u2028"):
        assert needle in text, needle
    assert unicodedata.is_normalized("NFC", text)


def test_vietnamese_dataset_is_nfc() -> None:
    """Text given as NFD is held as NFC in the Vietnamese dataset."""
    ds = hostile.vietnamese_dataset()
    assert ds.title == hostile.VIETNAMESE_SAMPLE
    assert ds.events[0].name == hostile.VIETNAMESE_SAMPLE


def test_large_and_empty_datasets() -> None:
    """large_dataset multiplies every record; empty_dataset has none."""
    n = sum(1 for _ in khuonha.sample().records())
    assert sum(1 for _ in hostile.large_dataset(3).records()) == 4 * n
    assert list(hostile.empty_dataset().records()) == []


def test_map_text_leaves_codes_alone() -> None:
    """map_text rewrites prose, not language or time zone codes."""
    ds = hostile.map_text(khuonha.sample(), lambda _f, _t: "X")
    assert ds.title == "X"
    assert ds.language == khuonha.sample().language
    assert ds.events[0].timezone == khuonha.sample().events[0].timezone
    assert attrs.has(type(ds))


# -- option validators: one wording, whatever validator raised -------------------------


def _not_bad(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value == "bad":
        msg = "must not be 'bad'"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class _CheckedOptions(khuonha.ExportOptions):
    delimiter: str = attrs.field(default=",", validator=attrs.validators.in_((",", ";", "\t")))
    width: int = attrs.field(default=1, validator=[attrs.validators.gt(0), attrs.validators.le(10)])
    code: str = attrs.field(
        default="ab",
        validator=[attrs.validators.matches_re(r"[a-z]+"), attrs.validators.max_len(3)],
    )
    anything: Any = attrs.field(default=0, validator=attrs.validators.instance_of(int))
    mood: str = attrs.field(default="ok", validator=_not_bad)


@pytest.mark.parametrize(
    ("given", "line"),
    [
        ({"delimiter": "x"}, "$.delimiter: must be one of ',', ';', '\\t', got 'x'"),
        ({"width": 0}, "$.width: must be greater than 0, got 0"),
        ({"width": 11}, "$.width: must be at most 10, got 11"),
        ({"code": "AB"}, "$.code: must match '[a-z]+', got 'AB'"),
        ({"code": "abcd"}, "$.code: must be at most 3 characters long, got a length of 4"),
        ({"anything": "x"}, "$.anything: expected int, got str 'x'"),
        ({"mood": "bad"}, "$.mood: must not be 'bad'"),
    ],
)
def test_option_validator_failures_name_the_option(given: dict[str, Any], line: str) -> None:
    """Every kind of attrs validator gives `$.option: reason, got value`."""

    class Checked(khuonha.plugins.json_exporters.JsonExporter):
        options_type = _CheckedOptions

    with pytest.raises(khuonha.DecodeError) as info:
        Checked().parse_options(given)
    assert info.value.errors == (line,)


def test_kit_catches_personal_data_in_a_publication() -> None:
    """A publication whose output holds a planted private name or address is reported."""

    class Leaky(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            super().write(obj, stream, options)
            stream.write(" ".join(hostile.PRIVATE_NAMES).upper().encode())

    assert "personal data: a public export holds personal data" in _problems(Leaky())


def test_kit_exempts_archives_and_checks_through_the_host() -> None:
    """An archive may hold personal data; the host redacts what a publication dumps."""

    class Dump(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            language = khuonha.label(khuonha.Language.VI, options.language)
            stream.write(language.encode() + khuonha.dumps(obj))

    class Archive(Dump):
        archive = True

    check_exporter(Dump(), large_copies=1)  # the host hands it redacted data
    check_exporter(Archive(), large_copies=1)


def test_kit_catches_ignored_language() -> None:
    """A publication that writes the same bytes in vi and en is reported."""

    class Monolingual(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            stream.write(obj.title.encode("utf-8"))

    assert "same output in vi and en" in _problems(Monolingual())


@pytest.mark.parametrize("how", ["print", "fd1", "fd2"])
def test_kit_catches_writing_to_stdout_or_stderr(how: str) -> None:
    """print() or a write to file descriptor 1 or 2 during write is reported."""
    import os

    class Chatty(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            if how == "print":
                print("đang xuất")
            else:
                os.write(1 if how == "fd1" else 2, b"noise\n")
            super().write(obj, stream, options)

    assert "write printed to stdout or stderr" in _problems(Chatty())


def test_kit_catches_files_beside_the_output(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exporter that drops a file next to its output is reported."""

    class Litter(_Base):
        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            with open("khuonha-debug.log", "a", encoding="utf-8") as log:
                log.write("done\n")
            super().write(obj, stream, options)

    monkeypatch.chdir(tmp_path)  # the cases written to streams drop their log here
    assert "created more files beside it: ['khuonha-debug.log']" in _problems(Litter())


def test_kit_passes_the_authors_options() -> None:
    """check_exporter(options=...) runs every case with the author's options."""
    seen: set[str] = set()

    @attrs.frozen(kw_only=True)
    class SepOptions(khuonha.ExportOptions):
        sep: str = ","

    class Sep(_Base):
        options_type = SepOptions

        def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
            seen.add(options.sep)
            super().write(obj, stream, options)

    check_exporter(Sep(), large_copies=1, options={"sep": ";"})
    assert seen == {";"}
    with pytest.raises(ConformanceError, match="do not decode"):
        check_exporter(Sep(), large_copies=1, options={"sepp": ";"})


def test_golden_switch_is_off_by_default(update_goldens: bool, golden: Any, tmp_path: Any) -> None:
    """khuonha's pytest plugin gives one switch, --update-goldens, off unless given."""
    assert update_goldens is False
    path = tmp_path / "x.txt"
    path.write_bytes("Khuôn Hà".encode())
    golden(path, "Khuôn Hà")
    with pytest.raises(AssertionError, match=r"differs from x\.txt"):
        golden(path, b"other")
    with pytest.raises(AssertionError, match="--update-goldens"):
        golden(tmp_path / "missing.txt", b"x")
