"""The national registry: Vietnam's administrative units before and after 1/7/2025.

The data (``units.json.gz``) comes from the MIT-licensed ``vietnamadminunits``
package (see ``NOTICE``), turned into a compact file by
``scripts/build_data.py``: the three-level list in use until 30/6/2025
(scheme ``pre_2025``: 63 provinces, 696 districts, 10,035 communes) and the
two-level list from 1/7/2025 (scheme ``post_2025``: 34 provinces, 3,321
communes), with each old unit's successors, several for a split commune.

The file is read on the first query, not when the plugin loads.

>>> units = national_registry()
>>> [(u.code, u.name, u.kind.value) for u in units.resolve("xã Khuôn Hà")]
[('02251', 'Khuôn Hà', 'xa')]
>>> [units.get(s).name for s in units.resolve("Khuon Ha")[0].successors]
['Thượng Lâm']
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from khuonha import AdministrativeUnit, CodeScheme, UnitKind, UnitLevel
from khuonha_units._names import (
    Kinds,
    former_key,
    has_marks,
    name_key,
    readings,
    strip_level_word,
)

__all__ = ["NationalRegistry", "national_registry", "unit_id"]

DATA_FILE = "units.json.gz"
#: Short forms of province names that articles use, typed without marks, and the code.
PROVINCE_ALIASES = {"hcm": "79", "tphcm": "79", "tp hcm": "79"}
_SPLIT_NOTE = "Split on 1/7/2025: its area went to {n} units, whose figures cannot be divided."
_FORMER_NOTE = (
    "Found by a former name: {name!r} is, in the source, a former name of this unit's area "
    "(a unit merged into it or renamed before the source's pre-2025 snapshot, which gives no "
    "date); this code may not have been that unit's code."
)
#: The level words of former names (see scripts/build_data.py) and the kinds each names.
_WORD_KINDS: dict[str, Kinds] = {
    "thanh pho": frozenset(
        {UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG, UnitKind.THANH_PHO_THUOC_TINH}
    ),
    "thi xa": frozenset({UnitKind.THI_XA}),
    "thi tran": frozenset({UnitKind.THI_TRAN}),
    "dac khu": frozenset({UnitKind.DAC_KHU}),
    "tinh": frozenset({UnitKind.TINH}),
    "huyen": frozenset({UnitKind.HUYEN}),
    "quan": frozenset({UnitKind.QUAN}),
    "phuong": frozenset({UnitKind.PHUONG}),
    "xa": frozenset({UnitKind.XA}),
}


def unit_id(scheme: CodeScheme, code: str) -> str:
    """The id of the unit with *code* in *scheme*: ``pre_2025:02251``."""
    return f"{scheme.value}:{code}"


class NationalRegistry:
    """Vietnam's administrative units, both code lists, searchable by name.

    Implements :class:`khuonha.UnitRegistry`. Records are built on demand and
    cached; ids are ``<scheme>:<code>`` (:func:`unit_id`).
    """

    def __init__(self, data: bytes | None = None) -> None:
        self._raw = data
        self._lock = threading.Lock()
        self._loaded = False
        self._cache: dict[int, AdministrativeUnit] = {}

    # -- loading -------------------------------------------------------------------

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            raw = self._raw
            if raw is None:
                raw = resources.files("khuonha_units").joinpath(DATA_FILE).read_bytes()
            data: dict[str, Any] = json.loads(gzip.decompress(raw))
            self.source: dict[str, str] = data["source"]
            self._valid: dict[CodeScheme, tuple[date | None, date | None]] = {}
            self._scheme: list[CodeScheme] = []
            self._code: list[str] = []
            self._name: list[str] = []
            self._kind: list[UnitKind] = []
            self._parent: list[int] = []
            self._province: list[int] = []
            self._succ: list[list[int]] = []
            self._pred: list[list[int]] = []
            self._children: list[list[int]] = []
            self._by_code: dict[tuple[CodeScheme, str], int] = {}
            self._exact: dict[str, list[int]] = {}
            self._folded: dict[str, list[int]] = {}
            #: former-name key ("nguyenphuc") → (row, level word or None) of the unit that took
            #: that name's unit over (see scripts/build_data.py)
            self._former: dict[str, list[tuple[int, str | None]]] = {}
            successors: list[list[str]] = []
            for scheme_name in ("pre_2025", "post_2025"):
                scheme = CodeScheme(scheme_name)
                bounds = data["schemes"][scheme_name]
                self._valid[scheme] = (
                    _day(bounds["valid_from"]),
                    _day(bounds["valid_until"]),
                )
                for code, name, kind, _parent, succ, *rest in data["units"][scheme_name]:
                    i = len(self._code)
                    self._scheme.append(scheme)
                    self._code.append(code)
                    self._name.append(name)
                    self._kind.append(UnitKind(kind))
                    successors.append(succ)
                    self._by_code[(scheme, code)] = i
                    self._index(i, name)
                    for word, key in rest[0] if rest else ():
                        self._former.setdefault(key, []).append((i, word))
            for _ in self._scheme:
                self._pred.append([])
                self._children.append([])
            for scheme_name in ("pre_2025", "post_2025"):
                scheme = CodeScheme(scheme_name)
                for code, _name, _kind, parent, *_rest in data["units"][scheme_name]:
                    i = self._by_code[(scheme, code)]
                    p = -1 if parent is None else self._by_code[(scheme, parent)]
                    self._parent.append(p)
                    if p >= 0:
                        self._children[p].append(i)
            new = CodeScheme.POST_2025
            for alias, code in PROVINCE_ALIASES.items():
                for scheme in CodeScheme:
                    row = self._by_code.get((scheme, code))
                    if row is not None:
                        self._folded.setdefault(alias, []).append(row)
            for i, codes in enumerate(successors):
                self._succ.append([self._by_code[(new, c)] for c in codes])
                for j in self._succ[i]:
                    self._pred[j].append(i)
            for i in range(len(self._code)):
                top = i
                while self._parent[top] >= 0:
                    top = self._parent[top]
                self._province.append(top)
            self._loaded = True

    def _index(self, i: int, name: str) -> None:
        keys = {name}
        if name[-1].isdigit():  # "Phường 1" is also found as "1"
            stripped = strip_level_word(name)
            if stripped is not None and stripped[1]:
                keys.add(stripped[1])
        for key in keys:
            exact, folded = _keys(key)
            self._exact.setdefault(exact, []).append(i)
            bucket = self._folded.setdefault(folded, [])
            if not bucket or bucket[-1] != i:
                bucket.append(i)

    # -- records -------------------------------------------------------------------

    def _unit(self, i: int, *, note: str | None = None) -> AdministrativeUnit:
        unit = None if note is not None else self._cache.get(i)
        if unit is None:
            scheme = self._scheme[i]
            valid_from, valid_until = self._valid[scheme]
            parent = self._parent[i]
            succ = self._succ[i]
            unit = AdministrativeUnit(
                id=unit_id(scheme, self._code[i]),
                name=self._name[i],
                kind=self._kind[i],
                code=self._code[i],
                scheme=scheme,
                parent=None if parent < 0 else unit_id(scheme, self._code[parent]),
                valid_from=valid_from,
                valid_until=valid_until,
                successors=tuple(unit_id(self._scheme[j], self._code[j]) for j in succ),
                predecessors=tuple(unit_id(self._scheme[j], self._code[j]) for j in self._pred[i]),
                note=note or (_SPLIT_NOTE.format(n=len(succ)) if len(succ) > 1 else None),
            )
            if note is None:
                self._cache[i] = unit
        return unit

    def get(self, id: str) -> AdministrativeUnit | None:
        """The unit with this id (``pre_2025:02251``), or ``None``."""
        scheme_name, _, code = id.partition(":")
        try:
            scheme = CodeScheme(scheme_name)
        except ValueError:
            return None
        return self.find(code, scheme)

    def find(self, code: str, scheme: CodeScheme) -> AdministrativeUnit | None:
        """The unit with this official code in *scheme*, or ``None``.

        >>> national_registry().find("08", CodeScheme.POST_2025).name
        'Tuyên Quang'
        """
        self._load()
        i = self._by_code.get((CodeScheme(scheme), code))
        return None if i is None else self._unit(i)

    def units(self, scheme: CodeScheme | None = None) -> Iterator[AdministrativeUnit]:
        """Every unit (of *scheme*, or both), in code order per scheme."""
        self._load()
        for i, s in enumerate(self._scheme):
            if scheme is None or s is scheme:
                yield self._unit(i)

    def children(self, id: str) -> list[AdministrativeUnit]:
        """The units directly under the unit *id*, in code order.

        >>> len(national_registry().children("post_2025:08"))
        124
        """
        self._load()
        unit = self.get(id)
        if unit is None:
            return []
        i = self._by_code[_key(unit)]
        return [self._unit(j) for j in self._children[i]]

    def province_of(self, id: str) -> AdministrativeUnit | None:
        """The province a unit lies in (the unit itself for a province)."""
        unit = self.get(id)
        if unit is None:
            return None
        return self._unit(self._province[self._by_code[_key(unit)]])

    def ancestors(self, id: str) -> list[AdministrativeUnit]:
        """The units above *id*, nearest first (district, then province)."""
        unit = self.get(id)
        out: list[AdministrativeUnit] = []
        while unit is not None and unit.parent is not None:
            unit = self.get(unit.parent)
            if unit is not None:
                out.append(unit)
        return out

    # -- names ---------------------------------------------------------------------

    def _lookup(self, name: str, kinds: Kinds | None) -> list[int]:
        if has_marks(name):
            found = self._exact.get(name_key(name), [])
        else:
            found = self._folded.get(name_key(name, diacritics=False), [])
        if kinds is None:
            return list(found)
        return [i for i in found if self._kind[i] in kinds]

    def _provinces(self, text: str) -> set[int]:
        """Rows of the provinces *text* (a name or a code) may mean, and their successors."""
        text = text.strip()
        found: set[int] = set()
        if text.isdigit():
            for scheme in CodeScheme:
                i = self._by_code.get((scheme, text.zfill(2)))
                if i is not None and self._kind[i].level is UnitLevel.PROVINCE:
                    found.add(i)
        else:
            for kinds, rest in readings(text):
                found = {
                    i
                    for i in self._lookup(rest, kinds)
                    if self._kind[i].level is UnitLevel.PROVINCE
                }
                if found:
                    break
        for i in list(found):
            found.update(self._succ[i])
        return found

    def resolve(
        self,
        name: str,
        *,
        on: date | None = None,
        province: str | None = None,
        district: str | None = None,
    ) -> list[AdministrativeUnit]:
        """Every unit *name* may mean, in scheme and code order.

        - *name*: with or without its level word ("xã Khuôn Hà", "Khuôn Hà"),
          its abbreviation ("X. Khuôn Hà", "TT.Lăng Can", "TP Huế"), with any
          tone-mark placement and case, or typed without diacritics (then
          "Hoa" finds "Hòa" and "Hóa" too);
        - *on*: keep the units that existed that day (the ``pre_2025`` list
          until 30/6/2025, the ``post_2025`` list from 1/7/2025);
        - *province*: a province's name or code; a name before 1/7/2025 also
          covers its successor ("Hà Giang" finds the communes of the new
          Tuyên Quang);
        - *district*: a district's name (pre-2025 units only).

        A name no current unit bears may be a *former* name: the source's
        pre-2025 list is one snapshot taken after the mergers of 2023–2025, and
        keeps the names of units merged away or renamed before it only as
        keys without diacritics on the unit that took them over. Those units
        are the answer then, each with a ``note`` saying it was found by a
        former name (its code may not have been that unit's code).

        >>> found = national_registry().resolve("phường Nguyễn Phúc", province="Yên Bái")
        >>> [(u.code, u.name) for u in found]
        [('04264', 'Hồng Hà')]

        >>> registry = national_registry()
        >>> [u.id for u in registry.resolve("Thượng Lâm", province="Tuyên Quang")]
        ['pre_2025:02269', 'post_2025:02269']
        >>> len(registry.resolve("xã Tân Phú", on=date(2022, 8, 10))) > 10
        True
        """
        self._load()
        for kinds, rest in readings(name):
            rows = self._lookup(rest, kinds)
            rows = self._narrow(rows, on, province, district)
            if rows:
                return [self._unit(i) for i in sorted(set(rows), key=self._order)]
        for kinds, rest in readings(name):
            key = former_key(rest)
            words: dict[int, set[str | None]] = {}
            for i, word in self._former.get(key, ()):
                words.setdefault(i, set()).add(word)
            matched = [i for i, ws in words.items() if _former_fits(kinds, ws)]
            rows = self._narrow(matched, on, province, district)
            if rows:
                note = _FORMER_NOTE.format(name=rest)
                return [self._unit(i, note=note) for i in sorted(set(rows), key=self._order)]
        return []

    def _narrow(
        self, rows: list[int], on: date | None, province: str | None, district: str | None
    ) -> list[int]:
        if on is not None:
            rows = [i for i in rows if self._valid_on(i, on)]
        if province is not None:
            allowed = self._provinces(province)
            rows = [i for i in rows if self._province[i] in allowed]
        if district is not None:
            parents = {
                i
                for i in self._provinces_or_districts(district)
                if self._kind[i].level is UnitLevel.DISTRICT
            }
            rows = [i for i in rows if self._parent[i] in parents]
        return rows

    def _provinces_or_districts(self, text: str) -> list[int]:
        for kinds, rest in readings(text):
            rows = self._lookup(rest, kinds)
            if rows:
                return rows
        return []

    def _order(self, i: int) -> tuple[int, str]:
        return (0 if self._scheme[i] is CodeScheme.PRE_2025 else 1, self._code[i])

    def _valid_on(self, i: int, day: date) -> bool:
        start, end = self._valid[self._scheme[i]]
        return (start is None or day >= start) and (end is None or day <= end)

    def __repr__(self) -> str:
        return "<NationalRegistry (khuonha-units)>"


def _former_fits(kinds: Kinds | None, words: set[str | None]) -> bool:
    """Whether a former name kept with level *words* may be a unit of *kinds*."""
    if kinds is None:
        return True
    named = [w for w in words if w is not None]
    if not named:
        return True  # kept without its level word: any kind
    return any(kinds & _WORD_KINDS.get(w, frozenset()) for w in named)


@lru_cache(maxsize=16384)
def _keys(name: str) -> tuple[str, str]:
    # Names repeat (18 "Tân Phú" before 2025): key each once.
    return name_key(name), name_key(name, diacritics=False)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


@lru_cache(maxsize=1)
def national_registry() -> NationalRegistry:
    """The registry of the shipped file (one per process; read on its first query)."""
    return NationalRegistry()


def _key(unit: AdministrativeUnit) -> tuple[CodeScheme, str]:
    """A registry unit's scheme and code (every unit of a registry has both)."""
    if unit.scheme is None or unit.code is None:
        msg = f"unit {unit.id!r} has no code"
        raise LookupError(msg)
    return unit.scheme, unit.code
