"""Showing text from data in human-readable output, safely.

Titles, names, ids and messages come from data, and data may hold escape
sequences (``ESC [ 2 J`` clears a terminal), other C0 and C1 controls, or
bidirectional overrides that make text read backwards. Everything the command
line prints for people goes through :func:`shown`, on a terminal or not;
JSON output is left to the JSON encoder.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls; bidi marks, embeddings, overrides and isolates; line and
# paragraph separators (some terminals break lines there).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    r"""*text* with every control and bidi character written as an escape.

    >>> shown("Xã \x1b[31mKhuôn Hà\u202e")
    'Xã \\x1b[31mKhuôn Hà\\u202e'
    >>> shown("one\nline")
    'one\\x0aline'
    """
    return _UNSAFE.sub(_escape, text)


def shown_lines(text: str) -> str:
    """Like :func:`shown`, but keeps line breaks (for multi-line output)."""
    return "\n".join(shown(line) for line in text.split("\n"))
