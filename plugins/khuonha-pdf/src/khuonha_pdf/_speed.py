"""The one switch between the optimised path and the plain path of the same code.

With :data:`FAST` on (the default), work whose result is known is not done
again: a table cell breaks its lines once per width, paragraph markup is
parsed once per text and style in a report, and text is cleaned once per
string. With it off, every step runs each time, as reportlab alone would.
Both paths write the same bytes (``tests/test_speed.py``); the benchmark
(``benchmarks/bench_pdf.py --plain``) times the plain path to show what the
optimised one saves. reportlab's C accelerator (``rl-accel``) is loaded by
reportlab itself on import and is not switched here.
"""

from __future__ import annotations

__all__ = ["FAST"]

#: Whether the optimised path runs (see the module's docstring).
FAST = True
