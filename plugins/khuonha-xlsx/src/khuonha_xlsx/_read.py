"""Reading the workbook back with python-calamine, after checking the container.

The zip is checked before any XML is read: its members' uncompressed sizes
(from the central directory, so nothing is inflated yet) against a total
cap, each member's compression ratio against a bomb ratio, and the start of
every XML part for a DTD (no entity can be declared, so none is expanded,
internal or external). Only then does calamine, which expands no entities
itself, read the sheets.

Every problem is collected, named by its cell (``Hoạt động!C7: …``), and
raised together.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, BinaryIO

import attrs
import python_calamine

import khuonha
from khuonha import DecodeError, Importer, ImportOptions
from khuonha_xlsx._layout import FIRST_ROW, Column, Sheet, cell_name, sheets

__all__ = ["MAX_RATIO", "MAX_UNCOMPRESSED", "XlsxImportOptions", "XlsxImporter", "check_container"]

#: Uncompressed size a workbook may reach, all parts together (bytes).
MAX_UNCOMPRESSED = 2 << 30
#: A part larger than 1 MiB may not have been compressed more than this.
MAX_RATIO = 200
_EPOCH = date(1899, 12, 30)
_DDMMYYYY = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*\Z")


@attrs.frozen(kw_only=True)
class XlsxImportOptions(ImportOptions):
    """Options of the ``xlsx`` importer.

    - ``max_uncompressed``: the most bytes the workbook's parts may inflate to.
    """

    max_uncompressed: int = MAX_UNCOMPRESSED


def check_container(raw: bytes, max_uncompressed: int = MAX_UNCOMPRESSED) -> None:
    """Refuse what is not a plain xlsx zip: too big inflated, a bomb, a DTD in the XML."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise DecodeError(["$: not an xlsx workbook (not a zip file)"]) from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        if total > max_uncompressed:
            raise DecodeError(
                [f"$: the workbook inflates to {total:,} bytes, more than {max_uncompressed:,}"]
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1 << 20 and ratio > MAX_RATIO:
                raise DecodeError(
                    [f"$: {info.filename} is compressed {ratio:.0f} to 1: refused as a zip bomb"]
                )
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise DecodeError([f"$: {info.filename} declares a DTD; refused"])
        if "xl/workbook.xml" not in {i.filename for i in infos}:
            raise DecodeError(["$: not an xlsx workbook (no xl/workbook.xml)"])


class XlsxImporter(Importer):
    """Reads the workbook the ``xlsx`` exporter writes, edited or not."""

    name = "xlsx"
    description = "Excel workbook written by the xlsx exporter (problems by cell)"
    media_types = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)
    suffixes = (".xlsx",)
    options_type = XlsxImportOptions

    def read(self, stream: BinaryIO, options: XlsxImportOptions) -> khuonha.Dataset:
        """Read every sheet; raise every problem at once, each naming its cell."""
        raw = stream.read()
        check_container(raw, options.max_uncompressed)
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        except Exception as exc:
            raise DecodeError([f"$: not a readable workbook: {exc}"]) from None
        return _Reader(book, self).dataset()


def _whole(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise ValueError


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(value, str):
        parsed = json.loads(value.strip())
        if isinstance(parsed, int | float) and not isinstance(parsed, bool):
            return parsed
    raise ValueError


def _date(value: Any) -> date:
    """The day of a date cell (the codec takes a ``date`` where a date is expected)."""
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise ValueError
        return value.date()
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _EPOCH + timedelta(days=int(value))
    if isinstance(value, str):
        match = _DDMMYYYY.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(value.strip())
    raise ValueError


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = {"true": True, "false": False, "có": True, "không": False, "1": True, "0": False}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    raise ValueError


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_EXPECTED = {
    "int": "a whole number",
    "number": "a number",
    "date": "a date",
    "bool": "TRUE or FALSE",
    "json": "a JSON list or object",
}


def _convert(column: Column, value: Any) -> Any:
    """The plain JSON value of a cell, or ValueError."""
    kind = column.kind
    if kind == "int":
        return _whole(value)
    if kind == "number":
        return _number(value)
    if kind == "date":
        return _date(value)
    if kind == "bool":
        return _bool(value)
    if kind == "json":
        if not isinstance(value, str):
            raise ValueError
        return json.loads(value)
    if kind == "datetime" and isinstance(value, datetime):
        return value.isoformat()
    if kind == "time" and isinstance(value, time):
        return value.isoformat()
    return _text(value)


def _blank(value: Any) -> bool:
    return value is None or value == ""


class _SlowError(Exception):
    """A cell the compiled row reader does not take as is: the row is read cell by cell."""


# The compiled reader's conversion of one non-blank cell ``v`` of each kind, as
# source: the usual Python type of what calamine gives is taken as is, anything
# else goes through the kind's converter above, whose ValueError sends the row
# to the careful reader (which words the problem with its cell).
_FAST: dict[str, str] = {
    "text": "v if v.__class__ is str else _text(v)",
    "int": "int(v) if v.__class__ is float and v.is_integer() else _whole(v)",
    "number": "(int(v) if v.is_integer() else v) if v.__class__ is float else _number(v)",
    "date": "v if v.__class__ is date else _date(v)",
    "bool": "v if v.__class__ is bool else _bool(v)",
    "json": "_json_cell(v)",
    "enum": "v if v.__class__ is str else _text(v)",
}


#: The C scanner ``json.loads`` uses (one value from an offset, with where it ended).
_scan: Callable[[str, int], tuple[Any, int]] = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009 - not in the type stubs


def _json_cell(value: Any) -> Any:
    """A JSON cell as the careful reader's ``json.loads`` reads it, in one C call."""
    if value.__class__ is str:
        if value == "[]":
            return []
        found, end = _scan(value, 0)
        if end == len(value):
            return found
    raise _SlowError


def _compile(sheet: Sheet, index: dict[str, int]) -> Any:
    return _compiled(sheet, tuple(index.items()))


@functools.lru_cache(maxsize=256)
def _compiled(sheet: Sheet, columns: tuple[tuple[str, int], ...]) -> Any:
    """A function from one row (a list of cell values) to the record's plain data.

    Generated once per sheet from the columns the file has, so that a row costs
    one call and no per-cell dispatch; it raises on any cell it would convert
    differently from :meth:`_Reader._record`, which then reads that row.
    """
    index = dict(columns)
    known = {c.key: c for c in sheet.columns}
    used = [(known[k], col) for k, col in index.items() if k in known]
    width = max((col for _c, col in used), default=-1) + 1
    lines = ["def convert(row):", f"    if len(row) < {width}:", "        raise _SlowError"]
    lines.append("    d = {}")
    parents: dict[tuple[str, ...], str] = {(): "d"}
    for column, _col in used:
        for depth in range(1, len(column.path)):
            prefix = column.path[:depth]
            if prefix not in parents:
                parents[prefix] = f"p{len(parents)}"
                lines.append(f"    {parents[prefix]} = {{}}")
    for column, col in used:
        expr = _FAST.get(column.kind)
        if expr is None:  # datetime, time: rare; converted as the careful reader does
            expr = "_convert(_columns[" + repr(column.key) + "], v)"
        target = parents[column.path[:-1]]
        lines.append(f"    v = row[{col}]")
        lines.append("    if v != '' and v is not None:")
        lines.append(f"        {target}[{column.path[-1]!r}] = {expr}")
    # nested values join their parent only when a cell of theirs was filled
    for prefix in sorted((p for p in parents if p), key=len, reverse=True):
        name, parent = parents[prefix], parents[prefix[:-1]]
        lines.append(f"    if {name}:")
        lines.append(f"        {parent}[{prefix[-1]!r}] = {name}")
    for column in sheet.columns:
        if column.null_when_blank:
            holder = parents.get(column.path[:-1])
            if holder == "d":
                lines.append(f"    d.setdefault({column.path[-1]!r}, None)")
            elif holder is not None:  # filled means attached, all the way up
                lines.append(f"    if {holder}:")
                lines.append(f"        {holder}.setdefault({column.path[-1]!r}, None)")
    lines.append("    return d")
    namespace: dict[str, Any] = {
        "_SlowError": _SlowError,
        "_text": _text,
        "_whole": _whole,
        "_number": _number,
        "_date": _date,
        "_bool": _bool,
        "_json_cell": _json_cell,
        "_convert": _convert,
        "_columns": known,
        "date": date,
    }
    exec(compile("\n".join(lines), f"<khuonha-xlsx row reader {sheet.name}>", "exec"), namespace)  # noqa: S102 - source built above from the layout's own keys
    return namespace["convert"]


class _Reader:
    """One reading: cell values to plain JSON, then the codec, errors mapped to cells."""

    def __init__(self, book: Any, importer: Importer) -> None:
        self.book = book
        self.importer = importer
        self.problems: list[str] = []
        self.reported: set[str] = set()
        # collection -> (sheet, the 0-based row of each record); and sheet -> {key: column index}
        self.rows: dict[str, tuple[Sheet, list[int]]] = {}
        self.keys: dict[str, dict[str, int]] = {}

    def _find(self, sheet: Sheet) -> list[list[Any]] | None:
        names = self.book.sheet_names
        for name in (sheet.name, sheet.collection or "dataset"):
            if name in names:
                rows: list[list[Any]] = self.book.get_sheet_by_name(name).to_python(
                    skip_empty_area=False
                )
                return rows
        return None

    def _records(self, sheet: Sheet) -> list[dict[str, Any]]:
        rows = self._find(sheet)
        if rows is None:
            return []
        keys = [str(k).strip() if k is not None else "" for k in (rows[1] if len(rows) > 1 else [])]
        known = {c.key: c for c in sheet.columns}
        index = {k: i for i, k in enumerate(keys) if k}
        self.keys[sheet.name] = index
        unknown = [k for k in index if k not in known]
        for key in unknown:
            self._problem(cell_name(sheet.name, 1, index[key]), f"unknown column key {key!r}")
        convert = _compile(sheet, index)
        numbers = self.rows[sheet.collection] = (sheet, [])
        taken = numbers[1].append
        out: list[dict[str, Any]] = []
        add = out.append
        for number in range(FIRST_ROW, len(rows)):
            row = rows[number]
            if not any(row) and all(_blank(v) for v in row):
                continue
            taken(number)
            try:
                add(convert(row))
            except Exception:  # the careful reader words what the compiled one refused
                add(self._record(sheet, row, number, index, known))
        rows.clear()
        return out

    def _record(
        self,
        sheet: Sheet,
        row: list[Any],
        number: int,
        index: dict[str, int],
        known: dict[str, Column],
    ) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for key, col in index.items():
            column = known.get(key)
            if column is None or col >= len(row) or _blank(row[col]):
                continue
            try:
                value = _convert(column, row[col])
            except (ValueError, TypeError, OverflowError):
                what = _EXPECTED.get(column.kind, f"a {column.kind}")
                cell = cell_name(sheet.name, number, col)
                self._problem(cell, f"expected {what}, got {_shown(row[col])}")
                continue
            target = record
            for part in column.path[:-1]:
                target = target.setdefault(part, {})
            target[column.path[-1]] = value
        for column in known.values():
            if column.null_when_blank:
                parent: Any = record
                for part in column.path[:-1]:
                    parent = parent.get(part) if isinstance(parent, dict) else None
                if isinstance(parent, dict):
                    parent.setdefault(column.path[-1], None)
        return record

    def _problem(self, cell: str, reason: str) -> None:
        self.reported.add(cell)
        self.problems.append(f"{cell}: {reason}")

    def dataset(self) -> khuonha.Dataset:
        layout = sheets()
        own_sheet, *record_sheets = layout
        own = self._records(own_sheet)
        if not own:
            self._problem(f"{own_sheet.name}!A{FIRST_ROW + 1}", "no dataset row (slug, title …)")
        data: dict[str, Any] = dict(own[0]) if own else {}
        for sheet in record_sheets:
            records = self._records(sheet)
            if records:
                data[sheet.collection] = records
        ds: khuonha.Dataset | None = None
        try:
            ds = self.importer.dataset_from(data)
        except DecodeError as exc:
            for line in exc.errors:
                cell, reason = self._locate(line)
                if cell not in self.reported:
                    self.problems.append(f"{cell}: {reason}" if cell else line)
        if self.problems or ds is None:
            raise DecodeError(self.problems or ["$: the workbook did not decode"])
        return ds

    def _locate(self, line: str) -> tuple[str | None, str]:
        """``$.activities[3].quantity.value: reason`` -> ``(Hoạt động!C6, reason)``."""
        path, _, reason = line.partition(": ")
        match = re.match(r"\$\.(\w+)\[(\d+)\]\.?(.*)\Z", path)
        found = self.rows.get(match.group(1)) if match else None
        if match and found and int(match.group(2)) < len(found[1]):
            sheet, number = found[0], found[1][int(match.group(2))]
            rest = match.group(3)
        elif path.startswith("$.") or path == "$":
            sheet, number = sheets()[0], FIRST_ROW
            rest = path[2:]
        else:
            return None, line
        keys = self.keys.get(sheet.name, {})
        for key in sorted(keys, key=len, reverse=True):
            if rest == key or rest.startswith((f"{key}.", f"{key}[")):
                return cell_name(sheet.name, number, keys[key]), reason
        for key in keys:
            if key.startswith(f"{rest}.") and rest:
                return cell_name(sheet.name, number, keys[key]), reason
        return f"{sheet.name}!{number + 1}:{number + 1}", f"{rest + ': ' if rest else ''}{reason}"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value[:60])
    return f"{type(value).__name__} {value!r:.60}"
