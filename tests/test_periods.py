"""Tests of Period: named constructors, containment, overlap, splitting, cùng kỳ, formatting."""

from __future__ import annotations

import calendar
import itertools
import json
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha import Convention, Period, Precision, format_period, parse_period
from khuonha.codec.core import from_dict
from khuonha.exceptions import InvalidDataError
from khuonha.testing.strategies import periods

D = date


def test_inclusive_bounds_and_days() -> None:
    """Both ends belong to the period; ``days`` counts them both."""
    p = Period.between(D(2022, 8, 1), D(2022, 8, 20))
    assert D(2022, 8, 1) in p
    assert D(2022, 8, 20) in p
    assert D(2022, 8, 21) not in p
    assert datetime(2022, 8, 20, 23, 59) in p
    assert "2022-08-10" not in p
    assert p.days == 20


@pytest.mark.parametrize(
    ("made", "start", "end", "label"),
    [
        (Period.year(2022), D(2022, 1, 1), D(2022, 12, 31), "năm 2022"),
        (Period.year(2022, convention="reporting"), D(2021, 12, 15), D(2022, 12, 14), "năm 2022"),
        (Period.quarter(2022, 3), D(2022, 7, 1), D(2022, 9, 30), "quý III/2022"),
        (
            Period.quarter(2022, 3, convention=Convention.REPORTING),
            D(2022, 6, 15),
            D(2022, 9, 14),
            "quý III/2022",
        ),
        (Period.month(2022, 8), D(2022, 8, 1), D(2022, 8, 31), "tháng 8/2022"),
        (
            Period.month(2022, 1, convention="reporting"),
            D(2021, 12, 15),
            D(2022, 1, 14),
            "tháng 1/2022",
        ),
        (Period.month(2024, 2), D(2024, 2, 1), D(2024, 2, 29), "tháng 2/2024"),
        (Period.half(2023, 1), D(2023, 1, 1), D(2023, 6, 30), "6 tháng đầu năm 2023"),
        (
            Period.half(2023, 2, convention="reporting"),
            D(2023, 6, 15),
            D(2023, 12, 14),
            "6 tháng cuối năm 2023",
        ),
        (Period.first_months(2022, 8), D(2022, 1, 1), D(2022, 8, 31), "8 tháng đầu năm 2022"),
        (
            Period.first_months(2022, 8, convention="reporting"),
            D(2021, 12, 15),
            D(2022, 8, 14),
            "8 tháng đầu năm 2022",
        ),
        (Period.last_months(2023, 4), D(2023, 9, 1), D(2023, 12, 31), "4 tháng cuối năm 2023"),
        (Period.years(2021, 2025), D(2021, 1, 1), D(2025, 12, 31), "giai đoạn 2021 – 2025"),
        (
            Period.years(2021, 2022, convention="reporting"),
            D(2020, 12, 15),
            D(2022, 12, 14),
            "giai đoạn 2021 – 2022",
        ),
        (Period.day(D(2022, 8, 10)), D(2022, 8, 10), D(2022, 8, 10), "ngày 10 tháng 8 năm 2022"),
        (Period.school_year(2021), D(2021, 9, 1), D(2022, 5, 31), "năm học 2021 – 2022"),
    ],
)
def test_named_constructors(made: Period, start: date, end: date, label: str) -> None:
    """Named constructors give the calendar or NĐ 09 bounds and a Vietnamese label."""
    assert (made.start, made.end, made.label) == (start, end, label)


def test_constructor_precision_follows_the_month_count_rule() -> None:
    """Standard report spans are exact; other month counts are approximate."""
    assert Period.first_months(2022, 6).precision is Precision.EXACT
    assert Period.first_months(2022, 3).precision is Precision.EXACT
    assert Period.first_months(2022, 8).precision is Precision.APPROXIMATE
    assert Period.school_year(2021).precision is Precision.APPROXIMATE


@pytest.mark.parametrize(
    "call",
    [
        lambda: Period.quarter(2022, 5),
        lambda: Period.month(2022, 0),
        lambda: Period.years(2025, 2021),
        lambda: Period.first_months(2022, 13),
        lambda: Period.year(True),
        lambda: Period.year(2022, convention="assessment"),
    ],
)
def test_constructors_reject_bad_arguments(call: object) -> None:
    """Out-of-range arguments raise the library's InvalidDataError."""
    with pytest.raises(InvalidDataError):
        call()  # type: ignore[operator]


def test_open_bounds_in_containment_and_overlap() -> None:
    """An open bound admits every day on that side."""
    until = Period(start=None, end=D(2022, 6, 30), precision=Precision.OPEN_START)
    since = Period(start=D(2022, 6, 1), end=None, precision=Precision.OPEN_END)
    assert D(1990, 1, 1) in until
    assert D(2022, 7, 1) not in until
    assert D(2099, 1, 1) in since
    assert until.overlaps(since)
    both = until.intersection(since)
    assert both is not None
    assert (both.start, both.end, both.precision) == (
        D(2022, 6, 1),
        D(2022, 6, 30),
        Precision.EXACT,
    )
    assert until.contains(Period.month(2022, 3))
    assert not Period.year(2022).contains(since)
    assert since.days is None


def test_contains_period_and_date() -> None:
    """``contains`` accepts a date or a period and checks whole inclusion."""
    year = Period.year(2022)
    assert year.contains(Period.quarter(2022, 3))
    assert year.contains(D(2022, 12, 31))
    assert not year.contains(Period.first_months(2023, 2))
    assert not Period.quarter(2022, 3).contains(year)


def test_intersection_and_disjoint() -> None:
    """Overlapping periods intersect; disjoint ones give None."""
    a = Period.quarter(2022, 3)
    b = Period.between(D(2022, 8, 1), D(2022, 10, 20))
    common = a.intersection(b)
    assert common is not None
    assert (common.start, common.end) == (D(2022, 8, 1), D(2022, 9, 30))
    assert a.intersection(Period.quarter(2022, 4)) is None
    assert not a.overlaps(Period.quarter(2022, 4))
    assert a.overlaps(Period.day(D(2022, 9, 30)))


def test_months_split_calendar_and_reporting() -> None:
    """Splitting follows the period's convention and clips the first and last months."""
    months = Period.first_months(2022, 8).months()
    assert [m.label for m in months][:2] == ["tháng 1/2022", "tháng 2/2022"]
    assert len(months) == 8
    reporting = Period.year(2022, convention="reporting").months()
    assert len(reporting) == 12
    assert (reporting[0].start, reporting[0].end) == (D(2021, 12, 15), D(2022, 1, 14))
    part = Period.between(D(2022, 8, 10), D(2022, 10, 5)).months()
    assert [(m.start, m.end) for m in part] == [
        (D(2022, 8, 10), D(2022, 8, 31)),
        (D(2022, 9, 1), D(2022, 9, 30)),
        (D(2022, 10, 1), D(2022, 10, 5)),
    ]
    assert part[0].label is None


def test_quarters_split() -> None:
    """A year splits into four quarters; a partial span into clipped quarters."""
    assert [q.label for q in Period.year(2022).quarters()] == [
        "quý I/2022",
        "quý II/2022",
        "quý III/2022",
        "quý IV/2022",
    ]
    q = Period.year(2022, convention="reporting").quarters()
    assert (q[2].start, q[2].end) == (D(2022, 6, 15), D(2022, 9, 14))
    with pytest.raises(InvalidDataError):
        Period(start=D(2022, 1, 1), end=None, precision=Precision.OPEN_END).quarters()


@given(periods())
def test_split_months_cover_the_period(p: Period) -> None:
    """The months of a closed period are contiguous and cover it exactly."""
    if p.start is None or p.end is None:
        return
    months = p.months()
    assert months[0].start == p.start
    assert months[-1].end == p.end
    assert sum(m.days or 0 for m in months) == p.days
    for a, b in itertools.pairwise(months):
        assert b.start is not None
        assert a.end is not None
        assert (b.start - a.end).days == 1


def test_same_period_in_another_year() -> None:
    """The same period of another year (cùng kỳ) keeps month ends."""
    p = Period.first_months(2022, 8)
    last_year = p.same_period_in(2021)
    assert (last_year.start, last_year.end) == (D(2021, 1, 1), D(2021, 8, 31))
    assert last_year.precision is Precision.APPROXIMATE
    feb = Period.month(2023, 2).same_period_in(2024)
    assert feb.end == D(2024, 2, 29)
    reporting = Period.year(2022, convention="reporting").same_period_in(2021)
    assert (reporting.start, reporting.end) == (D(2020, 12, 15), D(2021, 12, 14))
    open_end = Period(start=D(2022, 8, 1), end=None, precision=Precision.OPEN_END)
    assert open_end.same_period_in(2020).start == D(2020, 8, 1)


def test_shifted() -> None:
    """``shifted`` moves both bounds by a number of days."""
    p = Period.day(D(2022, 8, 10)).shifted(-10)
    assert (p.start, p.end, p.label) == (D(2022, 7, 31), D(2022, 7, 31), None)


@given(periods())
def test_periods_round_trip_through_the_codec(p: Period) -> None:
    """Every period survives dumps/loads with the same JSON keys."""
    data = json.loads(khuonha.dumps(p))
    assert set(data) <= {"start", "end", "precision", "label", "convention", "basis"}
    assert khuonha.loads(khuonha.dumps(p), Period) == p
    assert from_dict(data, Period) == p


@given(st.sampled_from([2021, 2022]))
def test_parsed_periods_round_trip_through_the_codec(year: int) -> None:
    """Periods read from text survive the codec, label and convention included."""
    for text in (f"8 tháng đầu năm {year}", f"quý III/{year}", f"năm học {year}-{year + 1}"):
        for conv in ("calendar", "reporting"):
            p = parse_period(text, convention=conv)
            assert khuonha.loads(khuonha.dumps(p), Period) == p


def test_period_json_shape() -> None:
    """The JSON of a period keeps the foundation's keys and ISO dates."""
    data = json.loads(khuonha.dumps(parse_period("8 tháng đầu năm 2022")))
    assert data == {
        "start": "2022-01-01",
        "end": "2022-08-31",
        "precision": "approximate",
        "label": "8 tháng đầu năm 2022",
    }


# ---------------------------------------------------------------- formatting

FORMATS = [
    (Period.first_months(2022, 8), "8 tháng đầu năm 2022", "first 8 months of 2022"),
    (Period.quarter(2022, 3), "quý III/2022", "Q3 2022"),
    (Period.years(2021, 2022), "giai đoạn 2021 – 2022", "2021–2022"),
    (Period.day(D(2022, 8, 10)), "ngày 10 tháng 8 năm 2022", "10 August 2022"),
    (Period.day(D(2023, 2, 5)), "ngày 05 tháng 02 năm 2023", "5 February 2023"),
    (Period.year(2022), "năm 2022", "2022"),
    (Period.month(2022, 8), "tháng 8/2022", "August 2022"),
    (Period.half(2023, 2), "6 tháng cuối năm 2023", "second half of 2023"),
    (Period.school_year(2021), "năm học 2021 – 2022", "school year 2021–2022"),
    (
        Period.between(D(2021, 12, 15), D(2022, 12, 14)),
        "từ ngày 15/12/2021 đến ngày 14/12/2022",
        "from 15 December 2021 to 14 December 2022",
    ),
    (
        Period(start=None, end=D(2022, 6, 29), precision=Precision.OPEN_START),
        "tính đến ngày 29/6/2022",
        "until 29 June 2022",
    ),
    (
        Period(start=None, end=D(2022, 6, 30), precision=Precision.OPEN_START),
        "tính đến hết tháng 6/2022",
        "until the end of June 2022",
    ),
    (
        Period(start=D(2022, 8, 2), end=None, precision=Precision.OPEN_END),
        "từ ngày 02/8/2022",
        "from 2 August 2022",
    ),
    # An open period known to the month or the year is written at that precision.
    (
        Period(start=D(2022, 8, 1), end=None, precision=Precision.OPEN_END),
        "từ tháng 8/2022",
        "from August 2022",
    ),
    (
        Period(start=D(2016, 1, 1), precision=Precision.OPEN_END, label="từ năm 2016 đến nay"),
        "từ năm 2016 đến nay",
        "from 2016 to date",
    ),
    (
        Period(start=None, end=D(2016, 12, 31), precision=Precision.OPEN_START),
        "tính đến hết năm 2016",
        "until the end of 2016",
    ),
    # Approximate periods say so where their words alone would read as exact.
    (
        Period(start=D(2018, 1, 1), end=D(2019, 8, 31), precision=Precision.APPROXIMATE),
        "khoảng từ tháng 1/2018 đến tháng 8/2019",
        "from January 2018 to August 2019 (approximate)",
    ),
    (
        Period(start=D(2016, 1, 1), end=D(2023, 10, 30), precision=Precision.APPROXIMATE),
        "khoảng từ năm 2016 đến ngày 30/10/2023",
        "from 2016 to 30 October 2023 (approximate)",
    ),
    (
        Period(start=D(2023, 10, 30), end=D(2023, 10, 30), precision=Precision.APPROXIMATE),
        "khoảng ngày 30 tháng 10 năm 2023",
        "30 October 2023 (approximate)",
    ),
    (Period.undated("Hằng năm", recurring=True), "Hằng năm", "Hằng năm"),
]


@pytest.mark.parametrize(("period", "vi", "en"), FORMATS)
def test_format_period(period: Period, vi: str, en: str) -> None:
    """Periods print the way Vietnamese reports write them, and in English."""
    assert format_period(period) == vi
    assert khuonha.format_period(period, language="en") == en


def test_format_names_the_months_when_precision_differs() -> None:
    """An exact 1/1–31/8 is not "8 tháng đầu năm" (which reads as approximate), nor days."""
    p = Period.between(D(2022, 1, 1), D(2022, 8, 31))
    assert format_period(p) == "từ tháng 1 đến tháng 8/2022"
    assert parse_period(format_period(p)).precision is Precision.EXACT


def test_format_rejects_unknown_language() -> None:
    """Only vi and en are written."""
    with pytest.raises(InvalidDataError):
        format_period(Period.year(2022), "fr")


_years = st.integers(1990, 2100)
_conventions = st.sampled_from(["calendar", "reporting"])
SUPPORTED = st.one_of(
    st.builds(Period.year, _years, convention=_conventions),
    st.builds(Period.quarter, _years, st.integers(1, 4), convention=_conventions),
    st.builds(Period.month, _years, st.integers(1, 12), convention=_conventions),
    st.builds(Period.half, _years, st.integers(1, 2), convention=_conventions),
    st.builds(Period.first_months, _years, st.integers(1, 12), convention=_conventions),
    st.builds(Period.last_months, _years, st.integers(1, 12), convention=_conventions),
    st.builds(
        lambda a, n, c: Period.years(a, a + n, convention=c),
        _years,
        st.integers(1, 10),
        _conventions,
    ),
    st.builds(Period.school_year, _years),
    st.builds(Period.day, st.dates(D(1990, 1, 1), D(2100, 12, 31))),
    st.builds(
        lambda a, n: Period.between(a, a + timedelta(days=n)),
        st.dates(D(1990, 1, 1), D(2100, 1, 1)),
        st.integers(0, 800),
    ),
    st.builds(
        lambda d: Period(start=None, end=d, precision=Precision.OPEN_START),
        st.dates(D(1990, 1, 1), D(2100, 12, 31)),
    ),
    st.builds(
        lambda d: Period(start=d, end=None, precision=Precision.OPEN_END),
        st.dates(D(1990, 1, 1), D(2100, 12, 31)),
    ),
)
_days = st.dates(D(1990, 1, 1), D(2100, 1, 1))
_month_starts = st.builds(D, _years, st.integers(1, 12), st.just(1))
#: Bounds at every precision a text gives: a day, the first day of a month, of a year.
_starts = st.one_of(_days, _month_starts, st.builds(D, _years, st.just(1), st.just(1)))


def _month_end(d: date) -> date:
    return D(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _year_span(a: date, n: int, approximate: bool) -> Period:
    end = a + timedelta(days=n)
    return Period(
        start=a,
        end=end,
        precision=Precision.APPROXIMATE if approximate else Precision.EXACT,
    )


#: Kinds the reader gives besides the named ones: open at a month or year, approximate spans
#: ("năm 2018 và 8 tháng đầu năm 2019", "từ năm 2016 đến nay" with a reference), undated.
WIDER = st.one_of(
    st.builds(lambda d: Period(start=d, precision=Precision.OPEN_END), _starts),
    st.builds(
        lambda d, label: Period(start=d, precision=Precision.OPEN_END, label=label),
        _starts,
        st.sampled_from(["từ năm 2016 đến nay", "kể từ tháng 3 tới nay"]),
    ),
    st.builds(lambda d: Period(end=_month_end(d), precision=Precision.OPEN_START), _month_starts),
    st.builds(
        lambda a, b, approx: _year_span(a, (_month_end(b) - a).days, approx) if b >= a else None,
        _starts,
        st.builds(D, st.integers(2020, 2100), st.integers(1, 12), st.just(1)),
        st.booleans(),
    ).filter(lambda p: p is not None),
    st.builds(_year_span, _starts, st.integers(0, 900), st.booleans()),
    st.builds(
        Period.undated,
        st.sampled_from(["những năm qua", "trong thời gian qua", "Thời gian qua"]),
        recurring=st.just(False),
    ),
    st.builds(
        lambda w: Period.undated(w, recurring=True), st.sampled_from(["Hằng năm", "hàng quý"])
    ),
    st.builds(
        lambda y, n: attrs.evolve(Period.years(y, y + n), precision=Precision.APPROXIMATE),
        _years,
        st.integers(0, 3),
    ),
)


def _in_words(p: Period) -> tuple[object, ...]:
    """The period as far as its words go: its dates, kinds and, with no dates, its label."""
    return (p.start, p.end, p.precision, p.convention, None if p.dated else p.label)


@given(WIDER, st.sampled_from(["vi", "en"]))
def test_every_kind_the_reader_gives_is_written_back(p: Period, language: str) -> None:
    """Format then parse gives back the same period, for every kind; no day is invented."""
    text = format_period(p)
    assert format_period(p, language)
    back = parse_period(text)
    assert _in_words(back) == _in_words(p)
    if p.start is not None and p.start.day == 1 and p.start.month == 1 and p.dated:
        assert f"01/01/{p.start.year}" not in text  # a start known to the year shows no day


@given(SUPPORTED, st.sampled_from(["vi", "en"]))
def test_format_then_parse_gives_the_period_back(p: Period, language: str) -> None:
    """For every supported kind, parsing the Vietnamese text gives the same period."""
    text = format_period(p)
    assert format_period(p, language)
    readable = (Convention.CALENDAR, Convention.REPORTING)
    conv = p.convention if p.convention in readable else Convention.CALENDAR
    back = parse_period(text, convention=conv)
    assert attrs.evolve(back, label=None) == attrs.evolve(p, label=None)
    assert back.label == text


@given(
    st.builds(Period.month, _years, st.integers(1, 12), convention=st.just("reporting")),
    st.sampled_from(["start", "end"]),
    st.booleans(),
)
def test_open_reporting_periods_are_written_at_their_month(
    month: Period, side: str, whole_year: bool
) -> None:
    """Under the reporting cut-offs an open bound on a month's cut-off day is that month."""
    if whole_year:
        assert month.start is not None
        month = Period.year(month.start.year + 1, convention="reporting")
    if side == "start":
        p = attrs.evolve(month, end=None, precision=Precision.OPEN_END, label=None)
    else:
        p = attrs.evolve(month, start=None, precision=Precision.OPEN_START, label=None)
    text = format_period(p)
    assert "ngày" not in text
    back = parse_period(text, convention="reporting")
    assert (back.start, back.end, back.precision) == (p.start, p.end, p.precision)


@pytest.mark.parametrize(
    ("precision", "message"),
    [
        (Precision.UNSPECIFIED, "an unspecified period has no dates"),
        (Precision.RECURRING, "a recurring period has no dates"),
    ],
)
def test_an_undated_period_message_reads_as_english(precision: Precision, message: str) -> None:
    """The article before the precision's name follows its first sound ("an unspecified")."""
    with pytest.raises(InvalidDataError, match=message):
        Period(precision=precision, start=date(2024, 1, 1), label="năm qua")
