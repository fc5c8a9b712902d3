"""Large feeds: 10,000 items render (the speed comparison lives in benchmarks/)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from khuonha_rss import AtomExporter, RssExporter
from khuonha_rss._items import VIETNAM, build_entries
from lxml import etree

from khuonha import Dataset, NewsItem

#: Never resolve entities or reach the network, even for our own output.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

N = 10_000
Render = Callable[..., bytes]


@pytest.fixture(scope="module")
def big() -> Dataset:
    """A dataset of 10,000 dated news items."""
    start = date(2020, 1, 1)
    news = tuple(
        NewsItem(
            id=f"tin-{i}",
            title=f"Tin số {i}: Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
            lead=f"Chiều ngày {i % 28 + 1}/8, xã tổ chức hội nghị & tuyên truyền <lần {i}>.",
            authors=("Thuý Phượng", "Xuân Cường"),
            categories=("An ninh trật tự",),
            published_on=start + timedelta(days=i % 1500),
        )
        for i in range(N)
    )
    return Dataset(slug="lon", title="Bộ dữ liệu lớn", news=news)


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_ten_thousand_items_render(big: Dataset, render: Render, name: str) -> None:
    """Every one of 10,000 items is in the feed, with distinct ids."""
    exporter = RssExporter() if name == "rss" else AtomExporter()
    root = etree.fromstring(render(exporter, big), parser=SAFE_PARSER)
    if name == "rss":
        ids = root.xpath("channel/item/guid/text()")
    else:
        ids = root.xpath("a:entry/a:id/text()", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert len(ids) == N
    assert len(set(ids)) == N


def test_dates_carry_the_vietnam_offset(big: Dataset) -> None:
    """Every item date is aware and at +07:00."""
    entries = build_entries(
        big, language="vi", internal=False, authority="khuonha.invalid,2022", default_author="x"
    )
    assert {e.date.tzinfo for e in entries} == {VIETNAM}
