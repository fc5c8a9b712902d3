"""Awards (thi đua, khen thưởng): giấy khen, bằng khen, cờ thi đua, titles.

The issuer ("giấy khen của Chủ tịch UBND huyện") may differ from who hands
the award over (the Chủ tịch HĐND huyện in the origin article). The legal
regime follows the decision date: Luật Thi đua, khen thưởng 2003 (as amended
in 2005 and 2013) before 1/1/2024, Luật 06/2022/QH15 from then on.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.dates import KindLabel, ReducedDate, check_one_of
from khuonha.model.fields import (
    check_day,
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
from khuonha.text.periods import Period

__all__ = ["Award", "AwardForm", "LegalRegime", "Recipient", "RecipientKind", "regime_on"]

#: The day Luật Thi đua, khen thưởng 06/2022/QH15 took effect.
TDKT_2022_IN_FORCE = date(2024, 1, 1)


class AwardForm(StrEnum):
    """Form of commendation (hình thức khen thưởng) or emulation title."""

    GIAY_KHEN = "giay_khen"
    BANG_KHEN = "bang_khen"
    CO_THI_DUA = "co_thi_dua"
    DANH_HIEU = "danh_hieu"
    """An emulation title ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở" …)."""
    KY_NIEM_CHUONG = "ky_niem_chuong"
    """Kỷ niệm chương (a commemorative medal, "Vì an ninh Tổ quốc" …)."""
    KHAC = "khac"
    """Any other form; ``form_label`` names it.

    A text that says only "khen thưởng" states no form: leave ``form`` out.
    """


class LegalRegime(StrEnum):
    """The law an award was decided under."""

    TDKT_2003 = "tdkt_2003"
    """Luật Thi đua, khen thưởng 2003, amended 2005 and 2013 (decisions before 1/1/2024)."""
    TDKT_2022 = "tdkt_2022"
    """Luật Thi đua, khen thưởng 06/2022/QH15 (decisions from 1/1/2024)."""


def regime_on(day: date) -> LegalRegime:
    """The legal regime of an award decided on *day*.

    >>> regime_on(date(2022, 8, 10)).value
    'tdkt_2003'
    """
    return LegalRegime.TDKT_2022 if day >= TDKT_2022_IN_FORCE else LegalRegime.TDKT_2003


class RecipientKind(StrEnum):
    """Who receives an award."""

    TAP_THE = "tap_the"
    """A collective."""
    CA_NHAN = "ca_nhan"
    """An individual."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Recipient(Record):
    """A named recipient: a person or an organisation, by id, or by name as written."""

    kind: RecipientKind
    name: str | None = text_optional()
    person: str | None = ref_field(to=("people",))
    organization: str | None = ref_field(to=("organizations",))

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.person is None and self.organization is None:
            raise InvalidDataError("a recipient needs a name, a person or an organization")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Award(Record):
    """A batch of awards of one form from one issuer ("giấy khen của Chủ tịch UBND xã").

    Who issues an award, who hands it over and on whose authority are three
    facts ("Thừa uỷ quyền Bộ trưởng Bộ Công an, Lãnh đạo Công an tỉnh Lào Cai
    tặng Bằng khen …"):

    - ``issuer``: id of the body ("UBND huyện", "Bộ Công an") or the post
      ("Chủ tịch UBND phường", "Bộ trưởng Bộ Công an") in whose name it is given;
      ``issuer_text`` as written;
    - ``presenter`` (a person), ``presenter_post`` or ``presenter_organization``:
      who handed it over; ``presenter_text`` as written when no one is named;
    - ``authority``: the post or body on whose authority it was handed over
      ("thừa ủy quyền"), ``authority_text`` as written;
    - ``form``: giấy khen, bằng khen …; left out when the text says only
      "khen thưởng" ("chủ tịch UBND phường đã khen thưởng 02 tập thể và 03 cá nhân");
    - ``collectives`` and ``individuals`` count the recipients when the text
      gives numbers; ``recipients`` lists those it names;
    - ``awarded_on`` or ``awarded_in`` (month or year), ``decided_on`` or
      ``decided_in``: the days, as precisely as known.
    """

    id: str = id_field()
    title: str = text()
    """The award as written ("giấy khen của Chủ tịch UBND huyện")."""
    form: AwardForm | None = None
    """The form, when the text states it ("giấy khen"); ``None`` for a bare "khen thưởng"."""
    form_label: KindLabel | None = None
    """The form in words when it is not one of :class:`AwardForm`."""
    issuer: str | None = ref_field(to=("organizations", "posts"))
    issuer_text: str | None = text_optional()
    presenter: str | None = ref_field(to=("people",))
    """Id of the person who handed it over."""
    presenter_post: str | None = ref_field(to=("posts",))
    presenter_organization: str | None = ref_field(to=("organizations",))
    presenter_text: str | None = text_optional()
    """Who handed it over, as written, when no person is named ("Lãnh đạo Đảng uỷ xã")."""
    authority: str | None = ref_field(to=("organizations", "posts"))
    authority_text: str | None = text_optional()
    """The authority as written ("Thừa uỷ quyền Bộ trưởng Bộ Công an")."""
    collectives: int | None = attrs.field(default=None, validator=check_non_negative)
    individuals: int | None = attrs.field(default=None, validator=check_non_negative)
    recipients: tuple[Recipient, ...] = tuple_of(Recipient)
    reason: str | None = text_optional()
    achievement_period: Period | None = None
    awarded_on: date | None = attrs.field(default=None, validator=check_day)
    awarded_in: ReducedDate | None = None
    decision_number: str | None = text_optional()
    decided_on: date | None = attrs.field(default=None, validator=check_day)
    decided_in: ReducedDate | None = None
    legal_regime: LegalRegime | None = None
    event: str | None = ref_field(to=("events",))
    sources: tuple[str, ...] = ref_tuple(to=("news",))
    provenance: Provenance | None = None

    @property
    def regime(self) -> LegalRegime | None:
        """The legal regime: as recorded, or from the decision (or award) date."""
        if self.legal_regime is not None:
            return self.legal_regime
        day = self._day()
        return regime_on(day) if day is not None else None

    def _day(self) -> date | None:
        """The decision day, or the first day of its month or year (the regimes change on 1/1)."""
        reduced = self.decided_in or self.awarded_in
        if self.decided_on is not None:
            return self.decided_on
        if self.decided_in is None and self.awarded_on is not None:
            return self.awarded_on
        return reduced.first_day if reduced is not None else None

    def __attrs_post_init__(self) -> None:
        check_one_of(self, "awarded_on", "awarded_in")
        check_one_of(self, "decided_on", "decided_in")
        if self.form is None and self.form_label is not None:
            raise InvalidDataError(
                "a form named in words (form_label) needs the form 'khac'", field="form"
            )
        for kind, count in (
            (RecipientKind.TAP_THE, self.collectives),
            (RecipientKind.CA_NHAN, self.individuals),
        ):
            named = sum(1 for r in self.recipients if r.kind is kind)
            if count is not None and named > count:
                raise InvalidDataError(
                    f"{named} named {kind.value} recipients exceed the count {count}",
                    code="award_recipients_exceed_count",
                )
        day = self._day()
        if (
            self.legal_regime is not None
            and day is not None
            and regime_on(day) != self.legal_regime
        ):
            raise InvalidDataError(
                f"an award decided on {day} falls under {regime_on(day).value}, "
                f"not {self.legal_regime.value}",
                field="legal_regime",
            )
