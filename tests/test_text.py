"""Tests of NFC normalisation, match keys and slugs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha.text.unicode import TextError, nfc, slugify

PAIRS = [
    ("Huyện uỷ", "Huyện ủy"),
    ("hoà", "hòa"),
    ("Thuý Phượng", "Thúy Phượng"),
    ("khoẻ", "khỏe"),
    ("Chiêm Hoá", "Chiêm Hóa"),
    ("ỦY BAN", "uỷ ban"),
]


@pytest.mark.parametrize(("new", "old"), PAIRS)
def test_match_key_folds_tone_placement(new: str, old: str) -> None:
    """Old and new tone-mark placement give the same key."""
    assert khuonha.match_key(new) == khuonha.match_key(old)


def test_match_key_folds_nfd_and_case() -> None:
    """NFD input and upper case give the NFC lower-case key."""
    nfd = unicodedata.normalize("NFD", "ĐẶNG VĂN SÌNH")
    assert khuonha.match_key(nfd) == khuonha.match_key("Đặng Văn Sình")


def test_match_key_keeps_tones_apart() -> None:
    """Different tones are different names: Hoa, Hòa, Họa."""
    keys = {khuonha.match_key(w) for w in ("Hoa", "Hòa", "Họa", "Hóa")}
    assert len(keys) == 4


def test_search_key_drops_diacritics_and_maps_d() -> None:
    """The diacritic-free variant maps đ to d and drops every mark."""
    assert khuonha.match_key("Đặng Văn Sình", diacritics=False) == "dang van sinh"
    assert khuonha.match_key("Hòa", diacritics=False) == khuonha.match_key("Hoa", diacritics=False)


def test_nfc_normalises_and_rejects_surrogates() -> None:
    """nfc() composes NFD text and rejects lone surrogates with their position."""
    assert nfc("Thu\u0301y") == "Thúy"
    with pytest.raises(TextError, match="U\\+D800 at character 2"):
        nfc("ab\ud800")
    with pytest.raises(TextError, match="expected a string"):
        nfc(3)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_nfc_is_idempotent(text: str) -> None:
    """Normalising twice changes nothing."""
    once = nfc(text)
    assert nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_match_key_is_stable_under_normal_forms(text: str) -> None:
    """NFC and NFD spellings of any text have the same key."""
    assert khuonha.match_key(unicodedata.normalize("NFD", text)) == khuonha.match_key(
        unicodedata.normalize("NFC", text)
    )


def test_slugify() -> None:
    """Slugs are ASCII, lower case, hyphenated, with đ as d."""
    assert slugify("Xã Khuôn Hà 2022") == "xa-khuon-ha-2022"
    assert slugify("Đồng Đăng / ../etc") == "dong-dang-etc"
