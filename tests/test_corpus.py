"""The corpus documents (``tests/corpus/NN.json``): real articles, every fact, nothing invented.

Each document encodes one article of the shared corpus as a schema 2.0
dataset (built by ``tests/corpus/build.py``). The tests check the facts the
article states (values, qualifiers, roles, dates and their precision,
awards' issuers and counts, named units) and that no placeholder slipped in.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import feedparser
import icalendar
import pypdf
import pytest

import khuonha
from khuonha import Dataset, MovementRating, Qualifier, Standard, StatisticRole, UnitLevel
from khuonha.cli.main import main
from khuonha.model import ACTIVITY_KINDS
from khuonha.testing import check_exporter

CORPUS = Path(__file__).parent / "corpus"
NUMBERS = sorted(p.stem for p in CORPUS.glob("*.json"))


def _load(number: str) -> Dataset:
    return khuonha.load(CORPUS / f"{number}.json")


def _by_id(ds: Dataset, record_id: str) -> Any:
    return ds.find(record_id)


def test_the_corpus_documents_are_there() -> None:
    assert {"01", "04", "06", "07", "09", "10", "11", "12", "13", "14", "15"} <= set(NUMBERS)


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
def test_khuonha_validate_accepts_it(number: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CORPUS / f"{number}.json")]) == 0
    assert "error" not in capsys.readouterr().err.lower()


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
    for value in _values(ds):  # a date or period the text does not write says where it is from
        if isinstance(value, khuonha.ReducedDate):
            assert value.text or value.basis, value
        elif isinstance(value, khuonha.Period):
            assert value.label or value.basis, value


def _values(obj: object) -> Iterator[object]:
    """Every attrs value nested in *obj* (records, periods, quantities …), *obj* first."""
    yield obj
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _values(getattr(obj, field.name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _values(item)


@pytest.mark.parametrize("number", NUMBERS)
def test_exports_in_every_installed_format(number: str, tmp_path: Path) -> None:
    """Every installed exporter writes the document (or says which data it lacks).

    A publication never shows the slug of a kind the library does not list (it
    shows the kind's label); a lossless format with an importer reads back equal.
    """
    ds = _load(number)
    slugs = {a.kind.encode() for a in ds.activities if a.kind not in ACTIVITY_KINDS}
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
        if name == "pdf":  # compressed: read its text as a reader would
            pages = pypdf.PdfReader(io.BytesIO(written)).pages
            written = " ".join(" ".join(p.extract_text() for p in pages).split()).encode()
            labels = {khuonha.label(a) for a in ds.activities}
            assert not [t for t in labels if t.encode() not in written], name
        buf = io.BytesIO(written)
        if not exporter.archive:  # the lossless formats (archives) keep the slug itself
            shown = [s for s in slugs if s in buf.getvalue()]
            assert not shown, (name, shown)  # kinds named, never slugs
        elif any(target.name.endswith(s) for i in khuonha.importers() for s in i.suffixes):
            assert khuonha.read(target) == ds, name
    assert all(missing for _name, missing in refused), refused


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _feed_text(data: bytes) -> str:
    parsed = feedparser.parse(data)
    if parsed.bozo:
        raise ValueError(f"feedparser: {parsed.get('bozo_exception')}")
    entries = [f"{e.get('title', '')} {e.get('summary', '')}" for e in parsed.entries]
    return "\n".join([parsed.feed.get("title", ""), *entries])


def _ics_text(data: bytes) -> str:
    cal = icalendar.Calendar.from_ical(data)
    return "\n".join(
        str(v.get(k, "")) for v in cal.walk("VEVENT") for k in ("SUMMARY", "DESCRIPTION")
    )


#: The format's own parser for each exporter that writes one stream (xlsx and parquet are
#: checked by their plugins' round trips, and above by reading back).
PARSERS = {
    "json": lambda data: json.dumps(json.loads(data), ensure_ascii=False),
    "jsonl": lambda data: "\n".join(
        json.dumps(json.loads(line), ensure_ascii=False) for line in data.splitlines()
    ),
    "rss": _feed_text,
    "atom": _feed_text,
    "ics": _ics_text,
    "pdf": _pdf_text,
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_every_exporter_passes_the_conformance_kit_on_the_corpus(name: str) -> None:
    """The core's conformance kit, with every corpus document as a case, read by real parsers."""
    if name not in {e.name for e in khuonha.exporters()}:
        pytest.skip(f"{name} is not installed")
    docs = [(f"corpus-{n}", _load(n)) for n in NUMBERS]
    outputs = check_exporter(
        khuonha.get_exporter(name), read_text=PARSERS[name], datasets=docs, large_copies=1
    )
    written = [n for n, _ds in docs if outputs[n] is not None]
    assert written, name  # each format writes some of the corpus


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


def _named(ds: Dataset) -> list[tuple[str, str | None, str | None]]:
    """The units as (name, kind, parent's name)."""
    return [
        (u.name, u.kind and u.kind.value, u.parent and ds.find(u.parent).name) for u in ds.units
    ]


def _figure(activity: Any) -> tuple[Any, ...]:
    q = activity.quantity
    return (q.value, q.total, q.qualifier, q.unit, activity.role)


def test_10_a_launch_conference_a_year_read_from_context_and_counts_as_of_the_day() -> None:
    ds = _load("10")
    assert _named(ds) == [
        ("Lạng Sơn", "tinh", None),
        ("Lạng Sơn", "thanh_pho_thuoc_tinh", "Lạng Sơn"),
        ("Quảng Lạc", "xa", "Lạng Sơn"),
    ]
    conference, launch = ds.events
    assert (conference.kind, conference.start_on) == (khuonha.EventKind.HOI_NGHI, date(2024, 3, 19))
    assert conference.start_in is None
    assert ds.find(conference.organiser).name == "Ban chỉ đạo 138 xã Quảng Lạc, thành phố Lạng Sơn"
    assert [p.kind for p in conference.programme] == [khuonha.ProgrammeKind.PHAT_DONG]
    assert (launch.kind, launch.parent, launch.start_on) == (
        khuonha.EventKind.RA_MAT_MO_HINH,
        conference.id,
        date(2024, 3, 19),
    )
    (news,) = ds.news
    assert (news.published_on, news.published_in) == (date(2024, 3, 21), None)  # "21-03-2024"
    assert news.title == (
        "XÃ QUẢNG LẠC PHÁT ĐỘNG PHONG TRÀO “TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC” NĂM 2024"
    )
    assert ds.find(news.publisher).name == "Trang thông tin Công an tỉnh Lạng Sơn"

    sessions, people = ds.activities
    assert _figure(sessions) == (15, None, Qualifier.EXACT, "buổi", StatisticRole.RESULT)
    assert _figure(people) == (1350, None, Qualifier.EXACT, "người", StatisticRole.RESULT)
    assert people.part_of == sessions.id  # 1.350 people at those sessions, not "lượt"
    for period in (sessions.period, people.period):
        assert (period.start, period.end) == (date(2023, 1, 1), date(2023, 12, 31))
        assert period.label == "Trong năm qua"  # the words name no year …
        assert "2023" in (period.basis or "")  # … so the reading says why it is 2023

    counted = {g.kind: (g.count.value, g.count.text, g.as_of) for g in ds.groups if g.count}
    day = date(2024, 3, 19)
    assert counted == {
        khuonha.GroupKind.TO_HOA_GIAI: (9, "09 tổ hòa giải", day),
        khuonha.GroupKind.TO_AN_NINH_NHAN_DAN: (9, "09 tổ An ninh Nhân dân", day),
        khuonha.GroupKind.NHOM_HOI_HIEU: (29, "29 nhóm “Hội hiếu”", day),
        khuonha.GroupKind.KHAC: (1, "01 tổ An ninh xanh", day),
    }
    green = ds.find("to-an-ninh-xanh")
    assert (khuonha.label(green), khuonha.label(green, "en")) == (
        "Tổ An ninh xanh",
        "Green security team",
    )
    uncounted = [g for g in ds.groups if g.count is None]
    assert [(g.kind, g.name) for g in uncounted] == [
        (khuonha.GroupKind.TO_LIEN_GIA, "“Tổ liên gia tự quản về ANTT”"),
        (khuonha.GroupKind.TO_TU_QUAN, "“Đội tự quản về ANTT”"),
        (khuonha.GroupKind.MO_HINH, "mô hình “móc khóa an ninh”"),
    ]
    assert all(g.as_of is None for g in uncounted)  # no count, so no day it stands for
    assert ds.find("mo-hinh-moc-khoa-an-ninh").established_on == day  # launched that day
    assert ds.awards == ()
    assert conference.delegates == ()


def test_12_a_joint_standard_over_mixed_units_and_look_alikes_kept_apart() -> None:
    ds = _load("12")
    assert _named(ds) == [("Lâm Đồng", "tinh", None)]
    mixed, bodies = ds.certifications
    assert {c.standard for c in ds.certifications} == {Standard.VAN_HOA_ANTT}
    assert (mixed.unit_type, mixed.other_unit_types) == (
        khuonha.UnitType.KHU_DAN_CU,
        (khuonha.UnitType.XA,),
    )
    assert (bodies.unit_type, bodies.other_unit_types) == (
        khuonha.UnitType.CO_QUAN,
        (khuonha.UnitType.DOANH_NGHIEP, khuonha.UnitType.CO_SO_GIAO_DUC),
    )
    assert (mixed.recognised, mixed.total, mixed.count.unit) == (
        1403,
        None,
        "khu dân cư, xã, phường, thị trấn",
    )
    assert (bodies.recognised, bodies.total) == (1756, None)
    standard = "tiêu chuẩn văn hóa và  “An toàn về an ninh trật tự”"  # double space as written
    assert all(standard in (c.text or "") for c in ds.certifications)
    assert all(c.count.qualifier is Qualifier.EXACT for c in ds.certifications)
    for cert in ds.certifications:  # "hiện có": the status as of the article, no cycle year
        assert (cert.as_of, cert.cycle_year, cert.scope) == (
            date(2019, 1, 9),
            None,
            "tinh-lam-dong",
        )
    (news,) = ds.news
    in_title = khuonha.parse_quantity(news.title.split(" đạt")[0])
    assert (in_title.value, in_title.unit) == (3159, "đơn vị")
    assert mixed.recognised + bodies.recognised == in_title.value  # the title's total, not a record
    assert (news.published_on, news.authors) == (date(2019, 1, 9), ("AN NHIÊN",))

    figures = {a.id: _figure(a) for a in ds.activities}
    result = StatisticRole.RESULT
    assert figures == {
        "cam-hoa-doi-tuong": (1979, None, Qualifier.EXACT, "đối tượng", result),
        "dua-ra-khoi-dien-quan-ly": (571, None, Qualifier.EXACT, "đối tượng", result),
        "ntm-tieu-chi-an-ninh-trat-tu": (114, 116, Qualifier.EXACT, "xã", result),
        "ntm-huyen-dat-19-19": (1, None, Qualifier.EXACT, "huyện", result),
        "ntm-xa-dat-19-19": (76, None, Qualifier.EXACT, "xã", result),  # 19/19 are criteria
        "ntm-xa-dat-19-19-tang": (14, None, Qualifier.EXACT, "xã", result),
    }
    assert ds.find("dua-ra-khoi-dien-quan-ly").part_of == "cam-hoa-doi-tuong"  # "trong đó"
    now = ds.find("cam-hoa-doi-tuong").period
    assert (now.start, now.end, now.precision) == (
        None,
        date(2019, 1, 9),
        khuonha.Precision.OPEN_START,
    )
    assert now.label == "toàn tỉnh hiện có"
    assert now.basis
    rise = ds.find("ntm-xa-dat-19-19-tang")
    assert rise.change is khuonha.Change.INCREASE
    assert (rise.compared_with.start, rise.compared_with.end) == (
        date(2017, 1, 1),
        date(2017, 12, 31),
    )
    assert rise.compared_with.label == "so với năm 2017"
    assert rise.part_of == "ntm-xa-dat-19-19"
    assert rise.kind != ds.find(rise.part_of).kind  # a change never adds to a level
    ntm = [a for a in ds.activities if a.id.startswith("ntm-")]
    assert {a.programme for a in ntm} == {"nông thôn mới"}
    assert {a.programme for a in ds.activities if a not in ntm} == {None}
    assert ds.events == ()
    assert ds.awards == ()


def test_13_a_month_only_a_basically_met_baseline_and_a_target_in_overlapping_phases() -> None:
    ds = _load("13")
    assert _named(ds) == [
        ("Lai Châu", "tinh", None),
        ("Lai Châu", "thanh_pho_thuoc_tinh", "Lai Châu"),
        ("Sùng Phài", "xa", "Lai Châu"),
    ]
    (event,) = ds.events
    (news,) = ds.news
    assert event.start_on is None
    assert (event.start_in.year, event.start_in.month, event.start_in.precision) == (
        2025,
        4,
        "month",
    )
    assert event.start_in.text is None  # no date in the text …
    assert "2025-04" in (event.start_in.basis or "")  # … the month is the listing's
    assert (news.published_in, news.published_on, news.title) == (event.start_in, None, None)
    assert ds.title == 'Chuyển biến phong trào ""Toàn dân bảo vệ an ninh Tổ quốc" ở Sùng Phài'

    baseline, target = ds.activities
    assert _figure(baseline) == (28, 34, Qualifier.BASICALLY, "tiêu chí", StatisticRole.BASELINE)
    assert baseline.quantity.text == "cơ bản đạt 28/34 tiêu chí"
    assert "9745/QĐ-BCA-V05" in (baseline.description or "")
    assert ds.certifications == ()  # a self-assessment, not a certification
    assert target.role is StatisticRole.TARGET
    assert target.covered == ("xa-sung-phai",)
    assert (target.deadline.start, target.deadline.end, target.deadline.label) == (
        date(2025, 3, 1),
        date(2025, 12, 31),
        "từ tháng 3 – 12/2025",
    )
    assert khuonha.parse_period(target.deadline.label) == target.deadline
    first, second = target.phases
    assert (first.start, first.end) == (date(2025, 3, 1), date(2025, 6, 30))
    assert (second.start, second.end) == (date(2025, 6, 1), date(2025, 12, 31))
    assert second.label == "giai đoạn 2 từ 6 – 12/2025"
    june = first.intersection(second)  # the phases share June, as written
    assert june is not None
    assert (june.start, june.end) == (date(2025, 6, 1), date(2025, 6, 30))
    assert all(target.deadline.contains(p) for p in target.phases)

    (delegate,) = event.delegates
    assert ds.find(delegate.person).name == "Khoàng Văn Thương"
    assert delegate.rank is khuonha.PoliceRank.DAI_TA
    assert [ds.find(p).label for p in delegate.posts] == ["Phó Giám đốc Công an tỉnh Lai Châu"]
    assert [(g.kind, g.name) for g in ds.groups] == [
        (khuonha.GroupKind.MO_HINH, "mô hình Camera an ninh")
    ]
    assert ds.awards == ()


def test_15_an_unnamed_unit_a_compound_report_period_and_the_district_committees_award() -> None:
    ds = _load("15")
    assert _named(ds) == [("Cà Mau", "tinh", None), ("Thới Bình", "huyen", "Cà Mau")]
    assert not [u for u in ds.units if u.level is UnitLevel.COMMUNE]  # the unit is not named
    (award,) = ds.awards
    issuer = ds.find(award.issuer)
    assert (issuer.name, issuer.kind, issuer.unit) == (
        "UBND huyện",
        khuonha.OrganizationKind.PEOPLES_COMMITTEE,
        "huyen-thoi-binh",
    )
    assert (award.form, award.issuer_text, award.collectives, award.individuals) == (
        khuonha.AwardForm.GIAY_KHEN,
        "UBND huyện",
        1,
        7,
    )
    assert (award.presenter, award.presenter_text, award.authority) == (None, None, None)
    assert (award.awarded_on, award.awarded_in, award.achievement_period) == (None, None, None)
    (event,) = ds.events
    assert award.event == event.id
    assert (event.kind, event.start_on, event.sites) == (khuonha.EventKind.NGAY_HOI, None, ())
    assert (event.start_in.year, event.start_in.precision, event.start_in.text) == (
        2019,
        "year",
        None,
    )
    assert "8 tháng đầu năm 2019" in (event.start_in.basis or "")
    assert [p.kind for p in event.programme] == [
        khuonha.ProgrammeKind.BAO_CAO,
        khuonha.ProgrammeKind.KHAC,
        khuonha.ProgrammeKind.KHEN_THUONG,
    ]
    (opinions,) = ds.activities
    assert _figure(opinions) == (10, None, Qualifier.EXACT, "ý kiến", StatisticRole.RESULT)
    assert opinions.event == event.id
    report = ds.period
    assert (report.start, report.end, report.label) == (
        date(2018, 1, 1),
        date(2019, 8, 31),
        "năm 2018 và 8 tháng đầu năm 2019",
    )
    assert report.contains(khuonha.Period.year(2018))
    assert report.contains(khuonha.Period.first_months(2019, 8))
    assert report.precision is khuonha.Precision.APPROXIMATE  # as "8 tháng đầu" is
    (news,) = ds.news
    assert (news.title, news.published_on, news.published_in) == (None, None, None)
    assert news.authors == ("Thành Hiệp",)
