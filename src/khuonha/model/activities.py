"""Outreach activities and their statistics (hoạt động, số liệu).

Activity kinds are an open set of slugs, so a new kind needs no schema
change; the kinds the library knows are listed in :data:`ACTIVITY_KINDS`
with their Vietnamese and English names.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import (
    SCHEMA,
    id_field,
    ref_field,
    ref_tuple,
    text_optional,
)
from khuonha.text.periods import Period
from khuonha.text.quantities import Quantity

__all__ = ["ACTIVITY_KINDS", "Activity"]

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

_KIND = re.compile(r"[a-z][a-z0-9_]*\Z")


def _check_kind(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or len(value) > 80 or _KIND.match(value) is None:
        raise InvalidDataError(
            f"expected an activity kind slug (lower-case ASCII and _), got {value!r:.60}",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Activity:
    """A statistic of an activity over a period ("tuyên truyền được 92 lượt/ 10 thôn bản").

    - ``kind``: a slug, see :data:`ACTIVITY_KINDS`;
    - ``quantity``: the figure, with its qualifier and unit;
    - ``actor``: the organisation that did it; ``jointly`` when the text says
      it was done together with others ("phối hợp");
    - ``channel``: the means as written ("hệ thống loa pin");
    - ``covered``: ids of the units it reached;
    - ``part_of``: the activity this figure belongs to (attendees of sessions);
    - ``subjects``: ids of the people concerned; personal data, never public.
    """

    id: str = id_field()
    kind: str = attrs.field(
        validator=_check_kind, metadata={SCHEMA: {"pattern": "^[a-z][a-z0-9_]*$", "maxLength": 80}}
    )
    quantity: Quantity
    period: Period | None = None
    actor: str | None = ref_field()
    jointly: bool = False
    channel: str | None = text_optional()
    covered: tuple[str, ...] = ref_tuple()
    part_of: str | None = ref_field()
    description: str | None = text_optional()
    subjects: tuple[str, ...] = ref_tuple(sensitive=True)
    sources: tuple[str, ...] = ref_tuple()

    @property
    def kind_label(self) -> str:
        """The Vietnamese name of the kind, or the slug when the kind is not known."""
        known = ACTIVITY_KINDS.get(self.kind)
        return known[0] if known else self.kind
