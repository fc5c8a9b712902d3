"""Ruleset models: criteria, checks, exclusions (bộ tiêu chí), decoded from package data.

A ruleset is data: one JSON file per legal basis under ``khuonha/rulesets``,
decoded by the strict codec, so a malformed ruleset fails with a JSON path.
An amendment is a ruleset that ``extends`` another and overrides or removes
clauses by criterion id; no code changes.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import UnitType
from khuonha.model.evidence import DivisionKind, FactKind, Standing, fact_kind
from khuonha.model.fields import (
    SCHEMA,
    check_date,
    id_field,
    ref_tuple,
    text,
    text_optional,
    text_tuple,
    tuple_of,
)
from khuonha.model.people import EducationLevel, EnterpriseSize, OrganizationKind
from khuonha.text.language import with_article

__all__ = [
    "Authority",
    "AuthorityLevel",
    "Check",
    "CheckKind",
    "Condition",
    "Criterion",
    "Deadline",
    "Dossier",
    "DossierDocument",
    "DossierStage",
    "Exclusion",
    "Include",
    "Procedure",
    "Ruleset",
]


class CheckKind(StrEnum):
    """What a check tests; each criterion holds one or more checks, all of which must pass."""

    TRUE = "true"
    """A flag fact is true."""
    AT_LEAST = "at_least"
    """A count (or measure) is at least ``value``."""
    AT_MOST = "at_most"
    """A count (or measure) is at most ``value``."""
    SHARE = "share"
    """``fact`` / ``of`` is at least ``value`` (a fraction); required = ceil(value × of)."""
    NO_INCREASE = "no_increase"
    """``fact`` (this cycle) is not above ``of`` (the previous cycle)."""
    NONE_OF = "none_of"
    """A list fact is empty: none of the listed events occurred."""
    REGISTERED_SHARE = "registered_share"
    """Share of the commune's managed units (of ``unit_types``) that registered."""
    RECOGNISED_SHARE = "recognised_share"
    """Share of the commune's managed units (of ``unit_types``) recognised."""
    CONFIRMED = "confirmed"
    """The assessing body recorded the criterion as met (``Evidence.confirmed``)."""
    RATED = "rated"
    """A collective's standing (``fact``) is one of ``ratings``."""
    DIVISION_SHARE = "division_share"
    """Share of the unit's own sub-units of ``divisions`` holding one of ``ratings``,
    with none of their members disciplined."""


_NEEDS: dict[CheckKind, tuple[str, ...]] = {
    CheckKind.TRUE: (FactKind.FLAG,),
    CheckKind.AT_LEAST: (FactKind.COUNT, FactKind.MEASURE),
    CheckKind.AT_MOST: (FactKind.COUNT, FactKind.MEASURE),
    CheckKind.SHARE: (FactKind.COUNT, FactKind.MEASURE),
    CheckKind.NO_INCREASE: (FactKind.COUNT, FactKind.MEASURE),
    CheckKind.NONE_OF: (FactKind.CODES,),
    CheckKind.REGISTERED_SHARE: (FactKind.SUBUNITS,),
    CheckKind.RECOGNISED_SHARE: (FactKind.SUBUNITS,),
    CheckKind.CONFIRMED: (),
    CheckKind.RATED: (FactKind.STANDING,),
    CheckKind.DIVISION_SHARE: (FactKind.DIVISIONS,),
}
_WITH_VALUE = {
    CheckKind.AT_LEAST,
    CheckKind.AT_MOST,
    CheckKind.SHARE,
    CheckKind.REGISTERED_SHARE,
    CheckKind.RECOGNISED_SHARE,
    CheckKind.DIVISION_SHARE,
}
_WITH_OF = {CheckKind.SHARE, CheckKind.NO_INCREASE}
_SHARES = {
    CheckKind.SHARE,
    CheckKind.REGISTERED_SHARE,
    CheckKind.RECOGNISED_SHARE,
    CheckKind.DIVISION_SHARE,
}
_WITH_RATINGS = {CheckKind.RATED, CheckKind.DIVISION_SHARE}


@attrs.frozen(kw_only=True)
class Condition:
    """When a check applies: ``fact`` is true, or its value is one of ``one_of``.

    A check whose condition is false is ``not_applicable`` ("where a Party
    organisation exists"); when the condition's fact is unknown, a passing
    check still passes and a failing one is ``unknown``.
    """

    fact: str = text()
    one_of: tuple[str, ...] = text_tuple()

    def __attrs_post_init__(self) -> None:
        kind = fact_kind(self.fact)
        if kind not in (FactKind.FLAG, FactKind.UNIT):
            raise InvalidDataError(
                f"a condition tests a flag or a unit property, got {self.fact!r:.60}",
                field="fact",
            )
        if kind == FactKind.UNIT and not self.one_of:
            raise InvalidDataError(f"{self.fact} needs one_of values", field="one_of")


@attrs.frozen(kw_only=True)
class Check:
    """One test on the evidence (see :class:`CheckKind`).

    ``label`` / ``label_vi`` name the fact in the English / Vietnamese
    reasons ("households registered" / "hộ gia đình đăng ký"); ``points``
    lists the codes a ``none_of`` check covers (only those count when given);
    ``unit_types`` is the denominator of the commune's 70 % rule and
    ``divisions`` that of a unit's own sub-units; ``ratings`` the standings
    that count for a ``rated`` or ``division_share`` check.
    """

    kind: CheckKind
    fact: str | None = None
    of: str | None = None
    value: float | None = None
    unit_types: tuple[UnitType, ...] = ()
    divisions: tuple[DivisionKind, ...] = ()
    ratings: tuple[Standing, ...] = ()
    points: tuple[str, ...] = ref_tuple()
    label: str | None = text_optional()
    label_vi: str | None = text_optional()
    when: Condition | None = None

    def __attrs_post_init__(self) -> None:
        needs = _NEEDS[self.kind]
        a_kind = with_article(self.kind.value)  # "an at_least check"
        if not needs:
            if self.fact is not None:
                raise InvalidDataError(f"{a_kind} check names no fact", field="fact")
        else:
            kind = fact_kind(self.fact) if self.fact is not None else None
            if kind not in needs:
                raise InvalidDataError(
                    f"{a_kind} check needs a fact of kind {' or '.join(needs)}, "
                    f"got {self.fact!r:.60}",
                    field="fact",
                )
        if self.kind in _WITH_OF:
            if self.of is None or fact_kind(self.of) not in (FactKind.COUNT, FactKind.MEASURE):
                raise InvalidDataError(
                    f"{a_kind} check needs 'of', a count fact, got {self.of!r:.60}",
                    field="of",
                )
        elif self.of is not None:
            raise InvalidDataError(f"{a_kind} check takes no 'of'", field="of")
        if self.kind in _WITH_VALUE:
            if self.value is None or type(self.value) not in (int, float) or self.value < 0:
                raise InvalidDataError(
                    f"{a_kind} check needs a value >= 0, got {self.value!r:.40}",
                    field="value",
                )
            if self.kind in _SHARES and self.value > 1:
                raise InvalidDataError(
                    f"a share is a fraction from 0 to 1 (0.7 for 70%), got {self.value!r}",
                    field="value",
                )
        elif self.value is not None:
            raise InvalidDataError(f"{a_kind} check takes no value", field="value")
        subunit = self.kind in (CheckKind.REGISTERED_SHARE, CheckKind.RECOGNISED_SHARE)
        if subunit and not self.unit_types:
            raise InvalidDataError("name the unit types counted", field="unit_types")
        if not subunit and self.unit_types:
            raise InvalidDataError(f"{a_kind} check takes no unit_types", field="unit_types")
        division = self.kind is CheckKind.DIVISION_SHARE
        if division and not self.divisions:
            raise InvalidDataError("name the kinds of sub-unit counted", field="divisions")
        if not division and self.divisions:
            raise InvalidDataError(f"{a_kind} check takes no divisions", field="divisions")
        if self.kind in _WITH_RATINGS and not self.ratings:
            raise InvalidDataError("name the standings that count", field="ratings")
        if self.kind not in _WITH_RATINGS and self.ratings:
            raise InvalidDataError(f"{a_kind} check takes no ratings", field="ratings")

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts this check reads (its condition's included)."""
        names = [n for n in (self.fact, self.of) if n is not None]
        if self.when is not None:
            names.append(self.when.fact)
        return tuple(names)


_PROVINCE = re.compile(r"[0-9]{2}\Z")


def _check_province(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or _PROVINCE.match(value) is None):
        raise InvalidDataError(
            f"expected a 2-digit province code, got {value!r:.40}", field=attribute.name
        )


@attrs.frozen(kw_only=True)
class Include:
    """A reference to another criterion of the ruleset whose checks this one reuses.

    TT 124 Điều 5.2 makes a commune meet Điều 4 khoản 2–4; Điều 7.3 reuses
    points a, b, c, đ, e and g of Điều 6 khoản 3. ``points`` (when given)
    keeps only those points of the referenced ``none_of`` checks. The loader
    (:func:`khuonha.rules.resolve`) fills :attr:`Criterion.included`.
    """

    criterion: str = id_field()
    points: tuple[str, ...] = ref_tuple()


@attrs.frozen(kw_only=True)
class Criterion:
    """A criterion (tiêu chí) of the standard for one unit type, as data.

    - ``id``: a slug unique in its ruleset (an amendment overrides by id);
    - ``clause``: where the law states it ("Điều 4 khoản 1");
    - ``text_vi`` / ``text_en``: what it requires, in Vietnamese and English;
    - ``checks``: the tests on the evidence, all of which must pass;
    - ``includes``: other criteria whose checks this one reuses (a clause
      that refers to another, as data); :attr:`included` holds their checks
      once the ruleset is loaded;
    - ``when``: the criterion applies only when this condition holds ("the
      protection force, if any"); when false it is ``not_applicable``;
    - ``unverified``: the clause's wording is not confirmed by a primary text;
    - ``province``: for a province's own criterion (TT 124 Điều 8.1), the
      province code it applies in.
    """

    id: str = id_field()
    unit_type: UnitType
    clause: str = text()
    text_vi: str = text()
    text_en: str = text()
    checks: tuple[Check, ...] = tuple_of(Check)
    includes: tuple[Include, ...] = tuple_of(Include)
    included: tuple[Check, ...] = tuple_of(Check)
    """The checks of :attr:`includes`, filled by the loader (not written by hand)."""
    when: Condition | None = None
    unverified: bool = False
    province: str | None = attrs.field(
        default=None, validator=_check_province, metadata={SCHEMA: {"pattern": "^[0-9]{2}$"}}
    )
    source: str | None = text_optional()
    note: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if not self.checks and not self.includes:
            raise InvalidDataError("needs at least one check or include", field="checks")

    @property
    def all_checks(self) -> tuple[Check, ...]:
        """Its own checks, then those it reuses (once loaded)."""
        return self.checks + self.included if self.included else self.checks

    @property
    def needs(self) -> tuple[str, ...]:
        """The evidence this criterion needs: fact names, in check order, without repeats."""
        seen: dict[str, None] = {}
        if self.when is not None:
            seen[self.when.fact] = None
        for check in self.all_checks:
            for name in check.facts:
                seen.setdefault(name, None)
            if check.kind is CheckKind.CONFIRMED:
                seen.setdefault(f"confirmed:{self.id}", None)
        return tuple(seen)


@attrs.frozen(kw_only=True)
class Exclusion:
    """Units a basis does not certify (reported as ``not_eligible``, never as failures).

    A unit of ``unit_type`` is excluded when its organisation kind, education
    level or enterprise size is listed.
    """

    unit_type: UnitType
    clause: str = text()
    text_vi: str = text()
    text_en: str = text()
    organization_kinds: tuple[OrganizationKind, ...] = ()
    education_levels: tuple[EducationLevel, ...] = ()
    enterprise_sizes: tuple[EnterpriseSize, ...] = ()
    unverified: bool = False


_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z")


def _check_month_day(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _MONTH_DAY.match(value) is None:
        raise InvalidDataError(f"expected MM-DD, got {value!r:.40}", field=attribute.name)


def _some_unit_types(
    _inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    if not value:
        raise InvalidDataError("name at least one unit type", field=attribute.name)


class DossierStage(StrEnum):
    """Which dossier of TT 124 Điều 9.2 (hồ sơ)."""

    DANG_KY = "dang_ky"
    """Hồ sơ đăng ký: registering to strive for the standard."""
    CONG_NHAN = "cong_nhan"
    """Hồ sơ đề nghị xét duyệt, công nhận: asking for recognition."""


class AuthorityLevel(StrEnum):
    """Who approves and recognises (thẩm quyền công nhận, TT 124 Điều 10)."""

    UBND_XA = "ubnd_xa"
    UBND_HUYEN = "ubnd_huyen"
    UBND_TINH = "ubnd_tinh"
    BO_CONG_AN = "bo_cong_an"


@attrs.frozen(kw_only=True)
class Deadline:
    """A deadline of the procedure (TT 124 Điều 9.1): decided before ``before`` (MM-DD)."""

    id: str = id_field()
    unit_types: tuple[UnitType, ...] = attrs.field(validator=_some_unit_types)
    before: str = attrs.field(validator=_check_month_day)
    clause: str = text()
    text_vi: str = text()
    text_en: str = text()

    def day(self, cycle: int) -> date:
        """The day of *cycle* by which recognition must be decided (exclusive).

        >>> d = Deadline(id="han", unit_types=(UnitType.KHU_DAN_CU,), before="11-15",
        ...              clause="c", text_vi="v", text_en="e")
        >>> d.day(2023)
        datetime.date(2023, 11, 15)
        """
        month, day = self.before.split("-")
        return date(cycle, int(month), int(day))


@attrs.frozen(kw_only=True)
class DossierDocument:
    """One document of a dossier; ``unit_types`` (empty: all) are the units it is asked of.

    ``when`` names a flag fact the document depends on ("where a Party
    organisation exists"); ``required`` is false for "other relevant documents".
    """

    id: str = id_field()
    text_vi: str = text()
    text_en: str = text()
    unit_types: tuple[UnitType, ...] = ()
    when: str | None = None
    required: bool = True

    def __attrs_post_init__(self) -> None:
        if self.when is not None and fact_kind(self.when) != FactKind.FLAG:
            raise InvalidDataError(f"expected a flag fact, got {self.when!r:.60}", field="when")


@attrs.frozen(kw_only=True)
class Dossier:
    """A checklist of documents (TT 124 Điều 9.2) a unit's evidence is held against."""

    id: str = id_field()
    stage: DossierStage
    clause: str = text()
    text_vi: str = text()
    text_en: str = text()
    documents: tuple[DossierDocument, ...] = tuple_of(DossierDocument)

    def documents_for(self, unit_type: UnitType | str) -> tuple[DossierDocument, ...]:
        """The documents asked of *unit_type*."""
        ut = UnitType(unit_type)
        return tuple(d for d in self.documents if not d.unit_types or ut in d.unit_types)


@attrs.frozen(kw_only=True)
class Authority:
    """Who decides recognition of some unit types (TT 124 Điều 10).

    ``valid_until`` ends an authority that no longer exists (no district
    level after 30/6/2025); ``delegation`` marks a rule that lets a higher
    People's Committee delegate to the one below (Điều 10.5), not an
    authority of its own.
    """

    unit_types: tuple[UnitType, ...] = attrs.field(validator=_some_unit_types)
    clause: str = text()
    text_vi: str = text()
    text_en: str = text()
    level: AuthorityLevel | None = None
    valid_until: date | None = attrs.field(default=None, validator=check_date)
    delegation: bool = False

    def __attrs_post_init__(self) -> None:
        if self.level is None and not self.delegation:
            raise InvalidDataError("an authority names its level", field="level")


@attrs.frozen(kw_only=True)
class Procedure:
    """The procedure of a basis as data: deadlines, dossiers, authorities, and what is unknown.

    ``gap_vi`` / ``gap_en`` say why no authority is known for a unit type
    once every listed one has lapsed (stated, never guessed).
    """

    deadlines: tuple[Deadline, ...] = tuple_of(Deadline)
    dossiers: tuple[Dossier, ...] = tuple_of(Dossier)
    authorities: tuple[Authority, ...] = tuple_of(Authority)
    gap_vi: str | None = text_optional()
    gap_en: str | None = text_optional()
    notes: tuple[str, ...] = text_tuple()

    def deadline_for(self, unit_type: UnitType | str) -> Deadline | None:
        """The deadline of *unit_type*, if the basis sets one."""
        ut = UnitType(unit_type)
        return next((d for d in self.deadlines if ut in d.unit_types), None)

    def authorities_for(self, unit_type: UnitType | str, on: date) -> tuple[Authority, ...]:
        """The authorities (delegation rules included) for *unit_type* that exist *on* a day."""
        ut = UnitType(unit_type)
        return tuple(
            a
            for a in self.authorities
            if ut in a.unit_types and (a.valid_until is None or on <= a.valid_until)
        )


def _unique_ids(
    inst: Ruleset, attribute: attrs.Attribute[Any], value: tuple[Criterion, ...]
) -> None:
    seen: set[str] = set()
    for i, criterion in enumerate(value):
        if criterion.id in seen:
            raise InvalidDataError(
                f"duplicate criterion id {criterion.id!r}", field=f"{attribute.name}[{i}].id"
            )
        seen.add(criterion.id)


@attrs.frozen(kw_only=True)
class Ruleset:
    """The criteria of one legal basis (bộ tiêu chí theo văn bản), as cited data.

    - ``basis``: the document number ("124/2021/TT-BCA"), the ruleset's name;
    - ``valid_from`` / ``valid_until``: when it is in force (``None`` when not
      established; a ruleset without ``valid_from`` is never chosen by default);
    - ``extends``: the basis this one amends; ``criteria`` then override the
      base's by id or add to them, ``removes`` drops base criteria, and
      ``exclusions`` (when given) replace the base's;
    - ``provincial_criteria``: whether a province may add its own criteria;
    - ``procedure``: deadlines, dossiers and authorities (an amendment
      without one keeps its base's);
    - ``notes``: what is unverified or inferred about the text itself.
    """

    basis: str = text()
    title: str = text()
    issued_on: date | None = attrs.field(default=None, validator=check_date)
    valid_from: date | None = attrs.field(default=None, validator=check_date)
    valid_until: date | None = attrs.field(default=None, validator=check_date)
    extends: str | None = text_optional()
    provincial_criteria: bool = False
    exclusions: tuple[Exclusion, ...] | None = None
    criteria: tuple[Criterion, ...] = tuple_of(Criterion, validator=_unique_ids)
    removes: tuple[str, ...] = ref_tuple()
    procedure: Procedure | None = None
    sources: tuple[str, ...] = text_tuple()
    notes: tuple[str, ...] = text_tuple()

    def __attrs_post_init__(self) -> None:
        if self.removes and self.extends is None:
            raise InvalidDataError("only an amending ruleset removes criteria", field="removes")
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            raise InvalidDataError(
                f"valid_until ({self.valid_until}) must not be before valid_from "
                f"({self.valid_from})",
                field="valid_until",
            )

    def in_force_on(self, day: date) -> bool:
        """Whether the basis is in force on *day* (never, when ``valid_from`` is unknown)."""
        if self.valid_from is None or day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def criteria_for(self, unit_type: UnitType | str) -> tuple[Criterion, ...]:
        """The criteria of *unit_type*, in ruleset order."""
        ut = UnitType(unit_type)
        return tuple(c for c in self.criteria if c.unit_type is ut)
