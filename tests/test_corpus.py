"""The corpus documents (``tests/corpus/NN.json``): real articles, every fact, nothing invented.

Each document encodes one article of the shared corpus as a schema 2.0
dataset (built by ``tests/corpus/build.py``). The tests check the facts the
article states (values, qualifiers, roles, dates and their precision,
awards' issuers and counts, named units) and that no placeholder slipped in.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import khuonha
from khuonha import (
    AwardForm,
    Dataset,
    EventKind,
    Exporter,
    GroupKind,
    MovementRating,
    Organization,
    OrganizationKind,
    PartOfDay,
    PoliceRank,
    Post,
    Precision,
    ProgrammeKind,
    Qualifier,
    Standard,
    StatisticRole,
    UnitKind,
    UnitLevel,
    match_key,
)
from khuonha.cli.main import main
from khuonha.model import ACTIVITY_KINDS
from khuonha.testing import check_exporter

CORPUS = Path(__file__).parent / "corpus"
NUMBERS = sorted(p.stem for p in CORPUS.glob("*.json"))


def _load(number: str) -> Dataset:
    return khuonha.load(CORPUS / f"{number}.json")


def _by_id(ds: Dataset, record_id: str) -> Any:
    return ds.find(record_id)


def _walk(obj: object, path: str = "$") -> Iterator[tuple[str, str, object]]:
    """Every field of every record and nested record: ``(path, field name, value)``."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{path}[{i}]")
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            yield path, field.name, value
            yield from _walk(value, f"{path}.{field.name}")


def _units(ds: Dataset) -> set[tuple[str, UnitKind | None, str | None]]:
    """Each unit as (name, kind, name of its parent)."""
    return {(u.name, u.kind, ds.find(u.parent).name if u.parent else None) for u in ds.units}


def _statistics(ds: Dataset) -> list[tuple[Any, ...]]:
    """Each activity as (kind, value, qualifier, unit, text, role)."""
    return [
        (a.kind, a.quantity.value, a.quantity.qualifier, a.quantity.unit, a.quantity.text, a.role)
        for a in ds.activities
    ]


def test_the_corpus_documents_are_there() -> None:
    assert {f"{n:02d}" for n in range(1, 16)} <= set(NUMBERS)


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
def test_nothing_is_invented_in_nested_records_either(number: str) -> None:
    """Every day of every record (anniversaries, awards, groups …) and every text, however deep.

    A period's bounds may fall on 1 January ("năm 2022" starts there); a day may not.
    """
    ds = _load(number)
    for path, name, value in _walk(ds):
        where = f"{path}.{name}"
        if isinstance(value, date) and name not in ("start", "end"):  # a Period's bounds
            assert (value.month, value.day) != (1, 1), where
        if name in ("code", "identifier", "decision_number") and isinstance(value, str):
            assert value.strip("0 ./-"), where
        if name in ("title", "name", "label", "vi", "of", "role", "text") and isinstance(
            value, str
        ):
            assert value.strip(), where


@pytest.mark.parametrize("number", NUMBERS)
def test_every_kind_is_named_in_words(number: str) -> None:
    """No record of an unlisted kind is shown as a slug or as a bare "other"."""
    ds = _load(number)
    others = {"Nội dung khác", "Sự kiện khác", "Tổ, nhóm khác", "Hình thức khác", "Khác"}
    items = [i for e in ds.events for i in e.programme]
    for record in (*ds.activities, *ds.groups, *ds.events, *ds.awards, *items):
        for language in ("vi", "en"):
            named = khuonha.label(record, language)
            assert named, record
            assert "_" not in named, record
            assert named not in others, record


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
            written = " ".join(_pdf_text(written).split()).encode()
            labels = {khuonha.label(a) for a in ds.activities}
            assert not [t for t in labels if t.encode() not in written], name
        buf = io.BytesIO(written)
        if not exporter.archive:  # the lossless formats (archives) keep the slug itself
            assert b"to_chuc_ngay_hoi" not in buf.getvalue()  # kinds named, never slugs
            for slug in {a.kind for a in ds.activities if "_" in a.kind}:
                assert slug.encode() not in buf.getvalue(), (name, slug)
            shown = [s for s in slugs if s in buf.getvalue()]
            assert not shown, (name, shown)  # kinds named, never slugs
        elif any(target.name.endswith(s) for i in khuonha.importers() for s in i.suffixes):
            assert khuonha.read(target) == ds, name
    assert all(missing for _name, missing in refused), refused


def _pdf_text(data: bytes) -> str:
    import pypdf  # a workspace test dependency: the core runs this file alone

    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _feed_text(data: bytes) -> str:
    import feedparser  # a workspace test dependency

    parsed = feedparser.parse(data)
    if parsed.bozo:
        raise ValueError(f"feedparser: {parsed.get('bozo_exception')}")
    entries = [f"{e.get('title', '')} {e.get('summary', '')}" for e in parsed.entries]
    return "\n".join([parsed.feed.get("title", ""), *entries])


def _ics_text(data: bytes) -> str:
    import icalendar  # a workspace test dependency

    cal = icalendar.Calendar.from_ical(data)
    return "\n".join(
        str(v.get(k, "")) for v in cal.walk("VEVENT") for k in ("SUMMARY", "DESCRIPTION")
    )


def _xlsx_text(data: bytes) -> str:
    """Every cell of every sheet of a workbook, as openpyxl reads it (raises on a bad file)."""
    import openpyxl  # a workspace test dependency

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    book.close()
    return "\n".join(cells)


#: The format's own parser for each exporter that writes one stream (parquet writes a
#: folder: every corpus document is read back through DuckDB in plugins/khuonha-parquet).
PARSERS = {
    "json": lambda data: json.dumps(json.loads(data), ensure_ascii=False),
    "jsonl": lambda data: "\n".join(
        json.dumps(json.loads(line), ensure_ascii=False) for line in data.splitlines()
    ),
    "rss": _feed_text,
    "atom": _feed_text,
    "ics": _ics_text,
    "pdf": _pdf_text,
    "xlsx": _xlsx_text,
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


def _export_text(exporter: Exporter[Any], ds: Dataset, language: str) -> str | None:
    """What a reader of *exporter*'s output sees, whitespace squashed; ``None``: refused."""
    out = io.BytesIO()
    try:
        khuonha.export(ds, exporter.name, out, {"language": language})
    except khuonha.ExportError:
        return None
    data = out.getvalue()
    if exporter.name == "pdf":
        text = _pdf_text(data)
    elif exporter.name == "xlsx":
        text = _xlsx_text(data)
    else:
        text = data.decode("utf-8")
        if exporter.name == "ics":  # unfold the 75-octet lines, unescape TEXT values
            text = text.replace("\r\n ", "").replace("\r\n\t", "")
            text = re.sub(r"\\([,;\\])", r"\1", text).replace("\\n", "\n")
        text = html.unescape(text)
    return " ".join(text.split())


#: The word of the library's catch-all kinds ("Sự kiện khác", "Nội dung khác").
_OTHER = match_key("khác")


def _own_labels(ds: Dataset) -> list[tuple[object, object]]:
    """(record, its kind or form) for every record with a kind of its own and one."""
    items = [i for e in ds.events for i in e.programme]
    out: list[tuple[object, object]] = []
    for record in (*ds.activities, *ds.groups, *ds.organizations, *ds.events, *items):
        out.append((record, record.kind))
    out.extend((award, award.form) for award in ds.awards if award.form is not None)
    return out


@pytest.mark.parametrize("number", NUMBERS)
def test_no_export_shows_other_where_the_record_names_its_kind(number: str) -> None:
    """A record whose kind is "khác" with its own label is shown by that label in every export.

    "Sự kiện khác", "Nội dung khác" … appear only for records that name no kind
    of their own (issue: RSS categories used label(event.kind)).
    """
    ds = _load(number)
    records = _own_labels(ds)
    for language in ("vi", "en"):
        generic = {}
        shown_alone = set()
        for record, kind in records:
            own, general = khuonha.label(record, language), khuonha.label(kind, language)
            if own == general:
                shown_alone.add(general)
            elif match_key(khuonha.label(kind, "vi")).endswith(_OTHER):
                generic[general] = own
        wrong = {g: own for g, own in generic.items() if g not in shown_alone}
        if not wrong:
            continue
        for exporter in khuonha.exporters():
            if exporter.name == "parquet":  # a folder of slugs and values, no labels
                continue
            text = _export_text(exporter, ds, language)
            if text is None:
                continue
            for general, own in wrong.items():
                assert general not in text, (exporter.name, language, general, own)


@pytest.mark.workspace
def test_the_calendar_gives_delegates_police_ranks() -> None:
    """ "Thiếu tướng Đặng Trọng Cường" (03), "Thượng tá …" (05): the ICS description keeps the
    rank before the name, for every ranked delegate of an event in the calendar."""
    ics = khuonha.get_exporter("ics")
    checked = []
    for number in NUMBERS:
        ds = _load(number)
        people = {p.id: p for p in ds.people}
        text = _export_text(ics, ds, "vi")
        if text is None:
            continue
        for event in ds.events:
            if f"SUMMARY:{event.name}" not in text:  # not in the calendar (a year or a month)
                continue
            for delegate in event.delegates:
                person = people.get(delegate.person or "")
                if delegate.rank is None or person is None or person.private:
                    continue
                assert f"{khuonha.label(delegate.rank)} {person.name}" in text, number
                checked.append(number)
    assert {"03", "05"} <= set(checked)


def test_some_corpus_record_names_a_kind_the_library_calls_other() -> None:
    """The check above is not vacuous: the corpus has such records (07's launch, 05's talks)."""
    found = [
        (n, khuonha.label(record))
        for n in NUMBERS
        for record, kind in _own_labels(_load(n))
        if khuonha.label(record) != khuonha.label(kind)
        and match_key(khuonha.label(kind)).endswith(_OTHER)
    ]
    assert {n for n, _ in found} >= {"05", "07"}, found


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


def test_02_comma_thousands_and_a_district_pilot() -> None:
    """xã Nam Tiến: "13,849 nhân khẩu" is 13849 people; the pilot of the district; 2/8/2024."""
    ds = _load("02")
    assert _units(ds) == {
        ("Nam Định", UnitKind.TINH, None),
        ("Nam Trực", UnitKind.HUYEN, "Nam Định"),
        ("Nam Tiến", UnitKind.XA, "Nam Trực"),
    }
    assert ds.find(ds.commune).name == "Nam Tiến"
    exact, profile = Qualifier.EXACT, StatisticRole.PROFILE
    assert _statistics(ds) == [
        ("nhan_khau", 13849, exact, "nhân khẩu", "13,849 nhân khẩu", profile),
        ("nha_tho_xu", 1, exact, "nhà thờ xứ", "1 nhà thờ xứ", profile),
        ("nha_tho_ho", 3, exact, "nhà thờ họ", "3 nhà thờ họ", profile),
        ("den_chua", 16, exact, "đền, chùa", "16 đền, chùa", profile),
    ]
    population = ds.find("nhan-khau")
    assert type(population.quantity.value) is int  # not 13.849
    assert population.covered == (ds.commune,)
    assert [khuonha.label(a) for a in ds.activities] == [
        "Nhân khẩu",
        "Nhà thờ xứ",
        "Nhà thờ họ",
        "Đền, chùa",
    ]
    (event,) = ds.events
    assert event.kind is EventKind.NGAY_HOI
    assert (event.start_on, event.start_in, event.end_on) == (date(2024, 8, 2), None, None)
    assert event.part_of_day is PartOfDay.SANG  # "sáng nay"
    assert event.start_time is None
    assert (event.pilot, event.pilot_level) == (True, UnitLevel.DISTRICT)  # "điểm của huyện"
    assert "điểm của huyện Nam Trực" in (event.description or "")
    assert (event.organiser, event.organiser_text) == (None, None)  # not stated
    assert [s.unit for s in event.sites] == [ds.commune]
    named, everyone = event.delegates
    assert ds.find(named.person).name == "Vũ Tiến Duật"
    assert [ds.find(p).label for p in named.posts] == [
        "Huyện ủy viên, Phó Chủ tịch UBND huyện, Trưởng BCĐ 138 huyện"
    ]
    assert named.rank is None
    assert everyone.person is None
    assert everyone.role == "Chủ tịch UBND và Trưởng Công an các xã, thị trấn trên địa bàn"
    assert ds.awards == ()  # the stored text stops before any
    assert ds.groups == ()
    assert ds.period is None
    (item,) = ds.news
    assert (item.title, item.published_at, item.published_on, item.published_in) == (
        None,
        None,
        None,
        None,
    )
    assert ds.find(item.publisher).name == "Công an tỉnh Nam Định"
    assert item.events == (event.id,)


def test_03_a_village_venue_a_body_as_issuer_and_gifts_that_are_no_award() -> None:
    """xã Vân Hồ: bản Hợp Thành; Giấy khen of the UBND xã to 1 + 6; 20 and 80 years as counts."""
    ds = _load("03")
    assert _units(ds) == {("Sơn La", UnitKind.TINH, None), ("Vân Hồ", UnitKind.XA, "Sơn La")}
    assert not [u for u in ds.units if u.level is UnitLevel.DISTRICT]  # "xã Vân Hồ, tỉnh Sơn La"
    (village,) = ds.areas
    assert (village.name, village.kind, village.unit) == (
        "Hợp Thành",
        khuonha.AreaKind.BAN,
        "xa-van-ho",
    )
    (event,) = ds.events
    assert event.kind is EventKind.NGAY_HOI
    assert event.name == "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025"
    assert (event.start_on, event.start_in, event.part_of_day) == (date(2025, 8, 11), None, None)
    (site,) = event.sites
    assert (site.area, site.unit) == (village.id, None)
    assert [(a.of, a.years, a.since_on, a.since_in) for a in event.anniversaries] == [
        ("Ngày hội toàn dân bảo vệ an ninh Tổ quốc", 20, None, None),
        ("ngày truyền thống lực lượng Công an nhân dân", 80, None, None),
    ]
    assert event.theme is None  # the anniversaries are data, not a theme
    (award,) = ds.awards  # the gifts are not an award
    issuer = ds.find(award.issuer)
    assert isinstance(issuer, Organization)  # the committee, not its chairman
    assert (issuer.name, issuer.kind) == (
        "Ủy ban nhân dân xã Vân Hồ",
        OrganizationKind.PEOPLES_COMMITTEE,
    )
    assert award.issuer_text == "Ủy ban nhân dân xã Vân Hồ"
    assert award.presenter_organization == issuer.id  # "Ủy ban nhân dân xã Vân Hồ trao"
    assert (award.presenter, award.authority, award.authority_text) == (None, None, None)
    assert award.form is AwardForm.GIAY_KHEN
    assert (award.collectives, award.individuals) == (1, 6)
    assert award.achievement_period is None  # not stated
    assert (award.awarded_on, award.awarded_in) == (None, None)
    assert award.event == event.id
    (gifts,) = event.programme
    assert gifts.kind is ProgrammeKind.KHAC
    assert (khuonha.label(gifts), khuonha.label(gifts, "en")) == ("Trao quà", "Gifts")
    (delegate,) = event.delegates
    assert gifts.speaker == delegate.person
    assert ds.find(delegate.person).name == "Đặng Trọng Cường"
    assert delegate.rank is PoliceRank.THIEU_TUONG
    assert [ds.find(p).label for p in delegate.posts] == ["Giám đốc Công an tỉnh Sơn La"]
    (item,) = ds.news
    assert item.title == "Phát huy khối đại đoàn kết dân tộc tại vùng cao Sơn La"
    assert (item.published_on, item.published_in) == (None, None)
    assert item.captions[1].startswith("Ủy ban nhân dân xã Vân Hồ trao giấy khen cho 1 tập thể")
    assert "trao quà" in item.captions[0]
    assert ds.period is not None
    assert ds.period.label == "những tháng đầu năm 2025"
    assert (ds.period.start, ds.period.end) == (date(2025, 1, 1), None)  # months not counted
    assert ds.period.precision is Precision.OPEN_END
    (models,) = ds.groups
    assert (models.kind, models.count, models.members) == (GroupKind.TO_TU_QUAN, None, None)
    assert ds.activities == ()  # no figures, only "nhiều"


def test_05_a_ward_commends_for_last_year_and_names_no_form() -> None:
    """phường Nguyễn Phúc: "chủ tịch UBND phường đã khen thưởng 02 tập thể và 03 cá nhân"."""
    ds = _load("05")
    assert _units(ds) == {
        ("Yên Bái", UnitKind.TINH, None),
        ("Yên Bái", UnitKind.THANH_PHO_THUOC_TINH, "Yên Bái"),
        ("Nguyễn Phúc", UnitKind.PHUONG, "Yên Bái"),
    }
    city = ds.find("thanh-pho-yen-bai")
    assert (city.level, ds.find(ds.commune).parent) == (UnitLevel.DISTRICT, city.id)
    (event,) = ds.events
    assert event.kind is EventKind.NGAY_HOI
    assert (event.start_on, event.part_of_day) == (date(2023, 8, 17), PartOfDay.SANG)
    assert ds.find(event.organiser).name == "UBND phường Nguyễn Phúc"
    assert [(a.years, a.since_on, a.since_in) for a in event.anniversaries] == [
        (78, None, None),
        (18, None, None),
    ]
    assert [a.of for a in event.anniversaries] == [
        "ngày thành lập Công an Nhân dân",
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    ]
    assert [khuonha.label(i) for i in event.programme] == ["Tham luận"] * 4
    assert event.programme[0].title == "tham luận về công tác phối hợp giữa MTTQ với công an phường"
    (award,) = ds.awards
    assert award.form is None  # "khen thưởng": giấy khen is not said
    assert (khuonha.label(award), award.title) == ("Khen thưởng", "khen thưởng")
    post = ds.find(award.issuer)
    assert isinstance(post, Post)  # the chairman, not the committee
    assert (post.label, ds.find(post.organization).name) == (
        "Chủ tịch UBND phường",
        "UBND phường Nguyễn Phúc",
    )
    assert award.issuer_text == "chủ tịch UBND phường"
    holder = next(d for d in event.delegates if post.id in d.posts)
    assert ds.find(holder.person).name == "Phùng Thị Thanh Vân"
    assert (award.presenter, award.presenter_text) == (None, None)  # not said who handed them
    assert (award.collectives, award.individuals) == (2, 3)
    period = award.achievement_period
    assert (period.start, period.end, period.label) == (
        date(2022, 1, 1),
        date(2022, 12, 31),
        "năm 2022",
    )
    assert period.precision is Precision.EXACT
    assert event.start_on not in period  # the 2022 awards at the 2023 Ngày hội
    assert award.event == event.id
    ranks = {ds.find(d.person).name: d.rank for d in event.delegates if d.person}
    assert ranks == {
        "Ngô Kim Ngọc": None,
        "Phùng Thị Thanh Vân": None,
        "Nguyễn Đình Phương": PoliceRank.THUONG_TA,
    }
    assert [d.role for d in event.delegates if d.role] == [
        "tổ trưởng tổ dân phố",
        "thành viên Ban bảo vệ dân phố",
        "các đồng chí Bí thư các chi bộ",
    ]
    assert [(g.kind, g.name, g.count) for g in ds.groups] == [
        (GroupKind.MO_HINH, "mô hình camera an ninh", None),
        (GroupKind.BAO_VE_DAN_PHO, "Ban Bảo vệ dân phố", None),
    ]
    assert ds.activities == ()
    assert ds.period is None
    (item,) = ds.news
    assert (item.title, item.published_on, item.published_in) == (None, None, None)


def test_08_a_january_review_of_last_year_and_a_ministry_medal_handed_on() -> None:
    """phường Kỳ Sơn: 2025 reviewed on 29/1/2026; 30 tổ, 90 members; a medal "thừa ủy quyền"."""
    ds = _load("08")
    assert _units(ds) == {("Phú Thọ", UnitKind.TINH, None), ("Kỳ Sơn", UnitKind.PHUONG, "Phú Thọ")}
    assert not [u for u in ds.units if u.level is UnitLevel.DISTRICT]
    (event,) = ds.events
    assert event.kind is EventKind.HOI_NGHI
    assert event.name.startswith("hội nghị tổng kết công tác xây dựng phong trào")
    assert (event.start_on, event.part_of_day) == (date(2026, 1, 29), PartOfDay.CHIEU)
    organiser = ds.find(event.organiser)
    assert organiser.kind is OrganizationKind.STEERING_COMMITTEE
    assert organiser.unit == ds.commune
    assert ds.period is not None
    assert (ds.period.start, ds.period.end, ds.period.label) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
        "Năm 2025",
    )
    assert event.start_on not in ds.period  # the results year is not the event's
    (tasks,) = event.programme
    assert khuonha.label(tasks) == "Triển khai phương hướng, nhiệm vụ"
    assert tasks.title == "triển khai phương hướng, nhiệm vụ năm 2026"
    assert not [a for a in ds.activities if a.role is StatisticRole.TARGET]  # none seen
    (teams,) = ds.groups
    assert teams.kind is GroupKind.TO_BAO_VE_ANTT
    assert (teams.count.value, teams.count.qualifier, teams.count.unit) == (
        30,
        Qualifier.EXACT,
        "tổ",
    )
    assert (teams.members.value, teams.members.qualifier, teams.members.text) == (
        90,
        Qualifier.EXACT,
        "tổng số 90 thành viên nòng cốt",
    )
    assert teams.members_each is None  # 90/30 = 3 is not written
    assert teams.total_members == 90
    assert teams.unit == ds.commune
    (award,) = ds.awards
    assert award.form is AwardForm.KY_NIEM_CHUONG
    issuer = ds.find(award.issuer)
    assert isinstance(issuer, Organization)
    assert issuer.name == "Bộ Công an"
    presenter = ds.find(award.presenter_organization)
    assert (presenter.name, award.presenter_text) == ("Phòng PX03", "Lãnh đạo Phòng PX03")
    authority = ds.find(award.authority)
    assert (authority.name, authority.unit) == ("Công an tỉnh", "tinh-phu-tho")
    assert presenter.parent == authority.id
    assert award.authority_text == "Thừa ủy quyền của lãnh đạo Công an tỉnh"
    assert (award.collectives, award.individuals) == (0, None)  # "cho cá nhân", not counted
    assert award.event == event.id
    (delegate,) = event.delegates
    assert (delegate.role, delegate.organization, delegate.person) == (
        "Lãnh đạo Phòng PX03",
        presenter.id,
        None,
    )
    (item,) = ds.news
    assert (
        item.title == "Phường Kỳ Sơn tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2025"
    )
    assert (item.published_on, item.published_in) == (date(2026, 1, 29), None)
    publisher = ds.find(item.publisher)
    assert (publisher.name, publisher.kind) == ("Báo Phú Thọ", OrganizationKind.PRESS)


def _read(text: str) -> list[tuple[int | float, str | None]]:
    return [(q.quantity.value, q.quantity.unit) for q in khuonha.scan(text).quantities]


def test_02_03_05_08_the_scanner_reads_the_same_figures_from_the_words() -> None:
    """The figures typed by hand are what khuonha.scan reads in the words kept beside them."""
    ds = _load("02")
    (profile,) = {a.description for a in ds.activities}
    assert _read(profile or "") == [
        (1, "nhà thờ xứ"),
        (3, "nhà thờ họ"),
        (16, "đền, chùa"),
        (13849, "nhân khẩu"),  # the comma groups thousands here
    ]
    ds = _load("03")
    (award,) = ds.awards
    caption = next(c for c in ds.news[0].captions if "giấy khen" in c)
    assert _read(caption) == [(award.collectives, "tập thể"), (award.individuals, "cá nhân")]
    assert ds.period is not None
    (found,) = khuonha.scan(ds.period.label or "").periods  # "những tháng đầu năm 2025"
    assert found.period == ds.period
    ds = _load("05")
    (award,) = ds.awards
    (found,) = khuonha.scan(award.reason or "").periods
    assert found.period == award.achievement_period
    ds = _load("08")
    assert ds.period is not None
    (found,) = khuonha.scan(ds.period.label or "").periods  # "Năm 2025"
    assert found.period == ds.period
    (teams,) = ds.groups
    assert _read(teams.description or "") == [
        (teams.count.value, "tổ bảo vệ ANTT ở cơ sở"),
        (teams.members.value, "thành viên nòng cốt"),
    ]


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
