"""msgspec Structs and pydantic v2 models mirroring khuonha's schema, for the benchmarks.

Both are generated from the attrs classes, so they follow the models field
for field (names, types, required fields, defaults, unknown keys forbidden,
enums by value) and do the library's validation work in each library's own
idiom, from the same attrs metadata:

- **constraints the library can state** (``msgspec.Meta`` / ``pydantic.Field``):
  the patterns, maximum lengths and number bounds of the fields' JSON Schema
  keywords (:func:`khuonha.text.fields.schema_keywords`), on array items too;
  date-times must carry a UTC offset (``Meta(tz=True)`` / ``AwareDatetime``);
  pydantic runs in strict mode (no "3" for 3, no 3.7 for an int);
- **the rest in Python after decoding each record** (msgspec ``__post_init__``,
  a pydantic ``model_validator(mode="after")``): NFC of every text field (ASCII
  skipped, ``unicodedata.is_normalized`` first), the field validators the
  constraints cannot state (year bounds of days and date-times, one count per
  standing, finite measures …) and the class's cross-field rules (its
  ``__attrs_post_init__``, run on the mirror record);
- **references between records** and duplicate ids: one pass after decoding
  (:func:`check_references`), by set inclusion as the library does, from the
  fields' ``refers_to`` metadata.

What they still do not do, stated beside the figures: refuse a duplicate key
(both keep the last value silently), refuse absurd runs of combining marks in
text (normalising them takes quadratic time), and word every problem with its
path in one report (msgspec stops at the first).
"""

from __future__ import annotations

import types
import typing
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import Annotated, Any, get_args, get_origin

import attrs
import msgspec
import pydantic

from khuonha.model.dataset import _EVIDENCE_TARGETS, ID_COLLECTIONS, Dataset
from khuonha.model.evidence import Evidence
from khuonha.model.fields import refers_to
from khuonha.text.fields import (
    _convert_text,
    _convert_text_optional,
    _convert_text_tuple,
    check_aware,
    check_date,
    check_time,
    schema_keywords,
)

_SCALARS = (str, int, float, bool, date, datetime, time)
_TEXT_CONVERTERS = (_convert_text, _convert_text_optional)
#: Validators that only check a type the mirror's own type already enforces.
_TYPE_ONLY = (check_date, check_time, check_aware)


def _is_type_only(validator: Any) -> bool:
    name = getattr(validator, "__qualname__", "")
    return validator in _TYPE_ONLY or name in (
        "_member_check.<locals>.check",
        "tuple_of.<locals>.check_members",
    )


def _validators(field: attrs.Attribute[Any]) -> list[Any]:
    found: list[Any] = []
    pending = [field.validator]
    while pending:
        v = pending.pop(0)
        if v is None:
            continue
        inner = getattr(v, "_validators", None)
        if inner is not None:
            pending[:0] = list(inner)
        else:
            found.append(v)
    return found


def _inner(tp: Any) -> Any:
    if get_origin(tp) in (typing.Union, types.UnionType):
        rest = [a for a in get_args(tp) if a is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def _constrainable(tp: Any) -> bool:
    """Whether the schema keywords of a field of type *tp* become native constraints."""
    inner = _inner(tp)
    if inner in (str, int, float) or set(get_args(inner)) == {int, float}:
        return True
    return get_origin(inner) is tuple and get_args(inner)[0] is str


class _Plan:
    """What one record of an attrs class needs beyond its types: text, checks, rule."""

    def __init__(self, cls: type) -> None:
        hints = typing.get_type_hints(cls)
        self.texts: list[str] = []
        self.text_tuples: list[str] = []
        self.checks: list[tuple[Any, attrs.Attribute[Any], str]] = []
        for field in attrs.fields(cls):
            conv = getattr(field.converter, "converter", field.converter)
            if conv in _TEXT_CONVERTERS:
                self.texts.append(field.name)
            elif conv is _convert_text_tuple:
                self.text_tuples.append(field.name)
            covered = _constrainable(hints[field.name]) and bool(schema_keywords(field))
            for v in _validators(field):
                if _is_type_only(v) or covered:
                    continue
                self.checks.append((v, field, field.name))
        # the class's own rule (a record's __attrs_post_init__ also notes what it writes)
        rule = vars(cls).get("__khuonha_post_init__", vars(cls).get("__attrs_post_init__"))
        self.rule: Callable[[Any], None] | None = None if cls is Dataset else rule
        # the methods and properties the rule may call, copied onto the mirror class
        self.methods = {
            k: v
            for k, v in vars(cls).items()
            if not k.startswith("__")
            and isinstance(v, types.FunctionType | property | staticmethod | classmethod)
        }

    def run(self, obj: Any, put: Callable[[Any, str, Any], None]) -> None:
        for name in self.texts:
            v = getattr(obj, name)
            if v is not None and not v.isascii() and not unicodedata.is_normalized("NFC", v):
                put(obj, name, unicodedata.normalize("NFC", v))
        for name in self.text_tuples:
            v = getattr(obj, name)
            if not all(s.isascii() or unicodedata.is_normalized("NFC", s) for s in v):
                put(obj, name, tuple(unicodedata.normalize("NFC", s) for s in v))
        for check, field, name in self.checks:
            check(obj, field, getattr(obj, name))
        if self.rule is not None:
            self.rule(obj)


_NAMES = {"pattern": "pattern", "maxLength": "max_length", "minimum": "ge", "maximum": "le"}


def _native(keywords: dict[str, Any]) -> dict[str, Any]:
    return {_NAMES[k]: v for k, v in keywords.items() if k in _NAMES}


class _Mirror:
    """Builds one mirror class per attrs class, for one target library."""

    def __init__(self, make_class: Any, constrain: Any, aware: Any) -> None:
        self.classes: dict[type, Any] = {}
        self.origin: dict[Any, type] = {}
        self.make_class = make_class
        self.constrain = constrain
        self.aware = aware

    def of(self, tp: Any, constraints: dict[str, Any]) -> Any:
        if tp is datetime:
            return self.aware
        if tp in _SCALARS:
            return self.constrain(tp, constraints) if constraints else tp
        if isinstance(tp, type) and issubclass(tp, Enum):
            return tp
        if isinstance(tp, type) and attrs.has(tp):
            return self.model(tp)
        origin = get_origin(tp)
        if origin is tuple:
            return tuple[self.of(get_args(tp)[0], constraints.get("items", {})), ...]  # type: ignore[misc]
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
                keywords = schema_keywords(f)
                native = _native(keywords)
                if "items" in keywords:
                    native["items"] = _native(keywords["items"])
                tp = hints[f.name]
                if not _constrainable(tp):
                    native = {}
                fields.append((f.name, self.of(tp, native), f.default))
            found = self.classes[cls] = self.make_class(cls.__name__, fields, _Plan(cls))
            self.origin[found] = cls
        return found


# ------------------------------------------------------------------ msgspec


def _msgspec_class(name: str, fields: list[tuple[str, Any, Any]], plan: _Plan) -> Any:
    spec = [(n, t) if d is attrs.NOTHING else (n, t, d) for n, t, d in fields]
    force = msgspec.structs.force_setattr

    def __post_init__(self: Any) -> None:  # noqa: N807 - msgspec's hook
        plan.run(self, force)

    return msgspec.defstruct(
        name,
        spec,
        kw_only=True,
        forbid_unknown_fields=True,
        omit_defaults=True,
        frozen=True,
        namespace={**plan.methods, "__post_init__": __post_init__},
    )


def _msgspec_constrain(tp: Any, constraints: dict[str, Any]) -> Any:
    return Annotated[tp, msgspec.Meta(**constraints)]


# ------------------------------------------------------------------ pydantic

_PYDANTIC_CONFIG = pydantic.ConfigDict(extra="forbid", strict=True, frozen=True)


def _pydantic_class(name: str, fields: list[tuple[str, Any, Any]], plan: _Plan) -> Any:
    spec = {n: (t, ... if d is attrs.NOTHING else d) for n, t, d in fields}

    def after(self: Any) -> Any:
        plan.run(self, object.__setattr__)
        return self

    validators = {"khuonha_rules": pydantic.model_validator(mode="after")(after)}
    base = type(
        f"{name}Rules", (pydantic.BaseModel,), {**plan.methods, "model_config": _PYDANTIC_CONFIG}
    )
    return pydantic.create_model(
        name,
        __base__=base,
        __validators__=validators,  # type: ignore[arg-type]
        **spec,
    )


def _pydantic_constrain(tp: Any, constraints: dict[str, Any]) -> Any:
    return Annotated[tp, pydantic.Field(**constraints)]


# ------------------------------------------------------------------ references


class References:
    """The reference pass over a decoded mirror dataset, planned from the attrs metadata."""

    def __init__(self, mirror: _Mirror) -> None:
        self.mirror = mirror
        self.plans: dict[type, tuple[tuple[str, tuple[str, ...], type | None], ...]] = {}

    def plan(self, cls: type) -> tuple[tuple[str, tuple[str, ...], type | None], ...]:
        found = self.plans.get(cls)
        if found is not None:
            return found
        steps: list[tuple[str, tuple[str, ...], type | None]] = []
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            targets = refers_to(field)
            if cls is Evidence:
                targets = _EVIDENCE_TARGETS.get(field.name, targets)
            if targets:
                steps.append((field.name, targets, None))
                continue
            nested = _record(hints[field.name])
            if nested is not None and self.plan(nested):
                steps.append((field.name, (), nested))
        found = self.plans[cls] = tuple(steps)
        return found

    def check(self, ds: Any) -> None:
        """Raise ``ValueError`` on a duplicate id or a reference to no record of its kind."""
        ids: dict[str, set[str]] = {}
        for name in ID_COLLECTIONS:
            listed = [r.id for r in getattr(ds, name)]
            ids[name] = set(listed)
            if len(ids[name]) != len(listed):
                msg = f"{name}: duplicate id"
                raise ValueError(msg)
        unions: dict[tuple[str, ...], set[str]] = {}

        def known(targets: tuple[str, ...]) -> set[str]:
            if targets not in unions:
                unions[targets] = set().union(*(ids[t] for t in targets))
            return unions[targets]

        for field, targets, nested in self.plan(Dataset):
            value = getattr(ds, field)
            if nested is None and value is not None and value not in known(targets):
                msg = f"{field}: unknown reference {value!r}"
                raise ValueError(msg)
        for name in (f.name for f in attrs.fields(Dataset)):
            records = getattr(ds, name)
            cls = _record(typing.get_type_hints(Dataset)[name])
            if cls is None or not records:
                continue
            self._records(records, cls, known)

    def _records(self, records: Any, cls: type, known: Callable[[Any], set[str]]) -> None:
        for field, targets, nested in self.plan(cls):
            values: set[Any] = {getattr(r, field) for r in records}
            values.discard(None)
            values.discard(())
            if values and isinstance(next(iter(values)), tuple):
                values = {v for t in values for v in t}
            if not values:
                continue
            if nested is None:
                if not values <= known(targets):
                    msg = f"{cls.__name__}.{field}: unknown reference"
                    raise ValueError(msg)
            else:
                self._records(list(values), nested, known)


def _record(tp: Any) -> type | None:
    for arg in (tp, *get_args(tp)):
        if isinstance(arg, type) and attrs.has(arg):
            return arg
        inner = get_args(arg)
        if inner and isinstance(inner[0], type) and attrs.has(inner[0]):
            return inner[0]
    return None


_AWARE_MSGSPEC = Annotated[datetime, msgspec.Meta(tz=True)]


def msgspec_dataset() -> Any:
    """The msgspec Struct mirroring :class:`khuonha.Dataset` (its records check themselves)."""
    return _Mirror(_msgspec_class, _msgspec_constrain, _AWARE_MSGSPEC).model(Dataset)


def pydantic_dataset() -> Any:
    """The pydantic model mirroring :class:`khuonha.Dataset` (its records check themselves)."""
    return _Mirror(_pydantic_class, _pydantic_constrain, pydantic.AwareDatetime).model(Dataset)


def msgspec_decoder() -> Callable[[bytes], Any]:
    """Decode a document with the msgspec mirror, then check its references."""
    mirror = _Mirror(_msgspec_class, _msgspec_constrain, _AWARE_MSGSPEC)
    decoder = msgspec.json.Decoder(mirror.model(Dataset))
    refs = References(mirror)

    def decode(doc: bytes) -> Any:
        ds = decoder.decode(doc)
        refs.check(ds)
        return ds

    return decode


def pydantic_decoder() -> Callable[[bytes], Any]:
    """Decode a document with the pydantic mirror, then check its references."""
    mirror = _Mirror(_pydantic_class, _pydantic_constrain, pydantic.AwareDatetime)
    model = mirror.model(Dataset)
    refs = References(mirror)

    def decode(doc: bytes) -> Any:
        ds = model.model_validate_json(doc)
        refs.check(ds)
        return ds

    return decode
