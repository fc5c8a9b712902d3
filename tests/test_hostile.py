"""Hostile input: every case gives a clear error with its JSON path, or a correct result.

The small cases are files under ``tests/hostile/``; the big ones (a 50 MB
string, 100,000 levels of nesting, 10,000-digit numbers) are generated here,
never committed, and run in a child process with a time limit and an address
space cap. ``docs/reliability.md`` lists every case with its guarantee.
"""

from __future__ import annotations

import copy
import io
import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import khuonha
from khuonha import (
    Anniversary,
    Award,
    Dataset,
    Event,
    EventKind,
    Identifier,
    KindLabel,
    Recipient,
    RecipientKind,
    ReducedDate,
)
from khuonha.cli.main import main
from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.testing import hostile

ReadBack = Callable[[str, bytes], str]  # the parse_output fixture of conftest.py

CORPUS = Path(__file__).parent / "hostile"
# A format that writes a folder (parquet) is tested by its plugin, not through a stream.
EXPORTERS = sorted(e.name for e in khuonha.exporters() if not getattr(e, "writes_directory", False))
SUFFIX = {e.name: e.suffixes[0] for e in khuonha.exporters()}

#: Each corpus file: ``None`` when it is valid, else the start of the error line it must give.
EXPECTED: dict[str, str | None] = {
    "valid-base.json": None,
    "nfd-text.json": None,
    "control-chars.json": None,
    "rtl-override.json": None,
    "xml-specials.json": None,
    "hostile-timezone.json": None,
    "invalid-json.json": "$: invalid JSON: Expecting value (line 2, column 1)",
    "empty.json": "$: empty document",
    "garbage.bin": "$: not UTF-8 text",
    "utf16.json": "$: not UTF-8 text",
    "top-level-array.json": "$: expected an object (Dataset), got array",
    "negative-count.json": "$.activities[0].quantity.value: expected a finite number",
    "float-count.json": "$.activities[0].quantity.total: expected an integer, got float 3.7",
    "wrong-type.json": "$.activities[0].quantity.value: expected a number, got string '92'",
    "nan.json": "$: invalid JSON: NaN is not a JSON number",
    "impossible-date.json": "$.events[0].start_on: impossible date '2022-02-30'",
    "future-schema.json": "$.schema_version: this document uses schema '9.0', newer",
    "unknown-enum.json": "$.events[0].kind: expected one of 'ngay_hoi'",
    "unknown-key.json": "$.people[0]: unknown key 'nickname'",
    "slug-escape.json": "$.slug: expected a file-system-safe slug",
    "lone-surrogate.json": "$.events[0].name: text is not valid Unicode: lone surrogate U+D800",
    "duplicate-id.json": "$.events[1].id: duplicate id 'ngay-hoi'",
    "dangling-reference.json": "$.activities[0].subjects[0]: no person 'khong-ton-tai' (no record",
}
VALID = sorted(k for k, v in EXPECTED.items() if v is None)
INVALID = sorted(k for k, v in EXPECTED.items() if v is not None)

#: Limits of every child process: seconds, and bytes of address space.
TIMEOUT = 90
MEMORY = 3 << 30


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed plugins, no plugin variable: what a user gets."""
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_TRACE_PLUGINS", "KHUONHA_LOAD_PLUGINS"):
        monkeypatch.delenv(name, raising=False)


def test_every_corpus_file_has_an_expectation() -> None:
    """The corpus and the table of expectations list the same files."""
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


# -- the corpus through loads, validate, assess, export -----------------------------


@pytest.mark.parametrize("name", INVALID)
def test_loads_refuses_with_the_path(name: str) -> None:
    """loads raises DecodeError (nothing else) whose lines name the JSON path."""
    with pytest.raises(DecodeError) as err:
        khuonha.loads((CORPUS / name).read_bytes())
    expected = EXPECTED[name]
    assert expected is not None
    assert any(line.startswith(expected) for line in err.value.errors), err.value.errors
    assert all(line.startswith("$") for line in err.value.errors)


@pytest.mark.parametrize("name", VALID)
def test_loads_accepts_hostile_but_valid_text(name: str) -> None:
    """Valid files load; the text is NFC, kept as written otherwise, and round-trips."""
    raw = json.loads((CORPUS / name).read_bytes())
    ds: Dataset = khuonha.loads((CORPUS / name).read_bytes())
    again: Dataset = khuonha.loads(khuonha.dumps(ds))
    assert again == ds
    given = raw["events"][0]["name"]
    assert ds.events[0].name == unicodedata.normalize("NFC", given)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_cli(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha validate` prints FILE: $.path: reason and exits 1, or exits 0; no traceback."""
    path = str(CORPUS / name)
    code = main(["validate", path])
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    expected = EXPECTED[name]
    if expected is None:
        assert (code, out) == (0, "")
    else:
        assert code == 1
        assert f"{path}: {expected}" in out
        assert all(line.startswith(f"{path}: $") for line in out.splitlines())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_assess_cli(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha assess FILE` assesses a valid file, or exits 1 naming the path; no traceback."""
    code = main(["assess", str(CORPUS / name), "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    expected = EXPECTED[name]
    if expected is None:
        assert code == 0
        assert json.loads(out)["dataset"] == "xa-thu-nghiem"
    else:
        assert code == 1
        assert err.startswith("khuonha: error: ")
        assert expected in err


@pytest.mark.parametrize("name", INVALID)
def test_export_cli_refuses_and_writes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha export` of an invalid file exits 1 naming FILE and path, and writes no file."""
    path = str(CORPUS / name)
    code = main(["export", path, "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}: {EXPECTED[name]}" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("exporter", EXPORTERS)
@pytest.mark.parametrize("name", VALID)
def test_every_exporter_gives_a_valid_file(
    name: str, exporter: str, tmp_path: Path, parse_output: ReadBack
) -> None:
    """Each valid hostile file gives output its format's parser accepts, holding the NFC text."""
    ds: Dataset = khuonha.loads((CORPUS / name).read_bytes())
    target = tmp_path / f"out{SUFFIX[exporter]}"
    code = main(["export", str(CORPUS / name), "-f", exporter, "-o", str(target)])
    assert code == 0
    text = parse_output(exporter, target.read_bytes())
    if exporter in {"json", "jsonl", "rss", "atom", "ics"}:  # formats known to show names
        assert "Khuôn Hà" in text or "Ngày" in text or "Xã" in text
    buf = io.BytesIO()
    khuonha.export(ds, exporter, buf)
    assert buf.getvalue() == target.read_bytes()
    if exporter in {"rss", "atom"}:
        # Markup in the data reaches readers as text, never as elements.
        assert "<script>" not in target.read_text("utf-8")
        assert "file:///etc/passwd" not in text or name == "xml-specials.json"


def test_hostile_dataset_exports_from_the_cli(tmp_path: Path, parse_output: ReadBack) -> None:
    """The kit's hostile dataset (10,000-character names, specials) exports in every format."""
    source = tmp_path / "hostile.json"
    source.write_bytes(khuonha.dumps(hostile.hostile_dataset()))
    assert main(["validate", str(source)]) == 0
    out = tmp_path / "out"
    assert main(["export", str(source), "-o", str(out)]) == 0
    written = {p.suffix: p for p in out.iterdir()}
    for exporter in EXPORTERS:
        parse_output(exporter, written[SUFFIX[exporter]].read_bytes())


# -- every text field of every model ------------------------------------------------


def _full_sample() -> Dataset:
    """The sample plus the records it lacks, so every model class with text appears."""
    ds = khuonha.sample()
    person = attrs.evolve(ds.people[0], identifiers=(Identifier(scheme="cccd", identifier="0123"),))
    award: Award = attrs.evolve(
        ds.awards[0], recipients=(Recipient(kind=RecipientKind.TAP_THE, name="Tổ tự quản số 1"),)
    )
    activity = attrs.evolve(ds.activities[0], label=KindLabel(vi="Tuyên truyền", en="Outreach"))
    event = attrs.evolve(
        ds.events[0],
        anniversaries=(Anniversary(of="Ngày hội", years=17, text="17 năm Ngày hội"),),
    )
    month_only = Event(
        id="su-kien-thang-8",
        kind=EventKind.HOI_NGHI,
        name="Hội nghị",
        start_in=ReducedDate(year=2022, month=8, text="tháng 8/2022"),
    )
    document = khuonha.ReportDocument(
        symbol="BC-BCĐ",
        recipients=(khuonha.Addressee(name="Như trên", purpose="b/c"),),
        archived_with=("CAX",),
    )
    return attrs.evolve(
        ds,
        people=(person, *ds.people[1:]),
        awards=(award, *ds.awards[1:]),
        activities=(activity, *ds.activities[1:]),
        events=(event, *ds.events[1:], month_only),
        document=document,
    )


def _bases() -> list[Dataset]:
    """Datasets that, together, hold every model class that has text."""
    demo = (Path(khuonha.__file__).parent / "data" / "assessment-demo.json").read_bytes()
    # a draft read from prose: records with a provenance, one of them marked for review
    draft = khuonha.extract_text("Xã Vân Hồ tuyên truyền được 15 buổi.")
    return [_full_sample(), khuonha.loads(demo), draft]


def _text_slots(obj: Any, data: dict[str, Any], path: str) -> Iterator[tuple[type, str, str]]:
    """(model class, field, JSON path) of every text field, with *data* the object's JSON.

    The path of a field holding a tuple of texts ends in ``[]``.
    """
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if hostile._is_text(field):
            many = "[]" if isinstance(value, tuple) else ""
            yield type(obj), field.name, f"{path}.{field.name}{many}"
        elif attrs.has(type(value)):
            yield from _text_slots(value, data[field.name], f"{path}.{field.name}")
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _text_slots(item, data[field.name][i], f"{path}.{field.name}[{i}]")


def _set(data: Any, path: str, value: Any) -> None:
    """Set the value at a ``$.a[0].b`` *path* of plain JSON *data*."""
    parts = path[2:].replace("[", ".[").split(".")
    for part in parts[:-1]:
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    data[parts[-1]] = value


def _all_text_classes() -> set[tuple[type, str]]:
    import typing

    seen: set[type] = set()
    stack: list[Any] = [Dataset]
    while stack:
        hint = stack.pop()
        if attrs.has(hint) and hint not in seen:
            seen.add(hint)
            stack.extend(typing.get_type_hints(hint).values())
        stack.extend(typing.get_args(hint))
    return {(c, f.name) for c in seen for f in attrs.fields(c) if hostile._is_text(f)}


def _first_slots() -> dict[tuple[type, str], tuple[Dataset, str]]:
    """For each (model class, text field): a dataset holding one, and its JSON path."""
    slots: dict[tuple[type, str], tuple[Dataset, str]] = {}
    for ds in _bases():
        data = json.loads(khuonha.dumps(ds))
        for cls, name, path in _text_slots(ds, data, "$"):
            slots.setdefault((cls, name), (ds, path))
    return slots


def test_the_walk_reaches_every_text_field() -> None:
    """Every text field of every model reachable from Dataset has a place in the walk."""
    assert set(_first_slots()) == _all_text_classes()


@pytest.mark.parametrize("bad", ["Khuôn\ud800Hà", "\udfff", "a\udc80"])
def test_lone_surrogates_refused_in_every_text_field(bad: str) -> None:
    r"""A lone surrogate (a JSON \ud800 escape) in any text field is refused at its path."""
    documents: dict[int, Any] = {}
    for ds, slot in _first_slots().values():
        base = documents.setdefault(id(ds), json.loads(khuonha.dumps(ds)))
        data = copy.deepcopy(base)
        many = slot.endswith("[]")
        path = slot.removesuffix("[]")
        _set(data, path, [bad] if many else bad)
        document = json.dumps(data)  # ensure_ascii: the surrogate is a \udXXX escape
        assert "\\ud" in document
        with pytest.raises(DecodeError) as err:
            khuonha.loads(document)
        assert any(
            line.startswith(path) and "lone surrogate" in line for line in err.value.errors
        ), (path, err.value.errors)


@pytest.mark.parametrize("exporter", EXPORTERS)
def test_control_characters_in_every_text_field(exporter: str, parse_output: ReadBack) -> None:
    """Control characters in every text field load losslessly and every exporter stays valid."""
    controls = "a\x00b\x01\x08\x0b\x0c\x1b[0m\x7f\x85\x9f\r\nc"
    ds = hostile.map_text(_full_sample(), lambda _f, _t: controls)
    assert ds.title == controls
    loaded: Dataset = khuonha.loads(khuonha.dumps(ds))
    assert loaded == ds
    buf = io.BytesIO()
    khuonha.export(ds, exporter, buf)
    parse_output(exporter, buf.getvalue())


def test_models_refuse_surrogates_too() -> None:
    """Building a model in Python with a lone surrogate raises the library's error."""
    with pytest.raises(InvalidDataError, match="lone surrogate"):
        Dataset(slug="x", title="\ud800")


# -- a slug that would escape the output directory ------------------------------------


def test_slug_cannot_escape_the_output_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No dataset has the slug ../../etc; forced past the model, export still stays inside."""
    with pytest.raises(InvalidDataError, match="slug"):
        Dataset(slug="../../etc", title="x")
    with pytest.raises(InvalidDataError, match="slug"):
        attrs.evolve(khuonha.sample(), slug="../../etc")
    forced = copy.copy(khuonha.sample())  # a copy: sample() is cached and shared
    object.__setattr__(forced, "slug", "../../etc")  # what no decoder or constructor allows
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setattr("khuonha.cli.export.read_dataset", lambda *_args: forced)
    assert main(["export", "-f", "json"]) == 0
    assert sorted(p.name for p in (work / "khuonha-out").iterdir()) == ["etc.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


# -- periods ------------------------------------------------------------------------

PERIOD_TEXTS = [
    "",
    " ",
    "quý\x00III/2022",
    "\u202equý III/2022",
    "<script>quý III</script>&amp;",
    "quý III/99999999999999999999",
    "ngày 30/2/2022",
    "tháng 13/2022",
    "năm " + "9" * 10_000,
    "quý " * 2_500,
    hostile.long_text(10_000),
    *hostile.HOSTILE_TEXTS,
]


@pytest.mark.parametrize("text", PERIOD_TEXTS, ids=range(len(PERIOD_TEXTS)))
def test_period_cli_hostile_text(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha period TEXT` answers or exits 1 with one clear error, quickly; no traceback."""
    start = time.monotonic()
    code = main(["period", text])
    out, err = capsys.readouterr()
    assert time.monotonic() - start < 5
    assert "Traceback" not in err
    if code == 0:
        assert out.count("\n") == 1
    else:
        assert code == 1
        assert err.startswith("khuonha: error: cannot read a period from ")
        assert len(err) < 1000


def test_period_cli_reads_nfd(capsys: pytest.CaptureFixture[str]) -> None:
    """NFD input reads like NFC input."""
    assert main(["period", unicodedata.normalize("NFD", "quý III/2022")]) == 0
    assert capsys.readouterr().out.startswith("2022-07-01 – 2022-09-30")


# -- big input, in a child process with limits ---------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_khuonha(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the command line in a child process, time- and memory-bounded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHUONHA_")}
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "khuonha", *args],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert time.monotonic() - start < TIMEOUT
    assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]
    return proc


def _document(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "valid-base.json").read_bytes())
    data.update(changes)
    return data


def test_deep_nesting(tmp_path: Path) -> None:
    """JSON nested 100,000 levels deep is refused, whole or inside a field; exit 1, no crash."""
    deep = "[" * 100_000 + "]" * 100_000
    whole = tmp_path / "deep.json"
    whole.write_text(deep)
    inner = tmp_path / "deep-field.json"
    inner.write_text(json.dumps(_document(units="X"))[:-1].replace('"X"', deep) + "}")
    objects = tmp_path / "deep-objects.json"
    objects.write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
    commands = (["validate", str(whole), str(inner), str(objects)], ["assess", str(inner)])
    for command in (*commands, ["export", str(objects), "-f", "json", "-o", "x.json"]):
        proc = run_khuonha(*command, cwd=tmp_path)
        assert proc.returncode == 1
        assert b"$: invalid JSON: nested too deeply" in proc.stdout + proc.stderr
    assert not (tmp_path / "x.json").exists()


def test_numbers_of_ten_thousand_digits(tmp_path: Path) -> None:
    """A 10,000-digit number is refused at its path, integer or decimal; loads never hangs."""
    base = json.dumps(_document())
    cases = {
        "int.json": base.replace('"value": 92', '"value": ' + "9" * 10_000),
        "float.json": base.replace('"value": 92', '"value": 1' + "0" * 10_000 + ".5"),
        "count.json": base.replace('"unit": "l', '"total": ' + "7" * 10_000 + ', "unit": "l'),
        "top.json": "1" * 10_000,
    }
    expected = {
        "int.json": b"$.activities[0].quantity.value: expected a number, got a number of 10000",
        "float.json": b"$.activities[0].quantity.value: expected a finite number",
        "count.json": b"$.activities[0].quantity.total: expected an integer, got a number of",
        "top.json": b"$: expected an object (Dataset), got a number of 10000 digits",
    }
    for name, text in cases.items():
        assert text != base
        (tmp_path / name).write_text(text)
        proc = run_khuonha("validate", name, cwd=tmp_path)
        assert proc.returncode == 1
        assert expected[name] in proc.stdout, proc.stdout
        assert len(proc.stdout) < 1000
    with pytest.raises(DecodeError):
        khuonha.loads(cases["int.json"])


def test_counts_beyond_json_precision_are_refused() -> None:
    """Counts above 2**53 - 1 are refused at their path, not crashed on by an exporter."""
    base = _document()
    base["activities"][0]["quantity"]["total"] = 2**53
    with pytest.raises(DecodeError, match=r"quantity\.total: a count must be at most"):
        khuonha.loads(json.dumps(base))
    base["activities"][0]["quantity"] = {"value": 10**400}
    with pytest.raises(DecodeError, match=r"quantity\.value: expected a finite number"):
        khuonha.loads(json.dumps(base))
    assert khuonha.format_number(10**30) == "1" + ".000" * 10


def test_fifty_megabyte_texts_are_refused_briefly(tmp_path: Path) -> None:
    """A 50 MB key, id or slug is refused with a short message (the value is clipped)."""
    big = "x" * 50_000_000
    data = _document()
    data["people"][0][big] = 1
    (tmp_path / "key.json").write_text(json.dumps(data))
    (tmp_path / "slug.json").write_text(json.dumps(_document(slug=big)))
    for name, path in (("key.json", "$.people[0]: unknown key"), ("slug.json", "$.slug: ")):
        proc = run_khuonha("validate", name, cwd=tmp_path)
        assert proc.returncode == 1
        assert f"{name}: {path}".encode() in proc.stdout
        assert len(proc.stdout) < 2000


@pytest.fixture(scope="module")
def fifty_mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid dataset whose event name is 50 MB of Vietnamese (every exporter shows it)."""
    directory = tmp_path_factory.mktemp("big")
    ds: Dataset = khuonha.loads((CORPUS / "valid-base.json").read_bytes())
    big = hostile.long_text(50_000_000)
    ds = attrs.evolve(ds, events=(attrs.evolve(ds.events[0], name=big),))
    path = directory / "big.json"
    path.write_bytes(khuonha.dumps(ds))
    return path


def test_fifty_megabyte_text_validates_and_assesses(fifty_mb: Path) -> None:
    """A 50 MB text is valid data: validate and assess accept it, in bounded time and memory."""
    assert run_khuonha("validate", str(fifty_mb), cwd=fifty_mb.parent).returncode == 0
    proc = run_khuonha("assess", str(fifty_mb), "--json", cwd=fifty_mb.parent)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["dataset"] == "xa-thu-nghiem"


def test_fifty_megabyte_text_through_every_exporter(fifty_mb: Path, parse_output: ReadBack) -> None:
    """Each exporter renders a 50 MB text (PDF and iCalendar cut it) or refuses it clearly."""
    out = fifty_mb.parent / "out"
    proc = run_khuonha("export", str(fifty_mb), "-o", str(out), cwd=fifty_mb.parent)
    refused = {
        line.split(":")[2].strip()
        for line in proc.stderr.decode().splitlines()
        if line.startswith("khuonha: error: ")
    }
    assert proc.returncode == (1 if refused else 0), proc.stderr
    for exporter in EXPORTERS:
        target = out / f"xa-thu-nghiem{SUFFIX[exporter]}"
        if exporter in refused:  # a refusal: named on stderr, and no file
            assert not target.exists()
            continue
        data = target.read_bytes()
        text = parse_output(exporter, data)
        if exporter in {"json", "jsonl"}:  # the data formats are lossless
            assert len(text) > 50_000_000
        if exporter in {"pdf", "ics"}:  # public views cut huge text, and say so with "…"
            assert len(data) < 5_000_000
            assert "…" in text
    # every installed exporter renders it, but a workbook, whose cells hold 32,767 characters
    assert sorted(refused) in ([], ["xlsx"])
    assert not list(out.glob(".khuonha-tmp-*"))


def test_undecodable_command_line_text(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 on the command line give a clear error, not a crash."""
    proc = run_khuonha("period", b"qu\xff\x01", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith(b"khuonha: error: cannot read a period")
    proc = run_khuonha("validate", b"kh\xf4ng-c\xf3.json", cwd=tmp_path)
    assert proc.returncode == 1
    assert b"cannot read" in proc.stdout
