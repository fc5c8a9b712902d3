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

from datetime import date
from enum import StrEnum
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import UnitType
from khuonha.model.fields import (
    ID_MAX,
    ID_PATTERN,
    SCHEMA,
    check_date,
    check_id,
    check_non_negative,
    id_field,
    ref_tuple,
    text_optional,
    tuple_of,
)
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields

__all__ = [
    "FACTS",
    "DivisionKind",
    "DivisionTally",
    "Evidence",
    "FactKind",
    "Measure",
    "Standing",
    "StandingCount",
    "SubunitTally",
]


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
    STANDING = "standing"
    """A collective's emulation title or task rating (a :class:`Standing`), or ``None``."""
    DIVISIONS = "divisions"
    """A unit's tallies of its own sub-units (:class:`DivisionTally`)."""


class Standing(StrEnum):
    """The emulation title or task rating of a collective (danh hiệu thi đua, mức xếp loại).

    TT 124 Điều 6.4–6.5 and 7.5–7.6 count a protection force or a sub-unit
    that holds the title "Tập thể lao động tiên tiến" or is rated "Hoàn thành
    tốt nhiệm vụ" or better; Điều 4.5 needs the grassroots security force
    rated "Hoàn thành nhiệm vụ" or better (the ratings of HD 01/HD-BCA-V05,
    whose slugs are those of :class:`~khuonha.TaskRating`). Which standings
    count is ruleset data, never code.
    """

    TAP_THE_LAO_DONG_XUAT_SAC = "tap_the_lao_dong_xuat_sac"
    """Title "Tập thể lao động xuất sắc"."""
    TAP_THE_LAO_DONG_TIEN_TIEN = "tap_the_lao_dong_tien_tien"
    """Title "Tập thể lao động tiên tiến"."""
    HOAN_THANH_XUAT_SAC = "hoan_thanh_xuat_sac"
    """Rated "Hoàn thành xuất sắc nhiệm vụ"."""
    HOAN_THANH_TOT = "hoan_thanh_tot"
    """Rated "Hoàn thành tốt nhiệm vụ"."""
    HOAN_THANH = "hoan_thanh"
    """Rated "Hoàn thành nhiệm vụ"."""
    KHONG_HOAN_THANH = "khong_hoan_thanh"
    """Rated "Không hoàn thành nhiệm vụ"."""


class DivisionKind(StrEnum):
    """A kind of a unit's own sub-unit (đầu mối trực thuộc), the denominator of a 70% rule.

    TT 124 Điều 6.5 counts an agency's or enterprise's phòng, ban, tổ and
    đội; Điều 7.6 a school's khoa, phòng, ban and tổ chuyên môn.
    """

    PHONG = "phong"
    """Phòng (department, office)."""
    BAN = "ban"
    """Ban (board, section)."""
    TO = "to"
    """Tổ (team)."""
    DOI = "doi"
    """Đội (squad)."""
    KHOA = "khoa"
    """Khoa (faculty)."""
    TO_CHUYEN_MON = "to_chuyen_mon"
    """Tổ chuyên môn (a school's subject group)."""


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


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class SubunitTally(Record):
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class StandingCount(Record):
    """How many sub-units of a :class:`DivisionTally` hold one standing."""

    standing: Standing
    count: int = attrs.field(validator=check_non_negative)


def _standings(
    inst: DivisionTally, attribute: attrs.Attribute[Any], value: tuple[StandingCount, ...]
) -> None:
    seen = [c.standing for c in value]
    if len(set(seen)) != len(seen):
        raise InvalidDataError("one count per standing", field=attribute.name)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class DivisionTally(Record):
    """A unit's own sub-units of one kind (đầu mối trực thuộc) and their standings in a cycle.

    ``total`` is how many there are; ``standings`` counts each sub-unit once,
    under the title or rating that qualifies it best (sub-units not counted
    there are unknown); ``disciplined`` is how many of their members were
    disciplined at "cảnh cáo" (warning) or above. ``None`` means not known.

    >>> t = DivisionTally(kind=DivisionKind.PHONG, total=5, standings=(
    ...     StandingCount(standing=Standing.HOAN_THANH_TOT, count=3),), disciplined=0)
    >>> t.counted((Standing.HOAN_THANH_TOT,)), t.unrated
    (3, 2)
    """

    kind: DivisionKind
    total: int | None = attrs.field(default=None, validator=check_non_negative)
    standings: tuple[StandingCount, ...] = tuple_of(StandingCount, validator=_standings)
    disciplined: int | None = attrs.field(default=None, validator=check_non_negative)

    def __attrs_post_init__(self) -> None:
        rated = sum(c.count for c in self.standings)
        if self.total is not None and rated > self.total:
            raise InvalidDataError(
                f"standings count {rated} sub-units, more than total ({self.total})",
                field="standings",
            )

    def counted(self, standings: tuple[Standing, ...]) -> int:
        """How many sub-units hold one of *standings*."""
        return sum(c.count for c in self.standings if c.standing in standings)

    @property
    def unrated(self) -> int:
        """Sub-units whose standing is not reported (0 when ``total`` is unknown)."""
        if self.total is None:
            return 0
        return self.total - sum(c.count for c in self.standings)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Measure(Record):
    """A named number a province's criterion may test (``measure:<key>`` in a ruleset)."""

    key: str = id_field()
    value: int | float = attrs.field()

    @value.validator
    def _check(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) not in (int, float) or value != value:  # noqa: PLR0124 - NaN
            raise InvalidDataError(f"expected a number, got {value!r:.40}", field=attribute.name)
        if type(value) is float and value in (float("inf"), float("-inf")):  # JSON has no infinity
            raise InvalidDataError(
                f"expected a finite number, got {value!r:.40}", field=attribute.name
            )


def _count() -> Any:
    return attrs.field(default=None, validator=check_non_negative)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Evidence(Record):
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
    # TT 124 Điều 4.4 points b–d, 4.5, 6.4–6.5, 7.4–7.6.
    incidents: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=_codes,
        validator=_check_codes,
        metadata={SCHEMA: {"items": {"pattern": ID_PATTERN, "maxLength": ID_MAX}}},
    )
    """Codes of the Điều 4.4 events that occurred ("b" serious crime not handled in time,
    "c" a new hotspot or person with a social evil, "d" serious fire, fatal accident)."""
    security_force_rating: Standing | None = None
    """The rating of the grassroots security force (Tổ bảo vệ ANTT, HD 01/HD-BCA-V05)."""
    security_force_disciplined: int | None = _count()
    """Members of the grassroots security force disciplined for a violation."""
    has_protection_force: bool | None = None
    """Whether the agency, enterprise or school has its own protection force."""
    protection_force_standing: Standing | None = None
    """The title or rating of the unit's protection force (lực lượng bảo vệ)."""
    protection_force_disciplined: int | None = _count()
    """Members of the protection force disciplined at "cảnh cáo" or above."""
    emulation_eligible: bool | None = None
    """Whether the unit may be reviewed for emulation titles (đủ điều kiện bình xét thi đua)."""
    divisions: tuple[DivisionTally, ...] | None = attrs.field(default=None, converter=_codes)
    """The unit's own sub-units (phòng, ban, tổ, đội; khoa, tổ chuyên môn), one tally per kind."""
    staff_offences: int | None = _count()
    """Staff, teachers or learners who committed a crime, or were disciplined at
    "cảnh cáo" or above for a social evil (Điều 7.4)."""
    # TT 124 Điều 9: the dossier and its dates.
    documents: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=_codes,
        validator=_check_codes,
        metadata={SCHEMA: {"items": {"pattern": ID_PATTERN, "maxLength": ID_MAX}}},
    )
    """Ids of the dossier documents the unit has (the ruleset's procedure lists them)."""
    dossier_submitted_on: date | None = attrs.field(default=None, validator=check_date)
    """The day the recognition dossier was sent to the assessing body."""
    recognised_on: date | None = attrs.field(default=None, validator=check_date)
    """The day recognition was decided."""
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
        if self.divisions is not None:
            if not isinstance(self.divisions, tuple) or not all(
                isinstance(d, DivisionTally) for d in self.divisions
            ):
                raise InvalidDataError("expected a list of DivisionTally", field="divisions")
            kinds = [d.kind for d in self.divisions]
            if len(set(kinds)) != len(kinds):
                raise InvalidDataError("one tally per kind of sub-unit", field="divisions")
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
    "incidents": FactKind.CODES,
    "security_force_rating": FactKind.STANDING,
    "security_force_disciplined": FactKind.COUNT,
    "has_protection_force": FactKind.FLAG,
    "protection_force_standing": FactKind.STANDING,
    "protection_force_disciplined": FactKind.COUNT,
    "emulation_eligible": FactKind.FLAG,
    "divisions": FactKind.DIVISIONS,
    "staff_offences": FactKind.COUNT,
    "documents": FactKind.CODES,
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
