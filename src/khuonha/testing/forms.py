"""A generated province whose communes report the figures of a form (for tests and benchmarks).

Every figure is made up and a pure function of ``seed``; the units are
post-2025 communes of one province, each with one figure per column of the
form (a few with a "trên" qualifier, and one commune that reports nothing).

>>> ds = form_province(seed=1, communes=3)
>>> len([u for u in ds.units if u.level.value == "commune"]), ds.period.label
(3, 'năm 2026')
"""

from __future__ import annotations

import random

from khuonha.model import (
    ACTIVITY_KINDS,
    Activity,
    AdministrativeUnit,
    CodeScheme,
    Dataset,
    KindLabel,
    UnitKind,
)
from khuonha.rollups.forms import load_form
from khuonha.text import Period, Qualifier, Quantity

__all__ = ["form_province"]


def form_province(
    *, seed: int = 0, communes: int = 12, form: str = "bm01", year: int = 2026
) -> Dataset:
    """A province of *communes* communes reporting the columns of *form* for *year*."""
    rng = random.Random(seed)  # noqa: S311 - made-up figures, not secrets
    period = Period.year(year)
    province = AdministrativeUnit(
        id="tinh-thu", name="Tỉnh Thử", kind=UnitKind.TINH, code="99", scheme=CodeScheme.POST_2025
    )
    units = [province]
    activities = []
    columns = load_form(form).columns
    for n in range(communes):
        code = f"9{n:04d}"
        uid = f"xa-{code}"
        units.append(
            AdministrativeUnit(
                id=uid,
                name=f"Xã Thử {n + 1}",
                kind=UnitKind.XA,
                code=code,
                scheme=CodeScheme.POST_2025,
                parent=province.id,
            )
        )
        if n == communes - 1 and communes > 1:
            continue  # one commune reports nothing: the form still shows its row
        for col in columns:
            value = rng.randrange(0, 60)
            qualifier = Qualifier.MORE_THAN if rng.random() < 0.05 else Qualifier.EXACT
            activities.append(
                Activity(
                    id=f"{uid}-{col.indicator}".replace("_", "-"),
                    kind=col.indicator,
                    label=None
                    if col.indicator in ACTIVITY_KINDS
                    else KindLabel(vi=f"{col.group}: {col.header}"),
                    quantity=Quantity(value=value, qualifier=qualifier),
                    period=period,
                    covered=(uid,),
                )
            )
    return Dataset(
        slug=f"tinh-thu-{form}-{year}",
        title=f"Tỉnh Thử: số liệu {form.upper()} năm {year}",
        period=period,
        units=tuple(units),
        activities=tuple(activities),
    )
