"""Time the shipped registry: the cold load (first query) and one lookup after it.

Run from the repository: ``uv run python plugins/khuonha-units/scripts/bench_lookup.py``.
Each cold load runs in a fresh interpreter, so nothing is cached.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date

from khuonha_units import national_registry

COLD = """
import time
t0 = time.perf_counter()
from khuonha_units import national_registry
t1 = time.perf_counter()
national_registry().resolve("xã Khuôn Hà")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""

QUERIES = [
    ("xã Khuôn Hà", date(2022, 8, 10), None),
    ("Khuon Ha", None, None),
    ("X. Khuôn Hà", None, None),
    ("TT.Lăng Can", date(2022, 8, 10), None),
    ("xã Tân Phú", date(2022, 8, 10), None),
    ("xã Tân Phú", None, "Đồng Nai"),
    ("phường Kỳ Sơn", date(2026, 1, 29), "Phú Thọ"),
    ("xa bac dong quan", None, "Hung Yen"),
    ("Thới Bình", date(2019, 8, 31), "Cà Mau"),
    ("Phường 1", None, "79"),
]


def main() -> int:
    imports, loads = [], []
    for _ in range(5):
        out = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
        ).stdout.split()
        imports.append(float(out[0]))
        loads.append(float(out[1]))
    print(f"import khuonha_units: median {statistics.median(imports) * 1000:.0f} ms")
    print(
        f"first query (reads and indexes the file): median {statistics.median(loads) * 1000:.0f} ms"
    )

    registry = national_registry()
    registry.resolve("warm up")
    rounds = 500
    start = time.perf_counter()
    for _ in range(rounds):
        for name, on, province in QUERIES:
            registry.resolve(name, on=on, province=province)
    per = (time.perf_counter() - start) / (rounds * len(QUERIES))
    print(f"lookup after the load: {per * 1e6:.0f} µs each ({len(QUERIES)} queries x {rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
