"""Tests of khuonha.scan: quantities and periods found in running report text."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khuonha
from khuonha import FoundPeriod, FoundQuantity, Qualifier, ScanResult, scan
from khuonha.cli.main import main
from khuonha.exceptions import InvalidDataError
from khuonha.testing.hostile import HOSTILE_TEXTS
from khuonha.text import _scan_periods, _scan_quantities
from khuonha.text.scanning import MAX_SCAN_LENGTH

D = date
MORE, NEARLY, ABOUT, EXACT = (
    Qualifier.MORE_THAN,
    Qualifier.NEARLY,
    Qualifier.ABOUT,
    Qualifier.EXACT,
)


def quantities(text: str, **kw: object) -> list[tuple[object, ...]]:
    return [
        (q.quantity.value, q.quantity.qualifier, q.quantity.unit)
        for q in scan(text, **kw).quantities  # type: ignore[arg-type]
    ]


def dates(text: str, reference: date | None = None) -> list[tuple[object, ...]]:
    return [
        (
            p.text,
            None if p.period is None else p.period.start,
            None if p.period is None else p.period.end,
            p.kind,
        )
        for p in scan(text, reference=reference).periods
    ]


# ---------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "tổ chức tuyên truyền lồng ghép được 6 buổi với trên 330 người tham dự",
            [(6, EXACT, "buổi"), (330, MORE, "người")],
        ),
        ("hơn 2.500 lượt người", [(2500, MORE, "lượt người")]),
        ("gần 650 hộ", [(650, NEARLY, "hộ")]),
        ("khoảng 1.200 người dân", [(1200, ABOUT, "người dân")]),
        (
            "xã Phú Kiết có 08 tổ bảo vệ an ninh trật tự cơ sở",
            [(8, EXACT, "tổ bảo vệ an ninh trật tự cơ sở")],
        ),
        ("13,849 nhân khẩu", [(13849, EXACT, "nhân khẩu")]),
        ("có 87,9% số hộ", [(87.9, EXACT, "%")]),
        ("diện tích 56,52 km2", [(56.52, EXACT, "km2")]),
        ("rộng 56,52 km²", [(56.52, EXACT, "km²")]),
        ("78.152,17 ha", [(78152.17, EXACT, "ha")]),
        (
            "30 buổi tuyên truyền, phổ biến pháp luật",
            [(30, EXACT, "buổi tuyên truyền, phổ biến pháp luật")],
        ),
        (
            "31 mô hình “Tự quản về an ninh trật tự”",
            [(31, EXACT, "mô hình “Tự quản về an ninh trật tự”")],
        ),
        ("20 tập thể, 11 cá nhân", [(20, EXACT, "tập thể"), (11, EXACT, "cá nhân")]),
        ("01 cá nhân 03 tập thể", [(1, EXACT, "cá nhân"), (3, EXACT, "tập thể")]),
        (
            "1 nhà thờ xứ, 3 nhà thờ họ, có 16 đền, chùa",
            [(1, EXACT, "nhà thờ xứ"), (3, EXACT, "nhà thờ họ"), (16, EXACT, "đền, chùa")],
        ),
        ("15 buổi với 1.350 người tham gia", [(15, EXACT, "buổi"), (1350, EXACT, "người")]),
        ("trên 330 lượt người", [(330, MORE, "lượt người")]),
        ("05 huyện Bát Xát, Si Ma Cai", [(5, EXACT, "huyện")]),
        ("hàng trăm lượt người", [(100, Qualifier.AT_LEAST, "lượt người")]),
        ("không dưới 100 người", [(100, Qualifier.AT_LEAST, "người")]),
        ("chưa đầy 50 người", [(50, Qualifier.AT_MOST, "người")]),
        ("từ 5 người trở lên", [(5, Qualifier.AT_LEAST, "người")]),
        ("tăng 15% so với cùng kỳ", [(15, EXACT, "%")]),
        ("1,5 tỷ đồng", [(1.5, EXACT, "tỷ đồng")]),
        (
            "1.403 khu dân cư, xã, phường, thị trấn đạt chuẩn",
            [(1403, EXACT, "khu dân cư, xã, phường, thị trấn")],
        ),
        (
            "38 loại mô hình với trên 33.100 điểm",
            [(38, EXACT, "loại mô hình"), (33100, MORE, "điểm")],
        ),
    ],
)
def test_quantities_as_reports_write_them(text: str, expected: list[tuple[object, ...]]) -> None:
    assert quantities(text) == expected


def test_percentages_keep_the_number_and_say_what_they_are_of() -> None:
    found = scan(
        "100% số hộ ký cam kết; 90% lượt hộ gia đình; 100% xã, thị trấn trên địa bàn"
    ).quantities
    assert [(q.quantity.value, q.quantity.unit, q.of) for q in found] == [
        (100, "%", "số hộ"),
        (90, "%", "lượt hộ gia đình"),
        (100, "%", "xã, thị trấn"),
    ]
    near = scan("phường có gần 20% dân số là người dân tộc thiểu số").quantities[0]
    assert (near.quantity.value, near.quantity.qualifier, near.of) == (20, NEARLY, "dân số")


@pytest.mark.parametrize(
    ("text", "value", "total", "unit"),
    [
        ("10/10 thôn", 10, 10, "thôn"),
        ("tại 9/9 khu dân cư", 9, 9, "khu dân cư"),
        ("Toàn tỉnh có 114/116 xã đạt tiêu chí", 114, 116, "xã"),
        ("cơ bản đạt 28/34 tiêu chí", 28, 34, "tiêu chí"),
        # Thousands groups on both sides; a grouped whole after a small part.
        ("có 1.245/1.325 khu dân cư đạt loại Khá trở lên", 1245, 1325, "khu dân cư"),
        ("245/1.325 hộ ký cam kết", 245, 1325, "hộ"),
    ],
)
def test_parts_of_a_whole(text: str, value: int, total: int, unit: str) -> None:
    (q,) = scan(text).quantities
    assert (q.quantity.value, q.quantity.total, q.quantity.unit) == (value, total, unit)


@pytest.mark.parametrize(
    "text", ["tháng 8/2025", "ngày 1/2/2025", "1.245/325 hộ", "1.245/1.325/2025", "11/10 thôn"]
)
def test_slashes_that_are_no_part_of_a_whole(text: str) -> None:
    """A year ("8/2025"), a date, a grouped part over an ungrouped whole, or a part above it."""
    assert [q.quantity.total for q in scan(text).quantities] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Trong năm 2025, xã tổ chức 18 buổi.", [(18, "buổi", None)]),
        ("Kết quả:\n2) 5 vụ việc", [(5, "vụ việc", None)]),
        ("12.500 người tham gia", [(12500, "người", None)]),
        ("Camera lắp đặt\n\n48\n\nTổ tự quản", [(48, None, "no counted noun follows the number")]),
        (
            "STT | Nội dung | Số lượng\n1 | Tổ tự quản | 24",
            [(24, "Tổ tự quản", "read from a table row: its label is taken as what is counted")],
        ),
        (
            "Tổ tự quản | 20 | 24",
            [
                (20, "Tổ tự quản", "read from a table row: its label is taken as what is counted"),
                (24, "Tổ tự quản", "read from a table row: its label is taken as what is counted"),
            ],
        ),
    ],
)
def test_list_numbers_and_table_rows(text: str, expected: list[tuple[object, ...]]) -> None:
    """A number opening a line before ". ", ") " or " | " numbers an item or a row; a number
    alone in a row's last cell counts the row's label (for review)."""
    found = scan(text).quantities
    assert [(q.quantity.value, q.quantity.unit, q.reason) for q in found] == expected


def test_a_count_over_a_scope() -> None:
    (q,) = scan("92 lượt/ 10 thôn bản").quantities
    assert (q.quantity.value, q.quantity.scope_count, q.quantity.scope_unit) == (92, 10, "thôn bản")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("trong năm không có đối tượng nghiện ma túy mới", "đối tượng nghiện ma túy mới"),
        ("không xảy ra vụ việc phức tạp", "vụ việc phức tạp"),
        ("không để xảy ra trường hợp nào", "trường hợp nào"),
    ],
)
def test_zero_written_as_words(text: str, unit: str) -> None:
    (q,) = scan(text).quantities
    assert (q.quantity.value, q.quantity.unit) == (0, unit)


@pytest.mark.parametrize(
    "text",
    [
        "không có gì thay đổi",  # not a count
        "Quyết định số 510/QĐ-BCA",
        "Nghị định 09/2019/NĐ-CP",
        "Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022",
        "đạt chỉ tiêu 19.2 trong tiêu chí 19",
        "Điều 8 khoản 2 Thông tư 124/2021/TT-BCA",
        "Điện thoại: 0912 345 678",
        "hotline 0214.3852.123",
        "Cập nhật lúc 08:54, Thứ Tư, 09/01/2019 (GMT+7)",
        "khai mạc lúc 8h30",
        "tổ dân phố số 5, thôn 3",
        "Giai đoạn 1",
        "ngày 19/8/2025",
        "năm 2025",
        "PX03",
        "vào 7 giờ sáng",
        "khai mạc 8 giờ 30 phút",
        "COVID-19",
        "Ban Chỉ đạo 138 huyện",
    ],
)
def test_numbers_that_are_not_quantities(text: str) -> None:
    assert scan(text).quantities == ()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("đạt 13,849 chỉ số", "groups thousands"),
        ("tăng 2.5 lần so với", "English decimal"),
        ("đạt 95", "no counted noun"),
        ("triển khai trên 3 xã", "'on' or 'in'"),
        ("tại 45 Lê Lợi", "a name may follow"),
        ("1/3 số hộ", "a fraction"),
    ],
)
def test_readings_the_words_leave_open_are_flagged(text: str, reason: str) -> None:
    (q,) = scan(text).quantities
    assert q.ambiguous
    assert q.reason is not None
    assert reason in q.reason


@pytest.mark.parametrize("text", ["từ 5 đến 10 người", "5 - 10 người", "5-10 người"])
def test_a_range_of_numbers_gives_both_bounds(text: str) -> None:
    assert quantities(text) == [
        (5, Qualifier.AT_LEAST, "người"),
        (10, Qualifier.AT_MOST, "người"),
    ]


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "Trong 7 tháng đầu năm 2025, Công an xã đã tổ chức 6 buổi",
            None,
            [("7 tháng đầu năm 2025", D(2025, 1, 1), D(2025, 7, 31), "dated")],
        ),
        (
            "Từ đầu năm đến nay, lực lượng đã phát hiện",
            D(2022, 8, 10),
            [("Từ đầu năm đến nay", D(2022, 1, 1), D(2022, 8, 10), "dated")],
        ),
        (
            "truyền thống 80 năm (19/8/1945 – 19/8/2025)",
            None,
            [("19/8/1945 – 19/8/2025", D(1945, 8, 19), D(2025, 8, 19), "dated")],
        ),
        (
            "từ năm 2016 đến nay",
            D(2023, 10, 30),
            [("từ năm 2016 đến nay", D(2016, 1, 1), D(2023, 10, 30), "dated")],
        ),
        (
            "từ năm 2016 đến nay",
            None,
            # No date for "nay": the start is known, the end is open (still running).
            [("từ năm 2016 đến nay", D(2016, 1, 1), None, "open")],
        ),
        (
            "Giai đoạn 1 từ tháng 3 – 6/2025, giai đoạn 2 từ 6 – 12/2025",
            None,
            [
                ("từ tháng 3 – 6/2025", D(2025, 3, 1), D(2025, 6, 30), "dated"),
                ("từ 6 – 12/2025", D(2025, 6, 1), D(2025, 12, 31), "dated"),
            ],
        ),
        (
            "đến ngày 14/8/2022, 100% xã",
            None,
            [("đến ngày 14/8/2022", None, D(2022, 8, 14), "open")],
        ),
        (
            "Chiều 29/1, phường tổng kết",
            D(2026, 1, 29),
            [("29/1", D(2026, 1, 29), D(2026, 1, 29), "dated")],
        ),
        (
            "Sáng ngày 2/8, xã tổ chức",
            D(2024, 8, 2),
            [("ngày 2/8", D(2024, 8, 2), D(2024, 8, 2), "dated")],
        ),
        ("ngày 2/8", None, [("ngày 2/8", None, None, "unspecified")]),
        ("tổ chức hằng năm", None, [("hằng năm", None, None, "recurring")]),
        ("trong những năm qua", None, [("những năm qua", None, None, "unspecified")]),
        ("trong thời gian qua", None, [("thời gian qua", None, None, "unspecified")]),
        (
            "những tháng đầu năm 2025",
            None,
            [("những tháng đầu năm 2025", D(2025, 1, 1), None, "open")],
        ),
        ("quý III/2022", None, [("quý III/2022", D(2022, 7, 1), D(2022, 9, 30), "dated")]),
        ("ngày 21-03-2024", None, [("ngày 21-03-2024", D(2024, 3, 21), D(2024, 3, 21), "dated")]),
        (
            "trong 02 ngày (15-16/8/2025)",
            None,
            [("15-16/8/2025", D(2025, 8, 15), D(2025, 8, 16), "dated")],
        ),
        ("từ 1 – 5/9", D(2025, 8, 1), [("từ 1 – 5/9", D(2025, 9, 1), D(2025, 9, 5), "dated")]),
        (
            "từ ngày 1/8/2025 (thứ Sáu) đến ngày 5/8/2025",
            None,
            [
                (
                    "từ ngày 1/8/2025 (thứ Sáu) đến ngày 5/8/2025",
                    D(2025, 8, 1),
                    D(2025, 8, 5),
                    "dated",
                )
            ],
        ),
        (
            "nhiệm kỳ 2020-2025",
            None,
            [("nhiệm kỳ 2020-2025", D(2020, 1, 1), D(2025, 12, 31), "dated")],
        ),
        ("tháng 7-8/2022", None, [("tháng 7-8/2022", D(2022, 7, 1), D(2022, 8, 31), "dated")]),
        (
            "năm 2021 và những năm tiếp theo",
            None,
            [
                ("năm 2021 và những năm tiếp theo", D(2021, 1, 1), None, "open"),
                ("năm 2021", D(2021, 1, 1), D(2021, 12, 31), "dated"),
            ],
        ),
    ],
)
def test_periods_inside_sentences(
    text: str, reference: date | None, expected: list[tuple[object, ...]]
) -> None:
    assert dates(text, reference) == expected


def test_a_compound_period_is_reported_whole_and_in_parts() -> None:
    found = scan("Báo cáo năm 2018 và 8 tháng đầu năm 2019 của xã").periods
    assert [(p.text, p.compound) for p in found] == [
        ("năm 2018 và 8 tháng đầu năm 2019", True),
        ("năm 2018", False),
        ("8 tháng đầu năm 2019", False),
    ]
    whole = found[0].period
    assert whole is not None
    assert (whole.start, whole.end) == (D(2018, 1, 1), D(2019, 8, 31))


def test_parts_that_do_not_meet_have_no_whole() -> None:
    found = scan("năm 2018 và năm 2020").periods
    assert [(p.text, p.compound) for p in found] == [("năm 2018", False), ("năm 2020", False)]


def test_the_past_year_is_flagged() -> None:
    (p,) = scan("Trong năm qua, xã tổ chức 15 buổi", reference=D(2024, 3, 19)).periods
    assert p.ambiguous
    assert p.period is not None
    assert (p.period.start, p.period.end) == (D(2023, 1, 1), D(2023, 12, 31))
    (late,) = scan("Trong năm qua", reference=D(2024, 12, 20)).periods
    assert late.ambiguous
    assert late.period is None


def test_a_day_every_year_is_flagged() -> None:
    day, every = scan("Ngày 19/8 hằng năm", reference=D(2025, 3, 1)).periods
    assert day.ambiguous
    assert (day.text, every.kind) == ("Ngày 19/8", "recurring")


def test_now_is_the_reference_date() -> None:
    (p,) = scan("Toàn phường hiện duy trì 30 tổ", reference=D(2026, 1, 29)).periods
    assert p.text == "hiện"
    assert p.period is not None
    assert p.period.start == p.period.end == D(2026, 1, 29)
    assert scan("xã đã thực hiện có hiệu quả").periods == ()


# ---------------------------------------------------------------- spans and robustness


def test_spans_point_at_the_text_in_order() -> None:
    text = (
        "Năm 2024, xã có 13,849 nhân khẩu; trong 7 tháng đầu năm 2025 tổ chức 6 buổi "
        "với trên 330 người tham dự, 10/10 thôn (19/8/1945 – 19/8/2025)."
    )
    result = scan(text)
    for found in (*result.quantities, *result.periods):
        assert text[found.start : found.end] == found.text
    starts = [q.start for q in result.quantities]
    assert starts == sorted(starts)
    assert [p.start for p in result.periods] == sorted(p.start for p in result.periods)


def test_nfd_and_capitals_read_alike() -> None:
    text = "TRÊN 330 NGƯỜI trong 7 THÁNG ĐẦU NĂM 2025"
    nfd = unicodedata.normalize("NFD", text)
    for t in (text, nfd):
        result = scan(t)
        assert [(q.quantity.value, q.quantity.qualifier) for q in result.quantities] == [
            (330, MORE)
        ]
        assert [p.period.end for p in result.periods if p.period] == [D(2025, 7, 31)]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789./,-–%()“” ânăđườngtháquýhểớ\n")), max_size=80)
)
def test_any_text_scans_without_error_and_spans_hold(text: str) -> None:
    result = scan(text, reference=D(2024, 6, 1))
    for found in (*result.quantities, *result.periods):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.text


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from(["", "trên ", "gần ", "khoảng "]),
    st.sampled_from(["người", "lượt người", "hộ", "buổi tuyên truyền", "tổ"]),
)
def test_a_number_written_the_vietnamese_way_reads_back(value: int, prefix: str, unit: str) -> None:
    written = khuonha.format_number(value)
    (q,) = scan(f"Xã có {prefix}{written} {unit} tham gia.").quantities
    assert q.quantity.value == value
    assert q.quantity.unit == unit
    assert q.quantity.qualifier is khuonha.parse_quantity(f"{prefix}1").qualifier


def test_absurd_runs_of_marks_are_words_like_any_other() -> None:
    zalgo = "a" + "\u0301\u0323" * 5000
    result = scan(f"5 người {zalgo} năm 2025, 3 {zalgo}; từ ngày 1/8/2025 ({zalgo}) đến 5/8/2025")
    assert [q.quantity.value for q in result.quantities] == [5, 3]
    assert [p.text for p in result.periods][:1] == ["năm 2025"]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_scans(text: str) -> None:
    assert isinstance(scan(text), ScanResult)


def test_bad_arguments() -> None:
    with pytest.raises(InvalidDataError):
        scan(b"10 thon")  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError):
        scan("10 thôn", reference="2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="more than"):
        scan("x" * (MAX_SCAN_LENGTH + 1))


def test_public_types() -> None:
    result = scan("trên 330 người năm 2025")
    assert isinstance(result.quantities[0], FoundQuantity)
    assert isinstance(result.periods[0], FoundPeriod)


def test_a_megabyte_of_report_text_finishes() -> None:
    """Linear patterns: 1 MB of report text and runs of separators finish inside the timeout."""
    code = (
        "from khuonha import scan\n"
        "unit = 'Trong 7 tháng đầu năm 2025, trên 330 người, 10/10 thôn, 13,849 nhân khẩu; '\n"
        "scan(unit * (1_000_000 // len(unit)))\n"
        "scan('1.' * 100_000 + '1/' * 100_000 + 'từ ' * 60_000 + '5 tổ “' * 30_000)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _calls_for(
    monkeypatch: pytest.MonkeyPatch, owner: type, method: str, text: Callable[[int], str]
) -> list[int]:
    """How many times ``owner.method`` runs while scanning ``text(300)``, then ``text(600)``."""
    calls = [0]
    original = getattr(owner, method)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, method, counted)
    work = []
    for n in (300, 600):
        calls[0] = 0
        scan(text(n))
        work.append(calls[0])
    return work


@pytest.mark.parametrize("unit", ["tháng 1, ", "quý I và ", "T1, ", "T1 – ", "tháng 1 – "])
def test_runs_of_terms_take_work_in_proportion(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list of terms with no year is read in one pass: twice the text, about twice the work.

    (Each term used to read the whole rest of the list: 1,000 "tháng 1, " took 16 s.)
    """
    work = _calls_for(monkeypatch, _scan_periods._Grammar, "term", lambda n: unit * n + "xã")
    assert work[0] >= 300
    assert work[1] <= 2.1 * work[0], work


@pytest.mark.parametrize("unit", ["1 – ", "1 đến ", "2.500 - "])
def test_runs_of_ranges_are_read_two_ends_at_a_time(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "1 – 1 – 1 …": a range has two ends, so no number reads the rest of the run.

    (Each number used to read the next as a range's end, recursively: 1,000 of them raised
    RecursionError.)
    """
    assert scan(unit * 3000 + "1 người").quantities[-1].quantity.unit == "người"
    assert scan("5 – 7 người").quantities[0].quantity.qualifier is Qualifier.AT_LEAST
    work = _calls_for(
        monkeypatch, _scan_quantities._Reader, "at_number", lambda n: unit * n + "1 người"
    )
    assert work[0] >= 300
    assert work[1] <= 2.1 * work[0], work


@pytest.mark.parametrize(
    ("unit", "first"),
    [
        ("01/8-", None),  # one glued run of digits and separators: a code, not dates
        ("01/8-31/8/2025 và ", "01/8-31/8/2025"),
        ("khoảng khoảng ", None),
        ("cùng kỳ cùng kỳ ", None),
        ("T1 – ", None),
        ("1 – ", None),
    ],
)
def test_long_runs_of_one_pattern_do_not_recurse(unit: str, first: str | None) -> None:
    """3,000 repeats of a pattern that reads ahead: found term by term, never RecursionError."""
    found = scan(unit * 3000 + "người").periods
    assert (found[0].text if found else None) == first


# ---------------------------------------------------------------- CLI


def test_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Từ đầu năm đến nay, xã tổ chức 6 buổi với trên 330 người tham dự"
    assert main(["scan", text, "--reference", "2025-08-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"quantities", "periods"}
    q = data["quantities"][1]
    assert {"value", "qualifier", "unit", "text", "start", "end"} <= set(q)
    assert (q["value"], q["qualifier"], q["unit"]) == (330, "more_than", "người")
    assert text[q["start"] : q["end"]] == q["text"]
    assert data["quantities"][0]["qualifier"] is None
    (p,) = data["periods"]
    keys = {"start", "end", "precision", "label", "text", "start_offset", "end_offset"}
    assert keys <= set(p)
    assert (p["start"], p["end"], p["precision"]) == ("2025-01-01", "2025-08-01", "approximate")
    assert text[p["start_offset"] : p["end_offset"]] == p["text"]


def test_cli_reads_stdin_and_prints_a_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("hằng năm có 100% số hộ".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["scan", "-"]) == 0
    out = capsys.readouterr().out
    assert "quantities: 1" in out
    assert "recurring" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\xff\xfe10 th\xf4n", "not UTF-8"),
        (b"\x00\x01\x02binary", "binary"),
        (b"10 thon" + b"\x07" * 100, "binary"),
        (b"x" * 10_000_001, "larger than"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_1(
    data: bytes,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["scan", "-", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert captured.err.count("\n") == 1


def test_cli_bad_reference_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "10 thôn", "--reference", "2025-13-01"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


# Phrases and what scan reads in each; joined by sentence ends, the readings add up.
PHRASES: list[tuple[str, list[tuple[object, ...]], list[str]]] = [
    ("tổ chức được 6 buổi với trên 330 người tham dự", [(6, EXACT), (330, MORE)], []),
    ("xã có 13,849 nhân khẩu", [(13849, EXACT)], []),
    ("gần 20% dân số", [(20, NEARLY)], []),
    ("10/10 thôn đạt chuẩn", [(10, EXACT)], []),
    ("không xảy ra vụ việc phức tạp", [(0, EXACT)], []),
    ("Trong 7 tháng đầu năm 2025", [], ["7 tháng đầu năm 2025"]),
    ("từ năm 2016 đến nay", [], ["từ năm 2016 đến nay"]),
    ("kỷ niệm (19/8/1945 – 19/8/2025)", [], ["19/8/1945 – 19/8/2025"]),
    ("hằng năm", [], ["hằng năm"]),
    ("Quyết định số 510/QĐ-BCA", [], []),
    ("đạt chỉ tiêu 19.2", [], []),
    ("Điện thoại 0912 345 678", [], []),
    ("khai mạc lúc 8 giờ 30 phút", [], []),
    ("trao giấy khen cho 01 tập thể, 07 cá nhân", [(1, EXACT), (7, EXACT)], []),
    ("trong tuần qua tuần tra 5 lượt", [(5, EXACT)], ["tuần qua"]),
    ("giảm 2 vụ so với cùng kỳ năm 2024", [(2, EXACT)], ["cùng kỳ năm 2024"]),
    ("trong 10 năm qua", [], ["10 năm qua"]),
    ("giữa năm 2025 ra mắt mô hình", [], ["giữa năm 2025"]),
    ("tháng Sáu năm 2025", [], ["tháng Sáu năm 2025"]),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=6),
    st.sampled_from([". ", "; ", ".\n", ". Ngoài ra, "]),
)
def test_readings_do_not_leak_across_sentences(
    phrases: list[tuple[str, list[tuple[object, ...]], list[str]]], joint: str
) -> None:
    text = joint.join(p for p, _, _ in phrases) + "."
    result = scan(text, reference=D(2025, 8, 1))
    assert [(q.quantity.value, q.quantity.qualifier) for q in result.quantities] == [
        want for _, wants, _ in phrases for want in wants
    ]
    assert [p.text for p in result.periods] == [want for _, _, wants in phrases for want in wants]
