"""khuonha-units: Vietnam's administrative units for khuonha.

Registers :class:`~khuonha_units.registry.NationalRegistry` through the
``khuonha_register_units`` hook, so ``khuonha unit "xã Khuôn Hà"`` and
:meth:`khuonha.PluginHost.unit_registry` can resolve names to codes, before
and after the 2025 reorganisation. The data is read on the first query.

>>> from datetime import date
>>> found = national_registry().resolve("X. Khuôn Hà", on=date(2022, 8, 10))
>>> [(u.scheme.value, u.code) for u in found]
[('pre_2025', '02251')]
"""

from __future__ import annotations

from khuonha import UnitRegistry, hookimpl
from khuonha_units.registry import NationalRegistry, national_registry, unit_id

__all__ = ["NationalRegistry", "khuonha_register_units", "national_registry", "unit_id"]


@hookimpl
def khuonha_register_units() -> list[UnitRegistry]:
    """The national registry (cheap: its file is read on the first query)."""
    return [national_registry()]
