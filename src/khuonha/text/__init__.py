"""The text layer: Vietnamese text, quantities, periods and calendars.

The lowest layer of khuonha (above :mod:`khuonha.exceptions` only): NFC
normalisation and match keys, quantities and periods as reports write them
(reading, writing, and finding them in running text), the reporting
convention of NĐ 09/2019, and the calendars of the movement. Nothing here
knows about the models above.

>>> from khuonha.text import match_key, parse_period, parse_quantity
>>> match_key("Huyện uỷ") == match_key("huyện ủy")
True
>>> parse_quantity("trên 2.500 lượt người").value
2500
>>> parse_period("quý III/2022").end
datetime.date(2022, 9, 30)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from khuonha.text._calendar_days import SCHOOL_YEAR, DayOfYear, SchoolYearWindow
from khuonha.text._festivals import (
    CAMPAIGN_WINDOWS,
    CAND,
    FESTIVAL,
    CampaignWindow,
    Festival,
    anniversary_label,
    campaign_window,
    festival_anniversary,
    festival_date,
    festival_dates,
)
from khuonha.text._period_format import format_date, format_period
from khuonha.text._period_kinds import Convention, Precision, month_span, months_precision
from khuonha.text._period_parser import parse_period
from khuonha.text._quantity_parser import parse_quantity
from khuonha.text.calendars import school_year
from khuonha.text.language import Language
from khuonha.text.periods import Period
from khuonha.text.quantities import Qualifier, Quantity, format_number, format_quantity
from khuonha.text.reporting import REPORTING_CUTOFF, ReportingCutoff
from khuonha.text.unicode import TextError, match_key, nfc, nfc_optional, slugify

__all__ = [
    "CAMPAIGN_WINDOWS",
    "CAND",
    "FESTIVAL",
    "REPORTING_CUTOFF",
    "SCHOOL_YEAR",
    "CampaignWindow",
    "Convention",
    "DayOfYear",
    "Festival",
    "FoundPeriod",
    "FoundQuantity",
    "Language",
    "Period",
    "Precision",
    "Qualifier",
    "Quantity",
    "ReportingCutoff",
    "ScanResult",
    "SchoolYearWindow",
    "TextError",
    "anniversary_label",
    "campaign_window",
    "festival_anniversary",
    "festival_date",
    "festival_dates",
    "format_date",
    "format_number",
    "format_period",
    "format_quantity",
    "match_key",
    "month_span",
    "months_precision",
    "nfc",
    "nfc_optional",
    "parse_period",
    "parse_quantity",
    "scan",
    "school_year",
    "slugify",
]

#: Names loaded on first use: reading running text is the heavy part of this layer, and
#: the models above never need it.
_LAZY = ("FoundPeriod", "FoundQuantity", "ScanResult", "scan")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module("khuonha.text.scanning")
        for lazy in _LAZY:
            globals()[lazy] = getattr(module, lazy)
        return globals()[name]
    msg = f"module 'khuonha.text' has no attribute {name!r}"
    raise AttributeError(msg)


if TYPE_CHECKING:
    from khuonha.text.scanning import FoundPeriod as FoundPeriod
    from khuonha.text.scanning import FoundQuantity as FoundQuantity
    from khuonha.text.scanning import ScanResult as ScanResult
    from khuonha.text.scanning import scan as scan
