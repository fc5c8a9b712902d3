"""The one place where text is made safe for an iCalendar TEXT value.

RFC 5545 (§3.3.11) allows any character in a TEXT value except the
CONTROL characters U+0000-U+0008, U+000A-U+001F and U+007F; a line break is
written as the escape ``\\n``, and commas, semicolons and backslashes are
escaped by icalendar when it serialises. This module therefore:

- normalises to NFC;
- turns every line break (CR LF, CR, VT, FF, NEL, U+2028, U+2029) into ``\\n``;
- drops the other control characters (Unicode category Cc, C1 included),
  keeping the tab, and lone surrogates (they cannot be encoded);
- keeps everything else as written, format characters (RTL override, zero
  width joiner) included: they are legal text and readers may need them;
- cuts a text longer than :data:`MAX_TEXT` characters, marking the cut with
  "…": no calendar shows more, and folding a 50 MB text would take minutes.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_TEXT", "clean"]

#: Longest text written in one property, in characters.
MAX_TEXT = 100_000

_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def clean(value: str) -> str:
    """Return *value* as NFC text fit for an iCalendar TEXT property.

    >>> clean("Khuôn Hà\\r\\nxã\\x00 \\u2028Lâm Bình")
    'Khuôn Hà\\nxã \\nLâm Bình'
    >>> clean("Thu\\u0301y") == "Thúy"
    True
    """
    cut = len(value) > MAX_TEXT
    text = _BREAKS.sub("\n", value[:MAX_TEXT] if cut else value)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text + "…" if cut else text
