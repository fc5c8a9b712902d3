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
from typing import Protocol, runtime_checkable

from khuonha.model import AdministrativeUnit, CodeScheme

__all__ = ["UnitRegistry", "merge_unit_registries"]


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
