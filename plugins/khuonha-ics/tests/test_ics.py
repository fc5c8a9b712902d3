"""Tests of the ics exporter: the sample, goldens, the campaign calendar, the contract."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from khuonha_ics import IcsExporter, IcsOptions, khuonha_register_exporters
from khuonha_ics_builders import dataset, event, export, parse, vevents

import khuonha
from khuonha import (
    DecodeError,
    ExportError,
    Language,
)

GOLDEN = Path(__file__).parent / "golden"


# ---------------------------------------------------------------- the sample


def test_sample_parses_with_the_festival_and_its_forum() -> None:
    """The sample's calendar parses back and holds the 10/8/2022 Ngày hội and its forum."""
    data = export(khuonha.sample())
    events = vevents(data)
    festival = events["ngay-hoi-khuon-ha-2022"]
    forum = events["dien-dan-khuon-ha-2022"]
    assert festival.decoded("DTSTART") == date(2022, 8, 10)
    assert festival.decoded("DTEND") == date(2022, 8, 11)
    assert str(festival["SUMMARY"]) == "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2022"
    assert str(festival["LOCATION"]) == "xã Khuôn Hà, huyện Lâm Bình, tỉnh Tuyên Quang"
    assert str(forum["RELATED-TO"]) == str(festival["UID"])
    assert forum["RELATED-TO"].params["RELTYPE"] == "PARENT"
    assert str(festival["UID"]) == "ngay-hoi-khuon-ha-2022@khuon-ha-2022.khuonha.invalid"


def test_sample_description_names_organiser_delegates_and_programme() -> None:
    """DESCRIPTION carries the afternoon, organiser, delegates with posts and the programme."""
    festival = vevents(export(khuonha.sample()))["ngay-hoi-khuon-ha-2022"]
    text = str(festival["DESCRIPTION"])
    assert text.startswith("Buổi chiều.")
    assert "Đơn vị tổ chức: Ban Chỉ đạo phòng, chống tội phạm" in text
    assert (
        "- đồng chí Đặng Văn Sình, Phó Bí thư Thường trực Huyện uỷ, "
        "Chủ tịch Hội đồng nhân dân huyện" in text
    )
    assert "- trưởng các thôn bản" in text
    assert "- Phát biểu ý kiến chỉ đạo (đồng chí Đặng Văn Sình)" in text
    assert "- Báo cáo: Kết quả xây dựng Phong trào" in text
    assert festival.categories == ["Ngày hội toàn dân bảo vệ an ninh Tổ quốc"]


def test_two_exports_are_byte_identical_and_stamped_from_the_data() -> None:
    """Two exports of the same data are byte-identical; DTSTAMP comes from the data."""
    first, second = export(khuonha.sample()), export(khuonha.sample())
    assert first == second
    stamps = {e.decoded("DTSTAMP") for e in parse(first).walk("VEVENT")}
    assert stamps == {datetime(2022, 8, 10, tzinfo=UTC)}


def test_generated_at_sets_dtstamp_in_utc() -> None:
    """With generated_at, DTSTAMP is that moment in UTC."""
    moment = datetime(2022, 8, 11, 9, 30, tzinfo=UTC) + timedelta(hours=7)
    ds = attrs.evolve(khuonha.sample(), generated_at=moment.astimezone())
    stamp = next(iter(parse(export(ds)).walk("VEVENT")))
    assert stamp.decoded("DTSTAMP") == moment
    assert b"DTSTAMP:20220811T163000Z" in export(ds)


# ---------------------------------------------------------------- goldens


def normalise(data: bytes) -> list[tuple[str, list[tuple[str, str, bytes]]]]:
    """Components with their properties, compared after parsing (not as bytes)."""
    out = []
    for component in parse(data).walk():
        props = sorted(
            (name, repr(sorted(value.params.items())), value.to_ical())
            for name, values in component.items()
            for value in (values if isinstance(values, list) else [values])
        )
        out.append((component.name, props))
    return out


@pytest.mark.parametrize(
    ("case", "options"),
    [("khuon-ha-2022", {}), ("khuon-ha-2022-campaign", {"campaign": True})],
)
def test_golden(case: str, options: dict[str, Any], update_goldens: bool) -> None:
    """The sample's calendar matches its golden file, compared after parsing."""
    data = export(khuonha.sample(), **options)
    path = GOLDEN / f"{case}.ics"
    if update_goldens:
        path.write_bytes(data)
    assert normalise(data) == normalise(path.read_bytes())


# ---------------------------------------------------------------- campaign


def test_campaign_option_adds_the_movement_calendar() -> None:
    """campaign=True adds the 2022 festival window, 19/8, assessment windows and deadlines."""
    events = vevents(export(khuonha.sample(), campaign=True))
    window = events["campaign-cao-diem-ngay-hoi-2022"]
    assert (window.decoded("DTSTART"), window.decoded("DTEND")) == (
        date(2022, 8, 1),
        date(2022, 8, 21),
    )
    assert "333/KH-BCĐ" in str(window["DESCRIPTION"])
    day = events["campaign-ngay-hoi-2022"]
    assert day.decoded("DTSTART") == date(2022, 8, 19)
    assert "kỷ niệm 17 năm" in str(day["DESCRIPTION"])
    kdc = events["campaign-danh-gia-2022-khu-dan-cu"]
    assert (kdc.decoded("DTSTART"), kdc.decoded("DTEND")) == (date(2021, 11, 1), date(2022, 11, 1))
    commune = events["campaign-danh-gia-2022-xa"]
    assert commune.decoded("DTSTART") == date(2021, 11, 16)
    deadline = events["campaign-han-phan-loai-2022-khu-dan-cu"]
    assert deadline.decoded("DTSTART") == date(2022, 11, 19)
    assert "trước ngày 20/11/2022" in str(deadline["SUMMARY"])
    assert str(window["TRANSP"]) == "TRANSPARENT"
    assert len(events) == 2 + 6


def test_campaign_in_english() -> None:
    """With language=en the campaign items carry English labels; dates are unchanged."""
    events = vevents(export(khuonha.sample(), campaign=True, language=Language.EN))
    window = events["campaign-cao-diem-ngay-hoi-2022"]
    assert str(window["SUMMARY"]) == "Window for the communes' festival 2022"
    assert "17th anniversary" in str(events["campaign-ngay-hoi-2022"]["DESCRIPTION"])
    assert window.categories == ["Movement calendar"]


def test_campaign_off_by_default() -> None:
    """Without the option, only the dataset's own events are written."""
    assert set(vevents(export(khuonha.sample()))) == {
        "ngay-hoi-khuon-ha-2022",
        "dien-dan-khuon-ha-2022",
    }


def test_campaign_without_events_needs_a_year() -> None:
    """With no event the campaign option works from report_date; without a date it fails."""
    exporter = IcsExporter()
    ds = dataset(report_date=date(2023, 5, 2))
    assert not exporter.can_export(ds)
    assert exporter.can_export(ds, IcsOptions(campaign=True))
    events = vevents(export(ds, campaign=True))
    assert "campaign-ngay-hoi-2023" in events
    assert "campaign-cao-diem-ngay-hoi-2023" not in events  # no 2023 window in the data
    assert next(iter(events.values())).decoded("DTSTAMP") == datetime(2023, 5, 2, tzinfo=UTC)
    with pytest.raises(ExportError) as info:
        export(dataset(), campaign=True)
    assert info.value.missing is not None
    assert info.value.missing.startswith("at least one event, or a date")


def test_campaign_before_2022_uses_tt23_windows() -> None:
    """The 2021 cycle uses TT 23/2012 windows and has no QĐ 510 deadlines."""
    events = vevents(export(dataset(event(start_on=date(2021, 8, 19))), campaign=True))
    kdc = events["campaign-danh-gia-2021-khu-dan-cu"]
    assert "23/2012/TT-BCA" in str(kdc["DESCRIPTION"])
    assert not any(key.startswith("campaign-han-phan-loai") for key in events)


# ---------------------------------------------------------------- contract


def test_problem_says_what_is_needed() -> None:
    """problem() names what is needed ("needs at least one event"); a record is refused."""
    exporter = IcsExporter()
    needs = exporter.problem(dataset(), IcsOptions())
    assert needs is not None
    assert needs.startswith("needs at least one event")
    assert "no event" not in needs
    assert exporter.problem(khuonha.sample(), IcsOptions()) is None
    dated = dataset(report_date=date(2023, 1, 2))
    assert exporter.problem(dated, IcsOptions(campaign=True)) is None
    assert not exporter.can_export(khuonha.sample().events[0])
    with pytest.raises(ExportError) as info:
        khuonha.export(dataset(), "ics", io.BytesIO())
    assert str(info.value).startswith("ics: cannot export this Dataset: needs at least one event")
    assert info.value.missing is not None


def test_campaign_option_reaches_the_check() -> None:
    """The host passes the options to the check: a campaign calendar needs no event."""
    ds = dataset(report_date=date(2023, 5, 2))
    out = io.BytesIO()
    khuonha.export(ds, "ics", out, {"campaign": True})
    assert b"campaign-ngay-hoi-2023" in out.getvalue()
    assert [e.name for e in khuonha.exporters_for(ds, {"campaign": True}) if e.name == "ics"]
    assert "ics" not in [e.name for e in khuonha.exporters_for(ds)]


def test_options_decode_strictly() -> None:
    """Options decode from plain values through the core codec, strictly."""
    exporter = IcsExporter()
    opts = exporter.parse_options({"campaign": True, "language": "en"})
    assert opts == IcsOptions(campaign=True, language=Language.EN)
    with pytest.raises(DecodeError):
        exporter.parse_options({"campaign": "yes"})
    with pytest.raises(DecodeError):
        exporter.parse_options({"campain": True})


def test_metadata_and_hook() -> None:
    """The exporter's metadata is valid and the hook registers it."""
    assert IcsExporter.check_metadata() == []
    (exporter,) = khuonha_register_exporters()
    assert isinstance(exporter, IcsExporter)
    assert (exporter.name, exporter.suffixes, exporter.media_type) == (
        "ics",
        (".ics",),
        "text/calendar",
    )


def test_entry_point_is_declared() -> None:
    """The distribution declares the entry point ics = khuonha_ics in group khuonha."""
    from importlib.metadata import entry_points

    (ep,) = [ep for ep in entry_points(group="khuonha") if ep.name == "ics"]
    assert ep.value == "khuonha_ics"
    assert ep.load().khuonha_register_exporters is khuonha_register_exporters


# ---------------------------------------------------------------- conformance kit


def read_text(data: bytes) -> str:
    """What a calendar reader sees: SUMMARY, LOCATION and DESCRIPTION of every event."""
    cal = icalendar.Calendar.from_ical(data)
    parts = [
        str(vevent[name])
        for vevent in cal.walk("VEVENT")
        for name in ("SUMMARY", "LOCATION", "DESCRIPTION")
        if name in vevent
    ]
    return "\n".join(parts)


def test_conformance_kit() -> None:
    """The exporter passes the core's conformance kit, its output read back by icalendar."""
    from khuonha.testing.conformance import check_exporter

    outputs = check_exporter(IcsExporter(), read_text=read_text)
    assert outputs["sample"] == export(khuonha.sample())
    assert outputs["empty"] is None


def test_discovered_through_the_plugin_host() -> None:
    """The installed plugin is found by name and by suffix, and khuonha.export uses it."""
    assert isinstance(khuonha.get_exporter("ics"), IcsExporter)
    assert isinstance(khuonha.exporter_for_path("lich-khuon-ha.ICS"), IcsExporter)
    out = io.BytesIO()
    khuonha.export(khuonha.sample(), "ics", out, {"campaign": True})
    assert out.getvalue() == export(khuonha.sample(), campaign=True)


def test_cli_campaign_option_without_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha export -f ics --option campaign=true` works on a dataset without events."""
    from khuonha.cli.main import main

    source = tmp_path / "no-events.json"
    source.write_bytes(khuonha.dumps(dataset(report_date=date(2023, 5, 2))))
    out = tmp_path / "lich.ics"
    args = ["export", str(source), "-f", "ics", "-o", str(out)]
    assert main([*args, "--option", "campaign=true"]) == 0
    assert "campaign-ngay-hoi-2023" in vevents(out.read_bytes())
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "ics: cannot export this Dataset: needs at least one event" in err
