"""How digits glued by "." and "," read: the one rule of both readers.

:func:`khuonha.parse_quantity` and :func:`khuonha.scan` both hand the digit
groups of a number here, so they never read the same words two ways.

- "2.500", "1.234.567": "." groups thousands;
- "87,9", "78.152,17", "1234,567": "," marks decimals;
- "13,849": three digits after a single comma after at most three digits
  group thousands before a thing counted one by one ("13,849 nhân khẩu" is
  13849: no fraction of a person) and mark decimals before a measure or
  "%" ("56,849 km2", "13,849%"); before anything else the reading is left
  open, with the reason;
- "1,234,567": two commas or more group thousands, whatever follows;
- "2.5", "19.2": a dot before other than three digits is an English decimal
  point or a section number: left open.
"""

from __future__ import annotations

from collections.abc import Sequence

from khuonha.text._scan_lex import key
from khuonha.text._scan_words import COUNT_NOUNS, MEASURES

__all__ = ["DOT_REASON", "Reading", "head_from_text", "head_of", "read_groups", "settle"]

DOT_REASON = "'.' before other than three digits: an English decimal point or a section number"


class Reading:
    """Digit groups read as a number, before the words after it are known."""

    __slots__ = ("comma_groups", "parts", "reason", "value")

    def __init__(
        self, value: int | float, parts: Sequence[str], comma_groups: bool, reason: str | None
    ) -> None:
        self.value = value
        self.parts = tuple(parts)
        self.comma_groups = comma_groups
        """One comma before three digits ("13,849"): the counted noun decides."""
        self.reason = reason
        """Why the reading is open, or ``None``."""


def read_groups(parts: Sequence[str], seps: Sequence[str]) -> Reading | None:
    """Read digit groups *parts* joined by *seps* ("." or ","); ``None``: not a number."""
    whole = parts[0]
    short = len(whole) <= 3
    if not seps:
        return Reading(int(whole), parts, False, None)
    if short and set(seps) == {"."} and all(len(p) == 3 for p in parts[1:]):
        return Reading(int("".join(parts)), parts, False, None)
    if (
        short
        and len(seps) > 1
        and seps[-1] == ","
        and all(s == "." for s in seps[:-1])
        and all(len(p) == 3 for p in parts[1:-1])
    ):
        return Reading(float("".join(parts[:-1]) + "." + parts[-1]), parts, False, None)
    if list(seps) == [","] and not (short and len(parts[1]) == 3):
        return Reading(float(whole + "." + parts[1]), parts, False, None)
    if short and set(seps) == {","} and all(len(p) == 3 for p in parts[1:]):
        if len(seps) > 1:
            return Reading(int("".join(parts)), parts, True, None)
        return Reading(float(whole + "." + parts[1]), parts, True, None)
    if list(seps) == ["."]:
        return Reading(float(whole + "." + parts[1]), parts, False, DOT_REASON)
    return None


def head_of(word_keys: Sequence[str]) -> str:
    """The head of a counted noun from the keys of its first words ("nhân khẩu", "người")."""
    if len(word_keys) >= 2:
        pair = word_keys[0] + " " + word_keys[1]
        if pair in COUNT_NOUNS or pair in MEASURES:
            return pair
    return word_keys[0] if word_keys else ""


def settle(reading: Reading, *, percent: bool, head: str) -> tuple[int | float, str | None]:
    """The value of *reading* once the words after it are known, and why it stays open.

    *percent*: a "%" follows; *head*: the key of the counted noun's head (see
    :func:`head_of`), "" when none.
    """
    if not (reading.comma_groups and isinstance(reading.value, float)):
        return reading.value, reading.reason
    if percent or head in MEASURES:
        return reading.value, None
    if head in COUNT_NOUNS:
        return int("".join(reading.parts)), None
    joined = ",".join(reading.parts)
    return reading.value, (
        f"'{joined}' groups thousands ({''.join(reading.parts)}) or marks "
        f"a decimal ({reading.value})"
    )


def head_from_text(unit: str | None) -> str:
    """:func:`head_of` for a counted noun as written."""
    if not unit:
        return ""
    return head_of([key(w) for w in unit.split()[:2]])
