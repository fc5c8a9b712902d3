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

import io
import json
import re
import zipfile
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
        return _Reader(book).dataset()


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


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise ValueError
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (_EPOCH + timedelta(days=int(value))).isoformat()
    if isinstance(value, str):
        match = _DDMMYYYY.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day).isoformat()
        return date.fromisoformat(value.strip()).isoformat()
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


class _Reader:
    """One reading: cell values to plain JSON, then the codec, errors mapped to cells."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.problems: list[str] = []
        self.reported: set[str] = set()
        # (collection, index) -> (sheet, 0-based row); and sheet -> {key: column index}
        self.rows: dict[tuple[str, int], tuple[Sheet, int]] = {}
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
        out: list[dict[str, Any]] = []
        for number, row in enumerate(rows[FIRST_ROW:], FIRST_ROW):
            if all(_blank(v) for v in row):
                continue
            self.rows[(sheet.collection, len(out))] = (sheet, number)
            out.append(self._record(sheet, row, number, index, known))
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
        if self._find(own_sheet) is None or not own:
            self._problem(f"{own_sheet.name}!A{FIRST_ROW + 1}", "no dataset row (slug, title …)")
        data: dict[str, Any] = dict(own[0]) if own else {}
        for sheet in record_sheets:
            records = self._records(sheet)
            if records:
                data[sheet.collection] = records
        ds: khuonha.Dataset | None = None
        try:
            ds = khuonha.loads(json.dumps(data, ensure_ascii=False).encode())
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
        if match and (match.group(1), int(match.group(2))) in self.rows:
            sheet, number = self.rows[(match.group(1), int(match.group(2)))]
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
