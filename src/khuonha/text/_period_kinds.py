"""The kinds a period can have (precision, convention) and the month arithmetic behind them.

Kept below :mod:`khuonha.text.periods` so that the period writer and reader,
which the :class:`~khuonha.Period` class uses and which use it, share them
without an import cycle.
"""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum

from khuonha.exceptions import InvalidDataError
from khuonha.text.reporting import REPORTING_CUTOFF

__all__ = [
    "Convention",
    "Precision",
    "check_int",
    "convention_of",
    "last_day",
    "month_span",
    "months_precision",
    "precision_of",
]


class Precision(StrEnum):
    """How far a period's bounds can be trusted."""

    EXACT = "exact"
    """Both bounds are stated or follow exactly from the text ("quý III/2022")."""
    APPROXIMATE = "approximate"
    """Nominal bounds; the real cut-off is unstated ("8 tháng đầu năm 2022")."""
    OPEN_START = "open_start"
    """No start is known ("tính đến 30/6/2022")."""
    OPEN_END = "open_end"
    """No end is known yet (a phase still running, "từ năm 2016 đến nay")."""
    RECURRING = "recurring"
    """Every year, with no dates ("Hằng năm"); the label says what recurs."""
    UNSPECIFIED = "unspecified"
    """A time the text does not date ("trong thời gian qua", "những năm qua")."""


class Convention(StrEnum):
    """How a period expression was turned into dates."""

    CALENDAR = "calendar"
    """Plain civil calendar: "năm 2022" is 1/1 to 31/12."""
    REPORTING = "reporting"
    """Data cut-offs of Nghị định 09/2019/NĐ-CP: "năm 2022" is 15/12/2021 to 14/12/2022."""
    ASSESSMENT = "assessment"
    """A certification or rating cycle (TT 124/2021/TT-BCA Điều 8)."""
    SCHOOL_YEAR = "school_year"
    """A school year ("năm học 2021-2022")."""


def convention_of(value: object) -> Convention:
    """The convention named by *value*; only calendar and reporting turn words into dates."""
    try:
        conv = Convention(value) if isinstance(value, str) else None
    except ValueError:
        conv = None
    if conv not in (Convention.CALENDAR, Convention.REPORTING):
        raise InvalidDataError(
            f"expected the convention 'calendar' or 'reporting', got {value!r:.60}",
            field="convention",
            code="unknown_convention",
        )
    assert conv is not None
    return conv


def check_int(name: str, value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise InvalidDataError(
            f"expected an integer from {low} to {high}, got {value!r:.40}", field=name
        )
    return value


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_span(
    first: tuple[int, int], last: tuple[int, int], convention: object = Convention.CALENDAR
) -> tuple[date, date]:
    """Start and end of the months *first* … *last* (each ``(year, month)``).

    Under ``reporting`` the cut-offs of :data:`khuonha.text.reporting.REPORTING_CUTOFF` apply.

    >>> month_span((2022, 1), (2022, 8), "reporting")
    (datetime.date(2021, 12, 15), datetime.date(2022, 8, 14))
    """
    try:
        if convention_of(convention) is Convention.REPORTING:
            return REPORTING_CUTOFF.span(first, last)
        return date(first[0], first[1], 1), date(last[0], last[1], last_day(*last))
    except ValueError as exc:
        if isinstance(exc, InvalidDataError):
            raise
        raise InvalidDataError(f"months out of range: {first} … {last}") from None


def months_precision(count: int) -> Precision:
    """Precision of "N tháng đầu/cuối năm".

    Counts that make a standard report period (1 month, a quarter, a half, a
    year) are ``exact``; any other count is a narrative period whose real
    cut-off is unstated, so ``approximate``.
    """
    return Precision.EXACT if count in (1, 3, 6, 12) else Precision.APPROXIMATE


def precision_of(start: date | None, end: date | None, *parts: Precision) -> Precision:
    if start is None:
        return Precision.OPEN_START
    if end is None:
        return Precision.OPEN_END
    if all(p is not Precision.APPROXIMATE for p in parts):
        return Precision.EXACT
    return Precision.APPROXIMATE
