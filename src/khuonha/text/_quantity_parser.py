"""The reader behind :func:`khuonha.parse_quantity`.

Numbers follow the Vietnamese convention: "." groups thousands and ","
marks decimals ("2.500" is 2500, "87,9" is 87.9, "78.152,17" is 78152.17).
The digits are read by the rule :func:`khuonha.scan` uses
(``text/_numerals.py``): "13,849 nhân khẩu" is 13849, "13,849 km2"
is 13.849, and "13,849" before no counted noun, or "2.5", is refused with
the reason rather than guessed. Words are compared by folded keys (case,
NFC/NFD, tone marks and their placement, đ/d).
"""

from __future__ import annotations

import re

from khuonha.exceptions import InvalidDataError, QuantityParseError
from khuonha.text._numerals import Reading, head_from_text, read_groups, settle
from khuonha.text._scan_quantities import share_of
from khuonha.text._scan_words import GROUPS, MEASURES, QUALIFIERS
from khuonha.text.quantities import Qualifier, Quantity
from khuonha.text.unicode import check_marks, marks_message, match_key

__all__ = ["parse", "parse_quantity"]

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*")
_SPACE = re.compile(r"\s*")
_DIGITS = re.compile(r"[0-9]+")
#: Words before a number (scan's table, and "từ … trở lên"), longest first, by key.
_PREFIXES: tuple[tuple[str, Qualifier], ...] = tuple(
    sorted(
        (QUALIFIERS | {match_key("từ"): Qualifier.AT_LEAST}).items(),
        key=lambda item: -item[0].count(" "),
    )
)
_HANG = match_key("hàng")  # "hàng trăm", "hàng nghìn": at least that many, as scan reads them
_ZERO = tuple(match_key(p) for p in ("không có", "chưa có", "không"))
_SUFFIXES = (
    (match_key("trở lên"), Qualifier.AT_LEAST),
    (match_key("trở xuống"), Qualifier.AT_MOST),
)


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
            keys.append(match_key(w.group()))
            pos = w.end()
        return " ".join(keys), pos

    def phrase(self, table: tuple[tuple[str, Qualifier], ...]) -> Qualifier | None:
        for key, qualifier in table:
            found = self.words(key.count(" ") + 1)
            if found is not None and found[0] == key:
                self.pos = found[1]
                return qualifier
        return None

    def group(self) -> int | None:
        """ "hàng trăm", "hàng trăm nghìn": the smallest value the words allow, or None."""
        found = self.words(2)
        if found is None:
            return None
        hang, _, size = found[0].partition(" ")
        if hang != _HANG or size not in GROUPS:
            return None
        value, self.pos = GROUPS[size], found[1]
        more = self.words(1)
        if more is not None and GROUPS.get(more[0], 0) > value:  # "hàng trăm nghìn"
            value, self.pos = value * GROUPS[more[0]], more[1]
        return value

    def number(self) -> tuple[Reading, int]:
        """The digit groups of a number, read by the rule :func:`khuonha.scan` shares, and
        where the number starts."""
        self.skip()
        m = _NUMBER.match(self.text, self.pos)
        if m is None:
            raise self.error("expected a number written the Vietnamese way (2.500; 87,9)")
        groups = re.split("([.,])", m.group())
        parts, seps = groups[::2], groups[1::2]
        if len(parts[0]) > 300 or sum(map(len, parts)) > 300:
            raise self.error("the number is too large", at=m.start())
        reading = read_groups(parts, seps)
        if reading is None:
            raise self.error("expected a number written the Vietnamese way (2.500; 87,9)")
        self.pos = m.end()
        return reading, m.start()

    def settled(self, reading: Reading, at: int, unit: str | None) -> int | float:
        """The value of *reading* once its unit is known; an open reading is refused."""
        value, reason = settle(reading, percent=unit == "%", head=head_from_text(unit))
        if reason is not None:
            raise self.error(f"{reason}; the reading is left open rather than guessed", at=at)
        return value

    def unit(self) -> str | None:
        """Words up to "/", "trở lên" or the end, as written ("km2": digits glued to a measure)."""
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
            power = _DIGITS.match(self.text, end)
            if power is not None and match_key(w.group()) in MEASURES:  # "km2", "m3"
                self.pos = end = power.end()
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
    elif (group := s.group()) is not None:  # "hàng trăm người": at least a hundred
        value, unit = group, s.unit()
        if qualifier is Qualifier.EXACT:
            qualifier = Qualifier.AT_LEAST
    else:
        reading, at = s.number()
        unit = s.unit()
        value = s.settled(reading, at, unit)
    total = scope_count = scope_unit = None
    if unit == "%":  # "100% số hộ": what the share is of, read as scan reads it
        scope_unit, length = share_of(text[s.pos :])
        s.pos += length
    s.skip()
    if unit != "%" and s.text.startswith("/", s.pos):
        s.pos += 1
        s.skip()
        second, at = s.number()
        other_unit = s.unit()
        other = s.settled(second, at, other_unit)
        if not isinstance(other, int):
            raise s.error("a total or a scope is a whole number", at=at)
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
      "ít nhất"/"tối thiểu"/"không dưới" N or "N trở lên": at least; "tối đa"/"không
      quá"/"dưới"/"chưa đầy" N: at most (the words :func:`khuonha.scan` reads);
    - "hàng trăm người": at least the smallest value the words allow (100);
    - "a/b": part of a whole when the same noun (or no noun) follows the
      first number ("10/10 thôn"), a count over a scope when the nouns differ
      ("92 lượt/ 10 thôn bản");
    - "100% số hộ", "gần 20% dân số": a share; the value as written with unit "%",
      and what it is of in ``scope_unit``, read as :func:`khuonha.scan` reads it;
    - "không có": zero;
    - "13,849 nhân khẩu": a comma before three digits groups thousands before
      a thing counted one by one and marks decimals before a measure or "%"
      ("56,52 km2", "87,9%"); where nothing tells, the reading is refused.

    >>> q = parse_quantity("gần 650")
    >>> q.value, q.qualifier.value
    (650, 'nearly')
    >>> parse_quantity("78.152,17 ha").value
    78152.17
    >>> parse_quantity("01 tập thể").text
    '01 tập thể'
    >>> parse_quantity("13,849 nhân khẩu").value
    13849
    >>> q = parse_quantity("100% xã, thị trấn")
    >>> q.value, q.unit, q.scope_unit
    (100, '%', 'xã, thị trấn')
    """
    return parse(text)
