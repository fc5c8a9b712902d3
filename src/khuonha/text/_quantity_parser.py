"""The reader behind :func:`khuonha.parse_quantity`.

Numbers follow the Vietnamese convention only: "." groups thousands and ","
marks decimals ("2.500" is 2500, "87,9" is 87.9, "78.152,17" is 78152.17),
so "2.5" is not a number here. Words are compared by folded keys (case,
NFC/NFD, tone marks and their placement, đ/d).
"""

from __future__ import annotations

import re

from khuonha.exceptions import InvalidDataError, QuantityParseError
from khuonha.text.quantities import Qualifier, Quantity
from khuonha.text.unicode import check_marks, marks_message, match_key

__all__ = ["parse", "parse_quantity"]

_NUMBER = re.compile(
    r"[0-9]{1,3}(?:\.[0-9]{3}(?![0-9]))+(?:,[0-9]+)?(?![0-9.])"
    r"|[0-9]+(?:,[0-9]+)?(?![0-9.])"
)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*")
_SPACE = re.compile(r"\s*")
#: Words before a number, longest first, by folded key.
_PREFIXES: tuple[tuple[str, Qualifier], ...] = (
    ("tren duoi", Qualifier.ABOUT),
    ("khoang chung", Qualifier.ABOUT),
    ("xap xi", Qualifier.ABOUT),
    ("it nhat", Qualifier.AT_LEAST),
    ("toi thieu", Qualifier.AT_LEAST),
    ("toi da", Qualifier.AT_MOST),
    ("khong qua", Qualifier.AT_MOST),
    ("co ban", Qualifier.BASICALLY),
    ("tren", Qualifier.MORE_THAN),
    ("hon", Qualifier.MORE_THAN),
    ("gan", Qualifier.NEARLY),
    ("khoang", Qualifier.ABOUT),
    ("chung", Qualifier.ABOUT),
    ("uoc", Qualifier.ABOUT),
    ("duoi", Qualifier.AT_MOST),
    ("tu", Qualifier.AT_LEAST),
)
_ZERO = ("khong co", "chua co", "khong")
_SUFFIXES = (("tro len", Qualifier.AT_LEAST), ("tro xuong", Qualifier.AT_MOST))


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, reason: str, at: int | None = None) -> QuantityParseError:
        return QuantityParseError(self.text, self.pos if at is None else at, reason)

    def skip(self) -> None:
        m = _SPACE.match(self.text, self.pos)
        self.pos = m.end() if m else self.pos

    def words(self, count: int) -> tuple[str, int] | None:
        """The folded key of the next *count* words, and where they end."""
        keys, pos = [], self.pos
        for _ in range(count):
            m = _SPACE.match(self.text, pos)
            pos = m.end() if m else pos
            w = _WORD.match(self.text, pos)
            if w is None:
                return None
            keys.append(match_key(w.group(), diacritics=False))
            pos = w.end()
        return " ".join(keys), pos

    def phrase(self, table: tuple[tuple[str, Qualifier], ...]) -> Qualifier | None:
        for key, qualifier in table:
            found = self.words(key.count(" ") + 1)
            if found is not None and found[0] == key:
                self.pos = found[1]
                return qualifier
        return None

    def number(self) -> tuple[int | float, bool]:
        """A number and whether it had a decimal part."""
        self.skip()
        m = _NUMBER.match(self.text, self.pos)
        if m is None:
            raise self.error("expected a number written the Vietnamese way (2.500; 87,9)")
        self.pos = m.end()
        whole, _, decimals = m.group().replace(".", "").partition(",")
        if len(whole) > 300:
            raise self.error("the number is too large", at=m.start())
        if decimals:
            return float(f"{whole}.{decimals}"), True
        return int(whole), False

    def unit(self) -> str | None:
        """Words up to "/", "trở lên" or the end, as written."""
        self.skip()
        if self.text.startswith("%", self.pos):
            self.pos += 1
            return "%"
        start, end = self.pos, self.pos
        while True:
            saved = self.pos
            if self.phrase(_SUFFIXES) is not None:
                self.pos = saved
                break
            self.skip()
            w = _WORD.match(self.text, self.pos)
            if w is None:
                self.pos = saved
                break
            self.pos = end = w.end()
        self.pos = end
        return " ".join(self.text[start:end].split()) or None


def parse(text: str) -> Quantity:
    """Read *text* (see :func:`khuonha.parse_quantity`)."""
    if not isinstance(text, str):
        raise QuantityParseError(repr(text)[:80], 0, "expected a string")
    bad = re.search("[\ud800-\udfff]", text)
    if bad is not None:
        raise QuantityParseError(text, bad.start(), "text is not valid Unicode")
    marks = check_marks(text)
    if marks is not None:
        raise QuantityParseError(text, marks[1], marks_message(marks, where=False))
    s = _Scanner(text)
    s.skip()
    qualifier = s.phrase(_PREFIXES) or Qualifier.EXACT
    value: int | float
    if qualifier is Qualifier.EXACT and any(
        (found := s.words(key.count(" ") + 1)) is not None and found[0] == key for key in _ZERO
    ):
        assert found is not None
        s.pos = found[1]
        value, unit = 0, s.unit()
    else:
        value, _ = s.number()
        unit = s.unit()
    total = scope_count = scope_unit = None
    s.skip()
    if s.text.startswith("/", s.pos):
        s.pos += 1
        s.skip()
        at = s.pos
        other, decimal = s.number()
        if decimal:
            raise s.error("a total or a scope is a whole number", at=at)
        assert isinstance(other, int)
        other_unit = s.unit()
        if unit is None or other_unit is None or _same(unit, other_unit):
            total, unit = other, unit or other_unit
        else:
            scope_count, scope_unit = other, other_unit
    s.skip()
    suffix = s.phrase(_SUFFIXES)
    if suffix is not None:
        qualifier = suffix
    s.skip()
    if s.pos < len(text):
        raise s.error("unexpected text after the quantity")
    try:
        return Quantity(
            value=value,
            qualifier=qualifier,
            unit=unit,
            total=total,
            scope_count=scope_count,
            scope_unit=scope_unit,
            text=text,
        )
    except InvalidDataError as exc:
        raise QuantityParseError(text, 0, str(exc)) from None


def _same(a: str, b: str) -> bool:
    return match_key(a) == match_key(b)


def parse_quantity(text: str) -> Quantity:
    """Read a quantity as a report writes it; ``text`` keeps the words as written.

    - "trên"/"hơn" N: more than; "gần" N: nearly; "khoảng"/"chừng" N: about;
      "ít nhất"/"tối thiểu" N or "N trở lên": at least; "tối đa"/"không quá" N: at most;
    - "a/b": part of a whole when the same noun (or no noun) follows the
      first number ("10/10 thôn"), a count over a scope when the nouns differ
      ("92 lượt/ 10 thôn bản");
    - "không có": zero.

    >>> q = parse_quantity("gần 650")
    >>> q.value, q.qualifier.value
    (650, 'nearly')
    >>> parse_quantity("78.152,17 ha").value
    78152.17
    >>> parse_quantity("01 tập thể").text
    '01 tập thể'
    """
    return parse(text)
