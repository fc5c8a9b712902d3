"""Checks compiled from ruleset data into closures, and the findings they produce.

A ruleset is compiled once (see :mod:`khuonha.rules.engine`): every check becomes
a closure reading the evidence through a precomputed accessor, so assessing a
unit neither parses JSON nor inspects types.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from enum import StrEnum
from fractions import Fraction
from operator import attrgetter
from typing import Any

import attrs

from khuonha.model.evidence import Evidence, FactKind, SubunitTally, fact_kind
from khuonha.model.people import Organization
from khuonha.model.places import ResidentialArea
from khuonha.rules.criteria import Check, CheckKind, Criterion
from khuonha.rules.plan import key_reader

__all__ = ["EMPTY", "CompiledCriterion", "Finding", "FindingStatus", "unit_facts"]


class FindingStatus(StrEnum):
    """Status of one criterion for one unit."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    """The evidence it needs is missing."""
    NOT_APPLICABLE = "not_applicable"


@attrs.frozen(kw_only=True)
class Finding:
    """One criterion's status for one unit, with a reason that cites the numbers."""

    criterion: str
    """The criterion's id in its ruleset."""
    clause: str
    status: FindingStatus
    reason: str
    unverified: bool = False
    """The criterion's clause is unverified (see the ruleset's notes)."""


# ---------------------------------------------------------------- compiling

_Outcome = tuple[int, str]
_Facts = Callable[[Evidence, dict[str, Any]], Any]
_CheckFn = Callable[[Evidence, dict[str, Any]], _Outcome]

# Checks return small ints (fast to compare); findings carry the enum.
MET, NOT_MET, UNKNOWN, NA = 0, 1, 2, 3
_STATUS = (
    FindingStatus.MET,
    FindingStatus.NOT_MET,
    FindingStatus.UNKNOWN,
    FindingStatus.NOT_APPLICABLE,
)
#: Findings remembered per criterion (a national run has a few thousand distinct ones).
_MEMO_SIZE = 16384
_RANK = {
    FindingStatus.MET: 0,
    FindingStatus.NOT_APPLICABLE: 0,
    FindingStatus.UNKNOWN: 1,
    FindingStatus.NOT_MET: 2,
}
#: Evidence with no fact at all (every criterion unknown).
EMPTY = Evidence(unit="none", cycle=2000)


def _accessor(name: str) -> _Facts:
    kind = fact_kind(name)
    if kind == FactKind.UNIT:
        return lambda _ev, unit: unit.get(name)
    if kind == FactKind.MEASURE:
        return lambda ev, _unit: ev.fact(name)
    get = attrgetter(name)
    if name == "households":

        def households(ev: Evidence, unit: dict[str, Any]) -> Any:
            value = ev.households
            return unit.get("households") if value is None else value

        return households
    return lambda ev, _unit: get(ev)


def _num(value: float) -> str:
    if type(value) is int:
        return str(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:g}"


def _pct(part: int, whole: int) -> str:
    shown = f"{part * 100 / whole:.1f}"
    return f"{shown[:-2] if shown.endswith('.0') else shown}%"


def _compile_check(check: Check, criterion_id: str) -> _CheckFn:
    label = check.label or (check.fact or criterion_id).replace("_", " ")
    body = _BUILDERS[check.kind](check, label, criterion_id)
    if check.when is None:
        return body
    cond_get = _accessor(check.when.fact)
    wanted = frozenset(check.when.one_of)
    cond_name = check.when.fact.replace("_", " ")

    def conditional(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = cond_get(ev, unit)
        if value is not None and not isinstance(value, bool):
            value = getattr(value, "value", value) in wanted
        if value is False:
            return NA, f"{label}: not applicable ({cond_name}: no)"
        status, reason = body(ev, unit)
        if value is None and status != MET:
            return UNKNOWN, f"{reason} (whether it applies is not reported: {cond_name})"
        return status, reason

    return conditional


def _true(check: Check, label: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    yes, no, unknown = (
        (MET, f"{label}: yes"),
        (NOT_MET, f"{label}: no"),
        (UNKNOWN, f"{label}: not reported"),
    )

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = get(ev, unit)
        return unknown if value is None else yes if value else no

    return fn


def _bound(check: Check, label: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    limit = check.value if check.value is not None else 0
    at_least = check.kind is CheckKind.AT_LEAST
    shown = _num(limit)

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = get(ev, unit)
        if value is None:
            return UNKNOWN, f"{label}: not reported ({'≥' if at_least else '≤'} {shown} needed)"
        if at_least:
            if value >= limit:
                return MET, f"{label}: {_num(value)} ≥ {shown} required"
            return NOT_MET, f"{label}: {_num(value)} < {shown} required"
        if value <= limit:
            return MET, f"{label}: {_num(value)} ≤ {shown} allowed"
        return NOT_MET, f"{label}: {_num(value)} > {shown} allowed"

    return fn


def _judge(label: str, known: int, maybe: int, total: int, share: tuple[int, int, str]) -> _Outcome:
    if total == 0:
        return MET, f"{label}: none to count (0 required)"
    num, den, shown = share
    # required = ceil(share × total), exactly (0.7 × 10 is 7, not 7.000000000000001)
    required = -(-num * total // den)
    need = f"{shown} required ({required})"
    if known >= required:
        return MET, f"{label}: {known}/{total} = {_pct(known, total)} ≥ {need}"
    if known + maybe < required:
        extra = f", {maybe} unknown" if maybe else ""
        return NOT_MET, f"{label}: {known}/{total} = {_pct(known, total)}{extra} < {need}"
    return UNKNOWN, f"{label}: {known}/{total} known, {maybe} unknown; {need}"


def _share_of(check: Check) -> tuple[int, int, str]:
    exact = Fraction(str(check.value))
    return exact.numerator, exact.denominator, _pct(exact.numerator, exact.denominator)


def _share(check: Check, label: str, _cid: str) -> _CheckFn:
    part_get, whole_get = _accessor(check.fact or ""), _accessor(check.of or "")
    share = _share_of(check)
    shown = share[2]

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        part, whole = part_get(ev, unit), whole_get(ev, unit)
        if part is None or whole is None:
            return UNKNOWN, f"{label}: not reported ({shown} required)"
        if part > whole:  # a measure can break this; counts are validated
            return UNKNOWN, f"{label}: {_num(part)} exceeds its total {_num(whole)}"
        return _judge(label, int(part), 0, int(whole), share)

    return fn


def _no_increase(check: Check, label: str, _cid: str) -> _CheckFn:
    now_get, before_get = _accessor(check.fact or ""), _accessor(check.of or "")

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        now, before = now_get(ev, unit), before_get(ev, unit)
        if now is None or before is None:
            return UNKNOWN, f"{label}: this year or the previous year not reported"
        if now <= before:
            return MET, f"{label}: {_num(now)} ≤ {_num(before)} in the previous year"
        return NOT_MET, f"{label}: {_num(now)} > {_num(before)} in the previous year"

    return fn


def _none_of(check: Check, label: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    scope = f" (points {', '.join(check.points)})" if check.points else ""

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        codes = get(ev, unit)
        if codes is None:
            return UNKNOWN, f"{label}: not reported{scope}"
        if not codes:
            return MET, f"{label}: none occurred{scope}"
        return NOT_MET, f"{label}: {len(codes)} occurred ({', '.join(codes)})"

    return fn


def _subunits(check: Check, label: str, _cid: str) -> _CheckFn:
    types = check.unit_types
    share = _share_of(check)
    shown = share[2]
    registered = check.kind is CheckKind.REGISTERED_SHARE
    counted = "registered" if registered else "recognised"
    unknown_field = "registration_unknown" if registered else "recognition_unknown"

    def fn(ev: Evidence, _unit: dict[str, Any]) -> _Outcome:
        tallies: tuple[SubunitTally, ...] | None = ev.subunits
        if tallies is None:
            return UNKNOWN, f"{label}: no tally of managed units ({shown} required)"
        by_type = {t.unit_type: t for t in tallies}
        missing = [t.value for t in types if t not in by_type]
        if missing:
            return UNKNOWN, f"{label}: no tally of {', '.join(missing)}"
        total = known = maybe = 0
        for unit_type in types:
            tally = by_type[unit_type]
            if tally.total is None:
                return UNKNOWN, f"{label}: total of {unit_type.value} not reported"
            count = getattr(tally, counted)
            total += tally.total
            if count is None:
                maybe += tally.total
            else:
                known += count
                maybe += min(getattr(tally, unknown_field), tally.total - count)
        return _judge(label, known, maybe, total, share)

    return fn


def _confirmed(_check: Check, _label: str, cid: str) -> _CheckFn:
    def fn(ev: Evidence, _unit: dict[str, Any]) -> _Outcome:
        if cid in ev.confirmed:
            return MET, "recorded as met by the assessing body"
        if cid in ev.refuted:
            return NOT_MET, "recorded as not met by the assessing body"
        return UNKNOWN, f"not recorded (list {cid!r} in the evidence's confirmed or refuted)"

    return fn


_BUILDERS: dict[CheckKind, Callable[[Check, str, str], _CheckFn]] = {
    CheckKind.TRUE: _true,
    CheckKind.AT_LEAST: _bound,
    CheckKind.AT_MOST: _bound,
    CheckKind.SHARE: _share,
    CheckKind.NO_INCREASE: _no_increase,
    CheckKind.NONE_OF: _none_of,
    CheckKind.REGISTERED_SHARE: _subunits,
    CheckKind.RECOGNISED_SHARE: _subunits,
    CheckKind.CONFIRMED: _confirmed,
}


def unit_facts(unit: object) -> dict[str, Any]:
    """The properties of an assessed record that checks may read (``FactKind.UNIT``, households)."""
    if isinstance(unit, ResidentialArea):
        return {"households": unit.households}
    if isinstance(unit, Organization):
        return {
            "organization_kind": unit.kind,
            "education_level": unit.education_level,
            "enterprise_size": unit.enterprise_size,
        }
    return {}


class CompiledCriterion:
    __slots__ = (
        "checks",
        "clause",
        "criterion",
        "id",
        "key",
        "key_uses_unit",
        "memo",
        "province",
        "unverified",
        "values",
    )

    def __init__(self, criterion: Criterion) -> None:
        self.criterion = criterion
        self.id = criterion.id
        self.clause = criterion.clause
        self.unverified = criterion.unverified
        self.province = criterion.province
        self.checks = tuple(_compile_check(c, criterion.id) for c in criterion.checks)
        # Findings are immutable: identical ones (most of them) are built once.
        self.memo: dict[str, Finding] = {}
        # ... and remembered, with their rank, under the facts they were computed from.
        self.values: dict[Any, tuple[Finding, int]] = {}
        self.key, self.key_uses_unit = key_reader(criterion)

    def miss(self, ev: Evidence, unit: object) -> tuple[Finding, int]:
        """The finding for *ev* and the assessed record *unit*, and its rank, remembered.

        The rank is 0 (met, not applicable), 1 (unknown) or 2 (not met).
        """
        found = self.run(ev, unit_facts(unit))
        entry = (found, _RANK[found.status])
        key = self.key
        if key is not None and len(self.values) < _MEMO_SIZE:
            with suppress(TypeError):  # an unhashable value (not from the codec): not remembered
                self.values[key(ev, unit) if self.key_uses_unit else key(ev)] = entry
        return entry

    def run(self, ev: Evidence, unit: dict[str, Any]) -> Finding:
        failed = unknown = False
        applicable = False
        reasons = []
        for check in self.checks:
            status, reason = check(ev, unit)
            reasons.append(reason)
            if status == NOT_MET:
                failed = True
            elif status == UNKNOWN:
                unknown = True
            elif status == MET:
                applicable = True
        text = reasons[0] if len(reasons) == 1 else "; ".join(reasons)
        found = self.memo.get(text)
        if found is not None:
            return found
        status = NOT_MET if failed else UNKNOWN if unknown else MET if applicable else NA
        finding = Finding(
            criterion=self.id,
            clause=self.clause,
            status=_STATUS[status],
            reason=text,
            unverified=self.unverified,
        )
        if len(self.memo) < _MEMO_SIZE:
            self.memo[text] = finding
        return finding
