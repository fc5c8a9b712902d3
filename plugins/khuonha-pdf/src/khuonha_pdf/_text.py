"""Text on its way into reportlab: NFC, no control characters, escaped markup.

reportlab draws a decomposed "ộ" as three glyphs stacked by guesswork, and
its paragraph parser reads ``<`` and ``&`` as markup, so every string the
report prints passes through :func:`plain` (canvas strings) or
:func:`markup` (paragraph text).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from khuonha_pdf import _speed
from khuonha_pdf._fonts import supported_characters

__all__ = ["MAX_CELL", "MAX_LINE", "clear_caches", "clip", "markup", "plain"]

#: Longest text kept in one table cell or paragraph, in characters.
MAX_CELL = 3000
#: Longest text kept on a one-line element (header, chart label).
MAX_LINE = 300

# C0/C1 controls, bidirectional overrides and isolates, BOM and non-characters.
# Newlines and tabs become spaces: the report lays text out itself.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)
_SPACE = re.compile(r"[\t\n\r\u2028\u2029]+")


def plain(value: object, limit: int = MAX_CELL) -> str:
    r"""Return *value* as printable NFC text of at most *limit* characters.

    Invisible format characters (zero-width spaces, joiners) are dropped, and
    a character the fonts cannot draw becomes "?", so nothing prints as an
    empty box or reads back as a NUL.

    >>> plain("Thu\u0301y\x07\n  Phượng \U0001F1FB") == "Thúy   Phượng ?"
    True
    """
    text = value if isinstance(value, str) else str(value)
    if _speed.FAST and len(text) <= _CACHED_LENGTH:
        return _plain_cached(text, limit)
    return _plain(text, limit)


#: Texts up to this length are cleaned once (a report repeats its names and figures).
_CACHED_LENGTH = 200


@lru_cache(maxsize=8192)
def _plain_cached(text: str, limit: int) -> str:
    return _plain(text, limit)


def clear_caches() -> None:
    """Forget the cleaned texts (the benchmark starts each run cold)."""
    _plain_cached.cache_clear()


def _plain(text: str, limit: int) -> str:
    # Only the start can be shown: cut a huge text (50 MB) before the work below.
    text = text[: 4 * limit + 64]
    text = _DROP.sub("", _SPACE.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        drawable = supported_characters()
        if drawable.issuperset(text):
            return clip(text, limit)
        text = "".join(
            ch if ch in drawable else ("" if unicodedata.category(ch) == "Cf" else "?")
            for ch in text
        )
    return clip(text, limit)


def clip(text: str, limit: int) -> str:
    """Cut *text* to *limit* characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def markup(value: object, limit: int = MAX_CELL) -> str:
    """Return *value* as escaped paragraph markup (``&`` → ``&amp;`` …).

    >>> markup("a < b & c")
    'a &lt; b &amp; c'
    """
    return escape(plain(value, limit))
