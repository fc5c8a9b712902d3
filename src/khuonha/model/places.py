"""Places: administrative units (đơn vị hành chính) and residential areas (khu dân cư).

Codes and names are reused across reorganisations (02269 was old Thượng Lâm's
code and is the new Thượng Lâm's), so a unit is its code *and* its code
scheme *and* its validity dates; ``successors`` link a unit to the units
that took it over (Khuôn Hà 02251 → Thượng Lâm 02269 on 1/7/2025).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import (
    SCHEMA,
    check_date,
    check_non_negative,
    id_field,
    ref_field,
    ref_tuple,
    text,
    text_optional,
    tuple_of,
)
from khuonha.model.provenance import Provenance
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields
from khuonha.text.language import with_article

__all__ = [
    "AdministrativeUnit",
    "AreaKind",
    "CodeScheme",
    "CodeSource",
    "Identifier",
    "ResidentialArea",
    "UnitKind",
    "UnitLevel",
]


class UnitLevel(StrEnum):
    """Level of an administrative unit (cấp)."""

    PROVINCE = "province"
    DISTRICT = "district"
    """Abolished on 1/7/2025."""
    COMMUNE = "commune"


class UnitKind(StrEnum):
    """Kind of administrative unit, as its name says."""

    TINH = "tinh"
    THANH_PHO_TRUC_THUOC_TRUNG_UONG = "thanh_pho_truc_thuoc_trung_uong"
    HUYEN = "huyen"
    QUAN = "quan"
    THI_XA = "thi_xa"
    THANH_PHO_THUOC_TINH = "thanh_pho_thuoc_tinh"
    XA = "xa"
    PHUONG = "phuong"
    THI_TRAN = "thi_tran"
    DAC_KHU = "dac_khu"
    """Special zone: a commune-level unit since 1/7/2025."""

    @property
    def level(self) -> UnitLevel:
        """The level this kind belongs to."""
        return _LEVELS[self]


_LEVELS = {
    UnitKind.TINH: UnitLevel.PROVINCE,
    UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG: UnitLevel.PROVINCE,
    UnitKind.HUYEN: UnitLevel.DISTRICT,
    UnitKind.QUAN: UnitLevel.DISTRICT,
    UnitKind.THI_XA: UnitLevel.DISTRICT,
    UnitKind.THANH_PHO_THUOC_TINH: UnitLevel.DISTRICT,
    UnitKind.XA: UnitLevel.COMMUNE,
    UnitKind.PHUONG: UnitLevel.COMMUNE,
    UnitKind.THI_TRAN: UnitLevel.COMMUNE,
    UnitKind.DAC_KHU: UnitLevel.COMMUNE,
}
_CODE_DIGITS = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}

#: The day the district level was abolished and the 2025 code list took effect.
REFORM_2025 = date(2025, 7, 1)


class CodeScheme(StrEnum):
    """The official code list a unit's code belongs to."""

    PRE_2025 = "pre_2025"
    """GSO list of three-level units, in use until 30/6/2025."""
    POST_2025 = "post_2025"
    """NSO list of two-level units (QĐ 19/2025/QĐ-TTg), from 1/7/2025."""


class CodeSource(StrEnum):
    """Where a unit's official code came from (its provenance), when that is recorded."""

    SOURCE = "source"
    """Written by the source itself (the report, the article, the official list)."""
    REGISTRY = "registry"
    """Filled in from a unit registry by name, level, parent and date (``khuonha enrich``);
    the source named the unit without its code."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Identifier(Record):
    """An identifier of a record in another scheme (Popolo ``identifiers``)."""

    scheme: str = text()
    identifier: str = text()


def _check_level(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not UnitLevel:
        raise InvalidDataError(f"expected a unit level, got {value!r:.40}", field=attribute.name)


def _check_code(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not 2 <= len(value) <= 5 or not value.isdigit():
        raise InvalidDataError(
            f"expected an official code of 2 to 5 digits, got {value!r:.40}", field="code"
        )
    if value.strip("0") == "":
        raise InvalidDataError(
            f"{value!r} is a placeholder, not an official code: leave the code out",
            field="code",
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class AdministrativeUnit(Record):
    """An administrative unit (đơn vị hành chính): tỉnh, huyện, xã, phường, đặc khu ….

    A unit may be known by its name and level alone, as most reports give it
    ("Bình Phú ở huyện Tân Hồng"):

    - ``kind``: what its name says it is (xã, phường …), when known;
    - ``level``: province, district or commune; read from ``kind`` when left out,
      and required when ``kind`` is not known;
    - ``code``: the official code as a string (2, 3 or 5 digits by level, zero
      padded), only when known, with the ``scheme`` it belongs to; never a
      placeholder ("00000" is refused);
    - ``code_source``: where the code came from, when recorded: ``registry`` when
      ``khuonha enrich`` filled it in from a unit registry (the source gave only the name);
    - ``parent``: the id of the unit above it during its validity, when known.
    """

    __khuonha_post_init_sets__: ClassVar[bool] = True  # level, from kind

    id: str = id_field()
    name: str = text()
    kind: UnitKind | None = None
    level: UnitLevel = attrs.field(default=None, validator=_check_level)
    code: str | None = attrs.field(
        default=None,
        validator=_check_code,
        metadata={SCHEMA: {"pattern": "^([0-9]{2}|[0-9]{3}|[0-9]{5})$"}},
    )
    scheme: CodeScheme | None = None
    code_source: CodeSource | None = None
    parent: str | None = ref_field(to=("units",))
    valid_from: date | None = attrs.field(default=None, validator=check_date)
    valid_until: date | None = attrs.field(default=None, validator=check_date)
    successors: tuple[str, ...] = ref_tuple(to=("units",))
    predecessors: tuple[str, ...] = ref_tuple(to=("units",))
    identifiers: tuple[Identifier, ...] = tuple_of(Identifier)
    note: str | None = text_optional()
    provenance: Provenance | None = None

    def valid_on(self, day: date) -> bool:
        """Whether the unit existed on *day* (unknown bounds count as open)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)

    def __attrs_post_init__(self) -> None:
        given: UnitLevel | None = self.level
        if self.kind is not None:
            if given is None:
                object.__setattr__(self, "level", self.kind.level)
            elif given is not self.kind.level:
                raise InvalidDataError(
                    f"{with_article(self.kind.value)} is a {self.kind.level.value}-level unit, "
                    f"not {self.level.value}",
                    field="level",
                )
        elif given is None:
            raise InvalidDataError(
                "a unit needs its kind or its level (province, district, commune)",
                field="level",
            )
        if self.code is not None:
            digits = _CODE_DIGITS[self.level]
            if len(self.code) != digits:
                raise InvalidDataError(
                    f"{with_article(self.level.value)} code must be {digits} digits, "
                    f"got {self.code!r:.40}",
                    field="code",
                )
            if self.scheme is None:
                raise InvalidDataError(
                    "a code needs the code list it belongs to (pre_2025 or post_2025)",
                    field="scheme",
                )
        elif self.scheme is not None:
            raise InvalidDataError("a code list (scheme) without a code", field="scheme")
        elif self.code_source is not None:
            raise InvalidDataError(
                "a code's source (code_source) without a code", field="code_source"
            )
        if self.level is UnitLevel.DISTRICT and self.scheme is CodeScheme.POST_2025:
            raise InvalidDataError(
                "districts do not exist in the post-2025 code list", field="scheme"
            )
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            raise InvalidDataError(
                f"valid_until ({self.valid_until}) must not be before valid_from "
                f"({self.valid_from})",
                field="valid_until",
            )


class AreaKind(StrEnum):
    """Kind of residential area (khu dân cư, TT 124/2021/TT-BCA Điều 2.1)."""

    THON = "thon"
    LANG = "lang"
    BAN = "ban"
    AP = "ap"
    BUON = "buon"
    PHUM = "phum"
    SOC = "soc"
    KHOM = "khom"
    TO_DAN_PHO = "to_dan_pho"
    KHU_PHO = "khu_pho"
    KHU_DAN_CU = "khu_dan_cu"
    """Any other place where households live together."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class ResidentialArea(Record):
    """A residential area (khu dân cư): thôn, bản, làng, ấp, buôn, tổ dân phố, khu phố ….

    ``unit`` is the id of the commune-level unit it belongs to.
    """

    id: str = id_field()
    name: str = text()
    kind: AreaKind
    unit: str | None = ref_field(to=("units",))
    households: int | None = attrs.field(default=None, validator=check_non_negative)
    identifiers: tuple[Identifier, ...] = tuple_of(Identifier)
    provenance: Provenance | None = None
