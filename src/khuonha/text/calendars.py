"""Calendars of the movement, kept as data: school years, the Ngày hội toàn dân
bảo vệ an ninh Tổ quốc and its campaign windows. The assessment windows of the
certification cycles are rules (:mod:`khuonha.rules.windows`); the reporting
cut-offs of Nghị định 09/2019/NĐ-CP sit beside the reporting convention
(:mod:`khuonha.text.reporting`).

Every date rule here comes from a cited document and lives in a small record,
so a new regulation (or a province's own plan) is new data, not new code:

>>> festival_anniversary(2022)
17
>>> campaign_window(2022).start
datetime.date(2022, 8, 1)
"""

from __future__ import annotations

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
from khuonha.text.periods import Period

__all__ = [
    "CAMPAIGN_WINDOWS",
    "CAND",
    "FESTIVAL",
    "SCHOOL_YEAR",
    "CampaignWindow",
    "DayOfYear",
    "Festival",
    "SchoolYearWindow",
    "anniversary_label",
    "campaign_window",
    "festival_anniversary",
    "festival_date",
    "festival_dates",
    "school_year",
]


# ---------------------------------------------------------------- school years


def school_year(first_year: int, *, window: SchoolYearWindow | None = None) -> Period:
    """The school year that starts in *first_year* ("năm học 2021-2022").

    >>> p = school_year(2021)
    >>> p.start, p.end, p.label
    (datetime.date(2021, 9, 1), datetime.date(2022, 5, 31), 'năm học 2021 – 2022')
    """
    return Period.school_year(first_year, window=window)
