"""Tests of the calendars: assessment windows, school years, the Ngày hội, campaigns, cut-offs."""

from __future__ import annotations

from datetime import date

import pytest

import khuonha
from khuonha import Convention, Precision
from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import UnitType
from khuonha.rules.windows import ASSESSMENT_RULES, AssessmentRule
from khuonha.text.calendars import (
    CAND,
    CampaignWindow,
    DayOfYear,
    Festival,
    SchoolYearWindow,
    anniversary_label,
    festival_dates,
    school_year,
)
from khuonha.text.reporting import REPORTING_CUTOFF

D = date


@pytest.mark.parametrize(
    ("unit_type", "cycle", "basis", "start", "end"),
    [
        ("khu_dan_cu", 2022, "124/2021/TT-BCA", D(2021, 11, 1), D(2022, 10, 31)),
        (UnitType.XA, 2022, "124/2021/TT-BCA", D(2021, 11, 16), D(2022, 11, 15)),
        (UnitType.CO_QUAN, 2023, None, D(2022, 11, 16), D(2023, 11, 15)),
        ("doanh_nghiep", 2024, "TT 124/2021", D(2023, 11, 16), D(2024, 11, 15)),
        ("co_so_giao_duc", 2022, None, D(2021, 11, 16), D(2022, 11, 15)),
        ("khu_dan_cu", 2021, "23/2012/TT-BCA", D(2020, 10, 31), D(2021, 10, 31)),
        ("xa", 2021, None, D(2020, 11, 30), D(2021, 11, 30)),
        ("co_so_giao_duc", 2020, "23/2012/TT-BCA", D(2019, 6, 1), D(2020, 5, 31)),
    ],
)
def test_assessment_windows(
    unit_type: object, cycle: int, basis: str | None, start: date, end: date
) -> None:
    """Windows follow TT 124 Điều 8.2 and TT 23 Điều 9.2; the result is an assessment period."""
    p = khuonha.assessment_window(unit_type, cycle, basis)
    assert (p.start, p.end) == (start, end)
    assert p.convention is Convention.ASSESSMENT


def test_default_basis_is_the_one_in_force_at_the_end_of_the_cycle() -> None:
    """Without a basis: TT 23 for cycles ending before 10/02/2022, TT 124 after."""
    assert "23/2012/TT-BCA" in (khuonha.assessment_window("khu_dan_cu", 2021).label or "")
    assert "124/2021/TT-BCA" in (khuonha.assessment_window("khu_dan_cu", 2022).label or "")


def test_tt23_school_window_is_approximate() -> None:
    """TT 23's school window rests on the unverified school-year end, so it is approximate."""
    p = khuonha.assessment_window("co_so_giao_duc", 2021, "23/2012/TT-BCA")
    assert p.precision is Precision.APPROXIMATE


@pytest.mark.parametrize(
    ("unit_type", "cycle", "basis"),
    [
        ("thon", 2022, None),
        (3, 2022, None),
        ("xa", 2022, "48/2025/TT-BCA"),
        ("xa", "2022", None),
        ("xa", 1850, None),
    ],
)
def test_assessment_window_errors(unit_type: object, cycle: object, basis: str | None) -> None:
    """Unknown unit types, bases and cycles raise InvalidDataError."""
    with pytest.raises(InvalidDataError):
        khuonha.assessment_window(unit_type, cycle, basis)  # type: ignore[arg-type]


def test_assessment_rules_are_configurable() -> None:
    """Passing other rules changes the window (rules are data)."""
    rule = AssessmentRule(
        basis="1/2030/TT-BCA",
        unit_type="xa",
        start=DayOfYear(1, 1),
        end=DayOfYear(31, 12),
        start_previous_year=False,
    )
    p = khuonha.assessment_window(
        "xa", 2030, rules=(*ASSESSMENT_RULES, rule), basis="1/2030/TT-BCA"
    )
    assert (p.start, p.end) == (D(2030, 1, 1), D(2030, 12, 31))


def test_day_of_year() -> None:
    """29/2 falls back to 28/2 in common years; impossible days are refused."""
    assert DayOfYear(29, 2).in_year(2023) == D(2023, 2, 28)
    assert DayOfYear(29, 2).in_year(2024) == D(2024, 2, 29)
    with pytest.raises(InvalidDataError):
        DayOfYear(31, 4)


def test_school_year_window_is_configurable() -> None:
    """The default school year is 1/9 → 31/5; another window can be passed."""
    assert (school_year(2021).start, school_year(2021).end) == (D(2021, 9, 1), D(2022, 5, 31))
    w = SchoolYearWindow(start=DayOfYear(5, 9), end=DayOfYear(31, 5))
    assert school_year(2021, window=w).start == D(2021, 9, 5)
    assert school_year(2021).convention is Convention.SCHOOL_YEAR


def test_reporting_cutoff() -> None:
    """NĐ 09 cut-offs: the year 2022 runs 15/12/2021 – 14/12/2022."""
    assert REPORTING_CUTOFF.span((2022, 1), (2022, 12)) == (D(2021, 12, 15), D(2022, 12, 14))
    assert REPORTING_CUTOFF.span((2022, 7), (2022, 9)) == (D(2022, 6, 15), D(2022, 9, 14))


def test_festival_dates_and_anniversaries() -> None:
    """The Ngày hội is 19/8 each year since 2005; 2022 is the 17th, CAND's 77th."""
    assert khuonha.festival_date(2022) == D(2022, 8, 19)
    assert khuonha.festival_anniversary(2022) == 17
    assert khuonha.festival_anniversary(D(2023, 8, 19)) == 18
    assert khuonha.festival_anniversary(2022, festival=CAND) == 77
    days = list(festival_dates(until=D(2007, 12, 31)))
    assert days == [D(2005, 8, 19), D(2006, 8, 19), D(2007, 8, 19)]
    with pytest.raises(InvalidDataError):
        khuonha.festival_date(2004)


def test_anniversary_label() -> None:
    """Articles print the span from the founding date to this year's day."""
    assert khuonha.anniversary_label(2022) == (
        "kỷ niệm 17 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2022)"
    )
    assert anniversary_label(2021, language="en").startswith("16th anniversary")
    assert anniversary_label(2006, language="en").startswith("1st anniversary")
    assert anniversary_label(2016, language="en").startswith("11th anniversary")


def test_other_festival() -> None:
    """A festival is data: another day and first year work the same way."""
    f = Festival(name="Ngày thử", day=DayOfYear(1, 3), first_year=2020)
    assert khuonha.festival_date(2024, festival=f) == D(2024, 3, 1)
    assert khuonha.festival_anniversary(2024, festival=f) == 4


def test_campaign_windows() -> None:
    """2022: KH 333/KH-BCĐ set 1/8 – 20/8; unknown years give None; windows are data."""
    p = khuonha.campaign_window(2022)
    assert p is not None
    assert (p.start, p.end) == (D(2022, 8, 1), D(2022, 8, 20))
    assert D(2022, 8, 10) in p
    assert khuonha.campaign_window(2019) is None
    extra = CampaignWindow(year=2023, start=D(2023, 7, 1), end=D(2023, 8, 31), plan="1/KH-X")
    other = khuonha.campaign_window(2023, windows=(extra,))
    assert other is not None
    assert other.label == "Kế hoạch 1/KH-X"
