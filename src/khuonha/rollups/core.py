"""Roll-ups: totals per unit and indicator, from village to province, across the 2025 reform.

:func:`rollup` adds up the figures of one or more datasets per unit (at the
commune or the province level) and per indicator of the catalogue, keeping
qualifiers honest (:class:`~khuonha.rollups.bounds.Total`). A commune that
was merged on 1/7/2025 is counted under the commune that took it over; a
commune split between several cannot have its figures divided, so they stay
under the old commune with a note. With ``compare="cung-ky"`` each total is
set beside the same period a year earlier. Every unit of the level that
reported nothing is listed.

>>> import khuonha
>>> r = rollup([khuonha.sample()], level="commune")
>>> row = r.row("post_2025:02269", "luot_nguoi_nghe")
>>> row.unit_name, row.unit_code, row.total.describe()
('Thượng Lâm', '02269', 'trên 2.500')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model import AdministrativeUnit, Dataset, UnitLevel
from khuonha.rollups.bounds import Total
from khuonha.rollups.indicators import Catalogue, Indicator, indicator_catalogue
from khuonha.text import Period, Qualifier, Quantity

__all__ = ["Comparison", "Rollup", "RollupRow", "rollup"]

Level = Literal["commune", "province"]


@attrs.frozen(kw_only=True)
class Comparison:
    """A total beside the same period a year earlier (so sánh cùng kỳ).

    ``low``/``high`` bound the difference (``None``: unbounded on that side);
    ``percent`` is given only when both totals are exact and the earlier one
    is not zero.
    """

    previous: Total
    low: float | int | None
    high: float | int | None
    percent: float | None

    def as_dict(self) -> dict[str, object]:
        """Plain JSON data."""
        exact = self.low is not None and self.low == self.high
        return {
            "previous": self.previous.as_dict(),
            "difference": self.low if exact else None,
            "difference_low": self.low,
            "difference_high": self.high,
            "percent": self.percent,
        }


@attrs.frozen(kw_only=True)
class RollupRow:
    """The total of one indicator for one unit."""

    unit: str
    """The unit's key: ``scheme:code`` (``post_2025:02269``), or its id when it has no code."""
    unit_name: str
    unit_code: str | None
    indicator: Indicator = attrs.field(eq=False)
    total: Total
    comparison: Comparison | None = None

    def as_dict(self, language: str = "vi") -> dict[str, object]:
        """Plain JSON data."""
        out: dict[str, object] = {
            "unit": self.unit,
            "unit_name": self.unit_name,
            "unit_code": self.unit_code,
            "indicator": self.indicator.id,
            "indicator_label": self.indicator.label(language),
            "indicator_unit": self.indicator.unit,
            "total": self.total.as_dict(),
        }
        if self.comparison is not None:
            out["cung_ky"] = self.comparison.as_dict()
        return out


@attrs.frozen(kw_only=True)
class Rollup:
    """The result of :func:`rollup`: rows, silent units and notes."""

    level: Level
    period: Period | None
    previous_period: Period | None
    rows: tuple[RollupRow, ...]
    silent: tuple[tuple[str, str], ...]
    """``(unit id, name)`` of every unit of the level that reported nothing."""
    notes: tuple[str, ...]

    def row(self, unit: str, indicator: str) -> RollupRow:
        """The row of *unit* and *indicator*."""
        for r in self.rows:
            if r.unit == unit and r.indicator.id == indicator:
                return r
        raise KeyError((unit, indicator))

    def totals(self, indicator: str) -> dict[str, Total]:
        """Every unit's total of *indicator*, by unit id."""
        return {r.unit: r.total for r in self.rows if r.indicator.id == indicator}

    def as_dict(self, language: str = "vi") -> dict[str, object]:
        """Plain JSON data, as ``khuonha rollup --json`` prints it."""

        def period(p: Period | None) -> object:
            if p is None:
                return None
            return {
                "start": None if p.start is None else p.start.isoformat(),
                "end": None if p.end is None else p.end.isoformat(),
                "label": p.label,
            }

        return {
            "level": self.level,
            "period": period(self.period),
            "previous_period": period(self.previous_period),
            "rows": [r.as_dict(language) for r in self.rows],
            "silent_units": [{"unit": u, "name": n} for u, n in self.silent],
            "notes": list(self.notes),
        }


# ----------------------------------------------------------------------------- units


class _Units:
    """Where each record's figures go: the unit at the level asked for, across datasets."""

    def __init__(
        self,
        level: Level,
        reorganisation: Mapping[str, Sequence[str]],
        unit_names: Mapping[str, str],
    ) -> None:
        self.level = level
        self.reorganisation = reorganisation
        self.unit_names = unit_names
        self.names: dict[str, tuple[str, str | None]] = {}
        self.known: set[str] = set()
        self.notes: list[str] = []
        self._split_noted: set[str] = set()

    @staticmethod
    def key(unit: AdministrativeUnit) -> str:
        """A unit's identity across datasets: its scheme and code when it has one."""
        code = getattr(unit, "code", None)
        return f"{unit.scheme.value}:{code}" if code and unit.scheme else unit.id

    def add_dataset(self, ds: Dataset) -> dict[str, str | None]:
        """Map each unit id of *ds* to the key of the unit its figures count under."""
        by_id = {u.id: u for u in ds.units}
        out: dict[str, str | None] = {}
        for unit in ds.units:
            out[unit.id] = self._target(unit, by_id)
        for unit in ds.units:
            target = out[unit.id]
            if target is not None and unit.level.value == self.level:
                self.known.add(target)
        return out

    def _target(self, unit: AdministrativeUnit, by_id: dict[str, AdministrativeUnit]) -> str | None:
        seen: set[str] = set()
        current: AdministrativeUnit | None = unit
        while current is not None and current.id not in seen:
            seen.add(current.id)
            successors = [by_id[s] for s in current.successors if s in by_id]
            outside = self.reorganisation.get(getattr(current, "code", None) or "", ())
            if len(successors) > 1 or len(outside) > 1:
                self._note_split(current, [s.name for s in successors] or list(outside))
            elif successors:
                current = successors[0]
                continue
            elif outside:
                key = f"post_2025:{outside[0]}"
                if self.level == "commune" and current.level is UnitLevel.COMMUNE:
                    name = self.unit_names.get(outside[0], outside[0])
                    self.names.setdefault(key, (name, outside[0]))
                    return key
            if current.level.value == self.level:
                key = self.key(current)
                self.names.setdefault(key, (current.name, getattr(current, "code", None)))
                return key
            parent = by_id.get(current.parent) if current.parent else None
            current = parent
        return None

    def _note_split(self, unit: AdministrativeUnit, into: Sequence[str]) -> None:
        if unit.id in self._split_noted:
            return
        self._split_noted.add(unit.id)
        self.notes.append(
            f"{unit.name} was split between {', '.join(into)}: its figures cannot be divided "
            "and stay under the old unit"
        )


def _commune_of(record: Any, collection: str, ds: Dataset, index: dict[str, str]) -> str | None:
    """The id of the administrative unit a record's figure belongs to."""
    candidates: list[str | None] = []
    if collection == "certifications":
        candidates += [getattr(record, "commune", None), getattr(record, "unit", None)]
    candidates += list(getattr(record, "covered", ()) or ())
    candidates += [
        getattr(record, "unit", None),
        getattr(record, "host", None),
        getattr(record, "actor", None),
    ]
    candidates.append(ds.commune)
    for ref in candidates:
        if ref is None:
            continue
        found = index.get(ref)
        if found is not None:
            return found
    return None


def _unit_index(ds: Dataset) -> dict[str, str]:
    """Every id of *ds* that places a figure (units, areas, organisations) → a unit id."""
    index: dict[str, str] = {u.id: u.id for u in ds.units}
    for area in ds.areas:
        if area.unit is not None:
            index[area.id] = area.unit
    for org in ds.organizations:
        if org.unit is not None:
            index[org.id] = org.unit
    return index


# ----------------------------------------------------------------------------- figures


def _role(record: Any) -> str:
    """A statistic's role (result, target, baseline, profile …); none means a result."""
    role = getattr(record, "role", None)
    return "result" if role is None else str(getattr(role, "value", role))


def _figure(record: Any, collection: str, measure: str) -> Total | None:
    if collection == "activities":
        quantity: Quantity = record.quantity
        if quantity.unit == "%" or (quantity.total is not None and quantity.unit is None):
            return None
        return Total.of(quantity)
    if collection == "groups":
        if measure == "members":
            members = getattr(record, "members", None)
            if isinstance(members, Quantity):
                return Total.of(members)
            if isinstance(members, int):
                return Total.exact(members)
            return None
        if measure == "sites":
            sites = getattr(record, "sites", None)
            if isinstance(sites, Quantity):
                return Total.of(sites)
            covered = getattr(record, "covered", ())
            return Total.exact(len(covered)) if covered else None
        count = getattr(record, "count", None)
        if isinstance(count, Quantity):
            return Total.of(count)
        # one record is one group, unless it only says where groups exist ("thôn nào cũng có")
        return None if getattr(record, "coverage", None) else Total.exact(1)
    if collection == "certifications":
        if str(getattr(record.result, "value", record.result)) != "dat":
            return None
        count = getattr(record, "count", None)
        return Total.of(count) if isinstance(count, Quantity) else Total.exact(1)
    return None


def _kind(record: Any, collection: str) -> str:
    if collection == "certifications":
        return str(record.unit_type.value)
    kind = record.kind
    return str(getattr(kind, "value", kind))


_COLLECTIONS = ("activities", "groups", "certifications")


class _Acc:
    """A running :class:`Total`, mutable while figures are added (one object per key)."""

    __slots__ = ("approximate", "count", "high", "high_open", "low", "low_open")

    def __init__(self) -> None:
        self.low: int | float = 0
        self.high: int | float | None = 0
        self.low_open = False
        self.high_open = False
        self.approximate = False
        self.count = 0

    def add(self, value: int | float, qualifier: Qualifier) -> None:
        self.count += 1
        if qualifier is Qualifier.EXACT:
            self.low += value
            if self.high is not None:
                self.high += value
        elif qualifier is Qualifier.MORE_THAN or qualifier is Qualifier.AT_LEAST:
            self.low += value
            self.high = None
            self.low_open = self.low_open or qualifier is Qualifier.MORE_THAN
        elif qualifier is Qualifier.NEARLY or qualifier is Qualifier.AT_MOST:
            if self.high is not None:
                self.high += value
            self.high_open = self.high_open or qualifier is Qualifier.NEARLY
        else:  # about, basically: an estimate
            self.low += value
            if self.high is not None:
                self.high += value
            self.approximate = True

    def add_total(self, other: Total) -> None:
        self.count += other.count
        self.low += other.low
        self.high = None if self.high is None or other.high is None else self.high + other.high
        self.low_open = self.low_open or other.low_open
        self.high_open = self.high_open or other.high_open
        self.approximate = self.approximate or other.approximate

    def total(self) -> Total:
        def tidy(x: int | float) -> int | float:
            return round(x, 6) if isinstance(x, float) else x

        return Total(
            low=tidy(self.low),
            high=None if self.high is None else tidy(self.high),
            low_open=self.low_open,
            high_open=self.high_open,
            approximate=self.approximate,
            count=self.count,
        )


def _where(
    record_period: Period | None, period: Period | None, previous: Period | None
) -> Literal["current", "previous", "outside", "straddles", "undated"]:
    if period is None:
        return "current"
    if record_period is None:
        return "undated"
    if period.contains(record_period):
        return "current"
    if previous is not None and previous.contains(record_period):
        return "previous"
    if period.overlaps(record_period) or (
        previous is not None and previous.overlaps(record_period)
    ):
        return "straddles"
    return "outside"


def rollup(
    datasets: Iterable[Dataset],
    *,
    level: Level = "commune",
    period: Period | None = None,
    compare: Literal["cung-ky"] | None = None,
    reorganisation: Mapping[str, Sequence[str]] | None = None,
    unit_names: Mapping[str, str] | None = None,
    catalogue: Catalogue | None = None,
) -> Rollup:
    """Add up the figures of *datasets* per unit at *level* and per indicator.

    - *period*: only figures whose period lies within it count (a figure
      whose period straddles the bounds cannot be divided: it is left out and
      noted); ``None`` takes each dataset's figures as they are;
    - *compare*: ``"cung-ky"`` sets each total beside the same period a year
      earlier (needs *period*);
    - *reorganisation*: old commune code → the post-2025 codes that took it
      over (a unit registry gives it: ``khuonha rollup`` asks the installed
      one); the datasets' own ``successors`` come first; *unit_names* names
      those post-2025 codes;
    - *catalogue*: the indicators (default: the bundled catalogue).

    Figures that are not results (targets, baselines, profile figures),
    percentages and non-summable indicators are not added up.
    """
    if level not in ("commune", "province"):
        raise InvalidDataError(
            f"expected the level 'commune' or 'province', got {level!r:.40}", field="level"
        )
    if compare not in (None, "cung-ky"):
        raise InvalidDataError(f"expected compare 'cung-ky', got {compare!r:.40}", field="compare")
    if compare is not None and (period is None or period.end is None):
        raise InvalidDataError(
            "a comparison with the same period a year earlier (cùng kỳ) needs a closed period",
            field="period",
        )
    previous = None
    if compare is not None and period is not None and period.end is not None:
        previous = period.same_period_in(period.end.year - 1)
    cat = catalogue or indicator_catalogue()
    units = _Units(level, reorganisation or {}, unit_names or {})
    # The hot loop allocates nothing per figure: accumulators live per target unit in a
    # dict keyed by small ints (2 × the indicator's slot, + 1 for the earlier period).
    accs: dict[str, dict[int, _Acc]] = {}
    slots: dict[str, int] = {}
    indicators: dict[str, Indicator] = {}
    skipped = {"straddles": 0, "undated": 0}
    feeds: dict[str, dict[str, list[tuple[Indicator, str, int]]]] = {c: {} for c in _COLLECTIONS}
    roles: dict[Any, str] = {None: "result"}
    wheres: dict[int, str] = {}
    for ds in datasets:
        targets = units.add_dataset(ds)
        index = _unit_index(ds)
        placed: dict[str, str | None] = {}
        for collection in _COLLECTIONS:
            records = getattr(ds, collection)
            if not records:
                continue
            has_role = hasattr(records[0], "role")
            activities = collection == "activities"
            feeding = feeds[collection]
            for record in records:
                kind = record.kind if activities else _kind(record, collection)
                fed = feeding.get(kind)
                if fed is None:
                    fed = feeding[kind] = []
                    for i, m in cat.feeding(collection, kind):
                        if i.summable:
                            slot = slots.setdefault(i.id, len(slots))
                            indicators[i.id] = i
                            fed.append((i, m, 2 * slot))
                if not fed:
                    continue
                if has_role:
                    raw = record.role
                    role = roles.get(raw)
                    if role is None:
                        role = roles[raw] = _role(record)
                else:
                    role = "result"
                own = getattr(record, "period", None) or ds.period
                where = wheres.get(id(own))
                if where is None:
                    where = wheres[id(own)] = _where(own, period, previous)
                if where not in ("current", "previous"):
                    if where != "outside":
                        skipped[where] += 1
                    continue
                covered = getattr(record, "covered", None)
                ref = index.get(covered[0]) if covered else None
                if ref is None:
                    ref = _commune_of(record, collection, ds, index)
                    if ref is None:
                        continue
                target = placed.get(ref)
                if target is None:
                    if ref in placed:
                        continue
                    target = placed[ref] = targets.get(ref)
                    if target is None:
                        continue
                per = accs.get(target)
                if per is None:
                    per = accs[target] = {}
                earlier = 1 if where == "previous" else 0
                for indicator, measure, slot2 in fed:
                    if role not in indicator.roles:
                        continue
                    acc = per.get(slot2 + earlier)
                    if acc is None:
                        acc = per[slot2 + earlier] = _Acc()
                    if activities:
                        quantity = record.quantity
                        if quantity.unit != "%":
                            acc.add(quantity.value, quantity.qualifier)
                        continue
                    figure = _figure(record, collection, measure)
                    if figure is not None:
                        acc.add_total(figure)
    by_slot = {2 * slot: ind_id for ind_id, slot in slots.items()}
    sums = {
        (target, by_slot[key - key % 2], bool(key % 2)): acc
        for target, per in accs.items()
        for key, acc in per.items()
    }
    totals = {key: acc.total() for key, acc in sums.items() if acc.count}
    rows = []
    order = {ind.id: n for n, ind in enumerate(cat.indicators)}
    current_keys = sorted(
        {(u, i) for (u, i, prev) in totals if not prev or compare is not None},
        key=lambda k: (units.names.get(k[0], (k[0], None))[0], order.get(k[1], 0)),
    )
    for unit, ind_id in current_keys:
        total = totals.get((unit, ind_id, False), Total())
        comparison = None
        if compare is not None:
            comparison = _compare(total, totals.get((unit, ind_id, True), Total()))
        name, code = units.names.get(unit, (unit, None))
        rows.append(
            RollupRow(
                unit=unit,
                unit_name=name,
                unit_code=code,
                indicator=indicators[ind_id],
                total=total,
                comparison=comparison,
            )
        )
    reported = {u for (u, _i, prev) in totals if not prev}
    silent = tuple(
        sorted((k, units.names.get(k, (k, None))[0]) for k in units.known if k not in reported)
    )
    notes = list(units.notes)
    if skipped["straddles"]:
        notes.append(
            f"{skipped['straddles']} figure(s) cover a period that straddles the one asked for: "
            "they cannot be divided and were left out"
        )
    if skipped["undated"]:
        notes.append(f"{skipped['undated']} figure(s) have no period and were left out")
    return Rollup(
        level=level,
        period=period,
        previous_period=previous,
        rows=tuple(rows),
        silent=silent,
        notes=tuple(notes),
    )


def _compare(current: Total, previous: Total) -> Comparison:
    low = None if previous.high is None else current.low - previous.high
    high = None if current.high is None else current.high - previous.low
    percent = None
    if current.is_exact and previous.is_exact and previous.low:
        percent = round((current.low - previous.low) * 100 / previous.low, 2)
    return Comparison(previous=previous, low=low, high=high, percent=percent)
