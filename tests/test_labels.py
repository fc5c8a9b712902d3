"""Tests for khuonha.label: bilingual labels of every enum value, activity kind and criterion."""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha import label
from khuonha.exceptions import KhuonhaError, LabelNotFoundError, UnknownLanguageError
from khuonha.model.activities import ACTIVITY_KINDS

#: Vietnamese labels that are rightly written without any diacritic.
ASCII_VIETNAMESE = {"Phum", "Ban", "Khoa"}


def _khuonha_enums() -> list[type[Enum]]:
    """Every enum class defined anywhere in the khuonha package, found by walking it."""
    found: dict[str, type[Enum]] = {}
    for info in pkgutil.walk_packages(khuonha.__path__, "khuonha."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Enum)
                and value.__module__.startswith("khuonha")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


ENUMS = _khuonha_enums()
MEMBERS = [member for enum in ENUMS for member in enum]


def test_enum_discovery_finds_the_core_enums() -> None:
    """The walk finds the enums of every model module, so the meta-test covers them."""
    names = {enum.__name__ for enum in ENUMS}
    assert {
        "UnitKind",
        "AreaKind",
        "OrganizationKind",
        "AwardForm",
        "Result",
        "Precision",
        "Qualifier",
        "Language",
        "AssessmentResult",
        "MovementLevel",
        "TaskRating",
    } <= names
    assert len(MEMBERS) > 100


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_enum_member_has_both_labels(member: Enum) -> None:
    """Every member of every khuonha enum has a non-empty Vietnamese and English label."""
    vi, en = label(member, "vi"), label(member, "en")
    for text in (vi, en):
        assert text
        assert text == text.strip()
        assert text != member.value or text[0].isupper()
    assert unicodedata.normalize("NFC", vi) == vi


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_vietnamese_labels_carry_diacritics(member: Enum) -> None:
    """A Vietnamese label is written with its diacritics (a bare ASCII one is a slip)."""
    vi = label(member, "vi")
    assert not vi.isascii() or vi in ASCII_VIETNAMESE, vi


def test_english_labels_differ_from_vietnamese_ones() -> None:
    """The English labels are translations, not copies of the Vietnamese ones."""
    same = [m for m in MEMBERS if label(m, "vi") == label(m, "en")]
    assert same == []


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_labels_are_unique_within_an_enum(enum: type[Enum]) -> None:
    """Two members of one enum never share a label, so a reader can tell them apart."""
    for language in ("vi", "en"):
        labels = [label(member, language) for member in enum]
        assert len(set(labels)) == len(labels)


def test_members_of_different_enums_with_one_value_keep_their_own_labels() -> None:
    """UnitKind.XA and UnitType.XA are both "xa" but are labelled apart."""
    assert label(khuonha.UnitKind.XA) == "Xã"
    assert label(khuonha.UnitType.XA) == "Xã, phường, thị trấn"


def test_official_terms() -> None:
    """The labels of the terms the issue and the glossary name are the official ones."""
    assert label(khuonha.UnitKind.XA) == "Xã"
    assert label(khuonha.AreaKind.TO_DAN_PHO) == "Tổ dân phố"
    assert label(khuonha.Result.DAT) == "Đạt"
    assert label(khuonha.Result.DAT, "en") == "Met"
    assert label(khuonha.Result.CHUA_DAT) == "Chưa đạt"
    assert label(khuonha.AwardForm.GIAY_KHEN) == "Giấy khen"
    assert label(khuonha.AwardForm.BANG_KHEN) == "Bằng khen"
    assert label(khuonha.OrganizationKind.STEERING_COMMITTEE) == "Ban Chỉ đạo"
    assert label(khuonha.RecipientKind.TAP_THE) == "Tập thể"
    assert label(khuonha.MovementLevel.XUAT_SAC, "en") == "Excellent"


def test_language_accepts_the_language_enum() -> None:
    """The language may be given as the exporters' Language enum as well as a string."""
    from khuonha.plugins.exporter import Language

    assert label(khuonha.Result.DAT, Language.EN) == "Met"


@pytest.mark.parametrize("kind", sorted(ACTIVITY_KINDS))
def test_activity_kinds_have_both_labels(kind: str) -> None:
    """Each known activity kind slug has the labels of the ACTIVITY_KINDS table."""
    assert (label(kind, "vi"), label(kind, "en")) == ACTIVITY_KINDS[kind]
    assert not label(kind, "vi").isascii()


def test_unknown_activity_kind_is_returned_unchanged() -> None:
    """Activity kinds are an open set: an unknown slug is its own label."""
    assert label("kiem_tra_cho_o", "en") == "kiem_tra_cho_o"


def test_sample_activity_kinds_are_all_labelled() -> None:
    """Every activity kind the bundled sample uses has a real label, not its slug."""
    for activity in khuonha.sample().activities:
        assert label(activity.kind) == activity.kind_label != activity.kind


def test_criteria_and_exclusions_label_as_their_own_text() -> None:
    """A criterion's (and an exclusion's) label is its text in the language asked for."""
    for ruleset in khuonha.list_rulesets():
        for criterion in ruleset.criteria:
            assert label(criterion) == criterion.text_vi
            assert label(criterion, "en") == criterion.text_en
        for exclusion in ruleset.exclusions or ():
            assert label(exclusion, "en") == exclusion.text_en


@given(st.text().filter(lambda s: s not in ("vi", "en")))
def test_unknown_language_is_the_librarys_error(language: str) -> None:
    """Any language but vi and en raises UnknownLanguageError, a KhuonhaError and ValueError."""
    with pytest.raises(UnknownLanguageError) as info:
        label(khuonha.Result.DAT, language)
    assert isinstance(info.value, KhuonhaError)
    assert isinstance(info.value, ValueError)
    assert info.value.code == "unknown_language"
    assert info.value.available == ("vi", "en")


def test_value_without_label_is_the_librarys_error() -> None:
    """A value with no label (a number, a foreign enum) raises LabelNotFoundError."""

    class Colour(Enum):
        RED = "red"

    for value in (3, None, Colour.RED):
        with pytest.raises(LabelNotFoundError) as info:
            label(value)
        assert info.value.value is value
        assert isinstance(info.value, LookupError)
        assert info.value.code == "label_not_found"


def test_assess_table_speaks_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha assess --lang` writes results and unit types as labels; without it, slugs."""
    from khuonha.cli.main import main

    demo = tmp_path / "demo.json"
    demo.write_bytes(khuonha.dumps(khuonha.sample("assessment-demo")))
    assert main(["assess", str(demo), "--lang", "vi"]) == 0
    vi = capsys.readouterr().out
    assert "Chưa đạt" in vi
    assert "Khu dân cư" in vi
    assert "chua_dat" not in vi
    assert main(["assess", str(demo), "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "Not met" in en
    assert "Residential area" in en
    assert "Đạt" not in en
    assert main(["assess", str(demo)]) == 0
    assert "chua_dat" in capsys.readouterr().out


def test_period_speaks_the_language_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha period --lang en` writes the period, precision and convention in English."""
    from khuonha.cli.main import main

    assert main(["period", "quý III/2022", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "2022-07-01 – 2022-09-30  Q3 2022  (Exact, Calendar)\n"
    assert main(["period", "8 tháng đầu năm 2022", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert out == "2022-01-01 – 2022-08-31  8 tháng đầu năm 2022  (Gần đúng, Theo lịch)\n"
    with pytest.raises(SystemExit) as info:
        main(["period", "quý III/2022", "--lang", "fr"])
    assert info.value.code == 2


# -- WordTable: a plugin's own words in both languages -----------------------------------


def test_word_table_gives_each_language() -> None:
    """A WordTable answers by key and language, and reads as a mapping of pairs."""
    words = khuonha.WordTable({"when": ("Thời gian", "When")})
    assert words("when") == "Thời gian"
    assert words("when", khuonha.Language.EN) == words("when", "en") == "When"
    assert dict(words) == {"when": ("Thời gian", "When")}
    with pytest.raises(khuonha.UnknownLanguageError):
        words("when", "fr")
    with pytest.raises(KeyError):
        words("where")


def test_word_table_languages_must_match() -> None:
    """Tables per language with different keys, a word not in NFC, a bad pair: ValueError."""
    with pytest.raises(ValueError, match="only in en: 'where'"):
        khuonha.WordTable.from_languages(vi={"when": "Giờ"}, en={"when": "When", "where": "x"})
    with pytest.raises(ValueError, match="expected NFC text"):
        khuonha.WordTable({"x": ("Thu\u0301y", "Thuy")})
    with pytest.raises(ValueError, match=r"expected a \(vi, en\) pair"):
        khuonha.WordTable({"x": ("chỉ một",)})  # type: ignore[dict-item]
    both = khuonha.WordTable.from_languages(vi={"a": "một"}, en={"a": "one"})
    assert both["a"] == ("một", "one")
