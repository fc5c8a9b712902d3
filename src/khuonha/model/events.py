"""Events: the Ngày hội toàn dân bảo vệ an ninh Tổ quốc, forums, launches ….

An event has a date or a date range, optionally a time or a part of the day
("chiều ngày 10/8"), one or several sites, an organiser, delegates (by name
and post, or by role when the text names nobody), programme items and pledge
signings. A sub-event (the forum "Công an lắng nghe ý kiến Nhân dân" held
within the Ngày hội) points to its ``parent``.
"""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import (
    check_date,
    check_time,
    id_field,
    ref_field,
    ref_tuple,
    text,
    text_optional,
    tuple_of,
)
from khuonha.text.quantities import Quantity

__all__ = [
    "Delegate",
    "Event",
    "EventKind",
    "PartOfDay",
    "Pledge",
    "ProgrammeItem",
    "ProgrammeKind",
    "Site",
]

TIMEZONE = "Asia/Ho_Chi_Minh"


class EventKind(StrEnum):
    """Kind of event."""

    NGAY_HOI = "ngay_hoi"
    """Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8 each year, held in a campaign window)."""
    DIEN_DAN = "dien_dan"
    """Diễn đàn "Công an lắng nghe ý kiến Nhân dân"."""
    HOI_NGHI = "hoi_nghi"
    """Hội nghị: a conference or review meeting (sơ kết, tổng kết)."""
    RA_MAT_MO_HINH = "ra_mat_mo_hinh"
    """Launch of a model."""
    TAP_HUAN = "tap_huan"
    """Training course."""
    KHAC = "khac"


class PartOfDay(StrEnum):
    """Part of the day when only that is known ("sáng", "chiều", "tối")."""

    SANG = "sang"
    TRUA = "trua"
    CHIEU = "chieu"
    TOI = "toi"


class ProgrammeKind(StrEnum):
    """Kind of programme item (phần lễ, phần hội)."""

    BAO_CAO = "bao_cao"
    """Report on the movement's results."""
    PHAT_BIEU = "phat_bieu"
    """Speech, directions."""
    KHEN_THUONG = "khen_thuong"
    """Commendations and awards."""
    PHAT_DONG = "phat_dong"
    """Launch of the movement."""
    KY_GIAO_UOC = "ky_giao_uoc"
    """Signing of an emulation pledge."""
    DIEN_DAN = "dien_dan"
    """Forum."""
    VAN_NGHE = "van_nghe"
    """Culture and arts."""
    THE_THAO = "the_thao"
    """Sports."""
    KHAC = "khac"


@attrs.frozen(kw_only=True)
class Site:
    """Where (part of) an event took place."""

    name: str | None = text_optional()
    unit: str | None = ref_field()
    """Id of the administrative unit."""
    address: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.unit is None and self.address is None:
            raise InvalidDataError("a site needs a name, a unit or an address")


@attrs.frozen(kw_only=True)
class Delegate:
    """Who attended: a named person with posts, or a role as written when unnamed.

    ``count`` holds how many, when the text gives it.
    """

    person: str | None = ref_field()
    posts: tuple[str, ...] = ref_tuple()
    role: str | None = text_optional()
    organization: str | None = ref_field()
    count: Quantity | None = None

    def __attrs_post_init__(self) -> None:
        if self.person is None and self.role is None and self.organization is None:
            raise InvalidDataError("a delegate needs a person, a role or an organization")


@attrs.frozen(kw_only=True)
class ProgrammeItem:
    """One item of an event's programme."""

    kind: ProgrammeKind
    title: str = text()
    speaker: str | None = ref_field()
    """Id of the person who spoke or presented."""
    summary: str | None = text_optional()


@attrs.frozen(kw_only=True)
class Pledge:
    """An emulation pledge signed at an event (ký giao ước thi đua).

    ``parties`` are ids of the signing organisations or people, when named;
    ``parties_text`` says who signed as the text words it.
    """

    title: str = text()
    parties: tuple[str, ...] = ref_tuple()
    parties_text: str | None = text_optional()
    signed_on: date | None = attrs.field(default=None, validator=check_date)


@attrs.frozen(kw_only=True)
class Event:
    """An event (sự kiện): a Ngày hội, a forum, a conference ….

    ``start_on`` to ``end_on`` (inclusive) give the days; ``start_time`` and
    ``end_time`` the local times in ``timezone`` when known; ``part_of_day``
    when the text gives only that.
    """

    id: str = id_field()
    kind: EventKind
    name: str = text()
    start_on: date = attrs.field(validator=check_date)
    end_on: date | None = attrs.field(default=None, validator=check_date)
    start_time: time | None = attrs.field(default=None, validator=check_time)
    end_time: time | None = attrs.field(default=None, validator=check_time)
    part_of_day: PartOfDay | None = None
    timezone: str = text(default=TIMEZONE)
    parent: str | None = ref_field()
    sites: tuple[Site, ...] = tuple_of(Site)
    organiser: str | None = ref_field()
    theme: str | None = text_optional()
    purpose: str | None = text_optional()
    delegates: tuple[Delegate, ...] = tuple_of(Delegate)
    programme: tuple[ProgrammeItem, ...] = tuple_of(ProgrammeItem)
    pledges: tuple[Pledge, ...] = tuple_of(Pledge)
    description: str | None = text_optional()
    sources: tuple[str, ...] = ref_tuple()

    @property
    def last_day(self) -> date:
        """The event's last day (its first when it lasts one day)."""
        return self.end_on or self.start_on

    def __attrs_post_init__(self) -> None:
        if self.end_on is not None and self.end_on < self.start_on:
            raise InvalidDataError(
                f"end_on ({self.end_on}) must not be before start_on ({self.start_on})",
                field="end_on",
            )
        if self.end_time is not None and self.start_time is None:
            raise InvalidDataError("end_time needs a start_time", field="end_time")
        if (
            self.start_time is not None
            and self.end_time is not None
            and self.end_on in (None, self.start_on)
            and self.end_time < self.start_time
        ):
            raise InvalidDataError("end_time must not be before start_time", field="end_time")
