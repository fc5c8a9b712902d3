"""Writing the workbook with XlsxWriter, row by row (constant memory)."""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any, BinaryIO

import attrs
import xlsxwriter

import khuonha
from khuonha import Exporter, ExportError, ExportOptions
from khuonha_xlsx._layout import (
    FIRST_ROW,
    LISTS_SHEET,
    Column,
    Sheet,
    cell_name,
    column_letter,
    sheets,
)

__all__ = ["FIXED_CREATED", "XlsxExporter", "XlsxOptions", "seekable", "write_workbook"]

#: The creation time written when the data gives none (never the clock).
FIXED_CREATED = datetime(2000, 1, 1)  # naive, read as UTC, as XlsxWriter takes it
#: Workbooks up to this size are assembled in memory, larger ones in a temporary file.
_SPOOL = 32 * 1024 * 1024
#: Excel's limits.
MAX_ROWS = 1_048_576
MAX_TEXT = 32_767
_EXACT = 2**53


@attrs.frozen(kw_only=True)
class XlsxOptions(ExportOptions):
    """Options of the ``xlsx`` exporter.

    - ``template``: write the blank form (headers, keys, drop-downs; no data),
      for officers to fill in and import.
    """

    template: bool = False


class XlsxExporter(Exporter[XlsxOptions]):
    """The dataset as an Excel workbook: a sheet per record type, read back by the importer."""

    name = "xlsx"
    description = "Excel workbook, a sheet per record type (lossless; includes personal data)"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffixes = (".xlsx",)
    options_type = XlsxOptions
    #: An archive: lossless, personal data included (the host does not redact it).
    archive = True

    def problem(self, obj: object, options: XlsxOptions) -> str | None:
        """A dataset, or a filled report form (a record alone has no sheets to fill)."""
        if isinstance(obj, khuonha.Dataset | khuonha.FormTable):
            return None
        return "needs a Dataset or a filled report form"

    def write(self, obj: Any, stream: BinaryIO, options: XlsxOptions) -> None:
        """Write the workbook (the blank form with ``template``), or the report form."""
        if isinstance(obj, khuonha.FormTable):
            from khuonha_xlsx._form import write_form  # noqa: PLC0415 - only for report forms

            write_form(obj, stream)
            return
        write_workbook(None if options.template else obj, stream)


class _Formats:
    def __init__(self, book: Any) -> None:
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7"}
        )
        self.keys = book.add_format({"font_color": "#808080"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.text = book.add_format({"num_format": "@"})


def _enums(layout: tuple[Sheet, ...]) -> dict[type, list[str]]:
    """Every enum the layout uses, with its values, in column order."""
    enums: dict[type, list[str]] = {}
    for sheet in layout:
        for column in sheet.columns:
            if column.enum is not None and column.enum not in enums:
                enums[column.enum] = [str(m.value) for m in column.enum]
    return enums


def _ranges(enums: dict[type, list[str]]) -> dict[type, str]:
    """Each enum's range on the lists sheet (a column each, values from row 2)."""
    out = {}
    for index, (enum_type, values) in enumerate(enums.items()):
        letter = column_letter(index)
        out[enum_type] = f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return out


def _write_lists(book: Any, enums: dict[type, list[str]]) -> None:
    """The hidden sheet of enum values the drop-downs offer."""
    lists = book.add_worksheet(LISTS_SHEET)
    for index, enum_type in enumerate(enums):
        lists.write_string(0, index, enum_type.__name__)
    for row in range(max((len(v) for v in enums.values()), default=0)):
        for index, values in enumerate(enums.values()):
            if row < len(values):
                lists.write_string(row + 1, index, values[row])
    lists.hide()


def _prepare(book: Any, sheet: Sheet, formats: _Formats, ranges: dict[type, str]) -> Any:
    ws = book.add_worksheet(sheet.name)
    ws.freeze_panes(FIRST_ROW, 0)
    ws.set_row(0, 45)
    ws.set_row(1, None, formats.keys, {"hidden": True})
    for index, column in enumerate(sheet.columns):
        width = 14 if column.kind in ("date", "int", "number", "bool", "enum") else 24
        fmt = formats.date if column.kind == "date" else None
        if column.kind in ("text", "json", "datetime", "time"):
            fmt = formats.text
        ws.set_column(index, index, width, fmt)
        if column.enum is not None:
            ws.data_validation(
                FIRST_ROW,
                index,
                MAX_ROWS - 1,
                index,
                {"validate": "list", "source": ranges[column.enum], "ignore_blank": True},
            )
    # In constant-memory mode a row is final once the next is begun: headers, then keys.
    for index, column in enumerate(sheet.columns):
        ws.write_string(0, index, column.header, formats.header)
    for index, column in enumerate(sheet.columns):
        ws.write_string(1, index, column.key, formats.keys)
    return ws


def _text(ws: Any, where: tuple[str, int, int], value: str) -> None:
    if len(value) > MAX_TEXT:
        cell = cell_name(*where)
        reason = f"{cell}: text of {len(value)} characters; Excel holds {MAX_TEXT} in a cell"
        raise ExportError("xlsx", reason)
    ws.write_string(where[1], where[2], value)


def _write_cell(
    ws: Any, where: tuple[str, int, int], column: Column, value: Any, formats: _Formats
) -> None:
    row, col = where[1], where[2]
    kind = column.kind
    if kind == "json" or isinstance(value, list | dict):
        _text(ws, where, json.dumps(value, ensure_ascii=False))
    elif kind == "bool" and isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif kind in ("int", "number") and isinstance(value, int | float):
        exact = abs(value) < _EXACT if isinstance(value, int) else float(f"{value:.16G}") == value
        if exact:
            ws.write_number(row, col, value)
        else:
            ws.write_string(row, col, json.dumps(value))
    elif kind == "date" and isinstance(value, str):
        day = date.fromisoformat(value)
        if day.year >= 1900:
            ws.write_datetime(row, col, day, formats.date)
        else:
            ws.write_string(row, col, value)
    else:
        _text(ws, where, str(value))


@contextlib.contextmanager
def seekable(stream: BinaryIO) -> Iterator[BinaryIO]:
    """A seekable buffer for the zip, copied to *stream* once it is whole.

    The workbook's bytes then do not depend on the stream: written straight
    to one that cannot seek (the host's write-only view), :mod:`zipfile`
    marks every entry as followed by a data descriptor, and the file differs
    from the one written to a seekable stream. Nothing reaches *stream* when
    writing fails.
    """
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as spool:
        yield spool  # type: ignore[misc]
        spool.seek(0)
        shutil.copyfileobj(spool, stream)


def write_workbook(ds: khuonha.Dataset | None, stream: BinaryIO) -> None:
    """Write *ds* (``None``: the blank template) as a workbook to *stream*."""
    with seekable(stream) as buffer:
        _write_workbook(ds, buffer)


def _write_workbook(ds: khuonha.Dataset | None, stream: BinaryIO) -> None:
    layout = sheets()
    book = xlsxwriter.Workbook(stream, {"constant_memory": True, "strings_to_numbers": False})
    try:
        # Deterministic output: the creation date comes from the data, never the clock.
        generated = getattr(ds, "generated_at", None)
        created = FIXED_CREATED if generated is None else generated.astimezone(UTC)
        book.set_properties({"created": created.replace(tzinfo=None)})
        formats = _Formats(book)
        enums = _enums(layout)
        ranges = _ranges(enums)
        targets = [(sheet, _prepare(book, sheet, formats, ranges)) for sheet in layout]
        _write_lists(book, enums)
        if ds is not None:
            for sheet, ws in targets:
                records = [ds] if not sheet.collection else getattr(ds, sheet.collection)
                if FIRST_ROW + len(records) > MAX_ROWS:
                    reason = f"{len(records)} rows for {sheet.name!r}; Excel holds {MAX_ROWS}"
                    raise ExportError("xlsx", reason)
                _write_rows(ws, sheet, records, formats)
    finally:
        book.close()


def _write_rows(ws: Any, sheet: Sheet, records: Any, formats: _Formats) -> None:
    own = not sheet.collection
    write = _row_writer(sheet)
    plain = XlsxExporter().plain  # the record as khuonha.dumps has it, as dicts and lists
    cells = (ws.write_string, ws.write_number, ws.write_boolean)
    for offset, record in enumerate(records):
        data = _own_fields(record, sheet) if own else plain(record)
        write(data, FIRST_ROW + offset, cells, ws, formats)


# How the compiled row writer writes the usual value of a kind (``v``, not None);
# anything else, and every other kind, goes through _write_cell, which checks it.
_FAST: dict[str, tuple[str, str]] = {
    "text": ("v.__class__ is str and len(v) <= MAX_TEXT", "string(row, {col}, v)"),
    "enum": ("v.__class__ is str", "string(row, {col}, v)"),
    "int": ("v.__class__ is int and -_EXACT < v < _EXACT", "number(row, {col}, v)"),
    "number": ("v.__class__ is int and -_EXACT < v < _EXACT", "number(row, {col}, v)"),
    "bool": ("v.__class__ is bool", "boolean(row, {col}, v)"),
    "date": (
        "v.__class__ is str and (d := _day(v)).year >= 1900",
        "ws.write_datetime(row, {col}, d, formats.date)",
    ),
    "json": (
        "v.__class__ is list and len(t := _json(v, ensure_ascii=False)) <= MAX_TEXT",
        "string(row, {col}, t)",
    ),
}


@functools.cache
def _row_writer(sheet: Sheet) -> Any:
    """One function per sheet writing a record's cells: no per-cell dispatch or path walk.

    Generated from the layout; what it does not take as is goes through
    :func:`_write_cell`, so what is written is the same.
    """
    lines = ["def write(data, row, cells, ws, formats):", "    string, number, boolean = cells"]
    holders: dict[tuple[str, ...], str] = {(): "data"}
    for index, column in enumerate(sheet.columns):
        for depth in range(1, len(column.path)):
            prefix = column.path[:depth]
            if prefix not in holders:
                name = holders[prefix] = f"p{len(holders)}"
                lines.append(f"    {name} = {holders[prefix[:-1]]}.get({prefix[-1]!r})")
                lines.append(f"    if {name}.__class__ is not dict:")
                lines.append(f"        {name} = _EMPTY")
        holder = holders[column.path[:-1]]
        lines.append(f"    v = {holder}.get({column.path[-1]!r})")
        lines.append("    if v is not None:")
        slow = f"_write_cell(ws, (NAME, row, {index}), COLUMNS[{index}], v, formats)"
        fast = _FAST.get(column.kind)
        if fast is None:
            lines.append(f"        {slow}")
        else:
            test, call = fast
            lines.append(f"        if {test}:")
            lines.append(f"            {call.format(col=index)}")
            lines.append("        else:")
            lines.append(f"            {slow}")
    namespace: dict[str, Any] = {
        "NAME": sheet.name,
        "COLUMNS": sheet.columns,
        "MAX_TEXT": MAX_TEXT,
        "_EXACT": _EXACT,
        "_EMPTY": {},
        "_day": date.fromisoformat,
        "_json": json.dumps,
        "_write_cell": _write_cell,
    }
    source = "\n".join(lines)
    exec(compile(source, f"<khuonha-xlsx row writer {sheet.name}>", "exec"), namespace)  # noqa: S102 - source built above from the layout's own keys
    return namespace["write"]


def _own_fields(ds: khuonha.Dataset, sheet: Sheet) -> dict[str, Any]:
    """The dataset's own fields as plain JSON, without encoding its records."""
    names = dict.fromkeys(c.path[0] for c in sheet.columns)
    out = {}
    for name in names:
        value = getattr(ds, name)
        if value is not None:
            out[name] = json.loads(khuonha.dumps(value))
    return out
