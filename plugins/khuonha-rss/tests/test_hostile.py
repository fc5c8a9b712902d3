"""Hostile text (XML specials, control characters, RTL overrides, NFD) yields well-formed feeds."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from datetime import date

import feedparser
from hypothesis import given
from hypothesis import strategies as st
from khuonha_rss import AtomExporter, RssExporter, xml_text
from lxml import etree

from khuonha import Dataset, NewsItem

#: Never resolve entities or reach the network, even for our own output.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
Render = Callable[..., bytes]
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_nasty = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "]]>",
        "<![CDATA[",
        "&amp;",
        "<b>",
        "<script>",
        "\x00",
        "\x01",
        "\x0b",
        "\x1b",
        "\x7f",
        "\x85",
        "\r",
        "\r\n",
        "\t",
        "\u202e",
        "\u202c",
        "\u200f",
        "\ufeff",
        "\ufffe",
        "\uffff",
        "\u0301",
        "\u0323",
        "e\u0302\u0301",
        "Thu\u0301y",
        "🇻🇳",
        "\u2028",
    ]
)
hostile_texts = (
    st.lists(
        st.one_of(_nasty, st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=5)),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(bool)
)


def _expected(value: str) -> str:
    """What a reader gets back: NFC, no XML-forbidden characters, line ends normalised."""
    cleaned = unicodedata.normalize("NFC", _FORBIDDEN.sub("", unicodedata.normalize("NFC", value)))
    return cleaned.replace("\r\n", "\n").replace("\r", "\n")


def _dataset(text: str) -> Dataset:
    item = NewsItem(
        id="n1",
        title=text,
        lead=text,
        authors=(text,),
        categories=(text,),
        published_on=date(2024, 1, 2),
    )
    return Dataset(slug="hostile", title=text, news=(item,))


@given(hostile_texts)
def test_rss_survives_hostile_text(render: Render, text: str) -> None:
    """RSS stays well-formed; title, author and category read back as the cleaned text."""
    data = render(RssExporter(), _dataset(text))
    root = etree.fromstring(data, parser=SAFE_PARSER)
    item = root.find("channel/item")
    assert item is not None
    want = _expected(text)
    assert item.findtext("title") == want
    assert (item.findtext(f"{DC}creator") or "") == want
    assert [c.text or "" for c in item.findall("category")][1] == want
    # The summary is escaped HTML: unescaping it gives the text, never markup.
    assert html.unescape(item.findtext("description") or "") == want
    assert not feedparser.parse(data).bozo


@given(hostile_texts)
def test_atom_survives_hostile_text(render: Render, text: str) -> None:
    """Atom stays well-formed; every text reads back as the cleaned text."""
    data = render(AtomExporter(), _dataset(text))
    root = etree.fromstring(data, parser=SAFE_PARSER)
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    want = _expected(text)
    assert entry.findtext(f"{ATOM}title") == want
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == want
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    assert html.unescape(summary.text or "") == want
    assert root.findtext(f"{ATOM}title") == want
    assert not feedparser.parse(data).bozo


def test_markup_in_a_lead_is_shown_as_text(render: Render) -> None:
    """A lead holding HTML reaches readers as text: feedparser sees escaped markup, no tag."""
    ds = _dataset('<script>alert("x")</script><b>Tin</b> & "trích dẫn"')
    for exporter in (RssExporter(), AtomExporter()):
        entry = feedparser.parse(render(exporter, ds)).entries[0]
        assert "<script>" not in entry.summary
        assert "<b>" not in entry.summary
        assert html.unescape(entry.summary) == '<script>alert("x")</script><b>Tin</b> & "trích dẫn"'


def test_nfd_input_is_nfc_in_the_feed(render: Render) -> None:
    """Vietnamese typed in NFD comes out NFC in both feeds."""
    nfd = unicodedata.normalize("NFD", "Xã Khuôn Hà tổ chức Ngày hội")
    for exporter in (RssExporter(), AtomExporter()):
        data = render(exporter, _dataset(nfd))
        assert "Xã Khuôn Hà tổ chức Ngày hội".encode() in data
        assert nfd.encode() not in data


def test_rtl_override_is_kept_and_well_formed(render: Render) -> None:
    """Bidi controls are legal XML: they are kept, and the feed parses."""
    text = "Tin \u202eđảo chiều\u202c xong"
    for exporter in (RssExporter(), AtomExporter()):
        data = render(exporter, _dataset(text))
        parsed = feedparser.parse(data)
        assert not parsed.bozo
        assert parsed.entries[0].title == text


def test_removing_a_control_character_renormalises() -> None:
    """A control character between a letter and its combining mark is dropped; the result is NFC."""
    assert xml_text("Thu\x07\u0301y") == "Thúy"
    assert xml_text("an\x00ninh\x0b") == "anninh"
    assert xml_text("plain") == "plain"


def test_data_keeps_the_forbidden_characters(render: Render) -> None:
    """Cleaning happens on the way out: the dataset itself is not changed."""
    ds = _dataset("a\x01b")
    render(RssExporter(), ds)
    assert ds.news[0].title == "a\x01b"


def test_text_options_are_cleaned_and_nfc(render: Render) -> None:
    """Feed title and description from options go through the same cleaning."""
    data = render(
        AtomExporter(),
        _dataset("x"),
        title=unicodedata.normalize("NFD", "Tin\x1b Khuôn Hà"),
        description="<Mô tả> & \x00",
    )
    root = etree.fromstring(data, parser=SAFE_PARSER)
    assert root.findtext(f"{ATOM}title") == "Tin Khuôn Hà"
    assert root.findtext(f"{ATOM}subtitle") == "<Mô tả> & "
