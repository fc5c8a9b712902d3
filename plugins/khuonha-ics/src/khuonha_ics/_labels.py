"""Words only the calendar writes, in Vietnamese and English.

The data itself is never translated: names, roles and titles stay as written.
Kinds of events and programme items, parts of the day and units are named by
the core (:func:`khuonha.label`, :func:`khuonha.unit_name`); this module holds
the calendar's own headings and phrases.
"""

from __future__ import annotations

import khuonha
from khuonha import Event, EventKind, Language, PartOfDay, WordTable

__all__ = ["WORDS", "category", "part_of_day_label", "word"]

#: The calendar's headings and phrases, key -> (Vietnamese, English).
WORDS = WordTable(
    {
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
)

#: Short English CATEGORIES where the core's label is too long for a calendar's tag list.
_SHORT_CATEGORIES_EN: dict[EventKind, str] = {EventKind.NGAY_HOI: "All-people festival"}


def word(key: str, language: Language) -> str:
    """A heading or phrase of the calendar by key.

    >>> word("delegates", Language.VI)
    'Đại biểu'
    """
    return WORDS(key, language)


def part_of_day_label(value: PartOfDay, language: Language) -> str:
    """The part of the day as the description's first sentence names it.

    The core's label, after "Buổi" in Vietnamese, where it stands alone:

    >>> part_of_day_label(PartOfDay.CHIEU, Language.VI)
    'Buổi chiều'
    >>> part_of_day_label(PartOfDay.CHIEU, Language.EN)
    'Afternoon'
    """
    text = khuonha.label(value, language)
    return text if language is Language.EN else f"Buổi {text.lower()}"


def category(event: Event | EventKind, language: Language) -> str:
    """The CATEGORIES tag of an event: its own label of its kind, else the core's, short in English.

    >>> category(EventKind.NGAY_HOI, Language.EN), category(EventKind.DIEN_DAN, Language.VI)
    ('All-people festival', 'Diễn đàn')

    An event of another kind that names it ("Lễ ra mắt mô hình") is tagged with those words,
    never "Sự kiện khác".
    """
    if isinstance(event, Event):
        if event.kind_label is not None:
            return khuonha.label(event, language)
        event = event.kind
    if language is Language.EN and event in _SHORT_CATEGORIES_EN:
        return _SHORT_CATEGORIES_EN[event]
    return khuonha.label(event, language)
