"""khuonha against its peers, on the synthetic national dataset.

Run on demand, never collected by pytest::

    uv run python benchmarks/run.py            # stated fractions of the national data, ~10 min
    uv run python benchmarks/run.py --quick    # small sizes, a smoke test for CI
    uv run python benchmarks/run.py --only codec,assess   # some sections alone
    uv run python benchmarks/run.py --only rollup --scale 0.25   # at a stated fraction
    uv run python benchmarks/run.py --only codec --codec-scale 0.05   # the codec, smaller

A full run must stay within 30 minutes on the project's 2-core machine
(``BUDGET_S``; docs/performance.md shows the cost of each section).

It prints a table, then one line per figure, ``ratio NAME VALUE``. A ratio is
khuonha's figure over the peer's (lower is better); a figure without a peer
is printed as is (µs, ms, MB). The rules that keep the figures honest:

- every figure is the **median of at least 5 runs**, shown with its min–max;
  the script refuses to print a ratio from fewer runs (``nan`` and a note);
- the codec figures are **CPU time** of the process (the codecs are
  single-threaded), which other jobs on a shared machine disturb far less
  than wall time; the other figures are wall time;
- khuonha and its peer run **under the same garbage-collector setting**.
  ``khuonha.loads`` switches the collector off while it decodes, so the
  codec ratios are taken with the collector off for everyone; the table also
  shows the times with it on for everyone (where loads still switches it off
  for itself, which flatters it);
- the peers do the same work, or the gap is printed beside the figure: the
  codec peers (``mirrors.py``) check types, patterns, lengths, bounds, NFC,
  cross-field rules and references as the library does, but keep the last
  of duplicate keys silently;
- the PDF is compared on **total time** for the same tables, with the page
  count of each; the RSS baseline builds its own entries;
- assessment is timed **cold** (a fresh process, ruleset loading and
  compiling included, import excluded) and **warm**;
- imports are timed alone and **with the first real use** (``khuonha.sample()``);
- ``khuonha --help`` is timed on the installed script after ``compileall``.

A missing plugin or peer gives ``ratio NAME nan`` and a note, never a crash.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import io
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

MIN_RUNS = 5
#: The clock of the codec figures: CPU time of this process (the codecs are single-threaded).
CPU = time.process_time

ROWS: list[tuple[str, str, str, str]] = []
RATIOS: dict[str, float] = {}
NOTES: list[str] = []
#: A full run must take at most this long on the project's 2-core machine (idle).
BUDGET_S = 30 * 60
#: The sections, in the order they run; ``--only`` names some of them.
SECTIONS = (
    "import",
    "cli",
    "codec",
    "assess",
    "jsonl",
    "memory",
    "xlsx",
    "parquet",
    "rollup",
    "rss",
    "pdf",
)
ORDER = (
    "dumps_vs_msgspec",
    "loads_vs_msgspec",
    "dumps_vs_pydantic",
    "loads_vs_pydantic",
    "pdf_total_vs_reportlab",
    "assess_us_per_unit",
    "assess_cold_us_per_unit",
    "cli_help_ms",
    "rss_vs_feedgenerator",
    "import_vs_attrs_cattrs",
    "import_first_use_vs_attrs_cattrs",
    "jsonl_stream_peak_mb",
    "iter_records_peak_mb",
    "load_bytes_per_record",
    "load_peak_vs_before",
    "xlsx_write_vs_direct",
    "xlsx_read_vs_direct",
    "parquet_write_vs_pyarrow",
    "rollup_province_cung_ky_s",
    "rollup_vs_duckdb",
)


def timed(
    fn: Callable[[], Any],
    runs: int,
    *,
    gc_off: bool,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[list[float], Any]:
    """Times of *runs* calls of *fn* under one collector setting (wall unless *clock* says
    otherwise), and the last result."""
    times: list[float] = []
    result = None
    was_on = gc.isenabled()
    for _ in range(runs):
        result = None
        gc.collect()
        if gc_off:
            gc.disable()
        else:
            gc.enable()
        try:
            start = clock()
            result = fn()
            times.append(clock() - start)
        finally:
            if was_on:
                gc.enable()
            else:
                gc.disable()
    return times, result


def paired(
    ours: Callable[[], Any], theirs: Callable[[], Any], runs: int, *, gc_off: bool
) -> tuple[list[float], list[float]]:
    """Wall times of *ours* and *theirs* taken in turn (so both see the same machine)."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.extend(timed(ours, 1, gc_off=gc_off)[0])
        b.extend(timed(theirs, 1, gc_off=gc_off)[0])
    return a, b


def spread(times: Sequence[float], scale: float = 1.0, unit: str = "s") -> str:
    """``median (min–max) unit``."""
    med = statistics.median(times) * scale
    return f"{med:.3g} {unit} ({min(times) * scale:.3g}–{max(times) * scale:.3g})"


def record(
    name: str,
    ours: Sequence[float],
    theirs: Sequence[float] | None,
    target: str,
    *,
    scale: float = 1.0,
    unit: str = "s",
) -> None:
    """A ratio of medians (or, without a peer, the median itself); refused from too few runs."""
    if len(ours) < MIN_RUNS or (theirs is not None and len(theirs) < MIN_RUNS):
        missing(name, f"fewer than {MIN_RUNS} runs: no ratio from so few", target)
        return
    if theirs is not None and statistics.median(theirs) == 0:
        missing(name, "the peer's figure is 0: no ratio", target)
        return
    if theirs is None:
        value = statistics.median(ours) * scale
        ROWS.append((name, spread(ours, scale, unit), "", f"{value:.3g} (target {target})"))
    else:
        value = statistics.median(ours) / statistics.median(theirs)
        ROWS.append(
            (
                name,
                spread(ours, scale, unit),
                spread(theirs, scale, unit),
                f"{value:.3g} (target {target})",
            )
        )
    RATIOS[name] = value


def missing(name: str, why: str, target: str) -> None:
    RATIOS[name] = math.nan
    ROWS.append((name, "-", "-", f"nan (target {target})"))
    NOTES.append(f"{name}: not measured: {why}")


def child(code: str) -> str:
    """Run *code* in a fresh interpreter; its stdout."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def wall_and_cpu(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of *command*; it must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- codec


def bench_codec(scale: float, runs: int) -> None:
    import khuonha
    from khuonha.testing.national import national_document

    doc = national_document(seed=0, scale=scale)
    mb = len(doc) / 1e6
    n = sum(1 for _ in khuonha.loads(doc).records())
    ROWS.append(("document", f"{n:,} records, {mb:.0f} MB (scale {scale})", "", ""))
    # name -> (decode, encode); khuonha first. Each run times every contender in turn
    # (interleaved), so a load that comes and goes on the machine hits them alike.
    sides: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
        "khuonha": ((lambda: khuonha.loads(doc)), khuonha.dumps)
    }
    try:
        import msgspec
        from mirrors import msgspec_decoder

        decode_msgspec = msgspec_decoder()
        sides["msgspec"] = ((lambda: decode_msgspec(doc)), msgspec.json.encode)
    except ImportError as exc:
        for op in ("dumps", "loads"):
            missing(f"{op}_vs_msgspec", str(exc), "<= 2")
    try:
        from mirrors import pydantic_decoder

        decode_pydantic = pydantic_decoder()
        sides["pydantic"] = (
            (lambda: decode_pydantic(doc)),
            (lambda obj: obj.model_dump_json(exclude_defaults=True).encode()),
        )
    except ImportError as exc:
        for op in ("dumps", "loads"):
            missing(f"{op}_vs_pydantic", str(exc), "< 1")
    times: dict[tuple[str, str, bool], list[float]] = {}
    for gc_off in (True, False):
        objs: dict[str, Any] = {}
        for _ in range(runs):
            for name, (decode, _enc) in sides.items():
                t, objs[name] = timed(decode, 1, gc_off=gc_off, clock=CPU)
                times.setdefault((name, "loads", gc_off), []).extend(t)
        for _ in range(runs):
            for name, (_dec, encode) in sides.items():
                obj = objs[name]
                t, _ = timed(lambda: encode(obj), 1, gc_off=gc_off, clock=CPU)  # noqa: B023
                times.setdefault((name, "dumps", gc_off), []).extend(t)
        objs.clear()
    for peer in [p for p in sides if p != "khuonha"]:
        target = "<= 2" if peer == "msgspec" else "< 1"
        for op in ("dumps", "loads"):
            record(f"{op}_vs_{peer}", times[("khuonha", op, True)], times[(peer, op, True)], target)
            on_ours, on_theirs = times[("khuonha", op, False)], times[(peer, op, False)]
            on_ratio = statistics.median(on_ours) / statistics.median(on_theirs)
            ROWS.append(
                (
                    f"  {op} with the collector on for all",
                    spread(on_ours),
                    spread(on_theirs),
                    f"{on_ratio:.3g}",
                )
            )
    NOTES.append(
        "codec peers (benchmarks/mirrors.py), generated from the same attrs classes, do the "
        "library's validation work in their own idiom: types, required fields, unknown keys, "
        "patterns, lengths and number bounds natively; NFC, year bounds, the other field "
        "checks and each record's cross-field rules after decoding each record; duplicate "
        "ids and references between records in one pass after decoding. Left out, so the "
        "ratios still favour them: neither refuses a duplicate key (both keep the last "
        "value), nor runs of combining marks in text, nor words every problem "
        "with its $.path in one report"
    )
    NOTES.append(
        "codec ratios are taken with the collector off for everyone (khuonha.loads turns it "
        "off while decoding); the indented rows show the collector on for everyone; runs are "
        "interleaved (khuonha, msgspec, pydantic, khuonha, ...) and timed in CPU time of the "
        "process (all three are single-threaded), which other jobs on the machine disturb far "
        "less than wall time"
    )


# ---------------------------------------------------------------- rules


def bench_assess(units_wanted: int, runs: int) -> None:
    from khuonha.rules import assess_dataset
    from khuonha.testing.national import CYCLE, national_dataset

    scale = units_wanted / 100_000
    ds = national_dataset(seed=0, scale=scale)
    assess_dataset(national_dataset(seed=0, scale=0.001), CYCLE)  # load and compile rulesets
    times, found = timed(lambda: assess_dataset(ds, CYCLE), runs, gc_off=False)
    units = len(found)
    ROWS.append(("assess_dataset (warm)", f"{units:,} units", "", ""))
    record("assess_us_per_unit", [t / units for t in times], None, "<= 20", scale=1e6, unit="µs")
    code = (
        "import time\n"
        "import khuonha\n"
        "from khuonha.rules import assess_dataset\n"
        "from khuonha.testing.national import CYCLE, national_dataset\n"
        f"ds = national_dataset(seed=0, scale={scale!r})\n"
        "t = time.perf_counter(); c = time.process_time(); found = assess_dataset(ds, CYCLE)\n"
        "print(time.perf_counter() - t, time.process_time() - c, len(found))"
    )
    cold, cold_cpu = [], []
    for _ in range(runs):
        seconds, cpu, count = child(code).split()
        cold.append(float(seconds) / int(count))
        cold_cpu.append(float(cpu) / int(count))
    record("assess_cold_us_per_unit", cold, None, "<= 20", scale=1e6, unit="µs")
    ROWS.append(("  assess cold: CPU time", spread(cold_cpu, 1e6, "µs"), "", ""))
    NOTES.append(
        "assess cold: a fresh process per run, timed from after `import khuonha` "
        "(interpreter start and import excluded), ruleset loading and compiling included"
    )


# ---------------------------------------------------------------- import and start-up


def bench_import(runs: int) -> None:
    ours, theirs, first_use = [], [], []
    stmt = "import time; t = time.perf_counter(); {0}; print(time.perf_counter() - t)"
    for _ in range(runs):  # interleaved, so all see the same machine
        ours.append(float(child(stmt.format("import khuonha"))))
        theirs.append(float(child(stmt.format("import attrs, cattrs"))))
        first_use.append(float(child(stmt.format("import khuonha; khuonha.sample()"))))
    record("import_vs_attrs_cattrs", ours, theirs, "<= 1.5", scale=1e3, unit="ms")
    record("import_first_use_vs_attrs_cattrs", first_use, theirs, "reported", scale=1e3, unit="ms")


def bench_cli_help(runs: int) -> None:
    script = shutil.which("khuonha", path=str(Path(sys.executable).parent))
    if script is None:
        missing("cli_help_ms", "the installed khuonha script was not found", "<= 60")
        return
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    subprocess.run([script, "--help"], capture_output=True, check=True)  # warm the disk cache
    for flag in ("--help", "--version"):
        times, cpu = [], []
        for _ in range(runs):
            wall, used = wall_and_cpu([script, flag])
            times.append(wall)
            cpu.append(used)
        if flag == "--help":
            record("cli_help_ms", times, None, "<= 60", scale=1e3, unit="ms")
        else:
            ROWS.append(("cli --version", spread(times, 1e3, "ms"), "", ""))
        ROWS.append((f"  cli {flag}: CPU time", spread(cpu, 1e3, "ms"), "", ""))
    floor, floor_cpu = [], []
    for _ in range(runs):
        wall, used = wall_and_cpu([sys.executable, "-c", "pass"])
        floor.append(wall)
        floor_cpu.append(used)
    ROWS.append(("  python -c pass (the floor)", spread(floor, 1e3, "ms"), "", ""))
    ROWS.append(("  python -c pass: CPU time", spread(floor_cpu, 1e3, "ms"), "", ""))
    NOTES.append(
        "cli: wall time of the installed script, spawn included; the CPU rows (user + system "
        "of the child) change little when the machine is loaded, the wall times do"
    )


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


def bench_jsonl(scale: float, runs: int) -> None:
    peaks, count, mb = [], 0, 0.0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--jsonl-child", str(scale)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        count, mb, peak = int(out[0]), float(out[1]), float(out[2])
        peaks.append(peak)
    ROWS.append(("jsonl stream", f"{count:,} records, {mb:.0f} MB (scale {scale})", "", ""))
    record("jsonl_stream_peak_mb", peaks, None, "<= 100", unit="MB")


# ---------------------------------------------------------------- data in: memory


def peak_child(path: str, mode: str) -> None:
    """In a fresh process: read *path*; print records, peak growth (MB) and seconds.

    The growth is the peak resident size (``VmHWM``, and the resident size
    sampled while streaming) minus what the process held before reading,
    imports, plugins and the codec's generated code done.
    """
    import khuonha
    from khuonha.codec.core import decode, parse_json
    from khuonha.plugins import default_host

    default_host()  # plugins loaded: part of the baseline, not of the reading
    khuonha.read(io.BytesIO(khuonha.dumps(khuonha.sample())))  # the codec's code generated
    gc.collect()
    _reset_hwm()  # the warm-up's peak must not hide a smaller one
    base, base_hwm = _rss_mb(), _hwm_mb()
    sampled = base
    start = time.perf_counter()
    if mode == "iter":
        count = 0
        for count, _item in enumerate(khuonha.iter_records(path), 1):
            if count % 2000 == 0:  # under the peak the warm-up set, VmHWM would not move
                sampled = max(sampled, _rss_mb())
    elif mode == "tree":  # the whole-tree way, as the json importer read before
        gc.disable()
        with open(path, "rb") as f:
            ds = decode(parse_json(f.read()))
        gc.enable()
        count = sum(1 for _ in ds.records())
    else:
        ds = khuonha.read(path)
        count = sum(1 for _ in ds.records())
    seconds = time.perf_counter() - start
    hwm = _hwm_mb()
    peak = max(sampled, hwm if hwm > base_hwm else base) - base
    print(count, peak, seconds)


def _reset_hwm() -> None:
    """Set this process's peak resident size back to its current size (Linux 4.0 and later)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass  # then the growth is measured from the warm-up's peak: it can only read lower


def _hwm_mb() -> float:
    """This process's own peak resident size in MB (``VmHWM``; Linux).

    Not ``getrusage``'s maxrss: a child keeps the maxrss its parent had when
    it forked, so a child of a big benchmark process would show the parent's.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak(path: Path, mode: str) -> tuple[int, float, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--peak-child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def bench_memory(iter_scale: float, load_scale: float, runs: int) -> None:
    """``iter_records`` over the national JSONL; the JSON load's peak per record."""
    import tempfile

    from khuonha.plugins.json_exporters import write_records
    from khuonha.testing.national import iter_national, national_document

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "national.jsonl"
        with jsonl.open("wb") as out:
            write_records(iter_national(seed=0, scale=iter_scale), out, dataset="toan-quoc")
        peaks, count = [], 0
        for _ in range(runs):
            count, mb, _s = _peak(jsonl, "iter")
            peaks.append(mb)
        size = jsonl.stat().st_size / 1e6
        jsonl.unlink()
        ROWS.append(
            ("iter_records", f"{count:,} records, {size:.0f} MB JSONL (scale {iter_scale})", "", "")
        )
        record("iter_records_peak_mb", peaks, None, "<= 100", unit="MB")
        document = Path(tmp) / "national.json"
        document.write_bytes(national_document(seed=0, scale=load_scale))
        size = document.stat().st_size / 1e6
        per_record, tree, seconds, tree_seconds = [], [], [], []
        for _ in range(runs):  # interleaved
            count, mb, s = _peak(document, "load")
            per_record.append(mb * 2**20 / count)
            seconds.append(s)
            count, mb, s = _peak(document, "tree")
            tree.append(mb * 2**20 / count)
            tree_seconds.append(s)
    ROWS.append(("load", f"{count:,} records, {size:.0f} MB JSON (scale {load_scale})", "", ""))
    ROWS.append(("  seconds: khuonha.read | whole tree", spread(seconds), spread(tree_seconds), ""))
    record("load_bytes_per_record", per_record, None, "reported", unit="B")
    record("load_peak_vs_before", per_record, tree, "< 0.5", unit="B/record")
    NOTES.append(
        "memory: peak resident growth (VmHWM, sampled RSS while streaming) of a fresh process, "
        "after imports, plugins and the codec's generated code; load_peak_vs_before compares "
        "khuonha.read (record by record) with the whole-tree way it replaced (bytes, text, "
        "parsed tree and models at once), interleaved; the issue measured 2.4 GB for the "
        "302 MB national JSON the whole-tree way"
    )


# ---------------------------------------------------------------- data in: xlsx, parquet


def bench_xlsx(scale: float, runs: int) -> None:
    try:
        import khuonha_xlsx  # noqa: F401
        from bench_datain import xlsx_workload
    except ImportError as exc:
        for name in ("xlsx_write_vs_direct", "xlsx_read_vs_direct"):
            missing(name, f"khuonha-xlsx or its libraries are missing ({exc})", "<= 1.5")
        return
    from khuonha.testing.national import national_dataset

    work = xlsx_workload(national_dataset(seed=0, scale=scale))
    rows = work["rows"]()
    per = 100_000 / rows
    ROWS.append(("xlsx rows", f"{rows:,} rows over every sheet (scale {scale})", "", ""))
    ours, theirs = paired(work["write_ours"], work["write_direct"], runs, gc_off=False)
    record("xlsx_write_vs_direct", ours, theirs, "<= 1.5", scale=per, unit="s/100k rows")
    ours, theirs = paired(work["read_ours"], work["read_direct"], runs, gc_off=True)
    record("xlsx_read_vs_direct", ours, theirs, "<= 1.5", scale=per, unit="s/100k rows")
    cells, _ = timed(work["read_cells"], runs, gc_off=True)
    ROWS.append(("  calamine cells only, nothing converted", "", spread(cells, per, "s"), ""))
    NOTES.append(
        "xlsx write: XlsxWriter direct writes the same typed cells from rows flattened outside "
        "its timing; the exporter flattens the models, writes formats, drop-downs and the lists "
        "sheet inside its own (the baseline does less); collector on for both"
    )
    NOTES.append(
        "xlsx read: calamine direct reads every cell of the same sheets and converts each to its "
        "column's Python type (a dict per row); the importer also checks every field, builds the "
        "models and checks references (the baseline does less); collector off for both, as the "
        "importer pauses it while decoding"
    )


def bench_parquet(scale: float, runs: int) -> None:
    try:
        import khuonha_parquet  # noqa: F401
        from bench_datain import parquet_workload
    except ImportError as exc:
        missing("parquet_write_vs_pyarrow", f"khuonha-parquet is missing ({exc})", "<= 1.5")
        return
    import tempfile

    from khuonha.testing.national import national_dataset

    ds = national_dataset(seed=0, scale=scale)
    with tempfile.TemporaryDirectory() as tmp:
        work = parquet_workload(ds, Path(tmp))
        ours, theirs = paired(work["write_ours"], work["write_direct"], runs, gc_off=False)
    n = sum(1 for _ in ds.records())
    ROWS.append(("parquet records", f"{n:,} records (scale {scale})", "", ""))
    record("parquet_write_vs_pyarrow", ours, theirs, "<= 1.5")
    NOTES.append(
        "parquet: pyarrow direct builds the same tables column by column from the same models "
        "and writes them in the same batches (50,000 rows) and compression (zstd): equal work"
    )


# ---------------------------------------------------------------- roll-ups


def bench_rollup(scale: float, runs: int) -> None:
    from khuonha import Period
    from khuonha.rollups import rollup
    from khuonha.testing.national import CYCLE, national_dataset

    ds = national_dataset(seed=0, scale=scale)
    communes = sum(1 for u in ds.units if u.level.value == "commune")
    period = Period.year(CYCLE)
    times, result = timed(
        lambda: rollup([ds], level="province", period=period, compare="cung-ky"),
        runs,
        gc_off=False,
    )
    ROWS.append(
        (
            f"rollup at scale {scale:g}",
            f"{communes:,} communes, {len(ds.areas):,} areas, {len(ds.activities):,} activities "
            f"-> {len(result.rows)} rows",
            "",
            "",
        )
    )
    record("rollup_province_cung_ky_s", times, None, "<= 5")
    try:
        import duckdb
    except ImportError as exc:
        missing("rollup_vs_duckdb", f"duckdb is missing ({exc})", "reported")
        return
    import tempfile

    import khuonha

    with tempfile.TemporaryDirectory() as tmp:
        khuonha.export(ds, "parquet", Path(tmp) / "bang")
        folder = Path(tmp) / "bang"
        # the same aggregation: activities of the year and the year before, per province
        # (through the area's commune and its parent) and kind
        query = f"""
            SELECT p.code, a.kind, year(a.period."end") AS y, sum(a.quantity.value)
            FROM read_parquet('{folder / "activities.parquet"}') AS a
            JOIN read_parquet('{folder / "areas.parquet"}') AS r ON r.id = a.covered[1]
            JOIN read_parquet('{folder / "units.parquet"}') AS c ON c.id = r.unit
            JOIN read_parquet('{folder / "units.parquet"}') AS p ON p.id = c.parent
            WHERE year(a.period."end") IN ({CYCLE}, {CYCLE - 1})
            GROUP BY ALL
        """
        theirs, _ = timed(lambda: duckdb.sql(query).fetchall(), runs, gc_off=False)
    record("rollup_vs_duckdb", times, theirs, "reported")
    NOTES.append(
        "rollup_vs_duckdb: DuckDB sums plain numbers over columns; the roll-up also keeps "
        "qualifiers as bounds, follows the 2025 reorganisation and lists silent units"
    )


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

    def ours() -> bytes:
        out = io.BytesIO()
        RssExporter().write(ds, out, FeedOptions())
        return out.getvalue()

    def direct() -> bytes:
        # the baseline builds its own entries, as the exporter does
        entries = build_entries(
            ds,
            language="vi",
            internal=False,
            authority="khuonha.invalid,2022",
            default_author=ds.title,
        )
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

    a, _ = timed(ours, runs, gc_off=False)
    b, _ = timed(direct, runs, gc_off=False)
    ROWS.append(("rss items", f"{items:,}", "", ""))
    record("rss_vs_feedgenerator", a, b, "<= 1.3")


def bench_pdf(communes: int, runs: int) -> None:
    try:
        import pypdf
        from bench_pdf import direct_pdf, exporter_pdf
        from khuonha_pdf.testing import province_dataset
    except ImportError as exc:
        missing(
            "pdf_total_vs_reportlab", f"khuonha-pdf or its benchmark is missing ({exc})", "<= 1.3"
        )
        return
    ds = province_dataset(communes)
    exporter_pdf(province_dataset(1))  # imports and font registration
    direct_pdf(province_dataset(1))
    ours: list[float] = []
    theirs: list[float] = []
    plain: list[float] = []
    out: dict[str, bytes] = {}
    # Interleaved run by run, so a change in the machine's load hits all three alike.
    for _ in range(runs):
        for name, times, fn in (
            ("ours", ours, lambda: exporter_pdf(ds)),
            ("theirs", theirs, lambda: direct_pdf(ds)),
            ("plain", plain, lambda: exporter_pdf(ds, fast=False)),
        ):
            t, out[name] = timed(fn, 1, gc_off=False)
            times.extend(t)
    pages_a = len(pypdf.PdfReader(io.BytesIO(out["ours"])).pages)
    pages_b = len(pypdf.PdfReader(io.BytesIO(out["theirs"])).pages)
    ROWS.append(("pdf pages", f"{pages_a} pages", f"{pages_b} pages", ""))
    record("pdf_total_vs_reportlab", ours, theirs, "<= 1.3")
    same = "same bytes" if out["ours"] == out["plain"] else "DIFFERENT BYTES"
    ROWS.append(
        (
            "pdf plain path (FAST off)",
            spread(plain),
            spread(ours),
            f"{statistics.median(plain) / statistics.median(ours):.3g}x slower, {same}",
        )
    )
    NOTES.append(
        "pdf: total time for the same tables (same columns, widths, header rows, padding and "
        "cell text); the direct reportlab baseline draws only those tables: no heading, section "
        "headings, chart, events (prose, about half of the exporter's pages), award recipients, "
        "closing block or page numbers, and no text cleaning, so it does less work; the page "
        "counts show how much"
    )


# ---------------------------------------------------------------- main


def _guard(name: str, target: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as exc:  # a failing part must not hide the others
        missing(name, f"{type(exc).__name__}: {exc}", target)


def main() -> None:
    """Run every benchmark and print the table and the ratio lines."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument(
        "--only",
        metavar="NAME[,NAME]",
        help=f"run only these sections ({', '.join(SECTIONS)}); the others print nan",
    )
    parser.add_argument(
        "--scale",
        type=float,
        metavar="FRACTION",
        help="the fraction of the national data for the whole-dataset figures (jsonl, "
        "iter_records, load, roll-up); default 1, or 0.01 with --quick; stated in the table",
    )
    parser.add_argument(
        "--codec-scale",
        type=float,
        metavar="FRACTION",
        help="the codec's fraction of the national data (default 0.25, or 0.01 with --quick)",
    )
    parser.add_argument("--jsonl-child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--peak-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.jsonl_child is not None:
        jsonl_child(args.jsonl_child)
        return
    if args.peak_child:
        peak_child(args.peak_child[1], args.peak_child[0])
        return
    only = set(SECTIONS)
    if args.only is not None:
        only = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = sorted(only - set(SECTIONS))
        if unknown or not only:
            parser.error(
                f"--only: unknown section {', '.join(unknown) or '(none given)'}; "
                f"the sections are {', '.join(SECTIONS)}"
            )
    quick = args.quick
    runs = MIN_RUNS
    # Stated fractions of the national data (1,326,670 records at scale 1): the repeated
    # codec runs use a quarter of it; the streamed jsonl and the roll-up use all of it.
    codec_scale = args.codec_scale or (0.01 if quick else 0.25)
    full_scale = args.scale if args.scale is not None else (0.01 if quick else 1.0)
    started = time.perf_counter()
    print(
        f"khuonha benchmarks ({'quick' if quick else 'full'}), {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}, median of {runs} runs each",
        flush=True,
    )
    steps: dict[str, tuple[str, str, Callable[[], None]]] = {
        "import": (
            "import_vs_attrs_cattrs",
            "<= 1.5",
            lambda: bench_import(runs if quick else 11),
        ),
        "cli": ("cli_help_ms", "<= 60", lambda: bench_cli_help(runs if quick else 11)),
        "codec": ("loads_vs_msgspec", "<= 2", lambda: bench_codec(codec_scale, runs)),
        "assess": (
            "assess_us_per_unit",
            "<= 20",
            lambda: bench_assess(1_000 if quick else 10_000, runs),
        ),
        "jsonl": ("jsonl_stream_peak_mb", "<= 100", lambda: bench_jsonl(full_scale, runs)),
        "memory": (
            "iter_records_peak_mb",
            "<= 100",
            lambda: bench_memory(full_scale, 0.01 if quick else min(0.25, full_scale), runs),
        ),
        "xlsx": (
            "xlsx_read_vs_direct",
            "<= 1.5",
            lambda: bench_xlsx(0.001 if quick else 0.03, runs),
        ),
        "parquet": (
            "parquet_write_vs_pyarrow",
            "<= 1.5",
            lambda: bench_parquet(0.002 if quick else 0.1, runs),
        ),
        "rollup": ("rollup_province_cung_ky_s", "<= 5", lambda: bench_rollup(full_scale, runs)),
        "rss": (
            "rss_vs_feedgenerator",
            "<= 1.3",
            lambda: bench_rss(500 if quick else 10_000, runs),
        ),
        "pdf": ("pdf_total_vs_reportlab", "<= 1.3", lambda: bench_pdf(2 if quick else 120, runs)),
    }
    assert tuple(steps) == SECTIONS
    for section, (name, target, fn) in steps.items():
        if section not in only and name not in only:
            NOTES.append(f"section {section} not run (--only)")
            continue
        section_start = time.perf_counter()
        _guard(name, target, fn)
        now = time.perf_counter()
        print(
            f"  ... {section} done in {now - section_start:.0f} s, at {now - started:.0f} s",
            flush=True,
        )
    header = ("figure", "khuonha: median (min–max)", "peer", "ratio")
    widths = [max(len(r[i]) for r in [header, *ROWS]) for i in range(4)]
    print()
    for row in [header, *ROWS]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for note in NOTES:
        print(f"note: {note}")
    total = time.perf_counter() - started
    if not quick and only == set(SECTIONS) and total > BUDGET_S:
        print(f"note: over the budget: {total:.0f} s > {BUDGET_S} s (see docs/performance.md)")
    print(f"total {total:.0f} s")
    for name in ORDER:
        print(f"ratio {name} {RATIOS.get(name, math.nan):.4g}")


if __name__ == "__main__":
    main()
