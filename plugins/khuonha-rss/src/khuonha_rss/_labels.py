"""The words the feeds generate themselves, in Vietnamese and English.

Only these labels change with the ``language`` option; the data (titles,
leads, names, categories as written) is never translated. Every string here
is NFC (a test checks it), so the feeds never re-normalise them.
"""

from __future__ import annotations

from typing import Final

__all__ = ["LABELS", "label", "unit_name"]

#: key -> (Vietnamese, English)
LABELS: Final[dict[str, tuple[str, str]]] = {
    # Item categories: what kind of record the item comes from.
    "cat.news": ("Tin tức", "News"),
    "cat.event": ("Sự kiện", "Events"),
    "cat.certification": ("Công nhận An toàn về ANTT", "Security and order certification"),
    # Event kinds (khuonha.events.EventKind).
    "event.ngay_hoi": (
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        "All-people festival for protecting national security",
    ),
    "event.dien_dan": ("Diễn đàn", "Forum"),
    "event.hoi_nghi": ("Hội nghị", "Conference"),
    "event.ra_mat_mo_hinh": ("Ra mắt mô hình", "Launch of a model"),
    "event.tap_huan": ("Tập huấn", "Training"),
    "event.khac": ("Sự kiện khác", "Other event"),
    # Parts of the day (khuonha.events.PartOfDay).
    "part.sang": ("sáng", "morning"),
    "part.trua": ("trưa", "noon"),
    "part.chieu": ("chiều", "afternoon"),
    "part.toi": ("tối", "evening"),
    # Event summary lines.
    "when": ("Thời gian", "When"),
    "where": ("Địa điểm", "Where"),
    "delegates": ("Đại biểu", "Delegates"),
    # Certification titles (khuonha.certification.Result).
    "result.dat": (
        "Đạt chuẩn “An toàn về an ninh, trật tự”",
        "Meets the “An toàn về an ninh, trật tự” standard",
    ),
    "result.chua_dat": (
        "Chưa đạt chuẩn “An toàn về an ninh, trật tự”",
        "Does not yet meet the “An toàn về an ninh, trật tự” standard",
    ),
    # Certified unit types (khuonha.certification.UnitType).
    "unit_type.khu_dan_cu": ("khu dân cư", "residential area"),
    "unit_type.xa": ("xã, phường, thị trấn", "commune-level unit"),
    "unit_type.co_quan": ("cơ quan", "agency"),
    "unit_type.doanh_nghiep": ("doanh nghiệp", "enterprise"),
    "unit_type.co_so_giao_duc": ("cơ sở giáo dục", "educational institution"),
    # Feed metadata defaults.
    "feed.title": (
        "Phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "All-people movement for protecting national security",
    ),
    "feed.description": (
        "Tin tức, sự kiện và kết quả công nhận An toàn về ANTT",
        "News, events and security and order certifications",
    ),
    "of": ("của", "of"),
    # Administrative unit kinds (khuonha.places.UnitKind), as a prefix in Vietnamese.
    "unit.tinh": ("tỉnh", "province"),
    "unit.thanh_pho_truc_thuoc_trung_uong": ("thành phố", "city"),
    "unit.huyen": ("huyện", "district"),
    "unit.quan": ("quận", "urban district"),
    "unit.thi_xa": ("thị xã", "town"),
    "unit.thanh_pho_thuoc_tinh": ("thành phố", "city"),
    "unit.xa": ("xã", "commune"),
    "unit.phuong": ("phường", "ward"),
    "unit.thi_tran": ("thị trấn", "township"),
    "unit.dac_khu": ("đặc khu", "special zone"),
}


def label(key: str, language: str) -> str:
    """Return the label *key* in *language* (``"vi"`` or ``"en"``; anything else is ``vi``).

    >>> label("cat.news", "en")
    'News'
    >>> label("part.chieu", "vi")
    'chiều'
    """
    vi, en = LABELS[key]
    return en if language == "en" else vi


def unit_name(kind: str, name: str, language: str) -> str:
    """Name an administrative unit with its kind ("xã Khuôn Hà", "Khuôn Hà commune").

    >>> unit_name("xa", "Khuôn Hà", "en")
    'Khuôn Hà commune'
    """
    key = f"unit.{kind}"
    if key not in LABELS:
        return name
    if language == "en":
        return f"{name} {label(key, language)}"
    return f"{label(key, language)} {name}"
