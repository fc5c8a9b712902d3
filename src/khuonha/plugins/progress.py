"""Progress within one export: exporters that can report it, and the caller shows it.

The host's caller (the command line) installs a callback with
:func:`progress_to` around an export; an exporter that knows how far it is
calls :func:`report_progress` (``json`` and ``jsonl`` report records, a
paginated format would report pages). Without a callback, reporting does
nothing, so an exporter behaves the same, byte for byte, whoever calls it.

>>> seen = []
>>> with progress_to(lambda done, total, unit: seen.append((done, total, unit))):
...     report_progress(1, 2)
...     report_progress(2, 2)
>>> report_progress(3, 3)  # no callback: nothing happens
>>> seen
[(1, 2, 'records'), (2, 2, 'records')]
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = ["ProgressCallback", "progress_to", "report_progress"]

#: ``callback(done, total, unit)``: *done* of *total* (``None``: unknown) *unit* (records, pages).
ProgressCallback = Callable[[int, "int | None", str], None]

_callback: ContextVar[ProgressCallback | None] = ContextVar("khuonha_progress", default=None)


def report_progress(done: int, total: int | None = None, unit: str = "records") -> None:
    """Report that *done* of *total* *unit* are written (to the callback, if any)."""
    callback = _callback.get()
    if callback is not None:
        callback(done, total, unit)


@contextlib.contextmanager
def progress_to(callback: ProgressCallback | None) -> Iterator[None]:
    """Send :func:`report_progress` calls made inside the block to *callback*."""
    token = _callback.set(callback)
    try:
        yield
    finally:
        _callback.reset(token)
