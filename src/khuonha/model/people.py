"""People, organisations, posts and memberships (Popolo-like).

A :class:`Post` is a position independent of its holder ("Chủ tịch HĐND
huyện"); a :class:`Membership` puts a person in a post for a time. One
person may hold several posts at once, as Đặng Văn Sình does in the origin
article.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.dates import KindLabel
from khuonha.model.fields import (
    REFERS_TO,
    SCHEMA,
    SENSITIVE,
    check_date,
    check_required_id,
    id_field,
    ref_field,
    text,
    text_optional,
    tuple_of,
)
from khuonha.model.places import Identifier
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields

__all__ = [
    "EducationLevel",
    "EnterpriseSize",
    "Membership",
    "Organization",
    "OrganizationKind",
    "Person",
    "PoliceRank",
    "Post",
]


class OrganizationKind(StrEnum):
    """Kind of organisation (tổ chức)."""

    PARTY_COMMITTEE = "party_committee"
    """Đảng ủy, Huyện ủy, Tỉnh ủy."""
    PARTY_CELL = "party_cell"
    """Chi bộ."""
    PEOPLES_COUNCIL = "peoples_council"
    """Hội đồng nhân dân (HĐND)."""
    PEOPLES_COMMITTEE = "peoples_committee"
    """Ủy ban nhân dân (UBND)."""
    FATHERLAND_FRONT = "fatherland_front"
    """Ủy ban Mặt trận Tổ quốc (UBMTTQ)."""
    MASS_ORGANIZATION = "mass_organization"
    """Đoàn thể chính trị - xã hội."""
    POLICE = "police"
    """Công an (tỉnh, huyện, xã)."""
    STEERING_COMMITTEE = "steering_committee"
    """Ban Chỉ đạo (BCĐ) phòng, chống tội phạm … và xây dựng Phong trào toàn dân BVANTQ."""
    AGENCY = "agency"
    """Cơ quan: a state body or public service unit."""
    HEALTH_STATION = "health_station"
    """Trạm y tế xã: a public service unit, certified as a cơ quan (inference)."""
    ENTERPRISE = "enterprise"
    """Doanh nghiệp."""
    SCHOOL = "school"
    """Cơ sở giáo dục."""
    ARMED_FORCES = "armed_forces"
    """A unit of the armed forces (excluded from certification)."""
    PRESS = "press"
    """A newspaper, portal or broadcaster that publishes news items."""
    HOSPITAL = "hospital"
    """Bệnh viện, trung tâm y tế: a health body."""
    SECURITY_COUNCIL = "security_council"
    """Hội đồng bảo vệ an ninh trật tự (xã): organises a Ngày hội in some provinces."""
    OTHER = "other"
    """Any other body; its ``kind_label`` names it."""


class PoliceRank(StrEnum):
    """Rank of an officer of the People's Public Security (cấp bậc hàm), as reports write it."""

    DAI_TUONG = "dai_tuong"
    THUONG_TUONG = "thuong_tuong"
    TRUNG_TUONG = "trung_tuong"
    THIEU_TUONG = "thieu_tuong"
    DAI_TA = "dai_ta"
    THUONG_TA = "thuong_ta"
    TRUNG_TA = "trung_ta"
    THIEU_TA = "thieu_ta"
    DAI_UY = "dai_uy"
    THUONG_UY = "thuong_uy"
    TRUNG_UY = "trung_uy"
    THIEU_UY = "thieu_uy"
    THUONG_SI = "thuong_si"
    TRUNG_SI = "trung_si"
    HA_SI = "ha_si"


class EducationLevel(StrEnum):
    """Level of an educational institution (cấp học)."""

    NHA_TRE = "nha_tre"
    MAM_NON = "mam_non"
    TIEU_HOC = "tieu_hoc"
    THCS = "thcs"
    THPT = "thpt"
    LIEN_CAP = "lien_cap"
    """Several levels in one school (e.g. tiểu học và THCS)."""
    GIAO_DUC_NGHE_NGHIEP = "giao_duc_nghe_nghiep"
    DAI_HOC = "dai_hoc"
    GIAO_DUC_THUONG_XUYEN = "giao_duc_thuong_xuyen"


class EnterpriseSize(StrEnum):
    """Size class of an enterprise (small and micro ones are not certified under TT 124)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Person(Record):
    """A person (cá nhân) named in the data.

    ``private`` marks a private individual (not acting in an official post);
    such people, and the sensitive fields of anyone, are personal data under
    Nghị định 13/2023/NĐ-CP and never appear in public exports.
    """

    id: str = id_field()
    name: str = text()
    honorific: str | None = text_optional()
    """As written before the name: "đồng chí", "ông", "bà"."""
    private: bool = False
    birth_year: int | None = attrs.field(
        default=None, metadata={SENSITIVE: True, SCHEMA: {"minimum": 1880, "maximum": 2100}}
    )
    address: str | None = text_optional(sensitive=True)
    note: str | None = text_optional(sensitive=True)
    identifiers: tuple[Identifier, ...] = tuple_of(Identifier)

    def __attrs_post_init__(self) -> None:
        if self.birth_year is not None and (
            type(self.birth_year) is not int or not 1880 <= self.birth_year <= 2100
        ):
            raise InvalidDataError(
                f"expected a year, got {self.birth_year!r:.40}", field="birth_year"
            )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Organization(Record):
    """An organisation (tổ chức, cơ quan, đơn vị): a body, a school, an enterprise ….

    ``unit`` is the id of the administrative unit it belongs to, ``parent``
    the id of the organisation above it.
    """

    id: str = id_field()
    name: str = text()
    kind: OrganizationKind
    kind_label: KindLabel | None = None
    """The kind in words, for a kind the library does not list (``other``)."""
    unit: str | None = ref_field(to=("units",))
    parent: str | None = ref_field(to=("organizations",))
    abbreviation: str | None = text_optional()
    education_level: EducationLevel | None = None
    enterprise_size: EnterpriseSize | None = None
    website: str | None = text_optional()
    identifiers: tuple[Identifier, ...] = tuple_of(Identifier)

    def __attrs_post_init__(self) -> None:
        if self.education_level is not None and self.kind is not OrganizationKind.SCHOOL:
            raise InvalidDataError(
                f"only a school has an education level, not a {self.kind.value}",
                field="education_level",
            )
        if self.enterprise_size is not None and self.kind is not OrganizationKind.ENTERPRISE:
            raise InvalidDataError(
                f"only an enterprise has a size, not a {self.kind.value}",
                field="enterprise_size",
            )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Post(Record):
    """A post (chức vụ) in an organisation, independent of who holds it.

    ``label`` is the post as written ("Phó Bí thư Thường trực Huyện uỷ").
    """

    id: str = id_field()
    label: str = text()
    organization: str | None = ref_field(to=("organizations",))


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Membership(Record):
    """A person holding a post, or belonging to an organisation, for a time."""

    person: str = attrs.field(
        validator=check_required_id,
        metadata={REFERS_TO: ("people",)},
    )
    post: str | None = ref_field(to=("posts",))
    organization: str | None = ref_field(to=("organizations",))
    start_on: date | None = attrs.field(default=None, validator=check_date)
    end_on: date | None = attrs.field(default=None, validator=check_date)

    def __attrs_post_init__(self) -> None:
        if self.post is None and self.organization is None:
            raise InvalidDataError(
                "a membership needs a post or an organization", code="membership_empty"
            )
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise InvalidDataError(
                f"end_on ({self.end_on}) must not be before start_on ({self.start_on})",
                field="end_on",
            )
