"""Self-managed groups, movement models and grassroots forces.

Tổ tự quản and mô hình are movement models; tổ dân phòng belongs to fire
prevention; cụm liên kết is an agreement between neighbouring units; the Tổ
bảo vệ an ninh, trật tự exists by law from 1/7/2024.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.dates import KindLabel
from khuonha.model.fields import (
    check_day,
    check_non_negative,
    id_field,
    ref_field,
    ref_tuple,
    text_optional,
)
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields
from khuonha.text.quantities import Quantity

__all__ = ["Group", "GroupKind"]

#: The day Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở (30/2023/QH15) took effect.
GRASSROOTS_FORCE_LAW = date(2024, 7, 1)


class GroupKind(StrEnum):
    """Kind of group or model."""

    TO_TU_QUAN = "to_tu_quan"
    """Tổ tự quản (về ANTT): a self-managed group, a movement model."""
    MO_HINH = "mo_hinh"
    """Mô hình phong trào toàn dân BVANTQ: any other movement model."""
    TO_DAN_PHONG = "to_dan_phong"
    """Tổ (đội) dân phòng: civil fire-safety team."""
    CUM_LIEN_KET = "cum_lien_ket"
    """Cụm liên kết bảo đảm ANTT at boundary areas (địa bàn giáp ranh)."""
    TO_BAO_VE_ANTT = "to_bao_ve_antt"
    """Tổ bảo vệ an ninh, trật tự ở cơ sở (from 1/7/2024)."""
    BAO_VE_DAN_PHO = "bao_ve_dan_pho"
    """Ban bảo vệ dân phố (merged into the grassroots force in 2024)."""
    TO_HOA_GIAI = "to_hoa_giai"
    """Tổ hòa giải ở cơ sở: a mediation team."""
    TO_LIEN_GIA = "to_lien_gia"
    """Tổ liên gia (tự quản): households grouped to watch over each other."""
    TO_AN_NINH_NHAN_DAN = "to_an_ninh_nhan_dan"
    """Tổ an ninh nhân dân."""
    NHOM_HOI_HIEU = "nhom_hoi_hieu"
    """Nhóm (tổ) "Hội hiếu": funeral mutual-aid groups, counted among the models."""
    BAN_DIEU_HANH_KHU_PHO = "ban_dieu_hanh_khu_pho"
    """Ban điều hành khu phố (thôn, tổ dân phố)."""
    KHAC = "khac"
    """Any other kind: ``kind_label`` names it."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Group(Record):
    """A group or model (tổ, mô hình), one or counted.

    - ``host``: id of the organisation or area it sits in (THCS Khuôn Hà);
    - ``covered``: ids of the units it covers;
    - ``count``: how many such groups the text reports, when it counts them,
      and ``as_of`` the day the count stands for ("hiện nay"), when known;
    - ``coverage``: a coverage statement as written ("tại các thôn bản đều có");
    - ``description``: the text as written.
    """

    id: str = id_field()
    kind: GroupKind
    kind_label: KindLabel | None = None
    name: str | None = text_optional()
    host: str | None = ref_field(to=("organizations", "areas", "units"))
    unit: str | None = ref_field(to=("units",))
    covered: tuple[str, ...] = ref_tuple(to=("units", "areas", "organizations"))
    count: Quantity | None = None
    members: Quantity | None = None
    """How many members in all ("12 tổ với 39 thành viên": 39)."""
    members_each: int | None = attrs.field(default=None, validator=check_non_negative)
    """How many members each group has, when the text says ("mỗi tổ có 03 thành viên")."""
    coverage: str | None = text_optional()
    focus: str | None = text_optional()
    """What it manages, as written ("về ANTT")."""
    established_on: date | None = attrs.field(default=None, validator=check_day)
    dissolved_on: date | None = attrs.field(default=None, validator=check_day)
    as_of: date | None = attrs.field(default=None, validator=check_day)
    """The day a count or state is given for ("hiện nay có 09 tổ hòa giải" in a report
    made at a conference): a point in time, not a period."""
    active: bool = True
    description: str | None = text_optional()
    sources: tuple[str, ...] = ref_tuple(to=("news",))

    @property
    def total_members(self) -> int | None:
        """Members in all: as given, or the count times the members of each, else ``None``."""
        if self.members is not None:
            return int(self.members.value)
        if self.members_each is not None and self.count is not None:
            return int(self.count.value) * self.members_each
        if self.members_each is not None and self.count is None:
            return self.members_each
        return None

    def __attrs_post_init__(self) -> None:
        if self.kind is GroupKind.KHAC and self.kind_label is None:
            raise InvalidDataError(
                "a group of kind 'khac' needs a kind_label naming its kind", field="kind_label"
            )
        if (
            self.kind is GroupKind.TO_BAO_VE_ANTT
            and self.established_on is not None
            and self.established_on < GRASSROOTS_FORCE_LAW
        ):
            raise InvalidDataError(
                f"a Tổ bảo vệ ANTT cannot exist before {GRASSROOTS_FORCE_LAW}, "
                f"got {self.established_on}",
                field="established_on",
            )
        if self.established_on and self.dissolved_on and self.dissolved_on < self.established_on:
            raise InvalidDataError(
                "dissolved_on must not be before established_on", field="dissolved_on"
            )
        if self.established_on and self.as_of and self.as_of < self.established_on:
            raise InvalidDataError(
                f"as_of ({self.as_of}) must not be before established_on ({self.established_on})",
                field="as_of",
            )
