"""JSON Schema (draft 2020-12) of every model, generated from the attrs classes.

The schema describes what :func:`khuonha.dumps` writes and what
:func:`khuonha.loads` accepts: it never rejects a document ``loads`` accepts,
and it carries every rule ``loads`` applies to a single field (a count is at
least 0 and at most 2**53 - 1, a birth year from 1880 to 2100, an id at most
200 characters …), taken from the fields' validators and metadata (see
``khuonha.text.fields.with_schema``). What JSON Schema cannot express
(references between records, duplicate ids and keys, ``3.0`` as an integer …)
is listed in the schema's top-level ``description``. Property tests check
both directions.

>>> import khuonha
>>> schema = khuonha.json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["properties"]["schema_version"]["type"]
'string'
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from typing import Any, get_args, get_origin

import attrs

from khuonha.model.dataset import SCHEMA_VERSION, Dataset
from khuonha.model.fields import schema_keywords

__all__ = ["json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_YEAR = "(?!0000)[0-9]{4}"  # year 1 to 9999, as Python's dates
_DAY = f"{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_HOUR = "([01][0-9]|2[0-3]):[0-5][0-9]"
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    date: {"type": "string", "format": "date", "pattern": f"^{_DAY}$"},
    # no "format": "date-time": RFC 3339 wants seconds, which khuonha may leave out
    datetime: {
        "type": "string",
        "pattern": f"^{_DAY}T{_HOUR}(:[0-5][0-9](\\.[0-9]{{1,6}})?)?(Z|[+-]{_HOUR})$",
    },
    time: {"type": "string", "pattern": f"^{_HOUR}(:[0-5][0-9])?$"},
}

#: What ``loads`` checks that this schema cannot say; the schema's top-level description
#: lists them, so a reader knows a valid document may still be refused.
NOT_EXPRESSED = (
    "every reference between records names an existing record of the expected kind "
    "(units, areas, organizations, people, posts, events …)",
    "ids are unique within each collection",
    "no JSON object names a key twice (a JSON Schema validator sees only the last value)",
    "an integer is written without a fraction: 3.0 is not an integer (JSON Schema "
    "counts it as one)",
    "dates and date-times exist in the calendar (no 30 February; for dates, "
    '"format": "date" says so to a validator that asserts formats)',
    "rules between fields of one record: end dates and times not before start ones, "
    "a unit's code has 2, 3 or 5 digits by its kind, no district in the post-2025 code "
    "list, an education level only for a school, a size only for an enterprise, a "
    "certification names a unit or a count, a recipient, site or delegate names "
    "someone or something, an event has its day or its month or year, an activity of "
    "a kind the library does not list carries its label …",
    "text is valid Unicode (no lone surrogates) with at most 30 combining marks on one "
    "character; it is stored in NFC",
    "the schema_version is not newer than this library reads",
)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if isinstance(tp, type) and issubclass(tp, Enum):
            return self._ref(
                tp,
                lambda: {
                    "type": "string",
                    "enum": [m.value for m in tp],
                    "title": tp.__name__,
                    "description": _doc(tp),
                },
            )
        if isinstance(tp, type) and attrs.has(tp):
            return self._ref(tp, lambda: self._object(tp))
        origin = get_origin(tp)
        if origin is tuple:
            return {"type": "array", "items": self.of(get_args(tp)[0])}
        if origin in (typing.Union, types.UnionType):
            args = get_args(tp)
            if set(args) == {int, float}:
                return {"type": "number"}
            options = [self.of(a) for a in args if a is not type(None)]
            if type(None) in args:
                options.append({"type": "null"})
            return {"anyOf": options}
        msg = f"no JSON Schema for {tp!r}"
        raise TypeError(msg)

    def _ref(self, tp: type, build: typing.Callable[[], dict[str, Any]]) -> dict[str, Any]:
        name = tp.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def _object(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required = []
        for field in attrs.fields(cls):
            schema = self.of(hints[field.name])
            extra = schema_keywords(field)
            if extra:
                schema = _merge(schema, extra)
            props[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        out: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "description": _doc(cls),
            "properties": props,
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out


def _merge(schema: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        return {
            "anyOf": [_merge(s, extra) if s.get("type") != "null" else s for s in schema["anyOf"]]
        }
    if schema.get("type") == "array" and "items" in extra:
        return {**schema, "items": {**schema["items"], **extra["items"]}}
    return {**schema, **{k: v for k, v in extra.items() if k != "items"}}


def _doc(obj: type) -> str:
    doc = (obj.__doc__ or "").strip()
    return doc.split("\n\n", 1)[0].replace("\n", " ")


@cache
def _schema_for(cls: type) -> dict[str, Any]:
    builder = _Builder()
    top = builder._object(cls)
    builder.defs.pop(cls.__name__, None)

    rules = "".join(f"\n- {rule}" for rule in NOT_EXPRESSED)
    description = (
        f"{top['description']}\n\nBesides what this schema says, khuonha.loads checks "
        f"rules JSON Schema cannot express:{rules}"
    )
    return {
        "$schema": DRAFT,
        "$id": f"https://khuonha.invalid/schema/{SCHEMA_VERSION}/{cls.__name__}.json",
        **top,
        "description": description,
        "$defs": dict(sorted(builder.defs.items())),
    }


def json_schema(cls: type | None = None) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of *cls* (default :class:`~khuonha.Dataset`).

    A fresh copy is returned each time, so callers may change it.
    """
    import copy  # noqa: PLC0415

    if cls is None:
        cls = Dataset
    if not attrs.has(cls):
        msg = f"json_schema() takes a khuonha model class, got {cls!r}"
        raise TypeError(msg)
    return copy.deepcopy(_schema_for(cls))
