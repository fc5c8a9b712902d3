"""The Ngày hội toàn dân bảo vệ an ninh Tổ quốc and the campaign windows, as data.

Public names are re-exported by :mod:`khuonha.text.calendars`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

import attrs
from dateutil.rrule import YEARLY, rrule

from khuonha.exceptions import InvalidDataError
from khuonha.text._calendar_days import DayOfYear
from khuonha.text.periods import Period, Precision

__all__ = [
    "CAMPAIGN_WINDOWS",
    "CAND",
    "FESTIVAL",
    "CampaignWindow",
    "Festival",
    "anniversary_label",
    "campaign_window",
    "festival_anniversary",
    "festival_date",
    "festival_dates",
]


# ---------------------------------------------------------------- Ngày hội


@attrs.frozen(kw_only=True)
class Festival:
    """A yearly day: the Ngày hội toàn dân bảo vệ an ninh Tổ quốc by default."""

    name: str = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
    day: DayOfYear = attrs.field(factory=lambda: DayOfYear(19, 8))
    first_year: int = 2005
    basis: str = "521/2005/QĐ-TTg"


#: The Ngày hội: 19/8 each year since 2005 (QĐ 521/2005/QĐ-TTg).
FESTIVAL = Festival()
#: CAND was founded on 19/8/1945; its tradition day shares the date.
CAND = Festival(name="Ngày truyền thống Công an nhân dân", first_year=1945, basis="")


def festival_dates(
    since: date | None = None, until: date | None = None, *, festival: Festival = FESTIVAL
) -> Iterator[date]:
    """Every day of the festival from *since* (default: the first) to *until*.

    >>> list(festival_dates(date(2020, 1, 1), date(2022, 12, 31)))
    [datetime.date(2020, 8, 19), datetime.date(2021, 8, 19), datetime.date(2022, 8, 19)]
    """
    first = datetime.combine(festival.day.in_year(festival.first_year), time())
    start = max(first, datetime.combine(since, time())) if since else first
    stop = datetime.combine(until, time()) if until else None
    rule = rrule(
        YEARLY,
        dtstart=first,
        bymonth=festival.day.month,
        bymonthday=festival.day.day,
        until=stop,
    )
    for moment in rule.xafter(start, inc=True):
        yield moment.date()


def festival_date(year: int, *, festival: Festival = FESTIVAL) -> date:
    """The festival's day in *year* (2022 → 19/8/2022).

    >>> festival_date(2022)
    datetime.date(2022, 8, 19)
    """
    if type(year) is not int or not festival.first_year <= year <= 9999:
        raise InvalidDataError(
            f"the {festival.name} exists from {festival.first_year}, got {year!r:.40}",
            field="year",
            code="before_festival",
        )
    found = next(festival_dates(date(year, 1, 1), festival=festival), None)
    if found is None or found.year != year:
        raise InvalidDataError(
            f"the {festival.name} has no day in {year}", field="year", code="no_festival_day"
        )
    return found


def festival_anniversary(year: int | date, *, festival: Festival = FESTIVAL) -> int:
    """How many years the festival has run in *year* (2022 → 17; CAND → 77).

    >>> festival_anniversary(2023), festival_anniversary(2022, festival=CAND)
    (18, 77)
    """
    y = year.year if isinstance(year, date) else year
    festival_date(y, festival=festival)
    return y - festival.first_year


def anniversary_label(year: int, *, festival: Festival = FESTIVAL, language: str = "vi") -> str:
    """The words an article prints for the anniversary.

    >>> anniversary_label(2022)
    'kỷ niệm 17 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2022)'
    >>> anniversary_label(2022, language="en")
    '17th anniversary of the Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2022)'
    """
    n = festival_anniversary(year, festival=festival)
    first = festival.day.in_year(festival.first_year)
    this = festival_date(year, festival=festival)
    span = f"({first.day}/{first.month}/{first.year} - {this.day}/{this.month}/{this.year})"
    if language == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} anniversary of the {festival.name} {span}"
    return f"kỷ niệm {n} năm {festival.name} {span}"


# ---------------------------------------------------------------- campaign windows


@attrs.frozen(kw_only=True)
class CampaignWindow:
    """The days a national or provincial plan set for the communes' Ngày hội."""

    year: int
    start: date
    end: date
    plan: str
    """Document number of the plan ("333/KH-BCĐ")."""
    issued_on: date | None = None
    theme: str | None = None
    source: str = ""


#: Campaign windows per year. Add a year's plan here (or pass ``windows=``).
CAMPAIGN_WINDOWS: tuple[CampaignWindow, ...] = (
    CampaignWindow(
        year=2022,
        start=date(2022, 8, 1),
        end=date(2022, 8, 20),
        plan="333/KH-BCĐ",
        issued_on=date(2022, 6, 30),
        theme="Hướng về cơ sở",
        source="https://antv.gov.vn/tin-tuc/chinh-tri/chuan-bi-ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-465939.html",
    ),
)


def campaign_window(
    year: int, *, windows: Iterable[CampaignWindow] = CAMPAIGN_WINDOWS
) -> Period | None:
    """The window in which communes held the Ngày hội in *year*, or ``None`` if unknown.

    >>> p = campaign_window(2022)
    >>> p.start, p.end, p.label
    (datetime.date(2022, 8, 1), datetime.date(2022, 8, 20), 'Kế hoạch 333/KH-BCĐ')
    >>> campaign_window(2019) is None
    True
    """
    for w in windows:
        if w.year == year:
            return Period(
                start=w.start, end=w.end, precision=Precision.EXACT, label=f"Kế hoạch {w.plan}"
            )
    return None
