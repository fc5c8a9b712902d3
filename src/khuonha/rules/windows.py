"""Assessment windows of the certification cycles (mốc thời gian đánh giá), kept as data.

Each legal basis sets, per unit type, the window a cycle is judged on
(TT 124/2021/TT-BCA Điều 8.2; TT 23/2012/TT-BCA Điều 9.2). A new regulation is
a new :class:`AssessmentRule`, not new code:

>>> window = assessment_window("khu_dan_cu", 2022)
>>> window.start, window.end, window.convention.value
(datetime.date(2021, 11, 1), datetime.date(2022, 10, 31), 'assessment')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model import UnitType
from khuonha.text import Convention, DayOfYear, Period, Precision, match_key

__all__ = ["ASSESSMENT_RULES", "AssessmentRule", "assessment_window"]


@attrs.frozen(kw_only=True)
class AssessmentRule:
    """The assessment window of one unit type under one legal basis.

    The window of cycle ``Y`` runs from ``start`` in year ``Y - 1`` (or in
    ``Y`` when ``start_previous_year`` is false) to ``end`` in year ``Y``.
    """

    basis: str
    """Document number, e.g. "124/2021/TT-BCA"."""
    unit_type: str
    """A :class:`khuonha.model.certification.UnitType` slug."""
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

    *unit_type* is a :class:`~khuonha.model.certification.UnitType` or its slug,
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
