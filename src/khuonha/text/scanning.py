"""Quantities and periods in running text: :func:`scan`.

Reports write their figures inside sentences. :func:`scan` finds every
quantity and every period in a text, each with the characters it was read
from, in document order:

>>> result = scan("Trong 7 tháng đầu năm 2025, Công an xã tổ chức được 6 buổi "
...               "tuyên truyền với trên 330 người tham dự.")
>>> [(q.quantity.value, q.quantity.qualifier.value, q.quantity.unit) for q in result.quantities]
[(6, 'exact', 'buổi tuyên truyền'), (330, 'more_than', 'người')]
>>> p = result.periods[0]
>>> p.text, p.period.start, p.period.end
('7 tháng đầu năm 2025', datetime.date(2025, 1, 1), datetime.date(2025, 7, 31))

It never guesses: a reading the words leave open is marked ``ambiguous``
with the reason, and numbers that name things (sections, documents, dates,
phone numbers, times of day) are not quantities.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text._scan_lex import lex
from khuonha.text._scan_periods import find_periods
from khuonha.text._scan_quantities import find_quantities
from khuonha.text.periods import Period
from khuonha.text.quantities import Quantity

__all__ = ["MAX_SCAN_LENGTH", "FoundPeriod", "FoundQuantity", "ScanResult", "scan"]

#: The longest text :func:`scan` reads, in characters (about 40 MB of Vietnamese).
MAX_SCAN_LENGTH = 20_000_000

PeriodKind = Literal["dated", "open", "recurring", "unspecified"]


@attrs.frozen(kw_only=True)
class FoundQuantity:
    """A quantity found in running text.

    - ``quantity``: the reading (:class:`~khuonha.Quantity`; its ``text`` is the span
      with its spaces collapsed);
    - ``text``: the span exactly as written, ``text == source[start:end]``;
    - ``of``: what a percentage is of ("100% số hộ": ``"số hộ"``), else ``None``; the
      quantity keeps it too, as its ``scope_unit`` (what :func:`~khuonha.parse_quantity` gives);
    - ``start``, ``end``: character offsets of the span in the text (``end`` excluded);
    - ``ambiguous``, ``reason``: set when the words allow another reading
      ("13,849" before an unknown noun), or no counted noun follows.
    """

    quantity: Quantity
    of: str | None = None
    text: str
    start: int
    end: int
    ambiguous: bool = False
    reason: str | None = None


@attrs.frozen(kw_only=True)
class FoundPeriod:
    """A period found in running text.

    - ``period``: the reading (:class:`~khuonha.Period`), or ``None`` when the
      words give no dates ("hằng năm", "những năm qua", "ngày 10/8" with no
      reference date);
    - ``kind``: ``"dated"`` (both ends known), ``"open"`` (one end unknown:
      "từ năm 2016", "những tháng đầu năm 2025"), ``"recurring"`` ("hằng
      năm") or ``"unspecified"`` ("thời gian qua");
    - ``compound``: the whole of "năm 2018 và 8 tháng đầu năm 2019"; its
      parts follow it in :attr:`ScanResult.periods`;
    - ``text``: the span exactly as written; ``start``, ``end``: its character
      offsets (``end`` excluded).
    """

    period: Period | None
    kind: PeriodKind
    text: str
    start: int
    end: int
    compound: bool = False
    ambiguous: bool = False
    reason: str | None = None


@attrs.frozen(kw_only=True)
class ScanResult:
    """What :func:`scan` found: quantities and periods, each in document order."""

    quantities: tuple[FoundQuantity, ...] = ()
    periods: tuple[FoundPeriod, ...] = ()


def scan(text: str, *, reference: date | None = None) -> ScanResult:
    """Find every quantity and every period in *text* (running report prose).

    *reference* is the date the text was written (its publication date): it
    gives the year of "ngày 10/8" and the end of "từ đầu năm đến nay".

    Quantities: qualifiers ("trên", "hơn", "gần", "khoảng", "hàng trăm"),
    leading zeros ("08 tổ"), dot thousands ("2.500"), a comma read as a
    thousands separator only before things counted one by one ("13,849 nhân
    khẩu") and as a decimal comma elsewhere ("87,9%", "56,52 km2"), parts of a
    whole ("10/10 thôn"), percentages and what they are of ("100% số hộ"),
    counted nouns with commas and quoted names, and "không xảy ra vụ việc"
    as zero. Periods are read by :func:`~khuonha.parse_period` once found.

    >>> r = scan("Năm 2023 và 6 tháng đầu năm 2024, 10/10 thôn không xảy ra vụ việc phức tạp.")
    >>> [(p.text, p.compound) for p in r.periods]  # doctest: +NORMALIZE_WHITESPACE
    [('Năm 2023 và 6 tháng đầu năm 2024', True), ('Năm 2023', False),
     ('6 tháng đầu năm 2024', False)]
    >>> [(q.quantity.value, q.quantity.total, q.quantity.unit) for q in r.quantities]
    [(10, 10, 'thôn'), (0, None, 'vụ việc phức tạp')]
    >>> scan("Quyết định số 510/QĐ-BCA đạt tiêu chí 19.2").quantities
    ()
    """
    if not isinstance(text, str):
        raise InvalidDataError(f"expected a string, got {type(text).__name__}", field="text")
    if len(text) > MAX_SCAN_LENGTH:
        raise InvalidDataError(
            f"the text has {len(text)} characters, more than {MAX_SCAN_LENGTH}",
            field="text",
            code="text_too_long",
        )
    if isinstance(reference, datetime):
        reference = reference.date()
    if reference is not None and type(reference) is not date:
        raise InvalidDataError(f"expected a date, got {reference!r:.60}", field="reference")
    text = text.encode("utf-8", "replace").decode("utf-8")
    lx = lex(text)
    found_periods = find_periods(lx, reference)
    covered = bytearray(len(lx))
    for f in found_periods:
        covered[f.first : f.last] = b"\x01" * (f.last - f.first)
    hits = find_quantities(lx, covered)

    def span(first: int, last: int) -> tuple[int, int]:
        return lx.start[first], lx.end[last - 1]

    quantities = []
    for h in hits:
        s, e = span(h.first, h.last)
        quantities.append(
            FoundQuantity(
                quantity=h.quantity,
                of=h.of,
                text=text[s:e],
                start=s,
                end=e,
                ambiguous=h.ambiguous,
                reason=h.reason,
            )
        )
    periods = []
    for f in found_periods:
        s, e = span(f.first, f.last)
        periods.append(
            FoundPeriod(
                period=f.period,
                kind=f.kind,  # type: ignore[arg-type]
                text=text[s:e],
                start=s,
                end=e,
                compound=f.compound,
                ambiguous=f.ambiguous,
                reason=f.reason,
            )
        )
    return ScanResult(quantities=tuple(quantities), periods=tuple(periods))
