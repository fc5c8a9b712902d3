"""Filling in the codes of units a dataset names without them, from the unit registries.

Reports name units ("xã Bình Phú, huyện Tân Hồng") far more often than they
give codes. :func:`enrich_units` looks each uncoded unit of a dataset up in a
:class:`~khuonha.plugins.units.UnitRegistry` and fills in its code and scheme
when exactly one unit fits, marking it ``code_source = registry``
(:class:`~khuonha.CodeSource`). What fits:

- the **name**, as the registry matches it (tone-mark placement, case, level
  word); a unit found only by a *former* name is never filled in;
- the **kind** (xã, phường …), or the level when the kind is not known;
- the **date**: the unit must have existed at the dataset's date
  (:func:`dataset_span`: its ``report_date``, the end of its ``period``, the
  day or month of its news and events);
- the **parent** and every unit above it in the dataset: a commune under
  "huyện Tân Hồng" must lie in a Tân Hồng of the registry (by code when the
  dataset's unit has one or was just filled in, else by name and kind or level).

A unit several registry units fit is left as it is, for review: its ``note``
gains a line starting ``[khuonha enrich]`` that lists the candidates (a
later run replaces that line). So is a unit that matched only by a former
name, or that no unit fits.

>>> from khuonha.plugins.units import merge_unit_registries
>>> from khuonha import sample
>>> result = enrich_units(sample(), merge_unit_registries([]))
>>> result.filled, result.dataset == sample()
((), True)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Literal

import attrs

from khuonha.model.dataset import Dataset
from khuonha.model.places import AdministrativeUnit, CodeSource, UnitLevel
from khuonha.plugins.units import UnitRegistry
from khuonha.text.unicode import match_key

__all__ = ["REVIEW_MARK", "Enrichment", "UnitFill", "dataset_span", "enrich_units"]

#: The start of the line :func:`enrich_units` adds to the ``note`` of a unit left for review.
REVIEW_MARK = "[khuonha enrich]"

Outcome = Literal["filled", "review", "not_found"]

_LEVEL_WORDS = tuple(
    tuple(match_key(word, diacritics=marks).split())
    for word in (
        "thành phố",
        "thị xã",
        "thị trấn",
        "đặc khu",
        "tỉnh",
        "huyện",
        "quận",
        "phường",
        "xã",
    )
    for marks in (True, False)
)


@attrs.frozen(kw_only=True)
class UnitFill:
    """What :func:`enrich_units` did with one unit that had no code.

    - ``index``: the unit's position in ``dataset.units`` (:attr:`path` is
      ``$.units[index]``);
    - ``outcome``: ``filled`` (one unit fits: its code is filled in),
      ``review`` (several fit, or one by a former name only: left unchanged)
      or ``not_found`` (none fits);
    - ``candidates``: the registry units considered (the one filled in, or
      every candidate for review);
    - ``reason``: why, in a sentence (empty when filled).
    """

    index: int
    unit: AdministrativeUnit
    outcome: Outcome
    candidates: tuple[AdministrativeUnit, ...] = ()
    reason: str = ""

    @property
    def path(self) -> str:
        """The unit's JSON path in the document: ``$.units[3]``."""
        return f"$.units[{self.index}]"


@attrs.frozen(kw_only=True)
class Enrichment:
    """The result of :func:`enrich_units`: the new dataset and one :class:`UnitFill` per unit."""

    dataset: Dataset
    fills: tuple[UnitFill, ...]
    span: tuple[date, date] | None

    def _with(self, outcome: Outcome) -> tuple[UnitFill, ...]:
        return tuple(f for f in self.fills if f.outcome == outcome)

    @property
    def filled(self) -> tuple[UnitFill, ...]:
        """The units whose code was filled in."""
        return self._with("filled")

    @property
    def review(self) -> tuple[UnitFill, ...]:
        """The units left for review, with their candidates."""
        return self._with("review")

    @property
    def not_found(self) -> tuple[UnitFill, ...]:
        """The units no registry unit fits."""
        return self._with("not_found")


def dataset_span(dataset: Dataset) -> tuple[date, date] | None:
    """The days the dataset speaks of, as ``(first, last)``; ``None`` when it gives no date.

    The first that is given of: ``report_date``; the end of ``period``; the
    day of ``generated_at``; the latest publication day of its news; the
    latest start day of its events; the latest month or year of its news and
    events (all its days); the start of ``period``.

    >>> from khuonha import sample
    >>> dataset_span(sample())
    (datetime.date(2022, 8, 10), datetime.date(2022, 8, 10))
    """
    as_of = dataset.as_of
    if as_of is not None:
        return as_of, as_of
    days = [e.start_on for e in dataset.events if e.start_on is not None]
    if days:
        return max(days), max(days)
    reduced = [n.published_in for n in dataset.news if n.published_in is not None]
    reduced += [e.start_in for e in dataset.events if e.start_in is not None]
    if reduced:
        latest = max(reduced, key=lambda r: (r.last_day, r.first_day))
        return latest.first_day, latest.last_day
    if dataset.period is not None and dataset.period.start is not None:
        return dataset.period.start, dataset.period.start
    return None


def _key(name: str, marks: bool) -> tuple[str, ...]:
    words = match_key(name, diacritics=marks).split()
    for level in _LEVEL_WORDS:
        n = len(level)
        if len(words) > n and tuple(words[:n]) == level:
            words = words[n:]
            break
    return tuple(str(int(w)) if w.isdigit() else w for w in words)


def same_name(given: str, official: str) -> bool:
    """Whether *given* is *official*'s name (level word, tone marks, case, leading zeros aside).

    A name typed without any mark compares without marks.

    >>> same_name("xã Khuôn Hà", "Khuôn Hà"), same_name("Khuon Ha", "Khuôn Hà")
    (True, True)
    >>> same_name("Phường 01", "Phường 1"), same_name("Hồng Hà", "Nguyễn Phúc")
    (True, False)
    """
    marks = match_key(given) != match_key(given, diacritics=False)
    return _key(given, marks) == _key(official, marks)


def _ancestors(registry: UnitRegistry, unit: AdministrativeUnit) -> Iterator[AdministrativeUnit]:
    seen = {unit.id}
    parent = unit.parent
    while parent is not None and parent not in seen:
        seen.add(parent)
        above = registry.get(parent)
        if above is None:
            return
        yield above
        parent = above.parent


def _same_unit(a: AdministrativeUnit, b: AdministrativeUnit) -> bool:
    return a.code is not None and (a.scheme, a.code) == (b.scheme, b.code)


def _fits(given: AdministrativeUnit, official: AdministrativeUnit) -> bool:
    """Whether the registry unit *official* can be the dataset's uncoded unit *given*."""
    if given.kind is not None and official.kind is not given.kind:
        return False
    return official.level is given.level


def _overlaps(unit: AdministrativeUnit, span: tuple[date, date]) -> bool:
    first, last = span
    if unit.valid_from is not None and unit.valid_from > last:
        return False
    return unit.valid_until is None or unit.valid_until >= first


def describe(registry: UnitRegistry, unit: AdministrativeUnit) -> str:
    """One candidate in words: ``pre_2025 02251 Khuôn Hà (xa; Lâm Bình, Tuyên Quang)``."""
    kind = unit.kind.value if unit.kind is not None else unit.level.value
    where = ", ".join(a.name for a in _ancestors(registry, unit))
    scheme = unit.scheme.value if unit.scheme is not None else "?"
    inside = f"{kind}; {where}" if where else kind
    return f"{scheme} {unit.code} {unit.name} ({inside})"


class _Walk:
    """The dataset's units, parents before children, and what each resolved to."""

    def __init__(self, dataset: Dataset, registry: UnitRegistry) -> None:
        self.registry = registry
        self.units = dataset.units
        self.by_id = {u.id: u for u in dataset.units}
        self.index = {u.id: i for i, u in enumerate(dataset.units)}
        #: dataset unit id → the registry unit it is (its own code, or the one filled in)
        self.known: dict[str, AdministrativeUnit] = {}
        for unit in dataset.units:
            if unit.code is not None and unit.scheme is not None:
                found = registry.find(unit.code, unit.scheme)
                if found is not None:
                    self.known[unit.id] = found

    def order(self) -> list[int]:
        """Positions of the units, each after its parent (a cycle is broken where met)."""
        out: list[int] = []
        state: dict[str, int] = {}  # 1: in progress, 2: done
        for unit in self.units:
            chain = []
            current: AdministrativeUnit | None = unit
            while current is not None and state.get(current.id) is None:
                state[current.id] = 1
                chain.append(current)
                current = self.by_id.get(current.parent) if current.parent else None
            for u in reversed(chain):
                state[u.id] = 2
                out.append(self.index[u.id])
        return out

    def dataset_ancestors(self, unit: AdministrativeUnit) -> Iterator[AdministrativeUnit]:
        seen = {unit.id}
        current = unit
        while current.parent is not None and current.parent not in seen:
            seen.add(current.parent)
            above = self.by_id.get(current.parent)
            if above is None:
                return
            yield above
            current = above

    def lies_in(self, official: AdministrativeUnit, given: AdministrativeUnit) -> bool:
        """Whether registry unit *official* lies inside the dataset's unit *given*."""
        resolved = self.known.get(given.id)
        for above in _ancestors(self.registry, official):
            if resolved is not None:
                if _same_unit(above, resolved):
                    return True
            elif _fits(given, above) and same_name(given.name, above.name):
                return True
        return False


def enrich_units(dataset: Dataset, registry: UnitRegistry) -> Enrichment:
    """Fill in the codes of *dataset*'s uncoded units that exactly one registry unit fits.

    Returns the new dataset (units filled in get ``code``, ``scheme`` and
    ``code_source = registry``; units left for review get a ``[khuonha
    enrich]`` line in their ``note`` listing the candidates) and one
    :class:`UnitFill` per unit that had no code. Units are looked at parents
    first, so a district filled in narrows its communes.
    """
    span = dataset_span(dataset)
    walk = _Walk(dataset, registry)
    units: list[AdministrativeUnit] = list(dataset.units)
    fills: list[UnitFill] = []
    for i in walk.order():
        unit = dataset.units[i]
        if unit.code is not None:
            continue
        fill = _resolve(walk, unit, i, span)
        fills.append(fill)
        base = _without_review(unit.note)
        if fill.outcome == "filled":
            found = fill.candidates[0]
            walk.known[unit.id] = found
            units[i] = attrs.evolve(
                unit,
                code=found.code,
                scheme=found.scheme,
                code_source=CodeSource.REGISTRY,
                note=base,
            )
        else:
            line = f"{REVIEW_MARK} code not filled in: {fill.reason}"
            if fill.candidates:
                line += "; candidates: " + "; ".join(describe(registry, c) for c in fill.candidates)
            units[i] = attrs.evolve(unit, note=line if base is None else f"{base}\n{line}")
    fills.sort(key=lambda f: f.index)
    changed = tuple(units) != dataset.units
    result = attrs.evolve(dataset, units=tuple(units)) if changed else dataset
    return Enrichment(dataset=result, fills=tuple(fills), span=span)


def _without_review(note: str | None) -> str | None:
    if note is None:
        return None
    kept = [line for line in note.split("\n") if not line.startswith(REVIEW_MARK)]
    text = "\n".join(kept).strip()
    return text or None


def _province_hint(walk: _Walk, unit: AdministrativeUnit) -> str | None:
    for above in walk.dataset_ancestors(unit):
        if above.level is UnitLevel.PROVINCE:
            known = walk.known.get(above.id)
            return known.code if known is not None else above.name
    return None


def _resolve(
    walk: _Walk, unit: AdministrativeUnit, index: int, span: tuple[date, date] | None
) -> UnitFill:
    province = _province_hint(walk, unit)
    found: Sequence[AdministrativeUnit] = walk.registry.resolve(unit.name, province=province)
    candidates = [c for c in found if c.code is not None and c.scheme is not None]
    candidates = [c for c in candidates if _fits(unit, c)]
    where = "" if province is None else f" in province {province}"
    if span is not None:
        dated = [c for c in candidates if _overlaps(c, span)]
        if not dated and candidates:
            when = span[0].isoformat() if span[0] == span[1] else f"{span[0]} – {span[1]}"
            return UnitFill(
                index=index,
                unit=unit,
                outcome="review",
                candidates=tuple(candidates),
                reason=f"no unit of that name and kind{where} existed on the dataset's date "
                f"({when})",
            )
        candidates = dated
    if not candidates:
        kind = unit.kind.value if unit.kind is not None else unit.level.value
        return UnitFill(
            index=index,
            unit=unit,
            outcome="not_found",
            reason=f"no {kind} named {unit.name!r}{where} in the unit registries",
        )
    for above in walk.dataset_ancestors(unit):  # its parent, the parent's parent …
        inside = [c for c in candidates if walk.lies_in(c, above)]
        if not inside:
            return UnitFill(
                index=index,
                unit=unit,
                outcome="review",
                candidates=tuple(candidates),
                reason=f"none of the {len(candidates)} unit(s) named {unit.name!r} lies in "
                f"{above.name!r}, above it in the dataset",
            )
        candidates = inside
    if len(candidates) > 1:
        return UnitFill(
            index=index,
            unit=unit,
            outcome="review",
            candidates=tuple(candidates),
            reason=f"{len(candidates)} units fit the name {unit.name!r}",
        )
    (only,) = candidates
    if not same_name(unit.name, only.name):
        return UnitFill(
            index=index,
            unit=unit,
            outcome="review",
            candidates=(only,),
            reason=f"found only by a former name: {only.name!r} is its name in the registry",
        )
    return UnitFill(index=index, unit=unit, outcome="filled", candidates=(only,))
