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
from khuonha.model.dates import KindLabel, ReducedDate, check_one_of
from khuonha.model.fields import (
    check_day,
    check_non_negative,
    check_time,
    id_field,
    ref_field,
    ref_tuple,
    text,
    text_optional,
    tuple_of,
)
from khuonha.model.people import PoliceRank
from khuonha.model.places import UnitLevel
from khuonha.model.provenance import Provenance
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields
from khuonha.text.quantities import Quantity

__all__ = [
    "Anniversary",
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


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Site(Record):
    """Where (part of) an event took place: a residential area, a unit, or a place by name.

    ``area`` is the id of the residential area (thôn, bản, tổ dân phố, buôn,
    ấp …), ``unit`` of the administrative unit; ``name`` and ``address`` the
    place as written ("Nhà văn hóa bản Hợp Thành").
    """

    name: str | None = text_optional()
    area: str | None = ref_field(to=("areas",))
    unit: str | None = ref_field(to=("units",))
    """Id of the administrative unit."""
    address: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.unit is None and self.area is None and self.address is None:
            raise InvalidDataError("a site needs a name, an area, a unit or an address")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Anniversary(Record):
    """An anniversary an event marks ("80 năm … (19/8/1945 - 19/8/2025)").

    - ``of``: what is commemorated, as written ("Ngày truyền thống lực lượng Công an nhân dân");
    - ``since_on`` (a day) or ``since_in`` (a month or year): when it began, when the text says;
    - ``years``: how many years, when the text says;
    - ``text``: the words as written.
    """

    of: str = text()
    since_on: date | None = attrs.field(default=None, validator=check_day)
    since_in: ReducedDate | None = None
    years: int | None = attrs.field(default=None, validator=check_non_negative)
    text: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        check_one_of(self, "since_on", "since_in")
        if self.since_on is None and self.since_in is None and self.years is None:
            raise InvalidDataError(
                "an anniversary needs its start or its number of years", field="years"
            )
        if self.years is not None and self.years > 2000:
            raise InvalidDataError(f"expected a number of years, got {self.years}", field="years")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Delegate(Record):
    """Who attended: a named person with posts, or a role as written when unnamed.

    ``count`` holds how many, when the text gives it.
    """

    person: str | None = ref_field(to=("people",))
    rank: PoliceRank | None = None
    """The police rank written beside the posts ("Đại tá"), when given."""
    posts: tuple[str, ...] = ref_tuple(to=("posts",))
    role: str | None = text_optional()
    organization: str | None = ref_field(to=("organizations",))
    count: Quantity | None = None

    def __attrs_post_init__(self) -> None:
        if self.person is None and self.role is None and self.organization is None:
            raise InvalidDataError("a delegate needs a person, a role or an organization")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class ProgrammeItem(Record):
    """One item of an event's programme.

    An item of a kind :class:`ProgrammeKind` does not list ("tham luận",
    "trao quà") is ``khac`` with its ``kind_label``, so no export shows "other".
    """

    kind: ProgrammeKind
    title: str = text()
    kind_label: KindLabel | None = None
    """The kind in words, when ``kind`` is ``khac``."""
    speaker: str | None = ref_field(to=("people",))
    """Id of the person who spoke or presented."""
    summary: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if self.kind_label is not None and self.kind is not ProgrammeKind.KHAC:
            raise InvalidDataError(
                f"a kind in words (kind_label) is for the kind 'khac', not {self.kind.value!r}",
                field="kind_label",
            )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Pledge(Record):
    """An emulation pledge signed at an event (ký giao ước thi đua).

    ``parties`` are ids of the signing organisations or people, when named;
    ``parties_text`` says who signed as the text words it.
    """

    title: str = text()
    parties: tuple[str, ...] = ref_tuple(to=("organizations", "people", "areas", "units"))
    parties_text: str | None = text_optional()
    signed_on: date | None = attrs.field(default=None, validator=check_day)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Event(Record):
    """An event (sự kiện): a Ngày hội, a forum, a conference ….

    - ``start_on`` to ``end_on`` (inclusive) give the days; when only the month
      or the year is known, ``start_in`` holds it instead (an event has one or
      the other, never neither); ``start_time`` and ``end_time`` the local
      times in ``timezone`` when known; ``part_of_day`` when the text gives only that;
    - ``sites``: where, linking residential areas or units; ``site_count`` how
      many sites a multi-site day had, as written ("tại 9/9 khu dân cư",
      "100% xã, thị trấn"), with or without the list;
    - ``pilot``: a pilot site (điểm) chosen by the ``pilot_level`` ("điểm của huyện");
    - ``anniversaries``: what the event commemorates, as data;
    - ``kind_label``: the kind in words when ``kind`` is ``khac``.
    """

    id: str = id_field()
    kind: EventKind
    name: str = text()
    kind_label: KindLabel | None = None
    start_on: date | None = attrs.field(default=None, validator=check_day)
    start_in: ReducedDate | None = None
    end_on: date | None = attrs.field(default=None, validator=check_day)
    start_time: time | None = attrs.field(default=None, validator=check_time)
    end_time: time | None = attrs.field(default=None, validator=check_time)
    part_of_day: PartOfDay | None = None
    timezone: str = text(default=TIMEZONE)
    parent: str | None = ref_field(to=("events",))
    sites: tuple[Site, ...] = tuple_of(Site)
    site_count: Quantity | None = None
    pilot: bool = False
    pilot_level: UnitLevel | None = None
    organiser: str | None = ref_field(to=("organizations",))
    organiser_text: str | None = text_optional()
    """The organiser as written, when it is not a record ("Hội đồng bảo vệ an ninh trật tự xã")."""
    theme: str | None = text_optional()
    purpose: str | None = text_optional()
    anniversaries: tuple[Anniversary, ...] = tuple_of(Anniversary)
    delegates: tuple[Delegate, ...] = tuple_of(Delegate)
    programme: tuple[ProgrammeItem, ...] = tuple_of(ProgrammeItem)
    pledges: tuple[Pledge, ...] = tuple_of(Pledge)
    description: str | None = text_optional()
    sources: tuple[str, ...] = ref_tuple(to=("news",))
    provenance: Provenance | None = None

    @property
    def first_day(self) -> date | None:
        """The event's first day, ``None`` when only its month or year is known."""
        return self.start_on

    @property
    def last_day(self) -> date | None:
        """The event's last day (its first when it lasts one day); ``None`` when not known."""
        return self.end_on or self.start_on

    @property
    def year(self) -> int:
        """The year the event began."""
        if self.start_on is not None:
            return self.start_on.year
        return self.start_in.year  # type: ignore[union-attr]  # one of the two, always

    def __attrs_post_init__(self) -> None:
        if self.start_on is None and self.start_in is None:
            raise InvalidDataError(
                "an event needs its day (start_on) or, when only that is known, "
                "its month or year (start_in)",
                field="start_on",
            )
        check_one_of(self, "start_on", "start_in")
        if self.start_on is None:
            for name in ("end_on", "start_time", "end_time", "part_of_day"):
                if getattr(self, name) is not None:
                    raise InvalidDataError(f"{name} needs the day (start_on)", field=name)
        if self.pilot_level is not None and not self.pilot:
            raise InvalidDataError("pilot_level needs pilot: true", field="pilot_level")
        if self.end_on is not None and self.start_on is not None and self.end_on < self.start_on:
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
