"""One progress line on stderr, drawn only when stderr is a terminal.

Nothing is printed when stderr is not a terminal (a pipe, a file, a test's
capture), so scripts and logs never see it. The line is cleared when the
work ends, and redrawn at most ten times a second.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from khuonha.cli._show import shown

#: Reading progress is shown only for input larger than this (bytes).
LARGE = 1 << 20
_WIDTH = 79


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal."""
    try:
        return bool(sys.stderr is not None and sys.stderr.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    """A progress line: ``khuonha: LABEL DETAIL``; a context manager that clears it."""

    def __init__(self, label: str) -> None:
        self.on = stderr_is_terminal()
        self.label = label
        self.drawn = False
        self._last = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.clear()

    def bytes(self, done: int, total: int | None) -> None:
        """Bytes read so far (shown only for large input)."""
        if max(done, total or 0) <= LARGE:
            return
        of = f" of {total / 1e6:.1f}" if total else ""
        self.draw(f"{done / 1e6:.1f}{of} MB", force=not self.drawn)

    def step(self, label: str) -> None:
        """A new stage of work that was already being shown."""
        self.label = label
        if self.drawn:
            self.draw("", force=True)

    def draw(self, detail: str, *, force: bool = False) -> None:
        """Draw the line (rate-limited unless *force*)."""
        now = time.monotonic()
        if not self.on or (not force and now - self._last < 0.1):
            return
        self._last = now
        line = shown(f"khuonha: {self.label} {detail}".rstrip())
        try:
            sys.stderr.write("\r" + line[:_WIDTH].ljust(_WIDTH))
            sys.stderr.flush()
        except (OSError, ValueError):
            self.on = False
            return
        self.drawn = True

    def clear(self) -> None:
        """Erase the line, if drawn."""
        if self.on and self.drawn:
            try:
                sys.stderr.write("\r" + " " * _WIDTH + "\r")
                sys.stderr.flush()
            except (OSError, ValueError):
                self.on = False
        self.drawn = False
