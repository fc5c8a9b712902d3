"""Unit registries: the protocol plugins implement, and the merge the host hands out.

A unit registry answers two questions about administrative units: "which
units could this name mean?" (:meth:`UnitRegistry.resolve`) and "which unit
has this id?" (:meth:`UnitRegistry.get`). Plugins return registries from
:func:`~khuonha.plugins.hookspecs.khuonha_register_units`; the host merges them in load
order with :func:`merge_unit_registries`, so the command ``khuonha unit`` and
every caller see one registry. A merged registry lists each unit (its scheme
and code) once: the first registry that knows it wins.

>>> merged = merge_unit_registries([])
>>> merged.resolve("xã Khuôn Hà")
[]
>>> merged.get("pre_2025:02251") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from khuonha.model import AdministrativeUnit, CodeScheme

if TYPE_CHECKING:
    from khuonha.model import Dataset

__all__ = ["UnitRegistry", "check_units", "merge_unit_registries"]


@runtime_checkable
class UnitRegistry(Protocol):
    """What a unit registry plugin provides (a structural type: no base class needed).

    - ``resolve(name, on=, province=)``: every unit *name* may mean, as
      :class:`~khuonha.AdministrativeUnit` records. Match names with
      :func:`khuonha.match_key`, so tone-mark placement, case and NFC/NFD do
      not matter; accept the name with or without its level word ("xã Khuôn
      Hà", "Khuôn Hà"). ``on`` keeps the units that existed on that day
      (their scheme's validity), ``province`` (a province's name or code)
      keeps the units inside that province. An ambiguous name gives every
      candidate; an unknown one an empty list.
    - ``get(id)``: the unit with this id (the ids ``parent``, ``successors``
      and ``predecessors`` hold), or ``None``.
    - ``find(code, scheme)``: the unit with this official code in *scheme*, or ``None``.

    .. versionadded:: 0.1
    """

    def resolve(
        self, name: str, *, on: date | None = None, province: str | None = None
    ) -> Sequence[AdministrativeUnit]:
        """Every unit *name* may mean, narrowed by *on* and *province*."""
        ...

    def get(self, id: str) -> AdministrativeUnit | None:
        """The unit with this id, or ``None``."""
        ...

    def find(self, code: str, scheme: CodeScheme) -> AdministrativeUnit | None:
        """The unit with this official code in *scheme*, or ``None``."""
        ...


class _MergedRegistry:
    """Several registries asked in order; each unit (scheme, code) listed once."""

    def __init__(self, registries: Iterable[UnitRegistry]) -> None:
        self.registries = tuple(registries)

    def resolve(
        self, name: str, *, on: date | None = None, province: str | None = None
    ) -> list[AdministrativeUnit]:
        seen: set[tuple[CodeScheme, str]] = set()
        out: list[AdministrativeUnit] = []
        for registry in self.registries:
            for unit in registry.resolve(name, on=on, province=province):
                if unit.scheme is None or unit.code is None:
                    continue
                key = (unit.scheme, unit.code)
                if key not in seen:
                    seen.add(key)
                    out.append(unit)
        return out

    def get(self, id: str) -> AdministrativeUnit | None:
        for registry in self.registries:
            unit = registry.get(id)
            if unit is not None:
                return unit
        return None

    def find(self, code: str, scheme: CodeScheme) -> AdministrativeUnit | None:
        for registry in self.registries:
            unit = registry.find(code, scheme)
            if unit is not None:
                return unit
        return None

    def __repr__(self) -> str:
        return f"<merged unit registry of {len(self.registries)}>"


def merge_unit_registries(registries: Iterable[UnitRegistry]) -> UnitRegistry:
    """One registry asking *registries* in order; a unit (scheme, code) is listed once.

    ``resolve`` concatenates the candidates of every registry, dropping a unit
    an earlier registry already gave; ``get`` and ``find`` return the first
    registry's answer. With no registry, every answer is empty.
    """
    return _MergedRegistry(registries)


def check_units(dataset: Dataset, registry: UnitRegistry) -> list[str]:
    """Warnings about a dataset's units, as ``$.path: message`` lines (empty when all agree).

    For each unit of ``dataset.units`` whose code *registry* knows in the unit's
    scheme: the name must be one the registry resolves to that unit (any
    tone-mark placement, with or without the level word), and the kind must be
    the registry's. A code the registry does not know is reported too. The
    units the dataset's records stand on (its ``commune`` and the units of its
    ``areas``) must have existed on the dataset's date: its ``report_date``,
    else the last day of its ``period``; successors listed for history are
    not checked against the date.

    >>> from khuonha import sample
    >>> check_units(sample(), merge_unit_registries([]))
    []
    """
    warnings: list[str] = []
    day = dataset.report_date
    if day is None and dataset.period is not None:
        day = dataset.period.end or dataset.period.start
    used = {dataset.commune, *(area.unit for area in dataset.areas)}
    for index, unit in enumerate(dataset.units):
        path = f"$.units[{index}]"
        if unit.code is None or unit.scheme is None:
            continue  # known by its name and level only: no code to check
        known = registry.find(unit.code, unit.scheme)
        if known is None:
            if not _empty(registry):
                warnings.append(
                    f"{path}.code: no {unit.scheme.value} unit has code {unit.code!r} "
                    "in the installed unit registries"
                )
            continue
        candidates = registry.resolve(unit.name)
        if not any((c.scheme, c.code) == (known.scheme, known.code) for c in candidates):
            warnings.append(
                f"{path}.name: {unit.name!r} is not the name of {unit.scheme.value} unit "
                f"{unit.code} ({known.name!r}, {known.kind})"
            )
        elif unit.kind is not None and known.kind is not unit.kind:
            warnings.append(
                f"{path}.kind: {unit.scheme.value} unit {unit.code} {known.name!r} is a "
                f"{known.kind}, not a {unit.kind}"
            )
        if day is not None and unit.id in used and not known.valid_on(day):
            span = f"{known.valid_from or '…'} – {known.valid_until or '…'}"
            warnings.append(
                f"{path}: {unit.scheme.value} unit {unit.code} {known.name!r} did not exist on "
                f"the dataset's date {day.isoformat()} (valid {span})"
            )
    return warnings


def _empty(registry: UnitRegistry) -> bool:
    return isinstance(registry, _MergedRegistry) and not registry.registries
