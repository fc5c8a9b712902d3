"""Hostile text, long words, personal data, the conformance kit and plugin registration."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from datetime import date

import attrs
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from khuonha_pdf import PdfExporter, khuonha_register_exporters
from khuonha_pdf._text import MAX_CELL, markup, plain

import khuonha
from khuonha.model.awards import Recipient, RecipientKind
from khuonha.model.events import Delegate
from khuonha.model.people import Person
from khuonha.testing import hostile
from khuonha.testing import strategies as ks
from khuonha.testing.conformance import check_exporter

Render = Callable[..., bytes]
ReadText = Callable[[bytes], str]
CONTROL = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\n"}


def squash(text: str) -> str:
    """*text* with every run of whitespace made one space."""
    return " ".join(text.split())


def test_conformance_kit(read_text: ReadText) -> None:
    """The core's conformance kit passes: metadata, determinism, refusals, NFC read-back."""
    outputs = check_exporter(PdfExporter(), read_text=read_text, large_copies=2)
    assert outputs["sample"] is not None
    assert outputs["sample"].startswith(b"%PDF-")
    assert outputs["record Activity"] is None


def test_plugin_hook_registers_the_exporter() -> None:
    """The hookimpl returns one pdf exporter; the host finds it by name and by suffix."""
    (exporter,) = khuonha_register_exporters()
    assert isinstance(exporter, PdfExporter)
    assert exporter.check_metadata() == []
    assert (exporter.name, exporter.suffixes, exporter.media_type) == (
        "pdf",
        (".pdf",),
        "application/pdf",
    )
    assert isinstance(khuonha.get_exporter("pdf"), PdfExporter)
    assert isinstance(khuonha.exporter_for_path("BAO-CAO-QUY-3.PDF"), PdfExporter)


def test_hostile_dataset_renders_cleanly(render: Render, read_text: ReadText) -> None:
    """Markup, control and bidi characters, 10 000-character words: laid out, text intact."""
    data = render(hostile.hostile_dataset())
    text = read_text(data)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 2
    assert not CONTROL & set(text)
    assert unicodedata.is_normalized("NFC", text)
    flat = squash(text)
    assert '<script>alert("xss")</script> &' in flat
    assert "<b>đậm</b>" in flat
    assert "Thượng Lâm, Đảng uỷ xã hoà thuận" in flat


def test_long_unbroken_text_wraps_inside_its_cell(render: Render, read_text: ReadText) -> None:
    """A 5 000-letter word in a narrow cell wraps over pages instead of failing the layout."""
    ds = khuonha.sample()
    word = "Đ" + "ư" * 4999
    activity = attrs.evolve(ds.activities[0], channel=word, description=word)
    group = attrs.evolve(ds.groups[0], name=word, coverage=word)
    ds = attrs.evolve(ds, activities=(activity, *ds.activities[1:]), groups=(group,))
    data = render(ds)
    text = read_text(data)
    lines = [line for line in text.splitlines() if "ưưưư" in line]
    assert len(lines) > 20, "the long word was not broken across lines"
    assert sum(line.count("ư") for line in lines) >= MAX_CELL


def test_text_helpers_normalise_strip_and_escape() -> None:
    """Drawn text is NFC, free of control and bidi characters, and escaped for markup."""
    nfd = unicodedata.normalize("NFD", "Đặng Văn Sình")
    assert plain(nfd) == "Đặng Văn Sình"
    assert plain("a\x00b\x1b[0m\u202ec\r\nd") == "ab[0mc d"
    assert markup("<b> & </b>") == "&lt;b&gt; &amp; &lt;/b&gt;"
    assert plain("x" * 50, 10) == "x" * 9 + "…"


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=ks.datasets())
def test_generated_datasets_render(ds: khuonha.Dataset) -> None:
    """Any valid dataset the strategies build renders to a PDF."""
    out = io.BytesIO()
    exporter = PdfExporter()
    exporter.write(ds, out, exporter.parse_options({}))
    assert out.getvalue().startswith(b"%PDF-")


SECRET_NAME = "Lò Thị Bí Mật"
SECRET_ADDRESS = "số 7 ngõ Kín, thôn Nà Mèo"
SECRET_NOTE = "đang được giáo dục tại cộng đồng"
OFFICIAL_NOTE = "ghi chú riêng của cán bộ"


@pytest.fixture(scope="module")
def personal() -> khuonha.Dataset:
    """The sample plus a private person (delegate, award recipient, activity subject)
    and sensitive fields on the public official."""
    ds = khuonha.sample()
    secret = Person(
        id="nguoi-bi-mat",
        name=SECRET_NAME,
        private=True,
        birth_year=1990,
        address=SECRET_ADDRESS,
        note=SECRET_NOTE,
    )
    official = attrs.evolve(ds.people[0], birth_year=1970, note=OFFICIAL_NOTE)
    event = ds.events[0]
    event = attrs.evolve(
        event,
        delegates=(
            *event.delegates,
            Delegate(person=secret.id, role="đại diện người dân"),
        ),
    )
    award = attrs.evolve(
        ds.awards[0],
        recipients=(
            Recipient(kind=RecipientKind.CA_NHAN, person=secret.id),
            Recipient(kind=RecipientKind.TAP_THE, name="Chi đoàn thôn Nà Mèo"),
        ),
    )
    activity = attrs.evolve(ds.activities[4], subjects=(secret.id,))
    activities = list(ds.activities)
    activities[4] = activity
    return attrs.evolve(
        ds,
        people=(official, secret),
        events=(event, *ds.events[1:]),
        awards=(award, *ds.awards[1:]),
        activities=tuple(activities),
        report_date=date(2022, 8, 10),
    )


def test_public_report_has_no_personal_data(
    personal: khuonha.Dataset, render: Render, read_text: ReadText
) -> None:
    """The default (public) report never names a private person nor prints sensitive fields."""
    text = squash(read_text(render(personal)))
    for secret in (SECRET_NAME, SECRET_ADDRESS, SECRET_NOTE, OFFICIAL_NOTE, "1990", "1970"):
        assert secret not in text
    assert "Đại diện người dân" in text  # the role stays, the name goes
    assert "Chi đoàn thôn Nà Mèo" in text
    assert "Đặng Văn Sình" in text


def test_internal_report_includes_personal_data(
    personal: khuonha.Dataset, render: Render, read_text: ReadText
) -> None:
    """The internal profile names private people and lists sensitive fields, marked internal."""
    text = squash(read_text(render(personal, internal=True)))
    for secret in (SECRET_NAME, SECRET_ADDRESS, SECRET_NOTE, OFFICIAL_NOTE, "1990", "1970"):
        assert secret in text
    assert "Tài liệu sử dụng nội bộ" in text
    assert "PHỤ LỤC: THÔNG TIN CÁ NHÂN" in text
