"""Tests of parse_quantity, format_quantity and format_number (Vietnamese number notation)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha import Qualifier, Quantity, format_number, format_quantity, parse_quantity
from khuonha.exceptions import InvalidDataError, QuantityParseError

Q = Qualifier

# text, value, qualifier, unit, total, scope_count, scope_unit
CASES = [
    ("trên 2.500 lượt người", 2500, Q.MORE_THAN, "lượt người", None, None, None),
    ("hơn 300", 300, Q.MORE_THAN, None, None, None, None),
    ("gần 650", 650, Q.NEARLY, None, None, None, None),
    ("khoảng 3.500 lượt", 3500, Q.ABOUT, "lượt", None, None, None),
    ("chừng 40 người", 40, Q.ABOUT, "người", None, None, None),
    ("ít nhất 5", 5, Q.AT_LEAST, None, None, None, None),
    ("tối thiểu 01 mô hình", 1, Q.AT_LEAST, "mô hình", None, None, None),
    ("tối đa 10", 10, Q.AT_MOST, None, None, None, None),
    ("không quá 3 vụ", 3, Q.AT_MOST, "vụ", None, None, None),
    ("87,9%", 87.9, Q.EXACT, "%", None, None, None),
    ("87,9 %", 87.9, Q.EXACT, "%", None, None, None),
    ("100% số hộ", 100, Q.EXACT, "%", None, None, "số hộ"),
    ("90% lượt hộ gia đình", 90, Q.EXACT, "%", None, None, "lượt hộ gia đình"),
    ("100% xã, thị trấn", 100, Q.EXACT, "%", None, None, "xã, thị trấn"),
    ("gần 20% dân số", 20, Q.NEARLY, "%", None, None, "dân số"),
    ("87,9 % số hộ", 87.9, Q.EXACT, "%", None, None, "số hộ"),
    ("100% các xã", 100, Q.EXACT, "%", None, None, "các xã"),
    ("90% số hộ trở lên", 90, Q.AT_LEAST, "%", None, None, "số hộ"),
    ("01 tập thể", 1, Q.EXACT, "tập thể", None, None, None),
    ("10/10 thôn", 10, Q.EXACT, "thôn", 10, None, None),
    ("7/10", 7, Q.EXACT, None, 10, None, None),
    ("10 thôn/10 thôn", 10, Q.EXACT, "thôn", 10, None, None),
    ("92 lượt/ 10 thôn bản", 92, Q.EXACT, "lượt", None, 10, "thôn bản"),
    ("92 lượt / 10 thôn bản", 92, Q.EXACT, "lượt", None, 10, "thôn bản"),
    ("không có", 0, Q.EXACT, None, None, None, None),
    ("không có vụ việc", 0, Q.EXACT, "vụ việc", None, None, None),
    ("78.152,17 ha", 78152.17, Q.EXACT, "ha", None, None, None),
    ("1.234.567", 1234567, Q.EXACT, None, None, None, None),
    ("2500", 2500, Q.EXACT, None, None, None, None),
    ("5 người trở lên", 5, Q.AT_LEAST, "người", None, None, None),
    ("TRÊN 2.500 LƯỢT NGƯỜI", 2500, Q.MORE_THAN, "LƯỢT NGƯỜI", None, None, None),
    # The words scan reads, read alike: "không dưới" (not below) is at least, not "dưới".
    ("không dưới 100 người", 100, Q.AT_LEAST, "người", None, None, None),
    ("không ít hơn 20 hộ", 20, Q.AT_LEAST, "hộ", None, None, None),
    ("dưới 18 tuổi", 18, Q.AT_MOST, "tuổi", None, None, None),
    ("chưa đến 50 người", 50, Q.AT_MOST, "người", None, None, None),
    ("chưa đầy 50 người", 50, Q.AT_MOST, "người", None, None, None),
    ("không vượt quá 3 lần", 3, Q.AT_MOST, "lần", None, None, None),
    ("ước tính 300 người", 300, Q.ABOUT, "người", None, None, None),
    ("trên dưới 200 người", 200, Q.ABOUT, "người", None, None, None),
    ("gần như 100% số hộ", 100, Q.NEARLY, "%", None, None, "số hộ"),
    ("cơ bản đạt 28/34 tiêu chí", 28, Q.BASICALLY, "tiêu chí", 34, None, None),
    ("3 vụ trở xuống", 3, Q.AT_MOST, "vụ", None, None, None),
    # "hàng trăm": the smallest value the words allow.
    ("hàng trăm lượt người", 100, Q.AT_LEAST, "lượt người", None, None, None),
    ("hàng chục vụ", 10, Q.AT_LEAST, "vụ", None, None, None),
    ("hàng trăm nghìn lượt", 100000, Q.AT_LEAST, "lượt", None, None, None),
    ("gần hàng nghìn người", 1000, Q.NEARLY, "người", None, None, None),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_parse_quantity(case: tuple[object, ...]) -> None:
    """Reports' quantities read into value, qualifier, unit, total or scope; text is kept."""
    text, *expected = case
    assert isinstance(text, str)
    q = parse_quantity(text)
    assert [q.value, q.qualifier, q.unit, q.total, q.scope_count, q.scope_unit] == expected
    assert type(q.value) is type(expected[0])
    assert q.text == text


def test_nfd_and_old_tone_placement() -> None:
    """NFD input reads the same; qualifiers match whatever the tone placement or case."""
    nfd = unicodedata.normalize("NFD", "gần 650 lượt")
    q = parse_quantity(nfd)
    assert (q.value, q.qualifier, q.unit) == (650, Q.NEARLY, "lượt")
    assert q.text == "gần 650 lượt"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("nhiều", 0),
        ("2.5", 0),
        ("2.5000", 0),
        ("trên", 4),
        ("12/10 thôn", 0),
        ("92 lượt/ 1,5 thôn", 9),
        ("5 người (ước)", 8),
        ("10/", 3),
    ],
)
def test_unreadable_quantities(text: str, position: int) -> None:
    """Unreadable text raises QuantityParseError with the position where reading stopped."""
    with pytest.raises(QuantityParseError) as info:
        parse_quantity(text)
    assert info.value.position == position
    assert info.value.code == "quantity_unreadable"


@given(st.text(max_size=40))
def test_arbitrary_text_returns_a_quantity_or_the_library_error(text: str) -> None:
    """parse_quantity on any text returns a Quantity or raises QuantityParseError."""
    try:
        q = parse_quantity(text)
    except QuantityParseError as exc:
        position = exc.position
    else:
        position = 0
        assert q.text == unicodedata.normalize("NFC", text)
    assert 0 <= position <= len(text)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (2500, "2.500", "2,500"),
        (87.9, "87,9", "87.9"),
        (78152.17, "78.152,17", "78,152.17"),
        (1234567, "1.234.567", "1,234,567"),
        (999, "999", "999"),
        (0, "0", "0"),
        (10.0, "10", "10"),
        (0.5, "0,5", "0.5"),
    ],
)
def test_format_number(value: float, vi: str, en: str) -> None:
    """Numbers print with "." for thousands and "," for decimals (English: the reverse)."""
    assert format_number(value) == vi
    assert format_number(value, "en") == en


def test_format_number_rejects_non_numbers() -> None:
    """Booleans, NaN and unknown languages are refused with the library's error."""
    with pytest.raises(InvalidDataError):
        format_number(True)
    with pytest.raises(InvalidDataError):
        format_number(float("nan"))
    with pytest.raises(InvalidDataError):
        format_number(3, "fr")


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("trên 2.500 lượt người", "trên 2.500 lượt người", "more than 2,500 lượt người"),
        ("hơn 300", "trên 300", "more than 300"),
        ("87,9%", "87,9%", "87.9%"),
        ("10/10 thôn", "10/10 thôn", "10/10 thôn"),
        ("92 lượt/ 10 thôn bản", "92 lượt/10 thôn bản", "92 lượt/10 thôn bản"),
        ("khoảng 3.500 lượt", "khoảng 3.500 lượt", "about 3,500 lượt"),
        ("01 tập thể", "1 tập thể", "1 tập thể"),
    ],
)
def test_format_quantity(text: str, vi: str, en: str) -> None:
    """Quantities print back the Vietnamese way, and in English."""
    q = parse_quantity(text)
    assert format_quantity(q) == vi
    assert khuonha.format_quantity(q, language="en") == en


@pytest.mark.parametrize(
    ("quantity", "vi", "en"),
    [
        (  # corpus 14, Bến Lức
            Quantity(value=100, unit="%", scope_unit="xã, thị trấn"),
            "100% xã, thị trấn",
            "100% xã, thị trấn",
        ),
        (  # corpus 06, An Lạc: a profile figure, not a result
            Quantity(value=20, qualifier=Qualifier.NEARLY, unit="%", scope_unit="dân số"),
            "gần 20% dân số",
            "nearly 20% dân số",
        ),
    ],
)
def test_format_quantity_keeps_what_a_share_is_of(quantity: Quantity, vi: str, en: str) -> None:
    """A share with no count of its scope keeps the noun after the %: never a bare "100%"."""
    assert format_quantity(quantity) == vi
    assert format_quantity(quantity, "en") == en


_units = st.sampled_from([None, "lượt", "lượt người", "thôn", "%", "tin", "đối tượng"])


@st.composite
def _quantities(draw: st.DrawFn) -> Quantity:
    value = draw(st.one_of(st.integers(0, 10**9), st.decimals(0, 10**6, places=2).map(float)))
    unit = draw(_units)
    kind = draw(st.sampled_from(["plain", "total", "scope"]))
    qualifier = draw(st.sampled_from(Qualifier))
    if kind == "total" and unit != "%":
        total = draw(st.integers(int(value) + 1, int(value) + 1000))
        return Quantity(value=value, qualifier=qualifier, unit=unit, total=total)
    if kind == "scope" and unit not in (None, "%"):
        return Quantity(
            value=value,
            qualifier=qualifier,
            unit=unit,
            scope_count=draw(st.integers(1, 500)),
            scope_unit="thôn bản",
        )
    return Quantity(value=value, qualifier=qualifier, unit=unit)


@given(_quantities())
def test_format_then_parse_gives_the_quantity_back(q: Quantity) -> None:
    """Formatting then parsing keeps value, qualifier, unit, total and scope."""
    back = parse_quantity(format_quantity(q))
    assert (
        back.value,
        back.qualifier,
        back.unit,
        back.total,
        back.scope_count,
        back.scope_unit,
    ) == (q.value, q.qualifier, q.unit, q.total, q.scope_count, q.scope_unit)


@pytest.mark.parametrize(
    "text", ["100% số hộ", "90% lượt hộ gia đình", "100% xã, thị trấn", "gần 20% dân số"]
)
def test_a_share_and_its_noun_are_written_back_as_read(text: str) -> None:
    """The noun after the % is kept: the share is written back as the report wrote it."""
    assert format_quantity(parse_quantity(text)) == text


@pytest.mark.parametrize(
    ("text", "at"),
    [("100% số hộ đã", 11), ("100% số hộ/10 thôn", 10), ("100%/5", 4)],
)
def test_a_share_followed_by_other_words_is_refused(text: str, at: int) -> None:
    """What follows the noun of a share is not read into it, nor a scope after a %."""
    with pytest.raises(QuantityParseError, match="unexpected text") as info:
        parse_quantity(text)
    assert info.value.position == at
