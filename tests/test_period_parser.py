"""Tests of parse_period: the issue's forms under both conventions, real-text variations, errors."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha import Convention, Precision, parse_period
from khuonha.cli.main import main
from khuonha.exceptions import InvalidDataError, PeriodParseError

D = date
REF = D(2022, 8, 10)
EXACT, APPROX = Precision.EXACT, Precision.APPROXIMATE

# text, calendar (start, end), reporting (start, end), precision
FORMS = [
    (
        "8 tháng đầu năm 2022",
        (D(2022, 1, 1), D(2022, 8, 31)),
        (D(2021, 12, 15), D(2022, 8, 14)),
        APPROX,
    ),
    (
        "6 tháng đầu năm 2023",
        (D(2023, 1, 1), D(2023, 6, 30)),
        (D(2022, 12, 15), D(2023, 6, 14)),
        EXACT,
    ),
    (
        "6 tháng cuối năm 2023",
        (D(2023, 7, 1), D(2023, 12, 31)),
        (D(2023, 6, 15), D(2023, 12, 14)),
        EXACT,
    ),
    (
        "9 tháng đầu năm 2023",
        (D(2023, 1, 1), D(2023, 9, 30)),
        (D(2022, 12, 15), D(2023, 9, 14)),
        APPROX,
    ),
    ("quý III/2022", (D(2022, 7, 1), D(2022, 9, 30)), (D(2022, 6, 15), D(2022, 9, 14)), EXACT),
    ("quý I/2023", (D(2023, 1, 1), D(2023, 3, 31)), (D(2022, 12, 15), D(2023, 3, 14)), EXACT),
    ("quý 1 năm 2023", (D(2023, 1, 1), D(2023, 3, 31)), (D(2022, 12, 15), D(2023, 3, 14)), EXACT),
    ("quý IV/2022", (D(2022, 10, 1), D(2022, 12, 31)), (D(2022, 9, 15), D(2022, 12, 14)), EXACT),
    ("năm 2022", (D(2022, 1, 1), D(2022, 12, 31)), (D(2021, 12, 15), D(2022, 12, 14)), EXACT),
    (
        "giai đoạn 2021 - 2022",
        (D(2021, 1, 1), D(2022, 12, 31)),
        (D(2020, 12, 15), D(2022, 12, 14)),
        EXACT,
    ),
    (
        "giai đoạn 2021 - 2025",
        (D(2021, 1, 1), D(2025, 12, 31)),
        (D(2020, 12, 15), D(2025, 12, 14)),
        EXACT,
    ),
    (
        "từ ngày 15/12/2021 đến ngày 14/12/2022",
        (D(2021, 12, 15), D(2022, 12, 14)),
        (D(2021, 12, 15), D(2022, 12, 14)),
        EXACT,
    ),
    ("tháng 8/2022", (D(2022, 8, 1), D(2022, 8, 31)), (D(2022, 7, 15), D(2022, 8, 14)), EXACT),
    ("tháng 8 năm 2022", (D(2022, 8, 1), D(2022, 8, 31)), (D(2022, 7, 15), D(2022, 8, 14)), EXACT),
    ("ngày 10/8", (REF, REF), (REF, REF), EXACT),
    (
        "ngày 05 tháng 02 năm 2023",
        (D(2023, 2, 5), D(2023, 2, 5)),
        (D(2023, 2, 5), D(2023, 2, 5)),
        EXACT,
    ),
    ("2022-08-10", (REF, REF), (REF, REF), EXACT),
    ("năm học 2021-2022", (D(2021, 9, 1), D(2022, 5, 31)), (D(2021, 9, 1), D(2022, 5, 31)), APPROX),
    ("từ đầu năm đến nay", (D(2022, 1, 1), REF), (D(2021, 12, 15), REF), APPROX),
    ("6 tháng đầu năm", (D(2022, 1, 1), D(2022, 6, 30)), (D(2021, 12, 15), D(2022, 6, 14)), EXACT),
    ("nửa đầu năm 2022", (D(2022, 1, 1), D(2022, 6, 30)), (D(2021, 12, 15), D(2022, 6, 14)), EXACT),
    (
        "từ ngày 1/8 đến ngày 20/8/2022",
        (D(2022, 8, 1), D(2022, 8, 20)),
        (D(2022, 8, 1), D(2022, 8, 20)),
        EXACT,
    ),
    (
        "từ tháng 11/2021 đến tháng 2/2022",
        (D(2021, 11, 1), D(2022, 2, 28)),
        (D(2021, 10, 15), D(2022, 2, 14)),
        EXACT,
    ),
    ("từ đầu năm 2022 đến ngày 10/8/2022", (D(2022, 1, 1), REF), (D(2021, 12, 15), REF), EXACT),
]


@pytest.mark.parametrize(("text", "calendar", "reporting", "precision"), FORMS)
def test_forms_under_both_conventions(
    text: str, calendar: tuple[date, date], reporting: tuple[date, date], precision: Precision
) -> None:
    """Each form reads to its calendar and its NĐ 09 dates, with its precision and label."""
    cal = parse_period(text, reference=REF)
    rep = parse_period(text, reference=REF, convention=Convention.REPORTING)
    assert (cal.start, cal.end) == calendar
    assert (rep.start, rep.end) == reporting
    assert cal.precision is precision
    assert rep.precision is precision
    assert cal.label == text
    expected = Convention.SCHOOL_YEAR if text.startswith("năm học") else Convention.REPORTING
    assert rep.convention is expected


VARIANTS = [
    (
        "quý III/2022",
        [
            "Quý III/2022",
            "QUÝ III/2022",
            "quí III/2022",
            "quý iii/2022",
            "quý 3/2022",
            "quý III.2022",
            "quý III - 2022",
            "quý III năm 2022",
            "Trong quý III/2022",
            "quý ba năm 2022",
            "quy III/2022",
        ],
    ),
    (
        "giai đoạn 2021 - 2022",
        [
            "giai đoạn 2021-2022",
            "giai đoạn 2021–2022",
            "giai đoạn 2021 — 2022",
            "Giai đoạn 2021 – 2022",
            "giai đoạn từ 2021 đến 2022",
            "giai đoạn từ năm 2021 đến năm 2022",
            "năm 2021 - 2022",
            "2021-2022",
        ],
    ),
    (
        "từ ngày 15/12/2021 đến ngày 14/12/2022",
        [
            "Từ ngày 15/12/2021 đến hết ngày 14/12/2022",
            "15/12/2021 - 14/12/2022",
            "15.12.2021 – 14.12.2022",
            "từ 15-12-2021 đến 14-12-2022",
            "Trong thời gian từ ngày 15/12/2021 đến ngày 14/12/2022",
            "từ 2021-12-15 đến 2022-12-14",
            "từ ngày 15/12/2021 tới ngày 14/12/2022",
            "từ ngày 15/12 đến ngày 14/12/2022",
        ],
    ),
    (
        "tháng 8/2022",
        [
            "Tháng 8.2022",
            "tháng 08/2022",
            "tháng 8-2022",
            "THÁNG 8 NĂM 2022",
            "8/2022",
            "trong tháng 8/2022",
        ],
    ),
    (
        "8 tháng đầu năm 2022",
        [
            "Trong 8 tháng đầu năm 2022",
            "tám tháng đầu năm 2022",
            "8 tháng năm 2022",
            "8 tháng đầu năm 2022.",
            "8 tháng đầu năm nay",
        ],
    ),
    (
        "6 tháng cuối năm 2022",
        [
            "6 tháng cuối năm 2022",
            "nửa cuối năm 2022",
            "sáu tháng cuối năm nay",
            "Trong 6 tháng cuối năm 2022,",
        ],
    ),
    (
        "ngày 10/8/2022",
        [
            "ngày 10/8",
            "10/8",
            "10.8",
            "ngày 10.8.2022",
            "ngày 10-8-2022",
            "Ngày 10 tháng 8 năm 2022",
            "sáng ngày 10/8/2022",
            "chiều 10/8",
            "vào ngày 10/8/2022",
            "thứ Tư, ngày 10/8/2022",
        ],
    ),
    ("năm học 2021-2022", ["Năm học 2021 - 2022", "năm học 2021–2022", "năm học 2021-22"]),
    (
        "từ đầu năm đến nay",
        [
            "Từ đầu năm đến nay",
            "từ đầu năm 2022 đến nay",
            "Tính từ đầu năm đến nay",
            "từ đầu năm tới nay",
            "từ đầu năm đến hiện nay",
        ],
    ),
    (
        "từ ngày 1/8 đến ngày 20/8/2022",
        [
            "từ 1/8 đến hết 20/8",
            "1-20/8/2022",
            "ngày 1 - 20/8/2022",
            "từ 01/8 - 20/8/2022",
            "Từ ngày 01.8 đến ngày 20.8.2022",
        ],
    ),
    ("năm 2022", ["Năm 2022", "trong năm 2022", "2022", "năm nay", "NĂM 2022"]),
]


@pytest.mark.parametrize(("canonical", "variant"), [(c, v) for c, vs in VARIANTS for v in vs])
def test_variations_read_like_the_canonical_form(canonical: str, variant: str) -> None:
    """Case, dashes, dots, leading words, number words and i/y spelling do not change the period."""
    want = parse_period(canonical, reference=REF)
    got = parse_period(variant, reference=REF)
    assert (got.start, got.end, got.precision) == (want.start, want.end, want.precision)
    assert got.label == variant.strip()


@pytest.mark.parametrize("text", [t for t, *_ in FORMS])
def test_nfd_input_reads_like_nfc(text: str) -> None:
    """Text decomposed to NFD (PDFs, macOS) reads the same; the label is stored in NFC."""
    nfd = unicodedata.normalize("NFD", text)
    got = parse_period(nfd, reference=REF)
    want = parse_period(text, reference=REF)
    assert got == want


def test_tone_mark_placement_does_not_matter() -> None:
    """A tone mark on another vowel letter ("đọan", "qúy") or typed apart still matches."""
    assert parse_period("giai đọan 2021 - 2022").start == D(2021, 1, 1)
    assert parse_period("qúy III/2022").start == D(2022, 7, 1)
    assert parse_period("Trong tho\u031b\u0300i gian 6 tha\u0301ng đầu năm 2023").end == D(
        2023, 6, 30
    )


def test_year_carried_back_across_new_year() -> None:
    """A start without a year takes the end's year, or the year before when it would start late."""
    p = parse_period("từ 15/12 đến 14/6/2023")
    assert (p.start, p.end) == (D(2022, 12, 15), D(2023, 6, 14))


def test_result_is_not_clipped_at_the_reference() -> None:
    """The nominal period is returned even when the reference falls inside it."""
    p = parse_period("năm 2022", reference=D(2022, 8, 10))
    assert p.end == D(2022, 12, 31)


def test_open_bounds() -> None:
    """An open start for "Tính đến"; an open end for a lone "từ"."""
    until = parse_period("Tính đến ngày 30/6/2022")
    assert (until.start, until.end, until.precision) == (None, D(2022, 6, 30), Precision.OPEN_START)
    since = parse_period("từ ngày 1/8/2022")
    assert (since.start, since.end, since.precision) == (D(2022, 8, 1), None, Precision.OPEN_END)
    now = parse_period("tính đến nay", reference=REF)
    assert (now.start, now.end) == (None, REF)
    rep = parse_period("đến hết tháng 6/2022", convention="reporting")
    assert rep.end == D(2022, 6, 14)


def test_ranges_of_months_and_quarters() -> None:
    """Ranges of months or quarters take the implied word on the end side."""
    months = parse_period("tháng 7 - 8/2022")
    assert (months.start, months.end) == (D(2022, 7, 1), D(2022, 8, 31))
    quarters = parse_period("quý I-III/2022", convention="reporting")
    assert (quarters.start, quarters.end) == (D(2021, 12, 15), D(2022, 9, 14))
    to_end = parse_period("từ tháng 6 đến cuối năm 2022")
    assert (to_end.start, to_end.end) == (D(2022, 6, 1), D(2022, 12, 31))


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("ngày 10/8", 5),
        ("từ đầu năm đến nay", 3),
        ("tháng 8", 0),
        ("6 tháng đầu năm nay", 16),
    ],
)
def test_relative_phrases_need_a_reference(text: str, position: int) -> None:
    """Without a reference date a relative phrase is the library's error."""
    with pytest.raises(PeriodParseError) as info:
        parse_period(text)
    assert info.value.position == position
    assert parse_period(text, reference=REF).start is not None


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("mùa mưa", 0),
        ("quý V/2022", 4),
        ("tháng 13/2022", 6),
        ("ngày 31/2/2022", 5),
        ("ngày 29/2/2023", 5),
        ("năm 2022 có mưa", 9),
        ("giai đoạn 2025 - 2021", 17),
        ("năm học 2021-2023", 13),
        ("8 tháng đầu năm 2022 (", 22),  # a bracket may give the days: reading stops after it
        ("năm 2022 - 2021", 11),
        ("2,5", 2),
        ("đến nay từ", 8),
    ],
)
def test_unreadable_text_says_where_reading_stopped(text: str, position: int) -> None:
    """Unreadable text raises PeriodParseError with the position where reading stopped."""
    with pytest.raises(PeriodParseError) as info:
        parse_period(text, reference=REF)
    assert info.value.position == position
    assert info.value.text == text
    assert info.value.code == "period_unreadable"
    assert isinstance(info.value, khuonha.KhuonhaError)


def test_bad_arguments() -> None:
    """A convention other than calendar/reporting, or a non-date reference, is refused."""
    with pytest.raises(InvalidDataError):
        parse_period("năm 2022", convention="assessment")
    with pytest.raises(InvalidDataError):
        parse_period("năm 2022", reference="2022-08-10")  # type: ignore[arg-type]
    with pytest.raises(PeriodParseError):
        parse_period(2022)  # type: ignore[arg-type]


@given(st.text(max_size=60), st.sampled_from(["calendar", "reporting"]))
def test_arbitrary_text_returns_a_period_or_the_library_error(text: str, conv: str) -> None:
    """parse_period on any text returns a Period or raises PeriodParseError, nothing else."""
    try:
        p = parse_period(text, reference=REF, convention=conv)
    except PeriodParseError as exc:
        position = exc.position
    else:
        position = 0
        assert p.start is not None or p.end is not None or not p.dated  # "các tháng qua"
    assert 0 <= position <= len(text)


_pieces = st.sampled_from(
    [
        "năm",
        "tháng",
        "quý",
        "ngày",
        "từ",
        "đến",
        "hết",
        "đầu",
        "cuối",
        "nay",
        "học",
        "giai đoạn",
        "III",
        "IV",
        "8",
        "12",
        "31",
        "2022",
        "2021",
        "/",
        "-",
        "–",
        ".",
        " ",
        "nửa",
        "tính",
    ]
)


@given(st.lists(_pieces, max_size=10).map("".join), st.sampled_from(["calendar", "reporting"]))
def test_period_like_text_returns_a_period_or_the_library_error(text: str, conv: str) -> None:
    """Text made of period words never raises anything but PeriodParseError."""
    position = 0
    try:
        parse_period(text, reference=REF, convention=conv)
    except PeriodParseError as exc:
        position = exc.position
    assert 0 <= position <= len(text)


# ---------------------------------------------------------------- CLI


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``khuonha period --json`` prints one object with ISO dates, precision and label."""
    code = main(["period", "8 tháng đầu năm 2022", "--convention", "reporting", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "start": "2021-12-15",
        "end": "2022-08-14",
        "precision": "approximate",
        "label": "8 tháng đầu năm 2022",
        "convention": "reporting",
    }


def test_cli_reference_and_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    """--reference anchors relative phrases; plain output shows the dates and the words."""
    assert main(["period", "ngày 10/8", "--reference", "2022-08-10"]) == 0
    out = capsys.readouterr().out
    assert "2022-08-10" in out
    assert "ngày 10 tháng 8 năm 2022" in out


def test_cli_unreadable_text_exits_1_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Unreadable text: exit 1 and a single line on stderr, no traceback."""
    assert main(["period", "quý V/2022"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "at character 4" in err


def test_cli_bad_reference_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A --reference that is not an ISO date exits 2."""
    assert main(["period", "năm 2022", "--reference", "10/8/2022"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    ["\u202equý III/2022", "quý\u200b III/2022", "\ufeffquý III/2022\u200e", "quý\u2066 III/2022"],
)
def test_invisible_format_characters_read_as_spaces(text: str) -> None:
    """Bidi controls and zero-width characters pasted from web pages do not stop the reader."""
    p = khuonha.parse_period(text)
    assert (p.start, p.end) == (date(2022, 7, 1), date(2022, 9, 30))
    assert p.label == text
