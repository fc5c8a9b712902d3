"""Bundled rulesets: loading, amendments (``extends``), and the basis in force for a cycle.

Each ``*.json`` file in ``khuonha/rulesets`` that has ``criteria`` or
``extends`` is a certification ruleset; files are read and decoded once per
process. An amending ruleset is resolved against the ruleset it extends.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from khuonha.codec.core import from_dict, parse_json
from khuonha.exceptions import DecodeError, InvalidDataError, RulesetNotFoundError
from khuonha.model.certification import UnitType
from khuonha.rules.criteria import Check, CheckKind, Criterion, Ruleset
from khuonha.rules.windows import assessment_window

__all__ = [
    "basis_key",
    "bundled_rulesets",
    "default_ruleset",
    "included_checks",
    "list_rulesets",
    "load_ruleset",
    "resolve",
    "root_basis",
]

_DOC_NUMBER = re.compile(r"([0-9]+)\s*/\s*([0-9]{4})")


def basis_key(basis: str) -> str:
    """A key shared by "124/2021/TT-BCA", "TT 124/2021" and "Thông tư số 124/2021".

    >>> basis_key("TT 124/2021"), basis_key("124/2021/TT-BCA")
    ('124/2021', '124/2021')
    """
    found = _DOC_NUMBER.search(basis)
    if found is None:
        return basis.strip().casefold()
    return f"{int(found.group(1))}/{found.group(2)}"


def _is_ruleset(data: Any) -> bool:
    return isinstance(data, dict) and ("criteria" in data or "extends" in data)


@cache
def bundled_rulesets() -> dict[str, Ruleset]:
    """The bundled rulesets as written (unresolved), by :func:`basis_key`."""

    found: dict[str, Ruleset] = {}
    folder = files("khuonha").joinpath("rulesets")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = parse_json(entry.read_bytes())
        if not _is_ruleset(data):
            continue
        try:
            ruleset = from_dict(data, Ruleset)
        except DecodeError as exc:  # a broken package: say which file
            raise DecodeError([f"rulesets/{entry.name}: {e}" for e in exc.errors]) from None
        found[basis_key(ruleset.basis)] = ruleset
    return found


def _available() -> list[str]:
    return sorted(r.basis for r in bundled_rulesets().values())


def _lookup(basis: str) -> Ruleset:
    ruleset = bundled_rulesets().get(basis_key(basis))
    if ruleset is None:
        raise RulesetNotFoundError(basis, _available())
    return ruleset


def included_checks(
    criterion: Criterion, by_id: dict[str, Criterion], path: tuple[str, ...]
) -> tuple[Check, ...]:
    """The checks *criterion* reuses through ``includes``, each labelled with its clause."""
    found: list[Check] = []
    for j, include in enumerate(criterion.includes):
        where = f"criteria[{path[0]}].includes[{j}]"
        target = by_id.get(include.criterion)
        if target is None:
            raise InvalidDataError(
                f"{criterion.id} includes unknown criterion {include.criterion!r}",
                field=f"{where}.criterion",
            )
        if target.id in path[1:]:
            raise InvalidDataError(
                f"{criterion.id} includes itself through {target.id}", field=f"{where}.criterion"
            )
        checks = target.checks + included_checks(target, by_id, (*path, target.id))
        kept: list[Check] = []
        for check in checks:
            if include.points:
                if check.kind is not CheckKind.NONE_OF:
                    continue
                unknown = [p for p in include.points if check.points and p not in check.points]
                if unknown:
                    raise InvalidDataError(
                        f"{target.id} has no point {', '.join(unknown)}", field=f"{where}.points"
                    )
                check = attrs.evolve(check, points=include.points)  # noqa: PLW2901
            kept.append(
                attrs.evolve(
                    check,
                    label=f"{check.label or (check.fact or target.id).replace('_', ' ')} "
                    f"({target.clause})",
                    label_vi=None
                    if check.label_vi is None
                    else f"{check.label_vi} ({target.clause})",
                )
            )
        if include.points and not kept:
            raise InvalidDataError(
                f"{target.id} has no list of points to choose from", field=f"{where}.points"
            )
        found.extend(kept)
    return tuple(found)


def _expand(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """*criteria* with the checks their ``includes`` name filled in (:attr:`Criterion.included`)."""
    if not any(c.includes for c in criteria):
        return criteria
    by_id = {c.id: c for c in criteria}
    return tuple(
        attrs.evolve(c, included=included_checks(c, by_id, (str(i), c.id))) if c.includes else c
        for i, c in enumerate(criteria)
    )


def resolve(ruleset: Ruleset, _seen: tuple[str, ...] = ()) -> Ruleset:
    """Apply an amending ruleset to the bundled ruleset it ``extends``.

    Criteria with the id of a base criterion replace it in place, new ones are
    appended, ``removes`` drops base criteria, and ``exclusions`` and
    ``procedure`` (when given) replace the base's. A criterion's ``includes``
    are resolved against the result (so an amended clause is reused in its
    amended form). A ruleset that extends nothing is returned with its
    exclusions filled in. Resolving twice gives the same ruleset.
    """
    if ruleset.extends is None:
        expanded = _expand(ruleset.criteria)
        if ruleset.exclusions is None or expanded is not ruleset.criteria:
            return attrs.evolve(ruleset, exclusions=ruleset.exclusions or (), criteria=expanded)
        return ruleset
    key = basis_key(ruleset.basis)
    if key in _seen:
        raise RulesetNotFoundError(ruleset.extends, _available(), "circular extends")
    base = resolve(_lookup(ruleset.extends), (*_seen, key))
    unknown = [r for r in ruleset.removes if r not in {c.id for c in base.criteria}]
    if unknown:
        raise InvalidDataError(
            f"{ruleset.basis} removes unknown criteria of {base.basis}: {', '.join(unknown)}",
            field="removes",
        )
    overrides = {c.id: c for c in ruleset.criteria}
    merged: list[Criterion] = []
    for criterion in base.criteria:
        if criterion.id in ruleset.removes:
            continue
        merged.append(overrides.pop(criterion.id, criterion))
    merged.extend(c for c in ruleset.criteria if c.id in overrides)
    return attrs.evolve(
        ruleset,
        exclusions=base.exclusions if ruleset.exclusions is None else ruleset.exclusions,
        criteria=_expand(tuple(merged)),
        procedure=base.procedure if ruleset.procedure is None else ruleset.procedure,
    )


def root_basis(ruleset: Ruleset) -> str:
    """The basis at the root of the ``extends`` chain (whose assessment windows apply)."""
    seen = 0
    while ruleset.extends is not None and seen < 20:
        ruleset = _lookup(ruleset.extends)
        seen += 1
    return ruleset.basis


@cache
def load_ruleset(basis: str) -> Ruleset:
    """The bundled ruleset of *basis*, named by its document number, amendments applied.

    >>> load_ruleset("124/2021/TT-BCA").valid_from
    datetime.date(2022, 2, 10)
    >>> [c.clause for c in load_ruleset("TT 124/2021").criteria_for("khu_dan_cu")][:2]
    ['Điều 4 khoản 1', 'Điều 4 khoản 2']
    >>> load_ruleset("1/2000/TT-BCA")
    Traceback (most recent call last):
    ...
    khuonha.exceptions.RulesetNotFoundError: no ruleset for '1/2000/TT-BCA'; available: 124/2021/TT-BCA, 23/2012/TT-BCA, 48/2025/TT-BCA
    """  # noqa: E501
    return resolve(_lookup(basis))


def list_rulesets() -> tuple[Ruleset, ...]:
    """Every bundled ruleset, resolved, oldest ``valid_from`` first (unknown dates last).

    >>> [r.basis for r in list_rulesets()]
    ['23/2012/TT-BCA', '124/2021/TT-BCA', '48/2025/TT-BCA']
    """
    resolved = [load_ruleset(r.basis) for r in bundled_rulesets().values()]
    return tuple(sorted(resolved, key=lambda r: (r.valid_from is None, r.valid_from or 0, r.basis)))


@cache
def default_ruleset(unit_type: UnitType, cycle: int) -> Ruleset:
    """The ruleset in force on the last day of *unit_type*'s window for *cycle*.

    >>> default_ruleset(UnitType.KHU_DAN_CU, 2021).basis
    '23/2012/TT-BCA'
    >>> default_ruleset(UnitType.XA, 2022).basis
    '124/2021/TT-BCA'
    """
    candidates = [r for r in list_rulesets() if r.valid_from is not None]
    candidates.sort(key=lambda r: r.valid_from or 0, reverse=True)
    for ruleset in candidates:
        window = assessment_window(unit_type, cycle, root_basis(ruleset))
        if window.end is not None and ruleset.in_force_on(window.end):
            return ruleset
    raise RulesetNotFoundError(
        None, _available(), f"none in force at the end of the {unit_type.value} cycle {cycle}"
    )
