"""News items (tin, bài): what commune portals publish; the origin article is one."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import (
    SCHEMA,
    check_aware,
    check_date,
    id_field,
    ref_field,
    ref_tuple,
    text,
    text_optional,
    text_tuple,
)

__all__ = ["NewsItem", "check_url"]

_URL = re.compile(r"https?://[^\s/?#<>\"'\\]+[^\s<>\"\\]*\Z", re.ASCII)
URL_PATTERN = r"^https?://[^\s/?#<>\"'\\]+[^\s<>\"\\]*$"


def check_url(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an absolute http(s) URL without spaces or control characters, or ``None``."""
    if value is None:
        return
    if not isinstance(value, str) or len(value) > 2000 or _URL.match(value) is None:
        raise InvalidDataError(
            f"expected an absolute http(s) URL, got {value!r:.80}", field=attribute.name
        )


def url_field() -> Any:
    """An optional URL field."""
    return attrs.field(
        default=None,
        validator=check_url,
        metadata={SCHEMA: {"pattern": URL_PATTERN, "maxLength": 2000}},
    )


@attrs.frozen(kw_only=True)
class NewsItem:
    """A news item (tin, bài) as published.

    - ``title``, ``lead`` (sapo) and ``body``: as written, NFC only;
    - ``published_at`` (with its UTC offset) or ``published_on`` when only
      the day is known; both ``None`` when the source gives no date;
    - ``authors``: the names in the byline, as written; ``byline`` the line itself;
    - ``url``: the source link, when known; never invented;
    - ``events``: ids of the events it reports.
    """

    id: str = id_field()
    title: str = text()
    lead: str | None = text_optional()
    body: str | None = text_optional()
    published_at: datetime | None = attrs.field(default=None, validator=check_aware)
    published_on: date | None = attrs.field(default=None, validator=check_date)
    authors: tuple[str, ...] = text_tuple()
    byline: str | None = text_optional()
    url: str | None = url_field()
    publisher: str | None = ref_field()
    language: str = text(default="vi")
    categories: tuple[str, ...] = text_tuple()
    captions: tuple[str, ...] = text_tuple()
    events: tuple[str, ...] = ref_tuple()

    @property
    def published_day(self) -> date | None:
        """The publication day, from ``published_at`` or ``published_on``."""
        if self.published_at is not None:
            return self.published_at.date()
        return self.published_on
