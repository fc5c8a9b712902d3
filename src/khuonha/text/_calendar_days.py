"""A day and a month without a year, used by the calendars."""

from __future__ import annotations

from datetime import date

import attrs

from khuonha.exceptions import InvalidDataError

__all__ = ["SCHOOL_YEAR", "DayOfYear", "SchoolYearWindow"]


@attrs.frozen
class DayOfYear:
    """A day and a month, without a year (``DayOfYear(1, 11)`` is 01/11)."""

    day: int
    month: int

    def __attrs_post_init__(self) -> None:
        try:
            date(2000, self.month, self.day)  # 2000 is a leap year: 29/2 is accepted
        except (TypeError, ValueError):
            raise InvalidDataError(f"not a day of the year: {self.day!r}/{self.month!r}") from None

    def in_year(self, year: int) -> date:
        """The date in *year* (29/2 falls back to 28/2 in a common year)."""
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return date(year, self.month, self.day - 1)


@attrs.frozen(kw_only=True)
class SchoolYearWindow:
    """When a school year runs: from ``start`` in year Y to ``end`` in Y + 1.

    The official dates change each year and are unverified here: the default
    1/9 → 31/5 is a convention, so school years are ``approximate``.
    """

    start: DayOfYear = attrs.field(factory=lambda: DayOfYear(1, 9))
    end: DayOfYear = attrs.field(factory=lambda: DayOfYear(31, 5))


#: The default school-year window.
SCHOOL_YEAR = SchoolYearWindow()
