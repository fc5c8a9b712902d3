"""The languages khuonha writes labels in: one :class:`Language` for labels and exporters."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Language", "with_article"]


class Language(StrEnum):
    """Language of the labels written for people (the data itself is never translated).

    >>> Language("en") is Language.EN
    True
    """

    VI = "vi"
    EN = "en"


def with_article(word: str) -> str:
    """*word* after the English indefinite article its first letter calls for, for messages.

    >>> with_article("unspecified"), with_article("open_start"), with_article("recurring")
    ('an unspecified', 'an open_start', 'a recurring')
    """
    return ("an " if word[:1].lower() in "aeiou" and word else "a ") + word
