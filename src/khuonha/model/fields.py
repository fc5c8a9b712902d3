"""Field helpers shared by every model: NFC text, ids, dates, sensitive marks.

Validators raise :class:`~khuonha.exceptions.InvalidDataError` naming the
field and the value, so the codec can report ``$.path: field: reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text.fields import (
    ACCEPTS_ITEMS,
    MAX_NUMBER,
    SCHEMA,
    SENSITIVE,
    STR_RULE,
    check_aware,
    check_date,
    check_non_negative,
    check_time,
    field_error,
    meta,
    schema_keywords,
    text,
    text_optional,
    text_tuple,
    with_schema,
)

__all__ = [
    "MAX_NUMBER",
    "REFERS_TO",
    "SCHEMA",
    "SENSITIVE",
    "check_aware",
    "check_date",
    "check_day",
    "check_id",
    "check_moment",
    "check_non_negative",
    "check_time",
    "id_field",
    "is_sensitive",
    "ref_field",
    "ref_tuple",
    "refers_to",
    "schema_keywords",
    "text",
    "text_optional",
    "text_tuple",
    "with_schema",
]

T = TypeVar("T")

_ID = re.compile(r"[a-z0-9]+(?:[-_.:][a-z0-9]+)*\Z")
ID_PATTERN = r"^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$"
ID_MAX = 200


@with_schema(pattern=ID_PATTERN, maxLength=ID_MAX)
def check_id(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an identifier: a lower-case ASCII slug of at most 200 characters."""
    if value is None:
        return
    if not isinstance(value, str) or len(value) > ID_MAX or _ID.match(value) is None:
        raise field_error(
            attribute,
            f"expected an id (lower-case ASCII letters and digits joined by - _ . :), "
            f"got {value!r:.80}",
        )


#: Ids already found well formed (references repeat: an area is covered by many activities).
_WELL_FORMED: set[str] = set()
_WELL_FORMED_SIZE = 8192


@with_schema(items={"pattern": ID_PATTERN, "maxLength": ID_MAX})
def _check_ids(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if type(item) is str and item in _WELL_FORMED:
            continue
        if not isinstance(item, str) or len(item) > ID_MAX or _ID.match(item) is None:
            raise field_error(attribute, f"expected ids, got {item!r:.80}")
        if type(item) is str and len(_WELL_FORMED) < _WELL_FORMED_SIZE:
            _WELL_FORMED.add(item)


@with_schema(pattern=ID_PATTERN, maxLength=ID_MAX)
def check_required_id(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an identifier that must be given (``None`` is refused)."""
    if value is None:
        raise field_error(attribute, "expected an id, got None")
    check_id(_inst, attribute, value)


vars(check_id)[STR_RULE] = (_ID.match, ID_MAX, True)
vars(check_required_id)[STR_RULE] = (_ID.match, ID_MAX, False)


def id_field(**kwargs: Any) -> Any:
    """A required identifier field."""
    return attrs.field(validator=check_required_id, **kwargs)


#: Key in field metadata naming the collections of :class:`~khuonha.Dataset` a reference
#: field may point into (``("units",)``); the dataset checks every reference from it.
REFERS_TO = "khuonha.refers_to"


def ref_field(*, to: tuple[str, ...] = ()) -> Any:
    """An optional reference to the id of a record in one of the collections *to*."""
    return attrs.field(
        default=None,
        validator=check_id,
        metadata={REFERS_TO: to},
    )


def ref_tuple(*, to: tuple[str, ...] = (), sensitive: bool = False) -> Any:
    """A tuple of references to records' ids in the collections *to*."""
    return attrs.field(
        default=(),
        converter=_convert_ref_tuple,
        validator=_check_ids,
        metadata={REFERS_TO: to, **meta(sensitive)},
    )


def refers_to(field: attrs.Attribute[Any]) -> tuple[str, ...]:
    """The collections a reference *field* points into (empty for other fields)."""
    return tuple(field.metadata.get(REFERS_TO, ()))


#: The years a day of the movement's data may fall in: what every exporter can write.
FIRST_YEAR, LAST_YEAR = 1900, 2200


# The JSON Schema of a day or date-time from 1900 to 2200 (the codec's patterns, year bounded).
_YEARS = "(19[0-9]{2}|2[01][0-9]{2}|2200)"
_DAY = f"{_YEARS}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_HOUR = "([01][0-9]|2[0-3]):[0-5][0-9]"


@with_schema(pattern=f"^{_DAY}$")
def check_day(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a :class:`datetime.date` from 1900 to 2200, or ``None``.

    Events, news items and decisions outside these years are typing errors,
    and every first-party exporter can write every day inside them.
    """
    if value is None:
        return
    check_date(_inst, attribute, value)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:  # type: ignore[attr-defined]
        raise field_error(
            attribute, f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {value}"
        )


@with_schema(pattern=f"^{_DAY}T{_HOUR}(:[0-5][0-9](\\.[0-9]{{1,6}})?)?(Z|[+-]{_HOUR})$")
def check_moment(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a date-time with a UTC offset from 1900 to 2200, or ``None``."""
    if value is None:
        return
    check_aware(_inst, attribute, value)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:  # type: ignore[attr-defined]
        raise field_error(
            attribute, f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {value}"
        )


def day_field() -> Any:
    """An optional day (see :func:`check_day`)."""
    return attrs.field(default=None, validator=check_day)


def _convert_ref_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        raise InvalidDataError(f"expected a list of ids, got {value!r:.60}")
    return tuple(value)


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

    vars(check_members)[ACCEPTS_ITEMS] = (kind,)
    validators: list[Callable[..., None]] = [check_members]
    if validator is not None:
        validators.append(validator)
    return attrs.field(
        default=(), converter=convert, validator=validators, metadata=meta(sensitive)
    )


def is_sensitive(field: attrs.Attribute[Any]) -> bool:
    """Whether *field* holds personal data that public exports must leave out."""
    return bool(field.metadata.get(SENSITIVE, False))
