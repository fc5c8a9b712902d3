"""Every period wording of the corpus, and the forms around it, read alone and inside a sentence.

Each row is a wording as a real report writes it (``../shared/corpus/NN.yaml``,
``reporting_periods``) or a neighbouring form reports use. The period in it is
read by :func:`khuonha.parse_period` on its own, and :func:`khuonha.scan` must
find the same period inside the wording. A form that cannot be dated is
refused with a message naming why, never read as something else.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from khuonha import PeriodParseError, Precision, format_period, parse_period, scan

D = date
EXACT, APPROX = Precision.EXACT, Precision.APPROXIMATE
OPEN_START, OPEN_END = Precision.OPEN_START, Precision.OPEN_END
UNSPECIFIED, RECURRING = Precision.UNSPECIFIED, Precision.RECURRING

# (where, wording, the period in it, reference date, expected start, end, precision)
CORPUS = [
    ("02", "Năm 2024", "Năm 2024", None, D(2024, 1, 1), D(2024, 12, 31), EXACT),
    ("02", "đến nay", "đến nay", D(2024, 8, 2), None, D(2024, 8, 2), OPEN_START),
    ("03", "những tháng đầu năm 2025", "những tháng đầu năm 2025", None, D(2025, 1, 1), None,
     OPEN_END),
    ("03", "Thời gian qua", "Thời gian qua", None, None, None, UNSPECIFIED),
    ("04", "những năm qua", "những năm qua", None, None, None, UNSPECIFIED),
    ("05", "năm 2022", "năm 2022", None, D(2022, 1, 1), D(2022, 12, 31), EXACT),
    ("08", "Năm 2025", "Năm 2025", None, D(2025, 1, 1), D(2025, 12, 31), EXACT),
    ("08", "nhiệm vụ năm 2026", "năm 2026", None, D(2026, 1, 1), D(2026, 12, 31), EXACT),
    ("08", "Toàn phường hiện duy trì", None, D(2026, 1, 29), D(2026, 1, 29), D(2026, 1, 29),
     APPROX),
    ("10", "Trong năm qua", "Trong năm qua", D(2024, 3, 21), D(2023, 1, 1), D(2023, 12, 31),
     EXACT),
    ("10", "hiện nay", "hiện nay", D(2024, 3, 19), D(2024, 3, 19), D(2024, 3, 19), APPROX),
    ("11", "từ năm 2016 đến nay", "từ năm 2016 đến nay", D(2023, 10, 30), D(2016, 1, 1),
     D(2023, 10, 30), APPROX),
    ("11", "từ năm 2016 đến nay", "từ năm 2016 đến nay", None, D(2016, 1, 1), None, OPEN_END),
    ("12", "toàn tỉnh hiện có", None, D(2019, 1, 9), D(2019, 1, 9), D(2019, 1, 9), APPROX),
    ("12", "so với năm 2017", "năm 2017", None, D(2017, 1, 1), D(2017, 12, 31), EXACT),
    ("13", "từ tháng 3 – 12/2025", "từ tháng 3 – 12/2025", None, D(2025, 3, 1),
     D(2025, 12, 31), EXACT),
    ("13", "Giai đoạn 1 từ tháng 3 – 6/2025", "Giai đoạn 1 từ tháng 3 – 6/2025", None,
     D(2025, 3, 1), D(2025, 6, 30), EXACT),
    ("13", "giai đoạn 2 từ 6 – 12/2025", "giai đoạn 2 từ 6 – 12/2025", None, D(2025, 6, 1),
     D(2025, 12, 31), EXACT),
    ("14", "đến ngày 14/8/2022", "đến ngày 14/8/2022", None, None, D(2022, 8, 14), OPEN_START),
    ("15", "năm 2018", "năm 2018", None, D(2018, 1, 1), D(2018, 12, 31), EXACT),
    ("15", "8 tháng đầu năm 2019", "8 tháng đầu năm 2019", None, D(2019, 1, 1),
     D(2019, 8, 31), APPROX),
    ("15", "năm 2018 và 8 tháng đầu năm 2019", "năm 2018 và 8 tháng đầu năm 2019", None,
     D(2018, 1, 1), D(2019, 8, 31), APPROX),
    ("01", "Từ đầu năm đến nay", "Từ đầu năm đến nay", D(2022, 8, 19), D(2022, 1, 1),
     D(2022, 8, 19), APPROX),
]  # fmt: skip

# Forms reports use around the corpus's: each reads, or is refused below.
NEIGHBOURS = [
    ("quý I/2025", None, D(2025, 1, 1), D(2025, 3, 31), EXACT),
    ("6 tháng đầu năm", D(2025, 7, 10), D(2025, 1, 1), D(2025, 6, 30), EXACT),
    ("9 tháng đầu năm 2024", None, D(2024, 1, 1), D(2024, 9, 30), APPROX),
    ("9 tháng năm 2024", None, D(2024, 1, 1), D(2024, 9, 30), APPROX),
    ("năm 2024 – 2025", None, D(2024, 1, 1), D(2025, 12, 31), EXACT),
    ("nhiệm kỳ 2020–2025", None, D(2020, 1, 1), D(2025, 12, 31), EXACT),
    ("giai đoạn 2021–2025", None, D(2021, 1, 1), D(2025, 12, 31), EXACT),
    ("đợt cao điểm từ 15/3 đến 15/4", D(2025, 5, 2), D(2025, 3, 15), D(2025, 4, 15), EXACT),
    ("từ 1 – 5/9/2025", None, D(2025, 9, 1), D(2025, 9, 5), EXACT),
    ("từ 1 đến 5/9/2025", None, D(2025, 9, 1), D(2025, 9, 5), EXACT),
    ("từ 6 đến 12/2025", None, D(2025, 6, 1), D(2025, 12, 31), EXACT),
    ("6-12/2025", None, D(2025, 6, 1), D(2025, 12, 31), EXACT),
    ("15-16/8/2025", None, D(2025, 8, 15), D(2025, 8, 16), EXACT),
    ("năm 2021 và những năm tiếp theo", None, D(2021, 1, 1), None, OPEN_END),
    ("từ đầu năm 2025 đến nay", None, D(2025, 1, 1), None, OPEN_END),
    ("tính đến hết năm 2024", None, None, D(2024, 12, 31), OPEN_START),
    ("Hằng năm", None, None, None, RECURRING),
    ("ngày 19/8 hằng năm", None, None, None, RECURRING),
    ("trong thời gian qua", None, None, None, UNSPECIFIED),
    ("năm qua", None, None, None, UNSPECIFIED),
    ("năm qua", D(2023, 12, 20), None, None, UNSPECIFIED),  # the year ending, or the one before
    ("năm vừa qua", D(2024, 3, 21), D(2023, 1, 1), D(2023, 12, 31), EXACT),
    ("khoảng tháng 3/2025", None, D(2025, 3, 1), D(2025, 3, 31), APPROX),
    # Report tables shorten months and quarters: "T8/2025", "Q3/2025", "6T/2025", "9TĐN".
    ("T8/2025", None, D(2025, 8, 1), D(2025, 8, 31), EXACT),
    ("th8.2025", None, D(2025, 8, 1), D(2025, 8, 31), EXACT),
    ("T6 – T8/2025", None, D(2025, 6, 1), D(2025, 8, 31), EXACT),
    ("T6-8/2025", None, D(2025, 6, 1), D(2025, 8, 31), EXACT),
    ("T7, T8/2025", None, D(2025, 7, 1), D(2025, 8, 31), EXACT),
    ("Q3/2025", None, D(2025, 7, 1), D(2025, 9, 30), EXACT),
    ("QIII/2025", None, D(2025, 7, 1), D(2025, 9, 30), EXACT),
    ("Q1 – Q3/2025", None, D(2025, 1, 1), D(2025, 9, 30), EXACT),
    ("6T/2025", None, D(2025, 1, 1), D(2025, 6, 30), EXACT),
    ("6T đầu năm 2025", None, D(2025, 1, 1), D(2025, 6, 30), EXACT),
    ("9TĐN 2025", None, D(2025, 1, 1), D(2025, 9, 30), APPROX),
    ("6TĐN", D(2025, 7, 10), D(2025, 1, 1), D(2025, 6, 30), EXACT),
    ("T7, T8, T9/2025", None, D(2025, 7, 1), D(2025, 9, 30), EXACT),
    # Lists sharing one year, bare terms inside.
    ("tháng 7, 8 và 9/2025", None, D(2025, 7, 1), D(2025, 9, 30), EXACT),
    ("tháng 1, 2, 3/2025", None, D(2025, 1, 1), D(2025, 3, 31), EXACT),
    ("quý I, II và III/2025", None, D(2025, 1, 1), D(2025, 9, 30), EXACT),
    ("các tháng 7, 8/2025", None, D(2025, 7, 1), D(2025, 8, 31), EXACT),
    # "trở đi" (from then on), a weekday in brackets, the days in brackets after their count.
    ("từ năm 2026 trở đi", None, D(2026, 1, 1), None, OPEN_END),
    ("năm 2026 trở đi", None, D(2026, 1, 1), None, OPEN_END),
    ("từ ngày 1/7/2025 trở đi", None, D(2025, 7, 1), None, OPEN_END),
    ("ngày 19/8/2025 (thứ Ba)", None, D(2025, 8, 19), D(2025, 8, 19), EXACT),
    ("ngày 17/8/2025 (Chủ nhật)", None, D(2025, 8, 17), D(2025, 8, 17), EXACT),
    ("2 ngày (15-16/8/2025)", None, D(2025, 8, 15), D(2025, 8, 16), EXACT),
    ("3 ngày (từ 18 – 20/8/2025)", None, D(2025, 8, 18), D(2025, 8, 20), EXACT),
    ("3 tháng (từ tháng 7 đến tháng 9/2025)", None, D(2025, 7, 1), D(2025, 9, 30), EXACT),
    ("đợt 1 (từ 1/7 – 31/7/2025)", None, D(2025, 7, 1), D(2025, 7, 31), EXACT),
    (
        "Đợt cao điểm tấn công trấn áp tội phạm (từ 15/5 – 15/8/2025)",
        None,
        D(2025, 5, 15),
        D(2025, 8, 15),
        EXACT,
    ),
    (
        "Cao điểm tấn công, trấn áp tội phạm từ ngày 15/5 đến 15/8/2025",
        None,
        D(2025, 5, 15),
        D(2025, 8, 15),
        EXACT,
    ),
    (
        "kỳ báo cáo: từ ngày 15/12/2024 đến ngày 14/6/2025",
        None,
        D(2024, 12, 15),
        D(2025, 6, 14),
        EXACT,
    ),
    ("ngày 2/9 năm 2025", None, D(2025, 9, 2), D(2025, 9, 2), EXACT),
]

REFUSED = [
    ("dịp Tết Nguyên đán Ất Tỵ 2025", None, "lunar calendar"),
    ("cuối năm 2024", None, "'cuối năm' (late in the year) gives no start"),
    ("đầu năm 2025", None, "'đầu năm' (early in the year) gives no end"),
    ("cuối năm", D(2025, 1, 1), "gives no start"),
    ("9 tháng", None, "cannot read a period"),
    ("Từ đầu năm đến nay", None, "no reference date"),
    ("hiện nay", None, "no reference date"),
    ("năm 2020 và năm 2022", None, "do not follow on from each other"),
    ("từ 15 – 12/2025", None, "15 is not a month"),
]


def _found(text: str, reference: date | None) -> list[tuple[object, ...]]:
    return [
        (f.period.start, f.period.end, f.period.precision)
        if f.period is not None
        else (None, None, Precision(f.kind) if f.kind in ("recurring", "unspecified") else None)
        for f in scan(text, reference=reference).periods
    ]


@pytest.mark.parametrize("row", CORPUS, ids=lambda row: f"{row[0]}:{row[1]}")
def test_corpus_wordings(row: tuple[object, ...]) -> None:
    """Each corpus wording reads to the YAML's dates, alone and inside its sentence."""
    where, wording, alone, reference, *expected = row
    assert isinstance(wording, str)
    assert reference is None or isinstance(reference, date)
    if isinstance(alone, str):
        p = parse_period(alone, reference=reference)
        assert [p.start, p.end, p.precision] == expected, where
        assert p.label == alone.strip()
    found = _found(wording, reference)
    assert found, where
    assert list(found[0]) == expected, where  # a compound's whole comes first, then its parts


@pytest.mark.parametrize(("text", "reference", "start", "end", "precision"), NEIGHBOURS)
def test_neighbouring_forms(
    text: str, reference: date | None, start: date | None, end: date | None, precision: Precision
) -> None:
    """The forms around the corpus's read alone and in running text alike."""
    p = parse_period(text, reference=reference)
    assert (p.start, p.end, p.precision) == (start, end, precision)
    found = _found(f"Trong {text}, xã đã tổ chức 3 buổi.", reference)
    if precision is RECURRING:  # "ngày 19/8 hằng năm": scan gives the day, then its recurrence
        assert found[-1] == (start, end, precision)
    else:
        assert found[0] == (start, end, precision)


@pytest.mark.parametrize(("text", "reference", "message"), REFUSED)
def test_forms_with_no_dates_are_refused(text: str, reference: date | None, message: str) -> None:
    """What cannot be dated is refused with its reason; scan reports it without dates."""
    with pytest.raises(PeriodParseError, match=re.escape(message)):
        parse_period(text, reference=reference)
    found = scan(text, reference=reference).periods
    if " và " in text:  # two periods that do not meet: each part, never one whole
        assert [f.text for f in found] == text.split(" và ")
    else:
        assert found or text == "9 tháng"  # a length of time, not a period: nothing to report
        assert all(f.period is None and f.reason for f in found)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("T8", "'T8' needs its year"),
        ("Q3", "'Q3' needs its year"),
        ("QIII", "'QIII' needs its year ('QIII/2025')"),
        ("T2 – T6", "needs its year"),
        ("T13/2025", "13 is not a month"),
        ("Q5/2025", "5 is not a quarter"),
    ],
)
def test_shortened_terms_need_a_year(text: str, message: str) -> None:
    """Alone, "T2" may be a weekday (thứ Hai) and "Q3" a district (quận 3): no year, no period.

    A letter with a number that is no month or quarter is a code, not a period: scan skips it.
    """
    with pytest.raises(PeriodParseError, match=re.escape(message)):
        parse_period(text, reference=date(2025, 10, 1))
    sentence = f"Làm việc {text} tại trụ sở, số 5 đường Q3 và 6T gạo."
    assert scan(sentence, reference=date(2025, 10, 1)).periods == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2 ngày (15-16/8/2025", "expected ')' to close the brackets"),
        ("trong 2 tháng (từ tháng 7 đến tháng 9/2025)", "'2 tháng' does not match the months"),
        ("3 ngày (15-16/8/2025)", "'3 ngày' does not match the days given (2)"),
        ("từ nay trở đi", "this cannot start a period"),
    ],
)
def test_brackets_and_onwards_are_checked(text: str, message: str) -> None:
    """A count's brackets must close and hold its days; "trở đi" needs a dated start."""
    with pytest.raises(PeriodParseError, match=re.escape(message)):
        parse_period(text, reference=date(2025, 10, 1))


def test_compound_parts_are_found_in_running_text() -> None:
    """ "năm 2018 và 8 tháng đầu năm 2019": the whole, then each part."""
    found = scan("Trong năm 2018 và 8 tháng đầu năm 2019, Công an huyện …").periods
    assert [f.text for f in found] == [
        "năm 2018 và 8 tháng đầu năm 2019",
        "năm 2018",
        "8 tháng đầu năm 2019",
    ]


def test_past_year_keeps_its_basis() -> None:
    """ "Trong năm qua" read against the publication date says why it is that year."""
    p = parse_period("Trong năm qua", reference=D(2024, 3, 21))
    assert p.basis is not None
    assert "2024-03-21" in p.basis


@pytest.mark.parametrize("row", CORPUS, ids=lambda row: f"{row[0]}:{row[1]}")
def test_corpus_periods_write_back(row: tuple[object, ...]) -> None:
    """Formatting each reading and reading it again gives the same period; no day invented."""
    alone, reference = row[2], row[3]
    if not isinstance(alone, str):
        return
    p = parse_period(alone, reference=reference if isinstance(reference, date) else None)
    text = format_period(p)
    if not p.dated:
        assert text == p.label
        return
    back = parse_period(text)
    assert (back.start, back.end, back.precision) == (p.start, p.end, p.precision)
    if p.start is not None and (p.start.month, p.start.day) == (1, 1):
        assert "01/01" not in text
