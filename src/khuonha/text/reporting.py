"""The reporting convention of Nghị định 09/2019/NĐ-CP: data cut-offs of periodic reports.

Under the ``reporting`` convention a report on the months M1 … M2 covers data
from the 15th of the month before M1 to the 14th of M2 (NĐ 09/2019 Điều 12).
The cut-off days are data, not code: pass another :class:`ReportingCutoff`
to use other days.

>>> REPORTING_CUTOFF.span((2022, 1), (2022, 12))
(datetime.date(2021, 12, 15), datetime.date(2022, 12, 14))
"""

from __future__ import annotations

from datetime import date

import attrs

__all__ = ["REPORTING_CUTOFF", "ReportingCutoff"]


@attrs.frozen(kw_only=True)
class ReportingCutoff:
    """Data cut-offs of periodic reports (NĐ 09/2019/NĐ-CP; article believed Điều 12).

    A report on the months M1 … M2 covers data from day ``start_day`` of the
    month before M1 to day ``end_day`` of M2: the year 2022 is 15/12/2021 to
    14/12/2022, quarter III is 15/6 to 14/9.
    """

    start_day: int = 15
    end_day: int = 14
    source: str = "Nghị định 09/2019/NĐ-CP"

    def span(self, first: tuple[int, int], last: tuple[int, int]) -> tuple[date, date]:
        """Start and end dates of a report on months *first* … *last* (year, month)."""
        year, month = first
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return date(year, month, self.start_day), date(last[0], last[1], self.end_day)


#: The cut-offs used by the ``reporting`` convention.
REPORTING_CUTOFF = ReportingCutoff()
