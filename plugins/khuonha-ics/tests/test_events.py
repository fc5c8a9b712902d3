"""Tests of the ics exporter: event shapes, personal data, hostile text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from khuonha_ics import IcsExporter
from khuonha_ics._clean import clean
from khuonha_ics_builders import dataset, event, export, parse, vevents

import khuonha
from khuonha import (
    Dataset,
    Delegate,
    EventKind,
    ExportError,
    Language,
    Organization,
    OrganizationKind,
    PartOfDay,
    Person,
    PoliceRank,
    Post,
    ProgrammeKind,
    Site,
    UnitKind,
    label,
)
from khuonha.testing import strategies as ks

TZ = "Asia/Ho_Chi_Minh"
FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unescape(raw: str) -> str:
    """Unescape an RFC 5545 TEXT value (for properties icalendar does not type)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


# ---------------------------------------------------------------- event shapes


def test_timed_event_uses_tzid_and_carries_its_vtimezone() -> None:
    """A known time gives DTSTART/DTEND with TZID Asia/Ho_Chi_Minh and a VTIMEZONE."""
    data = export(dataset(event(start_time=time(14), end_time=time(16, 30))))
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20220810T140000" in data
    assert b"DTEND;TZID=Asia/Ho_Chi_Minh:20220810T163000" in data
    cal = parse(data)
    assert [tz.tz_name for tz in cal.timezones] == [TZ]
    vevent = vevents(data)["su-kien"]
    assert vevent.decoded("DTSTART").astimezone(UTC) == datetime(2022, 8, 10, 7, tzinfo=UTC)
    assert cal.get_missing_tzids() == set()


def test_other_time_zone_gets_its_own_vtimezone_with_daylight_saving() -> None:
    """An event in another zone gets that zone's VTIMEZONE, with its summer offset."""
    data = export(
        dataset(
            event(start_time=time(9), timezone="Europe/Berlin"),
            event(id="o-viet-nam", start_time=time(14)),
        )
    )
    cal = parse(data)
    assert [tz.tz_name for tz in cal.timezones] == ["Asia/Ho_Chi_Minh", "Europe/Berlin"]
    assert cal.get_missing_tzids() == set()
    assert b"TZOFFSETTO:+0200" in data  # Berlin in August: summer time
    start = vevents(data)["su-kien"].decoded("DTSTART")
    assert start.astimezone(UTC) == datetime(2022, 8, 10, 7, tzinfo=UTC)


@pytest.mark.parametrize("enum", [EventKind, PartOfDay, ProgrammeKind, UnitKind])
def test_every_member_has_both_labels(enum: Any) -> None:
    """Every kind the calendar names has a Vietnamese and an English label."""
    for member in enum:
        vi, en = label(member, Language.VI), label(member, Language.EN)
        assert member.value not in (vi, en)  # the slug is the fallback of a missing label
        assert en != vi


def test_timed_event_without_end_time_has_no_dtend() -> None:
    """A one-day event with only a start time ends when it starts (no DTEND)."""
    vevent = vevents(export(dataset(event(start_time=time(8)))))["su-kien"]
    assert "DTEND" not in vevent
    assert vevent.decoded("DTSTART").hour == 8


def test_multi_day_all_day_event_spans_its_range() -> None:
    """A multi-day event without time is all-day from its first day to the day after its last."""
    data = export(dataset(event(end_on=date(2022, 8, 12))))
    vevent = vevents(data)["su-kien"]
    assert b"DTSTART;VALUE=DATE:20220810" in data
    assert vevent.decoded("DTEND") == date(2022, 8, 13)
    assert parse(data).timezones == []


def test_multi_day_timed_event_without_end_time_ends_after_its_last_day() -> None:
    """A timed multi-day event without end time runs to midnight after its last day."""
    vevent = vevents(export(dataset(event(end_on=date(2022, 8, 11), start_time=time(7, 30)))))
    end = vevent["su-kien"].decoded("DTEND")
    assert (end.date(), end.time(), str(end.tzinfo)) == (date(2022, 8, 12), time(0), TZ)


def test_part_of_day_without_time_stays_all_day() -> None:
    """ "chiều" without an hour stays all-day and the description says "Buổi chiều"."""
    data = export(dataset(event(part_of_day=PartOfDay.CHIEU)))
    vevent = vevents(data)["su-kien"]
    assert vevent.decoded("DTSTART") == date(2022, 8, 10)
    assert str(vevent["DESCRIPTION"]) == "Buổi chiều."
    english = vevents(export(dataset(event(part_of_day=PartOfDay.TOI)), language=Language.EN))
    assert str(english["su-kien"]["DESCRIPTION"]) == "Evening."


def test_multi_site_event_lists_every_site() -> None:
    """LOCATION joins every site; DESCRIPTION details each one."""
    sites = (
        Site(name="Nhà văn hoá thôn Nà Đông", unit="xa-thu"),
        Site(name="Trường THCS", address="Km 3, đường 188"),
    )
    vevent = vevents(export(dataset(event(sites=sites))))["su-kien"]
    assert str(vevent["LOCATION"]) == (
        "Nhà văn hoá thôn Nà Đông, xã Thử; Trường THCS, Km 3, đường 188"
    )
    assert "Địa điểm:\n- Nhà văn hoá thôn Nà Đông, xã Thử\n- Trường THCS, Km 3, đường 188" in str(
        vevent["DESCRIPTION"]
    )


def test_site_named_like_its_unit_is_written_once() -> None:
    """A site named like its unit ("xã Thử") is not repeated in LOCATION."""
    vevent = vevents(export(dataset(event(sites=(Site(name="Xã Thử", unit="xa-thu"),)))))
    assert str(vevent["su-kien"]["LOCATION"]) == "Xã Thử"


def test_unknown_time_zone_gives_floating_time_and_says_so() -> None:
    """A time zone zoneinfo does not know gives a floating time and a note."""
    data = export(dataset(event(start_time=time(9), timezone="Sao Hoả/Olympus")))
    assert b"DTSTART:20220810T090000\r\n" in data
    assert "Sao Hoả/Olympus" in str(vevents(data)["su-kien"]["DESCRIPTION"])
    assert parse(data).timezones == []


def test_english_labels_translate_labels_not_data() -> None:
    """language=en changes the labels (CATEGORIES, headings), not the data."""
    festival = vevents(export(khuonha.sample(), language=Language.EN))["ngay-hoi-khuon-ha-2022"]
    assert festival.categories == ["All-people festival"]
    text = str(festival["DESCRIPTION"])
    assert text.startswith("Afternoon.")
    assert "Delegates:\n- đồng chí Đặng Văn Sình" in text
    assert str(festival["LOCATION"]) == ("xã Khuôn Hà, Lâm Bình district, Tuyên Quang province")


# ---------------------------------------------------------------- personal data


def _private_dataset() -> Dataset:
    return dataset(
        event(
            delegates=(
                Delegate(person="nguoi-dan", posts=("truong-thon",), role="người dân"),
                Delegate(person="nguoi-dan"),
                Delegate(person="can-bo", posts=("truong-thon",)),
            )
        ),
        people=(
            Person(id="nguoi-dan", name="Hoàng Thị Nhung", private=True, address="bản Khuổi"),
            Person(id="can-bo", name="Ma Văn Tuấn"),
        ),
        posts=(Post(id="truong-thon", label="Trưởng thôn Nà Đông", organization="ubnd"),),
        organizations=(
            Organization(id="ubnd", name="UBND xã", kind=OrganizationKind.PEOPLES_COMMITTEE),
        ),
    )


def test_public_export_leaves_private_people_out() -> None:
    """A private person is never named, nor identified by posts, in a public export."""
    data = export(_private_dataset())
    text = data.decode()
    assert "Nhung" not in text
    assert "bản Khuổi" not in text
    description = str(vevents(data)["su-kien"]["DESCRIPTION"])
    assert description.splitlines()[1:] == [
        "- người dân",
        "- Ma Văn Tuấn, Trưởng thôn Nà Đông",
    ]


def test_internal_export_names_private_people() -> None:
    """With internal=True the private person is named with their posts."""
    description = str(vevents(export(_private_dataset(), internal=True))["su-kien"]["DESCRIPTION"])
    assert "- Hoàng Thị Nhung, Trưởng thôn Nà Đông, người dân" in description


# ---------------------------------------------------------------- police ranks


def _ranked_dataset() -> Dataset:
    return dataset(
        event(
            delegates=(
                Delegate(person="can-bo", rank=PoliceRank.THIEU_TUONG, posts=("giam-doc",)),
                Delegate(person="nguoi-dan", rank=PoliceRank.DAI_TA, posts=("giam-doc",)),
                Delegate(rank=PoliceRank.THUONG_TA, role="Phó Trưởng Công an thành phố"),
            )
        ),
        people=(
            Person(id="can-bo", name="Đặng Trọng Cường", honorific="đồng chí"),
            Person(id="nguoi-dan", name="Hoàng Thị Nhung", private=True),
        ),
        posts=(Post(id="giam-doc", label="Giám đốc Công an tỉnh", organization="ubnd"),),
        organizations=(
            Organization(id="ubnd", name="UBND xã", kind=OrganizationKind.PEOPLES_COMMITTEE),
        ),
    )


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            Language.VI,
            [
                "- đồng chí Thiếu tướng Đặng Trọng Cường, Giám đốc Công an tỉnh",
                "- Thượng tá Phó Trưởng Công an thành phố",
            ],
        ),
        (
            Language.EN,
            [
                "- đồng chí Major general Đặng Trọng Cường, Giám đốc Công an tỉnh",
                "- Colonel Phó Trưởng Công an thành phố",
            ],
        ),
    ],
)
def test_delegates_police_ranks_are_shown_before_the_name(
    language: Language, lines: list[str]
) -> None:
    """A delegate's rank is written before the name, as reports write it; a hidden
    person's rank goes with the name (it would help identify them)."""
    description = str(
        vevents(export(_ranked_dataset(), language=language))["su-kien"]["DESCRIPTION"]
    )
    assert description.splitlines()[1:] == lines
    assert "Đại tá" not in description
    assert "Senior colonel" not in description


def test_an_internal_export_shows_the_rank_of_a_private_person() -> None:
    description = str(vevents(export(_ranked_dataset(), internal=True))["su-kien"]["DESCRIPTION"])
    assert "- Đại tá Hoàng Thị Nhung, Giám đốc Công an tỉnh" in description


# ---------------------------------------------------------------- hostile text

HOSTILE = "Dòng 1\r\nDòng 2\rba, bốn; năm\\sáu\x00\x07\x1b\x7f\x85\u2028\u202eRTL\u202c\tTAB"


def test_hostile_text_round_trips_through_icalendar() -> None:
    """Newlines, commas, semicolons, backslashes, controls and RTL overrides survive parsing."""
    ds = dataset(
        event(
            name=HOSTILE,
            description=HOSTILE,
            sites=(Site(name=HOSTILE, address="a;b,c\\d"),),
            delegates=(Delegate(role=HOSTILE),),
        ),
        title=HOSTILE,
    )
    data = export(ds)
    assert FORBIDDEN.search(data) is None
    vevent = vevents(data)["su-kien"]
    expected = "Dòng 1\nDòng 2\nba, bốn; năm\\sáu\n\n\u202eRTL\u202c\tTAB"
    assert clean(HOSTILE) == expected
    assert str(vevent["SUMMARY"]) == expected
    assert str(vevent["LOCATION"]) == f"{expected}, a;b,c\\d"
    assert f"- {expected}" in str(vevent["DESCRIPTION"])
    # icalendar reads X-WR-CALNAME as an unknown property: unescape it as TEXT here.
    assert unescape(str(parse(data)["X-WR-CALNAME"])) == expected


def test_long_names_fold_at_75_octets_and_round_trip() -> None:
    """A 10,000-character name folds into lines of at most 75 octets and reads back whole."""
    name = ("Phong trào toàn dân bảo vệ an ninh Tổ quốc 🇻🇳 " * 250)[:10_000]
    data = export(dataset(event(name=name, sites=(Site(name=name),))))
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    data.decode("utf-8")  # no multi-byte character is split by folding
    vevent = vevents(data)["su-kien"]
    assert str(vevent["SUMMARY"]) == name
    assert str(vevent["LOCATION"]) == name.strip()


def test_nfd_input_comes_out_nfc() -> None:
    """Text given in NFD is written in NFC."""
    nfd = "Khuo\u0302n Ha\u0300"
    vevent = vevents(export(dataset(event(name=nfd))))["su-kien"]
    assert str(vevent["SUMMARY"]) == "Khuôn Hà"


@st.composite
def event_datasets(draw: st.DrawFn) -> Dataset:
    """Datasets of events, sites, organisers, people and news, built from the core strategies."""
    units = draw(st.lists(ks.administrative_units(), max_size=3, unique_by=lambda r: r.id))
    unit_ids = tuple(u.id for u in units)
    orgs = draw(st.lists(ks.organizations(unit_ids), max_size=3, unique_by=lambda r: r.id))
    org_ids = tuple(o.id for o in orgs)
    persons = draw(st.lists(ks.people, max_size=3, unique_by=lambda r: r.id))
    person_ids = tuple(p.id for p in persons)
    parents = draw(
        st.lists(ks.events(org_ids, unit_ids, person_ids), max_size=3, unique_by=lambda r: r.id)
    )
    children = draw(
        st.lists(
            ks.events(org_ids, unit_ids, person_ids, tuple(e.id for e in parents)),
            max_size=1,
        )
    )
    events = list({e.id: e for e in parents + children}.values())
    if len(events) < len(parents) + len(children):
        events = parents
    news = draw(
        st.lists(
            ks.news_items(org_ids, tuple(e.id for e in events)),
            max_size=2,
            unique_by=lambda r: r.id,
        )
    )
    return Dataset(
        slug=draw(st.from_regex(r"\A[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,2}\Z")),
        title=draw(ks.texts()),
        report_date=draw(st.none() | ks.dates()),
        units=tuple(units),
        organizations=tuple(orgs),
        people=tuple(persons),
        events=tuple(events),
        news=tuple(news),
    )


@settings(
    max_examples=min(25, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ds=event_datasets())
def test_generated_datasets_export_safely(ds: Dataset) -> None:
    """Any dataset with events exports deterministically to valid, parseable iCalendar."""
    exporter = IcsExporter()
    assert exporter.can_export(ds) == bool(ds.events)
    if not ds.events:
        with pytest.raises(ExportError) as info:
            export(ds)
        assert str(info.value.missing).startswith("at least one event")
        return
    data = export(ds)
    assert data == export(ds)
    assert FORBIDDEN.search(data) is None
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = parse(data)
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    dated = [ev for ev in ds.events if ev.start_on is not None]
    assert len(found) == len(dated)
    if len(dated) < len(ds.events):  # the ones known only to the month or year are named
        assert "DESCRIPTION" in cal
    for ev in dated:
        vevent = found[f"{ev.id}@{ds.slug}.khuonha.invalid"]
        assert str(vevent.get("SUMMARY", "")) == clean(ev.name)
        if ev.parent is not None:
            assert str(vevent["RELATED-TO"]) == f"{ev.parent}@{ds.slug}.khuonha.invalid"
    assert cal.get_missing_tzids() == set()


@given(st.text())
def test_clean_leaves_only_rfc5545_text(value: str) -> None:
    """clean() output has no CONTROL character but tab and newline, and is NFC."""
    out = clean(value)
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", out) is None
    assert clean(out) == out


def test_core_hostile_dataset_gives_valid_lines() -> None:
    """The core's hostile dataset gives folded lines, no forbidden control and a parseable file."""
    from khuonha.testing import hostile

    ds = hostile.hostile_dataset()
    data = export(ds)
    assert FORBIDDEN.search(data) is None
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert len(parse(data).walk("VEVENT")) == len(ds.events)
