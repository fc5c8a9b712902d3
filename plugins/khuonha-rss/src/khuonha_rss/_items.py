"""What becomes a feed item, and its date, id, link and author.

Everything here is plain data: :func:`build_entries` turns a
:class:`~khuonha.Dataset` into :class:`Entry` records that the writers in
:mod:`khuonha_rss.exporters` hand to feedgenerator. Nothing here knows
about XML.

The rules (also in the plugin's README):

- **Items**: every news item, every event, and every certification record
  that carries a date (``decided_on`` or ``as_of``).
- **Date** (always with the +07:00 offset, Vietnam's time): a news item's
  ``published_at`` (converted to +07:00), else its ``published_on`` at
  00:00; when the source gives no date, the latest start of the events it
  reports. An event starts at its ``start_time`` when known, else at the
  time standing for its part of the day (sáng 07:00, trưa 11:00, chiều
  14:00, tối 19:00), else at 00:00 of ``start_on``. A certification's date
  is ``decided_on``, else ``as_of``, at 00:00. A record with no date by
  these rules is left out: a news item or an event known only to its month
  or year (``published_in``, ``start_in``) gets no invented day.
- **Id**: the tag URI ``tag:<authority>:<dataset slug>/<collection>/<record id>``;
  the default authority is ``khuonha.invalid,2022``.
- **Link**: the news item's ``url``; for events and certifications the
  ``url`` of the first source news item that has one; otherwise the stand-in
  ``https://khuonha.invalid/<dataset slug>/<collection>/<record id>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import khuonha
from khuonha import Certification, Dataset, Event, Language, NewsItem, PartOfDay
from khuonha_rss._labels import label, word

__all__ = [
    "PART_OF_DAY_TIMES",
    "STAND_IN_HOST",
    "VIETNAM",
    "Entry",
    "build_entries",
    "has_entries",
    "stand_in_link",
]

#: Vietnam's UTC offset; every date in the feeds carries it.
VIETNAM = timezone(timedelta(hours=7))
#: The host of stand-in links and of the default tag authority (RFC 2606: never resolves).
STAND_IN_HOST = "khuonha.invalid"
#: The time standing for a part of the day when the source gives no hour.
PART_OF_DAY_TIMES: dict[PartOfDay, time] = {
    PartOfDay.SANG: time(7, 0),
    PartOfDay.TRUA: time(11, 0),
    PartOfDay.CHIEU: time(14, 0),
    PartOfDay.TOI: time(19, 0),
}
_MIDNIGHT = time(0, 0)
#: The zone events default to; always +07:00 (no daylight saving since 1975).
_VIETNAM_ZONE = "Asia/Ho_Chi_Minh"


class Entry(NamedTuple):
    """One feed item, before any XML concern (text is NFC, not yet cleaned)."""

    guid: str
    title: str
    summary: str | None
    link: str
    date: datetime
    author: str | None
    categories: tuple[str, ...]


def stand_in_link(slug: str, *parts: str) -> str:
    """The documented stand-in link for something the data gives no link for.

    >>> stand_in_link("khuon-ha-2022")
    'https://khuonha.invalid/khuon-ha-2022/'
    >>> stand_in_link("khuon-ha-2022", "events", "ngay-hoi-khuon-ha-2022")
    'https://khuonha.invalid/khuon-ha-2022/events/ngay-hoi-khuon-ha-2022'
    """
    if not parts:
        return f"https://{STAND_IN_HOST}/{slug}/"
    return f"https://{STAND_IN_HOST}/{slug}/{'/'.join(parts)}"


@lru_cache(maxsize=64)
def _zone(name: str) -> Any:
    if name == _VIETNAM_ZONE:
        return VIETNAM
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return VIETNAM


def event_moment(event: Event) -> datetime | None:
    """When an event starts, by the documented rule, with the +07:00 offset.

    ``None`` for an event known only to its month or year.

    >>> from datetime import date
    >>> from khuonha import Event, EventKind, PartOfDay
    >>> ev = Event(id="e", kind=EventKind.NGAY_HOI, name="Ngày hội",
    ...            start_on=date(2022, 8, 10), part_of_day=PartOfDay.CHIEU)
    >>> event_moment(ev).isoformat()
    '2022-08-10T14:00:00+07:00'
    """
    if event.start_on is None:
        return None
    at = event.start_time
    if at is None:
        part = event.part_of_day
        at = _MIDNIGHT if part is None else PART_OF_DAY_TIMES.get(part, _MIDNIGHT)
    zone = _zone(event.timezone)
    moment = datetime.combine(event.start_on, at, tzinfo=zone)
    return moment if zone is VIETNAM else moment.astimezone(VIETNAM)


def _day(day: date) -> datetime:
    return datetime.combine(day, _MIDNIGHT, tzinfo=VIETNAM)


class _Context:
    """What one export needs to look up, built once per write."""

    def __init__(self, ds: Dataset, *, language: Language, internal: bool, authority: str) -> None:
        self.ds = ds
        self.language = language
        self.internal = internal
        self.prefix = f"tag:{authority}:{ds.slug}/"
        self.orgs = {o.id: o for o in ds.organizations}
        self.units = {u.id: u for u in ds.units}
        self.areas = {a.id: a for a in ds.areas}
        self.posts = {p.id: p for p in ds.posts}
        self.people = {p.id: p for p in ds.people}
        self.events = {e.id: e for e in ds.events}
        self.news_urls = {n.id: self.get(n, "url") for n in ds.news}
        self._moments: dict[str, datetime | None] = {}
        self.labels = {
            key: label(key, language)
            for key in ("cat.news", "cat.event", "cat.certification", "when", "where", "delegates")
        }

    def get(self, record: Any, name: str) -> Any:
        """*record*'s field *name* (the host redacts a public export's dataset)."""
        return getattr(record, name)

    def reader(self, record: Any) -> Callable[[str], Any]:
        """``self.get`` bound to *record*."""
        return record.__getattribute__  # type: ignore[no-any-return]

    def moment(self, event_id: str) -> datetime | None:
        if event_id in self._moments:
            return self._moments[event_id]
        event = self.events.get(event_id)
        if event is None:
            return None
        moment = self._moments[event_id] = event_moment(event)
        return moment

    def source_link(self, sources: Iterable[str] | None) -> str | None:
        for source in sources or ():
            url = self.news_urls.get(source)
            if url:
                return str(url)
        return None

    def org_name(self, org_id: str | None) -> str | None:
        org = self.orgs.get(org_id) if org_id else None
        return None if org is None else self.get(org, "name")

    def person_name(self, person_id: str | None) -> str | None:
        """A person's name as written, never a private individual's in a public export."""
        person = self.people.get(person_id) if person_id else None
        if person is None or (person.private and not self.internal):
            return None
        name = self.get(person, "name")
        honorific = self.get(person, "honorific")
        return f"{honorific} {name}" if honorific and name else name

    def unit_label(self, unit_id: str | None) -> str | None:
        unit = self.units.get(unit_id) if unit_id else None
        if unit is None:
            return None
        return khuonha.unit_name(unit, self.language)

    def area_name(self, area_id: str | None) -> str | None:
        return next((a.name for a in self.ds.areas if a.id == area_id), None) if area_id else None

    def post_label(self, post_id: str) -> str | None:
        post = self.posts.get(post_id)
        return None if post is None else self.get(post, "label")


def has_entries(ds: Dataset) -> bool:
    """Whether *ds* gives at least one dated item (cheap: stops at the first)."""
    if any(e.start_on for e in ds.events):
        return True
    if any(n.published_at or n.published_on or n.events for n in ds.news):
        return any(e.start_on for e in ds.events) or any(
            n.published_at or n.published_on for n in ds.news
        )
    return any(c.decided_on or c.as_of for c in ds.certifications)


def build_entries(
    ds: Dataset, *, language: Language, internal: bool, authority: str, default_author: str
) -> list[Entry]:
    """Every item of *ds*, newest first (ties keep news, events, certifications order)."""
    ctx = _Context(ds, language=Language(language), internal=internal, authority=authority)
    entries: list[Entry] = []
    for item in ds.news:
        entry = _news_entry(ctx, item, default_author)
        if entry is not None:
            entries.append(entry)
    for event in ds.events:
        entry = _event_entry(ctx, event, default_author)
        if entry is not None:
            entries.append(entry)
    for cert in ds.certifications:
        entry = _certification_entry(ctx, cert, default_author)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=_by_date, reverse=True)
    return entries


def _by_date(entry: Entry) -> datetime:
    return entry.date


def _news_entry(ctx: _Context, item: NewsItem, default_author: str) -> Entry | None:
    get = ctx.reader(item)
    published_at = get("published_at")
    if published_at is not None:
        when: datetime | None = published_at.astimezone(VIETNAM)
    elif (published_on := get("published_on")) is not None:
        when = _day(published_on)
    else:
        moments = [m for m in map(ctx.moment, get("events") or ()) if m is not None]
        when = max(moments) if moments else None
    if when is None:
        return None
    summary = get("lead")
    if not summary:
        body = get("body")
        summary = body.strip().split("\n", 1)[0] if body else None
    authors = get("authors")
    author = (", ".join(authors) if authors else None) or get("byline") or default_author
    return Entry(
        guid=f"{ctx.prefix}news/{item.id}",
        title=get("title") or "",
        summary=summary or None,
        link=get("url") or stand_in_link(ctx.ds.slug, "news", item.id),
        date=when,
        author=author,
        categories=(ctx.labels["cat.news"], *(get("categories") or ())),
    )


def _event_when(ctx: _Context, event: Event) -> str:
    lang = ctx.language
    if event.start_on is None:  # not in the feed (no day); kept for callers' sake
        when = event.start_in
        return "" if when is None else (when.label_en if lang == "en" else when.label)
    days = [event.start_on]
    if event.end_on is not None and event.end_on != event.start_on:
        days.append(event.end_on)
    text = " – ".join(
        f"{d.day}/{d.month}/{d.year}" if lang is not Language.EN else d.isoformat() for d in days
    )
    if event.start_time is not None:
        clock = f"{event.start_time.hour:02d}:{event.start_time.minute:02d}"
        return f"{clock} {text}" if lang is not Language.EN else f"{text} {clock}"
    if event.part_of_day is not None:
        part = word(event.part_of_day, lang)
        return f"{part} {text}" if lang is not Language.EN else f"{text}, {part}"
    return text


def _event_entry(ctx: _Context, event: Event, default_author: str) -> Entry | None:
    moment = ctx.moment(event.id) or event_moment(event)
    if moment is None:
        return None
    get = ctx.reader(event)
    lines = []
    about = get("description") or get("purpose") or get("theme")
    if about:
        lines.append(about)
    lines.append(f"{ctx.labels['when']}: {_event_when(ctx, event)}")
    places = []
    for site in get("sites") or ():
        place = ctx.get(site, "name") or ctx.area_name(site.area)
        place = place or ctx.unit_label(ctx.get(site, "unit"))
        place = place or ctx.get(site, "address")
        if place:
            places.append(place)
    if places:
        lines.append(f"{ctx.labels['where']}: {'; '.join(places)}")
    delegates = []
    for delegate in get("delegates") or ():
        name = ctx.person_name(ctx.get(delegate, "person"))
        if name is None:
            continue
        posts = [p for p in map(ctx.post_label, ctx.get(delegate, "posts") or ()) if p]
        delegates.append(f"{name} ({', '.join(posts)})" if posts else name)
    if delegates:
        lines.append(f"{ctx.labels['delegates']}: {'; '.join(delegates)}")
    slug = ctx.ds.slug
    return Entry(
        guid=f"{ctx.prefix}events/{event.id}",
        title=get("name") or "",
        summary="\n".join(lines),
        link=ctx.source_link(get("sources")) or stand_in_link(slug, "events", event.id),
        date=moment,
        author=ctx.org_name(get("organiser")) or default_author,
        categories=(ctx.labels["cat.event"], khuonha.label(event, ctx.language)),  # own label first
    )


def _certified(ctx: _Context, cert: Certification) -> str:
    lang = ctx.language
    count = ctx.get(cert, "count")
    if count is not None:
        if count.text:
            return str(count.text)
        what = count.unit or word(cert.unit_type, lang)
        amount = f"{count.value}/{count.total}" if count.total is not None else f"{count.value}"
        return f"{amount} {what}"
    unit_id = ctx.get(cert, "unit")
    area = ctx.areas.get(unit_id) if unit_id else None
    if area is not None and ctx.get(area, "name"):
        return str(ctx.get(area, "name"))
    return ctx.org_name(unit_id) or ctx.unit_label(unit_id) or word(cert.unit_type, lang)


def _certification_entry(ctx: _Context, cert: Certification, default_author: str) -> Entry | None:
    get = ctx.reader(cert)
    day = get("decided_on") or get("as_of")
    if day is None:
        return None
    title = f"{label(f'result.{cert.result.value}', ctx.language)}: {_certified(ctx, cert)}"
    authority = get("deciding_authority")
    author = ctx.org_name(authority)
    if author is None and authority is not None:
        author = ctx.post_label(authority)
    slug = ctx.ds.slug
    return Entry(
        guid=f"{ctx.prefix}certifications/{cert.id}",
        title=title,
        summary=get("text") or title,
        link=ctx.source_link(get("sources")) or stand_in_link(slug, "certifications", cert.id),
        date=_day(day),
        author=author or default_author,
        categories=(
            ctx.labels["cat.certification"],
            word(cert.unit_type, ctx.language),
        ),
    )
