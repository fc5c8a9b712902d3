"""Calendars of the movement, kept as data: assessment windows, school years,
the Ngày hội toàn dân bảo vệ an ninh Tổ quốc, campaign windows and the
reporting cut-offs of Nghị định 09/2019/NĐ-CP.

Every date rule here comes from a cited document and lives in a small record,
so a new regulation (or a province's own plan) is new data, not new code:

>>> window = assessment_window("khu_dan_cu", 2022)
>>> window.start, window.end, window.convention.value
(datetime.date(2021, 11, 1), datetime.date(2022, 10, 31), 'assessment')
>>> festival_anniversary(2022)
17
>>> campaign_window(2022).start
datetime.date(2022, 8, 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import attrs

from khuonha._calendar_days import DayOfYear
from khuonha._festivals import (
    CAMPAIGN_WINDOWS,
    CAND,
    FESTIVAL,
    CampaignWindow,
    Festival,
    anniversary_label,
    campaign_window,
    festival_anniversary,
    festival_date,
    festival_dates,
)
from khuonha._text import match_key
from khuonha.exceptions import InvalidDataError
from khuonha.periods import Convention, Period, Precision

__all__ = [
    "ASSESSMENT_RULES",
    "CAMPAIGN_WINDOWS",
    "CAND",
    "FESTIVAL",
    "REPORTING_CUTOFF",
    "SCHOOL_YEAR",
    "AssessmentRule",
    "CampaignWindow",
    "DayOfYear",
    "Festival",
    "ReportingCutoff",
    "SchoolYearWindow",
    "anniversary_label",
    "assessment_window",
    "campaign_window",
    "festival_anniversary",
    "festival_date",
    "festival_dates",
    "school_year",
]


# ---------------------------------------------------------------- assessment cycles


@attrs.frozen(kw_only=True)
class AssessmentRule:
    """The assessment window of one unit type under one legal basis.

    The window of cycle ``Y`` runs from ``start`` in year ``Y - 1`` (or in
    ``Y`` when ``start_previous_year`` is false) to ``end`` in year ``Y``.
    """

    basis: str
    """Document number, e.g. "124/2021/TT-BCA"."""
    unit_type: str
    """A :class:`khuonha.certification.UnitType` slug."""
    start: DayOfYear
    end: DayOfYear
    start_previous_year: bool = True
    in_force_from: date | None = None
    in_force_until: date | None = None
    source: str = ""
    precision: Precision = Precision.EXACT


_TT124 = "124/2021/TT-BCA"
_TT23 = "23/2012/TT-BCA"
_TT124_FROM = date(2022, 2, 10)
_TT23_UNTIL = date(2022, 2, 9)
_TT124_SOURCE = "TT 124/2021/TT-BCA Điều 8.2"
_TT23_SOURCE = "TT 23/2012/TT-BCA Điều 9.2"


def _tt124(unit_type: str, start: DayOfYear, end: DayOfYear) -> AssessmentRule:
    return AssessmentRule(
        basis=_TT124,
        unit_type=unit_type,
        start=start,
        end=end,
        in_force_from=_TT124_FROM,
        source=_TT124_SOURCE,
    )


def _tt23(
    unit_type: str, start: DayOfYear, end: DayOfYear, precision: Precision = Precision.EXACT
) -> AssessmentRule:
    return AssessmentRule(
        basis=_TT23,
        unit_type=unit_type,
        start=start,
        end=end,
        in_force_until=_TT23_UNTIL,
        source=_TT23_SOURCE,
        precision=precision,
    )


#: The built-in windows. TT 23 states "từ 31/10 năm trước đến 31/10" (and 30/11
#: for communes, agencies and enterprises): both ends are kept as written.
#: Its schools ran from one school-year review to the next; the school-year end
#: is unverified, so that window follows :data:`SCHOOL_YEAR` and is approximate.
ASSESSMENT_RULES: tuple[AssessmentRule, ...] = (
    _tt124("khu_dan_cu", DayOfYear(1, 11), DayOfYear(31, 10)),
    _tt124("xa", DayOfYear(16, 11), DayOfYear(15, 11)),
    _tt124("co_quan", DayOfYear(16, 11), DayOfYear(15, 11)),
    _tt124("doanh_nghiep", DayOfYear(16, 11), DayOfYear(15, 11)),
    _tt124("co_so_giao_duc", DayOfYear(16, 11), DayOfYear(15, 11)),
    _tt23("khu_dan_cu", DayOfYear(31, 10), DayOfYear(31, 10)),
    _tt23("xa", DayOfYear(30, 11), DayOfYear(30, 11)),
    _tt23("co_quan", DayOfYear(30, 11), DayOfYear(30, 11)),
    _tt23("doanh_nghiep", DayOfYear(30, 11), DayOfYear(30, 11)),
    _tt23("co_so_giao_duc", DayOfYear(1, 6), DayOfYear(31, 5), precision=Precision.APPROXIMATE),
)


_DOC_NUMBER = re.compile(r"([0-9]+)\s*/\s*([0-9]{4})")


def _basis_key(basis: str) -> str:
    """Key of a document number: "124/2021/TT-BCA" and "TT 124/2021" share one."""
    found = _DOC_NUMBER.search(basis)
    if found is not None:
        return f"{int(found.group(1))}/{found.group(2)}"
    return match_key(basis, diacritics=False)


def _unit_slug(unit_type: object) -> str:
    from khuonha.certification import UnitType  # noqa: PLC0415

    if isinstance(unit_type, str) and unit_type in UnitType.__members__.values():
        return UnitType(unit_type).value
    known = ", ".join(u.value for u in UnitType)
    raise InvalidDataError(
        f"unknown unit type {unit_type!r:.60}; expected one of {known}",
        field="unit_type",
        code="unknown_unit_type",
    )


def assessment_window(
    unit_type: object,
    cycle: int,
    basis: str | None = None,
    *,
    rules: Iterable[AssessmentRule] = ASSESSMENT_RULES,
) -> Period:
    """The window a certification cycle is judged on (mốc thời gian đánh giá).

    *unit_type* is a :class:`~khuonha.certification.UnitType` or its slug,
    *cycle* the year assessed, *basis* the document number ("124/2021/TT-BCA"
    or "23/2012/TT-BCA"; "TT 124/2021" works too). Without a basis, the one
    in force on the last day of the cycle is used (TT 124 from 10/02/2022).
    Pass *rules* to use other windows. The result has convention
    ``assessment``.

    >>> p = assessment_window("xa", 2022)
    >>> p.start, p.end
    (datetime.date(2021, 11, 16), datetime.date(2022, 11, 15))
    >>> assessment_window("khu_dan_cu", 2021).end
    datetime.date(2021, 10, 31)
    >>> assessment_window("khu_dan_cu", 2021).label
    'chu kỳ 2021 (23/2012/TT-BCA)'
    """
    slug = _unit_slug(unit_type)
    if type(cycle) is not int or not 1900 <= cycle <= 9998:
        raise InvalidDataError(f"expected a cycle year, got {cycle!r:.40}", field="cycle")
    candidates = [r for r in rules if r.unit_type == slug]
    if basis is not None:
        wanted = _basis_key(basis)
        candidates = [r for r in candidates if _basis_key(r.basis) == wanted]
        if not candidates:
            raise InvalidDataError(
                f"no assessment window for {slug} under {basis!r:.60}",
                field="basis",
                code="unknown_legal_basis",
            )
        rule = candidates[0]
    else:
        rule = _rule_in_force(candidates, slug, cycle)
    start_year = cycle - 1 if rule.start_previous_year else cycle
    return Period(
        start=rule.start.in_year(start_year),
        end=rule.end.in_year(cycle),
        precision=rule.precision,
        label=f"chu kỳ {cycle} ({rule.basis})",
        convention=Convention.ASSESSMENT,
    )


def _rule_in_force(rules: list[AssessmentRule], slug: str, cycle: int) -> AssessmentRule:
    for rule in rules:
        last_day = rule.end.in_year(cycle)
        if rule.in_force_from is not None and last_day < rule.in_force_from:
            continue
        if rule.in_force_until is not None and last_day > rule.in_force_until:
            continue
        return rule
    raise InvalidDataError(
        f"no assessment window for {slug} in force at the end of cycle {cycle}",
        field="cycle",
        code="no_basis_in_force",
    )


# ---------------------------------------------------------------- school years


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


def school_year(first_year: int, *, window: SchoolYearWindow | None = None) -> Period:
    """The school year that starts in *first_year* ("năm học 2021-2022").

    >>> p = school_year(2021)
    >>> p.start, p.end, p.label
    (datetime.date(2021, 9, 1), datetime.date(2022, 5, 31), 'năm học 2021 – 2022')
    """
    w = window or SCHOOL_YEAR
    return Period(
        start=w.start.in_year(first_year),
        end=w.end.in_year(first_year + 1),
        precision=Precision.APPROXIMATE,
        label=f"năm học {first_year} – {first_year + 1}",
        convention=Convention.SCHOOL_YEAR,
    )


# ---------------------------------------------------------------- reporting cut-offs


@attrs.frozen(kw_only=True)
class ReportingCutoff:
    """Data cut-offs of periodic reports (NĐ 09/2019/NĐ-CP; article believed Điều 12).

    A report on the months M1 … M2 covers data from day ``start_day`` of the
    month before M1 to day ``end_day`` of M2: the year 2022 is 15/12/2021 to
    14/12/2022, quarter III is 15/6 to 14/9.
    """

    start_day: int = 15
    end_day: int = 14
    source: str = "Nghị định 09/2019/NĐ-CP"

    def span(self, first: tuple[int, int], last: tuple[int, int]) -> tuple[date, date]:
        """Start and end dates of a report on months *first* … *last* (year, month)."""
        year, month = first
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return date(year, month, self.start_day), date(last[0], last[1], self.end_day)


#: The cut-offs used by the ``reporting`` convention.
REPORTING_CUTOFF = ReportingCutoff()
