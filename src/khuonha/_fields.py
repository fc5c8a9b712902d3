"""Field helpers shared by every model: NFC text, ids, dates, sensitive marks.

Validators raise :class:`~khuonha.exceptions.InvalidDataError` naming the
field and the value, so the codec can report ``$.path: field: reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any, TypeVar

import attrs

from khuonha._text import TextError, nfc, nfc_optional
from khuonha.exceptions import InvalidDataError

__all__ = [
    "SENSITIVE",
    "check_date",
    "check_id",
    "id_field",
    "is_sensitive",
    "ref_tuple",
    "text",
    "text_optional",
    "text_tuple",
]

T = TypeVar("T")

#: Key in ``attrs.field(metadata=...)`` marking personal data (Nghị định 13/2023/NĐ-CP).
SENSITIVE = "khuonha.sensitive"
#: Key in field metadata holding extra JSON Schema keywords.
SCHEMA = "khuonha.schema"

_ID = re.compile(r"[a-z0-9]+(?:[-_.:][a-z0-9]+)*\Z")
ID_PATTERN = r"^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$"
ID_MAX = 200


def _convert_text(value: object, field: attrs.Attribute[Any]) -> str:
    if type(value) is str and value.isascii():  # fast path: ASCII is NFC already
        return value
    try:
        return nfc(value)
    except TextError as exc:
        raise InvalidDataError(str(exc), field=field.name, code="invalid_text") from None


def _convert_text_optional(value: object, field: attrs.Attribute[Any]) -> str | None:
    if value is None or (type(value) is str and value.isascii()):
        return value
    try:
        return nfc_optional(value)
    except TextError as exc:
        raise InvalidDataError(str(exc), field=field.name, code="invalid_text") from None


def _convert_text_tuple(value: Iterable[object], field: attrs.Attribute[Any]) -> tuple[str, ...]:
    if isinstance(value, str | bytes):
        raise InvalidDataError(f"expected a list of strings, got {value!r:.60}", field=field.name)
    out = []
    for i, item in enumerate(value):
        try:
            out.append(nfc(item))
        except TextError as exc:
            raise InvalidDataError(
                str(exc), field=f"{field.name}[{i}]", code="invalid_text"
            ) from None
    return tuple(out)


_TEXT = attrs.Converter(_convert_text, takes_field=True)
_TEXT_OPTIONAL = attrs.Converter(_convert_text_optional, takes_field=True)
_TEXT_TUPLE = attrs.Converter(_convert_text_tuple, takes_field=True)


def _field_error(attribute: attrs.Attribute[Any], message: str) -> InvalidDataError:
    return InvalidDataError(message, field=attribute.name)


def check_id(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an identifier: a lower-case ASCII slug of at most 200 characters."""
    if value is None:
        return
    if not isinstance(value, str) or len(value) > ID_MAX or _ID.match(value) is None:
        raise _field_error(
            attribute,
            f"expected an id (lower-case ASCII letters and digits joined by - _ . :), "
            f"got {value!r:.80}",
        )


def _check_ids(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or len(item) > ID_MAX or _ID.match(item) is None:
            raise _field_error(attribute, f"expected ids, got {item!r:.80}")


def check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a plain :class:`datetime.date` (not a datetime) or ``None``."""
    if value is not None and type(value) is not date:
        raise _field_error(attribute, f"expected a date, got {value!r:.60}")


def check_time(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a :class:`datetime.time` or ``None``."""
    if value is not None and type(value) is not time:
        raise _field_error(attribute, f"expected a time of day, got {value!r:.60}")


def check_aware(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a timezone-aware :class:`datetime.datetime` or ``None``."""
    if value is None:
        return
    if type(value) is not datetime or value.utcoffset() is None:
        raise _field_error(attribute, f"expected a date-time with a UTC offset, got {value!r:.60}")


#: The largest count or quantity accepted: 2**53 - 1, the largest integer every JSON reader
#: keeps exactly (RFC 8259, section 6); larger figures are typing errors, not data.
MAX_NUMBER = 2**53 - 1


def check_non_negative(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a count: an int (not bool) from 0 to :data:`MAX_NUMBER`, or ``None``."""
    if value is None:
        return
    if type(value) is not int or value < 0:
        raise _field_error(attribute, f"expected a count (an integer >= 0), got {value!r:.60}")
    if value > MAX_NUMBER:
        raise _field_error(attribute, f"a count must be at most {MAX_NUMBER}, got {value!r:.60}")


def id_field(**kwargs: Any) -> Any:
    """A required identifier field."""
    return attrs.field(validator=check_id, metadata={SCHEMA: {"pattern": ID_PATTERN}}, **kwargs)


def ref_field() -> Any:
    """An optional reference to another record's id."""
    return attrs.field(default=None, validator=check_id, metadata={SCHEMA: {"pattern": ID_PATTERN}})


def ref_tuple(*, sensitive: bool = False) -> Any:
    """A tuple of references to other records' ids."""
    return attrs.field(
        default=(),
        converter=_convert_ref_tuple,
        validator=_check_ids,
        metadata={SCHEMA: {"items": {"pattern": ID_PATTERN}}, **_meta(sensitive)},
    )


def _convert_ref_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        raise InvalidDataError(f"expected a list of ids, got {value!r:.60}")
    return tuple(value)


def text(*, sensitive: bool = False, **kwargs: Any) -> Any:
    """A required NFC text field."""
    return attrs.field(converter=_TEXT, metadata=_meta(sensitive), **kwargs)


def text_optional(*, sensitive: bool = False) -> Any:
    """An optional NFC text field."""
    return attrs.field(default=None, converter=_TEXT_OPTIONAL, metadata=_meta(sensitive))


def text_tuple(*, sensitive: bool = False) -> Any:
    """A tuple of NFC texts."""
    return attrs.field(default=(), converter=_TEXT_TUPLE, metadata=_meta(sensitive))


def tuple_of(
    kind: type[T], *, validator: Callable[..., None] | None = None, sensitive: bool = False
) -> Any:
    """A tuple of *kind* records (lists are accepted and frozen)."""

    def convert(value: Iterable[T]) -> tuple[T, ...]:
        if isinstance(value, str | bytes | dict):
            raise InvalidDataError(f"expected a list of {kind.__name__}, got {value!r:.60}")
        return tuple(value)

    members = attrs.validators.deep_iterable(attrs.validators.instance_of(kind))
    only = {kind}

    def check_members(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        # One C-level pass over the types; the element-wise check only on a mismatch.
        if not set(map(type, value)) <= only:
            members(inst, attribute, value)

    validators: list[Callable[..., None]] = [check_members]
    if validator is not None:
        validators.append(validator)
    return attrs.field(
        default=(), converter=convert, validator=validators, metadata=_meta(sensitive)
    )


def _meta(sensitive: bool) -> dict[str, Any]:
    return {SENSITIVE: True} if sensitive else {}


def is_sensitive(field: attrs.Attribute[Any]) -> bool:
    """Whether *field* holds personal data that public exports must leave out."""
    return bool(field.metadata.get(SENSITIVE, False))
