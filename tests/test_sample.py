"""The bundled Khuôn Hà sample holds every entity and figure of the origin article."""

from __future__ import annotations

import json

import jsonschema

import khuonha
from khuonha import Qualifier


def test_sample_validates_against_schema() -> None:
    """The sample's JSON validates against the JSON Schema."""
    jsonschema.validate(json.loads(khuonha.dumps(khuonha.sample())), khuonha.json_schema())


def test_every_figure_of_the_article() -> None:
    """92, 2.500 (more than), 68, 88, 13, 72, 3 are in the sample with their words."""
    acts = {a.kind: a.quantity for a in khuonha.sample().activities}
    assert acts["tuyen_truyen"].value == 92
    assert (acts["tuyen_truyen"].scope_count, acts["tuyen_truyen"].scope_unit) == (10, "thôn bản")
    assert acts["luot_nguoi_nghe"].value == 2500
    assert acts["luot_nguoi_nghe"].qualifier is Qualifier.MORE_THAN
    assert acts["luot_nguoi_nghe"].text == "trên 2.500 lượt người"
    assert acts["tuyen_truyen_luu_dong"].value == 68
    assert acts["tin_truyen_thanh"].value == 88
    assert acts["gap_go_giao_duc"].value == 13
    assert acts["goi_hoi_ran_de"].value == 72
    assert acts["dinh_huong_viec_lam"].value == 3


def test_certifications_and_groups() -> None:
    """10/10 villages, 3 schools, the health station; the school's self-managed group."""
    ds = khuonha.sample()
    certs = {c.unit_type.value: c for c in ds.certifications}
    assert (certs["khu_dan_cu"].recognised, certs["khu_dan_cu"].total) == (10, 10)
    assert (certs["co_so_giao_duc"].recognised, certs["co_so_giao_duc"].total) == (3, None)
    assert ds.find(certs["co_quan"].unit).name == "Trạm y tế xã"
    group = next(g for g in ds.groups if g.kind is khuonha.GroupKind.TO_TU_QUAN)
    assert ds.find(group.host).name == "trường THCS Khuôn Hà"
    assert group.count is not None
    assert group.count.value == 1


def test_awards() -> None:
    """Giấy khen: 1 + 2 from the district chair, 5 + 10 from the commune chair."""
    ds = khuonha.sample()
    counts = {ds.find(a.issuer).label: (a.collectives, a.individuals) for a in ds.awards}
    assert counts == {"Chủ tịch UBND huyện": (1, 2), "Chủ tịch UBND xã": (5, 10)}
    district = next(a for a in ds.awards if a.collectives == 1)
    assert ds.find(district.presenter).name == "Đặng Văn Sình"
    commune = next(a for a in ds.awards if a.collectives == 5)
    assert commune.achievement_period is not None
    assert commune.achievement_period.label == "giai đoạn 2021 - 2022"
    assert commune.regime is khuonha.LegalRegime.TDKT_2003


def test_names_as_written() -> None:
    """Every name of the article is there exactly as written (new-style tone marks kept)."""
    text = khuonha.dumps(khuonha.sample()).decode()
    for name in (
        "Đặng Văn Sình",
        "Thuý Phượng",
        "Xuân Cường",
        "THCS Khuôn Hà",
        "Huyện uỷ",
        "Phó Bí thư Thường trực Huyện uỷ",
        "Chủ tịch Hội đồng nhân dân huyện",
    ):
        assert name in text, name
    assert "Thúy Phượng" not in text


def test_codes_and_successor() -> None:
    """Codes 02251 / 071 / 08 and the 2025 successor 02269."""
    ds = khuonha.sample()
    commune = ds.find("xa-khuon-ha")
    assert commune.code == "02251"
    assert ds.find(commune.parent).code == "071"
    assert ds.find(ds.find(commune.parent).parent).code == "08"
    (successor,) = commune.successors
    assert ds.find(successor).code == "02269"
    assert ds.find(successor).scheme is khuonha.CodeScheme.POST_2025


def test_event_and_forum() -> None:
    """The Ngày hội on the afternoon of 10/8/2022, with the forum as its sub-event."""
    ds = khuonha.sample()
    fest = next(e for e in ds.events if e.kind is khuonha.EventKind.NGAY_HOI)
    forum = next(e for e in ds.events if e.kind is khuonha.EventKind.DIEN_DAN)
    assert fest.start_on.isoformat() == "2022-08-10"
    assert fest.part_of_day is khuonha.PartOfDay.CHIEU
    assert forum.parent == fest.id
    assert fest.pledges[0].title == "giao ước thi đua"
    assert ds.find(fest.organiser).name.startswith("Ban Chỉ đạo phòng, chống tội phạm")


def test_article_as_news_item() -> None:
    """The article is a news item with its byline, no invented URL or date."""
    (item,) = khuonha.sample().news
    assert item.authors == ("Thuý Phượng", "Xuân Cường")
    assert item.url is None
    assert item.published_day is None
    assert item.body is not None
    assert "trên 2.500 lượt người" in item.body
    assert "Tin cùng chuyên mục" not in item.body


def test_name_lookup_by_match_key() -> None:
    """Looking up a name with the other tone style finds the record."""
    ds = khuonha.sample()
    key = khuonha.match_key("Phó Bí thư Thường trực Huyện ủy")
    assert [p.id for p in ds.posts if khuonha.match_key(p.label) == key] == [
        "pho-bi-thu-thuong-truc-huyen-uy-lam-binh"
    ]


def test_dataset_lookup_folds_spelling() -> None:
    """Dataset.lookup finds units, organisations and people whatever the spelling."""
    ds = khuonha.sample()
    assert [u.code for u in ds.lookup("KHUÔN HÀ", "units")] == ["02251"]
    assert [o.id for o in ds.lookup("Huyện ủy", "organizations")] == ["huyen-uy-lam-binh"]
    assert [p.id for p in ds.lookup("dang van sinh")] == []
    assert [p.id for p in ds.lookup("ĐẶNG VĂN SÌNH")] == ["dang-van-sinh"]
