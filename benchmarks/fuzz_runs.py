"""Long runs of one short pattern through the text readers: errors and slow shapes.

Run on demand, never collected by pytest::

    uv run python benchmarks/fuzz_runs.py            # scan, then parse_period, parse_quantity
    uv run python benchmarks/fuzz_runs.py --repeat 3000 --only scan

Every pair of a small vocabulary of report tokens (numbers, separators,
period and quantity words, brackets) is repeated ``--repeat`` times, glued
and spaced, and handed to :func:`khuonha.scan`, :func:`khuonha.parse_period`
and :func:`khuonha.parse_quantity`. A reader may refuse the text with the
library's error; any other exception (``RecursionError`` above all) is
printed, and so is every shape slower than ``--slow`` seconds, with the time
of the same shape at twice the length, so a run that grows faster than the
text shows itself. A readers' look-ahead that reads a run to its end instead
of a step at a time is the bug this finds.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable

import khuonha

VOCABULARY = (
    "1", "2025", "/", "-", "–", ",", ".", "và", "đến", "từ", "tháng", "quý", "năm", "ngày",
    "I", "T1", "Q1", "6T", "khoảng", "trên", "gần", "người", "%", "hết", "tính", "cùng kỳ",
    "đầu", "cuối", "giữa", "nay", "qua", "(", ")", "lúc", "giờ", "trước", "sau", "giai đoạn",
    "mười", "hai", "tới", "số", ":", "của", "nhà", "hộ", "|", "\n",
)  # fmt: skip


def _refusing(fn: Callable[[str], object]) -> Callable[[str], object]:
    def run(text: str) -> object:
        try:
            return fn(text)
        except khuonha.KhuonhaError:
            return None  # a refusal with the library's error is an answer

    return run


READERS: dict[str, Callable[[str], object]] = {
    "scan": khuonha.scan,
    "parse_period": _refusing(khuonha.parse_period),
    "parse_quantity": _refusing(khuonha.parse_quantity),
}


def _timed(fn: Callable[[str], object], text: str) -> float:
    start = time.process_time()
    fn(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1200, help="repeats of each pattern")
    parser.add_argument("--slow", type=float, default=0.25, help="CPU seconds that count as slow")
    parser.add_argument("--only", choices=sorted(READERS), help="one reader")
    args = parser.parse_args()
    names = [args.only] if args.only else list(READERS)
    for name in names:
        fn = READERS[name]
        errors: list[str] = []
        slow: list[str] = []
        started = time.perf_counter()
        for a, b in itertools.product(VOCABULARY, repeat=2):
            for glue in (" ", ""):
                unit = a + glue + b + " "
                try:
                    took = _timed(fn, unit * args.repeat)
                except Exception as exc:  # every crash is the finding
                    errors.append(f"{unit!r} x {args.repeat}: {type(exc).__name__}: {exc!s:.80}")
                    continue
                if took > args.slow:
                    twice = _timed(fn, unit * (2 * args.repeat))
                    slow.append(f"{unit!r}: {took:.3f} s, twice the text {twice:.3f} s")
        pairs = len(VOCABULARY) ** 2 * 2
        print(f"{name}: {pairs} shapes x {args.repeat} in {time.perf_counter() - started:.0f} s")
        for line in errors:
            print(f"  error  {line}")
        for line in slow:
            print(f"  slow   {line}")
        if not errors and not slow:
            print("  no errors, nothing slow")


if __name__ == "__main__":
    main()
