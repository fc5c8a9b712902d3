"""The languages khuonha writes labels in: one :class:`Language` for labels and exporters."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Language"]


class Language(StrEnum):
    """Language of the labels written for people (the data itself is never translated).

    >>> Language("en") is Language.EN
    True
    """

    VI = "vi"
    EN = "en"
