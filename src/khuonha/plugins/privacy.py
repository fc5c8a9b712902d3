"""Personal data (Nghị định 13/2023/NĐ-CP): what public exports must leave out.

Fields whose attrs metadata marks them sensitive (the people an activity
concerns, a person's address or birth year …) and the names of private
individuals (``Person.private``) are personal data. :func:`redact` returns a
copy of a record or dataset without them; exporters meant for the public call
it unless their ``internal`` option is set.

>>> import khuonha
>>> from khuonha.plugins.privacy import redact, PRIVATE_NAME
>>> p = khuonha.Person(id="p", name="Nguyễn Văn A", private=True, address="thôn 1")
>>> r = redact(p)
>>> (r.name == PRIVATE_NAME, r.address)
(True, None)
"""

from __future__ import annotations

import typing
from typing import Any, TypeVar

import attrs

from khuonha.model.fields import SENSITIVE
from khuonha.model.people import Person

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


_MAY: dict[type, bool] = {}
_MODEL_FIELDS: dict[type, tuple[str, ...]] = {}


def _model_types(tp: Any) -> list[type]:
    """The model classes a declared field type can hold (through tuples and unions)."""
    if isinstance(tp, type) and attrs.has(tp):
        return [tp]
    return [t for arg in typing.get_args(tp) for t in _model_types(arg)]


def _may_hold_personal_data(cls: type) -> bool:
    """Whether objects of *cls* can hold personal data (cached per class).

    Judged on the class itself, so a subclass that marks a field sensitive is
    caught even where the declared type is its base class.
    """
    known = _MAY.get(cls)
    if known is not None:
        return known
    if not attrs.has(cls):
        _MAY[cls] = False
        return False
    _MAY[cls] = False  # a model that contains itself adds nothing more
    hints = typing.get_type_hints(cls)
    fields = tuple(f.name for f in attrs.fields(cls) if _model_types(hints[f.name]))
    _MODEL_FIELDS[cls] = fields
    known = (
        cls is Person
        or bool(sensitive_fields(cls))
        or any(_may_hold_personal_data(t) for n in fields for t in _model_types(hints[n]))
    )
    _MAY[cls] = known
    return known


def redact(obj: T) -> T:
    """Return *obj* without personal data; *obj* itself is not changed.

    Works on any model or on a whole :class:`~khuonha.Dataset`; records
    without personal data are returned as they are (no copy).
    """
    return _redact(obj)  # type: ignore[no-any-return]


def _redact(obj: Any) -> Any:
    if isinstance(obj, tuple):
        if not any(_may_hold_personal_data(kind) for kind in {type(x) for x in obj}):
            return obj
        items = [_redact(x) for x in obj]
        if all(a is b for a, b in zip(items, obj, strict=True)):
            return obj
        return tuple(items)
    cls = type(obj)
    if not _may_hold_personal_data(cls):
        return obj
    changes: dict[str, Any] = {}
    for name, default in sensitive_fields(cls):
        if getattr(obj, name) != default:
            changes[name] = default
    if isinstance(obj, Person) and obj.private:
        changes["name"] = PRIVATE_NAME
        if obj.honorific is not None:
            changes["honorific"] = None
    for name in _MODEL_FIELDS[cls]:
        if name in changes:
            continue
        value = getattr(obj, name)
        new = _redact(value)
        if new is not value:
            changes[name] = new
    if not changes:
        return obj
    return attrs.evolve(obj, **changes)
