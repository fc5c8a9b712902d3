"""Labels the calendar writes for people, in Vietnamese and English.

The data itself is never translated: names, roles and titles stay as written;
only these labels (kinds, headings, parts of the day) follow the language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from khuonha import EventKind, PartOfDay, ProgrammeKind, UnitKind
from khuonha.exporters import Language

__all__ = ["EVENT_KINDS", "PARTS_OF_DAY", "PROGRAMME_KINDS", "UNIT_KINDS", "label", "word"]

Pair = tuple[str, str]

EVENT_KINDS: dict[EventKind, Pair] = {
    EventKind.NGAY_HOI: ("Ngày hội toàn dân bảo vệ an ninh Tổ quốc", "All-people festival"),
    EventKind.DIEN_DAN: ("Diễn đàn", "Forum"),
    EventKind.HOI_NGHI: ("Hội nghị", "Conference"),
    EventKind.RA_MAT_MO_HINH: ("Ra mắt mô hình", "Model launch"),
    EventKind.TAP_HUAN: ("Tập huấn", "Training"),
    EventKind.KHAC: ("Sự kiện khác", "Other event"),
}

PARTS_OF_DAY: dict[PartOfDay, Pair] = {
    PartOfDay.SANG: ("Buổi sáng", "Morning"),
    PartOfDay.TRUA: ("Buổi trưa", "Midday"),
    PartOfDay.CHIEU: ("Buổi chiều", "Afternoon"),
    PartOfDay.TOI: ("Buổi tối", "Evening"),
}

PROGRAMME_KINDS: dict[ProgrammeKind, Pair] = {
    ProgrammeKind.BAO_CAO: ("Báo cáo", "Report"),
    ProgrammeKind.PHAT_BIEU: ("Phát biểu", "Speech"),
    ProgrammeKind.KHEN_THUONG: ("Khen thưởng", "Commendations"),
    ProgrammeKind.PHAT_DONG: ("Phát động", "Launch of the movement"),
    ProgrammeKind.KY_GIAO_UOC: ("Ký giao ước thi đua", "Signing of the pledge"),
    ProgrammeKind.DIEN_DAN: ("Diễn đàn", "Forum"),
    ProgrammeKind.VAN_NGHE: ("Văn nghệ", "Culture and arts"),
    ProgrammeKind.THE_THAO: ("Thể thao", "Sports"),
    ProgrammeKind.KHAC: ("Khác", "Other"),
}

#: Kind words of administrative units: Vietnamese precedes the name ("xã Khuôn Hà"),
#: English follows it ("Khuôn Hà commune").
UNIT_KINDS: dict[UnitKind, Pair] = {
    UnitKind.TINH: ("tỉnh", "province"),
    UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG: ("thành phố", "city"),
    UnitKind.HUYEN: ("huyện", "district"),
    UnitKind.QUAN: ("quận", "urban district"),
    UnitKind.THI_XA: ("thị xã", "town"),
    UnitKind.THANH_PHO_THUOC_TINH: ("thành phố", "city"),
    UnitKind.XA: ("xã", "commune"),
    UnitKind.PHUONG: ("phường", "ward"),
    UnitKind.THI_TRAN: ("thị trấn", "township"),
    UnitKind.DAC_KHU: ("đặc khu", "special zone"),
}

_WORDS: dict[str, Pair] = {
    "theme": ("Chủ đề", "Theme"),
    "purpose": ("Mục đích", "Purpose"),
    "sites": ("Địa điểm", "Venues"),
    "organiser": ("Đơn vị tổ chức", "Organiser"),
    "delegates": ("Đại biểu", "Delegates"),
    "programme": ("Chương trình", "Programme"),
    "pledges": ("Giao ước thi đua", "Pledges"),
    "parent": ("Trong khuôn khổ", "Part of"),
    "parties": ("Các bên ký", "Signed by"),
    "zone": (
        "Giờ địa phương theo múi giờ ghi trong dữ liệu (không nhận diện được)",
        "Local time in the time zone given by the data (not recognised)",
    ),
    "window": ("Cao điểm tổ chức Ngày hội ở cơ sở", "Window for the communes' festival"),
    "festival_day": ("Ngày hội toàn dân bảo vệ an ninh Tổ quốc", "All-people festival day"),
    "assessment": (
        "Kỳ đánh giá “An toàn về an ninh, trật tự”",
        "Assessment period “An toàn về an ninh, trật tự”",
    ),
    "deadline": ("Hạn đề nghị phân loại phong trào", "Deadline for movement classification"),
    "campaign": ("Lịch phong trào", "Movement calendar"),
    "basis": ("Căn cứ", "Basis"),
    "plan": ("Kế hoạch", "Plan"),
    "before": ("trước ngày", "before"),
    "unnamed": ("một đại biểu", "a delegate"),
}


_TABLES: dict[type[StrEnum], dict[Any, Pair]] = {
    EventKind: EVENT_KINDS,
    PartOfDay: PARTS_OF_DAY,
    ProgrammeKind: PROGRAMME_KINDS,
    UnitKind: UNIT_KINDS,
}


def _pick(pair: Pair, language: Language) -> str:
    return pair[1] if language is Language.EN else pair[0]


def label(value: StrEnum, language: Language) -> str:
    """The label of an enum member, or its slug when no label is known.

    >>> label(EventKind.DIEN_DAN, Language.VI), label(PartOfDay.CHIEU, Language.EN)
    ('Diễn đàn', 'Afternoon')
    >>> label(ProgrammeKind.KHAC, Language.VI)
    'Khác'
    """
    # Pick the table by type: "khac" is both an EventKind and a ProgrammeKind,
    # and StrEnum members of different enums with one value compare equal.
    table: dict[Any, Pair] = _TABLES.get(type(value), {})
    pair = table.get(value)
    return str(value.value) if pair is None else _pick(pair, language)


def word(key: str, language: Language) -> str:
    """A heading or phrase of the calendar by key.

    >>> word("delegates", Language.VI)
    'Đại biểu'
    """
    return _pick(_WORDS[key], language)
