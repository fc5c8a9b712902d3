"""The sample's feeds: parsers accept them, required elements, goldens, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest
from khuonha_rss import AtomExporter, RssExporter
from lxml import etree

import khuonha

#: Never resolve entities or reach the network, even for our own output.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

ATOM = "{http://www.w3.org/2005/Atom}"
Render = Callable[..., bytes]


@pytest.fixture(scope="module")
def sample_rss(rss: RssExporter, render: Render) -> bytes:
    """The sample's RSS feed."""
    return render(rss, khuonha.sample())


@pytest.fixture(scope="module")
def sample_atom(atom: AtomExporter, render: Render) -> bytes:
    """The sample's Atom feed."""
    return render(atom, khuonha.sample())


def test_feedparser_reads_rss_without_errors(sample_rss: bytes) -> None:
    """feedparser parses the sample's RSS as RSS 2.0 with bozo false."""
    parsed = feedparser.parse(sample_rss)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == 6


def test_feedparser_reads_atom_without_errors(sample_atom: bytes) -> None:
    """feedparser parses the sample's Atom as Atom 1.0 with bozo false."""
    parsed = feedparser.parse(sample_atom)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == 6


def test_rss_has_every_required_element(sample_rss: bytes) -> None:
    """The channel has title, link, description; each item a title or description and a guid."""
    root = etree.fromstring(sample_rss, parser=SAFE_PARSER)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name
    self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    items = channel.findall("item")
    assert items
    for item in items:
        assert (item.findtext("title") or item.findtext("description") or "").strip()
        assert (item.findtext("guid") or "").startswith("tag:")
        assert item.find("guid").get("isPermaLink") == "false"
        assert (item.findtext("pubDate") or "").endswith("+0700")


def test_atom_has_every_required_element(sample_atom: bytes) -> None:
    """The feed has id, title, updated, author, self link; each entry id, title, updated, author."""
    root = etree.fromstring(sample_atom, parser=SAFE_PARSER)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    assert (root.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert rels["self"].endswith("/feed.atom")
    assert rels["alternate"]
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        assert (entry.findtext(f"{ATOM}updated") or "").endswith("+07:00")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["rss", "atom"])
def test_sample_matches_golden(
    name: str, language: str, render: Render, golden: Callable[[str, bytes], None]
) -> None:
    """The parsed sample feed equals its golden file (content, not bytes)."""
    exporter: Any = RssExporter() if name == "rss" else AtomExporter()
    data = render(exporter, khuonha.sample(), language=language)
    golden(f"khuon-ha-2022.{language}.{name}", data)


def test_sample_items_and_order(sample_rss: bytes) -> None:
    """The article comes first, then its events, then the certifications, newest first."""
    parsed = feedparser.parse(sample_rss)
    ids = [e.id for e in parsed.entries]
    prefix = "tag:khuonha.invalid,2022:khuon-ha-2022/"
    assert ids == [
        prefix + "news/tin-khuon-ha-2022",
        prefix + "events/ngay-hoi-khuon-ha-2022",
        prefix + "events/dien-dan-khuon-ha-2022",
        prefix + "certifications/an-toan-antt-thon-khuon-ha",
        prefix + "certifications/an-toan-antt-truong-hoc-khuon-ha",
        prefix + "certifications/an-toan-antt-tram-y-te-khuon-ha",
    ]
    article = parsed.entries[0]
    assert article.author == "Thuý Phượng, Xuân Cường"
    assert article.title.startswith("Xã Khuôn Hà tổ chức Ngày hội")
    assert article.summary.startswith("Nhằm biểu dương")


def test_sample_links_are_never_real_looking(sample_rss: bytes, sample_atom: bytes) -> None:
    """The sample gives no URL, so every link is a stand-in under the reserved .invalid TLD."""
    for data in (sample_rss, sample_atom):
        parsed = feedparser.parse(data)
        hrefs = [parsed.feed.link] + [link.href for link in parsed.feed.links]
        for entry in parsed.entries:
            hrefs += [entry.link] + [link.href for link in entry.links]
        assert hrefs
        for href in hrefs:
            assert urlsplit(href).hostname == "khuonha.invalid", href


def test_feed_date_is_the_latest_item_date(sample_rss: bytes, sample_atom: bytes) -> None:
    """The feed-level date is the newest item's (chiều 10/8/2022 = 14:00+07:00), not the clock."""
    assert b"<lastBuildDate>Wed, 10 Aug 2022 14:00:00 +0700</lastBuildDate>" in sample_rss
    root = etree.fromstring(sample_atom, parser=SAFE_PARSER)
    assert root.findtext(f"{ATOM}updated") == "2022-08-10T14:00:00+07:00"


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_same_bytes_twice(name: str, render: Render) -> None:
    """Two exports of the same data and options are byte-identical."""
    exporter: Any = RssExporter() if name == "rss" else AtomExporter()
    first = render(exporter, khuonha.sample(), language="en")
    second = render(exporter, khuonha.sample(), language="en")
    assert first == second


_SCRIPT = """
import io, sys, khuonha
from khuonha_rss import AtomExporter, RssExporter

for exporter in (RssExporter(), AtomExporter()):
    out = io.BytesIO()
    exporter.write(khuonha.sample(), out, exporter.parse_options({}))
    sys.stdout.buffer.write(out.getvalue())
"""


def test_same_bytes_across_processes(render: Render) -> None:
    """Another interpreter with another hash seed writes the same bytes (ids stable across runs)."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, env=env, check=True, timeout=120
    )
    here = render(RssExporter(), khuonha.sample()) + render(AtomExporter(), khuonha.sample())
    assert done.stdout == here
