"""Totals that keep qualifiers honest: sums of figures as intervals, never as guesses.

A figure "trên 2.500" is not 2,500: it is every number above 2,500. Adding 300
to it gives every number above 2,800, which a report writes "trên 2.800". A
"gần 300" is below 300 and at least 0, so it stays a bound when added; a
"khoảng" figure makes the total approximate. :class:`Total` carries the
interval and says how a report would write it.

>>> from khuonha import Qualifier, Quantity
>>> t = Total.of(Quantity(value=2500, qualifier=Qualifier.MORE_THAN)) + Total.exact(300)
>>> t.low, t.high, t.qualifier.value, t.value
(2800, None, 'more_than', 2800)
>>> (Total.of(Quantity(value=300, qualifier=Qualifier.NEARLY)) + Total.exact(200)).describe()
'gần 500 (từ 200)'
"""

from __future__ import annotations

import attrs

from khuonha.text import Qualifier, Quantity, format_number

__all__ = ["Total"]

Number = int | float


def _add(a: Number | None, b: Number | None) -> Number | None:
    if a is None or b is None:
        return None
    total = a + b
    return round(total, 6) if isinstance(total, float) else total


@attrs.frozen(kw_only=True)
class Total:
    """A sum of figures as an interval: every value from ``low`` to ``high``.

    - ``low`` / ``high``: the bounds (``high`` ``None``: no upper bound);
    - ``low_open`` / ``high_open``: whether the bound itself is excluded
      ("trên 2.500" excludes 2,500; "ít nhất 2.500" includes it);
    - ``approximate``: a "khoảng" figure went into it, so the bounds are
      estimates, not limits;
    - ``count``: how many figures were added.
    """

    low: Number = 0
    high: Number | None = 0
    low_open: bool = False
    high_open: bool = False
    approximate: bool = False
    count: int = 0

    @classmethod
    def exact(cls, value: Number) -> Total:
        """A single exact figure."""
        return cls(low=value, high=value, count=1)

    @classmethod
    def of(cls, quantity: Quantity) -> Total:
        """The interval a figure as written stands for (counts are never negative)."""
        v = quantity.value
        q = quantity.qualifier
        if q is Qualifier.MORE_THAN:
            return cls(low=v, high=None, low_open=True, count=1)
        if q is Qualifier.AT_LEAST:
            return cls(low=v, high=None, count=1)
        if q is Qualifier.NEARLY:
            return cls(low=0, high=v, high_open=True, count=1)
        if q is Qualifier.AT_MOST:
            return cls(low=0, high=v, count=1)
        if q is Qualifier.ABOUT or q is Qualifier.BASICALLY:
            return cls(low=v, high=v, approximate=True, count=1)
        return cls.exact(v)

    def __add__(self, other: Total) -> Total:
        if not isinstance(other, Total):
            return NotImplemented
        if self.count == 0:
            return other
        if other.count == 0:
            return self
        low = _add(self.low, other.low)
        assert low is not None
        return Total(
            low=low,
            high=_add(self.high, other.high),
            low_open=self.low_open or other.low_open,
            high_open=self.high_open or other.high_open,
            approximate=self.approximate or other.approximate,
            count=self.count + other.count,
        )

    def contains(self, value: Number) -> bool:
        """Whether *value* lies in the interval (for an approximate total: its estimate)."""
        above = value > self.low if self.low_open else value >= self.low
        if self.high is None:
            return above
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    @property
    def is_exact(self) -> bool:
        """Whether the total is one known number."""
        return not self.approximate and self.high == self.low and not self.low_open

    @property
    def qualifier(self) -> Qualifier:
        """How a report qualifies the total ("trên", "gần", "khoảng" …)."""
        if self.approximate:
            return Qualifier.ABOUT
        if self.high is None:
            return Qualifier.MORE_THAN if self.low_open else Qualifier.AT_LEAST
        if self.high != self.low or self.high_open:
            return Qualifier.NEARLY if self.high_open else Qualifier.AT_MOST
        return Qualifier.EXACT

    @property
    def value(self) -> Number:
        """The number a report writes beside the qualifier (the bound that is known)."""
        if self.high is None or self.approximate:
            return self.low
        if self.qualifier in (Qualifier.NEARLY, Qualifier.AT_MOST):
            return self.high
        return self.low

    def describe(self, language: str = "vi") -> str:
        """The total as a report writes it, with the other bound when both are known.

        >>> Total.exact(92).describe(), Total.exact(1234).describe("en")
        ('92', '1,234')
        """
        words = {
            "vi": {
                Qualifier.MORE_THAN: "trên",
                Qualifier.AT_LEAST: "ít nhất",
                Qualifier.NEARLY: "gần",
                Qualifier.AT_MOST: "tối đa",
                Qualifier.ABOUT: "khoảng",
            },
            "en": {
                Qualifier.MORE_THAN: "more than",
                Qualifier.AT_LEAST: "at least",
                Qualifier.NEARLY: "nearly",
                Qualifier.AT_MOST: "at most",
                Qualifier.ABOUT: "about",
            },
        }[language]
        q = self.qualifier
        text = format_number(self.value, language)
        if q is Qualifier.EXACT:
            return text
        text = f"{words[q]} {text}"
        if q in (Qualifier.NEARLY, Qualifier.AT_MOST) and self.low > 0:
            start = "từ" if language == "vi" else "from"
            text += f" ({start} {format_number(self.low, language)})"
        return text

    def as_dict(self) -> dict[str, object]:
        """Plain JSON data: the bounds, the qualifier and the words."""
        return {
            "value": self.value,
            "qualifier": self.qualifier.value,
            "low": self.low,
            "high": self.high,
            "low_open": self.low_open,
            "high_open": self.high_open,
            "approximate": self.approximate,
            "figures": self.count,
            "text": self.describe(),
        }
