"""The report as an administrative document (văn bản hành chính, Nghị định 30/2020/NĐ-CP).

A report of the movement's data carries, besides the data, what makes it an
official document: its number and symbol ("Số: 15/BC-BCĐ"), the body above
the issuing body (cơ quan chủ quản), the list of recipients ("Nơi nhận"),
and the signature block (thẩm quyền ký, the signer's post and name).
:class:`ReportDocument` holds them, every part optional: a draft has no
number yet and may have no signer.

The signer is a reference to a :class:`~khuonha.Person`. A person marked
``private`` is a private individual, not acting in an official post; the
signer of a report signs in office, so the :class:`~khuonha.Dataset` refuses
a private signer rather than print, or hide, a private name in a signature.

>>> doc = ReportDocument(number=5, symbol="BC-BCĐ", authority=SigningAuthority.KT,
...                      signing_for="chu-tich", signing_post="pho-chu-tich")
>>> doc.number_line()
'05/BC-BCĐ'
>>> ReportDocument(symbol="BC-UBND").number_line()
'/BC-UBND'
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import SCHEMA, ref_field, text_optional, text_tuple, tuple_of
from khuonha.text._record import Record
from khuonha.text.fields import field_error, typed_fields, with_schema

__all__ = ["Addressee", "ReportDocument", "SigningAuthority"]

#: The largest document number: numbers restart at 01 each year (NĐ 30/2020, Phụ lục I).
MAX_DOCUMENT_NUMBER = 999_999

# A symbol is the document kind and the issuer's abbreviation joined by hyphens
# ("BC-UBND", "BC-BCĐ", "BC-CAX-ANTT"): letters and digits, no space and no "/".
# The same rule in Python and in the JSON Schema (ECMA-262 regular expressions).
_SYMBOL_CHAR = r"[^\x00-\x20\x7f/_.-]"
_SYMBOL = re.compile(f"{_SYMBOL_CHAR}+(?:[-.]{_SYMBOL_CHAR}+)*\\Z")
_SYMBOL_PATTERN = f"^{_SYMBOL_CHAR}+([-.]{_SYMBOL_CHAR}+)*$"


class SigningAuthority(StrEnum):
    """How the signer signs (thẩm quyền ký; Nghị định 30/2020/NĐ-CP, Điều 13 and Phụ lục I).

    The block reads, for each: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (``tm``: on behalf of a
    collective body), "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (``kt``: a deputy for the head),
    "TL. …" (``tl``: by order), "TUQ. …" (``tuq``: by authorisation), and "Q. GIÁM ĐỐC"
    (``q``: acting head, one line).
    """

    TM = "tm"
    """Thay mặt: on behalf of a collective body (``signing_for`` is an organisation)."""
    KT = "kt"
    """Ký thay: a deputy signs for the head (``signing_for`` is the head's post)."""
    TL = "tl"
    """Thừa lệnh: by order of the head (``signing_for`` is the head's post)."""
    TUQ = "tuq"
    """Thừa ủy quyền: by authorisation of the head (``signing_for`` is the head's post)."""
    Q = "q"
    """Quyền: the acting head signs in the head's post (no ``signing_for``)."""

    @property
    def abbreviation(self) -> str:
        """The mark printed before the block ("KT.", "TM.", "Q.")."""
        return f"{self.value.upper()}."


#: Authorities that sign for someone else, and the collection that someone is in.
SIGNS_FOR: dict[SigningAuthority, str] = {
    SigningAuthority.TM: "organizations",
    SigningAuthority.KT: "posts",
    SigningAuthority.TL: "posts",
    SigningAuthority.TUQ: "posts",
}


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Addressee(Record):
    """One line of the "Nơi nhận" list: a body of the data, or a recipient as written.

    - ``organization``: id of the organisation that receives the report;
    - ``name``: the recipient as written ("Như trên", "Thường trực Đảng ủy xã"),
      when it is not an organisation of the data (or to word it otherwise);
    - ``purpose``: what for, as written ("b/c", "để báo cáo", "t/h").
    """

    organization: str | None = ref_field(to=("organizations",))
    name: str | None = text_optional()
    purpose: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if self.organization is None and not self.name:
            raise InvalidDataError(
                "a recipient needs an organization or a name", code="addressee_empty"
            )


def _check_number(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int or not 1 <= value <= MAX_DOCUMENT_NUMBER:
        raise field_error(
            attribute,
            f"expected a document number from 1 to {MAX_DOCUMENT_NUMBER}, got {value!r:.40}",
        )


def _check_symbol(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or len(value) > 60 or _SYMBOL.match(value) is None:
        raise field_error(
            attribute,
            "expected a document symbol such as 'BC-UBND' (letters and digits joined by "
            f"'-' or '.', no space or '/', at most 60 characters), got {value!r:.80}",
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class ReportDocument(Record):
    """What makes a report of the data an administrative document (NĐ 30/2020).

    - ``number``: the document's number (số), restarting each year; a draft has none
      and prints "Số:      /BC-…" for it to be filled in; numbers below 10 print as
      "05";
    - ``symbol``: the symbol (ký hiệu) after the number, "BC-UBND": the kind of
      document and the issuing body's abbreviation; when absent, a report prints
      "BC-" and the issuing body's abbreviation;
    - ``superior``: id of the body directly above the issuing body (cơ quan chủ quản),
      printed above it; when absent, the issuing body's ``parent``;
    - ``recipients``: the "Nơi nhận" list, in order; the archive line "Lưu: VT" always
      ends it, followed by ``archived_with`` ("VT, CAX");
    - ``authority``: how the signer signs (:class:`SigningAuthority`), absent when the
      head signs in their own name;
    - ``signing_for``: for ``tm`` the organisation signed for, for ``kt``/``tl``/``tuq``
      the head's post;
    - ``signing_post``: id of the signer's own post ("Phó Chủ tịch UBND xã");
    - ``signer``: id of the person who signs (never a private person).
    """

    number: int | None = attrs.field(
        default=None,
        validator=_check_number,
        metadata={SCHEMA: {"minimum": 1, "maximum": MAX_DOCUMENT_NUMBER}},
    )
    symbol: str | None = text_optional()
    superior: str | None = ref_field(to=("organizations",))
    recipients: tuple[Addressee, ...] = tuple_of(Addressee)
    archived_with: tuple[str, ...] = text_tuple()
    authority: SigningAuthority | None = None
    signing_for: str | None = ref_field(to=("organizations", "posts"))
    signing_post: str | None = ref_field(to=("posts",))
    signer: str | None = ref_field(to=("people",))

    @symbol.validator
    @with_schema(pattern=_SYMBOL_PATTERN, maxLength=60)
    def _symbol(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        _check_symbol(self, attribute, value)

    def __attrs_post_init__(self) -> None:
        if self.authority is None or self.authority is SigningAuthority.Q:
            if self.signing_for is not None:
                mark = "no authority" if self.authority is None else "'q' (acting head)"
                raise InvalidDataError(
                    f"with {mark} the signer signs in their own post; signing_for needs "
                    "'tm', 'kt', 'tl' or 'tuq'",
                    field="signing_for",
                )
        elif self.signing_for is None:
            raise InvalidDataError(
                f"authority {self.authority.value!r} signs for someone: give signing_for "
                f"(the {'organisation' if self.authority is SigningAuthority.TM else 'post'})",
                field="signing_for",
            )
        if self.authority is not None and self.signing_post is None:
            raise InvalidDataError(
                f"authority {self.authority.value!r} needs the signer's own post",
                field="signing_post",
            )
        for i, item in enumerate(self.archived_with):
            if not item.strip():
                raise InvalidDataError(
                    f"expected the abbreviation of an archive holder, got {item!r:.40}",
                    field=f"archived_with[{i}]",
                )

    def number_line(self, symbol: str | None = None) -> str:
        """The text after "Số: ": "05/BC-BCĐ", or "/BC-BCĐ" for a draft.

        *symbol* is used when the document has none of its own.
        """
        number = "" if self.number is None else f"{self.number:02d}"
        sym = self.symbol or symbol
        return f"{number}/{sym}" if sym else number
