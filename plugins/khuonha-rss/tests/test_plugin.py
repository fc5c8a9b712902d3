"""The plugin: its hook, discovery through the entry point, and the core's conformance kit."""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from khuonha_rss import AtomExporter, RssExporter, khuonha_register_exporters
from lxml import etree

import khuonha
from khuonha import Dataset
from khuonha.plugins.host import PluginHost
from khuonha.testing import strategies as ks
from khuonha.testing.conformance import check_exporter

#: Never resolve entities or reach the network, even for our own output.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

Render = Callable[..., bytes]


def _unique(strategy: st.SearchStrategy[object], size: int) -> st.SearchStrategy[list[object]]:
    return st.lists(strategy, max_size=size, unique_by=lambda r: r.id)  # type: ignore[attr-defined]


@st.composite
def feed_datasets(draw: st.DrawFn) -> Dataset:
    """Datasets with what feeds read: units, organisations, people, events, news, certifications."""
    units = draw(_unique(ks.administrative_units(), 2))
    unit_ids = tuple(u.id for u in units)
    orgs = draw(_unique(ks.organizations(unit_ids), 2))
    org_ids = tuple(o.id for o in orgs)
    people = draw(_unique(ks.people, 2))
    events = draw(_unique(ks.events(org_ids, unit_ids, tuple(p.id for p in people)), 3))
    event_ids = tuple(e.id for e in events)
    return Dataset(
        slug=draw(st.from_regex(r"\A[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,2}\Z")),
        title=draw(ks.texts()),
        commune=draw(st.none() | st.sampled_from(unit_ids)) if unit_ids else None,
        publisher=draw(st.none() | st.sampled_from(org_ids)) if org_ids else None,
        units=tuple(units),
        organizations=tuple(orgs),
        people=tuple(people),
        events=tuple(events),
        news=tuple(draw(_unique(ks.news_items(org_ids, event_ids), 3))),
        certifications=tuple(draw(_unique(ks.certifications((), unit_ids), 2))),
    )


def read_feed_text(data: bytes) -> str:
    """What a feed reader shows: every title, summary, author and category, unescaped.

    Raises when lxml or feedparser finds the feed malformed.
    """
    etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    parsed = feedparser.parse(data)
    if parsed.bozo:
        raise ValueError(f"feedparser: {parsed.get('bozo_exception')}")
    parts = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
    for entry in parsed.entries:
        parts.append(entry.get("title", ""))
        parts.append(html.unescape(entry.get("summary", "")))
        parts.append(entry.get("author", ""))
        parts.extend(tag.term for tag in entry.get("tags", ()))
    return "\n".join(parts)


def test_hook_returns_both_exporters() -> None:
    """The hook implementation returns one rss and one atom exporter instance."""
    exporters = khuonha_register_exporters()
    assert [type(e) for e in exporters] == [RssExporter, AtomExporter]


def test_entry_point_registers_the_exporters() -> None:
    """The installed entry point makes both formats available by name and by suffix."""
    host = PluginHost(strict=True, load_plugins="rss")
    assert isinstance(host.get_exporter("rss"), RssExporter)
    assert isinstance(host.get_exporter("atom"), AtomExporter)
    assert isinstance(host.exporter_for_path("tin-tuc/KHUON-HA.RSS"), RssExporter)
    assert isinstance(host.exporter_for_path("tin-tuc.atom"), AtomExporter)
    assert [i for i in host.plugins() if i.distribution == "khuonha-rss"]


@pytest.mark.parametrize("exporter", [RssExporter(), AtomExporter()], ids=["rss", "atom"])
def test_conformance_kit(exporter: RssExporter | AtomExporter) -> None:
    """The exporter passes the core's conformance kit, read back through feedparser."""
    outputs = check_exporter(exporter, read_text=read_feed_text)
    assert outputs["sample"]
    assert outputs["empty"] is None


@settings(max_examples=min(25, settings.default.max_examples))
@given(feed_datasets())
def test_generated_datasets_give_valid_feeds(render: Render, ds: Dataset) -> None:
    """Any generated dataset either is refused or gives feeds that parse, with +07:00 dates."""
    for exporter in (RssExporter(), AtomExporter()):
        if not exporter.can_export(ds):
            assert str(exporter.problem(ds, exporter.parse_options(None))).startswith("needs ")
            continue
        data = render(exporter, ds)
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.entries
        for entry in parsed.entries:
            assert entry.id.startswith(f"tag:khuonha.invalid,2022:{ds.slug}/")
        root = etree.fromstring(data, parser=SAFE_PARSER)
        if isinstance(exporter, RssExporter):
            dates = root.xpath("channel/item/pubDate/text()")
            assert all(d.endswith("+0700") for d in dates)
        else:
            dates = root.xpath("//*[local-name()='updated']/text()")
            assert all(d.endswith("+07:00") for d in dates)
        assert len(dates) >= len(parsed.entries)


def test_sample_is_exported_through_the_core() -> None:
    """Exporting through the plugin host by name writes the same bytes as the exporter."""
    host = PluginHost(strict=True, load_plugins="rss")
    out = io.BytesIO()
    host.export(khuonha.sample(), "rss", out)
    direct = io.BytesIO()
    RssExporter().write(khuonha.sample(), direct, RssExporter().parse_options({}))
    assert out.getvalue() == direct.getvalue()
