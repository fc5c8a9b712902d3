"""Provincial criteria from plugins, handed to the rules engine by the host that owns them.

The rules layer never reaches the plugin host: :func:`khuonha.rules.assess`
and :func:`khuonha.rules.assess_dataset` take the extra criteria (TT 124/2021
Điều 8.1) as an argument. The functions here, which the top-level
:func:`khuonha.assess` and :func:`khuonha.assess_dataset` are, ask a plugin host
for the criteria its plugins register (``khuonha_register_criteria``) and pass
them on; the hook is called only when criteria are asked for.

>>> import khuonha
>>> from khuonha.plugins import PluginHost
>>> provincial_criteria("08", host=PluginHost(entry_points=False))
()
"""

from __future__ import annotations

from collections.abc import Iterable

from khuonha.model import Dataset, Evidence
from khuonha.plugins.host import PluginHost, default_host
from khuonha.rules import Assessment, Criterion, Ruleset, Unit
from khuonha.rules import assess as assess_with
from khuonha.rules import assess_dataset as assess_dataset_with

__all__ = ["assess", "assess_dataset", "provincial_criteria"]


def provincial_criteria(
    province: str | None = None, host: PluginHost | None = None
) -> tuple[Criterion, ...]:
    """The criteria installed plugins add for *province* (TT 124 Điều 8.1), or for every province.

    They come from the ``khuonha_register_criteria`` hook, collected once per
    plugin host (*host* defaults to :func:`khuonha.plugins.default_host`). A
    criterion without a province applies everywhere.
    """
    found = tuple((host or default_host()).criteria())
    if province is None:
        return found
    return tuple(c for c in found if c.province in (None, province))


def assess(
    unit: Unit,
    evidence: Evidence | None,
    cycle: int,
    basis: str | Ruleset | None = None,
    *,
    province: str | None = None,
    criteria: Iterable[Criterion] | None = None,
    host: PluginHost | None = None,
) -> Assessment:
    """:func:`khuonha.rules.assess` with the installed plugins' criteria for *province*.

    *criteria*, when given, replaces the plugins' criteria; *host* is the
    plugin host to ask (the default host otherwise). See
    :func:`khuonha.rules.assess` for the rest.
    """
    if criteria is None and province is not None:
        criteria = provincial_criteria(province, host)
    return assess_with(unit, evidence, cycle, basis, province=province, criteria=criteria)


def assess_dataset(
    ds: Dataset,
    cycle: int | None = None,
    basis: str | Ruleset | None = None,
    *,
    criteria: Iterable[Criterion] | None = None,
    host: PluginHost | None = None,
) -> tuple[Assessment, ...]:
    """:func:`khuonha.rules.assess_dataset` with the installed plugins' provincial criteria.

    The plugins are asked only when a unit of *ds* lies in a province (its
    administrative units say which); *criteria*, when given, replaces them.
    """
    if criteria is None:
        criteria = provincial_criteria(None, host) if _has_province(ds) else ()
    return assess_dataset_with(ds, cycle, basis, criteria=criteria)


def _has_province(ds: Dataset) -> bool:
    return any(u.level.value == "province" for u in ds.units) and bool(ds.evidence)
