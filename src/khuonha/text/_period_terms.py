"""Tokens and terms of the period reader (see :mod:`khuonha.text._period_parser`).

A term is one side of a period before its missing month or year is filled in;
:class:`Context` fills them in, applies the convention and builds the
:class:`~khuonha.text.periods.Period`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

import attrs

from khuonha.exceptions import PeriodParseError
from khuonha.text._period_kinds import Convention, Precision, month_span, precision_of
from khuonha.text.periods import Period
from khuonha.text.unicode import match_key

__all__ = [
    "LUNAR_WORDS",
    "MONTH_NAMES",
    "PAST",
    "PAST_YEAR",
    "RECURRING_PHRASES",
    "UNITS",
    "UNSPECIFIED_PHRASES",
    "Context",
    "Term",
    "Token",
    "fold",
    "past_unit",
    "past_year",
    "relative_span",
    "tokens",
]

#: Phrases of a period that recurs, with no dates ("Hằng năm"); shared by scanner and reader.
RECURRING_PHRASES = (
    "hằng năm", "hàng năm", "hằng tháng", "hàng tháng", "hằng quý", "hàng quý",
    "hằng tuần", "hàng tuần", "hằng ngày", "thường niên", "định kỳ hằng năm",
    "định kỳ hàng năm", "mỗi năm",
)  # fmt: skip
#: Phrases of a time the text does not date ("những năm qua", "trong thời gian qua").
UNSPECIFIED_PHRASES = (
    "những năm qua", "các năm qua", "nhiều năm qua", "những năm gần đây", "các năm gần đây",
    "những năm tới", "các năm tới", "thời gian qua", "thời gian gần đây", "thời gian tới",
    "những tháng qua", "các tháng qua", "những tháng gần đây", "thời gian vừa qua",
    "những năm tiếp theo", "các năm tiếp theo", "những ngày qua", "những ngày gần đây",
    "những tuần qua", "các tuần qua", "những quý qua", "nhiều năm nay", "mấy năm nay",
    "nhiều tháng nay", "mấy tháng nay", "những năm nay",
)  # fmt: skip
#: Words of days fixed by the lunar calendar (Tết Nguyên đán, rằm …): no dates are read for them.
LUNAR_WORDS = (
    "tết", "âm lịch", "rằm", "nguyên đán", "trung thu", "vu lan", "tháng giêng", "tháng chạp",
)  # fmt: skip
#: The months written in words after "tháng" ("tháng Sáu", "tháng Mười Hai"); "tháng Năm"
#: (May) is read only where it cannot be the "năm" of a year (see the reader).
MONTH_NAMES = {
    "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12,
}  # fmt: skip
#: The units a relative phrase counts in ("tuần qua", "tháng trước", "quý này", "năm tới").
UNITS = {"tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}
#: What each unit's "qua" (the past one) is, and when it cannot be told.
PAST = {
    "week": "the week (Monday to Sunday) before the reference date's, when that falls on "
    "Monday to Wednesday; later in the week it may be the week now ending",
    "month": "the month before the reference date's, when that falls on the 1st to the 14th; "
    "later it may be the month now ending (reports close on the 14th)",
    "quarter": "the quarter before the reference date's, unless that falls in the quarter's "
    "last month, when it may be the quarter now ending",
    "year": "the year before the reference date's, unless that falls in November or "
    "December, when it may be the year now ending",
}
#: Why "năm qua" is read only against a reference date before November.
PAST_YEAR = "'năm qua' is the year before the reference date, or the year now ending"


def past_year(reference: date | None) -> int | None:
    """The year "năm qua" (the past year) names, or ``None`` when it cannot be told.

    Read against *reference* (the publication date): in January to October it
    is the year before; in November and December a year-end report may mean
    the year now ending, so no year is given.

    >>> past_year(date(2024, 3, 21)), past_year(date(2023, 12, 20)), past_year(None)
    (2023, None, None)
    """
    if reference is None or reference.month >= 11:
        return None
    return reference.year - 1


def relative_span(unit: str, step: int, reference: date) -> tuple[date, date]:
    """The *unit* (week, month, quarter, year) *step* units from the one holding *reference*.

    Weeks run Monday to Sunday.

    >>> relative_span("week", -1, date(2025, 8, 20))
    (datetime.date(2025, 8, 11), datetime.date(2025, 8, 17))
    >>> relative_span("quarter", -1, date(2025, 2, 3))
    (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    """
    if unit == "week":
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    size = {"month": 1, "quarter": 3, "year": 12}[unit]
    first = (reference.year * 12 + reference.month - 1) // size * size + step * size
    last = first + size - 1
    start = date(first // 12, first % 12 + 1, 1)
    end_year, end_month = last // 12, last % 12 + 1
    return start, date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def past_unit(unit: str, reference: date | None) -> tuple[date, date] | None:
    """The past *unit* ("tuần qua", "tháng qua", "quý qua", "năm qua"), or ``None``.

    ``None`` when there is no reference date, or when the reference falls
    late enough in its own unit that a report may mean the unit now ending
    (see :data:`PAST`).

    >>> past_unit("month", date(2025, 8, 5)), past_unit("month", date(2025, 8, 20))
    ((datetime.date(2025, 7, 1), datetime.date(2025, 7, 31)), None)
    """
    if reference is None:
        return None
    ending = {
        "week": reference.weekday() >= 3,
        "month": reference.day >= 15,
        "quarter": reference.month % 3 == 0,
        "year": reference.month >= 11,
    }[unit]
    return None if ending else relative_span(unit, -1, reference)


_TOKEN = re.compile(
    r"(?P<num>[0-9]+)"
    r"|(?P<word>[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*)"
    r"|(?P<dash>[-\u2010-\u2015\u2212~])"
    r"|(?P<sep>[/.])"
    r"|(?P<punct>[,;:()])"
    # Invisible format characters (bidi controls, zero-width spaces, soft
    # hyphens) pasted from web pages and PDFs separate words like spaces.
    r"|(?P<space>[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_FOLD = {"qui": "quy", "ki": "ky"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NUMBER_WORDS = {
    "mot": 1,
    "nhat": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_PART_OF_DAY = {"sang", "chieu", "toi", "trua", "dem", "khuya"}


@attrs.frozen
class Token:
    kind: str
    raw: str
    key: str
    pos: int


def fold(phrase: str) -> tuple[str, ...]:
    """The token keys of *phrase* (as :func:`tokens` gives them to its words)."""
    return tuple(_FOLD.get(k, k) for k in match_key(phrase, diacritics=False).split())


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "space":
            continue
        raw = m.group()
        key = raw
        if kind == "word":
            key = " ".join(_FOLD.get(k, k) for k in match_key(raw, diacritics=False).split())
        out.append(Token(kind, raw, key, m.start()))
    return out


@attrs.define
class Term:
    """One side of a period, before years are filled in and a convention applied."""

    kind: str  # day, days, months, school, now, year_start, year_end
    pos: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    last_month: int | None = None  # months: the span month .. last_month
    year2: int | None = None  # months: the span ends in this year
    count: int | None = None
    precision: Precision = Precision.EXACT
    first: date | None = None  # days: the first and last day, as computed
    last: date | None = None
    edge: str | None = None  # year_start, year_end: the words ("đầu năm", "cuối tháng")


class Context:
    """The text, the reference date and the convention a reading works with."""

    def __init__(self, text: str, reference: date | None, convention: Convention) -> None:
        self.text = text
        self.toks = tokens(text)
        self.i = 0
        self.reference = reference
        self.convention = convention
        self.far = 0
        self.approximate = False  # "khoảng …": the bounds are nominal
        self.reason = "expected a period (a day, month, quarter, year, phase…)"
        self.days_count: tuple[int, int] | None = None  # "trong 2 ngày …": the count, where
        self.months_count: tuple[int, int] | None = None  # "3 tháng (từ tháng 7 …)": the count
        self.bracketed = False  # "2 ngày (15 – 16/8/2025)", "đợt 1 (…)": the period in brackets
        self.notes: list[str] = []  # how dates the text does not write were read (the basis)

    def note(self, text: str) -> None:
        """Say how a date the text does not write was read (kept as the period's basis)."""
        if text not in self.notes:
            self.notes.append(text)

    @property
    def basis(self) -> str | None:
        return "; ".join(self.notes) or None

    def ref(self, at: int, what: str) -> date:
        if self.reference is None:
            raise PeriodParseError(self.text, at, f"{what}, and no reference date to take it from")
        return self.reference

    def resolve(self, term: Term, year: int | None, month: int | None) -> None:
        """Fill in a missing month and year (from the end term, then from the reference)."""
        if term.kind == "day" and term.month is None:
            if month is None:
                raise PeriodParseError(self.text, term.pos, "a day needs a month")
            term.month = month
        if term.year is None and term.kind != "now":
            if year is None:
                reference = self.ref(term.pos, "no year")
                year = reference.year
                self.note(f"the year {year} taken from the reference date {reference}")
            term.year = year
        if term.kind == "day":
            self.checked(term)

    def bounds(self, term: Term) -> tuple[date | None, date | None]:
        if term.kind == "now":
            today = self.ref(term.pos, "'nay' (now) needs a date")
            self.note(f"'nay' (now) read as the reference date {today}")
            return today, today
        if term.kind == "days":
            return term.first, term.last
        assert term.year is not None
        if term.kind == "day":
            assert term.month is not None
            assert term.day is not None
            day = date(term.year, term.month, term.day)
            return day, day
        if term.kind == "school":
            p = Period.school_year(term.year)
            return p.start, p.end
        assert term.month is not None
        last = term.month if term.last_month is None else term.last_month
        start, end = month_span(
            (term.year, term.month), (term.year2 or term.year, last), self.convention
        )
        if term.kind == "year_start":
            if term.edge:  # "đầu năm": early in the year, read as its first day
                self.note(f"'{term.edge}' read as from {start.strftime('%d/%m/%Y')}")
            return start, None
        if term.kind == "year_end":
            if term.edge:
                self.note(f"'{term.edge}' read as up to {end.strftime('%d/%m/%Y')}")
            return None, end
        return start, end

    def build(self, first: Term | None, last: Term | None) -> Period:
        if last is not None:
            self.resolve(last, None, None)
        if first is not None and first is not last:
            if last is not None and last.kind != "now":
                inherited = first.year is None
                self.resolve(first, last.year, last.month)
                early, late = self.bounds(first)[0], self.bounds(last)[1]
                if inherited and early is not None and late is not None and early > late:
                    assert first.year is not None
                    first.year -= 1
                    self.resolve(first, None, None)
            else:
                self.resolve(first, None, None)
        start = self.bounds(first)[0] if first is not None else None
        end = self.bounds(last)[1] if last is not None else None
        parts = [t.precision for t in (first, last) if t is not None]
        if self.approximate:
            parts.append(Precision.APPROXIMATE)
        convention = self.convention
        if first is not None and first is last and first.kind == "school":
            convention = Convention.SCHOOL_YEAR
        if start is not None and end is not None and end < start:
            at = last.pos if last is not None else 0
            raise PeriodParseError(self.text, at, "the period ends before it starts")
        return Period(
            start=start,
            end=end,
            precision=precision_of(start, end, *parts),
            label=self.text.strip() or None,
            convention=convention,
            basis=self.basis,
        )

    def checked(self, term: Term) -> Term:
        assert term.day is not None
        assert term.month is not None
        try:
            date(2000 if term.year is None else term.year, term.month, term.day)
        except ValueError:
            raise PeriodParseError(
                self.text, term.pos, f"{term.day}/{term.month} is not a date"
            ) from None
        return term
