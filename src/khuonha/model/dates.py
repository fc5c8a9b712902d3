"""Dates known only to the month or the year, and the labels of kinds the library does not know.

Real reports date things "tháng 8/2023" or "Năm 2025"; a :class:`ReducedDate`
holds exactly that, so no day is ever invented. Events, news items, awards
and certification decisions carry one beside their exact day (``start_in``
beside ``start_on``, ``published_in`` beside ``published_on`` …), never both.

>>> ReducedDate(year=2023, month=8).label
'tháng 8/2023'
>>> ReducedDate(year=2025).precision
'year'
>>> ReducedDate(year=2025, month=13)
Traceback (most recent call last):
...
khuonha.exceptions.InvalidDataError: month: expected a month from 1 to 12, got 13
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import FIRST_YEAR, LAST_YEAR, text, text_optional
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields

__all__ = ["KindLabel", "ReducedDate"]


def _check_year(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidDataError(
            f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {value!r:.40}",
            field=attribute.name,
        )


def _check_month(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 12):
        raise InvalidDataError(
            f"expected a month from 1 to 12, got {value!r:.40}", field=attribute.name
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class ReducedDate(Record):
    """A date known only to the month (``month`` set) or to the year.

    ``text`` keeps the words as written ("Năm 2025", "tháng 8/2023");
    ``basis`` says where the date comes from when the text does not write it
    (the period a report covers, the month a listing gives), so an inferred
    date is never taken for a written one.

    >>> ReducedDate(year=2019, basis="the report covers 8 tháng đầu năm 2019").text is None
    True
    """

    year: int = attrs.field(validator=_check_year)
    month: int | None = attrs.field(default=None, validator=_check_month)
    text: str | None = text_optional()
    basis: str | None = text_optional()

    @property
    def precision(self) -> str:
        """``"month"`` or ``"year"``."""
        return "year" if self.month is None else "month"

    @property
    def first_day(self) -> date:
        """The first day the date may stand for."""
        return date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> date:
        """The last day the date may stand for."""
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        """The date in Vietnamese: "tháng 8/2023" or "năm 2025"."""
        return f"năm {self.year}" if self.month is None else f"tháng {self.month}/{self.year}"

    @property
    def label_en(self) -> str:
        """The date in English: "August 2023" or "2025"."""
        if self.month is None:
            return str(self.year)
        return f"{calendar.month_name[self.month]} {self.year}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first_day <= day <= self.last_day


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class KindLabel(Record):
    """The name of a kind the library does not know, in Vietnamese and optionally English.

    An activity, group, award or organisation of an unlisted kind carries one,
    so no export ever shows a slug.
    """

    vi: str = text()
    en: str | None = text_optional()

    def text_in(self, language: str) -> str:
        """The label in *language* ("vi" or "en"), Vietnamese when no English is given."""
        return self.en if language == "en" and self.en is not None else self.vi


def check_one_of(record: object, exact: str, reduced: str) -> None:
    """Refuse a record that gives both an exact day and a reduced date for one fact."""
    if getattr(record, exact) is not None and getattr(record, reduced) is not None:
        raise InvalidDataError(
            f"give the exact day ({exact}) or the month or year ({reduced}), not both",
            field=reduced,
        )
