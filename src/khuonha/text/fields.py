"""Field helpers of the text layer: NFC text fields and scalar validators.

The value types of this layer (:class:`~khuonha.Quantity`, :class:`~khuonha.Period`)
and every model above use them, so the constructor and the decoder normalise
and check alike. Validators raise :class:`~khuonha.exceptions.InvalidDataError`
naming the field and the value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any, TypeVar

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text.unicode import TextError, nfc, nfc_optional

__all__ = [
    "MAX_NUMBER",
    "SCHEMA",
    "SENSITIVE",
    "check_aware",
    "check_date",
    "check_non_negative",
    "check_time",
    "field_error",
    "meta",
    "schema_keywords",
    "text",
    "text_optional",
    "text_tuple",
    "with_schema",
]


#: Key in ``attrs.field(metadata=...)`` marking personal data (Nghị định 13/2023/NĐ-CP).
SENSITIVE = "khuonha.sensitive"
#: Key in field metadata holding extra JSON Schema keywords (``{"pattern": ...}``); a
#: validator made with :func:`with_schema` carries its own under the same key.
SCHEMA = "khuonha.schema"

F = TypeVar("F", bound=Callable[..., Any])


def with_schema(**keywords: Any) -> Callable[[F], F]:
    """Mark a validator with the JSON Schema keywords of the rule it enforces.

    Every field the validator guards gets them in :func:`khuonha.json_schema`,
    so a rule is written once, beside its check.
    """

    def mark(validator: F) -> F:
        vars(validator)[SCHEMA] = keywords
        return validator

    return mark


def schema_keywords(field: attrs.Attribute[Any]) -> dict[str, Any]:
    """The JSON Schema keywords of *field*: its validators' (see :func:`with_schema`), then its
    metadata's."""
    found: dict[str, Any] = {}
    pending: list[Any] = [field.validator]
    while pending:
        validator = pending.pop(0)
        if validator is None:
            continue
        inner = getattr(validator, "_validators", None)  # attrs.validators.and_ / a list
        if inner is not None:
            pending[:0] = list(inner)
            continue
        found.update(getattr(validator, "__dict__", {}).get(SCHEMA, {}))
    found.update(field.metadata.get(SCHEMA, {}))
    return found


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


def field_error(attribute: attrs.Attribute[Any], message: str) -> InvalidDataError:
    return InvalidDataError(message, field=attribute.name)


def check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a plain :class:`datetime.date` (not a datetime) or ``None``."""
    if value is not None and type(value) is not date:
        raise field_error(attribute, f"expected a date, got {value!r:.60}")


def check_time(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a :class:`datetime.time` or ``None``."""
    if value is not None and type(value) is not time:
        raise field_error(attribute, f"expected a time of day, got {value!r:.60}")


def check_aware(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a timezone-aware :class:`datetime.datetime` or ``None``."""
    if value is None:
        return
    if type(value) is not datetime or value.utcoffset() is None:
        raise field_error(attribute, f"expected a date-time with a UTC offset, got {value!r:.60}")


#: The largest count or quantity accepted: 2**53 - 1, the largest integer every JSON reader
#: keeps exactly (RFC 8259, section 6); larger figures are typing errors, not data.
MAX_NUMBER = 2**53 - 1


@with_schema(minimum=0, maximum=MAX_NUMBER)
def check_non_negative(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a count: an int (not bool) from 0 to :data:`MAX_NUMBER`, or ``None``."""
    if value is None:
        return
    if type(value) is not int or value < 0:
        raise field_error(attribute, f"expected a count (an integer >= 0), got {value!r:.60}")
    if value > MAX_NUMBER:
        raise field_error(attribute, f"a count must be at most {MAX_NUMBER}, got {value!r:.60}")


def text(*, sensitive: bool = False, **kwargs: Any) -> Any:
    """A required NFC text field."""
    return attrs.field(converter=_TEXT, metadata=meta(sensitive), **kwargs)


def text_optional(*, sensitive: bool = False) -> Any:
    """An optional NFC text field."""
    return attrs.field(default=None, converter=_TEXT_OPTIONAL, metadata=meta(sensitive))


def text_tuple(*, sensitive: bool = False) -> Any:
    """A tuple of NFC texts."""
    return attrs.field(default=(), converter=_TEXT_TUPLE, metadata=meta(sensitive))


def meta(sensitive: bool) -> dict[str, Any]:
    return {SENSITIVE: True} if sensitive else {}
