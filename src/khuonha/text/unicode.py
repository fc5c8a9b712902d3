"""Vietnamese text at the boundary: NFC normalisation, match keys and slugs.

Every text field of every model passes through :func:`nfc`, so the
constructor and the decoder normalise alike. :func:`match_key` derives the
key used to compare names written with old or new tone-mark placement
("uỷ"/"ủy", "hoà"/"hòa"); the text itself is never changed beyond NFC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "MAX_MARKS",
    "check_marks",
    "marks_message",
    "match_key",
    "nfc",
    "nfc_optional",
    "slugify",
]

# The five tone marks as combining characters (domain.md §10.1). Vowel-quality
# marks (circumflex U+0302, breve U+0306, horn U+031B) are part of the letter.
_TONES = {
    "\u0300": "2",  # huyền
    "\u0301": "1",  # sắc
    "\u0309": "3",  # hỏi
    "\u0303": "4",  # ngã
    "\u0323": "5",  # nặng
}
_SYLLABLE = re.compile(r"\w+", re.UNICODE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


#: Short non-ASCII texts already checked, and their NFC form (bounded; cleared when full).
_KNOWN: dict[str, str] = {}
_KNOWN_SIZE = 16384
_KNOWN_LENGTH = 120
#: The same mapping, for the codec's generated decoder (read only there).
KNOWN_TEXTS = _KNOWN


#: The most combining marks one base character may carry. Vietnamese needs two (a
#: vowel mark and a tone); the most any script stacks is well under this. Longer runs
#: ("Zalgo" text) make Unicode normalisation quadratic, so they are refused.
MAX_MARKS = 30
# Marks are not ASCII: only runs of more than MAX_MARKS non-ASCII characters are looked at.
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]{%d,}" % (MAX_MARKS + 1))  # noqa: UP031


class TextError(ValueError):
    """Text that cannot be carried: not a string, or not valid Unicode."""


def check_marks(text: str) -> tuple[int, int] | None:
    """Find the first run of more than :data:`MAX_MARKS` combining marks in *text*.

    Returns ``(marks, position)``, the position being that of the character
    carrying them, or ``None``. Linear in the length of *text*.

    >>> check_marks("Thu\u0301y")
    >>> check_marks("ab" + "\u0301\u0323" * 20)
    (40, 1)
    """
    if _NON_ASCII_RUN.search(text) is None:  # the usual case: no long non-ASCII run at all
        return None
    astral = _ASTRAL.search(text) is not None
    found = _mark_runs(astral=astral).search(text)
    if found is None:
        return None
    return found.end() - found.start(), max(found.start() - 1, 0)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=2)
def _mark_runs(*, astral: bool) -> re.Pattern[str]:
    """Runs of combining marks (category M), built on first need (it takes some 0.1 s).

    Marks beyond the BMP are in the pattern only for text that has such characters:
    a class of BMP characters is a bitmap, checked in constant time per character.
    """
    top = 0x20000 if astral else 0x10000
    extra = range(0xE0100, 0xE01F0) if astral else range(0)
    codes = [c for c in (*range(0x300, top), *extra) if unicodedata.category(chr(c))[0] == "M"]
    ranges: list[str] = []
    first = last = codes[0]
    for c in [*codes[1:], -1]:
        if c == last + 1:
            last = c
            continue
        ranges.append(chr(first) if first == last else f"{chr(first)}-{chr(last)}")
        first = last = c
    return re.compile(f"[{''.join(ranges)}]{{{MAX_MARKS + 1},}}")


def marks_message(found: tuple[int, int], *, where: bool = True) -> str:
    """The reason given for a run of marks :func:`check_marks` found."""
    marks, position = found
    at = f" at character {position}" if where else ""
    return f"{marks} combining marks in a row{at} (at most {MAX_MARKS})"


def nfc(value: object) -> str:
    """Return *value* as NFC text; reject non-strings, lone surrogates and absurd mark runs.

    More than :data:`MAX_MARKS` combining marks on one character are refused
    (see :func:`check_marks`), so normalisation stays linear.

    >>> nfc("Thu\u0301y") == "Thúy"
    True
    """
    if type(value) is not str:
        if isinstance(value, str):
            value = str(value)
        else:
            msg = f"expected a string, got {type(value).__name__} {value!r:.60}"
            raise TextError(msg)
    if value.isascii():
        return value
    known = _KNOWN.get(value)
    if known is not None:  # names and units repeat: each is checked once
        return known
    if _SURROGATE.search(value) is not None:
        pos = _SURROGATE.search(value)
        assert pos is not None
        msg = (
            f"text is not valid Unicode: lone surrogate U+{ord(pos.group()):04X} "
            f"at character {pos.start()}"
        )
        raise TextError(msg)
    marks = check_marks(value)
    if marks is not None:  # normalising them would take quadratic time
        raise TextError(marks_message(marks))
    normal = (
        value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    )
    if len(value) <= _KNOWN_LENGTH:
        if len(_KNOWN) >= _KNOWN_SIZE:
            _KNOWN.clear()
        _KNOWN[value] = normal
    return normal


def nfc_optional(value: object) -> str | None:
    """Like :func:`nfc`, but let ``None`` through."""
    if value is None:
        return None
    return nfc(value)


@lru_cache(maxsize=65536)
def _syllable_key(syllable: str, *, diacritics: bool) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = ""
    kept: list[str] = []
    for ch in decomposed:
        code = _TONES.get(ch)
        if code is not None:
            tone = code
            continue
        if not diacritics and unicodedata.combining(ch):
            continue
        kept.append(ch)
    base = unicodedata.normalize("NFC", "".join(kept)).casefold()
    if not diacritics:
        return base.replace("đ", "d")
    return base + tone if tone else base


def match_key(text: str, *, diacritics: bool = True) -> str:
    """Return the comparison key of *text*.

    The key folds case, NFC/NFD and the old/new tone-mark placement, so
    "Huyện uỷ" and "huyện ủy" match. Syllables are kept apart by single
    spaces; punctuation is dropped. With ``diacritics=False`` the key also
    drops every mark and maps đ to d: use it for search only, since it
    collides ("Hòa", "Hoa", "Họa").

    >>> match_key("Huyện uỷ") == match_key("HUYỆN ỦY")
    True
    >>> match_key("Hoà Bình") == match_key("Hòa Bình")
    True
    >>> match_key("Hoa") == match_key("Hòa")
    False
    >>> match_key("Đặng Văn Sình", diacritics=False)
    'dang van sinh'
    """
    normal = nfc(text)
    return " ".join(_syllable_key(s, diacritics=diacritics) for s in _SYLLABLE.findall(normal))


def slugify(text: str) -> str:
    """Return an ASCII slug of *text* (lower case, hyphens, đ → d).

    >>> slugify("Xã Khuôn Hà 2022")
    'xa-khuon-ha-2022'
    """
    folded = match_key(text, diacritics=False)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return _SLUG_STRIP.sub("-", folded).strip("-")
