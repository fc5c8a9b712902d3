"""The words only the feeds write, in Vietnamese and English.

Only these words and the core's labels (:func:`khuonha.label`: event kinds,
parts of the day, unit types; :func:`khuonha.unit_name`) change with the
``language`` option; the data (titles, leads, names, categories as written)
is never translated. Every string here is NFC (a test checks it), so the
feeds never re-normalise them.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

import khuonha
from khuonha import Language, WordTable

__all__ = ["LABELS", "label", "word"]

#: key -> (Vietnamese, English)
LABELS: Final[WordTable] = WordTable(
    {
        # Item categories: what kind of record the item comes from.
        "cat.news": ("Tin tức", "News"),
        "cat.event": ("Sự kiện", "Events"),
        "cat.certification": ("Công nhận An toàn về ANTT", "Security and order certification"),
        # Event summary lines.
        "when": ("Thời gian", "When"),
        "where": ("Địa điểm", "Where"),
        "delegates": ("Đại biểu", "Delegates"),
        # Certification titles (khuonha.model.certification.Result).
        "result.dat": (
            "Đạt chuẩn “An toàn về an ninh, trật tự”",
            "Meets the “An toàn về an ninh, trật tự” standard",
        ),
        "result.chua_dat": (
            "Chưa đạt chuẩn “An toàn về an ninh, trật tự”",
            "Does not yet meet the “An toàn về an ninh, trật tự” standard",
        ),
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
    }
)


def label(key: str, language: Language) -> str:
    """Return the label *key* in *language*.

    >>> label("cat.news", Language.EN)
    'News'
    >>> label("when", Language.VI)
    'Thời gian'
    """
    return LABELS(key, language)


def word(value: Enum, language: Language) -> str:
    """The core's label of *value* (:func:`khuonha.label`) as it reads inside a sentence.

    >>> from khuonha import PartOfDay
    >>> word(PartOfDay.CHIEU, Language.VI), word(PartOfDay.CHIEU, Language.EN)
    ('chiều', 'afternoon')
    """
    return khuonha.label(value, language).lower()
