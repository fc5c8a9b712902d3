"""khuonha.extract_text, the Provenance model, the txt importer and ``khuonha extract``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha import (
    AwardForm,
    EventKind,
    InvalidDataError,
    PartOfDay,
    Provenance,
    Qualifier,
    StatisticRole,
    UnitKind,
    extract_text,
)
from khuonha.cli.main import main

# The Khuôn Hà article's wording (domain §2), as a commune would paste it.
KHUON_HA = (
    "Xã Khuôn Hà tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2022\n\n"
    "Chiều ngày 10/8, xã Khuôn Hà tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2022. "
    "Trong 8 tháng đầu năm 2022, lực lượng Công an xã đã tổ chức tuyên truyền được "
    "92 lượt/ 10 thôn bản với trên 2.500 lượt người tham gia; tuyên truyền lưu động "
    "68 lượt thông qua hệ thống loa pin. Phối hợp gặp gỡ giáo dục 13 đối tượng, "
    "gọi hỏi, răn đe 72 đối tượng.\n\n"
    "Đến nay, 10/10 thôn, 3 trường học và Trạm y tế xã đạt chuẩn về “An ninh trật tự”.\n\n"
    "Dịp này, đồng chí Đặng Văn Sình đã trao giấy khen của Chủ tịch UBND huyện cho "
    "1 tập thể và 2 cá nhân; Lãnh đạo Đảng uỷ xã trao giấy khen của Chủ tịch UBND xã "
    "cho 5 tập thể và 10 cá nhân."
)


def _roundtrip(ds: khuonha.Dataset) -> khuonha.Dataset:
    again = khuonha.loads(khuonha.dumps(ds))
    assert again == ds
    return again


def test_the_khuon_ha_article_becomes_a_draft() -> None:
    ds = _roundtrip(extract_text(KHUON_HA))
    commune = ds.find(ds.commune)
    assert (commune.name, commune.kind, commune.code) == ("Khuôn Hà", UnitKind.XA, None)
    figures = [(a.quantity.value, a.quantity.qualifier, a.quantity.unit) for a in ds.activities]
    assert (2500, Qualifier.MORE_THAN, "lượt người") in figures
    assert any(v == 13 and (u or "").startswith("đối tượng") for v, _q, u in figures)
    assert (72, Qualifier.EXACT, "đối tượng") in figures
    sessions = next(a for a in ds.activities if a.quantity.value == 92)
    assert (sessions.quantity.scope_count, sessions.quantity.scope_unit) == (10, "thôn bản")
    assert sessions.period is not None
    assert (sessions.period.start, sessions.period.end) == (date(2022, 1, 1), date(2022, 8, 31))
    villages = next(a for a in ds.activities if a.quantity.total == 10)
    assert villages.quantity.value == 10
    (event,) = ds.events
    # "ngày 10/8" gives no year; the name's "năm 2022" does, and the reading says so
    assert (event.kind, event.start_on, event.part_of_day) == (
        EventKind.NGAY_HOI,
        date(2022, 8, 10),
        PartOfDay.CHIEU,
    )
    assert event.provenance is not None
    assert event.provenance.needs_review
    assert "2022" in (event.provenance.reason or "")
    district, commune_award = ds.awards
    assert (district.form, district.issuer_text, district.collectives, district.individuals) == (
        AwardForm.GIAY_KHEN,
        "Chủ tịch UBND huyện",
        1,
        2,
    )
    assert (commune_award.issuer_text, commune_award.collectives) == ("Chủ tịch UBND xã", 5)
    assert commune_award.individuals == 10
    assert district.event == event.id
    # award counts are not figures
    assert not [a for a in ds.activities if a.quantity.unit in ("tập thể", "cá nhân")]


def test_every_span_is_the_words_of_the_body() -> None:
    ds = extract_text(KHUON_HA)
    (news,) = ds.news
    assert news.body is not None
    spans = [r.provenance for _, r in ds.records() if getattr(r, "provenance", None)]
    assert len(spans) >= 10
    for span in spans:
        assert news.body[span.start : span.end] == span.text
        assert span.source == news.id


def test_nothing_is_invented() -> None:
    ds = extract_text("Ngày hội toàn dân bảo vệ an ninh Tổ quốc diễn ra sôi nổi ở xã Nam Tiến.")
    assert ds.events == ()  # no day, month or year: no event is made up
    assert all(u.code is None for u in ds.units)
    assert ds.news[0].title is None
    assert ds.news[0].published_on is None
    undated = extract_text("Xã Vân Hồ có 1 nhà thờ. Công an xã tuyên truyền 15 buổi.")
    lone = next(a for a in undated.activities if a.quantity.value == 15)
    assert lone.period is None
    assert lone.provenance is not None
    assert lone.provenance.needs_review
    assert lone.provenance.reason == "no period is written for this figure"


def test_roles_and_review_marks() -> None:
    ds = extract_text(
        "Năm 2025, xã Sùng Phài cơ bản đạt 28/34 tiêu chí. Phường có gần 20% dân số là người "
        "dân tộc thiểu số. Năm 2026 phấn đấu 100% số hộ ký cam kết."
    )
    by_value = {a.quantity.value: a for a in ds.activities}
    assert by_value[28].role is StatisticRole.BASELINE
    assert by_value[28].quantity.total == 34
    assert by_value[20].role is StatisticRole.PROFILE
    assert by_value[20].quantity.qualifier is Qualifier.NEARLY
    assert by_value[100].role is StatisticRole.TARGET
    assert by_value[100].provenance is not None
    assert by_value[100].provenance.needs_review


def test_a_profile_noun_with_a_verb_of_action_is_a_result() -> None:
    """ "1.500 hộ gia đình" describes the commune; "98,5% hộ gia đình ký cam kết" is done."""
    ds = extract_text(
        "Năm 2025, toàn xã có 1.500 hộ gia đình với 6.200 nhân khẩu; 98,5% hộ gia đình ký cam "
        "kết, 1.200 hộ dân đã tham gia tuần tra."
    )
    roles = {a.quantity.text: a.role for a in ds.activities}
    assert roles == {
        "1.500 hộ gia đình": StatisticRole.PROFILE,
        "6.200 nhân khẩu": StatisticRole.PROFILE,
        "98,5% hộ gia đình": StatisticRole.RESULT,
        "1.200 hộ dân": StatisticRole.RESULT,
    }


def test_a_place_name_ends_with_its_line() -> None:
    """A title ending in a place, then a paragraph opening with a capital: two lines, one name."""
    ds = extract_text(
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại xã Vĩnh Yên\n\n"
        "Ngày 15-8-2024, tại thôn Cuông, xã Vĩnh Yên tổ chức Ngày hội."
    )
    assert [(u.id, u.name) for u in ds.units] == [("xa-vinh-yen", "Vĩnh Yên")]
    assert [(a.name, a.unit) for a in ds.areas] == [("Cuông", "xa-vinh-yen")]


def test_places_lists_and_parents() -> None:
    ds = extract_text(
        "Các xã La Pan Tẩn, Tả Ngài Chồ (huyện Mường Khương); thị trấn Phố Ràng, xã Bảo Hà "
        "(huyện Bảo Yên) được đưa ra khỏi danh sách trọng điểm. Nhân dân tại bản Hợp Thành, "
        "xã Vân Hồ, tỉnh Sơn La tham gia."
    )
    units = {u.name: u for u in ds.units}
    assert units["La Pan Tẩn"].parent == units["Tả Ngài Chồ"].parent == units["Mường Khương"].id
    assert units["Phố Ràng"].kind is UnitKind.THI_TRAN
    assert units["Vân Hồ"].parent == units["Sơn La"].id
    (area,) = ds.areas
    assert (area.name, area.unit) == ("Hợp Thành", units["Vân Hồ"].id)
    assert ds.commune is None  # many communes, none named most: the draft does not choose


def test_an_award_named_without_numbers_is_kept_for_review() -> None:
    ds = extract_text(
        "Thừa uỷ quyền Bộ trưởng Bộ Công an, Lãnh đạo Công an tỉnh Lào Cai tặng Bằng khen cho "
        "tập thể cán bộ, nhân dân xã Gia Phú. Buổi lễ nhằm biểu dương, khen thưởng các điển hình."
    )
    (award,) = ds.awards  # the purpose "biểu dương, khen thưởng" is not an award
    assert award.form is AwardForm.BANG_KHEN
    assert award.issuer_text == "Bộ trưởng Bộ Công an"
    assert award.authority_text == "Thừa uỷ quyền Bộ trưởng Bộ Công an"
    assert award.presenter_text == "Công an tỉnh Lào Cai"
    assert (award.collectives, award.individuals) == (None, None)
    assert award.provenance is not None
    assert award.provenance.needs_review


def test_a_compound_period_is_the_period_of_its_figures() -> None:
    ds = extract_text(
        "Báo cáo công tác năm 2018 và 8 tháng đầu năm 2019: còn có 10 ý kiến trao đổi.",
    )
    (opinions,) = ds.activities
    assert opinions.period is not None
    assert (opinions.period.start, opinions.period.end) == (date(2018, 1, 1), date(2019, 8, 31))


@pytest.mark.parametrize(
    "name",
    [
        "Ngày hội “Toàn dân bảo vệ an ninh Tổ quốc”",
        "Ngày hội toàn dân BVANTQ",
        "ngày hội toàn dân BV ANTQ",
        "Ngày hội toàn dân bảo vệ ANTQ",
    ],
)
def test_the_festival_is_found_however_it_is_written(name: str) -> None:
    """The festival with its name quoted, or its abbreviations (ANTQ, BVANTQ, BV ANTQ)."""
    (event,) = extract_text(f"Ngày 15/8/2025, xã tổ chức {name} năm 2025.").events
    assert (event.kind, event.name, event.start_on) == (EventKind.NGAY_HOI, name, date(2025, 8, 15))


@pytest.mark.parametrize(
    ("text", "name", "day"),
    [
        (
            "Ngày 12/10/2025, phường tổ chức Hội nghị “Công an lắng nghe ý kiến Nhân dân”.",
            "Hội nghị “Công an lắng nghe ý kiến Nhân dân”",
            date(2025, 10, 12),
        ),
        (
            "Ngày 12/10/2025, Công an phường tổ chức Diễn đàn Công an lắng nghe ý kiến Nhân dân.",
            "Diễn đàn Công an lắng nghe ý kiến Nhân dân",
            date(2025, 10, 12),
        ),
        (
            'Sáng 5/9/2025, xã tổ chức chương trình "Công an lắng nghe ý kiến của Nhân dân".',
            'chương trình "Công an lắng nghe ý kiến của Nhân dân"',
            date(2025, 9, 5),
        ),
    ],
)
def test_the_forum_is_found_however_it_is_introduced(text: str, name: str, day: date) -> None:
    """The forum "Công an lắng nghe ý kiến Nhân dân" as a diễn đàn, hội nghị or chương trình."""
    (event,) = extract_text(text).events
    assert (event.kind, event.name, event.start_on) == (EventKind.DIEN_DAN, name, day)


def test_a_festival_and_its_forum_share_the_day_and_its_pledges_and_awards() -> None:
    """ "… Ngày hội … và diễn đàn “…” năm 2022": one day for both, the forum inside the
    festival; the pledge signed and the awards given belong to the festival."""
    ds = extract_text(
        "Xã Khuôn Hà tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2022\n\n"
        "Chiều ngày 10/8, xã Khuôn Hà đã tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc và "
        "diễn đàn “Công an lắng nghe ý kiến Nhân dân” năm 2022. Tại ngày hội, 10 thôn đã ký "
        "giao ước thi đua. Chủ tịch UBND xã tặng Giấy khen cho 5 tập thể."
    )
    festival, forum = ds.events
    assert (festival.kind, festival.start_on, festival.parent) == (
        EventKind.NGAY_HOI,
        date(2022, 8, 10),
        None,
    )
    assert festival.id == "ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc"  # the title's, dated
    assert (forum.kind, forum.start_on, forum.parent) == (
        EventKind.DIEN_DAN,
        date(2022, 8, 10),
        festival.id,
    )
    assert [(p.title, p.parties_text, p.signed_on) for p in festival.pledges] == [
        ("giao ước thi đua", "10 thôn", date(2022, 8, 10))
    ]
    (award,) = ds.awards
    assert award.event == festival.id


def test_a_pledge_signed_elsewhere_is_not_the_events() -> None:
    """A pledge in another paragraph, not set at the event, was signed at another time."""
    ds = extract_text(
        "Ngày 10/8/2025, xã tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.\n\n"
        "Năm 2023, các thôn đã ký giao ước thi đua.\n\n"
        "Dịp này, 10 thôn ký giao ước thi đua năm 2025."
    )
    (event,) = ds.events
    assert [(p.title, p.parties_text) for p in event.pledges] == [
        ("giao ước thi đua năm 2025", "10 thôn")
    ]


def test_a_pledge_needs_one_event() -> None:
    """With two unrelated events the text does not say at which the pledge was signed."""
    ds = extract_text(
        "Ngày 10/8/2025, xã tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc. Ngày 12/8/2025, "
        "phường tổ chức Hội nghị sơ kết công tác. Các thôn đã ký giao ước thi đua."
    )
    assert len(ds.events) == 2
    assert all(not e.pledges for e in ds.events)


def test_items_of_a_list_take_the_period_of_its_lead_in() -> None:
    """ "Kết quả năm 2024 … như sau:" then one item per paragraph: each item's figures are of
    2024 (for review); a paragraph that is no list item stops the list."""
    ds = extract_text(
        "Kết quả năm 2024, toàn xã đạt được như sau:\n\n"
        "Tổ chức 15 buổi tuyên truyền với 1.350 người tham gia;\n\n"
        "Vận động giao nộp 03 khẩu súng tự chế;\n\n"
        "100% hộ gia đình ký cam kết.\n\n"
        "Mô hình được kỳ vọng góp phần giữ vững an ninh trật tự trên địa bàn xã\n\n"
        "Có 7 tổ tự quản"
    )
    read = {a.quantity.text: (a.period, a.role, a.provenance) for a in ds.activities}
    for text in ("15 buổi tuyên truyền", "1.350 người", "03 khẩu súng tự chế", "100% hộ gia đình"):
        period, role, provenance = read[text]
        assert period is not None, text
        assert period.label == "năm 2024", text
        assert role is StatisticRole.RESULT, text  # "khẩu súng" counts guns, not people
        assert provenance is not None
        assert provenance.reason == "the period 'năm 2024' is taken from the words before the list"
    assert read["7 tổ tự quản"][0] is None


def test_a_column_header_is_the_period_of_its_figures() -> None:
    """ "Nội dung | Năm 2024 | 9 tháng năm 2025": each figure of a row takes the row's label
    and its column's period."""
    text = (
        "STT | Nội dung | Năm 2024 | 9 tháng năm 2025 | Ghi chú\n"
        "1 | Tổ tự quản | 20 | 24 |\n"
        "2 | Camera an ninh | 1.200 | 1.350 | tăng"
    )
    ds = extract_text(text)
    read = [
        (a.quantity.value, a.quantity.unit, a.period.label if a.period else None)
        for a in ds.activities
    ]
    assert read == [
        (20, "Tổ tự quản", "Năm 2024"),
        (24, "Tổ tự quản", "9 tháng năm 2025"),
        (1200, "Camera an ninh", "Năm 2024"),
        (1350, "Camera an ninh", "9 tháng năm 2025"),
    ]
    assert all(a.provenance is not None and a.provenance.needs_review for a in ds.activities)


def test_two_periods_before_a_figure_are_marked_for_review() -> None:
    """Periods that do not make one ("6T/2025", "từ T7 – T8/2025"): the nearer, for review."""
    ds = extract_text("Trong 6T/2025 và từ T7 – T8/2025, Công an xã tổ chức 24 buổi tuyên truyền.")
    (sessions,) = ds.activities
    assert sessions.period is not None
    assert (sessions.period.start, sessions.period.end) == (date(2025, 7, 1), date(2025, 8, 31))
    assert sessions.provenance is not None
    assert sessions.provenance.needs_review
    assert sessions.provenance.reason == (
        "the sentence names two periods ('6T/2025', 'từ T7 – T8/2025'): read with the nearer"
    )
    one = extract_text("Trong 6T/2025 và T7/2025, Công an xã tổ chức 24 buổi tuyên truyền.")
    (sessions,) = one.activities
    assert sessions.period is not None
    assert (sessions.period.start, sessions.period.end) == (date(2025, 1, 1), date(2025, 7, 31))
    assert sessions.provenance is not None
    assert not sessions.provenance.needs_review


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the text is empty"),
        (" \n\t ", "the text is empty"),
        ("a\x00b", "looks binary"),
        ("\x01\x02\x03 abc", "looks binary"),
        ("e" + "\u0301" * 40, "combining marks"),
    ],
)
def test_bad_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidDataError, match=message):
        extract_text(text)


def test_a_huge_text_is_refused() -> None:
    from khuonha.model.extraction import MAX_EXTRACT_LENGTH

    with pytest.raises(InvalidDataError, match="more than"):
        extract_text("a" * (MAX_EXTRACT_LENGTH + 1))


def test_hostile_text_reads_in_linear_time() -> None:
    """Long runs of the things the reader looks at (place words, quotes, award words)."""
    for chunk in ("xã ", "các xã A, ", "“", "giấy khen ", "Ngày hội toàn dân ", "1 ", "tại "):
        ds = extract_text(chunk * 20_000)
        assert isinstance(ds, khuonha.Dataset)


# -- Provenance --------------------------------------------------------------------


def test_provenance_checks_itself() -> None:
    with pytest.raises(InvalidDataError, match="must not be before"):
        Provenance(start=5, end=3, text="ab")
    with pytest.raises(InvalidDataError, match="holds 3 characters"):
        Provenance(start=0, end=3, text="ab")
    with pytest.raises(InvalidDataError, match="only with needs_review"):
        Provenance(start=0, end=2, text="ab", reason="why")
    with pytest.raises(InvalidDataError, match="true or false"):
        Provenance(start=0, end=2, text="ab", needs_review=1)  # type: ignore[arg-type]


def test_a_span_that_is_not_in_the_body_is_refused() -> None:
    data = json.loads(khuonha.dumps(extract_text(KHUON_HA)))
    span = data["units"][0]["provenance"]
    span["start"], span["end"] = 5, 5 + len(span["text"])  # right length, wrong place
    with pytest.raises(khuonha.DecodeError, match=r"units\[0\]\.provenance\.text: not the words"):
        khuonha.loads(json.dumps(data))


@given(
    st.text(min_size=1, max_size=30).filter(lambda t: t == t.strip() and t.strip()),
    st.integers(0, 10_000),
    st.booleans(),
)
def test_provenance_round_trips(text: str, start: int, review: bool) -> None:
    try:
        span = Provenance(
            start=start,
            end=start + len(text),
            text=text,
            needs_review=review,
            reason="x" if review else None,
        )
    except InvalidDataError:
        return  # a text NFC changes the length of, or control characters
    from khuonha.codec.core import from_dict, to_dict

    assert from_dict(to_dict(span), Provenance) == span


# -- the txt importer and the command line ------------------------------------------


def test_extract_writes_a_draft_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bao-cao.txt"
    source.write_text(KHUON_HA, encoding="utf-8")
    out = tmp_path / "draft.json"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    assert "marked needs_review" in capsys.readouterr().err
    assert main(["validate", str(out)]) == 0
    assert khuonha.load(out) == extract_text(KHUON_HA)
    assert main(["extract", str(source)]) == 0
    assert json.loads(capsys.readouterr().out)["commune"] == "xa-khuon-ha"


def test_extract_reads_a_reference_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "tin"
    source.write_text("Trong năm qua, xã Quảng Lạc tuyên truyền được 15 buổi.", encoding="utf-8")
    assert main(["extract", str(source), "--reference", "2024-03-19"]) == 0
    (figure,) = json.loads(capsys.readouterr().out)["activities"]
    assert figure["period"]["start"] == "2023-01-01"
    assert main(["extract", str(source), "--reference", "19/3/2024"]) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte"),
        ("Xã Khuôn Hà".encode("latin-1", "replace") + b"\xe0\xe1", "not UTF-8"),
        (b"   \n\n  ", "empty"),
    ],
)
def test_extract_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "draft.json"
    assert main(["extract", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]  # no partial or temporary file left


def test_extract_names_a_format_with_no_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "")  # only the built-in readers
    from khuonha.plugins.host import PluginHost, set_default_host

    saved = set_default_host(PluginHost(load_plugins=""))
    try:
        source = tmp_path / "bao-cao.docx"
        source.write_bytes(b"PK\x03\x04")
        assert main(["extract", str(source)]) == 1
        err = capsys.readouterr().err
        assert "no installed reader for '.docx' files" in err
        assert "khuonha-extract" in err
        (tmp_path / "bao-cao.odt").write_bytes(b"x")
        assert main(["extract", str(tmp_path / "bao-cao.odt")]) == 1
        assert "no installed reader for '.odt' files" in capsys.readouterr().err
    finally:
        set_default_host(saved)


def test_export_reads_a_text_report(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.txt"
    source.write_text(KHUON_HA, encoding="utf-8")
    assert main(["export", str(source), "-f", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert khuonha.load(tmp_path / "out.json") == extract_text(KHUON_HA)


def test_a_name_written_two_ways_is_one_unit_to_review() -> None:
    ds = extract_text(
        "Ngày 4/10/2024, xã Phú kiết huyện Chợ Gạo ra mắt các tổ bảo vệ an ninh trật tự. "
        "Hiện xã Phú Kiết có 08 tổ bảo vệ an ninh trật tự cơ sở."
    )
    communes = [u for u in ds.units if u.kind is UnitKind.XA]
    assert [u.name for u in communes] == ["Phú Kiết"]
    assert ds.commune == communes[0].id
    assert communes[0].provenance is not None
    assert communes[0].provenance.needs_review


def test_extract_refuses_huge_and_hostile_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from khuonha.plugins.text_importers import MAX_TEXT_BYTES

    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * (MAX_TEXT_BYTES + 1))
    assert main(["extract", str(huge)]) == 1
    assert f"larger than {MAX_TEXT_BYTES} bytes" in capsys.readouterr().err
    assert main(["extract", str(huge), "--max-input-size", "1M"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    marks = tmp_path / "marks.txt"
    marks.write_text("Khuôn Hà" + "\u0301" * 100, encoding="utf-8")
    assert main(["extract", str(marks)]) == 1
    assert "combining marks" in capsys.readouterr().err
