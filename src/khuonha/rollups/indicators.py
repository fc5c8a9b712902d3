"""The indicator catalogue: the figures reports give, kept as data (``indicators.json``).

Each :class:`Indicator` says what is counted, in which unit, whether figures
may be summed, its Vietnamese and English labels, and which records of a
dataset feed it (activities of a kind, groups of a kind, certifications of a
unit type). A new figure is a new entry in the data, not new code.

>>> catalogue = indicator_catalogue()
>>> ind = catalogue.get("luot_nguoi_nghe")
>>> ind.unit, ind.summable, ind.label("en")
('lượt người', True, 'Attendee turns (person-times)')
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import Literal

import attrs

from khuonha.codec import from_dict, parse_json
from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import text, text_optional, tuple_of

__all__ = ["Catalogue", "Indicator", "Source", "indicator_catalogue"]

Collection = Literal["activities", "groups", "certifications"]
Measure = Literal["count", "members", "sites"]


@attrs.frozen(kw_only=True)
class Source:
    """Which records feed an indicator: a collection and a kind within it.

    ``kind`` is an activity kind, a group kind or a certified unit type;
    ``measure`` says what of a group is counted (the groups themselves, their
    members or their sites).
    """

    collection: Collection
    kind: str = text()
    measure: Measure = "count"


@attrs.frozen(kw_only=True)
class Indicator:
    """One figure of the catalogue (chỉ tiêu thống kê)."""

    id: str = text()
    vi: str = text()
    en: str = text()
    unit: str = text()
    summable: bool = True
    """Whether figures of different units or periods may be added up."""
    sources: tuple[Source, ...] = tuple_of(Source)
    roles: tuple[str, ...] = ("result",)
    """Which statistic roles count (a record without a role is a result): stock figures
    such as members at the end of a period also take profile and baseline figures."""
    note: str | None = text_optional()

    def label(self, language: str = "vi") -> str:
        """The indicator's name in ``vi`` or ``en``."""
        return self.en if language == "en" else self.vi


@attrs.frozen(kw_only=True)
class Catalogue:
    """The indicators, with a lookup from a record's collection and kind."""

    indicators: tuple[Indicator, ...] = tuple_of(Indicator)
    source: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for ind in self.indicators:
            if ind.id in seen:
                raise InvalidDataError(f"duplicate indicator id {ind.id!r}", field="indicators")
            seen.add(ind.id)

    def get(self, indicator_id: str) -> Indicator:
        """The indicator called *indicator_id*."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def feeding(self, collection: str, kind: str) -> Iterator[tuple[Indicator, Measure]]:
        """The indicators a record of *collection* and *kind* feeds, with what is counted."""
        for ind in self.indicators:
            for src in ind.sources:
                if src.collection == collection and src.kind == kind:
                    yield ind, src.measure


@cache
def indicator_catalogue() -> Catalogue:
    """The bundled catalogue (read once per process)."""
    raw = files("khuonha.rollups").joinpath("indicators.json").read_bytes()
    return from_dict(parse_json(raw), Catalogue)
