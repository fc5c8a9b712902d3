"""The small engine that runs rulesets: compile once, then assess units fast.

Rulesets are compiled into closures the first time they are used (and kept),
so assessing a unit reads its evidence and formats reasons; it never parses
JSON or inspects types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import Certification, Result, UnitType
from khuonha.model.evidence import Evidence
from khuonha.model.people import Organization, OrganizationKind
from khuonha.model.places import AdministrativeUnit, ResidentialArea, UnitLevel
from khuonha.rules.checks import EMPTY, CompiledCriterion, Finding, FindingStatus
from khuonha.rules.criteria import Criterion, Exclusion, Procedure, Ruleset
from khuonha.rules.plan import compile_runner
from khuonha.rules.procedure import procedure_findings
from khuonha.rules.rulesets import (
    default_ruleset,
    included_checks,
    load_ruleset,
    resolve,
    root_basis,
)
from khuonha.rules.windows import assessment_window
from khuonha.text.periods import Period

__all__ = ["Assessment", "AssessmentResult", "Finding", "FindingStatus", "Unit", "assess"]

#: A record that can be assessed.
Unit = ResidentialArea | AdministrativeUnit | Organization


class AssessmentResult(StrEnum):
    """Outcome of :func:`assess` (kết quả đánh giá)."""

    DAT = "dat"
    """Đạt: every criterion is met."""
    CHUA_DAT = "chua_dat"
    """Chưa đạt: at least one criterion is not met."""
    UNDETERMINED = "undetermined"
    """Nothing failed, but some evidence is missing."""
    NOT_ELIGIBLE = "not_eligible"
    """The basis does not certify this unit (e.g. a primary school under TT 124)."""


@attrs.frozen(kw_only=True)
class Assessment:
    """The assessment of one unit for one cycle under one basis (every finding, not the first).

    ``reason`` / ``reason_vi`` say why a unit is not eligible; ``window`` is
    the period judged; ``procedure`` holds the findings on the dossiers, the
    deadline and who decides (TT 124 Điều 9–10), which never change
    ``result``.
    """

    unit: str
    unit_type: UnitType
    cycle: int
    basis: str
    result: AssessmentResult
    findings: tuple[Finding, ...]
    window: Period | None = None
    reason: str | None = None
    reason_vi: str | None = None
    procedure: tuple[Finding, ...] = ()

    @property
    def missing(self) -> tuple[Finding, ...]:
        """Findings still standing between the unit and đạt (not met or unknown)."""
        return tuple(
            f for f in self.findings if f.status in (FindingStatus.NOT_MET, FindingStatus.UNKNOWN)
        )

    def as_certification(
        self, record_id: str, *, commune: str | None = None, decided_on: date | None = None
    ) -> Certification | None:
        """This result as a recognition record for the unit's history (``None`` unless decided).

        Only ``dat`` and ``chua_dat`` are decisions; ``undetermined`` and
        ``not_eligible`` give ``None``.
        """
        if self.result is AssessmentResult.DAT:
            result = Result.DAT
        elif self.result is AssessmentResult.CHUA_DAT:
            result = Result.CHUA_DAT
        else:
            return None
        return Certification(
            id=record_id,
            unit_type=self.unit_type,
            result=result,
            unit=self.unit,
            commune=commune,
            cycle_year=self.cycle,
            legal_basis=self.basis,
            decided_on=decided_on,
        )

    def explain(self) -> str:
        """A few lines a commune officer can read."""
        lines = [
            f"{self.unit} ({self.unit_type.value}), {self.cycle}, {self.basis}: {self.result.value}"
        ]
        if self.reason:
            lines.append(f"  {self.reason}")
        lines.extend(f"  [{f.status.value}] {f.clause}: {f.reason}" for f in self.findings)
        lines.extend(
            f"  [{f.status.value}] {f.clause}: {f.reason}"
            for f in self.procedure
            if f.status is not FindingStatus.UNKNOWN
        )
        return "\n".join(lines)


class _Plan:
    """What assessing one unit type under one ruleset needs, keyed for speed."""

    __slots__ = ("criteria", "exclusions", "procedure", "root", "unit_type", "windows")

    def __init__(self, ruleset: Ruleset, unit_type: UnitType, root: str) -> None:
        self.unit_type = unit_type
        self.root = root
        self.procedure = ruleset.procedure
        self.criteria = tuple(
            CompiledCriterion(c) for c in ruleset.criteria if c.unit_type is unit_type
        )
        self.exclusions = tuple(e for e in ruleset.exclusions or () if e.unit_type is unit_type)
        self.windows: dict[int, Period | None] = {}

    def window(self, cycle: int) -> Period | None:
        try:
            return self.windows[cycle]
        except KeyError:
            found = self.windows[cycle] = _window(self.unit_type, cycle, self.root)
            return found


class _CompiledRuleset:
    __slots__ = ("basis", "by_id", "plans", "provincial", "root", "ruleset")

    def __init__(self, given: Ruleset) -> None:
        ruleset = resolve(given)
        self.ruleset = given  # kept alive, so its id stays unique in the cache
        self.by_id = {c.id: c for c in ruleset.criteria}  # what a province's criteria may reuse
        self.basis = ruleset.basis
        self.root = root_basis(ruleset)
        self.provincial = ruleset.provincial_criteria
        # keyed by the slug: a str hash is cached, an enum's is computed in Python
        self.plans = {ut.value: _Plan(ruleset, ut, self.root) for ut in UnitType}


_COMPILED: dict[int, _CompiledRuleset] = {}
_EXTRA: dict[tuple[int, int], CompiledCriterion] = {}
_DEFAULTS: dict[tuple[str, int], Ruleset] = {}


def _compiled(ruleset: Ruleset) -> _CompiledRuleset:
    found = _COMPILED.get(id(ruleset))
    if found is None or found.ruleset is not ruleset:
        found = _COMPILED[id(ruleset)] = _CompiledRuleset(ruleset)
    return found


def _compiled_extra(criterion: Criterion, ruleset: _CompiledRuleset) -> CompiledCriterion:
    """A province's criterion compiled, its ``includes`` resolved against *ruleset*."""
    key = (id(criterion), id(ruleset))
    found = _EXTRA.get(key)
    if found is None or found.source is not criterion:
        expanded = criterion
        if criterion.includes:
            by_id = {**ruleset.by_id, criterion.id: criterion}
            checks = included_checks(criterion, by_id, ("0", criterion.id))
            expanded = attrs.evolve(criterion, included=checks)
        found = _EXTRA[key] = CompiledCriterion(expanded)
        found.source = criterion
    return found


@lru_cache(maxsize=4096)
def _window(unit_type: UnitType, cycle: int, basis: str) -> Period | None:
    try:
        return assessment_window(unit_type, cycle, basis)
    except InvalidDataError:
        return None


# ---------------------------------------------------------------- assessing


def unit_type_of(unit: Unit) -> UnitType:
    """The certification unit type of a record.

    >>> from khuonha import ResidentialArea, AreaKind
    >>> unit_type_of(ResidentialArea(id="thon-1", name="Thôn 1", kind=AreaKind.THON)).value
    'khu_dan_cu'
    """
    if isinstance(unit, ResidentialArea):
        return UnitType.KHU_DAN_CU
    if isinstance(unit, Organization):
        return _ORG_TYPES.get(unit.kind, UnitType.CO_QUAN)
    if isinstance(unit, AdministrativeUnit):
        if unit.level is UnitLevel.COMMUNE:
            return UnitType.XA
        raise InvalidDataError(
            f"only commune-level units are certified, not a {unit.level.value}",
            code="not_certifiable",
        )
    raise InvalidDataError(
        f"expected a ResidentialArea, Organization or AdministrativeUnit, got {unit!r:.60}",
        code="not_certifiable",
    )


_ORG_TYPES = {
    OrganizationKind.SCHOOL: UnitType.CO_SO_GIAO_DUC,
    OrganizationKind.ENTERPRISE: UnitType.DOANH_NGHIEP,
}


def _excluded(unit: Unit, exclusions: tuple[Exclusion, ...]) -> Exclusion | None:
    if not exclusions or not isinstance(unit, Organization):
        return None
    for e in exclusions:
        if (
            unit.kind in e.organization_kinds
            or (unit.education_level is not None and unit.education_level in e.education_levels)
            or (unit.enterprise_size is not None and unit.enterprise_size in e.enterprise_sizes)
        ):
            return e
    return None


def _ruleset_for(basis: str | Ruleset | None, unit_type: UnitType, cycle: int) -> Ruleset:
    if basis is None:
        key = (unit_type._value_, cycle)
        found = _DEFAULTS.get(key)
        if found is None:
            found = _DEFAULTS[key] = default_ruleset(unit_type, cycle)
        return found
    if isinstance(basis, Ruleset):
        return basis
    return load_ruleset(basis)


def assess(
    unit: Unit,
    evidence: Evidence | None,
    cycle: int,
    basis: str | Ruleset | None = None,
    *,
    province: str | None = None,
    criteria: Iterable[Criterion] | None = None,
) -> Assessment:
    """Assess *unit* for *cycle* on *evidence* (đánh giá "An toàn về an ninh, trật tự").

    - *basis*: a document number ("124/2021/TT-BCA") or a :class:`Ruleset`;
      by default the basis in force at the end of the unit's assessment window;
    - *province*: the province code of the unit, for a province's own criteria;
    - *criteria*: extra criteria (a province's own, TT 124 Điều 8.1), handed in
      by the caller; :func:`khuonha.assess` passes those the installed plugins
      register for *province*.

    Missing evidence makes a criterion ``unknown``, never ``not_met``.

    >>> from khuonha import AreaKind, Evidence, ResidentialArea
    >>> thon = ResidentialArea(id="thon-1", name="Thôn 1", kind=AreaKind.THON, households=120)
    >>> ev = Evidence(unit="thon-1", cycle=2022, resolution_in_q1=True, registered_in_q1=True,
    ...               households_registered=118)
    >>> a = assess(thon, ev, 2022)
    >>> a.basis, a.result.value
    ('124/2021/TT-BCA', 'chua_dat')
    >>> a.findings[0].reason
    'resolution adopted in quarter I: yes; registered in quarter I: yes; households registered: 118/120 = 98.3% < 100% required (120)'
    """  # noqa: E501
    unit_type = None if evidence is None else evidence.unit_type
    if unit_type is None:
        unit_type = unit_type_of(unit)
    if evidence is not None and (evidence.unit != unit.id or evidence.cycle != cycle):
        raise InvalidDataError(
            f"evidence is for {evidence.unit!r} in {evidence.cycle}, not {unit.id!r} in {cycle}",
            code="evidence_mismatch",
        )
    return _prepare(unit_type, cycle, basis, province, criteria).run(unit, evidence)


class _Prepared:
    """Everything assessing a unit of one type, cycle, basis and province needs.

    ``on(unit, ev)`` assesses a unit on its evidence (not ``None``; checked
    to be the unit's, for this cycle): a generated runner (see
    :mod:`khuonha.rules.plan`) unless the basis excludes some units.
    """

    __slots__ = (
        "basis",
        "checks",
        "cycle",
        "exclusions",
        "on",
        "procedure",
        "runner",
        "unit_type",
        "window",
    )

    def __init__(
        self,
        *,
        unit_type: UnitType,
        cycle: int,
        basis: str,
        window: Period | None,
        checks: tuple[CompiledCriterion, ...],
        exclusions: tuple[Exclusion, ...],
        procedure: Procedure | None = None,
    ) -> None:
        self.unit_type = unit_type
        self.cycle = cycle
        self.basis = basis
        self.window = window
        self.checks = checks
        self.exclusions = exclusions
        constants = {
            "unit_type": unit_type,
            "cycle": cycle,
            "basis": basis,
            "window": window,
            "results": _RESULTS,
        }
        self.procedure = procedure_findings(procedure, unit_type, cycle)
        extras = None if self.procedure is None else {"procedure": self.procedure}
        self.runner: Callable[[Unit, Evidence], Assessment] = compile_runner(
            checks, Assessment, constants, extras
        )
        self.on: Callable[[Unit, Evidence], Assessment] = self._on if exclusions else self.runner

    def run(self, unit: Unit, evidence: Evidence | None) -> Assessment:
        """Assess *unit* on *evidence* (already checked to be the unit's, for this cycle)."""
        return self.on(unit, EMPTY if evidence is None else evidence)

    def _on(self, unit: Unit, ev: Evidence) -> Assessment:
        exclusion = _excluded(unit, self.exclusions)
        if exclusion is None:
            return self.runner(unit, ev)
        why = f"not eligible under {self.basis} {exclusion.clause}: {exclusion.text_en}"
        why_vi = (
            f"không thuộc diện công nhận theo {self.basis} {exclusion.clause}: {exclusion.text_vi}"
        )
        findings = tuple(
            Finding(
                criterion=c.id,
                clause=c.clause,
                status=FindingStatus.NOT_APPLICABLE,
                reason=why,
                reason_vi=why_vi,
                unverified=c.unverified,
            )
            for c in self.checks
        )
        return Assessment(
            unit=unit.id,
            unit_type=self.unit_type,
            cycle=self.cycle,
            basis=self.basis,
            result=AssessmentResult.NOT_ELIGIBLE,
            findings=findings,
            window=self.window,
            reason=why,
            reason_vi=why_vi,
        )


#: The result from the findings' ranks or-ed (see :func:`khuonha.rules.plan.compile_runner`).
_RESULTS = (
    AssessmentResult.DAT,
    AssessmentResult.UNDETERMINED,
    AssessmentResult.CHUA_DAT,
    AssessmentResult.CHUA_DAT,
)
_PREPARED: dict[tuple[Any, ...], _Prepared] = {}
_PREPARED_SIZE = 1024


def _prepare(
    unit_type: UnitType,
    cycle: int,
    basis: str | Ruleset | None,
    province: str | None,
    criteria: Iterable[Criterion] | None,
) -> _Prepared:
    compiled = _compiled(_ruleset_for(basis, unit_type, cycle))
    extra: tuple[CompiledCriterion, ...] = ()
    if compiled.provincial and (province is not None or criteria is not None):
        extra = _provincial(unit_type, province, criteria, compiled)
    key = (compiled, unit_type._value_, cycle, extra)
    found = _PREPARED.get(key)
    if found is None:
        if len(_PREPARED) >= _PREPARED_SIZE:
            _PREPARED.clear()
        plan = compiled.plans[unit_type._value_]
        found = _PREPARED[key] = _Prepared(
            unit_type=unit_type,
            cycle=cycle,
            basis=compiled.basis,
            window=plan.window(cycle),
            checks=plan.criteria + extra,
            exclusions=plan.exclusions,
            procedure=plan.procedure,
        )
    return found


def _provincial(
    unit_type: UnitType,
    province: str | None,
    criteria: Iterable[Criterion] | None,
    ruleset: _CompiledRuleset,
) -> tuple[CompiledCriterion, ...]:
    if criteria is None:
        return ()
    return tuple(
        _compiled_extra(c, ruleset)
        for c in criteria
        if c.unit_type is unit_type and (province is None or c.province in (None, province))
    )
