"""Field helpers of the text layer: NFC text fields and scalar validators.

The value types of this layer (:class:`~khuonha.Quantity`, :class:`~khuonha.Period`)
and every model above use them, so the constructor and the decoder normalise
and check alike. Validators raise :class:`~khuonha.exceptions.InvalidDataError`
naming the field and the value.
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any, TypeVar

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text.unicode import KNOWN_TEXTS, TextError, nfc, nfc_optional

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

#: Attribute of a validator that only checks a value's exact type: the tuple of types it
#: accepts. A decoder that builds values of those types alone may skip the call.
ACCEPTS = "khuonha_accepts"
#: Likewise for a validator that only checks the exact type of a tuple's items.
ACCEPTS_ITEMS = "khuonha_accepts_items"
#: Attribute of a validator whose whole check of a value is: ``None`` when the third item is
#: true, else a ``str`` of at most the second item's length that the first (a compiled
#: pattern's ``match``) matches. A decoder may test that inline and call it only on a miss.
STR_RULE = "khuonha_str_rule"
#: Attribute of a text converter that returns an ASCII ``str`` as it is and, for a ``str``
#: found in the mapping it holds, that mapping's value (the texts already normalised).
#: A decoder may look there first and call the converter only on a miss.
TEXT_CACHE = "khuonha_text_cache"

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


vars(_convert_text)[TEXT_CACHE] = KNOWN_TEXTS
vars(_convert_text_optional)[TEXT_CACHE] = KNOWN_TEXTS

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


vars(check_date)[ACCEPTS] = (date, type(None))
vars(check_time)[ACCEPTS] = (time, type(None))


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


def _checked(tp: object) -> tuple[type, ...] | None:
    """The classes a field of declared type *tp* must hold, when it is an enum or a bool."""
    args = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else ()
    members = [a for a in args if a is not type(None)] if args else [tp]
    if len(members) != 1:
        return None
    only = members[0]
    if only is bool or (isinstance(only, type) and issubclass(only, enum.Enum)):
        return (only, type(None)) if args else (only,)
    return None


def _member_check(
    kinds: tuple[type, ...], previous: Any
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    main = kinds[0]
    allowed = (
        "true or false"
        if main is bool
        else "one of " + ", ".join(repr(m.value) for m in typing.cast("Any", main))
    )

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) not in kinds:  # bool is checked exactly: 1 is not True
            raise field_error(attribute, f"expected {allowed}, got {value!r:.60}")
        if previous is not None:
            previous(inst, attribute, value)

    if previous is None:
        vars(check)[ACCEPTS] = kinds
    return check


_BUILTINS = {"bool": bool}


def _declared(tp: object, scope: dict[str, Any]) -> tuple[type, ...] | None:
    """The enum or bool classes annotation *tp* names (a string under PEP 563), or ``None``.

    Only plain names and ``X | None`` are read, by name lookup in the module.
    """
    if not isinstance(tp, str):
        return _checked(tp)
    found: list[type] = []
    for part in (p.strip() for p in tp.split("|")):
        value = type(None) if part == "None" else scope.get(part, _BUILTINS.get(part))
        if not isinstance(value, type):
            return None
        found.append(value)
    main = [k for k in found if k is not type(None)]
    if len(main) != 1 or not (main[0] is bool or issubclass(main[0], enum.Enum)):
        return None
    return (main[0], type(None)) if len(found) > 1 else (main[0],)


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: enum and bool fields refuse any other value.

    A constructor then never accepts what :func:`khuonha.dumps` or an exporter
    would fail on (``Person(private=None)``, ``Event(kind="x")``). Types are read
    from the class's module, where its annotations were written.
    """
    scope = vars(sys.modules[cls.__module__])
    out = []
    for field in fields:
        kinds = _declared(field.type, scope)
        if kinds is None:
            out.append(field)
            continue
        if field.default is None and type(None) not in kinds:  # filled in after __init__
            kinds = (*kinds, type(None))
        out.append(field.evolve(validator=_member_check(kinds, field.validator)))
    return out
