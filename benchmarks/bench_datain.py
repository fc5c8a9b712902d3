"""Data in and out: the workloads and direct baselines ``run.py`` times for xlsx and parquet.

``run.py`` times them (medians of at least 5 interleaved runs). Run alone, this
script compares the candidate libraries once (best of ``--runs``), which is how
the libraries were chosen::

    uv run python benchmarks/bench_datain.py --rows 100000

What each direct baseline does, so that a ratio is honest:

- **xlsx write**: XlsxWriter (constant-memory mode, like the exporter) writes
  the same cells, with the same types and the date format, from rows already
  flattened into plain values outside the timed call. The exporter also turns
  the models into those rows, writes the header formats, drop-down lists and
  the lists sheet, inside its time: the baseline does less.
- **xlsx read**: calamine reads every cell of the same sheets and converts each
  non-blank cell to the Python type of its column (whole numbers to ``int``,
  JSON cells parsed, dates as ``date``), a dict per row. The importer also
  nests the values, checks every field, builds the models and checks the
  references between records: the baseline does less.
- **parquet write**: pyarrow builds the same typed tables column by column from
  the same models (enums as their values, nested values as structs, the same
  schema) and writes them in batches of 50,000 rows with the same compression
  (zstd), as the exporter does. Equal work.
"""

from __future__ import annotations

import argparse
import enum
import functools
import gc
import io
import json
import math
import operator
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

Flat = list[tuple[str, list[str], list[list[Any]]]]


def best_of(fn: Callable[[], Any], runs: int) -> float:
    best = math.inf
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def dataset(rows: int) -> Any:
    """A national dataset with about *rows* activity rows."""
    from khuonha.testing.national import national_dataset

    return national_dataset(seed=0, scale=rows / 1_000_000)


# ---------------------------------------------------------------- xlsx


def flattened(ds: Any) -> Flat:
    """(sheet, keys, rows of plain cell values) per sheet, as the xlsx layout has them."""
    from khuonha_xlsx import sheets

    import khuonha

    out = []
    for sheet in sheets():
        records = [ds] if not sheet.collection else getattr(ds, sheet.collection)
        rows = []
        for record in records:
            data = json.loads(khuonha.dumps(record))
            row: list[Any] = []
            for column in sheet.columns:
                value: Any = data
                for part in column.path:
                    value = value.get(part) if isinstance(value, dict) else None
                if isinstance(value, list | dict) or (column.kind == "json" and value is not None):
                    value = json.dumps(value, ensure_ascii=False)
                elif column.kind == "date" and isinstance(value, str):
                    value = date.fromisoformat(value)
                row.append(value)
            rows.append(row)
        out.append((sheet.name, [c.key for c in sheet.columns], rows))
    return out


def xlsxwriter_direct(flat: Flat) -> bytes:
    """The same cells with XlsxWriter's typed writes (constant memory, as the exporter)."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"constant_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, keys, rows in flat:
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, keys)
        ws.write_row(1, 0, keys)
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, date):
                    ws.write_datetime(r, c, value, date_format)
                else:
                    ws.write_number(r, c, value)
    book.close()
    return buf.getvalue()


def openpyxl_direct(flat: Flat) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for name, keys, rows in flat:
        ws = book.create_sheet(name)
        ws.append(keys)
        ws.append(keys)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def column_kinds() -> dict[str, dict[str, str]]:
    """Sheet name -> column key -> kind, what a direct reader knows of the layout."""
    from khuonha_xlsx import sheets

    return {s.name: {c.key: c.kind for c in s.columns} for s in sheets()}


def calamine_direct(raw: bytes, kinds: dict[str, dict[str, str]]) -> int:
    """Every cell of the layout's sheets, each converted to its column's Python type."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    count = 0
    for name in book.sheet_names:
        if name not in kinds:
            continue
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        keys = [str(k) for k in rows[1]]
        kind = [kinds[name].get(k, "text") for k in keys]
        records = []
        for row in rows[2:]:
            record: dict[str, Any] = {}
            for key, k, cell in zip(keys, kind, row, strict=False):
                if cell is None or cell == "":
                    continue
                value = cell
                if k == "int" or (k == "number" and isinstance(cell, float) and cell.is_integer()):
                    value = int(cell)
                elif k == "json":
                    value = json.loads(cell)
                elif k == "date" and isinstance(cell, datetime):
                    value = cell.date()
                record[key] = value
            records.append(record)
        count += len(records)
    return count


def calamine_cells(raw: bytes) -> int:
    """Every cell of every sheet as calamine gives it, nothing converted (a floor)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    return sum(
        len(book.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in book.sheet_names
    )


def openpyxl_read(raw: bytes) -> int:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    count = sum(1 for ws in book.worksheets for _row in ws.iter_rows(values_only=True))
    book.close()
    return count


def xlsx_workload(ds: Any) -> dict[str, Callable[[], Any]]:
    """The timed calls of the xlsx comparison, with their inputs prepared."""
    import khuonha

    flat = flattened(ds)
    out = io.BytesIO()
    khuonha.export(ds, "xlsx", out)
    raw = out.getvalue()
    kinds = column_kinds()
    return {
        "write_ours": lambda: khuonha.export(ds, "xlsx", io.BytesIO()),
        "write_direct": lambda: xlsxwriter_direct(flat),
        "read_ours": lambda: khuonha.read(io.BytesIO(raw), "xlsx"),
        "read_direct": lambda: calamine_direct(raw, kinds),
        "read_cells": lambda: calamine_cells(raw),
        "rows": lambda: sum(len(r) for _n, _k, r in flat),
    }


def bench_xlsx(rows: int, runs: int) -> dict[str, float]:
    """Seconds per 100k rows for khuonha and each library (best of *runs*); the two ratios."""
    ds = dataset(rows)
    work = xlsx_workload(ds)
    total = work["rows"]()
    per = 100_000 / total
    flat = flattened(ds)
    raw = io.BytesIO()
    __import__("khuonha").export(ds, "xlsx", raw)
    figures = {
        "rows": float(total),
        "write_khuonha": best_of(work["write_ours"], runs) * per,
        "write_xlsxwriter": best_of(work["write_direct"], runs) * per,
        "write_openpyxl": best_of(lambda: openpyxl_direct(flat), runs) * per,
        "read_khuonha": best_of(work["read_ours"], runs) * per,
        "read_calamine": best_of(work["read_direct"], runs) * per,
        "read_calamine_cells_only": best_of(work["read_cells"], runs) * per,
        "read_openpyxl": best_of(lambda: openpyxl_read(raw.getvalue()), runs) * per,
    }
    figures["xlsx_write_ratio"] = figures["write_khuonha"] / figures["write_xlsxwriter"]
    figures["xlsx_read_ratio"] = figures["read_khuonha"] / figures["read_calamine"]
    return figures


# ---------------------------------------------------------------- parquet


_SCALARS = {str, int, float, bool, type(None), date, datetime}
#: Rows per batch of the direct parquet writer (the exporter's batch size).
BATCH = 50_000


@functools.cache
def _names(cls: type) -> tuple[str, ...] | None:
    """The field names of an attrs class (None for any other type), looked up once."""
    import attrs

    return tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else None


def _plain(value: Any) -> Any:
    """A model value as pyarrow takes it: enums as values, nested values as dicts."""
    cls = value.__class__
    if cls in _SCALARS:
        return value
    if cls is tuple:
        return [_plain(v) for v in value]
    names = _names(cls)
    if names is not None:
        return {n: _plain(getattr(value, n)) for n in names}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def pyarrow_direct(ds: Any, target: Path) -> None:
    """The same tables, built column by column from the models, written with zstd."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from khuonha_parquet import schema_of

    import khuonha

    def column(records: list[Any], field: Any) -> Any:
        get = operator.attrgetter(field.name)
        values = [get(r) for r in records]
        kinds = {v.__class__ for v in values}
        if not kinds <= _SCALARS:  # enums, nested values, lists: converted; plain ones as they are
            values = [_plain(v) for v in values]
        if field.type == pa.string():  # a union field: its JSON text
            values = [
                v if v is None or isinstance(v, str) else khuonha.dumps(v).decode() for v in values
            ]
        return pa.array(values, type=field.type)

    for name in ["dataset", *khuonha.record_collections()]:
        records = [ds] if name == "dataset" else list(getattr(ds, name))
        schema = schema_of(name)
        with pq.ParquetWriter(target / f"{name}.parquet", schema, compression="zstd") as out:
            for start in range(0, max(len(records), 1), BATCH):  # batches, as the exporter
                batch = records[start : start + BATCH]
                out.write_batch(
                    pa.RecordBatch.from_arrays([column(batch, f) for f in schema], schema=schema)
                )


def parquet_workload(ds: Any, folder: Path) -> dict[str, Callable[[], Any]]:
    """The timed calls of the parquet comparison (each writes into its own folder)."""
    import khuonha

    (folder / "direct").mkdir(parents=True, exist_ok=True)
    return {
        "write_ours": lambda: khuonha.export(ds, "parquet", folder / "ours"),
        "write_direct": lambda: pyarrow_direct(ds, folder / "direct"),
    }


def bench_parquet(rows: int, runs: int) -> dict[str, float]:
    """Seconds for khuonha's parquet export against pyarrow writing the same tables."""
    ds = dataset(rows)
    with tempfile.TemporaryDirectory() as tmp:
        work = parquet_workload(ds, Path(tmp))
        ours = best_of(work["write_ours"], runs)
        theirs = best_of(work["write_direct"], runs)
    return {"write_khuonha": ours, "write_pyarrow": theirs, "parquet_write_ratio": ours / theirs}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    for name, value in bench_xlsx(args.rows, args.runs).items():
        print(f"xlsx {name} {value:.3f}")
    try:
        for name, value in bench_parquet(args.rows, args.runs).items():
            print(f"parquet {name} {value:.3f}")
    except ImportError as exc:
        print(f"parquet: not installed ({exc})")


if __name__ == "__main__":
    main()
