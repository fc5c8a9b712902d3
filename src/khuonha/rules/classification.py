"""Movement classification (phân loại phong trào, QĐ 510/QĐ-BCA-V05) and the Tổ bảo vệ ANTT rating.

Score sheets (100 points) and levels are package data
(``rulesets/qd-510-2022.json``). The official point thresholds are
**unverified**, so none ships: pass the ones your province uses. A score sheet
with missing items is still classified when every possible score of the
missing items leads to the same level; otherwise the level is ``None``.

>>> c = classify({"1": 3, "2": 3, "3": 4, "4a": 1, "con-lai": 80}, "co_quan",
...              thresholds={"xuat_sac": 90, "kha": 70, "trung_binh": 50})
>>> c.points, c.level.value
(91.0, 'xuat_sac')
>>> classify({"1": 3}, "co_quan").reason
'no point thresholds set (the official cut-offs are unverified): pass thresholds='

The rating of Tổ bảo vệ an ninh, trật tự (HD 01/HD-BCA-V05) is
:func:`rate_teams`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

import attrs

from khuonha.codec.core import loads
from khuonha.exceptions import InvalidDataError
from khuonha.model.certification import UnitType
from khuonha.model.fields import check_date, id_field, text, text_tuple, tuple_of
from khuonha.rules.teams import (
    TaskRating,
    TeamCandidate,
    TeamRating,
    TeamRatingRules,
    rate_teams,
    team_rating_rules,
)

__all__ = [
    "Classification",
    "LevelRule",
    "MovementLevel",
    "MovementRules",
    "ScoreItem",
    "ScoreSheet",
    "TaskRating",
    "TeamCandidate",
    "TeamRating",
    "TeamRatingRules",
    "classify",
    "movement_rules",
    "rate_teams",
    "team_rating_rules",
]


class MovementLevel(StrEnum):
    """Level of the movement in a unit (mức phân loại phong trào)."""

    XUAT_SAC = "xuat_sac"
    KHA = "kha"
    TRUNG_BINH = "trung_binh"
    YEU = "yeu"
    """Yếu/kém: a fourth level, **unverified**."""


_ORDER = (MovementLevel.XUAT_SAC, MovementLevel.KHA, MovementLevel.TRUNG_BINH, MovementLevel.YEU)
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z")


def _check_points(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) not in (int, float) or not 0 <= value <= 1000:  # type: ignore[operator]
        raise InvalidDataError(
            f"expected points from 0 to 1000, got {value!r:.40}", field=attribute.name
        )


def _check_month_day(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _MONTH_DAY.match(value)):
        raise InvalidDataError(f"expected MM-DD, got {value!r:.40}", field=attribute.name)


@attrs.frozen(kw_only=True)
class ScoreItem:
    """An item of a score sheet and its maximum points (điểm chuẩn)."""

    id: str = id_field()
    text_vi: str = text()
    text_en: str = text()
    points: float = attrs.field(validator=_check_points)
    unverified: bool = False


def _items_total(
    inst: ScoreSheet, attribute: attrs.Attribute[Any], value: tuple[ScoreItem, ...]
) -> None:
    ids = [i.id for i in value]
    if len(set(ids)) != len(ids):
        raise InvalidDataError("item ids must be unique", field=attribute.name)
    total = sum(i.points for i in value)
    if abs(total - 100) > 1e-9:
        raise InvalidDataError(
            f"items must add up to 100 points, got {total:g}", field=attribute.name
        )


@attrs.frozen(kw_only=True)
class ScoreSheet:
    """A 100-point score sheet (bảng chấm điểm) for some unit types."""

    id: str = id_field()
    clause: str = text()
    unit_types: tuple[UnitType, ...]
    items: tuple[ScoreItem, ...] = tuple_of(ScoreItem, validator=_items_total)
    due_before: str | None = attrs.field(default=None, validator=_check_month_day)
    """The dossier deadline as MM-DD (QĐ 510 Điều 11.3)."""
    unverified: bool = False

    def deadline(self, cycle: int) -> date | None:
        """The day the dossier of *cycle* is due before."""
        if self.due_before is None:
            return None
        month, day = self.due_before.split("-")
        return date(cycle, int(month), int(day))


@attrs.frozen(kw_only=True)
class LevelRule:
    """The lowest total that reaches a level; ``None`` while the official cut-off is unknown."""

    level: MovementLevel
    min_points: float | None = attrs.field(default=None, validator=_check_points)
    unverified: bool = False


@attrs.frozen(kw_only=True)
class MovementRules:
    """QĐ 510's score sheets and levels, as cited data."""

    basis: str = text()
    title: str = text()
    issued_on: date | None = attrs.field(default=None, validator=check_date)
    sources: tuple[str, ...] = text_tuple()
    notes: tuple[str, ...] = text_tuple()
    levels: tuple[LevelRule, ...] = tuple_of(LevelRule)
    sheets: tuple[ScoreSheet, ...] = tuple_of(ScoreSheet)

    def sheet_for(self, unit_type: UnitType | str) -> ScoreSheet:
        """The score sheet of *unit_type*."""
        ut = UnitType(unit_type)
        for sheet in self.sheets:
            if ut in sheet.unit_types:
                return sheet
        raise InvalidDataError(f"no score sheet for {ut.value}", code="no_score_sheet")


@cache
def movement_rules() -> MovementRules:
    """The bundled QĐ 510/QĐ-BCA-V05 rules (``rulesets/qd-510-2022.json``).

    >>> [s.id for s in movement_rules().sheets]
    ['co-quan-doanh-nghiep-co-so-giao-duc', 'khu-dan-cu', 'xa']
    """

    raw = files("khuonha").joinpath("rulesets", "qd-510-2022.json").read_bytes()
    return loads(raw, MovementRules)


@attrs.frozen(kw_only=True)
class Classification:
    """The result of :func:`classify`.

    ``points`` is the total of the items scored, ``possible`` the most the
    missing items could add; ``level`` is ``None`` when the thresholds are not
    set or the missing items could change the level.
    """

    sheet: str
    unit_type: UnitType
    points: float
    possible: float
    missing: tuple[str, ...]
    level: MovementLevel | None
    reason: str
    unverified: bool
    """The sheet, an item or a threshold used is unverified."""


def _thresholds(
    given: Mapping[MovementLevel | str, float] | None, rules: MovementRules
) -> list[tuple[MovementLevel, float, bool]]:
    if given is None:
        pairs = [(r.level, r.min_points, r.unverified) for r in rules.levels]
        return [(lv, p, u) for lv, p, u in pairs if p is not None]
    out = []
    for key, value in given.items():
        try:
            level = MovementLevel(key)
        except ValueError:
            known = ", ".join(m.value for m in MovementLevel)
            raise InvalidDataError(
                f"unknown level {key!r:.40} (expected {known})", field="thresholds"
            ) from None
        if type(value) not in (int, float) or not 0 <= value <= 100:
            raise InvalidDataError(
                f"threshold of {level.value} must be 0–100, got {value!r:.40}", field="thresholds"
            )
        out.append((level, float(value), level is MovementLevel.YEU))
    out.sort(key=lambda t: _ORDER.index(t[0]))
    mins = [p for _, p, _ in out]
    if any(a <= b for a, b in pairwise(mins)):
        raise InvalidDataError("thresholds must fall from xuat_sac to yeu", field="thresholds")
    return out


def _level(
    total: float, thresholds: list[tuple[MovementLevel, float, bool]]
) -> MovementLevel | None:
    for level, minimum, _ in thresholds:
        if total >= minimum:
            return level
    return None


def classify(
    points: Mapping[str, float],
    unit_type: UnitType | str,
    *,
    thresholds: Mapping[MovementLevel | str, float] | None = None,
    rules: MovementRules | None = None,
) -> Classification:
    """Classify a unit's movement from its self-scored sheet (điểm tự chấm).

    *points* maps item ids of the unit type's sheet to the points given;
    items left out are unknown. *thresholds* maps levels to the lowest total
    reaching them (default: the bundled ones, none of which is set yet).
    """
    rules = rules or movement_rules()
    ut = UnitType(unit_type)
    sheet = rules.sheet_for(ut)
    items = {i.id: i for i in sheet.items}
    total = 0.0
    for key, value in points.items():
        item = items.get(key)
        if item is None:
            raise InvalidDataError(
                f"{key!r:.40} is no item of sheet {sheet.id} ({', '.join(items)})",
                field="points",
            )
        if type(value) not in (int, float) or not 0 <= value <= item.points:
            raise InvalidDataError(
                f"item {key} takes 0 to {item.points:g} points, got {value!r:.40}",
                field="points",
            )
        total += value
    missing = tuple(i for i in items if i not in points)
    possible = total + sum(items[i].points for i in missing)
    used = _thresholds(thresholds, rules)
    unverified = (
        sheet.unverified
        or any(items[i].unverified for i in points)
        or any(u for _, _, u in used)
        or thresholds is None
    )

    def result(level: MovementLevel | None, reason: str) -> Classification:
        return Classification(
            sheet=sheet.id,
            unit_type=ut,
            points=total,
            possible=possible,
            missing=missing,
            level=level,
            reason=reason,
            unverified=unverified,
        )

    if not used:
        return result(
            None, "no point thresholds set (the official cut-offs are unverified): pass thresholds="
        )
    low, high = _level(total, used), _level(possible, used)
    cutoffs = ", ".join(f"{lv.value} ≥ {p:g}" for lv, p, _ in used)
    if low is not high:
        return result(
            None,
            f"{total:g} points scored, up to {possible:g} with the missing "
            f"items ({', '.join(missing)}): the level is open ({cutoffs})",
        )
    if low is None:
        return result(
            None,
            f"{total:g} points: below every level given ({cutoffs}); "
            "a fourth level (yếu) is unverified",
        )
    return result(low, f"{total:g}/100 points: {low.value} ({cutoffs})")
