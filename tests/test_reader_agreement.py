"""parse_quantity and scan read a number by one rule: they never read the same words two ways.

The corpus wordings come from the copy of the corpus facts in tests/data (the
same copy tests/test_scan_quality.py measures).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khuonha import Qualifier, QuantityParseError, parse_quantity, scan

TEXTS = sorted(
    {
        text
        for record in json.loads(
            (Path(__file__).parent / "data" / "scan_corpus.json").read_text("utf-8")
        )
        for text in record["texts"]
    }
)
#: The reasons scan gives when the digits themselves leave the reading open.
_NUMERAL_REASONS = ("groups thousands", "decimal point")


def _parsed(text: str) -> float | None:
    try:
        return parse_quantity(text).value
    except QuantityParseError:
        return None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("13,849 nhân khẩu", 13849),
        ("13,849 nhân khẩu sinh sống", 13849),
        ("trên 1,200 người", 1200),
        ("1,500 hộ", 1500),
        ("30 buổi", 30),
        ("87,9%", 87.9),
        ("56,52 km2", 56.52),
        ("13,849 km2", 13.849),
        ("12,500%", 12.5),
        ("1,234,567", 1234567),
        ("78.152,17 ha", 78152.17),
    ],
)
def test_comma_thousands_read_by_the_counted_noun(text: str, value: float) -> None:
    """A thing counted one by one cannot be fractional; a measure or a percentage can."""
    q = parse_quantity(text)
    assert q.value == value
    assert type(q.value) is type(value)
    found = scan(text).quantities
    assert [f.quantity.value for f in found] == [value]


@pytest.mark.parametrize("text", ["13,849", "13,849 đền chùa", "trên 1,500", "2.5 người"])
def test_an_open_reading_is_refused_with_its_reason(text: str) -> None:
    """Where the words do not tell thousands from decimals, parse_quantity says so."""
    with pytest.raises(QuantityParseError, match="left open rather than guessed"):
        parse_quantity(text)
    found = scan(text).quantities
    assert len(found) == 1
    assert found[0].ambiguous


@pytest.mark.parametrize("text", TEXTS)
def test_parse_quantity_agrees_with_scan_on_the_corpus(text: str) -> None:
    """Every quantity scan reads in a corpus wording, parse_quantity reads alike or refuses."""
    found = scan(text).quantities
    for f in found:
        value = _parsed(f.text)
        if value is None:
            continue
        if f.ambiguous and any(r in (f.reason or "") for r in _NUMERAL_REASONS):
            pytest.fail(f"scan leaves {f.text!r} open, parse_quantity read {value}")
        if not f.ambiguous:
            q = parse_quantity(f.text)
            assert (q.value, q.qualifier, q.total) == (
                f.quantity.value,
                f.quantity.qualifier,
                f.quantity.total,
            ), f.text
            if f.quantity.unit == "%":  # a share, and what it is of, read alike
                assert q == f.quantity, f.text
                assert q.scope_unit == f.of, f.text
    whole = _parsed(text)
    if whole is not None and found:
        assert whole in [f.quantity.value for f in found], text


def test_the_corpus_copy_has_wordings() -> None:
    assert len(TEXTS) >= 150
    assert "13,849 nhân khẩu" in TEXTS


_SHARES = sorted(
    {
        f.text
        for text in TEXTS
        for f in scan(text).quantities
        if f.quantity.unit == "%" and f.of is not None and not f.ambiguous
    }
)


def test_the_corpus_has_shares_of_something() -> None:
    """The corpus writes percentages of a noun; the agreement above covers them."""
    assert {"100% xã, thị trấn", "gần 20% dân số"} <= set(_SHARES), _SHARES


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "of"),
    [
        ("100% số hộ", 100, Qualifier.EXACT, "số hộ"),
        ("90% lượt hộ gia đình", 90, Qualifier.EXACT, "lượt hộ gia đình"),
        ("100% xã, thị trấn", 100, Qualifier.EXACT, "xã, thị trấn"),
        ("gần 20% dân số", 20, Qualifier.NEARLY, "dân số"),
        ("87,9% số hộ", 87.9, Qualifier.EXACT, "số hộ"),
    ],
)
def test_a_share_of_something_is_read_alike(
    text: str, value: float, qualifier: Qualifier, of: str
) -> None:
    """ "100% số hộ": the value as written, % as the unit, the noun kept by both readers."""
    q = parse_quantity(text)
    assert (q.value, q.qualifier, q.unit, q.scope_unit) == (value, qualifier, "%", of)
    (found,) = scan(f"Đã có {text} tham gia.").quantities
    assert (found.text, found.of, found.quantity) == (text, of, q)


_NOUNS = st.sampled_from(
    [
        "nhân khẩu", "người", "hộ", "buổi", "lượt", "km2", "ha", "tấn", "%", "đền", "", "tin",
        "% số hộ", "% xã, thị trấn", "% lượt hộ gia đình", "% dân số",
    ]
)  # fmt: skip
_GROUPS = st.lists(st.integers(0, 999).map(str), min_size=1, max_size=3)


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    first = str(draw(st.integers(1, 99999)))
    rest = draw(
        st.lists(
            st.tuples(st.sampled_from(".,"), st.from_regex(r"[0-9]{1,4}", fullmatch=True)),
            max_size=3,
        )
    )
    return first + "".join(sep + digits for sep, digits in rest)


@given(_numbers(), _NOUNS, st.sampled_from(["", "trên ", "gần "]))
def test_parse_quantity_and_scan_agree_on_any_number(number: str, noun: str, before: str) -> None:
    """Whatever the digits and the noun, the two readers never give two values."""
    text = (before + number + ("" if noun.startswith("%") else " ") + noun).strip()
    parsed = _parsed(text)
    found = [f for f in scan(text).quantities if f.start <= len(before)]
    if parsed is None or not found:
        return
    f = found[0]
    assert not any(r in (f.reason or "") for r in _NUMERAL_REASONS), (text, parsed, f.reason)
    assert f.quantity.value == parsed, text
    if noun.startswith("%"):
        assert f.of == parse_quantity(text).scope_unit == (noun[1:].strip() or None), text
