"""Evidence (số liệu, tài liệu chứng minh): what a unit reports for one assessment cycle.

This module is deliberately light (no rule engine, no ruleset loading), so
:mod:`khuonha.model.dataset` can carry evidence records cheaply.

Every fact is optional and ``None`` means *not known*: a criterion whose
evidence is missing is ``unknown``, never ``not_met``. An empty list is a
known fact ("no prohibited event occurred"), ``None`` is not.

>>> ev = Evidence(unit="thon-1", cycle=2022, resolution_in_q1=True, households=120,
...               households_registered=120, prohibited_events=())
>>> ev.fact("households_registered"), ev.fact("crimes")
(120, None)
"""

from __future__ import annotations

from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import UnitType
from khuonha.model.fields import (
    ID_MAX,
    ID_PATTERN,
    SCHEMA,
    check_id,
    check_non_negative,
    id_field,
    ref_tuple,
    text_optional,
    tuple_of,
)

__all__ = ["FACTS", "Evidence", "FactKind", "Measure", "SubunitTally"]


class FactKind:
    """The kinds of fact a check can test (plain strings, used in :data:`FACTS`)."""

    FLAG = "flag"
    """``True``/``False``/``None``."""
    COUNT = "count"
    """An integer ≥ 0 or ``None``."""
    CODES = "codes"
    """A list of short codes, or ``None`` when not known."""
    SUBUNITS = "subunits"
    """The commune's tallies of managed units."""
    MEASURE = "measure"
    """A named number in :attr:`Evidence.measures` (``measure:<key>``)."""
    CONFIRMED = "confirmed"
    """A criterion the assessing body recorded as met or not met."""
    UNIT = "unit"
    """A property of the assessed unit record (``education_level`` …)."""


def _check_year(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1990 <= value <= 2200:
        raise InvalidDataError(f"expected a cycle year, got {value!r:.40}", field=attribute.name)


def _check_codes(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, tuple):
        raise InvalidDataError(f"expected a list of codes, got {value!r:.60}", field=attribute.name)
    for item in value:
        check_id(_inst, attribute, item)


def _codes(value: object) -> object:
    if isinstance(value, list):
        return tuple(value)
    return value


@attrs.frozen(kw_only=True)
class SubunitTally:
    """How many units of one type a commune manages, registered and recognised.

    ``total``, ``registered`` and ``recognised`` are ``None`` when not known;
    ``registration_unknown`` and ``recognition_unknown`` count units whose
    status is not known yet (they may still turn out either way).

    >>> SubunitTally(unit_type=UnitType.KHU_DAN_CU, total=10, registered=10, recognised=7)
    SubunitTally(unit_type=<UnitType.KHU_DAN_CU: 'khu_dan_cu'>, total=10, registered=10, recognised=7, registration_unknown=0, recognition_unknown=0)
    """  # noqa: E501

    unit_type: UnitType
    total: int | None = attrs.field(default=None, validator=check_non_negative)
    registered: int | None = attrs.field(default=None, validator=check_non_negative)
    recognised: int | None = attrs.field(default=None, validator=check_non_negative)
    registration_unknown: int = attrs.field(default=0, validator=check_non_negative)
    recognition_unknown: int = attrs.field(default=0, validator=check_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.total is None:
            return
        for name in ("registered", "recognised"):
            value = getattr(self, name)
            if value is not None and value > self.total:
                raise InvalidDataError(
                    f"{name} ({value}) must not exceed total ({self.total})", field=name
                )


@attrs.frozen(kw_only=True)
class Measure:
    """A named number a province's criterion may test (``measure:<key>`` in a ruleset)."""

    key: str = id_field()
    value: int | float = attrs.field()

    @value.validator
    def _check(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) not in (int, float) or value != value:  # noqa: PLR0124 - NaN
            raise InvalidDataError(f"expected a number, got {value!r:.40}", field=attribute.name)


def _count() -> Any:
    return attrs.field(default=None, validator=check_non_negative)


@attrs.frozen(kw_only=True)
class Evidence:
    """What one unit reports for one cycle (số liệu đánh giá "An toàn về ANTT").

    - ``unit``: id of the assessed record (a residential area, an organisation,
      or a commune-level administrative unit);
    - ``cycle``: the year assessed (its window comes from the legal basis);
    - ``unit_type``: only when it cannot be read from the unit record;
    - the facts below, each ``None`` when not known;
    - ``confirmed`` / ``refuted``: ids of criteria the assessing body recorded
      as met / not met directly (clauses whose content is unverified, and a
      province's own criteria, are usually checked this way);
    - ``measures``: named numbers for a province's own criteria.
    """

    unit: str = id_field()
    cycle: int = attrs.field(
        validator=_check_year, metadata={SCHEMA: {"minimum": 1990, "maximum": 2200}}
    )
    unit_type: UnitType | None = None
    # Quarter I: resolution, plan and registration (Điều 4.1, 5.1, 6.1).
    resolution_in_q1: bool | None = None
    """The Party cell / committee adopted its resolution in quarter I."""
    plan_in_q1: bool | None = None
    """The unit adopted its ANTT plan in quarter I (communes, agencies, enterprises, schools)."""
    registered_in_q1: bool | None = None
    """The unit registered for the movement (đăng ký) in quarter I."""
    has_party_organization: bool | None = None
    """Whether the agency or enterprise has a Party organisation at all."""
    households: int | None = _count()
    """Households currently residing (defaults to the residential area's count)."""
    households_registered: int | None = _count()
    laws_implemented: bool | None = None
    """Party guidelines, State law and local ANTT rules fully implemented."""
    prohibited_events: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=_codes,
        validator=_check_codes,
        metadata={SCHEMA: {"items": {"pattern": ID_PATTERN, "maxLength": ID_MAX}}},
    )
    """Codes of the prohibited events that occurred (Điều 4.3 points: "a", "b", … "dd" for đ)."""
    crimes: int | None = _count()
    crimes_previous: int | None = _count()
    social_evils: int | None = _count()
    social_evils_previous: int | None = _count()
    models_operating: int | None = _count()
    """Movement models (mô hình) operating effectively."""
    police_advising: bool | None = None
    """The commune police track the situation and advise the commune."""
    police_rated_advanced: bool | None = None
    """Commune police and guards rated "Đơn vị tiên tiến" or better (TT 23)."""
    officers_disciplined: int | None = _count()
    internal_rules: bool | None = None
    """Internal rules on protection, secrets, safety, fire and environment in place."""
    staff: int | None = _count()
    staff_briefed: int | None = _count()
    commitments_due: int | None = _count()
    """Staff, teachers and learners who must sign a commitment (TT 23 schools)."""
    commitments_signed: int | None = _count()
    parents_coordination: bool | None = None
    school_violence_cases: int | None = _count()
    staff_completing_tasks: bool | None = None
    subunits: tuple[SubunitTally, ...] | None = attrs.field(default=None, converter=_codes)
    """A commune's tallies; ``None`` lets :func:`khuonha.assess_dataset` count the records."""
    confirmed: tuple[str, ...] = ref_tuple()
    refuted: tuple[str, ...] = ref_tuple()
    measures: tuple[Measure, ...] = tuple_of(Measure)
    sources: tuple[str, ...] = ref_tuple()
    note: str | None = text_optional()

    def fact(self, name: str) -> Any:
        """The value of fact *name* (``measure:<key>`` reads :attr:`measures`)."""
        if name.startswith("measure:"):
            key = name[8:]
            for m in self.measures:
                if m.key == key:
                    return m.value
            return None
        return getattr(self, name)

    def __attrs_post_init__(self) -> None:
        if self.subunits is not None:
            if not isinstance(self.subunits, tuple) or not all(
                isinstance(s, SubunitTally) for s in self.subunits
            ):
                raise InvalidDataError("expected a list of SubunitTally", field="subunits")
            types = [s.unit_type for s in self.subunits]
            if len(set(types)) != len(types):
                raise InvalidDataError("one tally per unit type", field="subunits")
        both = set(self.confirmed) & set(self.refuted)
        if both:
            raise InvalidDataError(
                f"criteria both confirmed and refuted: {', '.join(sorted(both))}",
                field="refuted",
            )
        for low, high in (
            ("households_registered", "households"),
            ("staff_briefed", "staff"),
            ("commitments_signed", "commitments_due"),
        ):
            part, whole = getattr(self, low), getattr(self, high)
            if part is not None and whole is not None and part > whole:
                raise InvalidDataError(
                    f"{low} ({part}) must not exceed {high} ({whole})", field=low
                )


#: Every fact a ruleset check may name, with its kind.
FACTS: dict[str, str] = {
    "resolution_in_q1": FactKind.FLAG,
    "plan_in_q1": FactKind.FLAG,
    "registered_in_q1": FactKind.FLAG,
    "has_party_organization": FactKind.FLAG,
    "households": FactKind.COUNT,
    "households_registered": FactKind.COUNT,
    "laws_implemented": FactKind.FLAG,
    "prohibited_events": FactKind.CODES,
    "crimes": FactKind.COUNT,
    "crimes_previous": FactKind.COUNT,
    "social_evils": FactKind.COUNT,
    "social_evils_previous": FactKind.COUNT,
    "models_operating": FactKind.COUNT,
    "police_advising": FactKind.FLAG,
    "police_rated_advanced": FactKind.FLAG,
    "officers_disciplined": FactKind.COUNT,
    "internal_rules": FactKind.FLAG,
    "staff": FactKind.COUNT,
    "staff_briefed": FactKind.COUNT,
    "commitments_due": FactKind.COUNT,
    "commitments_signed": FactKind.COUNT,
    "parents_coordination": FactKind.FLAG,
    "school_violence_cases": FactKind.COUNT,
    "staff_completing_tasks": FactKind.FLAG,
    "subunits": FactKind.SUBUNITS,
    # Properties of the unit record, usable in conditions.
    "education_level": FactKind.UNIT,
    "enterprise_size": FactKind.UNIT,
    "organization_kind": FactKind.UNIT,
}


def fact_kind(name: str) -> str | None:
    """The kind of fact *name*, or ``None`` when no such fact exists."""
    if name.startswith("measure:"):
        key = name[8:]
        return FactKind.MEASURE if key and _is_id(key) else None
    return FACTS.get(name)


def _is_id(value: str) -> bool:
    try:
        check_id(None, _ID_ATTR, value)
    except InvalidDataError:
        return False
    return True


_ID_ATTR: Any = attrs.fields(Measure).key
