"""News items (tin, bài): what commune portals publish; the origin article is one."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.dates import ReducedDate
from khuonha.model.fields import (
    SCHEMA,
    check_day,
    check_moment,
    id_field,
    ref_field,
    ref_tuple,
    text,
    text_optional,
    text_tuple,
    tuple_of,
)
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields

__all__ = ["NewsItem", "Photo", "check_url"]

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


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Photo(Record):
    """A photo of a news item: its caption and credit as written (facts in captions count)."""

    caption: str | None = text_optional()
    credit: str | None = text_optional()
    """Who took or supplied it ("Ảnh: Cổng thông tin điện tử Lào Cai")."""

    def __attrs_post_init__(self) -> None:
        if self.caption is None and self.credit is None:
            raise InvalidDataError("a photo needs a caption or a credit")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class NewsItem(Record):
    """A news item (tin, bài) as published.

    - ``title``, ``lead`` (sapo) and ``body``: as written, NFC only; ``title``
      is ``None`` when the source copy has none (never a made-up title);
    - ``published_at`` (with its UTC offset), ``published_on`` when only the
      day is known, or ``published_in`` when only the month or year is; all
      ``None`` when the source gives no date; never more than one;
    - ``authors``: the names in the byline, as written; ``byline`` the line itself;
    - ``photos``: captions and photo credits, as written;
    - ``url``: the source link, when known; never invented;
    - ``events``: ids of the events it reports.
    """

    id: str = id_field()
    title: str | None = text_optional()
    lead: str | None = text_optional()
    body: str | None = text_optional()
    published_at: datetime | None = attrs.field(default=None, validator=check_moment)
    published_on: date | None = attrs.field(default=None, validator=check_day)
    published_in: ReducedDate | None = None
    authors: tuple[str, ...] = text_tuple()
    byline: str | None = text_optional()
    url: str | None = url_field()
    publisher: str | None = ref_field(to=("organizations",))
    language: str = text(default="vi")
    categories: tuple[str, ...] = text_tuple()
    photos: tuple[Photo, ...] = tuple_of(Photo)
    events: tuple[str, ...] = ref_tuple(to=("events",))

    @property
    def published_day(self) -> date | None:
        """The publication day, from ``published_at`` or ``published_on``."""
        if self.published_at is not None:
            return self.published_at.date()
        return self.published_on

    @property
    def captions(self) -> tuple[str, ...]:
        """The photo captions, in order."""
        return tuple(p.caption for p in self.photos if p.caption is not None)

    def __attrs_post_init__(self) -> None:
        if self.published_in is not None and (
            self.published_at is not None or self.published_on is not None
        ):
            raise InvalidDataError(
                "published_in is for a month or year only: leave it out when the day is known",
                field="published_in",
            )
