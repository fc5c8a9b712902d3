"""Quantities as reports write them: a value, a qualifier, a unit and the words as written.

"trên 2.500 lượt người" is a lower bound, not 2,500:

>>> q = Quantity(value=2500, qualifier=Qualifier.MORE_THAN, unit="lượt người",
...              text="trên 2.500 lượt người")
>>> q.is_bound
True

:func:`parse_quantity` reads what reports write, and :func:`format_quantity`
writes it back the Vietnamese way:

>>> from khuonha import parse_quantity
>>> q = parse_quantity("92 lượt/ 10 thôn bản")
>>> q.value, q.unit, q.scope_count, q.scope_unit
(92, 'lượt', 10, 'thôn bản')
>>> format_quantity(parse_quantity("trên 2.500 lượt người"))
'trên 2.500 lượt người'
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text._record import Record
from khuonha.text.fields import (
    MAX_NUMBER,
    check_non_negative,
    text_optional,
    typed_fields,
    with_schema,
)

__all__ = ["Qualifier", "Quantity", "format_number", "format_quantity"]


class Qualifier(StrEnum):
    """What a number means: exact, or a bound the words put on it."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    """"trên", "hơn": more than the value (a lower bound)."""
    NEARLY = "nearly"
    """"gần": nearly the value, just below it (an upper bound)."""
    ABOUT = "about"
    """"khoảng", "chừng": about the value, either way."""
    AT_LEAST = "at_least"
    """"ít nhất", "tối thiểu", "từ ... trở lên"."""
    AT_MOST = "at_most"
    """"tối đa", "không quá", "dưới"."""
    BASICALLY = "basically"
    """"cơ bản": basically, not quite fully ("cơ bản đạt 28/34 tiêu chí"); an estimate."""


@with_schema(minimum=0, maximum=MAX_NUMBER)
def _check_value(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        type(value) not in (int, float)
        or (type(value) is float and not math.isfinite(value))
        or not 0 <= value <= MAX_NUMBER  # type: ignore[operator]
    ):
        raise InvalidDataError(
            f"expected a finite number from 0 to {MAX_NUMBER}, got {value!r:.60}",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Quantity(Record):
    """A number as a report states it (số liệu).

    - ``value``: the number ("2.500" is 2500, "87,9%" is 87.9 with unit "%");
    - ``qualifier``: exact, or a bound ("trên", "gần", "khoảng" …);
    - ``unit``: what is counted ("lượt", "lượt người", "tin", "đối tượng");
    - ``total``: the whole a part is taken from ("10/10 thôn": value 10, total 10);
    - ``scope_count`` and ``scope_unit``: what a count is spread over
      ("92 lượt/ 10 thôn bản": 92 sessions over 10 villages; not a ratio);
    - ``text``: the words as written, never lost.
    """

    value: int | float = attrs.field(validator=_check_value)
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = text_optional()
    total: int | None = attrs.field(default=None, validator=check_non_negative)
    scope_count: int | None = attrs.field(default=None, validator=check_non_negative)
    scope_unit: str | None = text_optional()
    text: str | None = text_optional()

    @property
    def is_bound(self) -> bool:
        """Whether the value is a bound or an estimate rather than an exact figure."""
        return self.qualifier is not Qualifier.EXACT

    def __attrs_post_init__(self) -> None:
        if self.total is not None and self.value > self.total:
            raise InvalidDataError(
                f"part ({self.value}) must not exceed its total ({self.total})",
                code="quantity_part_exceeds_total",
            )


_WORDS = {
    "vi": {
        Qualifier.MORE_THAN: "trên",
        Qualifier.NEARLY: "gần",
        Qualifier.ABOUT: "khoảng",
        Qualifier.AT_LEAST: "ít nhất",
        Qualifier.AT_MOST: "tối đa",
        Qualifier.BASICALLY: "cơ bản",
    },
    "en": {
        Qualifier.MORE_THAN: "more than",
        Qualifier.NEARLY: "nearly",
        Qualifier.ABOUT: "about",
        Qualifier.AT_LEAST: "at least",
        Qualifier.AT_MOST: "at most",
        Qualifier.BASICALLY: "basically",
    },
}


def _language(language: str) -> str:
    if language not in _WORDS:
        raise InvalidDataError(
            f"expected the language 'vi' or 'en', got {language!r:.20}",
            field="language",
            code="unknown_language",
        )
    return language


def format_number(value: int | float, language: str = "vi") -> str:
    """Write a number the Vietnamese way ("." groups thousands, "," marks decimals).

    >>> format_number(2500), format_number(87.9), format_number(78152.17)
    ('2.500', '87,9', '78.152,17')
    >>> format_number(1234567, "en")
    '1,234,567'
    """
    lang = _language(language)
    if type(value) not in (int, float) or (type(value) is float and not math.isfinite(value)):
        raise InvalidDataError(f"expected a finite number, got {value!r:.40}")
    sign = "-" if value < 0 else ""
    value = abs(value)
    if isinstance(value, float) and value.is_integer() and value < 1e16:
        value = int(value)
    if isinstance(value, int):
        whole, decimals = str(value), ""
    else:
        digits = repr(value)
        if "e" in digits:
            digits = f"{value:.15f}".rstrip("0").rstrip(".")
        whole, _, decimals = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    grouping, point = (".", ",") if lang == "vi" else (",", ".")
    text = grouping.join([whole, *groups])
    return sign + (f"{text}{point}{decimals}" if decimals else text)


def format_quantity(quantity: Quantity, language: str = "vi") -> str:
    """Write *quantity* as a report does ("trên 2.500 lượt người", "87,9%", "10/10 thôn").

    >>> format_quantity(Quantity(value=87.9, unit="%"))
    '87,9%'
    >>> format_quantity(Quantity(value=10, total=10, unit="thôn"))
    '10/10 thôn'
    >>> format_quantity(Quantity(value=650, qualifier=Qualifier.NEARLY), "en")
    'nearly 650'
    >>> format_quantity(Quantity(value=100, unit="%", scope_unit="xã, thị trấn"))
    '100% xã, thị trấn'
    """
    lang = _language(language)
    parts = []
    if quantity.qualifier is not Qualifier.EXACT:
        parts.append(_WORDS[lang][quantity.qualifier] + " ")
    parts.append(format_number(quantity.value, lang))
    if quantity.total is not None:
        parts.append("/" + format_number(quantity.total, lang))
    if quantity.unit == "%":
        parts.append("%")
    elif quantity.unit:
        parts.append(" " + quantity.unit)
    if quantity.scope_count is not None:
        parts.append("/" + format_number(quantity.scope_count, lang))
    if quantity.scope_unit:  # "100% xã, thị trấn": what a share is of, with no count
        parts.append(" " + quantity.scope_unit)
    return "".join(parts)
