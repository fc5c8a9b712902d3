"""Outreach activities and their statistics (hoạt động, số liệu).

Activity kinds are an open set of slugs, so a new kind needs no schema
change; the kinds the library knows are listed in :data:`ACTIVITY_KINDS`
with their Vietnamese and English names.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.dates import KindLabel
from khuonha.model.fields import (
    SCHEMA,
    id_field,
    ref_field,
    ref_tuple,
    text_optional,
    text_tuple,
    tuple_of,
)
from khuonha.model.provenance import Provenance
from khuonha.text._record import Record
from khuonha.text.fields import STR_RULE, typed_fields
from khuonha.text.periods import Period
from khuonha.text.quantities import Quantity

__all__ = ["ACTIVITY_KINDS", "Activity", "Change", "StatisticRole"]

#: Known activity kinds: slug → (Vietnamese, English). Other slugs are allowed.
ACTIVITY_KINDS: dict[str, tuple[str, str]] = {
    "tuyen_truyen": ("Tuyên truyền", "Outreach sessions"),
    "luot_nguoi_nghe": ("Lượt người tham gia nghe", "Attendee turns"),
    "tuyen_truyen_luu_dong": ("Tuyên truyền lưu động", "Mobile loudspeaker sessions"),
    "tin_truyen_thanh": ("Tin trên hệ thống truyền thanh", "Radio news items"),
    "bai_viet": ("Tin, bài viết", "Articles published"),
    "gap_go_giao_duc": ("Gặp gỡ giáo dục", "People met and educated"),
    "goi_hoi_ran_de": ("Gọi hỏi, răn đe", "People summoned and warned"),
    "dinh_huong_viec_lam": (
        "Định hướng việc làm cho người chấp hành xong án phạt tù",
        "Released prisoners helped to find work",
    ),
    "cam_ket": ("Ký cam kết", "Pledges signed by households"),
    "tuan_tra": ("Tuần tra", "Patrols"),
    "hoa_giai": ("Hòa giải", "Disputes mediated"),
    "tin_bao_to_giac": ("Tin báo, tố giác tội phạm", "Crime reports from residents"),
    "thu_hoi_vu_khi": ("Thu hồi vũ khí, vật liệu nổ", "Weapons and explosives collected"),
    "hoc_tap_phap_luat": ("Phổ biến, giáo dục pháp luật", "Legal education sessions"),
}


class StatisticRole(StrEnum):
    """What a figure is: a result, a target, a baseline or a profile figure."""

    RESULT = "result"
    """Something done or achieved in the period ("tuyên truyền được 15 buổi")."""
    TARGET = "target"
    """What is aimed at ("phấn đấu 100% số hộ …", "chỉ tiêu năm 2026"); see ``deadline``."""
    BASELINE = "baseline"
    """Where things stand before an effort ("cơ bản đạt 28/34 tiêu chí", "so với năm 2017")."""
    PROFILE = "profile"
    """A figure describing the place: population, area, households, residential areas, a share
    of the population ("gần 20% dân số là người dân tộc thiểu số")."""


class Change(StrEnum):
    """Which way a figure moved against the period it is compared with ("tăng", "giảm")."""

    INCREASE = "increase"
    """"tăng 14 xã so với năm 2017": the quantity is the rise."""
    DECREASE = "decrease"
    """"giảm 3 vụ so với cùng kỳ": the quantity is the fall."""


_KIND = re.compile(r"[a-z][a-z0-9_]*\Z")


def _check_kind(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or len(value) > 80 or _KIND.match(value) is None:
        raise InvalidDataError(
            f"expected an activity kind slug (lower-case ASCII and _), got {value!r:.60}",
            field=attribute.name,
        )


vars(_check_kind)[STR_RULE] = (_KIND.match, 80, False)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Activity(Record):
    """A statistic over a period ("tuyên truyền được 92 lượt/ 10 thôn bản").

    - ``kind``: a slug, see :data:`ACTIVITY_KINDS`; a kind not listed there
      needs a ``label`` with its name in words;
    - ``quantity``: the figure as written, with its qualifier and unit
      ("100% số hộ" is 100 with the unit "%");
    - ``role``: a result (the default), a target, a baseline or a profile figure;
      a target gives its ``deadline`` when the text does, and the ``phases`` it is
      pursued in, as written ("Giai đoạn 1 từ tháng 3 – 6/2025"; they may overlap);
    - ``change`` and ``compared_with``: the figure is a change, up or down, against
      another period ("tăng 14 xã so với năm 2017": 14, an increase, against 2017);
      such a figure has a kind of its own, so it is never added to a level;
    - ``programme``: the programme a figure belongs to when it is not the movement
      ("nông thôn mới"): a look-alike, kept apart;
    - ``actor``: the organisation that did it; ``jointly`` when the text says
      it was done together with others, ``partners`` the bodies named ("phối hợp với …");
    - ``event``: the event it happened at; ``recipients`` who it went to
      ("03 tin cung cấp cho cảnh sát khu vực"), ``recipients_text`` as written;
    - ``topics``: what it was about, as written ("phòng, chống ma túy");
    - ``channel``: the means as written ("hệ thống loa pin");
    - ``covered``: ids of the units or areas it reached (or counts over, for a roll-up);
    - ``part_of``: the activity this figure belongs to (attendees of sessions);
    - ``subjects``: ids of the people concerned; personal data, never public.
    """

    id: str = id_field()
    kind: str = attrs.field(
        validator=_check_kind, metadata={SCHEMA: {"pattern": "^[a-z][a-z0-9_]*$", "maxLength": 80}}
    )
    quantity: Quantity
    label: KindLabel | None = None
    role: StatisticRole = StatisticRole.RESULT
    period: Period | None = None
    deadline: Period | None = None
    phases: tuple[Period, ...] = tuple_of(Period)
    change: Change | None = None
    compared_with: Period | None = None
    programme: str | None = text_optional()
    actor: str | None = ref_field(to=("organizations",))
    jointly: bool = False
    partners: tuple[str, ...] = ref_tuple(to=("organizations",))
    event: str | None = ref_field(to=("events",))
    recipients: tuple[str, ...] = ref_tuple(to=("organizations", "posts", "people"))
    recipients_text: str | None = text_optional()
    topics: tuple[str, ...] = text_tuple()
    channel: str | None = text_optional()
    covered: tuple[str, ...] = ref_tuple(to=("units", "areas", "organizations"))
    part_of: str | None = ref_field(to=("activities",))
    description: str | None = text_optional()
    subjects: tuple[str, ...] = ref_tuple(to=("people",), sensitive=True)
    sources: tuple[str, ...] = ref_tuple(to=("news",))
    provenance: Provenance | None = None

    @property
    def kind_label(self) -> str:
        """The Vietnamese name of the kind: its own label, the known name, else the slug."""
        if self.label is not None:
            return self.label.vi
        known = ACTIVITY_KINDS.get(self.kind)
        return known[0] if known else self.kind

    def label_in(self, language: str) -> str:
        """The name of the kind in *language* ("vi" or "en")."""
        if self.label is not None:
            return self.label.text_in(language)
        known = ACTIVITY_KINDS.get(self.kind)
        if known is None:
            return self.kind
        return known[1] if language == "en" else known[0]

    def __attrs_post_init__(self) -> None:
        if self.label is None and self.kind not in ACTIVITY_KINDS:
            raise InvalidDataError(
                f"the kind {self.kind!r:.60} is not one the library knows: "
                "give its name in words (label.vi)",
                field="label",
                code="unlabelled_kind",
            )
        if self.deadline is not None and self.role is not StatisticRole.TARGET:
            raise InvalidDataError("only a target has a deadline", field="deadline")
        if self.phases and self.role is not StatisticRole.TARGET:
            raise InvalidDataError("only a target has phases", field="phases")
        if self.compared_with is not None and self.change is None:
            raise InvalidDataError(
                "a figure compared with another period says which way it changed "
                "(change: increase or decrease)",
                field="change",
            )
