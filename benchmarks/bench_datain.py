"""Data in and out: xlsx and parquet against their libraries used directly, iter_records memory.

Used by ``run.py``; also runnable alone, to compare the candidate libraries::

    uv run python benchmarks/bench_datain.py --rows 100000

The direct baselines get the cells already flattened (lists of Python values),
so a ratio is what khuonha adds: turning models into cells and back, checks
and error locations.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


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


def flattened(ds: Any) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(sheet, keys, rows of plain values) per sheet, as the xlsx layout has them."""
    from datetime import date

    from khuonha_xlsx import sheets

    out = []
    for sheet in sheets():
        records = [ds] if not sheet.collection else getattr(ds, sheet.collection)
        rows = []
        for record in records:
            data = json.loads(__import__("khuonha").dumps(record))
            row: list[Any] = []
            for column in sheet.columns:
                value: Any = data
                for part in column.path:
                    value = value.get(part) if isinstance(value, dict) else None
                if isinstance(value, list | dict):
                    value = json.dumps(value, ensure_ascii=False)
                elif column.kind == "date" and isinstance(value, str):
                    value = date.fromisoformat(value)
                row.append(value)
            rows.append(row)
        out.append((sheet.name, [c.key for c in sheet.columns], rows))
    return out


def xlsxwriter_direct(flat: list[tuple[str, list[str], list[list[Any]]]]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"constant_memory": True})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, keys, rows in flat:
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, keys)
        ws.write_row(1, 0, keys)
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if hasattr(value, "year"):
                    ws.write_datetime(r, c, value, date_format)
                else:
                    ws.write(r, c, value)
    book.close()
    return buf.getvalue()


def openpyxl_direct(flat: list[tuple[str, list[str], list[list[Any]]]]) -> bytes:
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


def calamine_read(raw: bytes) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)


def openpyxl_read(raw: bytes) -> int:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    count = sum(1 for ws in book.worksheets for _row in ws.iter_rows(values_only=True))
    book.close()
    return count


def bench_xlsx(rows: int, runs: int) -> dict[str, float]:
    """Seconds per 100k rows for khuonha and each library; the two ratios."""
    import khuonha

    ds = dataset(rows)
    flat = flattened(ds)
    total = sum(len(r) for _n, _k, r in flat)
    per = 100_000 / total
    ours_raw = io.BytesIO()
    khuonha.export(ds, "xlsx", ours_raw)
    raw = ours_raw.getvalue()
    figures = {
        "rows": float(total),
        "write_khuonha": best_of(lambda: khuonha.export(ds, "xlsx", io.BytesIO()), runs) * per,
        "write_xlsxwriter": best_of(lambda: xlsxwriter_direct(flat), runs) * per,
        "write_openpyxl": best_of(lambda: openpyxl_direct(flat), runs) * per,
        "read_khuonha": best_of(lambda: khuonha.read(io.BytesIO(raw), "xlsx"), runs) * per,
        "read_calamine": best_of(lambda: calamine_read(raw), runs) * per,
        "read_openpyxl": best_of(lambda: openpyxl_read(raw), runs) * per,
    }
    figures["xlsx_write_ratio"] = figures["write_khuonha"] / figures["write_xlsxwriter"]
    figures["xlsx_read_ratio"] = figures["read_khuonha"] / figures["read_calamine"]
    return figures


def bench_parquet(rows: int, runs: int) -> dict[str, float]:
    """Seconds for khuonha's parquet export against pyarrow writing the same tables."""
    import pyarrow.parquet as pq
    from khuonha_parquet import tables

    import khuonha

    ds = dataset(rows)
    built = dict(tables(ds))

    def direct(target: Path) -> None:
        for name, table in built.items():
            pq.write_table(table, target / f"{name}.parquet")

    with tempfile.TemporaryDirectory() as tmp:
        ours = best_of(lambda: khuonha.export(ds, "parquet", Path(tmp) / "ours"), runs)
        (Path(tmp) / "direct").mkdir()
        theirs = best_of(lambda: direct(Path(tmp) / "direct"), runs)
    return {"write_khuonha": ours, "write_pyarrow": theirs, "parquet_write_ratio": ours / theirs}


def _peak_child(path: str, mode: str) -> None:
    """In a fresh process: read *path*; print records and the peak RSS growth in MB."""
    import resource

    import khuonha

    gc.collect()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if mode == "iter":
        count = sum(1 for _ in khuonha.iter_records(path))
    else:
        count = sum(1 for _ in khuonha.read(path).records())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
    print(count, peak, seconds)


def peak(path: Path, mode: str) -> tuple[int, float, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--peak-child", str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def bench_memory(scale: float) -> dict[str, float]:
    """iter_records over the national JSONL, and the JSON load's bytes per record."""
    from khuonha.plugins.json_exporters import write_records
    from khuonha.testing.national import iter_national, national_document

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "national.jsonl"
        with jsonl.open("wb") as out:
            write_records(iter_national(seed=0, scale=scale), out, dataset="toan-quoc")
        count, iter_mb, iter_s = peak(jsonl, "iter")
        document = Path(tmp) / "national.json"
        document.write_bytes(national_document(seed=0, scale=scale))
        size = document.stat().st_size
        _c, load_mb, load_s = peak(document, "load")
    return {
        "records": float(count),
        "iter_records_peak_mb": iter_mb,
        "iter_records_s": iter_s,
        "load_peak_mb": load_mb,
        "load_s": load_s,
        "load_bytes_per_record": load_mb * 2**20 / count,
        "json_mb": size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--memory-scale", type=float, default=0.0)
    parser.add_argument("--peak-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_child:
        _peak_child(*args.peak_child)
        return
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    for name, value in bench_xlsx(args.rows, args.runs).items():
        print(f"xlsx {name} {value:.3f}")
    try:
        for name, value in bench_parquet(args.rows, args.runs).items():
            print(f"parquet {name} {value:.3f}")
    except ImportError as exc:
        print(f"parquet: not installed ({exc})")
    if args.memory_scale:
        for name, value in bench_memory(args.memory_scale).items():
            print(f"memory {name} {value:.3f}")


if __name__ == "__main__":
    main()
