"""Assessing a whole dataset, and recognition summaries ("10/10 thôn đạt chuẩn").

A commune's "100% registered, at least 70% recognised" rule is computed from
the records when its evidence gives no tallies: the units the dataset lists
in the commune, their own evidence (registration) and their assessments or
recorded recognitions (:class:`~khuonha.Certification`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import Certification, Result, UnitType
from khuonha.model.dataset import Dataset
from khuonha.model.evidence import Evidence, SubunitTally
from khuonha.model.people import Organization, OrganizationKind
from khuonha.model.places import AdministrativeUnit, UnitLevel
from khuonha.rules.criteria import CheckKind, Criterion, Ruleset
from khuonha.rules.engine import (
    Assessment,
    AssessmentResult,
    Unit,
    _compiled,
    _excluded,
    _prepare,
    _Prepared,
    _ruleset_for,
    unit_type_of,
)

__all__ = [
    "MANAGED_AGENCY_KINDS",
    "RecognitionSummary",
    "assess_dataset",
    "summarise",
    "tally_subunits",
]

#: Organisation kinds a commune counts among the agencies it manages (its own
#: Party, council, committee, police and mass organisations are not counted).
MANAGED_AGENCY_KINDS = frozenset(
    {OrganizationKind.AGENCY, OrganizationKind.HEALTH_STATION, OrganizationKind.ARMED_FORCES}
)


@attrs.frozen(kw_only=True)
class RecognitionSummary:
    """How many units of one type a commune has recognised in a cycle.

    ``total`` is ``None`` when a source gives no total ("3 trường học");
    ``cycle`` is ``None`` when the source does not say which cycle.
    """

    commune: str | None
    unit_type: UnitType
    cycle: int | None
    recognised: int
    total: int | None

    def __str__(self) -> str:
        of = f"/{self.total}" if self.total is not None else ""
        return f"{self.recognised}{of} {self.unit_type.value} đạt chuẩn"


class _Index:
    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.units = {u.id: u for u in ds.units}
        self.records: dict[str, Unit] = {**self.units}
        self.records.update((a.id, a) for a in ds.areas)
        self.records.update((o.id, o) for o in ds.organizations)
        self._province: dict[str, str | None] = {}

    def unit(self, record_id: str) -> Unit:
        found = self.records.get(record_id)
        if found is None:
            raise InvalidDataError(
                f"evidence names {record_id!r}, which is no area, organisation or unit",
                code="dangling_reference",
            )
        return found

    def commune_of(self, record: Unit) -> str | None:
        if isinstance(record, AdministrativeUnit):
            return record.id if record.level is UnitLevel.COMMUNE else None
        return record.unit

    def province_of(self, record: Unit) -> str | None:
        start = record.id if isinstance(record, AdministrativeUnit) else record.unit
        if start is None:
            return None
        if start not in self._province:
            code = None
            current = self.units.get(start)
            for _ in range(10):
                if current is None:
                    break
                if current.level is UnitLevel.PROVINCE:
                    code = current.code
                    break
                current = self.units.get(current.parent) if current.parent else None
            self._province[start] = code
        return self._province[start]


def _counted_types(ruleset: Ruleset) -> tuple[UnitType, ...]:
    seen: dict[UnitType, None] = {}
    for criterion in ruleset.criteria_for(UnitType.XA):
        for check in criterion.all_checks:
            if check.kind in (CheckKind.REGISTERED_SHARE, CheckKind.RECOGNISED_SHARE):
                seen.update(dict.fromkeys(check.unit_types))
    return tuple(seen)


def tally_subunits(
    ds: Dataset,
    commune: str,
    cycle: int,
    basis: str | Ruleset | None = None,
    assessments: Iterable[Assessment] = (),
) -> tuple[SubunitTally, ...]:
    """Count the units *commune* manages, registered and recognised in *cycle*, from records.

    Units are the residential areas and organisations the dataset lists in
    the commune (units the basis excludes are left out); registration comes
    from their evidence, recognition from *assessments* or else from
    recorded :class:`~khuonha.Certification` records. When the dataset lists
    no unit of a type, a count record ("10/10 thôn") of that cycle is used.
    A unit with no known status counts as unknown, never as a failure.
    """
    results = {(a.unit, a.cycle): a.result for a in assessments}
    return _CycleIndex(ds, cycle).tally(commune, basis, results)


class _CycleIndex:
    """The records of one cycle grouped by commune, built once (assessing stays linear)."""

    def __init__(self, ds: Dataset, cycle: int) -> None:
        self.cycle = cycle
        self.evidence = {e.unit: e for e in ds.evidence if e.cycle == cycle}
        self.recorded: dict[str, Result] = {}
        self.counts: dict[str | None, dict[UnitType, list[Certification]]] = {}
        for c in ds.certifications:
            if c.cycle_year != cycle:
                continue
            if c.unit is not None:
                self.recorded[c.unit] = c.result
            else:
                self.counts.setdefault(c.commune, {}).setdefault(c.unit_type, []).append(c)
        self.areas: dict[str | None, list[Unit]] = {}
        for a in ds.areas:
            self.areas.setdefault(a.unit, []).append(a)
        self.organizations: dict[str | None, list[Organization]] = {}
        for o in ds.organizations:
            self.organizations.setdefault(o.unit, []).append(o)
        self.counted: dict[int, tuple[UnitType, ...]] = {}

    def tally(
        self,
        commune: str,
        basis: str | Ruleset | None,
        results: dict[tuple[str, int], AssessmentResult],
    ) -> tuple[SubunitTally, ...]:
        cycle = self.cycle
        ruleset = _ruleset_for(basis, UnitType.XA, cycle)
        compiled = _compiled(ruleset)
        evidence, recorded = self.evidence, self.recorded
        counts = self.counts.get(commune, {})
        tallies = []
        counted = self.counted.get(id(ruleset))
        if counted is None:  # the ruleset stays alive while this index is used
            counted = self.counted[id(ruleset)] = _counted_types(ruleset)
        for unit_type in counted:
            members = self._members(commune, unit_type)
            exclusions = compiled.plans[unit_type.value].exclusions
            if exclusions:
                members = [m for m in members if _excluded(m, exclusions) is None]
            if not members:
                tallies.append(_from_counts(unit_type, counts.get(unit_type, [])))
                continue
            registered = reg_unknown = recognised = rec_unknown = 0
            for m in members:
                ev = evidence.get(m.id)
                flag = ev.registered_in_q1 if ev is not None else None
                registered += flag is True
                reg_unknown += flag is None
                result = results.get((m.id, cycle))
                if result is None:
                    cert = recorded.get(m.id)
                    result = (
                        None
                        if cert is None
                        else (
                            AssessmentResult.DAT
                            if cert is Result.DAT
                            else AssessmentResult.CHUA_DAT
                        )
                    )
                recognised += result is AssessmentResult.DAT
                rec_unknown += result is None or result is AssessmentResult.UNDETERMINED
            tallies.append(
                SubunitTally(
                    unit_type=unit_type,
                    total=len(members),
                    registered=registered,
                    recognised=recognised,
                    registration_unknown=reg_unknown,
                    recognition_unknown=rec_unknown,
                )
            )
        return tuple(tallies)

    def _members(self, commune: str, unit_type: UnitType) -> list[Unit]:
        if unit_type is UnitType.KHU_DAN_CU:
            return list(self.areas.get(commune, ()))
        out: list[Unit] = []
        for org in self.organizations.get(commune, ()):
            ev = self.evidence.get(org.id)
            if ev is not None and ev.unit_type is not None:
                if ev.unit_type is unit_type:
                    out.append(org)
                continue
            derived = unit_type_of(org)
            if derived is unit_type and (
                unit_type is not UnitType.CO_QUAN or org.kind in MANAGED_AGENCY_KINDS
            ):
                out.append(org)
        return out


def _from_counts(unit_type: UnitType, records: list[Certification]) -> SubunitTally:
    if not records:  # the same for every commune: built once
        found = _NONE_MANAGED.get(unit_type._value_)
        if found is None:
            found = _NONE_MANAGED[unit_type._value_] = SubunitTally(
                unit_type=unit_type, total=0, registered=0, recognised=0
            )
        return found
    totals = [r.total for r in records]
    total = None if any(t is None for t in totals) else max(t or 0 for t in totals)
    recognised = (
        max(r.recognised for r in records if r.result is Result.DAT)
        if any(r.result is Result.DAT for r in records)
        else 0
    )
    if total is not None:
        recognised = min(recognised, total)
    return SubunitTally(
        unit_type=unit_type,
        total=total,
        registered=None,
        recognised=recognised,
        registration_unknown=total or 0,
    )


_NONE_MANAGED: dict[str, SubunitTally] = {}
_EVIDENCE_FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Evidence))


def _with_subunits(ev: Evidence, tallies: tuple[SubunitTally, ...]) -> Evidence:
    """*ev* with the commune's *tallies* (what ``attrs.evolve`` gives, without re-checking).

    Every field was checked when *ev* was built, and the tallies are built
    here, one per unit type, so the constructor's checks would all pass.
    """
    new = object.__new__(Evidence)
    for name in _EVIDENCE_FIELDS:
        object.__setattr__(new, name, getattr(ev, name))
    object.__setattr__(new, "subunits", tallies)
    return new


def assess_dataset(
    ds: Dataset,
    cycle: int | None = None,
    basis: str | Ruleset | None = None,
    *,
    criteria: Iterable[Criterion] = (),
) -> tuple[Assessment, ...]:
    """Assess every unit that has evidence in *ds* (in *cycle*, or in every cycle).

    Communes are assessed last, so their 70 % rule can count the assessments
    of the units they manage; each unit's province (for a province's own
    criteria) is read from the dataset's administrative units. *criteria* are
    the provincial criteria to apply (each to its own province, or everywhere
    when it names none); :func:`khuonha.assess_dataset` passes the installed
    plugins'. The result follows the order of ``ds.evidence``.

    The cyclic garbage collector is paused while assessing (and resumed after,
    if it was running), as :func:`khuonha.loads` does: assessing builds trees of
    findings, not cycles, so a collection would free next to nothing, yet each
    full one walks every record of the dataset (at 10,000 units, the warm
    assessment took twice as long with the collector running).
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _assess_dataset(ds, cycle, basis, tuple(criteria))
    finally:
        if paused:
            gc.enable()


def _assess_dataset(
    ds: Dataset, cycle: int | None, basis: str | Ruleset | None, extras: tuple[Criterion, ...]
) -> tuple[Assessment, ...]:
    index = _Index(ds)
    chosen = [e for e in ds.evidence if cycle is None or e.cycle == cycle]
    done: list[Assessment | None] = [None] * len(chosen)
    results: dict[tuple[str, int], AssessmentResult] = {}
    cycles: dict[int, _CycleIndex] = {}
    provincial: dict[str | None, tuple[Criterion, ...]] = {}
    prepared: dict[tuple[str, int, str | None], _Prepared] = {}
    records = [index.unit(e.unit) for e in chosen]
    types = [_evidence_type(e, u) for e, u in zip(chosen, records, strict=True)]
    xa = UnitType.XA
    everything = list(zip(range(len(chosen)), chosen, records, types, strict=True))
    # communes last, each group in the order of the evidence
    order = [t for t in everything if t[3] is not xa] + [t for t in everything if t[3] is xa]
    for i, given, unit, unit_type in order:
        ev = given
        if unit_type is xa and ev.subunits is None:
            by_cycle = cycles.get(ev.cycle)
            if by_cycle is None:
                by_cycle = cycles[ev.cycle] = _CycleIndex(ds, ev.cycle)
            ev = _with_subunits(ev, by_cycle.tally(unit.id, basis, results))
        province = index.province_of(unit)
        key = (unit_type._value_, ev.cycle, province)  # str hashes are cached, enums' are not
        plan = prepared.get(key)
        if plan is None:
            extra = provincial.get(province)
            if extra is None:  # the plugins' criteria, asked once per province
                extra = provincial[province] = (
                    tuple(c for c in extras if c.province in (None, province)) if province else ()
                )
            plan = prepared[key] = _prepare(
                unit_type, ev.cycle, basis, province, extra if province else None
            )
        # the evidence names the unit (the index found it by that id) and its cycle
        done[i] = found = plan.on(unit, ev)
        results[(found.unit, found.cycle)] = found.result
    return tuple(done)  # type: ignore[arg-type]


def _evidence_type(ev: Evidence, unit: Unit) -> UnitType:
    return ev.unit_type or unit_type_of(unit)


def summarise(
    ds: Dataset, assessments: Iterable[Assessment] | None = None, cycle: int | None = None
) -> tuple[RecognitionSummary, ...]:
    """Recognitions per commune, unit type and cycle, from assessments and recorded records.

    *assessments* default to :func:`assess_dataset` of *ds*. Recorded
    :class:`~khuonha.Certification` records count too (with *cycle* given,
    those of that cycle and those whose cycle is not stated); a unit both
    assessed and recorded counts once. ``total`` is the number of units
    assessed, plus the totals count records state; ``None`` as soon as one
    source gives none.

    >>> import khuonha
    >>> [str(s) for s in summarise(khuonha.sample())]
    ['10/10 khu_dan_cu đạt chuẩn', '1 co_quan đạt chuẩn', '3 co_so_giao_duc đạt chuẩn']
    """
    index = _Index(ds)
    if assessments is None:
        assessments = assess_dataset(ds, cycle)
    groups: dict[tuple[str | None, UnitType, int | None], list[Any]] = {}
    seen: set[tuple[str, int | None]] = set()
    for a in assessments:
        if a.result is AssessmentResult.NOT_ELIGIBLE or (cycle is not None and a.cycle != cycle):
            continue
        commune = index.commune_of(index.unit(a.unit))
        group = groups.setdefault((commune, a.unit_type, a.cycle), [0, 0])
        group[0] += a.result is AssessmentResult.DAT
        if group[1] is not None:
            group[1] += 1
        seen.add((a.unit, a.cycle))
    for c in ds.certifications:
        if cycle is not None and c.cycle_year not in (None, cycle):
            continue
        if c.unit is not None and (c.unit, c.cycle_year) in seen:
            continue
        commune = c.commune
        if commune is None and c.unit is not None and c.unit in index.records:
            commune = index.commune_of(index.records[c.unit])
        group = groups.setdefault((commune, c.unit_type, c.cycle_year), [0, 0])
        group[0] += c.recognised if c.result is Result.DAT else 0
        group[1] = None if group[1] is None or c.total is None else group[1] + c.total
    order = list(UnitType)
    keys = sorted(groups, key=lambda k: (k[0] or "", k[2] or 0, order.index(k[1])))
    return tuple(
        RecognitionSummary(
            commune=k[0], unit_type=k[1], cycle=k[2], recognised=groups[k][0], total=groups[k][1]
        )
        for k in keys
    )
