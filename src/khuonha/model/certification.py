"""Recognitions of the standard "An toàn về an ninh, trật tự" (công nhận đạt tiêu chuẩn).

A record is either one named unit's result for a cycle, or what a text
says of several unnamed units ("10/10 thôn … đạt chuẩn"): then ``count``
holds how many were recognised, out of how many when the text says.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.dates import ReducedDate, check_one_of
from khuonha.model.fields import (
    SCHEMA,
    check_day,
    id_field,
    ref_field,
    ref_tuple,
    text_optional,
    tuple_of,
)
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields
from khuonha.text.quantities import Quantity

__all__ = ["Certification", "MovementRating", "Result", "Standard", "UnitType"]


class UnitType(StrEnum):
    """The unit types the standard certifies (TT 124/2021/TT-BCA Điều 1–2)."""

    KHU_DAN_CU = "khu_dan_cu"
    XA = "xa"
    """Xã, phường, thị trấn (and đặc khu)."""
    CO_QUAN = "co_quan"
    DOANH_NGHIEP = "doanh_nghiep"
    CO_SO_GIAO_DUC = "co_so_giao_duc"


class Result(StrEnum):
    """Outcome of the annual assessment: the only two are đạt and chưa đạt."""

    DAT = "dat"
    CHUA_DAT = "chua_dat"


class Standard(StrEnum):
    """What a recognition record recognises."""

    ANTT = "antt"
    """The standard "An toàn về an ninh, trật tự" (TT 124/2021/TT-BCA, TT 48/2025/TT-BCA)."""
    VAN_HOA_ANTT = "van_hoa_antt"
    """A joint standard: "văn hóa và An toàn về an ninh trật tự" (older provincial practice)."""
    PHONG_TRAO = "phong_trao"
    """The classification of the movement itself (xếp loại phong trào): ``rating`` says which."""


class MovementRating(StrEnum):
    """The class the movement of a unit was rated (xếp loại phong trào)."""

    XUAT_SAC = "xuat_sac"
    KHA = "kha"
    TRUNG_BINH = "trung_binh"
    YEU = "yeu"


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Certification(Record):
    """A recognition record (kết quả công nhận "An toàn về ANTT").

    - ``standard``: the ANTT standard (the default), a joint standard, or the
      movement's classification (then ``rating`` says which class);
    - ``unit``: id of the recognised unit, when it is named; else ``count``,
      and ``units`` lists those named of a counted batch;
    - ``unit_type``: the type counted; ``other_unit_types`` the others a count
      mixes ("1.403 khu dân cư, xã, phường, thị trấn");
    - ``commune``: id of the commune-level unit that manages the unit(s);
      ``scope``: the unit a roll-up counts over (a province, a district);
    - ``cycle_year``: the year assessed, ``None`` when the text does not say;
    - ``legal_basis``: the document number ("124/2021/TT-BCA"), when known;
    - ``as_of``: the date the status was reported for ("Đến nay" in a text);
    - ``text``: the words as written.
    """

    id: str = id_field()
    unit_type: UnitType
    standard: Standard = Standard.ANTT
    other_unit_types: tuple[UnitType, ...] = tuple_of(UnitType)
    result: Result = Result.DAT
    rating: MovementRating | None = None
    unit: str | None = ref_field(to=("areas", "organizations", "units"))
    count: Quantity | None = None
    units: tuple[str, ...] = ref_tuple(to=("areas", "organizations", "units"))
    commune: str | None = ref_field(to=("units",))
    scope: str | None = ref_field(to=("units",))
    cycle_year: int | None = attrs.field(
        default=None, metadata={SCHEMA: {"minimum": 1990, "maximum": 2200}}
    )
    legal_basis: str | None = text_optional()
    deciding_authority: str | None = ref_field(to=("posts", "organizations"))
    """Id of the post or organisation that decided."""
    decision_number: str | None = text_optional()
    decided_on: date | None = attrs.field(default=None, validator=check_day)
    decided_in: ReducedDate | None = None
    as_of: date | None = attrs.field(default=None, validator=check_day)
    text: str | None = text_optional()
    sources: tuple[str, ...] = ref_tuple(to=("news",))

    @property
    def recognised(self) -> int:
        """How many units the record covers."""
        if self.count is None:
            return 1
        return int(self.count.value)

    @property
    def total(self) -> int | None:
        """Out of how many, when known (``None`` when the source gives no total)."""
        if self.count is None:
            return None
        return self.count.total

    def __attrs_post_init__(self) -> None:
        check_one_of(self, "decided_on", "decided_in")
        if (self.standard is Standard.PHONG_TRAO) != (self.rating is not None):
            raise InvalidDataError(
                "a rating belongs to the classification of the movement (standard phong_trao), "
                "and such a record needs its rating",
                field="rating",
            )
        if self.unit_type in self.other_unit_types:
            raise InvalidDataError(
                f"{self.unit_type.value} is the main unit type, not another one",
                field="other_unit_types",
            )
        if self.units and self.count is None:
            raise InvalidDataError("units lists the members of a counted batch", field="units")
        if self.unit is None and self.count is None:
            raise InvalidDataError(
                "a certification names a unit or gives a count", code="certification_empty"
            )
        if self.unit is not None and self.count is not None:
            raise InvalidDataError(
                "a certification names one unit or gives a count, not both",
                code="certification_ambiguous",
            )
        if self.cycle_year is not None and (
            type(self.cycle_year) is not int or not 1990 <= self.cycle_year <= 2200
        ):
            raise InvalidDataError(
                f"expected a year, got {self.cycle_year!r:.40}", field="cycle_year"
            )
