"""Periods (kỳ báo cáo, giai đoạn): inclusive date ranges with a precision and a label.

A :class:`Period` includes both its ``start`` and its ``end`` day, because
Vietnamese reports say "từ 1/8 đến hết 20/8" and mean both ends:

>>> from datetime import date
>>> p = Period(start=date(2022, 8, 1), end=date(2022, 8, 20), label="từ 1/8 đến hết 20/8")
>>> p.start, p.end
(datetime.date(2022, 8, 1), datetime.date(2022, 8, 20))
>>> date(2022, 8, 20) in p, p.days
(True, 20)

Named constructors build the usual report periods, under the plain calendar
or the reporting cut-offs of Nghị định 09/2019/NĐ-CP:

>>> Period.quarter(2022, 3).label
'quý III/2022'
>>> q = Period.quarter(2022, 3, convention="reporting")
>>> q.start, q.end
(datetime.date(2022, 6, 15), datetime.date(2022, 9, 14))
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text._calendar_days import SCHOOL_YEAR, SchoolYearWindow
from khuonha.text._period_format import format_period
from khuonha.text._period_kinds import (
    Convention,
    Precision,
    check_int,
    convention_of,
    last_day,
    month_span,
    months_precision,
    precision_of,
)
from khuonha.text._record import Record
from khuonha.text.fields import check_date, text_optional, typed_fields
from khuonha.text.language import with_article
from khuonha.text.reporting import REPORTING_CUTOFF

__all__ = ["Convention", "Period", "Precision"]

#: Precisions of periods with no dates, only words.
_UNDATED = frozenset({Precision.RECURRING, Precision.UNSPECIFIED})


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Period(Record):
    """A period (kỳ, giai đoạn): every day from ``start`` to ``end``, both included.

    ``None`` for a bound means it is not known (see :class:`Precision`); the
    methods treat it as unbounded on that side. ``label`` keeps the text as
    written; ``convention`` says how words became dates; ``basis`` says why
    the dates are these when the words do not give them ("Trong năm qua" in
    an article on the 2023 plan, read as 2023), and is empty when they do.

    >>> p = Period.year(2023)
    >>> inferred = attrs.evolve(p, label="Trong năm qua", basis="the 2023 plan named before it")
    >>> inferred.start, inferred.basis
    (datetime.date(2023, 1, 1), 'the 2023 plan named before it')
    """

    start: date | None = attrs.field(default=None, validator=check_date)
    end: date | None = attrs.field(default=None, validator=check_date)
    precision: Precision = Precision.EXACT
    label: str | None = text_optional()
    convention: Convention = Convention.CALENDAR
    basis: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if self.precision in _UNDATED:
            a_precision = with_article(self.precision.value)  # "an unspecified period"
            if self.start is not None or self.end is not None or not self.label:
                raise InvalidDataError(
                    f"{a_precision} period has no dates, only its words (label)",
                    code="period_undated",
                )
            if self.basis is not None:
                raise InvalidDataError(
                    f"{a_precision} period has no dates to give a basis for",
                    field="basis",
                )
            return
        if self.start is None and self.end is None:
            raise InvalidDataError(
                "a period needs a start or an end (or the precision recurring or unspecified)",
                code="period_unbounded",
            )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidDataError(
                f"period end ({self.end.isoformat()}) must not be before start "
                f"({self.start.isoformat()})",
                code="period_inverted",
            )

    @property
    def dated(self) -> bool:
        """Whether the period has dates (recurring and unspecified ones have only words)."""
        return self.precision not in _UNDATED

    # ------------------------------------------------------------ named constructors

    @classmethod
    def undated(cls, label: str, *, recurring: bool = False) -> Period:
        """A period the text gives no dates for ("những năm qua"), or that recurs ("Hằng năm").

        >>> Period.undated("Hằng năm", recurring=True).precision.value
        'recurring'
        """
        precision = Precision.RECURRING if recurring else Precision.UNSPECIFIED
        return cls(precision=precision, label=label)

    @classmethod
    def _months(
        cls,
        first: tuple[int, int],
        last: tuple[int, int],
        convention: object,
        precision: Precision = Precision.EXACT,
    ) -> Period:
        start, end = month_span(first, last, convention)
        made = cls(start=start, end=end, precision=precision, convention=convention_of(convention))
        return attrs.evolve(made, label=format_period(made))

    @classmethod
    def between(cls, start: date, end: date, *, label: str | None = None) -> Period:
        """Exactly the days from *start* to *end*, both included."""
        return cls(start=start, end=end, label=label)

    @classmethod
    def day(cls, day: date) -> Period:
        """One day ("ngày 10 tháng 8 năm 2022")."""
        made = cls(start=day, end=day)
        return attrs.evolve(made, label=format_period(made))

    @classmethod
    def month(cls, year: int, month: int, *, convention: object = "calendar") -> Period:
        """The month ("tháng 8/2022")."""
        check_int("year", year, 2, 9999)
        check_int("month", month, 1, 12)
        return cls._months((year, month), (year, month), convention)

    @classmethod
    def quarter(cls, year: int, quarter: int, *, convention: object = "calendar") -> Period:
        """The quarter ("quý III/2022")."""
        check_int("year", year, 2, 9999)
        check_int("quarter", quarter, 1, 4)
        return cls._months((year, 3 * quarter - 2), (year, 3 * quarter), convention)

    @classmethod
    def half(cls, year: int, half: int, *, convention: object = "calendar") -> Period:
        """The first (1) or second (2) half of *year* ("6 tháng đầu/cuối năm 2023")."""
        check_int("year", year, 2, 9999)
        check_int("half", half, 1, 2)
        return cls._months((year, 6 * half - 5), (year, 6 * half), convention)

    @classmethod
    def year(cls, year: int, *, convention: object = "calendar") -> Period:
        """The year ("năm 2022")."""
        check_int("year", year, 2, 9999)
        return cls._months((year, 1), (year, 12), convention)

    @classmethod
    def years(cls, first: int, last: int, *, convention: object = "calendar") -> Period:
        """Whole years from *first* to *last* ("giai đoạn 2021 – 2025")."""
        check_int("first", first, 2, 9999)
        check_int("last", last, first, 9999)
        return cls._months((first, 1), (last, 12), convention)

    @classmethod
    def first_months(cls, year: int, count: int, *, convention: object = "calendar") -> Period:
        """The first *count* months of *year* ("8 tháng đầu năm 2022").

        The precision follows :func:`months_precision`.
        """
        check_int("year", year, 2, 9999)
        check_int("count", count, 1, 12)
        return cls._months((year, 1), (year, count), convention, months_precision(count))

    @classmethod
    def last_months(cls, year: int, count: int, *, convention: object = "calendar") -> Period:
        """The last *count* months of *year* ("6 tháng cuối năm 2023")."""
        check_int("year", year, 2, 9999)
        check_int("count", count, 1, 12)
        return cls._months((year, 13 - count), (year, 12), convention, months_precision(count))

    @classmethod
    def school_year(cls, first_year: int, *, window: SchoolYearWindow | None = None) -> Period:
        """The school year that starts in *first_year* ("năm học 2021-2022").

        The official dates change each year and are unverified: the default
        window (1/9 → 31/5) is a convention, so school years are ``approximate``.

        >>> p = Period.school_year(2021)
        >>> p.start, p.end, p.label
        (datetime.date(2021, 9, 1), datetime.date(2022, 5, 31), 'năm học 2021 – 2022')
        """
        check_int("first_year", first_year, 1, 9998)
        w = window or SCHOOL_YEAR
        return cls(
            start=w.start.in_year(first_year),
            end=w.end.in_year(first_year + 1),
            precision=Precision.APPROXIMATE,
            label=f"năm học {first_year} – {first_year + 1}",
            convention=Convention.SCHOOL_YEAR,
        )

    # ------------------------------------------------------------ comparisons

    def __contains__(self, day: object) -> bool:
        """Whether the day *day* lies in the period (an open bound admits every day).

        A period with no dates (recurring, unspecified) contains no known day.
        """
        if self.precision in _UNDATED:
            return False
        if isinstance(day, datetime):
            day = day.date()
        if type(day) is not date:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def contains(self, other: Period | date) -> bool:
        """Whether *other* (a day or a period) lies wholly inside this period."""
        if self.precision in _UNDATED or (
            isinstance(other, Period) and other.precision in _UNDATED
        ):
            return False
        if not isinstance(other, Period):
            return other in self
        starts_ok = self.start is None or (other.start is not None and self.start <= other.start)
        ends_ok = self.end is None or (other.end is not None and other.end <= self.end)
        return starts_ok and ends_ok

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day (never, for a period with no dates)."""
        if self.precision in _UNDATED or other.precision in _UNDATED:
            return False
        return not (
            (self.end is not None and other.start is not None and self.end < other.start)
            or (other.end is not None and self.start is not None and other.end < self.start)
        )

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or ``None`` if they share none."""
        if not self.overlaps(other):
            return None
        starts = [d for d in (self.start, other.start) if d is not None]
        ends = [d for d in (self.end, other.end) if d is not None]
        start = max(starts) if starts else None
        end = min(ends) if ends else None
        same = self.convention if self.convention is other.convention else Convention.CALENDAR
        precision = precision_of(start, end, self.precision, other.precision)
        return Period(start=start, end=end, precision=precision, convention=same)

    @property
    def days(self) -> int | None:
        """How many days the period has, both ends included (``None`` when open)."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    # ------------------------------------------------------------ splitting

    def months(self) -> tuple[Period, ...]:
        """Split into months (reporting months under the ``reporting`` convention).

        Whole months are exact and labelled; the clipped first and last
        pieces keep the period's precision.
        """
        return self._split(1)

    def quarters(self) -> tuple[Period, ...]:
        """Split into quarters (reporting quarters under the ``reporting`` convention)."""
        return self._split(3)

    def _split(self, size: int) -> tuple[Period, ...]:
        if self.start is None or self.end is None:
            raise InvalidDataError("an open period cannot be split", code="period_open")
        conv = (
            Convention.REPORTING if self.convention is Convention.REPORTING else Convention.CALENDAR
        )
        year, month = self.start.year, self.start.month
        if conv is Convention.REPORTING and self.start.day >= REPORTING_CUTOFF.start_day:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        month -= (month - 1) % size
        pieces: list[Period] = []
        while year <= 9999:
            start, end = month_span((year, month), (year, month + size - 1), conv)
            if start > self.end:
                break
            whole = self.start <= start and end <= self.end
            piece = Period(
                start=max(start, self.start),
                end=min(end, self.end),
                precision=Precision.EXACT if whole else self.precision,
                convention=self.convention,
            )
            pieces.append(attrs.evolve(piece, label=format_period(piece)) if whole else piece)
            month += size
            if month > 12:
                year, month = year + 1, month - 12
        return tuple(pieces)

    def same_period_in(self, year: int) -> Period:
        """The same span in another *year* ("cùng kỳ năm 2021").

        The period moves by whole years counted from its end (its start when
        open-ended); an end on the last day of a month stays on the last day.

        >>> Period.first_months(2022, 8).same_period_in(2021).end
        datetime.date(2021, 8, 31)
        """
        anchor = self.end or self.start
        assert anchor is not None
        delta = check_int("year", year, 2, 9998) - anchor.year

        def shift(day: date | None, *, is_end: bool) -> date | None:
            if day is None:
                return None
            y = check_int("year", day.year + delta, 1, 9999)
            length = last_day(y, day.month)
            at_end = is_end and day.day == last_day(day.year, day.month)
            return date(y, day.month, length if at_end else min(day.day, length))

        return Period(
            start=shift(self.start, is_end=False),
            end=shift(self.end, is_end=True),
            precision=self.precision,
            convention=self.convention,
        )

    def shifted(self, days: int) -> Period:
        """The period moved by *days* days (negative: earlier)."""
        step = timedelta(days=days)
        return attrs.evolve(
            self,
            start=None if self.start is None else self.start + step,
            end=None if self.end is None else self.end + step,
            label=None,
            basis=None,
        )
