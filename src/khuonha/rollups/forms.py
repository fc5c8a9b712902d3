"""Official report forms as data: the columns people submit upward, filled from a roll-up.

A :class:`Form` lists its columns (a group header, a header and the indicator
each column shows); forms change, so they live in JSON beside this module
(``bm01.json``: "Biểu mẫu 01 — Thống kê số liệu lực lượng tham gia bảo vệ an
ninh, trật tự ở cơ sở"). :func:`form_table` fills one row per commune and the
TỔNG CỘNG row, which is the sum of the rows, column by column.

>>> form = load_form("bm01")
>>> form.total_label, len(form.columns), form.columns[0].indicator
('TỔNG CỘNG', 24, 'll_thanh_vien_quyet_dinh')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files

import attrs

from khuonha.codec import from_dict, parse_json
from khuonha.exceptions import InvalidDataError
from khuonha.model import Dataset
from khuonha.model.fields import text, text_optional, tuple_of
from khuonha.rollups.bounds import Total
from khuonha.rollups.core import rollup
from khuonha.rollups.indicators import indicator_catalogue
from khuonha.text import Period

__all__ = ["Form", "FormColumn", "FormRow", "FormTable", "form_table", "load_form"]

_FORMS = ("bm01",)


@attrs.frozen(kw_only=True)
class FormColumn:
    """One column of a form: its group header, its header and the indicator it shows."""

    group: str = text()
    header: str = text()
    indicator: str = text()


@attrs.frozen(kw_only=True)
class Form:
    """A report form (biểu mẫu): its title, headers and columns."""

    id: str = text()
    title: str = text()
    title_en: str | None = text_optional()
    source: str | None = text_optional()
    period_label: str = text()
    unit_header: str = text()
    total_label: str = text()
    columns: tuple[FormColumn, ...] = tuple_of(FormColumn)

    def __attrs_post_init__(self) -> None:
        known = {i.id for i in indicator_catalogue().indicators}
        for n, col in enumerate(self.columns):
            if col.indicator not in known:
                raise InvalidDataError(
                    f"no indicator {col.indicator!r} in the catalogue", field=f"columns[{n}]"
                )


@attrs.frozen(kw_only=True)
class FormRow:
    """One unit's row: its values in column order (``None``: nothing reported)."""

    unit: str
    unit_name: str
    unit_code: str | None
    values: tuple[Total | None, ...]


@attrs.frozen(kw_only=True)
class FormTable:
    """A filled form: the rows, one per unit, and the TỔNG CỘNG row."""

    form: Form
    period: Period | None
    rows: tuple[FormRow, ...]
    total: tuple[Total | None, ...]

    @property
    def period_text(self) -> str:
        """The "Kỳ báo cáo" line: the period as written, or its dates."""
        p = self.period
        if p is None:
            return f"{self.form.period_label}: —"
        if p.label:
            return f"{self.form.period_label}: {p.label}"
        start = "…" if p.start is None else p.start.strftime("%d/%m/%Y")
        end = "…" if p.end is None else p.end.strftime("%d/%m/%Y")
        return f"{self.form.period_label}: {start} – {end}"


@cache
def load_form(form_id: str) -> Form:
    """The bundled form *form_id* (``"bm01"``)."""
    if form_id not in _FORMS:
        raise InvalidDataError(
            f"no form {form_id!r:.40}; the forms are {', '.join(_FORMS)}", field="form"
        )
    raw = files("khuonha.rollups").joinpath(f"{form_id}.json").read_bytes()
    return from_dict(parse_json(raw), Form)


def form_table(
    datasets: Iterable[Dataset], form: str | Form = "bm01", *, period: Period | None = None
) -> FormTable:
    """Fill *form* with one row per commune of *datasets*, and the TỔNG CỘNG row.

    Every commune of the datasets has a row, the silent ones too (with empty
    cells), so the table shows who did not report. Values are
    :class:`~khuonha.rollups.bounds.Total` intervals: a "trên" figure keeps
    its bound in the rows and in the total.
    """
    chosen = load_form(form) if isinstance(form, str) else form
    result = rollup(datasets, level="commune", period=period)
    columns = [c.indicator for c in chosen.columns]
    cells: dict[str, dict[str, Total]] = {}
    names: dict[str, tuple[str, str | None]] = {}
    for row in result.rows:
        cells.setdefault(row.unit, {})[row.indicator.id] = row.total
        names[row.unit] = (row.unit_name, row.unit_code)
    for key, name in result.silent:
        names.setdefault(key, (name, key.partition(":")[2] or None))
    rows = []
    for key in sorted(names, key=lambda k: (names[k][1] or "", names[k][0])):
        mine = cells.get(key, {})
        rows.append(
            FormRow(
                unit=key,
                unit_name=names[key][0],
                unit_code=names[key][1],
                values=tuple(mine.get(c) for c in columns),
            )
        )
    total: list[Total | None] = []
    for n in range(len(columns)):
        found = [r.values[n] for r in rows if r.values[n] is not None]
        acc = Total()
        for value in found:
            assert value is not None
            acc = acc + value
        total.append(acc if found else None)
    return FormTable(form=chosen, period=period, rows=tuple(rows), total=tuple(total))
