"""The writer behind :func:`khuonha.format_period`: periods as reports write them.

The kind of period is read back from its dates and convention: a whole
quarter prints as "quý III/2022", whole years as "giai đoạn 2021 – 2022".
When the period's precision is not the one its words would give back (an
exact 1/1 – 31/8, say, which "8 tháng đầu năm" would read as approximate),
the days are written out instead, so formatting then parsing returns the
same period.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING

from khuonha.exceptions import InvalidDataError
from khuonha.text._period_kinds import Convention, Precision, months_precision
from khuonha.text.reporting import REPORTING_CUTOFF
from khuonha.text.unicode import match_key

if TYPE_CHECKING:
    from khuonha.text.periods import Period

__all__ = ["format_date", "format_period"]

#: "đến nay", "tới nay", "đến hiện nay" in a folded label.
_NOW = re.compile(r"\b(?:den|toi)(?: het)?(?: hien)? nay\b")

_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: date, language: str = "vi", *, long: bool = False) -> str:
    """A date as an official text writes it (NĐ 30/2020: zero-pad days below 10, months 1–2).

    >>> format_date(date(2023, 2, 5)), format_date(date(2022, 8, 10), long=True)
    ('05/02/2023', 'ngày 10 tháng 8 năm 2022')
    >>> format_date(date(2022, 8, 10), "en")
    '10 August 2022'
    """
    if language == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    dd = f"{day.day:02d}"
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    if long:
        return f"ngày {dd} tháng {mm} năm {day.year}"
    return f"{dd}/{mm}/{day.year}"


def _month_span(p: Period) -> tuple[int, int, int, int] | None:
    """(first year, first month, last year, last month) when *p* is whole months."""
    s, e = p.start, p.end
    assert s is not None
    assert e is not None
    if p.convention is Convention.REPORTING:
        if s.day != REPORTING_CUTOFF.start_day or e.day != REPORTING_CUTOFF.end_day:
            return None
        y1, m1 = (s.year + 1, 1) if s.month == 12 else (s.year, s.month + 1)
        span = (y1, m1, e.year, e.month)
    elif p.convention is Convention.CALENDAR:
        if s.day != 1 or e.day != calendar.monthrange(e.year, e.month)[1]:
            return None
        span = (s.year, s.month, e.year, e.month)
    else:
        return None
    return span if (span[0], span[1]) <= (span[2], span[3]) else None


def _months_text(p: Period, language: str) -> str | None:
    span = _month_span(p)
    if span is None:
        return None
    y1, m1, y2, m2 = span
    en = language == "en"
    expected = Precision.EXACT
    if y1 != y2:
        if (m1, m2) != (1, 12):
            text = (
                f"from {_MONTHS_EN[m1 - 1]} {y1} to {_MONTHS_EN[m2 - 1]} {y2}"
                if en
                else f"từ tháng {m1}/{y1} đến tháng {m2}/{y2}"
            )
        else:
            text = f"{y1}–{y2}" if en else f"giai đoạn {y1} – {y2}"
    elif m1 == m2:
        text = f"{_MONTHS_EN[m1 - 1]} {y1}" if en else f"tháng {m1}/{y1}"
    elif m2 - m1 == 2 and m1 % 3 == 1:
        q = (m1 + 2) // 3
        text = f"Q{q} {y1}" if en else f"quý {_ROMAN[q - 1]}/{y1}"
    elif (m1, m2) == (1, 12):
        text = str(y1) if en else f"năm {y1}"
    elif (m1 == 1 or m2 == 12) and p.precision is months_precision(m2 - m1 + 1):
        n = m2 - m1 + 1
        expected = p.precision
        first = m1 == 1
        if n == 6:
            text = (
                f"{'first' if first else 'second'} half of {y1}"
                if en
                else f"6 tháng {'đầu' if first else 'cuối'} năm {y1}"
            )
        elif en:
            text = f"{'first' if first else 'last'} {n} months of {y1}"
        else:
            text = f"{n} tháng {'đầu' if first else 'cuối'} năm {y1}"
    else:
        # Whole months the words "N tháng đầu năm" would read otherwise: named one by one.
        text = (
            f"{_MONTHS_EN[m1 - 1]}–{_MONTHS_EN[m2 - 1]} {y1}"
            if en
            else f"từ tháng {m1} đến tháng {m2}/{y1}"
        )
    if p.precision is expected:
        return text
    if p.precision is Precision.APPROXIMATE:
        return f"{text} (approximate)" if en else f"khoảng {text}"
    return None


def _whole_start(day: date, convention: Convention) -> tuple[int, int] | None:
    """(year, month) when *day* is the first day of that month under *convention*."""
    if convention is Convention.REPORTING:
        if day.day != REPORTING_CUTOFF.start_day:
            return None
        return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    if convention is Convention.CALENDAR and day.day == 1:
        return day.year, day.month
    return None


def _whole_end(day: date, convention: Convention) -> tuple[int, int] | None:
    """(year, month) when *day* is the last day of that month under *convention*."""
    if convention is Convention.REPORTING:
        return (day.year, day.month) if day.day == REPORTING_CUTOFF.end_day else None
    if convention is Convention.CALENDAR and day.day == calendar.monthrange(day.year, day.month)[1]:
        return day.year, day.month
    return None


def _bound(day: date, whole: tuple[int, int] | None, *, first: int, en: bool) -> str:
    """One bound at the coarsest precision that gives the day back: a year, a month or the day.

    *first* is the month that makes a whole year of it (1 for a start, 12 for an end).
    """
    if whole is None:
        return format_date(day, "en") if en else f"ngày {format_date(day)}"
    year, month = whole
    if month == first:
        return str(year) if en else f"năm {year}"
    return f"{_MONTHS_EN[month - 1]} {year}" if en else f"tháng {month}/{year}"


def _says_now(label: str | None) -> bool:
    """Whether the label ends its period "đến nay" (up to now)."""
    if not label:
        return False
    try:
        folded = match_key(label, diacritics=False)
    except ValueError:
        return False
    return _NOW.search(folded) is not None


def _open(period: Period, en: bool) -> str:
    s, e = period.start, period.end
    if e is None:
        assert s is not None
        since = _bound(s, _whole_start(s, period.convention), first=1, en=en)
        now = _says_now(period.label)
        if en:
            return f"from {since} to date" if now else f"from {since}"
        return f"từ {since} đến nay" if now else f"từ {since}"
    whole = _whole_end(e, period.convention)
    until = _bound(e, whole, first=12, en=en)
    if en:
        return f"until the end of {until}" if whole else f"until {until}"
    return f"tính đến hết {until}" if whole else f"tính đến {until}"


def format_period(period: Period, language: str = "vi") -> str:
    """Write *period* the way a report does ("quý III/2022"; ``"en"``: "Q3 2022").

    No bound is written finer than the period gives it: a period from the
    start of 2016 is "từ năm 2016", not a day; an approximate one says
    "khoảng" where its words alone would read as exact.

    >>> from datetime import date
    >>> from khuonha import Period
    >>> format_period(Period.first_months(2022, 8))
    '8 tháng đầu năm 2022'
    >>> format_period(Period.day(date(2022, 8, 10)), "en")
    '10 August 2022'
    >>> format_period(Period(start=date(2016, 1, 1), precision=Precision.OPEN_END,
    ...                      label="từ năm 2016 đến nay"))
    'từ năm 2016 đến nay'
    """
    if language not in ("vi", "en"):
        raise InvalidDataError(
            f"expected the language 'vi' or 'en', got {language!r:.20}",
            field="language",
            code="unknown_language",
        )
    en = language == "en"
    s, e = period.start, period.end
    if s is None and e is None:  # recurring or unspecified: only its words
        return period.label or ""
    if s is None or e is None:
        return _open(period, en)
    if period.convention is Convention.SCHOOL_YEAR and e.year == s.year + 1:
        return f"school year {s.year}–{e.year}" if en else f"năm học {s.year} – {e.year}"
    about = period.precision is Precision.APPROXIMATE
    if s == e:
        day = format_date(s, language, long=True)
        return (f"{day} (approximate)" if en else f"khoảng {day}") if about else day
    months = _months_text(period, language)
    if months is not None:
        return months
    since = _bound(s, _whole_start(s, period.convention), first=1, en=en)
    until = _bound(e, _whole_end(e, period.convention), first=12, en=en)
    text = f"from {since} to {until}" if en else f"từ {since} đến {until}"
    return (f"{text} (approximate)" if en else f"khoảng {text}") if about else text
