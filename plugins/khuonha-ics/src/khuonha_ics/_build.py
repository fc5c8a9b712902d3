"""Build the iCalendar object of a dataset.

Choices (also in the plugin's documentation):

- an event with a ``start_time`` is timed, in its ``timezone`` (a VTIMEZONE
  is generated from zoneinfo for each zone used); without ``end_time`` a
  one-day event has no DTEND (RFC 5545: it ends when it starts) and a
  multi-day one ends at midnight after its last day;
- an event without a time is all-day: ``DTSTART;VALUE=DATE`` and an exclusive
  ``DTEND`` the day after its last day. A part of the day ("chiều") does not
  make it timed, because the text gives no hour; the DESCRIPTION starts with
  "Buổi chiều." instead;
- a time zone that zoneinfo does not know gives floating local times and a
  line in the DESCRIPTION saying so;
- an event known only to its month or year ("tháng 8/2023") is left out: an
  all-day or month-long item would say something the data does not; the
  calendar's DESCRIPTION names each one left out and when it took place;
- DTSTAMP is ``generated_at`` (in UTC) or else the data's "as of" date
  (:attr:`khuonha.Dataset.as_of`) at 00:00 UTC: never the clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from khuonha import Dataset, Event
from khuonha_ics._campaign import CampaignItem, campaign_items
from khuonha_ics._clean import clean
from khuonha_ics._describe import Describer
from khuonha_ics._labels import category
from khuonha_ics._options import IcsOptions

__all__ = ["PRODID", "build_calendar", "campaign_years", "dtstamp", "uid"]

PRODID = "-//khuonha//khuonha-ics//VI"
_DOMAIN = "khuonha.invalid"
_ONE_DAY = timedelta(days=1)
# VTIMEZONE rules are generated for the days of the timed events, within these bounds.
_TZ_FIRST = date(1900, 1, 1)
_TZ_LAST = date(9000, 1, 1)


def uid(record_id: str, ds: Dataset) -> str:
    """The UID of a record: stable as long as its id and the dataset's slug are.

    >>> from khuonha import sample
    >>> uid("ngay-hoi-khuon-ha-2022", sample())
    'ngay-hoi-khuon-ha-2022@khuon-ha-2022.khuonha.invalid'
    """
    return f"{record_id}@{ds.slug}.{_DOMAIN}"


def dtstamp(ds: Dataset) -> datetime | None:
    """DTSTAMP of every component: ``generated_at``, else :attr:`~khuonha.Dataset.as_of`
    at 00:00 UTC, else the events' last day.

    >>> from khuonha import sample
    >>> dtstamp(sample()).isoformat()
    '2022-08-10T00:00:00+00:00'
    """
    if ds.generated_at is not None:
        return ds.generated_at.astimezone(UTC).replace(microsecond=0)
    day = ds.as_of
    dated = [e.last_day for e in ds.events if e.last_day is not None]
    if day is None and dated:
        day = max(dated)
    if day is None:
        return None
    return datetime.combine(day, time(), tzinfo=UTC)


def campaign_years(ds: Dataset) -> set[int]:
    """The years a campaign calendar covers: the events' years, else the data's year.

    Without events the year is that of :attr:`khuonha.Dataset.as_of`
    (``report_date``, the period's end, ``generated_at``, the latest news).

    >>> from khuonha import sample
    >>> sorted(campaign_years(sample()))
    [2022]
    """
    years = {e.year for e in ds.events}
    years |= {e.last_day.year for e in ds.events if e.last_day is not None}
    if years:
        return years
    day = ds.as_of
    return set() if day is None else {day.year}


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@lru_cache(maxsize=256)
def _vtimezone_ical(tzid: str, first: date, last: date) -> bytes | None:
    try:
        return bytes(icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical())
    except ValueError:
        return None


def _vtimezone(tzid: str, first_day: date, last_day: date) -> icalendar.Timezone | None:
    """The VTIMEZONE of *tzid*, with rules for the days the calendar's times fall on.

    icalendar builds it from zoneinfo by scanning every hour of the range, so
    the range is kept to the events' days (a day either side) and the result
    is cached; a fresh component is parsed for each calendar.
    """
    first = max(_TZ_FIRST, first_day - _ONE_DAY)
    last = min(_TZ_LAST, last_day + 2 * _ONE_DAY) if last_day < _TZ_LAST else _TZ_LAST
    if last <= first:
        return None
    data = _vtimezone_ical(tzid, first, last)
    if data is None:
        return None
    component = icalendar.Timezone.from_ical(data)
    return component if isinstance(component, icalendar.Timezone) else None


def _text(component: icalendar.Component, name: str, value: str | None) -> None:
    """Add a TEXT property, cleaned; every text of the calendar passes here."""
    if value is None:
        return
    cleaned = clean(value)
    if cleaned:
        component.add(name, icalendar.vText(cleaned))


def _times(
    event: Event, first: date, last: date
) -> tuple[date | datetime, date | datetime | None, bool]:
    """DTSTART, DTEND (or ``None``) and whether the zone was unknown."""
    if event.start_time is None:
        return first, (None if last == date.max else last + _ONE_DAY), False
    zone = _zone(event.timezone)
    start = datetime.combine(first, event.start_time, tzinfo=zone)
    end: datetime | None = None
    if event.end_time is not None:
        end = datetime.combine(last, event.end_time, tzinfo=zone)
    elif last > first and last < date.max:
        end = datetime.combine(last + _ONE_DAY, time(), tzinfo=zone)
    if end is not None and end <= start:
        end = None
    return start, end, zone is None


class _Builder:
    def __init__(self, ds: Dataset, options: IcsOptions) -> None:
        self.ds = ds
        self.options = options
        self.stamp = dtstamp(ds)
        self.describer = Describer(ds, language=options.language, internal=options.internal)
        self.urls = {n.id: n.url for n in ds.news if n.url}
        self.zone_days: dict[str, set[date]] = {}

    def _base(self, key: str) -> icalendar.Event:
        vevent = icalendar.Event()
        vevent.add("uid", uid(key, self.ds))
        if self.stamp is not None:
            vevent.add("dtstamp", self.stamp)
        return vevent

    def event(self, event: Event, first: date, last: date) -> icalendar.Event:
        vevent = self._base(event.id)
        start, end, unknown_zone = _times(event, first, last)
        vevent.add("dtstart", start)
        if end is not None:
            vevent.add("dtend", end)
        if isinstance(start, datetime) and not unknown_zone:
            self.zone_days.setdefault(event.timezone, set()).update({first, last})
        _text(vevent, "summary", event.name)
        _text(vevent, "location", self.describer.location(event))
        _text(
            vevent,
            "description",
            self.describer.description(
                event, part_of_day=not isinstance(start, datetime), zone_note=unknown_zone
            ),
        )
        vevent.add("categories", [clean(category(event, self.options.language))])
        if event.parent is not None:
            vevent.add("related-to", uid(event.parent, self.ds), parameters={"RELTYPE": "PARENT"})
        for source in event.sources:
            if source in self.urls:
                vevent.add("url", self.urls[source])
                break
        return vevent

    def campaign(self, item: CampaignItem) -> icalendar.Event:
        vevent = self._base(f"campaign-{item.key}")
        vevent.add("dtstart", item.start)
        if item.end < date.max:
            vevent.add("dtend", item.end + _ONE_DAY)
        _text(vevent, "summary", item.summary)
        _text(vevent, "description", item.description)
        vevent.add("categories", [clean(item.category)])
        vevent.add("transp", "TRANSPARENT")
        return vevent

    def calendar(self) -> icalendar.Calendar:
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        _text(cal, "name", self.ds.title)
        _text(cal, "x-wr-calname", self.ds.title)
        undated = []
        for event in self.ds.events:
            if event.start_on is None or event.last_day is None:
                undated.append(event)
                continue
            cal.add_component(self.event(event, event.start_on, event.last_day))
        if undated:
            _text(cal, "description", self.describer.left_out(undated))
        if self.options.campaign:
            for item in campaign_items(campaign_years(self.ds), self.options.language):
                cal.add_component(self.campaign(item))
        missing = cal.get_missing_tzids()
        zones = [
            _vtimezone(tzid, min(days), max(days))
            for tzid, days in sorted(self.zone_days.items())
            if tzid in missing
        ]
        cal.subcomponents[:0] = [z for z in zones if z is not None]
        return cal


def build_calendar(ds: Dataset, options: IcsOptions) -> icalendar.Calendar:
    """The VCALENDAR of *ds*: one VEVENT per event, then the campaign items if asked.

    >>> from khuonha import sample
    >>> cal = build_calendar(sample(), IcsOptions())
    >>> [str(e["SUMMARY"])[:30] for e in cal.events]
    ['Ngày hội toàn dân bảo vệ an ni', 'Diễn đàn “Công an lắng nghe ý ']
    """
    return _Builder(ds, options).calendar()
