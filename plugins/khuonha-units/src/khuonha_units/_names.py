"""Reading a unit name as people type it: level words, abbreviations, no diacritics.

:func:`readings` turns a query into the ways it can be read, most specific
first: ``"X. Khuôn Hà"`` is a xã named Khuôn Hà, and failing that a unit
named "X Khuôn Hà" of any kind. :func:`name_key` is the key names are indexed
and looked up by.

>>> [(sorted(k.value for k in kinds or ()), rest) for kinds, rest in readings("TT. Lăng Can")]
[(['thi_tran'], 'Lăng Can'), ([], 'TT. Lăng Can')]
>>> name_key("Phường 01") == name_key("phường 1")
True
"""

from __future__ import annotations

import re

from khuonha import UnitKind, match_key

__all__ = ["former_key", "has_marks", "name_key", "readings", "strip_level_word"]

Kinds = frozenset[UnitKind]

_CITY = frozenset({UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG, UnitKind.THANH_PHO_THUOC_TINH})

#: Level words as written, and the kinds each names.
LEVEL_WORDS: tuple[tuple[str, Kinds], ...] = (
    ("thành phố", _CITY),
    ("thị xã", frozenset({UnitKind.THI_XA})),
    ("thị trấn", frozenset({UnitKind.THI_TRAN})),
    ("đặc khu", frozenset({UnitKind.DAC_KHU})),
    ("tỉnh", frozenset({UnitKind.TINH})),
    ("huyện", frozenset({UnitKind.HUYEN})),
    ("quận", frozenset({UnitKind.QUAN})),
    ("phường", frozenset({UnitKind.PHUONG})),
    ("xã", frozenset({UnitKind.XA})),
)

#: Abbreviations, written with a dot ("X. Khuôn Hà", "P.Bến Nghé", "TP.Huế");
#: the two-letter ones also with a space ("TT Lăng Can").
ABBREVIATIONS: dict[str, Kinds] = {
    "tp": _CITY,
    "tx": frozenset({UnitKind.THI_XA}),
    "tt": frozenset({UnitKind.THI_TRAN}),
    "dk": frozenset({UnitKind.DAC_KHU}),
    "đk": frozenset({UnitKind.DAC_KHU}),
    "h": frozenset({UnitKind.HUYEN}),
    "q": frozenset({UnitKind.QUAN}),
    "p": frozenset({UnitKind.PHUONG}),
    "x": frozenset({UnitKind.XA}),
}
_ABBREVIATION = re.compile(r"^\s*(tp|tx|tt|dk|đk|h|q|p|x)\s*\.\s*(\S.*)$", re.IGNORECASE)
_ABBREVIATION_SPACE = re.compile(r"^\s*(tp|tx|tt)\s+(\S.*)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_KEYED_WORDS = [
    (
        [match_key(w) for w in word.split()],
        [match_key(w, diacritics=False) for w in word.split()],
        k,
    )
    for word, k in LEVEL_WORDS
]


def has_marks(text: str) -> bool:
    """Whether *text* carries any Vietnamese mark (tone, vowel mark or đ)."""
    return match_key(text) != match_key(text, diacritics=False)


def _number(token: str) -> str:
    return str(int(token)) if token.isdigit() else token


def name_key(name: str, *, diacritics: bool = True) -> str:
    """The index key of *name*: :func:`khuonha.match_key`, numbers without leading zeros."""
    return " ".join(_number(t) for t in match_key(name, diacritics=diacritics).split())


def former_key(name: str) -> str:
    """The key former names are kept under: letters and digits, no marks, no leading zeros.

    >>> former_key("Nguyễn Phúc"), former_key("08")
    ('nguyenphuc', '8')
    """
    return "".join(name_key(name, diacritics=False).split())


def _same_word(typed: str, key: str, folded: str) -> bool:
    # A word typed without marks matches by its folded form, a marked one exactly:
    # "Tinh" may be "tỉnh", but "Tĩnh" (Tĩnh Túc) is not.
    typed_key = match_key(typed)
    typed_folded = match_key(typed, diacritics=False)
    return typed_folded == folded if typed_key == typed_folded else typed_key == key


def strip_level_word(text: str) -> tuple[Kinds, str] | None:
    """``(kinds, rest)`` when *text* starts with a level word or its abbreviation, else ``None``."""
    found = _ABBREVIATION.match(text) or _ABBREVIATION_SPACE.match(text)
    if found:
        return ABBREVIATIONS[found.group(1).lower()], found.group(2).strip()
    words = list(_WORD.finditer(text))
    for keys, folded, kinds in _KEYED_WORDS:
        n = len(keys)
        if len(words) <= n:
            continue
        if all(_same_word(words[i].group(), keys[i], folded[i]) for i in range(n)):
            return kinds, text[words[n - 1].end() :].strip(" \t.,")
    return None


def readings(text: str) -> list[tuple[Kinds | None, str]]:
    """The ways *text* can be read, most specific first: ``(kinds or None, name)``."""
    text = " ".join(text.split())
    out: list[tuple[Kinds | None, str]] = []
    stripped = strip_level_word(text)
    if stripped is not None and stripped[1]:
        out.append(stripped)
    out.append((None, text))
    return out
