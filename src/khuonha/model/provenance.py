"""Provenance: the words a record was read from, and whether a person must check it.

A draft made from prose (``khuonha extract``) gives each record it builds
the span of text it came from: character offsets into the ``body`` of the
news item named by ``source``, the words themselves, and ``needs_review``
with the reason when the reading is not certain.

>>> p = Provenance(source="tin", start=52, end=73, text="trên 330 người tham dự")
Traceback (most recent call last):
...
khuonha.exceptions.InvalidDataError: text: the span 52..73 holds 21 characters, but the text has 22
>>> p = Provenance(source="tin", start=52, end=74, text="trên 330 người tham dự",
...                needs_review=True, reason="no period given for this figure")
>>> p.needs_review, p.end - p.start
(True, 22)
"""

from __future__ import annotations

from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import check_non_negative, ref_field, text, text_optional
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields

__all__ = ["Provenance"]


def _check_bool(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise InvalidDataError(f"expected true or false, got {value!r:.40}", field=attribute.name)


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Provenance(Record):
    """Where a record was read from (nguồn trích dẫn) and whether it needs a person's check.

    - ``source``: id of the news item whose ``body`` the offsets index;
    - ``start``, ``end``: character offsets of the span (``end`` excluded);
    - ``text``: the span as written, ``body[start:end]``;
    - ``needs_review``: the reading is not certain (an ambiguous number, a
      figure with no period, a kind guessed from few words); ``reason`` says why.
    """

    source: str | None = ref_field(to=("news",))
    start: int = attrs.field(validator=check_non_negative)
    end: int = attrs.field(validator=check_non_negative)
    text: str = text()
    needs_review: bool = attrs.field(default=False, validator=_check_bool)
    reason: str | None = text_optional()

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidDataError(
                f"end ({self.end}) must not be before start ({self.start})", field="end"
            )
        if self.end - self.start != len(self.text):
            raise InvalidDataError(
                f"the span {self.start}..{self.end} holds {self.end - self.start} characters, "
                f"but the text has {len(self.text)}",
                field="text",
            )
        if self.reason is not None and not self.needs_review:
            raise InvalidDataError("a reason is given only with needs_review", field="reason")
