"""Personal data (Nghị định 13/2023/NĐ-CP) never reaches a public export.

The rule, also in ``docs/reliability.md``: every exporter but the archives
(``archive = True``: the lossless data formats ``json`` and ``jsonl``) is a
publication. The plugin host, not the plugin, hands a publication the dataset
without personal data (:func:`khuonha.redact`, and every private person's name
masked wherever it was typed into free text) unless the ``internal`` option is
set, so no field marked sensitive and no private person's name is written,
even by a third-party exporter that never heard of ``internal``.
``json``/``jsonl`` are the data itself (``khuonha export -f json`` equals
:func:`khuonha.dumps`), meant for exchange and archiving inside the
administration: they always hold everything.
"""

from __future__ import annotations

import html
import io
import json
import types
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import pytest

import khuonha
from khuonha import Dataset, Person, Recipient, RecipientKind, match_key
from khuonha.cli.main import main
from khuonha.model.events import Delegate
from khuonha.plugins.host import set_default_host
from khuonha.plugins.privacy import PRIVATE_NAME as PRIVATE_NAME_SHOWN
from khuonha.plugins.privacy import public_view
from khuonha.testing.plugins import FakeEntryPoint

ReadBack = Callable[[str, bytes], str]  # the parse_output fixture of conftest.py

EXPORTERS = sorted(e.name for e in khuonha.exporters())
#: The lossless data formats: internal by definition (documented).
LOSSLESS = {"json", "jsonl"}
PUBLIC = [name for name in EXPORTERS if name not in LOSSLESS]
#: The workspace's formats that name people (delegates, recipients).
NAMING_PEOPLE = {"rss", "atom", "ics", "pdf"}

PRIVATE_NAME = "Lò Thị Bí Mật"
SUBJECT_NAME = "Hoàng Văn Đối Tượng"
#: Values only sensitive fields or private people hold.
SECRETS = (
    PRIVATE_NAME,
    SUBJECT_NAME,
    "Số 9 ngõ Kín Đáo",
    "Số 7 ngõ Riêng Tư",
    "1888",
    "1889",
    "ghi chú riêng tư XYZ",
    "ghi chú nội bộ QWE",
)
PUBLIC_NAME = "Nguyễn Văn Công Khai"
#: A private person whose name is typed into free text, in other case, spacing and tone style.
TYPED_NAME = "Đỗ Thị Thuỷ Hoà"
TYPED = {
    "events[0].name": "Thăm hỏi bà ĐỖ THỊ THỦY  HÒA tại Ngày hội",
    "events[0].description": "Gia đình đỗ thị\u00a0thuỷ hoà được hỗ trợ.",
    "news[0].lead": unicodedata.normalize("NFD", "Bà Đỗ Thị Thủy Hòa, thôn Nà Mặn, phát biểu."),
}

pytestmark = pytest.mark.workspace


def planted() -> Dataset:
    """The sample with personal data planted where exporters look: delegates, awards, subjects."""
    ds = khuonha.sample()
    people = (
        Person(
            id="ca-nhan-bi-mat",
            name=PRIVATE_NAME,
            private=True,
            honorific="bà",
            address="Số 9 ngõ Kín Đáo",
            birth_year=1888,
            note="ghi chú riêng tư XYZ",
        ),
        Person(id="doi-tuong-1", name=SUBJECT_NAME, private=True),
        Person(
            id="can-bo-cong-khai",
            name=PUBLIC_NAME,
            address="Số 7 ngõ Riêng Tư",
            birth_year=1889,
            note="ghi chú nội bộ QWE",
        ),
    )
    event = ds.events[0]
    event = attrs.evolve(
        event,
        delegates=(
            *event.delegates,
            Delegate(person="ca-nhan-bi-mat"),
            Delegate(person="can-bo-cong-khai"),
        ),
    )
    activity = attrs.evolve(ds.activities[0], subjects=("doi-tuong-1", "ca-nhan-bi-mat"))
    award = attrs.evolve(
        ds.awards[0],
        recipients=(
            *ds.awards[0].recipients,
            Recipient(kind=RecipientKind.CA_NHAN, person="ca-nhan-bi-mat"),
        ),
    )
    return attrs.evolve(
        ds,
        people=(*ds.people, *people),
        events=(event, *ds.events[1:]),
        activities=(activity, *ds.activities[1:]),
        awards=(award, *ds.awards[1:]),
    )


def planted_text() -> Dataset:
    """:func:`planted`, plus a private person's name typed into an event's name and a news lead."""
    ds = planted()
    person = Person(id="ca-nhan-duoc-ho-tro", name=TYPED_NAME, private=True)
    event = attrs.evolve(
        ds.events[0], name=TYPED["events[0].name"], description=TYPED["events[0].description"]
    )
    news = attrs.evolve(ds.news[0], lead=TYPED["news[0].lead"])
    return attrs.evolve(
        ds,
        people=(*ds.people, person),
        events=(event, *ds.events[1:]),
        news=(news, *ds.news[1:]),
    )


def export(name: str, *, internal: bool) -> bytes:
    buf = io.BytesIO()
    khuonha.export(planted_text(), name, buf, {"internal": internal})
    return buf.getvalue()


def leaks(text: str) -> list[str]:
    """The planted personal values *text* holds: as written, or (names) in any spelling."""
    found = [secret for secret in SECRETS if secret in text]
    key = match_key(text)
    for name in (PRIVATE_NAME, SUBJECT_NAME, TYPED_NAME):
        if match_key(name) in key and name not in found:
            found.append(name)
    return found


def seen(name: str, data: bytes, parse_output: ReadBack) -> str:
    """Everything a reader of *data* can see: the parsed text and the raw (unescaped) bytes."""
    raw = html.unescape(data.decode("utf-8", "replace"))
    return parse_output(name, data) + "\n" + raw.replace("\r\n ", "")


@pytest.mark.parametrize("name", PUBLIC)
def test_public_exports_hold_no_personal_data(name: str, parse_output: ReadBack) -> None:
    """No public output (rss, atom, ics, pdf, any other) holds a planted personal value."""
    text = seen(name, export(name, internal=False), parse_output)
    assert leaks(text) == []


@pytest.mark.parametrize("name", PUBLIC)
def test_internal_option_includes_private_people(name: str, parse_output: ReadBack) -> None:
    """With internal=true, formats that name delegates name the private one too."""
    public = seen(name, export(name, internal=False), parse_output)
    internal = seen(name, export(name, internal=True), parse_output)
    if name not in NAMING_PEOPLE and PUBLIC_NAME not in public:
        return  # an installed third-party format that names no one (a CSV of figures)
    assert PUBLIC_NAME in public  # the export does show people: the test has teeth
    assert PRIVATE_NAME in internal


def test_internal_pdf_includes_sensitive_fields(parse_output: ReadBack) -> None:
    """The internal PDF profile lists personal data: subjects, birth years, notes."""
    if "pdf" not in EXPORTERS:
        pytest.fail("the pdf plugin is part of the workspace and must be installed")
    text = parse_output("pdf", export("pdf", internal=True))
    for value in (SUBJECT_NAME, "1888", "1889", "ghi chú riêng tư XYZ"):
        assert value in text


@pytest.mark.parametrize("name", sorted(LOSSLESS))
def test_data_formats_are_lossless(name: str) -> None:
    """json and jsonl are the data itself: every planted value is there, internal or not."""
    for internal in (False, True):
        text = export(name, internal=internal).decode("utf-8")
        assert [secret for secret in SECRETS if secret not in text] == []
        assert TYPED["events[0].name"] in text
    assert export("json", internal=False) == khuonha.dumps(planted_text())


def test_public_view_is_the_one_mechanism() -> None:
    """A public export of the public view equals the public export of the original."""
    view = public_view(planted_text())
    assert view.masked == ("events[0].name", "events[0].description", "news[0].lead")
    for name in PUBLIC:
        buf = io.BytesIO()
        khuonha.export(view.data, name, buf)
        assert buf.getvalue() == export(name, internal=False), name


# -- an exporter that ignores ``internal`` cannot publish personal data -----------------


class Careless(khuonha.Exporter[Any]):
    """A third-party exporter written to the first contract that never heard of ``internal``."""

    name = "careless"
    description = "Everything, as JSON"
    media_type = "application/json"
    suffixes = (".careless",)

    def can_export(self, obj: object) -> bool:
        return isinstance(obj, Dataset)

    def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
        stream.write(khuonha.dumps(obj))


def _careless_plugin() -> FakeEntryPoint:
    module = types.ModuleType("careless")

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        return [Careless()]

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]
    return FakeEntryPoint("careless", plugin=module)


def _assert_clean(data: bytes) -> None:
    text = json.dumps(json.loads(data), ensure_ascii=False)
    assert leaks(text) == []
    assert leaks(data.decode("utf-8")) == []
    assert PRIVATE_NAME_SHOWN in text  # the test has teeth: the data did pass


def test_third_party_exporter_via_export_and_host() -> None:
    """Through khuonha.export and PluginHost.export, a careless plugin gets redacted data."""
    host = khuonha.PluginHost(entry_points=[_careless_plugin()], strict=True)
    via_host = io.BytesIO()
    host.export(planted_text(), "careless", via_host)
    _assert_clean(via_host.getvalue())
    old = set_default_host(host)
    try:
        via_export = io.BytesIO()
        khuonha.export(planted_text(), "careless", via_export)
        internal = io.BytesIO()
        khuonha.export(planted_text(), "careless", internal, {"internal": True})
    finally:
        set_default_host(old)
    assert via_export.getvalue() == via_host.getvalue()
    assert TYPED_NAME in internal.getvalue().decode()  # internal exports keep everything


def test_third_party_exporter_via_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha export -f careless` writes no personal data and notes what it masked."""
    import importlib.metadata

    plugin = _careless_plugin()
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_kw: [plugin])
    monkeypatch.delenv("KHUONHA_LOAD_PLUGINS", raising=False)
    source = tmp_path / "planted.json"
    source.write_bytes(khuonha.dumps(planted_text()))
    out = tmp_path / "out.careless"
    assert main(["export", str(source), "-f", "careless", "-o", str(out)]) == 0
    _assert_clean(out.read_bytes())
    err = capsys.readouterr().err
    note = "khuonha: note: careless: masked a private name in events[0].name, "
    assert note + "events[0].description, news[0].lead" in err


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_format_via_the_command_line(
    name: str, tmp_path: Path, parse_output: ReadBack, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every installed public format, written by the CLI, holds no planted personal value."""
    source = tmp_path / "planted.json"
    source.write_bytes(khuonha.dumps(planted_text()))
    out = tmp_path / f"out.{name}"
    assert main(["export", str(source), "-f", name, "-o", str(out)]) == 0
    assert leaks(seen(name, out.read_bytes(), parse_output)) == []
    assert f"khuonha: note: {name}: masked a private name in " in capsys.readouterr().err
