"""Personal data (Nghị định 13/2023/NĐ-CP): what public exports must leave out.

Fields whose attrs metadata marks them sensitive (the people an activity
concerns, a person's address or birth year …) and the names of private
individuals (``Person.private``) are personal data. :func:`redact` returns a
copy of a record or dataset without them; exporters meant for the public call
it unless their ``internal`` option is set.

>>> import khuonha
>>> from khuonha.privacy import redact, PRIVATE_NAME
>>> p = khuonha.Person(id="p", name="Nguyễn Văn A", private=True, address="thôn 1")
>>> r = redact(p)
>>> (r.name == PRIVATE_NAME, r.address)
(True, None)
"""

from __future__ import annotations

import typing
from typing import Any, TypeVar

import attrs

from khuonha._fields import SENSITIVE
from khuonha.people import Person

__all__ = ["PRIVATE_NAME", "redact", "sensitive_fields"]

T = TypeVar("T")

#: What a private individual's name becomes in a public export.
PRIVATE_NAME = "[ẩn danh]"

_CACHE: dict[type, tuple[tuple[str, Any], ...]] = {}


def sensitive_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """``(name, default)`` of every field of the model *cls* marked as personal data.

    :func:`redact` resets these fields to their defaults; an exporter that
    shows personal data in an internal export lists them from here.

    >>> [name for name, _ in sensitive_fields(Person)]
    ['birth_year', 'address', 'note']
    """
    found = _CACHE.get(cls)
    if found is None:
        found = tuple((f.name, f.default) for f in attrs.fields(cls) if f.metadata.get(SENSITIVE))
        _CACHE[cls] = found
    return found


def redact(obj: T) -> T:
    """Return *obj* without personal data; *obj* itself is not changed.

    Works on any model or on a whole :class:`~khuonha.Dataset`; records
    without personal data are returned as they are (no copy).
    """
    return _redact(obj)  # type: ignore[no-any-return]


_WALK: dict[type, tuple[str, ...] | None] = {}


def _model_types(tp: Any) -> list[type]:
    """The attrs classes a field's type can hold (through tuples and unions)."""
    if isinstance(tp, type) and attrs.has(tp):
        return [tp]
    return [t for arg in typing.get_args(tp) for t in _model_types(arg)]


def _fields_to_walk(cls: type) -> tuple[str, ...] | None:
    """Fields of *cls* that may hold personal data deeper down; ``None`` when none can."""
    if cls in _WALK:
        return _WALK[cls]
    _WALK[cls] = None  # a class that contains itself holds nothing more
    hints = typing.get_type_hints(cls)
    walk = tuple(
        f.name
        for f in attrs.fields(cls)
        if any(
            t is Person or sensitive_fields(t) or _fields_to_walk(t) is not None
            for t in _model_types(hints[f.name])
        )
    )
    found = walk if walk or cls is Person or sensitive_fields(cls) else None
    _WALK[cls] = found
    return found


def _redact(obj: Any) -> Any:
    if isinstance(obj, tuple):
        if not obj or _fields_to_walk(type(obj[0])) is None:
            return obj
        items = [_redact(x) for x in obj]
        if all(a is b for a, b in zip(items, obj, strict=True)):
            return obj
        return tuple(items)
    cls = type(obj)
    if not attrs.has(cls):
        return obj
    walk = _fields_to_walk(cls)
    if walk is None:
        return obj
    changes: dict[str, Any] = {}
    for name, default in sensitive_fields(cls):
        if getattr(obj, name) != default:
            changes[name] = default
    if isinstance(obj, Person) and obj.private:
        changes["name"] = PRIVATE_NAME
        if obj.honorific is not None:
            changes["honorific"] = None
    for name in walk:
        if name in changes:
            continue
        value = getattr(obj, name)
        new = _redact(value)
        if new is not value:
            changes[name] = new
    if not changes:
        return obj
    return attrs.evolve(obj, **changes)
