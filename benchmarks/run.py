"""khuonha against its peers, on the synthetic national dataset.

Run on demand, never collected by pytest::

    uv run python benchmarks/run.py            # full sizes, a few minutes
    uv run python benchmarks/run.py --quick    # a tenth of the sizes, under a minute

    uv run python benchmarks/run.py --scaling  # khuonha alone at three sizes

It prints a table, then one line per figure, ``ratio NAME VALUE``. A ratio is
khuonha's time over the peer's (lower is better). Each timing is the best of
two runs (one for the codec, whose runs take tens of seconds at full size),
taken after ``gc.collect(); gc.freeze()``, so that no library pays for
collecting the objects built before it started. A missing plugin or peer
gives ``ratio NAME nan`` and a note, never a crash.
"""

from __future__ import annotations

import argparse
import gc
import io
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ROWS: list[tuple[str, str, str, str]] = []
RATIOS: dict[str, float] = {}
NOTES: list[str] = []


def best_of(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The shortest wall time of *runs* calls of *fn*, and the last result."""
    best, result = math.inf, None
    for _ in range(runs):
        result = None
        gc.collect()
        gc.freeze()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
        gc.unfreeze()
    return best, result


def record(name: str, ours: str, theirs: str, value: float, target: str) -> None:
    RATIOS[name] = value
    ROWS.append((name, ours, theirs, f"{value:.3g} (target {target})"))


def missing(name: str, why: str, target: str) -> None:
    RATIOS[name] = math.nan
    ROWS.append((name, "-", "-", f"nan (target {target})"))
    NOTES.append(f"{name}: not measured: {why}")


# ---------------------------------------------------------------- codec


def bench_codec(scale: float, runs: int) -> None:
    import khuonha
    from khuonha.testing.national import national_document

    doc = national_document(seed=0, scale=scale)
    mb = len(doc) / 1e6
    t_loads, ds = best_of(lambda: khuonha.loads(doc), runs)
    t_dumps, _ = best_of(lambda: khuonha.dumps(ds), runs)
    n = sum(1 for _ in ds.records())
    ROWS.append(("document", f"{n:,} records, {mb:.0f} MB", "", ""))
    ROWS.append(("khuonha loads / dumps", f"{t_loads:.2f} s / {t_dumps:.2f} s", "", ""))
    ds = None  # free it before the peers run
    try:
        import msgspec
        from mirrors import msgspec_dataset
    except ImportError as exc:
        for name in ("dumps_vs_msgspec", "loads_vs_msgspec"):
            missing(name, str(exc), "<= 3" if name.startswith("d") else "<= 5")
    else:
        struct = msgspec_dataset()
        decoder = msgspec.json.Decoder(struct)
        m_loads, obj = best_of(lambda: decoder.decode(doc), runs)
        m_dumps, _ = best_of(lambda: msgspec.json.encode(obj), runs)
        obj = None
        record(
            "dumps_vs_msgspec", f"{t_dumps:.2f} s", f"{m_dumps:.2f} s", t_dumps / m_dumps, "<= 3"
        )
        record(
            "loads_vs_msgspec", f"{t_loads:.2f} s", f"{m_loads:.2f} s", t_loads / m_loads, "<= 5"
        )
    try:
        from mirrors import pydantic_dataset
    except ImportError as exc:
        for name in ("dumps_vs_pydantic", "loads_vs_pydantic"):
            missing(name, str(exc), "< 1")
    else:
        model = pydantic_dataset()
        p_loads, obj = best_of(lambda: model.model_validate_json(doc), runs)
        p_dumps, _ = best_of(lambda: obj.model_dump_json(exclude_defaults=True), runs)
        obj = None
        record(
            "dumps_vs_pydantic", f"{t_dumps:.2f} s", f"{p_dumps:.2f} s", t_dumps / p_dumps, "< 1"
        )
        record(
            "loads_vs_pydantic", f"{t_loads:.2f} s", f"{p_loads:.2f} s", t_loads / p_loads, "< 1"
        )


# ---------------------------------------------------------------- rules


def bench_assess(scale: float, runs: int) -> None:
    from khuonha.rules import assess_dataset
    from khuonha.testing.national import CYCLE, national_dataset

    ds = national_dataset(seed=0, scale=scale)
    assess_dataset(national_dataset(seed=0, scale=0.001), CYCLE)  # load and compile rulesets
    seconds, found = best_of(lambda: assess_dataset(ds, CYCLE), runs)
    units = len(found)
    assert units == len(ds.areas) + sum(1 for u in ds.units if u.level.value == "commune")
    per_unit = seconds / units * 1e6
    ROWS.append(("assess_dataset", f"{units:,} units in {seconds:.2f} s", "", ""))
    record("assess_us_per_unit", f"{per_unit:.1f} µs/unit", "", per_unit, "<= 20")


# ---------------------------------------------------------------- import


def _import_time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(out)


def bench_import(runs: int) -> None:
    ours, theirs = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        ours.append(_import_time("import khuonha"))
        theirs.append(_import_time("import attrs, cattrs"))
    a, b = statistics.median(ours), statistics.median(theirs)
    record("import_vs_attrs_cattrs", f"{a * 1e3:.1f} ms", f"{b * 1e3:.1f} ms", a / b, "<= 1.5")


# ---------------------------------------------------------------- jsonl


class _Sink(io.RawIOBase):
    """A binary stream that only counts what it is given."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)


def _rss_mb() -> float:
    """The resident size of this process now, in MB (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def jsonl_child(scale: float) -> None:
    """In a fresh process: stream the national records to jsonl; print records, MB, growth."""
    from khuonha.plugins.json_exporters import RECORD_TYPES, write_records
    from khuonha.testing.national import iter_national

    records = ((c, r) for c, r in iter_national(seed=0, scale=scale) if c in RECORD_TYPES)
    first = next(records)  # imports done, outline built: the baseline
    gc.collect()
    base = _rss_mb()
    base_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    state = {"count": 0, "peak": base}

    def sampled() -> Any:
        yield first
        for n, item in enumerate(records, 2):
            if n % 2000 == 0:
                state["peak"] = max(state["peak"], _rss_mb())
            yield item
        state["count"] = n

    sink = _Sink()
    start = time.perf_counter()
    write_records(sampled(), sink, dataset="toan-quoc")  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    peak_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    growth = max(state["peak"] - base, peak_max - base_max, 0.0)
    print(state["count"], sink.size / 1e6, growth, seconds)


def bench_jsonl(scale: float) -> None:
    out = subprocess.run(
        [sys.executable, __file__, "--jsonl-child", str(scale)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    count, mb, peak, seconds = int(out[0]), float(out[1]), float(out[2]), float(out[3])
    ROWS.append(("jsonl stream", f"{count:,} records, {mb:.0f} MB in {seconds:.1f} s", "", ""))
    record("jsonl_stream_peak_mb", f"{peak:.1f} MB", "", peak, "<= 100")


# ---------------------------------------------------------------- plugins


def bench_rss(items: int, runs: int) -> None:
    try:
        import feedgenerator
        from khuonha_rss import FeedOptions, RssExporter
        from khuonha_rss._items import build_entries
    except ImportError as exc:
        missing(
            "rss_vs_feedgenerator", f"khuonha-rss or feedgenerator is missing ({exc})", "<= 1.3"
        )
        return
    import attrs

    from khuonha.testing.national import national_dataset

    full = national_dataset(seed=0, scale=max(0.001, items / 100_000))
    ds = attrs.evolve(
        full,
        activities=(),
        awards=(),
        evidence=(),
        certifications=full.certifications[: max(0, items - len(full.events))],
    )
    entries = build_entries(
        ds,
        language="vi",
        internal=False,
        authority="khuonha.invalid,2022",
        default_author=ds.title,
    )

    def ours() -> bytes:
        out = io.BytesIO()
        RssExporter().write(ds, out, FeedOptions())
        return out.getvalue()

    def direct() -> bytes:
        feed = feedgenerator.Rss201rev2Feed(
            title=ds.title, link="https://khuonha.invalid/", description=ds.title, language="vi"
        )
        for e in entries:
            feed.add_item(
                title=e.title,
                link=e.link,
                description=e.summary,
                author_name=e.author,
                pubdate=e.date,
                unique_id=e.guid,
                unique_id_is_permalink=False,
                categories=list(e.categories),
            )
        text = io.StringIO()
        feed.write(text, "utf-8")
        return text.getvalue().encode("utf-8")

    a, _ = best_of(ours, runs)
    b, _ = best_of(direct, runs)
    ROWS.append(("rss items", f"{len(entries):,}", "", ""))
    record("rss_vs_feedgenerator", f"{a:.2f} s", f"{b:.2f} s", a / b, "<= 1.3")


def bench_pdf(communes: int) -> None:
    try:
        import pypdf
        from bench_pdf import direct_pdf, exporter_pdf
        from khuonha_pdf.testing import province_dataset
    except ImportError as exc:
        missing("pdf_vs_reportlab", f"khuonha-pdf or its benchmark is missing ({exc})", "<= 1.5")
        return
    ds = province_dataset(communes)
    exporter_pdf(province_dataset(1))  # imports and font registration
    direct_pdf(province_dataset(1))
    a, ours = best_of(lambda: exporter_pdf(ds), 1)
    b, theirs = best_of(lambda: direct_pdf(ds), 1)
    pages_a = len(pypdf.PdfReader(io.BytesIO(ours)).pages)
    pages_b = len(pypdf.PdfReader(io.BytesIO(theirs)).pages)
    ROWS.append(
        (
            "pdf pages per second",
            f"{pages_a} pages, {pages_a / a:.1f}/s",
            f"{pages_b} pages, {pages_b / b:.1f}/s",
            "",
        )
    )
    # The direct baseline draws only the tables (no headings, chart or events), so
    # it makes fewer pages of the same data: compare the time per page.
    record(
        "pdf_vs_reportlab",
        f"{a / pages_a * 1000:.1f} ms/page",
        f"{b / pages_b * 1000:.1f} ms/page",
        (a / pages_a) / (b / pages_b),
        "<= 1.5",
    )


# ---------------------------------------------------------------- main


def scaling(scales: tuple[float, ...]) -> None:
    """Time khuonha alone at several sizes and print the cost per record."""
    import khuonha
    from khuonha.rules import assess_dataset
    from khuonha.testing.national import CYCLE, national_dataset, national_document

    assess_dataset(national_dataset(seed=0, scale=0.001), CYCLE)
    print("scale  records    loads µs/rec  dumps µs/rec  assess µs/unit  jsonl µs/rec  jsonl MB")
    for scale in scales:
        doc = national_document(seed=0, scale=scale)
        t_loads, ds = best_of(lambda: khuonha.loads(doc), 2)  # noqa: B023 - called at once
        t_dumps, _ = best_of(lambda: khuonha.dumps(ds), 2)  # noqa: B023
        t_assess, found = best_of(lambda: assess_dataset(ds, CYCLE), 2)  # noqa: B023
        n = sum(1 for _ in ds.records())
        out = subprocess.run(
            [sys.executable, __file__, "--jsonl-child", str(scale)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        streamed, peak, t_jsonl = int(out[0]), float(out[2]), float(out[3])
        print(
            f"{scale:<6} {n:<10,} {t_loads / n * 1e6:<13.2f} {t_dumps / n * 1e6:<13.2f} "
            f"{t_assess / len(found) * 1e6:<15.1f} {t_jsonl / streamed * 1e6:<13.2f} {peak:.1f}",
            flush=True,
        )
        ds = found = None


def _guard(name: str, target: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as exc:  # a failing part must not hide the others
        missing(name, f"{type(exc).__name__}: {exc}", target)


def main() -> None:
    """Run every benchmark and print the table and the ratio lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument(
        "--scaling", action="store_true", help="khuonha alone at scales 0.03, 0.1 and 0.3"
    )
    parser.add_argument("--jsonl-child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scaling:
        scaling((0.03, 0.1, 0.3))
        return
    if args.jsonl_child is not None:
        jsonl_child(args.jsonl_child)
        return
    scale = 0.1 if args.quick else 1.0
    runs = 1 if args.quick else 2  # quick is a smoke test: one run each
    started = time.perf_counter()
    print(
        f"khuonha benchmarks ({'quick' if args.quick else 'full'}, scale {scale}), "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        flush=True,
    )
    steps: list[tuple[str, str, Callable[[], None]]] = [
        ("import_vs_attrs_cattrs", "<= 1.5", lambda: bench_import(7 if args.quick else 21)),
        # one run each: at full size every run takes tens of seconds
        ("loads_vs_msgspec", "<= 5", lambda: bench_codec(scale, 1)),
        ("assess_us_per_unit", "<= 20", lambda: bench_assess(scale, runs)),
        ("jsonl_stream_peak_mb", "<= 100", lambda: bench_jsonl(scale)),
        ("rss_vs_feedgenerator", "<= 1.3", lambda: bench_rss(int(10_000 * scale), runs)),
        ("pdf_vs_reportlab", "<= 1.5", lambda: bench_pdf(max(2, int(120 * scale)))),
    ]
    for name, target, fn in steps:
        _guard(name, target, fn)
        print(
            f"  ... {name.split('_')[0]} done at {time.perf_counter() - started:.0f} s", flush=True
        )
    widths = [
        max(len(r[i]) for r in [("figure", "khuonha", "peer", "ratio"), *ROWS]) for i in range(4)
    ]
    print()
    for row in [("figure", "khuonha", "peer", "ratio"), *ROWS]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for note in NOTES:
        print(f"note: {note}")
    print(f"total {time.perf_counter() - started:.0f} s")
    for name in (
        "dumps_vs_msgspec",
        "loads_vs_msgspec",
        "dumps_vs_pydantic",
        "loads_vs_pydantic",
        "assess_us_per_unit",
        "import_vs_attrs_cattrs",
        "jsonl_stream_peak_mb",
        "rss_vs_feedgenerator",
        "pdf_vs_reportlab",
    ):
        print(f"ratio {name} {RATIOS.get(name, math.nan):.4g}")


if __name__ == "__main__":
    main()
