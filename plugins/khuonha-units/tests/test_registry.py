"""The national registry: its data, name resolution, the corpus units and the plugin hook."""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections import Counter
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import khuonha_units
import pytest
from hypothesis import given
from hypothesis import strategies as st
from khuonha_units import NationalRegistry, khuonha_register_units, national_registry

from khuonha import AdministrativeUnit, CodeScheme, UnitKind, UnitLevel, UnitRegistry
from khuonha.cli import main
from khuonha.plugins import PluginHost, set_default_host
from khuonha.testing.plugins import FakeEntryPoint

HERE = Path(__file__).parent
PLUGIN = HERE.parent
OLD, NEW = CodeScheme.PRE_2025, CodeScheme.POST_2025
BEFORE, AFTER = date(2022, 8, 10), date(2026, 1, 1)
CORPUS = json.loads((HERE / "corpus_units.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def registry() -> NationalRegistry:
    return national_registry()


def codes(units: list[AdministrativeUnit]) -> list[tuple[str, str]]:
    return [(u.scheme.value, u.code) for u in units]


# -- the data ---------------------------------------------------------------------------


def test_counts_of_both_lists(registry: NationalRegistry) -> None:
    """63/696/10,035 units before 1/7/2025; 34 provinces and 3,321 communes after."""
    old = Counter(u.level for u in registry.units(OLD))
    assert old == {UnitLevel.PROVINCE: 63, UnitLevel.DISTRICT: 696, UnitLevel.COMMUNE: 10035}
    new = Counter(u.kind for u in registry.units(NEW))
    assert new[UnitKind.XA] == 2621
    assert new[UnitKind.PHUONG] == 687
    assert new[UnitKind.DAC_KHU] == 13
    assert sum(1 for u in registry.units(NEW) if u.level is UnitLevel.PROVINCE) == 34


def test_every_old_commune_has_a_successor_and_every_new_one_a_predecessor(
    registry: NationalRegistry,
) -> None:
    """The mapping covers both lists; successors are post_2025 units of the same registry."""
    for unit in registry.units(OLD):
        if unit.level is not UnitLevel.DISTRICT:
            assert unit.successors, unit
        for successor in unit.successors:
            found = registry.get(successor)
            assert found is not None
            assert found.scheme is NEW
            assert unit.id in found.predecessors
    for unit in registry.units(NEW):
        assert unit.predecessors, unit


def test_split_communes_list_every_part(registry: NationalRegistry) -> None:
    """A split commune names all its successors and says its figures cannot be divided."""
    split = [u for u in registry.units(OLD) if len(u.successors) > 1]
    assert len(split) > 400
    assert all(u.note and "cannot be divided" in u.note for u in split)
    assert all(u.note is None for u in registry.units(OLD) if len(u.successors) == 1)


# domain.md §3.3 (old code, old name, new code, new name); §14 verified 02251 → 02269.
LAM_BINH = [
    ("02233", "Phúc Yên", "02266", "Lâm Bình"),
    ("02242", "Xuân Lập", "02266", "Lâm Bình"),
    ("02251", "Khuôn Hà", "02269", "Thượng Lâm"),
    ("02266", "Lăng Can", "02266", "Lâm Bình"),
    ("02269", "Thượng Lâm", "02269", "Thượng Lâm"),
    ("02290", "Bình An", "02296", "Bình An"),
    ("02293", "Hồng Quang", "02302", "Minh Quang"),
    ("02296", "Thổ Bình", "02296", "Bình An"),
    ("02299", "Phúc Sơn", "02302", "Minh Quang"),
    ("02302", "Minh Quang", "02302", "Minh Quang"),
]


@pytest.mark.parametrize(("old", "old_name", "new", "new_name"), LAM_BINH)
def test_lam_binh_communes_and_their_successors(
    registry: NationalRegistry, old: str, old_name: str, new: str, new_name: str
) -> None:
    """Every commune of huyện Lâm Bình maps as domain.md §3.3 says (the traps included)."""
    unit = registry.find(old, OLD)
    assert unit is not None
    assert unit.name == old_name
    assert unit.parent == "pre_2025:071"
    assert [registry.get(s) for s in unit.successors] == [registry.find(new, NEW)]
    successor = registry.find(new, NEW)
    assert successor is not None
    assert successor.name == new_name
    assert successor.parent == "post_2025:08"


def test_khuon_ha_becomes_thuong_lam(registry: NationalRegistry) -> None:
    """02251 Khuôn Hà (to 30/6/2025) → 02269 Thượng Lâm (from 1/7/2025), whole unit merged."""
    [khuon_ha] = registry.resolve("xã Khuôn Hà", on=BEFORE)
    assert (khuon_ha.code, khuon_ha.valid_until) == ("02251", date(2025, 6, 30))
    assert khuon_ha.note is None
    [thuong_lam] = [registry.get(s) for s in khuon_ha.successors]
    assert thuong_lam is not None
    assert (thuong_lam.code, thuong_lam.name, thuong_lam.scheme) == ("02269", "Thượng Lâm", NEW)
    assert thuong_lam.valid_from == date(2025, 7, 1)
    assert set(thuong_lam.predecessors) == {"pre_2025:02251", "pre_2025:02269"}
    assert registry.resolve("xã Khuôn Hà", on=AFTER) == []


def test_tuyen_quang_and_ha_giang_merge_as_08(registry: NationalRegistry) -> None:
    """Hà Giang (02) and Tuyên Quang (08) became Tuyên Quang 08, with 117 xã and 7 phường."""
    for code in ("02", "08"):
        old = registry.find(code, OLD)
        assert old is not None
        assert old.successors == ("post_2025:08",)
    communes = registry.children("post_2025:08")
    assert len(communes) == 124
    assert Counter(u.kind for u in communes) == {UnitKind.XA: 117, UnitKind.PHUONG: 7}
    assert registry.province_of("post_2025:02269") == registry.find("08", NEW)


# -- the corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", CORPUS, ids=[f"{c['article']}-{c['name']}-{c.get('district', '')}" for c in CORPUS]
)
def test_corpus_units_resolve(registry: NationalRegistry, case: dict[str, Any]) -> None:
    """Every unit a corpus article names resolves to exactly the expected candidates."""
    found = registry.resolve(
        case["name"],
        on=date.fromisoformat(case["on"]),
        province=case.get("province"),
        district=case.get("district"),
    )
    got = [
        {
            "code": u.code,
            "scheme": u.scheme.value,
            "kind": u.kind.value,
            "name": u.name,
            "within": [a.name for a in registry.ancestors(u.id)],
            "successors": [registry.get(s).code for s in u.successors],  # type: ignore[union-attr]
        }
        for u in found
    ]
    assert got == case["expect"]
    assert got, "every corpus unit resolves"


def test_every_corpus_article_that_names_a_unit_is_checked() -> None:
    """Articles 01-15 all name a unit (a commune, a district or a province): each has cases."""
    assert sorted({c["article"] for c in CORPUS}) == [f"{n:02d}" for n in range(1, 16)]


def test_a_former_name_finds_the_unit_that_took_it_over(registry: NationalRegistry) -> None:
    """The pre-2025 list is the source's snapshot after the 2023-2025 mergers: phường Nguyễn Phúc
    (TP Yên Bái, corpus 05, 17/8/2023) was merged into phường Hồng Hà, which kept its code 04264;
    the source keeps "nguyenphuc" only as an alias of that unit. It resolves there, with a note,
    and only when no unit bears the name now; a level word that disagrees finds nothing."""
    (found,) = registry.resolve("phường Nguyễn Phúc", on=date(2023, 8, 17), province="Yên Bái")
    assert (found.code, found.name, found.kind) == ("04264", "Hồng Hà", UnitKind.PHUONG)
    assert found.note is not None
    assert found.note.startswith("Found by a former name: 'Nguyễn Phúc'")
    assert codes(registry.resolve("P. Nguyen Phuc", province="15")) == [("pre_2025", "04264")]
    assert registry.resolve("xã Nguyễn Phúc", province="Yên Bái") == []
    current = registry.resolve("phường Hồng Hà", province="Yên Bái")
    assert codes(current) == [("pre_2025", "04264")]
    assert current[0].note is None
    assert registry.find("04264", OLD).note is None  # type: ignore[union-attr]
    # Renamed and regraded units too: xã Lăng Can became thị trấn Lăng Can in 2021.
    (lang_can,) = registry.resolve("xã Lăng Can", on=date(2020, 1, 1))
    assert (lang_can.code, lang_can.kind) == ("02266", UnitKind.THI_TRAN)
    assert codes(registry.resolve("thị xã Phúc Yên")) == [("pre_2025", "244")]
    assert codes(registry.resolve("Quận 9", province="Hồ Chí Minh")) == [("pre_2025", "769")]


def test_ambiguous_names_list_every_candidate(registry: NationalRegistry) -> None:
    """Many "xã Tân Phú": all are listed, and a province narrows them."""
    all_tan_phu = registry.resolve("xã Tân Phú", on=BEFORE)
    assert len(all_tan_phu) >= 10
    assert {u.name for u in all_tan_phu} == {"Tân Phú"}
    assert {u.kind for u in all_tan_phu} == {UnitKind.XA}
    provinces = Counter(registry.province_of(u.id).code for u in all_tan_phu)  # type: ignore[union-attr]
    assert len(provinces) > 5
    code, count = provinces.most_common(1)[0]
    narrowed = registry.resolve("xã Tân Phú", on=BEFORE, province=code)
    assert len(narrowed) == count
    name = registry.find(code, OLD).name  # type: ignore[union-attr]
    assert registry.resolve("xa tan phu", on=BEFORE, province=name) == narrowed
    assert registry.resolve("xã Tân Phú", on=BEFORE, province="Không Có") == []


def test_without_a_level_word_every_level_is_a_candidate(registry: NationalRegistry) -> None:
    """ "Thới Bình" (corpus 15) is a huyện, its thị trấn and a xã; the level word picks one."""
    candidates = registry.resolve("Thới Bình", on=date(2019, 8, 31), province="Cà Mau")
    assert [u.kind for u in candidates] == [UnitKind.THI_TRAN, UnitKind.XA, UnitKind.HUYEN]
    assert len(registry.resolve("Thới Bình", on=date(2019, 8, 31))) > len(candidates)
    assert codes(registry.resolve("huyện Thới Bình", on=date(2019, 8, 31))) == [("pre_2025", "967")]
    assert codes(registry.resolve("TT. Thới Bình", on=date(2019, 8, 31))) == [("pre_2025", "32065")]


# -- how names are typed ---------------------------------------------------------------------

SPELLINGS = [
    "xã Khuôn Hà",
    "Xã Khuôn Hà",
    "XÃ KHUÔN HÀ",
    "X. Khuôn Hà",
    "x.Khuôn Hà",
    "Khuôn Hà",
    "khuon ha",
    "Xa Khuon Ha",
    "X.Khuon Ha",
    unicodedata.normalize("NFD", "xã Khuôn Hà"),
    "  xã   Khuôn  Hà ",
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_spellings_of_khuon_ha(registry: NationalRegistry, text: str) -> None:
    """Case, NFD, no diacritics, an abbreviation or no level word: the same unit."""
    assert codes(registry.resolve(text, on=BEFORE)) == [("pre_2025", "02251")]


@pytest.mark.parametrize(
    ("text", "on", "expected"),
    [
        ("TT. Lăng Can", BEFORE, [("pre_2025", "02266")]),
        ("TT Lăng Can", BEFORE, [("pre_2025", "02266")]),
        ("thị trấn Lang Can", BEFORE, [("pre_2025", "02266")]),
        ("xã Lăng Can", BEFORE, [("pre_2025", "02266")]),  # a thị trấn since 2021: by its former
        ("huyện Lăng Can", BEFORE, []),  # name (with a note); the level word is still checked
        ("P. Kỳ Sơn", AFTER, [("post_2025", "04894")]),
        ("phường Ky Son", AFTER, [("post_2025", "04894")]),
        ("Quận 1", BEFORE, [("pre_2025", "760")]),
        ("Q.1", BEFORE, [("pre_2025", "760")]),
        ("TP. Lạng Sơn", BEFORE, [("pre_2025", "178")]),
        ("tỉnh Lạng Sơn", BEFORE, [("pre_2025", "20")]),
        ("Tĩnh Túc", BEFORE, [("pre_2025", "01729")]),  # "Tĩnh" is no "tỉnh"
        ("Tinh Tuc", BEFORE, [("pre_2025", "01729")]),
        ("TP.HCM", AFTER, [("post_2025", "79")]),
        ("TPHCM", BEFORE, [("pre_2025", "79")]),
        ("xa-bac-dong-quan", AFTER, [("post_2025", "12745")]),  # a URL slug (corpus 09)
        ("Đặc khu Phú Quốc", AFTER, [("post_2025", "31078")]),
    ],
)
def test_level_words_and_abbreviations(
    registry: NationalRegistry, text: str, on: date, expected: list[tuple[str, str]]
) -> None:
    """Level words, their abbreviations and look-alikes."""
    assert codes(registry.resolve(text, on=on)) == expected


def test_tone_mark_placement(registry: NationalRegistry) -> None:
    """Old and new tone placement ("Hoà"/"Hòa") find the same units; other tones do not."""
    new_style = registry.resolve("tỉnh Khánh Hòa", on=BEFORE)
    assert codes(new_style) == [("pre_2025", "56")]
    assert registry.resolve("tỉnh Khánh Hoà", on=BEFORE) == new_style
    assert registry.resolve("tỉnh Khánh Hóa", on=BEFORE) == []


def test_numbered_wards(registry: NationalRegistry) -> None:
    """ "Phường 1", "P.01" and "phuong 1" are the same name; numbered wards keep their word."""
    units = registry.resolve("Phường 1", on=BEFORE, province="79")
    assert units
    assert {u.name for u in units} == {"Phường 1"}
    assert registry.resolve("P.01", on=BEFORE, province="79") == units
    assert registry.resolve("phuong 1", on=BEFORE, province="Ho Chi Minh") == units


def test_the_day_selects_the_list(registry: NationalRegistry) -> None:
    """30/6/2025 is the last day of the old list, 1/7/2025 the first of the new one."""
    both = registry.resolve("Thượng Lâm", province="Tuyên Quang")
    assert codes(both) == [("pre_2025", "02269"), ("post_2025", "02269")]
    assert codes(registry.resolve("Thượng Lâm", province="08", on=date(2025, 6, 30))) == [
        ("pre_2025", "02269")
    ]
    assert codes(registry.resolve("Thượng Lâm", province="08", on=date(2025, 7, 1))) == [
        ("post_2025", "02269")
    ]


def test_an_old_province_name_covers_its_successor(registry: NationalRegistry) -> None:
    """After 1/7/2025 "Hà Giang" narrows to the new Tuyên Quang, which took it over."""
    assert codes(registry.resolve("Thượng Lâm", province="Hà Giang", on=AFTER)) == [
        ("post_2025", "02269")
    ]
    assert registry.resolve("Thượng Lâm", province="Hà Giang", on=BEFORE) == []


def test_unknown_ids_and_codes(registry: NationalRegistry) -> None:
    """get and find answer None for what is not there."""
    assert registry.get("nonsense") is None
    assert registry.get("pre_2025:99999") is None
    assert registry.find("02251", NEW) is None
    assert registry.children("nonsense") == []
    assert registry.resolve("") == []
    assert registry.resolve("xã") == []


@given(st.data())
def test_every_unit_resolves_by_its_own_name(data: st.DataObject) -> None:
    """Any unit, named with its level word, on a day it existed, in its province, is found."""
    registry = national_registry()
    units = data.draw(st.sampled_from(_ALL_IDS))
    unit = registry.get(units)
    assert unit is not None
    word = _WORDS[unit.kind]
    day = BEFORE if unit.scheme is OLD else AFTER
    province = registry.province_of(unit.id)
    assert province is not None
    ascii_only = data.draw(st.booleans())
    name = f"{word} {unit.name}"
    if ascii_only:
        name = _fold(name)
    found = registry.resolve(name, on=day, province=province.code)
    assert unit in found


_WORDS = {
    UnitKind.TINH: "tỉnh",
    UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG: "thành phố",
    UnitKind.THANH_PHO_THUOC_TINH: "TP.",
    UnitKind.HUYEN: "huyện",
    UnitKind.QUAN: "Q.",
    UnitKind.THI_XA: "thị xã",
    UnitKind.XA: "X.",
    UnitKind.PHUONG: "phường",
    UnitKind.THI_TRAN: "TT",
    UnitKind.DAC_KHU: "đặc khu",
}
_ALL_IDS = [u.id for u in national_registry().units()]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# -- the plugin -------------------------------------------------------------------------------


def test_the_hook_returns_the_national_registry_without_reading_it() -> None:
    """khuonha_register_units is cheap: the file is read on the first query."""
    [registry] = khuonha_register_units()
    assert registry is national_registry()
    assert isinstance(registry, UnitRegistry)
    fresh = NationalRegistry()
    assert not fresh._loaded
    assert fresh.find("08", NEW) is not None
    assert fresh._loaded


def test_the_host_finds_the_installed_plugin() -> None:
    """The entry point `units` is installed and its registry reaches PluginHost.unit_registry."""
    names = {ep.name for ep in metadata.entry_points(group="khuonha")}
    assert "units" in names
    host = PluginHost(entry_points=[FakeEntryPoint("units", plugin=khuonha_units)], strict=True)
    assert host.unit_registries() == [national_registry()]
    assert codes(list(host.unit_registry().resolve("Khuon Ha"))) == [("pre_2025", "02251")]


def test_the_command_line_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha unit "xã Khuôn Hà" --on 2022-08-10 --json` with the real registry."""
    host = PluginHost(entry_points=[FakeEntryPoint("units", plugin=khuonha_units)], strict=True)
    old = set_default_host(host)
    try:
        assert main(["unit", "xã Khuôn Hà", "--on", "2022-08-10", "--json"]) == 0
        [found] = json.loads(capsys.readouterr().out)
        assert main(["unit", "xã Tân Phú", "--on", "2022-08-10", "--json"]) == 0
        many = json.loads(capsys.readouterr().out)
        assert main(["unit", "xã Tân Phú", "--on", "2026-01-01", "--province", "Hà Giang"]) == 1
    finally:
        set_default_host(old)
    assert found == {
        "code": "02251",
        "name": "Khuôn Hà",
        "kind": "xa",
        "scheme": "pre_2025",
        "valid_from": None,
        "valid_until": "2025-06-30",
        "parent": "071",
        "successors": ["02269"],
        "id": "pre_2025:02251",
        "within": ["Lâm Bình", "Tuyên Quang"],
        "note": None,
    }
    assert len(many) >= 10
    assert all(set(found) == set(m) for m in many)


def test_no_gpl_and_the_attribution_ships() -> None:
    """The plugin depends on khuonha only; NOTICE carries the source's MIT licence."""
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["dependencies"] == ["khuonha>=0.1,<0.2"]
    assert "NOTICE" in project["license-files"]
    notice = (PLUGIN / "NOTICE").read_text(encoding="utf-8")
    assert "vietnamadminunits" in notice
    assert "MIT License" in notice
    assert "Permission is hereby granted" in notice
    source = national_registry().source
    assert source["package"] == "vietnamadminunits"
    assert source["licence"] == "MIT"
    assert (PLUGIN / "src/khuonha_units/units.json.gz").stat().st_size < 1_000_000
