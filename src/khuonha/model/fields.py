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
    MAX_NUMBER,
    SCHEMA,
    SENSITIVE,
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
    "SCHEMA",
    "SENSITIVE",
    "check_aware",
    "check_date",
    "check_id",
    "check_non_negative",
    "check_time",
    "id_field",
    "is_sensitive",
    "ref_tuple",
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


@with_schema(items={"pattern": ID_PATTERN, "maxLength": ID_MAX})
def _check_ids(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or len(item) > ID_MAX or _ID.match(item) is None:
            raise field_error(attribute, f"expected ids, got {item!r:.80}")


def id_field(**kwargs: Any) -> Any:
    """A required identifier field."""
    return attrs.field(validator=check_id, **kwargs)


def ref_field() -> Any:
    """An optional reference to another record's id."""
    return attrs.field(default=None, validator=check_id)


def ref_tuple(*, sensitive: bool = False) -> Any:
    """A tuple of references to other records' ids."""
    return attrs.field(
        default=(),
        converter=_convert_ref_tuple,
        validator=_check_ids,
        metadata=meta(sensitive),
    )


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

    validators: list[Callable[..., None]] = [check_members]
    if validator is not None:
        validators.append(validator)
    return attrs.field(
        default=(), converter=convert, validator=validators, metadata=meta(sensitive)
    )


def is_sensitive(field: attrs.Attribute[Any]) -> bool:
    """Whether *field* holds personal data that public exports must leave out."""
    return bool(field.metadata.get(SENSITIVE, False))
