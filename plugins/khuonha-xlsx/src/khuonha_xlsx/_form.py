"""A filled report form (``khuonha.FormTable``, e.g. Biểu mẫu 01) as the sheet people submit.

The official table style: the form's title, the "Kỳ báo cáo" line, the group
headers over their columns, the column headers, one row per unit (the silent
ones too, with empty cells) and the TỔNG CỘNG row. An exact figure is a
number; a bound ("trên 2.500") is written as the words, so nothing is
claimed that the data does not say.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import xlsxwriter

from khuonha import FormTable, Total
from khuonha_xlsx._write import FIXED_CREATED, seekable

__all__ = ["write_form"]

_FIXED = 3  # STT, unit, code


def _value(total: Total | None) -> Any:
    if total is None:
        return None
    return total.value if total.is_exact else total.describe()


def write_form(table: FormTable, stream: BinaryIO) -> None:
    """Write *table* as one worksheet in the form's layout."""
    with seekable(stream) as buffer:
        _write_form(table, buffer)


def _write_form(table: FormTable, stream: BinaryIO) -> None:
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    # Deterministic output: a fixed creation time ("created": None would be the clock's).
    book.set_properties({"title": table.form.title, "created": FIXED_CREATED})
    title = book.add_format({"bold": True, "font_size": 13, "align": "center", "text_wrap": True})
    head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    cell = book.add_format({"border": 1})
    bold = book.add_format({"border": 1, "bold": True})
    sheet = book.add_worksheet(table.form.id.upper())
    columns = table.form.columns
    last = _FIXED + len(columns) - 1
    sheet.merge_range(0, 0, 0, last, table.form.title, title)
    sheet.merge_range(1, 0, 1, last, table.period_text, head)
    for col, text in enumerate(("STT", table.form.unit_header, "Mã")):
        sheet.merge_range(2, col, 3, col, text, head)
    start = 0
    while start < len(columns):
        end = start
        while end + 1 < len(columns) and columns[end + 1].group == columns[start].group:
            end += 1
        if end > start:
            sheet.merge_range(2, _FIXED + start, 2, _FIXED + end, columns[start].group, head)
        else:
            sheet.write(2, _FIXED + start, columns[start].group, head)
        start = end + 1
    for n, column in enumerate(columns):
        sheet.write(3, _FIXED + n, column.header, head)
    row = 4
    for number, unit in enumerate(table.rows, start=1):
        sheet.write(row, 0, number, cell)
        sheet.write(row, 1, unit.unit_name, cell)
        sheet.write(row, 2, unit.unit_code or "", cell)
        for n, total in enumerate(unit.values):
            sheet.write(row, _FIXED + n, _value(total), cell)
        row += 1
    sheet.merge_range(row, 0, row, 2, table.form.total_label, bold)
    for n, total in enumerate(table.total):
        sheet.write(row, _FIXED + n, _value(total), bold)
    sheet.set_column(1, 1, 28)
    sheet.set_column(_FIXED, last, 12)
    sheet.freeze_panes(4, _FIXED)
    book.close()
