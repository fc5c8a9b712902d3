"""The audit of period expressions as police and movement reports write them.

Each row is an expression in the style of the reports (commune police
summaries, Ngày hội plans, "Phong trào toàn dân bảo vệ an ninh Tổ quốc"
news), with the date it is read against when it needs one, and what
:func:`khuonha.parse_period` must give: its first and last day and precision,
or a refusal whose reason names why. :func:`khuonha.scan` must find the same
reading inside a sentence, and never read a refused expression as dates.
A reading that changes, or a refusal that turns into a reading, fails here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khuonha import PeriodParseError, Precision, format_period, parse_period, scan

D = date
EXACT, APPROX = Precision.EXACT, Precision.APPROXIMATE
OPEN_START, OPEN_END = Precision.OPEN_START, Precision.OPEN_END
UNSPECIFIED = Precision.UNSPECIFIED
#: The day most relative rows are read against: a Wednesday, in the second half of August.
R = D(2025, 8, 20)


@attrs.frozen
class Refused:
    """The expression is refused; *reason* is part of the message."""

    reason: str


Reading = tuple[date | None, date | None, Precision]

# (expression, reference, expected)
AUDIT: list[tuple[str, date | None, Reading | Refused]] = [
    # Counted months, halves, quarters
    ("6 tháng đầu năm 2025", None, (D(2025, 1, 1), D(2025, 6, 30), EXACT)),
    ("6 tháng cuối năm 2024", None, (D(2024, 7, 1), D(2024, 12, 31), EXACT)),
    ("9 tháng năm 2024", None, (D(2024, 1, 1), D(2024, 9, 30), APPROX)),
    ("9 tháng đầu năm 2024", None, (D(2024, 1, 1), D(2024, 9, 30), APPROX)),
    ("6 tháng đầu năm", R, (D(2025, 1, 1), D(2025, 6, 30), EXACT)),
    ("nửa đầu năm 2025", None, (D(2025, 1, 1), D(2025, 6, 30), EXACT)),
    ("nửa cuối năm 2024", None, (D(2024, 7, 1), D(2024, 12, 31), EXACT)),
    ("quý I/2025", None, (D(2025, 1, 1), D(2025, 3, 31), EXACT)),
    ("Quý III năm 2024", None, (D(2024, 7, 1), D(2024, 9, 30), EXACT)),
    ("quý 2-2025", None, (D(2025, 4, 1), D(2025, 6, 30), EXACT)),
    ("quý II.2025", None, (D(2025, 4, 1), D(2025, 6, 30), EXACT)),
    ("Quí IV/2024", None, (D(2024, 10, 1), D(2024, 12, 31), EXACT)),
    ("quý 1 năm 2025", None, (D(2025, 1, 1), D(2025, 3, 31), EXACT)),
    ("quý I - III/2025", None, (D(2025, 1, 1), D(2025, 9, 30), EXACT)),
    ("trong quý III/2025", None, (D(2025, 7, 1), D(2025, 9, 30), EXACT)),
    # Months, with numbers or words
    ("trong tháng 7/2025", None, (D(2025, 7, 1), D(2025, 7, 31), EXACT)),
    ("tháng 8 năm 2025", None, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("tháng 8-2025", None, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("tháng 08.2025", None, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("tháng Sáu năm 2025", None, (D(2025, 6, 1), D(2025, 6, 30), EXACT)),
    ("tháng Mười Hai năm 2024", None, (D(2024, 12, 1), D(2024, 12, 31), EXACT)),
    ("tháng Tư/2025", None, (D(2025, 4, 1), D(2025, 4, 30), EXACT)),
    ("trong tháng 8", R, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("tháng 7 - 8/2025", None, (D(2025, 7, 1), D(2025, 8, 31), EXACT)),
    ("tháng 7 và tháng 8/2025", None, (D(2025, 7, 1), D(2025, 8, 31), EXACT)),
    ("từ tháng 1 đến tháng 6/2025", None, (D(2025, 1, 1), D(2025, 6, 30), EXACT)),
    ("từ tháng 01/2025 đến tháng 06/2025", None, (D(2025, 1, 1), D(2025, 6, 30), EXACT)),
    ("từ tháng 8/2025 đến tháng 2/2026", None, (D(2025, 8, 1), D(2026, 2, 28), EXACT)),
    ("tháng Sáu 2025", None, (D(2025, 6, 1), D(2025, 6, 30), EXACT)),
    ("tháng Năm 2025", None, (D(2025, 5, 1), D(2025, 5, 31), EXACT)),
    ("tháng Năm năm 2025", None, (D(2025, 5, 1), D(2025, 5, 31), EXACT)),
    ("tháng năm 2025", None, Refused("expected month")),  # "tháng, năm 2025"? not read as May
    ("tháng Giêng năm 2025", None, Refused("lunar calendar")),
    # Days and ranges of days
    ("ngày 19/8/2025", None, (D(2025, 8, 19), D(2025, 8, 19), EXACT)),
    ("19-8-2025", None, (D(2025, 8, 19), D(2025, 8, 19), EXACT)),
    ("01.8.2025", None, (D(2025, 8, 1), D(2025, 8, 1), EXACT)),
    ("ngày 19 tháng 8 năm 2025", None, (D(2025, 8, 19), D(2025, 8, 19), EXACT)),
    ("2025-08-19", None, (D(2025, 8, 19), D(2025, 8, 19), EXACT)),
    ("ngày 10/8", R, (D(2025, 8, 10), D(2025, 8, 10), EXACT)),
    ("từ ngày 01/8 đến ngày 31/8/2025", None, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("từ 01/8-31/8/2025", None, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("từ 01.8 - 31.8.2025", None, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("từ 15/12/2024 - 14/6/2025", None, (D(2024, 12, 15), D(2025, 6, 14), EXACT)),
    ("từ 15-16/8/2025", None, (D(2025, 8, 15), D(2025, 8, 16), EXACT)),
    ("ngày 15 và 16/8/2025", None, (D(2025, 8, 15), D(2025, 8, 16), EXACT)),
    ("trong 2 ngày 15-16/8/2025", None, (D(2025, 8, 15), D(2025, 8, 16), EXACT)),
    ("trong 2 ngày 15 và 16/8/2025", None, (D(2025, 8, 15), D(2025, 8, 16), EXACT)),
    ("trong 3 ngày 15-16/8/2025", None, Refused("'3 ngày' does not match the days given (2)")),
    ("đợt cao điểm từ 15/12/2024 đến 15/2/2025", None, (D(2024, 12, 15), D(2025, 2, 15), EXACT)),
    # Up to a day, from a day
    ("tính đến ngày 15/6/2025", None, (None, D(2025, 6, 15), OPEN_START)),
    ("tính đến tháng 6/2025", None, (None, D(2025, 6, 30), OPEN_START)),
    ("tính đến hết ngày 30/6/2025", None, (None, D(2025, 6, 30), OPEN_START)),
    ("kể từ ngày 1/7/2025", None, (D(2025, 7, 1), None, OPEN_END)),
    ("từ ngày 01/7/2025 đến nay", R, (D(2025, 7, 1), R, APPROX)),
    # Years and phases
    ("cả năm 2024", None, (D(2024, 1, 1), D(2024, 12, 31), EXACT)),
    ("trong năm 2024 vừa qua", None, (D(2024, 1, 1), D(2024, 12, 31), EXACT)),
    ("năm 2024 - 2025", None, (D(2024, 1, 1), D(2025, 12, 31), EXACT)),
    ("giai đoạn 2021 - 2025", None, (D(2021, 1, 1), D(2025, 12, 31), EXACT)),
    ("giai đoạn từ năm 2021 đến năm 2025", None, (D(2021, 1, 1), D(2025, 12, 31), EXACT)),
    ("nhiệm kỳ 2020 – 2025", None, (D(2020, 1, 1), D(2025, 12, 31), EXACT)),
    ("từ năm 2021-2025", None, (D(2021, 1, 1), D(2025, 12, 31), EXACT)),
    ("từ năm 2020 đến hết năm 2024", None, (D(2020, 1, 1), D(2024, 12, 31), EXACT)),
    ("5 năm (2020-2025)", None, (D(2020, 1, 1), D(2025, 12, 31), EXACT)),
    ("trong 5 năm (2021 - 2025)", None, (D(2021, 1, 1), D(2025, 12, 31), EXACT)),
    ("10 năm (2015-2025)", None, (D(2015, 1, 1), D(2025, 12, 31), EXACT)),
    ("trong 2 năm 2023 - 2024", None, (D(2023, 1, 1), D(2024, 12, 31), EXACT)),
    ("7 năm (2015-2025)", None, Refused("'7 năm' does not match the years 2015 – 2025")),
    ("năm 2025 và những năm tiếp theo", None, (D(2025, 1, 1), None, OPEN_END)),
    ("năm học 2024 - 2025", None, (D(2024, 9, 1), D(2025, 5, 31), APPROX)),
    # From the start of the year, the month
    ("từ đầu năm đến nay", R, (D(2025, 1, 1), R, APPROX)),
    ("từ đầu năm đến nay", None, Refused("no reference date")),
    ("từ đầu năm 2025 đến nay", None, (D(2025, 1, 1), None, OPEN_END)),
    ("từ đầu năm 2025 đến nay", R, (D(2025, 1, 1), R, APPROX)),
    ("những tháng đầu năm 2025", None, (D(2025, 1, 1), None, OPEN_END)),
    ("từ đầu tháng 3/2025", None, (D(2025, 3, 1), None, OPEN_END)),
    ("từ đầu tháng 8/2025 đến nay", R, (D(2025, 8, 1), R, APPROX)),
    ("từ đầu tháng đến nay", R, (D(2025, 8, 1), R, APPROX)),
    ("đến cuối năm 2025", None, (None, D(2025, 12, 31), OPEN_START)),
    ("đến cuối tháng 8/2025", None, (None, D(2025, 8, 31), OPEN_START)),
    # Fuzzy edges alone: no bound given, refused (as "đầu năm 2025" always was)
    ("đầu năm 2025", None, Refused("'đầu năm' (early in the year) gives no end")),
    ("cuối năm 2024", None, Refused("'cuối năm' (late in the year) gives no start")),
    ("giữa năm 2025", None, Refused("'giữa' (the middle of a year or month) gives no dates")),
    ("đầu tháng 3/2025", None, Refused("'đầu tháng' (early in the month) gives no end")),
    ("cuối tháng 8/2025", None, Refused("'cuối tháng' (late in the month) gives no start")),
    ("giữa tháng 8/2025", None, Refused("gives no dates")),
    ("tuần đầu tháng 8/2025", None, Refused("a week named within a month")),
    # Relative to the day of writing: the past unit ("qua", "vừa qua")
    ("năm qua", R, (D(2024, 1, 1), D(2024, 12, 31), EXACT)),
    ("năm vừa qua", R, (D(2024, 1, 1), D(2024, 12, 31), EXACT)),
    ("năm qua", D(2025, 12, 20), (None, None, UNSPECIFIED)),
    ("tháng qua", D(2025, 8, 5), (D(2025, 7, 1), D(2025, 7, 31), EXACT)),
    ("trong tháng vừa qua", D(2025, 8, 5), (D(2025, 7, 1), D(2025, 7, 31), EXACT)),
    ("tháng qua", D(2025, 1, 9), (D(2024, 12, 1), D(2024, 12, 31), EXACT)),
    ("tháng qua", R, (None, None, UNSPECIFIED)),  # on the 20th: this month's report, or July
    ("tháng qua", None, (None, None, UNSPECIFIED)),
    ("tuần qua", R, (D(2025, 8, 11), D(2025, 8, 17), EXACT)),  # a Wednesday
    ("Trong tuần vừa qua", D(2025, 8, 18), (D(2025, 8, 11), D(2025, 8, 17), EXACT)),
    ("tuần qua", D(2025, 8, 22), (None, None, UNSPECIFIED)),  # a Friday: this week, or last
    ("quý qua", R, (D(2025, 4, 1), D(2025, 6, 30), EXACT)),
    ("quý qua", D(2025, 1, 15), (D(2024, 10, 1), D(2024, 12, 31), EXACT)),
    ("quý qua", D(2025, 9, 20), (None, None, UNSPECIFIED)),  # the quarter's last month
    # Relative to the day of writing: before, this, next
    ("năm ngoái", R, (D(2024, 1, 1), D(2024, 12, 31), EXACT)),
    ("năm trước", R, (D(2024, 1, 1), D(2024, 12, 31), EXACT)),
    ("năm nay", R, (D(2025, 1, 1), D(2025, 12, 31), EXACT)),
    ("năm tới", R, (D(2026, 1, 1), D(2026, 12, 31), EXACT)),
    ("tháng trước", R, (D(2025, 7, 1), D(2025, 7, 31), EXACT)),
    ("tháng trước", D(2025, 1, 9), (D(2024, 12, 1), D(2024, 12, 31), EXACT)),
    ("tháng này", R, (D(2025, 8, 1), D(2025, 8, 31), EXACT)),
    ("tháng tới", R, (D(2025, 9, 1), D(2025, 9, 30), EXACT)),
    ("quý trước", R, (D(2025, 4, 1), D(2025, 6, 30), EXACT)),
    ("quý này", R, (D(2025, 7, 1), D(2025, 9, 30), EXACT)),
    ("quý tới", R, (D(2025, 10, 1), D(2025, 12, 31), EXACT)),
    ("tuần trước", R, (D(2025, 8, 11), D(2025, 8, 17), EXACT)),
    ("tuần này", R, (D(2025, 8, 18), D(2025, 8, 24), EXACT)),
    ("tuần tới", R, (D(2025, 8, 25), D(2025, 8, 31), EXACT)),
    ("hôm nay", R, (R, R, EXACT)),
    ("hôm qua", R, (D(2025, 8, 19), D(2025, 8, 19), EXACT)),
    ("ngày hôm qua", D(2025, 3, 1), (D(2025, 2, 28), D(2025, 2, 28), EXACT)),
    ("tháng 7 vừa qua", D(2025, 2, 10), (D(2024, 7, 1), D(2024, 7, 31), EXACT)),
    ("ngày 10/8 vừa qua", R, (D(2025, 8, 10), D(2025, 8, 10), EXACT)),
    ("tuần trước", None, Refused("'tuần trước' needs a date")),
    # So many units up to the day of writing
    ("trong 10 năm qua", R, (D(2015, 8, 21), R, APPROX)),
    ("trong 10 năm qua", None, (None, None, UNSPECIFIED)),
    ("3 năm gần đây", R, (D(2022, 8, 21), R, APPROX)),
    ("trong 6 tháng qua", R, (D(2025, 2, 21), R, APPROX)),
    ("7 ngày qua", R, (D(2025, 8, 14), R, APPROX)),
    ("năm năm qua", R, (D(2020, 8, 21), R, APPROX)),
    ("Hai tháng qua", R, (D(2025, 6, 21), R, APPROX)),
    ("trong 03 năm trở lại đây", R, (D(2022, 8, 21), R, APPROX)),
    ("những ngày qua", None, (None, None, UNSPECIFIED)),
    ("nhiều năm nay", None, (None, None, UNSPECIFIED)),
    # Lists with one year at the end, and days a report gives in brackets
    ("quý III, IV/2025", None, (D(2025, 7, 1), D(2025, 12, 31), EXACT)),
    ("tháng 7, 8/2025", None, (D(2025, 7, 1), D(2025, 8, 31), EXACT)),
    ("ngày 15, 16 và 17/8/2025", None, (D(2025, 8, 15), D(2025, 8, 17), EXACT)),
    ("trong 03 ngày 15, 16, 17/8/2025", None, (D(2025, 8, 15), D(2025, 8, 17), EXACT)),
    ("trong quý III và quý IV/2025", None, (D(2025, 7, 1), D(2025, 12, 31), EXACT)),
    ("ngày 15, 17/8/2025", None, Refused("do not follow on from each other")),
    (
        "6 tháng đầu năm 2025 (từ 15/12/2024 đến 14/6/2025)",
        None,
        (D(2024, 12, 15), D(2025, 6, 14), EXACT),
    ),
    (
        "năm 2025 (tính từ ngày 15/12/2024 đến ngày 14/12/2025)",
        None,
        (D(2024, 12, 15), D(2025, 12, 14), EXACT),
    ),
    ("quý I/2025 (từ 15/12/2023 đến 14/3/2024)", None, Refused("are not in the period named")),
    # Times of day, occasions, words before the period
    ("lúc 22 giờ 30 phút ngày 15/8/2025", None, (D(2025, 8, 15), D(2025, 8, 15), EXACT)),
    ("từ 19h00 ngày 15/8 đến 05h00 ngày 16/8/2025", None, (D(2025, 8, 15), D(2025, 8, 16), EXACT)),
    ("rạng sáng 16/8/2025", None, (D(2025, 8, 16), D(2025, 8, 16), EXACT)),
    ("dịp nghỉ lễ 30/4 - 1/5/2025", None, (D(2025, 4, 30), D(2025, 5, 1), EXACT)),
    (
        "kỳ báo cáo từ ngày 15/12/2024 đến ngày 14/6/2025",
        None,
        (D(2024, 12, 15), D(2025, 6, 14), EXACT),
    ),
    ("hết tháng 6/2025", None, (None, D(2025, 6, 30), OPEN_START)),
    ("tính đến thời điểm hiện tại", R, (None, R, OPEN_START)),
    ("niên khóa 2024-2025", None, (D(2024, 9, 1), D(2025, 5, 31), APPROX)),
    ("06 tháng đầu năm 2025", None, (D(2025, 1, 1), D(2025, 6, 30), EXACT)),
    ("tháng 9 tới", R, (D(2025, 9, 1), D(2025, 9, 30), EXACT)),
    ("tháng 2 tới", R, (D(2026, 2, 1), D(2026, 2, 28), EXACT)),
    ("năm 2026 tới", R, (D(2026, 1, 1), D(2026, 12, 31), EXACT)),
    ("từ tháng 7 tới tháng 9/2025", None, (D(2025, 7, 1), D(2025, 9, 30), EXACT)),
    ("từ đầu quý III/2025 đến nay", R, (D(2025, 7, 1), R, APPROX)),
    ("cuối quý II/2025", None, Refused("'cuối quý' (late in the quarter) gives no start")),
    ("sau ngày 1/7/2025", None, Refused("'sau' (before or after) a date is not a period")),
    ("trước năm 2020", None, Refused("'trước' (before or after) a date is not a period")),
    ("các ngày 15, 16/8/2025", None, (D(2025, 8, 15), D(2025, 8, 16), EXACT)),
    # The span of another period, or of no period
    ("cùng kỳ năm 2024", None, Refused("'cùng kỳ' (the same period)")),
    ("so với cùng kỳ năm trước", R, Refused("'cùng kỳ' (the same period)")),
    ("trong tuần", R, Refused("'tuần' alone names no week")),
    ("trong tháng", R, Refused("'tháng' alone names no month")),
    ("dịp Tết Nguyên đán 2025", None, Refused("lunar calendar")),
    ("quý III và 9 tháng đầu năm 2025", None, Refused("do not follow on from each other")),
]

#: Refused expressions in which scan rightly finds a part with dates.
SCAN_PARTS = {
    "quý III và 9 tháng đầu năm 2025": [(D(2025, 1, 1), D(2025, 9, 30))],
    "trong 3 ngày 15-16/8/2025": [(D(2025, 8, 15), D(2025, 8, 16))],  # the days as written
    # Each as written, both flagged: the days are not in the quarter named.
    "quý I/2025 (từ 15/12/2023 đến 14/3/2024)": [
        (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2023, 12, 15), D(2024, 3, 14)),
    ],
}


def _ids(row: tuple[object, ...]) -> str:
    return f"{row[0]}@{row[1]}"


@pytest.mark.parametrize(("text", "reference", "expected"), AUDIT, ids=map(_ids, AUDIT))
def test_audit_reading(text: str, reference: date | None, expected: Reading | Refused) -> None:
    """Each expression reads to its dates and precision, or is refused with its reason."""
    if isinstance(expected, Refused):
        with pytest.raises(PeriodParseError, match=re.escape(expected.reason)):
            parse_period(text, reference=reference)
        return
    p = parse_period(text, reference=reference)
    assert (p.start, p.end, p.precision) == expected
    assert p.label == text


@pytest.mark.parametrize(("text", "reference", "expected"), AUDIT, ids=map(_ids, AUDIT))
def test_audit_in_running_text(
    text: str, reference: date | None, expected: Reading | Refused
) -> None:
    """scan finds the same reading inside a sentence, and reads no refused words as dates."""
    found = scan(f"Theo báo cáo, {text}, xã đã tổ chức 3 buổi.", reference=reference).periods
    dated = [(f.period.start, f.period.end) for f in found if f.period is not None]
    if isinstance(expected, Refused):
        assert dated == SCAN_PARTS.get(text, [])
        if len(dated) > 1:
            assert all(f.ambiguous for f in found)
        return
    start, end, precision = expected
    if precision is UNSPECIFIED:
        assert dated == []
        assert any(f.kind == "unspecified" for f in found)
    else:
        assert dated[0] == (start, end)


@pytest.mark.parametrize(("text", "reference", "expected"), AUDIT, ids=map(_ids, AUDIT))
def test_audit_basis(text: str, reference: date | None, expected: Reading | Refused) -> None:
    """A reading that rests on the reference date or a fuzzy edge says so in its basis."""
    if isinstance(expected, Refused) or expected[2] is UNSPECIFIED:
        return
    p = parse_period(text, reference=reference)
    try:
        alone = parse_period(text)
        depends = (alone.start, alone.end) != (p.start, p.end)
    except PeriodParseError:
        depends = True
    fuzzy = re.search(r"(?<!tháng )(?<!nửa )\b(đầu|cuối) (năm|tháng)\b", text) is not None
    if depends:
        assert p.basis is not None
        assert str(reference) in p.basis
    elif fuzzy:
        assert p.basis is not None
    else:
        assert p.basis is None


@pytest.mark.parametrize(("text", "reference", "expected"), AUDIT, ids=map(_ids, AUDIT))
def test_audit_writes_back(text: str, reference: date | None, expected: Reading | Refused) -> None:
    """Each dated reading, written back the report's way, reads to the same days."""
    if isinstance(expected, Refused) or expected[2] is UNSPECIFIED:
        return
    p = parse_period(text, reference=reference)
    back = parse_period(format_period(p), reference=reference)
    assert (back.start, back.end) == (p.start, p.end)


def test_audit_is_large_enough() -> None:
    """The audit covers at least sixty expressions, read and refused."""
    assert len({row[0] for row in AUDIT}) >= 60
    assert sum(isinstance(row[2], Refused) for row in AUDIT) >= 15


def test_past_units_follow_the_convention() -> None:
    """Under the NĐ 09 cut-offs "tháng qua" is the reporting month; weeks never move."""
    p = parse_period("tháng qua", reference=D(2025, 8, 5), convention="reporting")
    assert (p.start, p.end) == (D(2025, 6, 15), D(2025, 7, 14))
    q = parse_period("quý trước", reference=R, convention="reporting")
    assert (q.start, q.end) == (D(2025, 3, 15), D(2025, 6, 14))
    w = parse_period("tuần qua", reference=R, convention="reporting")
    assert (w.start, w.end) == (D(2025, 8, 11), D(2025, 8, 17))


def test_same_period_in_running_text() -> None:
    """ "so với cùng kỳ năm 2024" takes the span of the period before it, flagged."""
    text = "6 tháng đầu năm 2025, xảy ra 12 vụ, giảm 3 vụ so với cùng kỳ năm 2024."
    first, same = scan(text).periods
    assert first.period is not None
    assert same.period is not None
    assert (same.period.start, same.period.end) == (D(2024, 1, 1), D(2024, 6, 30))
    assert same.ambiguous
    assert same.period.basis is not None
    assert "6 tháng đầu năm 2025" in same.period.basis
    # In another sentence, the period before it is not its period: no dates.
    other = scan("Năm 2024 xảy ra 5 vụ. So với cùng kỳ năm 2023 giảm 2 vụ.").periods
    assert other[-1].period is None
    assert other[-1].reason is not None


def test_words_that_name_no_period_are_not_read() -> None:
    """ "mấy tháng nay" (for months now) is no month; "tháng này" is this one."""
    found = scan("Mấy tháng nay, tình hình ổn định.", reference=R).periods
    assert [(f.text, f.period) for f in found] == [("Mấy tháng nay", None)]
    with pytest.raises(PeriodParseError):
        parse_period("tháng nay", reference=R)


_WORDS = [
    "tuần", "tháng", "quý", "năm", "qua", "vừa", "trước", "này", "nay", "tới", "ngoái",
    "hôm", "đầu", "cuối", "giữa", "cùng", "kỳ", "từ", "đến", "và", "ngày", "Sáu", "Mười",
    "Hai", "gần", "đây", "trong", "(", ")", "-", "/", ".", "2025", "12", "3", "10", "999",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8),
    st.sampled_from([None, D(2025, 8, 20), D(1, 1, 1), D(9999, 12, 31)]),
)
def test_any_mix_of_period_words_reads_or_is_refused(
    words: list[str], reference: date | None
) -> None:
    """Any mix of the words reads to a period or is refused; scan's spans hold."""
    text = " ".join(words)
    try:
        p = parse_period(text, reference=reference)
    except PeriodParseError:
        pass
    else:
        assert p.start is None or p.end is None or p.start <= p.end
    for f in scan(text, reference=reference).periods:
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(("text", "reference", "expected"), AUDIT, ids=map(_ids, AUDIT))
def test_audit_reads_alike_in_nfd_and_capitals(
    text: str, reference: date | None, expected: Reading | Refused
) -> None:
    """Decomposed marks (NFD) and capitals read as the text does ("tháng Năm 2025" aside)."""
    variants = [unicodedata.normalize("NFD", text)]
    if "tháng Năm" not in text:  # "THÁNG NĂM 2025" may be "tháng, năm 2025": not read as May
        variants.append(text.upper())
    for variant in variants:
        if isinstance(expected, Refused):
            with pytest.raises(PeriodParseError):
                parse_period(variant, reference=reference)
            continue
        p = parse_period(variant, reference=reference)
        assert (p.start, p.end, p.precision) == expected, variant
