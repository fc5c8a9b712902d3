"""The documented rules: item dates, ids, links, labels, options and personal data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import attrs
import feedparser
import pytest
from khuonha_rss import AtomExporter, RssExporter
from khuonha_rss._labels import LABELS
from lxml import etree

import khuonha
from khuonha import (
    Certification,
    Dataset,
    Delegate,
    Event,
    EventKind,
    NewsItem,
    Organization,
    OrganizationKind,
    PartOfDay,
    Person,
    Quantity,
    UnitType,
)
from khuonha.exceptions import DecodeError, ExportError
from khuonha.model.fields import text_optional

#: Never resolve entities or reach the network, even for our own output.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

ATOM = "{http://www.w3.org/2005/Atom}"
Render = Callable[..., bytes]
PREFIX = "tag:khuonha.invalid,2022:demo/"


def _ds(**kwargs: Any) -> Dataset:
    return Dataset(slug="demo", title="Dữ liệu thử", **kwargs)


def _news(**kwargs: Any) -> NewsItem:
    return NewsItem(**{"id": "n1", "title": "Tin thử", **kwargs})


def _atom_dates(render: Render, ds: Dataset) -> dict[str, str]:
    root = etree.fromstring(render(AtomExporter(), ds))
    return {
        e.findtext(f"{ATOM}id"): e.findtext(f"{ATOM}updated") for e in root.findall(f"{ATOM}entry")
    }


def test_published_at_is_shown_at_plus_seven(render: Render) -> None:
    """A publication time in another offset is converted to +07:00, never left naive."""
    at = datetime(2024, 3, 1, 1, 30, tzinfo=UTC)
    ds = _ds(news=(_news(published_at=at),))
    assert _atom_dates(render, ds) == {PREFIX + "news/n1": "2024-03-01T08:30:00+07:00"}
    assert b"<pubDate>Fri, 01 Mar 2024 08:30:00 +0700</pubDate>" in render(RssExporter(), ds)


def test_published_on_is_midnight_plus_seven(render: Render) -> None:
    """A publication day alone becomes 00:00+07:00 of that day."""
    ds = _ds(news=(_news(published_on=date(2024, 3, 1)),))
    assert _atom_dates(render, ds) == {PREFIX + "news/n1": "2024-03-01T00:00:00+07:00"}


def _event(id_: str = "e1", **kwargs: Any) -> Event:
    values = {"kind": EventKind.HOI_NGHI, "name": "Hội nghị", "start_on": date(2023, 5, 4)}
    return Event(id=id_, **{**values, **kwargs})


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, "2023-05-04T00:00:00+07:00"),
        ({"part_of_day": PartOfDay.SANG}, "2023-05-04T07:00:00+07:00"),
        ({"part_of_day": PartOfDay.TRUA}, "2023-05-04T11:00:00+07:00"),
        ({"part_of_day": PartOfDay.CHIEU}, "2023-05-04T14:00:00+07:00"),
        ({"part_of_day": PartOfDay.TOI}, "2023-05-04T19:00:00+07:00"),
        ({"start_time": time(8, 15), "part_of_day": PartOfDay.CHIEU}, "2023-05-04T08:15:00+07:00"),
        ({"start_time": time(1, 0), "timezone": "UTC"}, "2023-05-04T08:00:00+07:00"),
    ],
)
def test_undated_news_takes_its_event_date(
    render: Render, extra: dict[str, Any], expected: str
) -> None:
    """Without a publication date, a news item (and the event) get the event's start."""
    ds = _ds(events=(_event(**extra),), news=(_news(events=("e1",)),))
    dates = _atom_dates(render, ds)
    assert dates == {PREFIX + "news/n1": expected, PREFIX + "events/e1": expected}


def test_undated_news_takes_the_latest_reported_event(render: Render) -> None:
    """A news item reporting several events is dated by the latest start among them."""
    events = (_event("e1"), _event("e2", start_on=date(2023, 5, 6)), _event("e3"))
    ds = _ds(events=events, news=(_news(events=("e1", "e2", "e3")),))
    assert _atom_dates(render, ds)[PREFIX + "news/n1"] == "2023-05-06T00:00:00+07:00"


def test_publication_date_wins_over_event_date(render: Render) -> None:
    """A news item's own date is used even when it reports an event."""
    ds = _ds(events=(_event(),), news=(_news(events=("e1",), published_on=date(2023, 6, 1)),))
    assert _atom_dates(render, ds)[PREFIX + "news/n1"] == "2023-06-01T00:00:00+07:00"


def test_records_without_a_date_are_left_out(render: Render) -> None:
    """An undated news item and an undated certification do not become items."""
    cert = Certification(id="c0", unit_type=UnitType.KHU_DAN_CU, count=Quantity(value=3))
    ds = _ds(
        news=(_news(), _news(id="n2", published_on=date(2024, 1, 1))),
        certifications=(cert,),
    )
    assert list(_atom_dates(render, ds)) == [PREFIX + "news/n2"]


def test_certification_date_prefers_decided_on(render: Render) -> None:
    """A certification is dated by decided_on, else as_of."""
    decided = Certification(
        id="c1",
        unit_type=UnitType.KHU_DAN_CU,
        count=Quantity(value=2, total=4, unit="thôn"),
        decided_on=date(2023, 12, 20),
        as_of=date(2024, 2, 1),
    )
    reported = attrs.evolve(decided, id="c2", decided_on=None)
    dates = _atom_dates(render, _ds(certifications=(decided, reported)))
    assert dates == {
        PREFIX + "certifications/c2": "2024-02-01T00:00:00+07:00",
        PREFIX + "certifications/c1": "2023-12-20T00:00:00+07:00",
    }


def test_certification_title_from_count(render: Render) -> None:
    """A certification without count text is titled from its figures and unit."""
    cert = Certification(
        id="c1",
        unit_type=UnitType.KHU_DAN_CU,
        count=Quantity(value=2, total=4, unit="thôn"),
        as_of=date(2024, 2, 1),
    )
    parsed = feedparser.parse(render(RssExporter(), _ds(certifications=(cert,))))
    assert parsed.entries[0].title == "Đạt chuẩn “An toàn về an ninh, trật tự”: 2/4 thôn"


def test_ids_are_stable_and_derived_from_the_data(render: Render) -> None:
    """Changing an item's title or date, or adding items, keeps every id."""
    before = _ds(news=(_news(published_on=date(2024, 1, 1)),))
    after = _ds(
        news=(
            _news(id="n0", published_on=date(2025, 1, 1)),
            _news(title="Tin đã sửa", published_on=date(2024, 2, 2)),
        )
    )
    assert set(_atom_dates(render, before)) < set(_atom_dates(render, after))
    assert PREFIX + "news/n1" in _atom_dates(render, after)


def test_tag_authority_option(render: Render) -> None:
    """The tag authority option replaces the default in every id."""
    ds = _ds(news=(_news(published_on=date(2024, 1, 1)),))
    data = render(AtomExporter(), ds, tag_authority="ubnd.example.invalid,2024-05")
    root = etree.fromstring(data, parser=SAFE_PARSER)
    assert root.findtext(f"{ATOM}id") == "tag:ubnd.example.invalid,2024-05:demo"
    assert root.findtext(f"{ATOM}entry/{ATOM}id") == "tag:ubnd.example.invalid,2024-05:demo/news/n1"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"tag_authority": "khuonha.invalid"}, "tag_authority"),
        ({"tag_authority": "Khuonha.invalid,2022:x"}, "tag_authority"),
        ({"link": "ftp://example.invalid/"}, "link"),
        ({"self_link": "https://example.invalid/a b"}, "self_link"),
    ],
)
def test_bad_options_are_rejected(options: dict[str, Any], field: str) -> None:
    """Option errors are reported by the codec, naming the option."""
    with pytest.raises(DecodeError) as info:
        RssExporter().parse_options(options)
    assert field in str(info.value)


def test_options_set_feed_metadata(render: Render) -> None:
    """Title, description, link and self link come from the options when given."""
    ds = _ds(news=(_news(published_on=date(2024, 1, 1)),))
    data = render(
        RssExporter(),
        ds,
        title="Tin An ninh",
        description="Mô tả",
        link="https://example.invalid/tin/",
        self_link="https://example.invalid/tin/feed.rss",
    )
    parsed = feedparser.parse(data)
    assert parsed.feed.title == "Tin An ninh"
    assert parsed.feed.subtitle == "Mô tả"
    assert parsed.feed.link == "https://example.invalid/tin/"
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == ["https://example.invalid/tin/feed.rss"]


def _publisher(website: str | None) -> Organization:
    return Organization(
        id="ubnd", name="UBND xã Thử", kind=OrganizationKind.PEOPLES_COMMITTEE, website=website
    )


def test_feed_link_defaults_to_the_publisher_website(render: Render) -> None:
    """The channel link is the publisher's website when the data gives one."""
    ds = _ds(
        publisher="ubnd",
        organizations=(_publisher("https://ubnd.example.invalid/"),),
        news=(_news(published_on=date(2024, 1, 1)),),
    )
    parsed = feedparser.parse(render(RssExporter(), ds))
    assert parsed.feed.link == "https://ubnd.example.invalid/"
    assert parsed.entries[0].author == "UBND xã Thử"


def test_not_a_url_website_falls_back_to_the_stand_in(render: Render) -> None:
    """A publisher website that is not an http(s) URL is not used as a link."""
    ds = _ds(
        publisher="ubnd",
        organizations=(_publisher("ubnd xã Thử"),),
        news=(_news(published_on=date(2024, 1, 1)),),
    )
    parsed = feedparser.parse(render(RssExporter(), ds))
    assert parsed.feed.link == "https://khuonha.invalid/demo/"


def test_source_link_is_used_for_news_and_the_events_it_reports(render: Render) -> None:
    """A news URL is the item link, and the link of events and certifications citing it."""
    url = "https://bao.example.invalid/tin/123?a=1&b=2"
    cert = Certification(
        id="c1",
        unit_type=UnitType.CO_QUAN,
        count=Quantity(value=1),
        as_of=date(2023, 5, 4),
        sources=("n1",),
    )
    ds = _ds(
        events=(_event(sources=("n1",)), _event("e2")),
        news=(_news(url=url, events=("e1",)),),
        certifications=(cert,),
    )
    parsed = feedparser.parse(render(RssExporter(), ds))
    assert not parsed.bozo
    links = {e.id.rsplit("/", 1)[1]: e.link for e in parsed.entries}
    assert links == {
        "n1": url,
        "e1": url,
        "e2": "https://khuonha.invalid/demo/events/e2",
        "c1": url,
    }


def test_language_switches_generated_labels_only(render: Render) -> None:
    """With language en the categories are English; the data's title is not translated."""
    vi = feedparser.parse(render(RssExporter(), khuonha.sample()))
    en = feedparser.parse(render(RssExporter(), khuonha.sample(), language="en"))
    assert [t.term for t in vi.entries[1].tags] == [
        "Sự kiện",
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    ]
    assert en.entries[1].tags[0].term == "Events"
    assert en.entries[1].title == vi.entries[1].title
    assert "When: 2022-08-10, afternoon" in en.entries[1].summary
    assert "Thời gian: chiều 10/8/2022" in vi.entries[1].summary
    assert en.feed.language == vi.feed.language == "vi"


def test_labels_are_nfc() -> None:
    """Every generated label is already NFC, so the feeds never re-normalise them."""
    import unicodedata

    for vi, en in LABELS.values():
        assert unicodedata.is_normalized("NFC", vi)
        assert unicodedata.is_normalized("NFC", en)


def _with_delegate(private: bool) -> Dataset:
    person = Person(id="p1", name="Nguyễn Văn Riêng", honorific="ông", private=private)
    event = _event(delegates=(Delegate(person="p1"),))
    return _ds(people=(person,), events=(event,))


def test_named_official_delegates_are_listed(render: Render) -> None:
    """A named delegate who is not a private individual appears in the event summary."""
    data = render(RssExporter(), _with_delegate(private=False))
    assert "Đại biểu: ông Nguyễn Văn Riêng" in feedparser.parse(data).entries[0].summary


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_private_people_only_in_internal_feeds(render: Render, name: str) -> None:
    """A private individual's name never reaches a public feed; internal=True includes it."""
    exporter: Any = RssExporter() if name == "rss" else AtomExporter()
    ds = _with_delegate(private=True)
    assert "Nguyễn Văn Riêng".encode() not in render(exporter, ds)
    assert "Nguyễn Văn Riêng".encode() in render(exporter, ds, internal=True)


@attrs.frozen(kw_only=True)
class _NewsWithPrivateLead(NewsItem):
    """A news item whose lead is marked as personal data."""

    lead: str | None = text_optional(sensitive=True)


def test_sensitive_fields_only_in_internal_feeds(render: Render) -> None:
    """A field marked khuonha.sensitive is left out of public feeds, kept in internal ones."""
    item = _NewsWithPrivateLead(
        id="n1", title="Tin", lead="Địa chỉ riêng: thôn Nà Khá", published_on=date(2024, 1, 1)
    )
    ds = _ds(news=(item,))
    for exporter in (RssExporter(), AtomExporter()):
        assert "thôn Nà Khá".encode() not in render(exporter, ds)
        assert "thôn Nà Khá".encode() in render(exporter, ds, internal=True)


def test_can_export_and_problem() -> None:
    """Only datasets with a dated item can be exported; problem() says what is needed."""
    rss = RssExporter()
    opts = rss.parse_options(None)
    assert rss.can_export(khuonha.sample())
    assert rss.problem(khuonha.sample(), opts) is None
    empty = _ds(news=(_news(),))
    assert not rss.can_export(empty)
    assert rss.problem(empty, opts) == (
        "needs a news item, an event or a certification dated to the day"
    )
    assert not rss.can_export("not a dataset")
    assert rss.problem(object(), opts) == "needs a Dataset, not object"


def test_problem_says_a_year_or_month_is_not_enough() -> None:
    """A dataset whose news and event are known only to the year (corpus 09) is refused
    with a reason that says a day is needed, not that it has no news item or event."""
    year = khuonha.ReducedDate(year=2025, text="Năm 2025")
    ds = _ds(
        events=(_event(start_on=None, start_in=year),),
        news=(_news(published_in=khuonha.ReducedDate(year=2025), events=("e1",)),),
    )
    for exporter in (RssExporter(), AtomExporter()):
        assert not exporter.can_export(ds)
        assert exporter.problem(ds, exporter.parse_options(None)) == (
            "needs a news item, an event or a certification dated to the day"
        )


@pytest.mark.parametrize("obj", [_ds(), "text"])
def test_write_without_items_raises_export_error(obj: object) -> None:
    """Writing what cannot be exported raises ExportError naming the missing data."""
    import io

    with pytest.raises(ExportError) as info:
        RssExporter().write(obj, io.BytesIO(), RssExporter().parse_options({}))
    missing = ("a news item, an event or a certification dated to the day", "a Dataset")
    assert info.value.missing in missing
    assert info.value.exporter == "rss"


def test_metadata_is_valid() -> None:
    """Both exporters describe themselves as the contract requires."""
    assert RssExporter.check_metadata() == []
    assert AtomExporter.check_metadata() == []
    assert (RssExporter.name, RssExporter.suffixes) == ("rss", (".rss",))
    assert (AtomExporter.name, AtomExporter.suffixes) == ("atom", (".atom",))
    assert RssExporter.media_type == "application/rss+xml"
    assert AtomExporter.media_type == "application/atom+xml"


def test_other_timezones_are_converted() -> None:
    """Event times in another zone are shown at +07:00 (Asia/Tokyo 09:00 is 07:00+07:00)."""
    from khuonha_rss._items import event_moment

    moment = event_moment(_event(start_time=time(9, 0), timezone="Asia/Tokyo"))
    assert moment.utcoffset() == timedelta(hours=7)
    assert moment == datetime(2023, 5, 4, 7, 0, tzinfo=timezone(timedelta(hours=7)))
    unknown = event_moment(_event(start_time=time(9, 0), timezone="Nowhere/Nothing"))
    assert unknown.isoformat() == "2023-05-04T09:00:00+07:00"
