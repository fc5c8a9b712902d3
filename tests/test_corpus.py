"""The corpus documents (``tests/corpus/NN.json``): real articles, every fact, nothing invented.

Each document encodes one article of the shared corpus as a schema 2.0
dataset (built by ``tests/corpus/build.py``). The tests check the facts the
article states (values, qualifiers, roles, dates and their precision,
awards' issuers and counts, named units) and that no placeholder slipped in.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import khuonha
from khuonha import Dataset, MovementRating, Qualifier, Standard, StatisticRole, UnitLevel

CORPUS = Path(__file__).parent / "corpus"
NUMBERS = sorted(p.stem for p in CORPUS.glob("*.json"))


def _load(number: str) -> Dataset:
    return khuonha.load(CORPUS / f"{number}.json")


def _by_id(ds: Dataset, record_id: str) -> Any:
    return ds.find(record_id)


def test_the_corpus_documents_are_there() -> None:
    assert {"01", "04", "06", "07", "09", "11", "14"} <= set(NUMBERS)


@pytest.mark.parametrize("number", NUMBERS)
def test_document_is_2_0_and_rebuilds_identically(number: str) -> None:
    """Each document is canonical 2.0 and is what the build script gives."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    assert spec is not None
    assert spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    ds = _load(number)
    assert ds.schema_version == "2.0"
    assert ds == build.CASES[number]()
    assert (CORPUS / f"{number}.json").read_bytes() == khuonha.dumps(ds, pretty=True)


@pytest.mark.parametrize("number", NUMBERS)
def test_nothing_is_invented(number: str) -> None:
    """No placeholder code, no 1 January standing for a year, no empty required text."""
    ds = _load(number)
    for unit in ds.units:
        assert unit.code is None or unit.code.strip("0"), unit  # and no article gives a code
        assert unit.code is None
    days = [e.start_on for e in ds.events] + [n.published_on for n in ds.news]
    assert all(d is None or (d.month, d.day) != (1, 1) for d in days)
    for _name, record in ds.records():
        for field in ("title", "name", "label"):
            value = getattr(record, field, None)
            assert value is None or not isinstance(value, str) or value.strip(), record
    for item in ds.news:
        assert item.title is None or item.title.strip()


@pytest.mark.parametrize("number", NUMBERS)
def test_exports_in_every_installed_format(number: str, tmp_path: Path) -> None:
    """Every installed exporter writes the document (or says which data it lacks)."""
    ds = _load(number)
    refused = []
    for exporter in khuonha.exporters():
        name = exporter.name
        target = tmp_path / f"{number}{exporter.suffixes[0]}"
        try:
            khuonha.export(ds, name, target)
        except khuonha.ExportError as exc:
            refused.append((name, exc.missing))
            continue
        files = [target] if target.is_file() else sorted(target.glob("*"))
        assert files, name
        written = b"".join(f.read_bytes() for f in files)
        assert written, name
        buf = io.BytesIO(written)
        if not exporter.archive:  # the lossless formats (archives) keep the slug itself
            assert b"to_chuc_ngay_hoi" not in buf.getvalue()  # kinds named, never slugs
    assert all(missing for _name, missing in refused), refused


def test_01_month_only_pilot_and_multi_site_day() -> None:
    ds = _load("01")
    pilot, same_day = ds.events
    assert pilot.start_on is None
    assert (pilot.start_in.year, pilot.start_in.month) == (2022, 8)
    assert pilot.pilot
    assert pilot.pilot_level is UnitLevel.PROVINCE
    assert pilot.organiser_text == "Hội đồng bảo vệ an ninh trật tự xã"
    assert [ds.find(s.unit).name for s in same_day.sites] == ["Bình Phú", "Phú Thành A"]
    assert {ds.find(s.unit).kind for s in same_day.sites} == {None}  # level not written
    (gifts,) = ds.activities
    assert (gifts.quantity.value, gifts.quantity.unit) == (100, "phần quà")
    assert gifts.event == pilot.id
    assert gifts.role is StatisticRole.RESULT
    assert ds.news[0].published_in.precision == "month"
    assert ds.news[0].published_on is None
    assert ds.news[0].title is None


def test_04_issuer_presenter_and_authority_are_apart() -> None:
    ds = _load("04")
    (award,) = ds.awards
    assert ds.find(award.issuer).label == "Bộ trưởng Bộ Công an"
    assert ds.find(award.presenter_organization).name == "Công an tỉnh Lào Cai"
    assert award.authority_text == "Thừa uỷ quyền Bộ trưởng Bộ Công an"
    assert (award.collectives, award.individuals) == (1, 0)
    assert award.form is khuonha.AwardForm.BANG_KHEN
    years = [(a.years, a.since_on) for a in ds.events[0].anniversaries]
    assert years == [(80, date(1945, 8, 19)), (20, date(2005, 8, 19))]
    assert ds.events[0].start_on == date(2025, 7, 25)
    assert ds.period is not None
    assert ds.period.precision is khuonha.Precision.UNSPECIFIED


def test_06_a_share_of_the_population_is_a_profile_figure() -> None:
    ds = _load("06")
    (share,) = ds.activities
    assert share.role is StatisticRole.PROFILE
    assert (share.quantity.value, share.quantity.unit) == (20, "%")
    assert share.quantity.qualifier is Qualifier.NEARLY
    assert ds.events[0].start_in.month == 8
    assert len(ds.groups) == 4


def test_07_member_counts() -> None:
    ds = _load("07")
    (teams,) = ds.groups
    assert teams.kind is khuonha.GroupKind.TO_BAO_VE_ANTT
    assert (teams.count.value, teams.members_each, teams.members) == (8, 3, None)
    assert teams.total_members == 24  # derived, not written: not stored
    assert khuonha.label(ds.events[0]) == "Lễ ra mắt Tổ bảo vệ an ninh, trật tự ở cơ sở"


def test_09_year_only_and_police_ranks() -> None:
    ds = _load("09")
    event = ds.events[0]
    assert event.start_on is None
    assert event.start_in.precision == "year"
    assert event.start_in.text == "Năm 2025"
    ranks = [d.rank for d in event.delegates]
    assert ranks.count(khuonha.PoliceRank.TRUNG_TA) == 3
    teams, models = ds.groups
    assert (teams.count.value, teams.members.value, teams.total_members) == (12, 39, 39)
    assert models.count.value == 49
    assert ds.news[0].title is None
    assert ds.news[0].published_in is None


def test_11_roll_up_ratings_and_look_alikes() -> None:
    ds = _load("11")
    antt, excellent, good = ds.certifications
    assert antt.standard is Standard.ANTT
    assert antt.recognised == 11
    assert len(antt.units) == 11
    assert antt.cycle_year is None  # the article gives no year
    kinds = [ds.find(u).kind for u in antt.units]
    assert (kinds.count(khuonha.UnitKind.XA), kinds.count(khuonha.UnitKind.THI_TRAN)) == (10, 1)
    assert (excellent.rating, excellent.recognised) == (MovementRating.XUAT_SAC, 7)
    assert (good.rating, good.recognised) == (MovementRating.KHA, 4)
    ntm = ds.find("ntm-chi-tieu-19-2")
    assert ntm.programme == "nông thôn mới"
    assert all(c.id != ntm.id for c in ds.certifications)
    since = ds.find("ra-khoi-danh-sach-tu-2016")
    assert since.quantity.value == 80
    assert since.period.end is None
    assert ds.news[0].published_on == date(2023, 10, 30)


def test_14_a_percentage_of_communes_keeps_its_number() -> None:
    ds = _load("14")
    (held,) = ds.activities
    assert (held.quantity.value, held.quantity.unit, held.quantity.scope_unit) == (
        100,
        "%",
        "xã, thị trấn",
    )
    rollup = ds.find("ngay-hoi-ben-luc-2022")
    assert rollup.site_count == held.quantity
    assert rollup.start_on is None
    assert rollup.start_in.precision == "year"
    venue = ds.find("ngay-hoi-long-binh-2022")
    assert ds.find(venue.sites[0].area).kind is khuonha.AreaKind.AP
    assert held.period.end == date(2022, 8, 14)
    assert ds.news[0].published_on == date(2022, 8, 15)  # not the page's 04/02/2025 widget
    assert ds.awards == ()  # "khen thưởng" in the purpose is no award
