"""msgspec Structs and pydantic v2 models mirroring khuonha's schema, for the benchmarks.

Both are generated from the attrs classes, so they follow the models field
for field: the same names, types, required fields and defaults, unknown
keys forbidden, enums by value, and the constraints each library can state
itself (the id, code and slug patterns of the JSON Schema, counts >= 0).
pydantic runs in strict mode (no "3" for 3, no 3.7 for an int). What they
cannot check (cross-field rules, references between records, NFC text) is
left out, so the comparison favours them.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import Annotated, Any, get_args, get_origin

import attrs
import msgspec
import pydantic

from khuonha.model.fields import SCHEMA, check_non_negative

_SCALARS = (str, int, float, bool, date, datetime, time)


def _constraints(field: attrs.Attribute[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    extra = field.metadata.get(SCHEMA) or {}
    if "pattern" in extra:
        found["pattern"] = extra["pattern"]
    validators = field.validator
    if validators is check_non_negative or (
        validators is not None and check_non_negative in getattr(validators, "_validators", ())
    ):
        found["ge"] = 0
    return found


class _Mirror:
    """Builds one mirror class per attrs class, for one target library."""

    def __init__(self, make_class: Any, constrain: Any) -> None:
        self.classes: dict[type, Any] = {}
        self.make_class = make_class
        self.constrain = constrain

    def of(self, tp: Any, constraints: dict[str, Any]) -> Any:
        if tp in _SCALARS:
            return self.constrain(tp, constraints) if constraints else tp
        if isinstance(tp, type) and issubclass(tp, Enum):
            return tp
        if isinstance(tp, type) and attrs.has(tp):
            return self.model(tp)
        origin = get_origin(tp)
        if origin is tuple:
            item = self.of(
                get_args(tp)[0],
                {"pattern": constraints["pattern"]} if "pattern" in constraints else {},
            )
            return tuple[item, ...]  # type: ignore[valid-type]
        if origin in (typing.Union, types.UnionType):
            args = [self.of(a, constraints) for a in get_args(tp) if a is not type(None)]
            union: Any = args[0]
            for a in args[1:]:
                union = union | a
            return union | None if type(None) in get_args(tp) else union
        msg = f"cannot mirror {tp!r}"
        raise TypeError(msg)

    def model(self, cls: type) -> Any:
        found = self.classes.get(cls)
        if found is None:
            hints = typing.get_type_hints(cls)
            fields = []
            for f in attrs.fields(cls):
                constraints = _constraints(f)
                if get_origin(hints[f.name]) is tuple:
                    constraints.pop("ge", None)
                fields.append((f.name, self.of(hints[f.name], constraints), f.default))
            found = self.classes[cls] = self.make_class(cls.__name__, fields)
        return found


def _msgspec_class(name: str, fields: list[tuple[str, Any, Any]]) -> Any:
    spec = [(n, t) if d is attrs.NOTHING else (n, t, d) for n, t, d in fields]
    return msgspec.defstruct(
        name, spec, kw_only=True, forbid_unknown_fields=True, omit_defaults=True, frozen=True
    )


def _msgspec_constrain(tp: Any, constraints: dict[str, Any]) -> Any:
    return Annotated[tp, msgspec.Meta(**constraints)]


_PYDANTIC_CONFIG = pydantic.ConfigDict(extra="forbid", strict=True, frozen=True)


def _pydantic_class(name: str, fields: list[tuple[str, Any, Any]]) -> Any:
    spec = {n: (t, ... if d is attrs.NOTHING else d) for n, t, d in fields}
    return pydantic.create_model(name, __config__=_PYDANTIC_CONFIG, **spec)


def _pydantic_constrain(tp: Any, constraints: dict[str, Any]) -> Any:
    return Annotated[tp, pydantic.Field(**constraints)]


def msgspec_dataset() -> Any:
    """The msgspec Struct mirroring :class:`khuonha.Dataset`."""
    from khuonha.model.dataset import Dataset

    return _Mirror(_msgspec_class, _msgspec_constrain).model(Dataset)


def pydantic_dataset() -> Any:
    """The pydantic model mirroring :class:`khuonha.Dataset`."""
    from khuonha.model.dataset import Dataset

    return _Mirror(_pydantic_class, _pydantic_constrain).model(Dataset)
