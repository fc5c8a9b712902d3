"""Generated fast paths of the codec for the core models (see :mod:`khuonha.codec.core`).

For each model class, Python source is generated once, from its attrs
fields and type hints, and compiled:

- ``to_dict``: a dict builder giving exactly what the cattrs converter gives
  (same keys, same order, defaults left out), with scalars inlined;
- ``structs``: a builder of a msgspec Struct per record holding exactly the
  fields the canonical form writes, which msgspec's C encoder writes byte for
  byte as the JSON writer below would (the first choice of ``dumps``);
- ``encode``: canonical JSON text written straight from the object, byte for
  byte what ``json.dumps(to_dict(obj), ensure_ascii=False, separators=(",",
  ":"), allow_nan=False)`` gives (for values the Struct builder refuses);
- ``structure``: an optimistic decoder that checks what the strict
  converter checks (exact JSON types, ISO dates, enum slugs, no unknown
  key) and builds the object as its attrs constructor does (converters,
  validators, ``__attrs_post_init__``), except that a field left out takes
  its converted default, known valid, directly, and a validator that only
  checks the exact type the decoder has just built (marked with
  ``khuonha.text.fields.ACCEPTS``) is not called. It never reports errors:
  on any failure the codec reruns the
  converter's detailed path, which finds and words every problem. Accepting
  exactly what that path accepts (or failing) keeps the behaviour one.

A value of an unexpected runtime type is handed to the converter's own hook
for its declared type, so odd but valid objects come out as before. Classes
with a type the generator does not know get no fast path.

Generation is safe under threads: it happens under one re-entrant lock
(:data:`LOCK`), once per class and kind, and a function is published in a
cache only when complete. The generated source is registered with
:mod:`linecache` under a stable pseudo-filename
(``<khuonha codegen encode khuonha.model.dataset.Dataset>``), so tracebacks
and debuggers show the generated lines.
"""

from __future__ import annotations

import json
import linecache
import threading
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import Any, get_args, get_origin

import attrs
import cattrs
import msgspec

from khuonha.text._record import (
    Record,
    converted_default,
    exact_by_type,
    field_check,
    is_number,
    is_singleton,
    put_written,
    shapes,
    split_optional,
)
from khuonha.text.fields import ACCEPTS, ACCEPTS_ITEMS, STR_RULE, TEXT_CACHE

__all__ = ["LOCK", "Codegen", "Decoders"]

#: Held while code is generated (re-entrant: building a class builds its fields' classes).
LOCK = threading.RLock()

_ENC = json.encoder.encode_basestring
_MISSING = object()
_SCALARS = (str, int, float, bool, date, datetime, time)


class _UnsupportedError(Exception):
    """A type the generator does not handle: the class keeps the converter's hooks."""


def _dump_any(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Codegen:
    """The generated functions of one converter, built on first use and kept."""

    def __init__(self, converter: cattrs.Converter, *, always: dict[type, frozenset[str]]) -> None:
        self.converter = converter
        self.always = always
        self._dict: dict[type, Callable[[Any], Any] | None] = {}
        self._enc: dict[type, Callable[..., None] | None] = {}
        self._struct: dict[type, Callable[[Any], Any] | None] = {}
        self._building: set[tuple[str, type]] = set()

    # ------------------------------------------------------------ plumbing

    def _compile(self, name: str, cls: type, lines: list[str], env: dict[str, Any]) -> Any:
        return _compile(name, cls, lines, env)

    def _get(self, cache: dict[type, Any], kind: str, cls: type, build: Any) -> Any:
        if cls in cache:
            return cache[cls]
        with LOCK:
            if cls in cache:  # built by another thread while this one waited
                return cache[cls]
            if (kind, cls) in self._building:  # recursive model: leave it to the converter
                raise _UnsupportedError(cls)
            self._building.add((kind, cls))
            try:
                found = build(cls)
            except _UnsupportedError:
                found = None
            finally:
                self._building.discard((kind, cls))
            cache[cls] = found
            return found

    @staticmethod
    def _supported(model: type) -> bool:
        return attrs.has(model) and model.__module__.split(".")[0] == "khuonha"

    def _fields(self, cls: type) -> list[tuple[attrs.Attribute[Any], Any]]:
        hints = typing.get_type_hints(cls)
        return [(f, hints[f.name]) for f in attrs.fields(cls)]

    # ------------------------------------------------------------ to_dict

    def to_dict(self, cls: type) -> Callable[[Any], Any] | None:
        """The generated dict builder of *cls*, or ``None``."""
        if not self._supported(cls):
            return None
        found: Callable[[Any], Any] | None = self._get(self._dict, "dict", cls, self._build_dict)
        return found

    def _value_expr(self, tp: Any, var: str, env: dict[str, Any]) -> str:
        hook = f"h{len(env)}"
        env[hook] = self.converter.get_unstructure_hook(tp)
        inner, optional = split_optional(tp)
        if optional:
            return f"(None if {var} is None else {self._value_expr(inner, var, env)})"
        if tp in (str, int, float, bool):
            return f"({var} if type({var}) is {tp.__name__} else {hook}({var}))"
        if is_number(tp):
            return f"({var} if type({var}) in (int, float) else {hook}({var}))"
        if tp in (date, datetime, time):
            env[f"iso_{tp.__name__}"], env[tp.__name__] = tp.isoformat, tp
            return f"(iso_{tp.__name__}({var}) if type({var}) is {tp.__name__} else {hook}({var}))"
        if isinstance(tp, type) and issubclass(tp, Enum):
            env[f"E{len(env)}"] = tp
            return f"({var}._value_ if type({var}) is E{len(env) - 1} else {hook}({var}))"
        if isinstance(tp, type) and attrs.has(tp):
            nested = self.to_dict(tp)
            if nested is None:
                raise _UnsupportedError(tp)
            env[f"u{len(env)}"] = nested
            fn = f"u{len(env) - 1}"
            return f"({fn}({var}) if type({var}) is {_typename(env, tp)} else {hook}({var}))"
        if get_origin(tp) is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis:
            item = self._value_expr(get_args(tp)[0], "e", env)
            return f"([{item} for e in {var}] if type({var}) is tuple else {hook}({var}))"
        raise _UnsupportedError(tp)

    def _build_dict(self, cls: type) -> Callable[[Any], Any]:
        env: dict[str, Any] = {}
        always = self.always.get(cls, frozenset())
        lines = [f"def to_dict_{cls.__name__}(o):", "    r = {}"]
        for field, tp in self._fields(cls):
            expr = self._value_expr(tp, "v", env)
            lines.append(f"    v = o.{field.name}")
            if field.default is attrs.NOTHING or field.name in always:
                lines.append(f"    r[{field.name!r}] = {expr}")
                continue
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise _UnsupportedError(field)
            default = converted_default(field)
            if default is None:
                lines.append(f"    if v is not None: r[{field.name!r}] = {expr}")
            else:
                env[f"d_{field.name}"] = default
                lines.append(f"    if v != d_{field.name}: r[{field.name!r}] = {expr}")
        lines.append("    return r")
        return typing.cast(
            "Callable[[Any], Any]", self._compile(f"to_dict_{cls.__name__}", cls, lines, env)
        )

    # ------------------------------------------------------------ JSON text

    def encoder(self, cls: type) -> Callable[..., None] | None:
        """The generated JSON writer of *cls* (``fn(obj, parts, parts.append)``), or ``None``."""
        if not self._supported(cls):
            return None
        found: Callable[..., None] | None = self._get(self._enc, "enc", cls, self._build_enc)
        return found

    def _text_expr(self, tp: Any, var: str, env: dict[str, Any]) -> str | None:
        """An expression giving the JSON text of *var*, or ``None`` for nested records."""
        hook = f"h{len(env)}"
        env[hook] = self.converter.get_unstructure_hook(tp)
        slow = f"dump_any({hook}({var}))"
        inner, optional = split_optional(tp)
        if optional:
            text = self._text_expr(inner, var, env)
            return None if text is None else f"('null' if {var} is None else {text})"
        if tp is str:
            return f"(enc({var}) if type({var}) is str else {slow})"
        if tp is int:
            return f"(int_repr({var}) if type({var}) is int else {slow})"
        if tp is bool:
            return f"(('true' if {var} else 'false') if type({var}) is bool else {slow})"
        if tp is float or is_number(tp):
            return f"number({var}, {hook})"
        if tp in (date, datetime, time):
            env[f"iso_{tp.__name__}"], env[tp.__name__] = tp.isoformat, tp
            return (
                f"('\"' + iso_{tp.__name__}({var}) + '\"' "
                f"if type({var}) is {tp.__name__} else {slow})"
            )
        if isinstance(tp, type) and issubclass(tp, Enum):
            if not all(type(m.value) is str for m in tp):
                return slow
            env[f"E{len(env)}"] = tp
            return f"(enc({var}._value_) if type({var}) is E{len(env) - 1} else {slow})"
        if isinstance(tp, type) and attrs.has(tp):
            return None
        if get_origin(tp) is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis:
            item = self._text_expr(get_args(tp)[0], "e", env)
            if item is None:
                return None
            joined = f"'[' + ','.join([{item} for e in {var}]) + ']'"
            return f"({joined} if type({var}) is tuple else {slow})"
        raise _UnsupportedError(tp)

    def _write_value(self, tp: Any, key: str, env: dict[str, Any], pad: str) -> list[str]:
        """Lines writing ``key`` then the JSON of ``v``."""
        text = self._text_expr(tp, "v", env)
        if text is not None:
            return [f"{pad}w({key!r} + {text})"]
        inner, optional = split_optional(tp)
        hook = f"h{len(env)}"
        env[hook] = self.converter.get_unstructure_hook(tp)
        lines = [f"{pad}w({key!r})"]
        if optional:
            lines += [f"{pad}if v is None: w('null')", f"{pad}else:"]
            pad += "    "
        if attrs.has(inner):
            fn = self.encoder(inner)
            if fn is None:
                raise _UnsupportedError(inner)
            env[f"x{len(env)}"] = fn
            name = f"x{len(env) - 1}"
            lines += [
                f"{pad}if type(v) is {_typename(env, inner)}: {name}(v, p, w)",
                f"{pad}else: w(dump_any({hook}(v)))",
            ]
            return lines
        # a tuple of records
        elem = get_args(inner)[0]
        fn = self.encoder(elem)
        if fn is None:
            raise _UnsupportedError(elem)
        env[f"x{len(env)}"] = fn
        name = f"x{len(env) - 1}"
        t = _typename(env, elem)
        lines += [
            f"{pad}if type(v) is tuple and all([type(e) is {t} for e in v]):",
            f"{pad}    w('[')",
            f"{pad}    for e in v:",
            f"{pad}        {name}(e, p, w)",
            f"{pad}        w(',')",
            f"{pad}    if v: p[-1] = ']'",
            f"{pad}    else: w(']')",
            f"{pad}else: w(dump_any({hook}(v)))",
        ]
        return lines

    def _build_enc(self, cls: type) -> Callable[..., None]:
        env: dict[str, Any] = {
            "enc": _ENC,
            "dump_any": _dump_any,
            "int_repr": int.__repr__,
            "number": _number,
        }
        always = self.always.get(cls, frozenset())
        fields = self._fields(cls)
        static_first = bool(fields) and (
            fields[0][0].default is attrs.NOTHING or fields[0][0].name in always
        )
        lines = [f"def encode_{cls.__name__}(o, p, w):", "    w('{')"]
        if not static_first:
            lines.append("    start = len(p)")
        for i, (field, tp) in enumerate(fields):
            key = f'"{field.name}":' if i == 0 and static_first else f',"{field.name}":'
            lines.append(f"    v = o.{field.name}")
            if field.default is attrs.NOTHING or field.name in always:
                lines += self._write_value(tp, key, env, "    ")
                continue
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise _UnsupportedError(field)
            default = converted_default(field)
            if default is None:
                lines.append("    if v is not None:")
            else:
                env[f"d_{field.name}"] = default
                lines.append(f"    if v != d_{field.name}:")
            lines += self._write_value(tp, key, env, "        ")
        if not static_first:
            lines.append("    if len(p) > start: p[start] = p[start][1:]")
        lines.append("    w('}')")
        return typing.cast(
            "Callable[..., None]", self._compile(f"encode_{cls.__name__}", cls, lines, env)
        )

    # ------------------------------------------------------------ msgspec Structs

    def structs(self, cls: type) -> Callable[[Any], Any] | None:
        """The generated builder of *cls*'s canonical msgspec Struct, or ``None``.

        The Struct has *cls*'s fields in order, each defaulting to the field's
        own default object, and msgspec leaves out a value that *is* its
        default (``omit_defaults``). The builder checks each value's exact
        runtime type against the type declared and hands msgspec only values
        it writes byte for byte as :func:`json.dumps` writes the converter's
        output: strings, integers, booleans, ``None``, dates, enum members,
        tuples of those, nested Structs, floats as :class:`msgspec.Raw` of
        their ``repr``, date-times and times as their ISO text. Any other
        value makes it raise, and the caller takes the JSON writer. A value
        equal to a default that is not a singleton (``"vi"``) is swapped for
        the default object, so it is left out as the converter leaves it out;
        a field always written (``schema_version``) defaults to nothing it can
        hold.
        """
        if not self._supported(cls):
            return None
        found: Callable[[Any], Any] | None = self._get(
            self._struct, "struct", cls, self._build_struct
        )
        return found

    def _struct_expr(self, tp: Any, var: str, env: dict[str, Any]) -> str:
        """An expression giving what msgspec writes for *var*, or calling ``fail()``."""
        inner, optional = split_optional(tp)
        if optional:
            text = self._struct_expr(inner, var, env)
            return f"({var} if {var} is None else {text})"
        if tp in (str, int, bool, date):
            env[tp.__name__] = tp
            return f"({var} if type({var}) is {tp.__name__} else fail())"
        if tp is float or is_number(tp):
            return f"({var} if type({var}) is int else raw_number({var}))"
        if tp in (datetime, time):
            env[f"iso_{tp.__name__}"], env[tp.__name__] = tp.isoformat, tp
            return f"(iso_{tp.__name__}({var}) if type({var}) is {tp.__name__} else fail())"
        if isinstance(tp, type) and issubclass(tp, Enum):
            if not all(type(m.value) in (str, int) for m in tp):
                raise _UnsupportedError(tp)
            return f"({var} if type({var}) is {_typename(env, tp)} else fail())"
        if isinstance(tp, type) and attrs.has(tp):
            nested = self.structs(tp)
            if nested is None:
                raise _UnsupportedError(tp)
            env[f"s{len(env)}"] = nested
            fn = f"s{len(env) - 1}"
            return f"({fn}({var}) if type({var}) is {_typename(env, tp)} else fail())"
        if get_origin(tp) is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis:
            elem = get_args(tp)[0]
            if elem in (str, int, bool, date) or (
                isinstance(elem, type)
                and issubclass(elem, Enum)
                and all(type(m.value) in (str, int) for m in elem)
            ):  # written as they are: one C-level pass checks the items' types
                kinds = f"K{len(env)}"
                env[kinds] = frozenset({elem})
                check = f"type({var}) is tuple and {kinds}.issuperset(map(type, {var}))"
                return f"({var} if {check} else fail())"
            if isinstance(elem, type) and attrs.has(elem):  # records: built in C's loop
                nested = self.structs(elem)
                if nested is None:
                    raise _UnsupportedError(elem)
                kinds = f"K{len(env)}"
                env[kinds] = frozenset({elem})
                env[f"s{len(env)}"] = nested
                fn = f"s{len(env) - 1}"
                check = f"type({var}) is tuple and {kinds}.issuperset(map(type, {var}))"
                return f"(tuple(map({fn}, {var})) if {check} else fail())"
            item = self._struct_expr(elem, "e", env)
            return f"(tuple([{item} for e in {var}]) if type({var}) is tuple else fail())"
        raise _UnsupportedError(tp)

    def _build_struct(self, cls: type) -> Callable[[Any], Any]:
        fields = self._fields(cls)
        always = self.always.get(cls, frozenset())
        never = object()  # the default of a field always written: no value is it
        spec: list[tuple[str, Any, Any]] = []
        env: dict[str, Any] = {"fail": _fail, "raw_number": _raw_number}
        lines = [f"def struct_{cls.__name__}(o):"]  # o's exact type: checked by the caller
        args = []
        for i, (field, tp) in enumerate(fields):
            lines.append(f"    v{i} = o.{field.name}")
            expr = self._struct_expr(tp, f"v{i}", env)
            if field.default is attrs.NOTHING or field.name in always:
                spec.append((field.name, Any, never))
                args.append(expr)
                continue
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise _UnsupportedError(field)
            default = converted_default(field)
            spec.append((field.name, Any, default))
            env[f"d{i}"] = default
            if default is None:  # the expression lets None through already
                args.append(expr)
            elif is_singleton(default):
                # Equal to the default but not it (0 for False, a str for a member):
                # the exact type check fails and the JSON writer decides.
                args.append(f"(v{i} if v{i} is d{i} else {expr})")
            else:  # equal is left out too: hand msgspec the default object itself
                args.append(f"(d{i} if v{i} == d{i} else {expr})")
        # gc=False: a Struct holds text, numbers, tuples and other Structs, never a cycle, so
        # the collector need not track (nor be triggered by) the records' million copies.
        env["S"] = msgspec.defstruct(f"Canonical{cls.__name__}", spec, omit_defaults=True, gc=False)
        lines.append(f"    return S({', '.join(args)})")
        return typing.cast(
            "Callable[[Any], Any]", self._compile(f"struct_{cls.__name__}", cls, lines, env)
        )


def _compile(name: str, cls: type, lines: list[str], env: dict[str, Any]) -> Any:
    """Compile the function *name* from *lines*, its source registered with :mod:`linecache`."""
    kind = name.partition("_")[0]
    if kind == "to":
        kind = "to_dict"
    filename = f"<khuonha codegen {kind} {cls.__module__}.{cls.__qualname__}>"
    source = "\n".join(lines) + "\n"
    # mtime None: linecache.checkcache() keeps the entry (there is no file to compare with)
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), env)  # noqa: S102 - our own source
    return env[name]


def _typename(env: dict[str, Any], tp: type) -> str:
    name = f"T{len(env)}"
    env[name] = tp
    return name


def _number(value: Any, hook: Callable[[Any], Any]) -> str:
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and value - value == 0.0:  # finite
        return float.__repr__(value)
    return _dump_any(hook(value))


def _raw_number(value: Any) -> Any:
    """*value* as msgspec writes it like :func:`json.dumps` (floats by their ``repr``)."""
    kind = type(value)
    if kind is int:
        return value
    if kind is float and value - value == 0.0:  # finite
        return msgspec.Raw(float.__repr__(value).encode())
    raise _FallbackError


class _FallbackError(Exception):
    """The optimistic decoder gives up; the converter's detailed path takes over."""


def _fail() -> Any:
    raise _FallbackError


_DATES_SIZE = 4096
#: How many texts a field remembers as having passed its rule (kinds, references).
_KNOWN_SIZE = 4096
#: How many distinct inputs of a text-only nested value are kept with their object.
_INTERN_SIZE = 1024
#: The longest integer the reference parser reads, in characters (see ``core._MAX_DIGITS``).
_MAX_CHARS = 4000


class Decoders:
    """Generated optimistic decoders (``fn(data) -> obj``); see the module docstring."""

    def __init__(self, scalars: dict[Any, Callable[[Any, Any], Any]]) -> None:
        self.scalars = scalars  # the converter's hooks for date, datetime and time
        self._cache: dict[type, Callable[[Any], Any] | None] = {}
        self._building: set[type] = set()
        self._dates: dict[str, date] = {}
        self._interning: dict[type, Callable[[Any], Any]] = {}

    def _date(self, value: Any) -> date:
        """The converter's date hook, remembered (a date is immutable, always true)."""
        found: date = self.scalars[date](value, None)
        if len(self._dates) >= _DATES_SIZE:
            self._dates.clear()
        self._dates[value] = found
        return found

    def structure(self, cls: type) -> Callable[[Any], Any] | None:
        """The generated decoder of *cls*, or ``None``."""
        if not Codegen._supported(cls):
            return None
        if cls in self._cache:
            return self._cache[cls]
        with LOCK:
            if cls in self._cache:  # built by another thread while this one waited
                return self._cache[cls]
            if cls in self._building:
                raise _UnsupportedError(cls)
            self._building.add(cls)
            try:
                found: Callable[[Any], Any] | None = self._build(cls)
            except _UnsupportedError:
                found = None
            finally:
                self._building.discard(cls)
            self._cache[cls] = found
            return found

    def _interned(self, cls: type, structure: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """*structure*, giving one object for every equal input (see :func:`_text_only`).

        A nested value of text fields only (a period, a label) repeats across
        records: the same quarter on every activity. Its input's items are the
        key, so equal inputs share one immutable object, built once.
        """
        found = self._interning.get(cls)
        if found is not None:
            return found
        memo: dict[tuple[Any, ...], Any] = {}

        def interned(d: Any) -> Any:
            if type(d) is not dict:
                return structure(d)
            try:
                key = tuple(d.items())
                made = memo.get(key)
            except TypeError:  # an unhashable value (a list): wrong here, so never kept
                return structure(d)
            if made is None:
                made = structure(d)
                if len(memo) >= _INTERN_SIZE:
                    memo.clear()
                memo[key] = made
            return made

        self._interning[cls] = interned
        return interned

    def _expr(self, tp: Any, var: str, env: dict[str, Any], *, item: bool = False) -> str:
        inner, optional = split_optional(tp)
        if optional:
            return f"(None if {var} is None else {self._expr(inner, var, env, item=item)})"
        if tp in (str, bool):
            return f"({var} if type({var}) is {tp.__name__} else fail())"
        # Integers the reference parser would not read (over 4000 characters) fail here,
        # whichever parser made them, so the reference path words them.
        env["LOW"], env["HIGH"] = -(10 ** (_MAX_CHARS - 1)), 10**_MAX_CHARS
        if tp is int:
            return f"({var} if type({var}) is int and LOW < {var} < HIGH else fail())"
        if tp is float:
            return f"(float({var}) if type({var}) in (int, float) else fail())"
        if is_number(tp):
            return (
                f"({var} if type({var}) is float "
                f"or (type({var}) is int and LOW < {var} < HIGH) else fail())"
            )
        if tp is date:  # dates repeat (quarters, cycles): each text is read once
            env["DATES"], env["s_date"], env["date"] = self._dates, self._date, date
            return f"({var} if type({var}) is date else (DATES.get({var}) or s_date({var})))"
        if tp in (datetime, time):
            env[f"s_{tp.__name__}"] = self.scalars[tp]
            return f"s_{tp.__name__}({var}, None)"
        if isinstance(tp, type) and issubclass(tp, Enum):
            if not all(type(m.value) is str for m in tp):
                raise _UnsupportedError(tp)
            env[f"M{len(env)}"] = {m.value: m for m in tp}
            return f"(M{len(env) - 1}[{var}] if type({var}) is str else fail())"
        if isinstance(tp, type) and attrs.has(tp):
            fn = self.structure(tp)
            if fn is None:
                raise _UnsupportedError(tp)
            if not item and _text_only(tp):
                fn = self._interned(tp, fn)
            env[f"s{len(env)}"] = fn
            return f"s{len(env) - 1}({var})"
        if get_origin(tp) is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis:
            elem = get_args(tp)[0]
            if elem in (str, bool):  # taken as they are: one C-level pass checks their types
                kinds = f"K{len(env)}"
                env[kinds] = frozenset({elem})
                check = f"type({var}) is list and {kinds}.issuperset(map(type, {var}))"
                return f"(tuple({var}) if {check} else fail())"
            each = self._expr(elem, "e", env, item=True)
            return f"(tuple([{each} for e in {var}]) if type({var}) is list else fail())"
        raise _UnsupportedError(tp)

    def _build(self, cls: type) -> Callable[[Any], Any]:
        # The object is built as its attrs ``__init__`` builds it (converters,
        # then validators, then ``__attrs_post_init__``), except that a field
        # left out gets its converted default, already known to be valid,
        # without running its converter and validator again.
        if hasattr(cls, "__attrs_pre_init__") or "_attrs_cached_hash" in getattr(
            cls, "__slots__", ()
        ):
            raise _UnsupportedError(cls)
        env: dict[str, Any] = {
            "fail": _fail,
            "MISSING": _MISSING,
            "cls": cls,
            "new": object.__new__,
            "put": object.__setattr__,
        }
        fields = attrs.fields(cls)
        hints = typing.get_type_hints(cls)
        env["KEYS"] = frozenset(f.name for f in fields)
        lines = [
            f"def structure_{cls.__name__}(d):",
            "    if type(d) is not dict or not d.keys() <= KEYS: fail()",
        ]
        twin = _twin(cls)
        if twin is not None:
            env["Building"] = twin
        lines.append("    o = new(Building)" if twin is not None else "    o = new(cls)")
        noted = _noted(cls, fields, hints, env)  # the names it writes, found as it is built
        if noted is not None:
            lines.append(f"    m = {noted.base}")
            if noted.checks:
                lines.append("    odd = False")
        for i, field in enumerate(fields):
            if not field.init or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise _UnsupportedError(field)
            env[f"F{i}"] = field
            steps = [f"a{i} = {self._expr(hints[field.name], 'v', env)}"]
            steps += _convert_step(
                field, f"a{i}", f"F{i}", env, f"c{i}", built=_built(hints[field.name])
            )
            setter = _setter(cls, field.name, env, i, twin)
            steps.append(setter.format(f"a{i}"))
            # Validators that only check the exact type this decoder builds are left out.
            needed = [
                v
                for v in _flat(field.validator)
                if field.converter is not None or not _implied(v, hints[field.name])
            ]
            for j, check in enumerate(needed):
                env[f"w{i}_{j}"] = check
                call = f"w{i}_{j}(o, F{i}, a{i})"
                rule = getattr(check, STR_RULE, None)
                if rule is not None and _built(hints[field.name]) <= {str, type(None)}:
                    # the rule tested inline (one C call); the validator words a miss
                    env[f"r{i}_{j}"], env[f"n{i}_{j}"] = rule[0], rule[1]
                    ok = f"len(a{i}) <= n{i}_{j} and r{i}_{j}(a{i}) is not None"
                    none = f"a{i} is None" if rule[2] else "False"
                    call = f"if not ({none} or ({ok})): {call}"
                    if type(None) not in _built(hints[field.name]):
                        call = f"if not ({ok}): w{i}_{j}(o, F{i}, a{i})"
                    if field.name != "id":  # kinds and references repeat: each text tested once
                        known: set[str] = set()
                        env[f"k{i}_{j}"], env[f"k{i}_{j}_add"] = known, known.add
                        steps.append(f"if a{i} not in k{i}_{j}:")
                        steps.append(f"    {call}")
                        steps.append(f"    if len(k{i}_{j}) < {_KNOWN_SIZE}: k{i}_{j}_add(a{i})")
                        continue
                steps.append(call)
            if noted is not None:
                steps += noted.steps(i, f"a{i}")
            if field.default is attrs.NOTHING:
                lines.append(f"    v = d[{field.name!r}]")
                lines += [f"    {step}" for step in steps]
                continue
            env[f"d{i}"] = default = converted_default(field)
            lines += [f"    if {field.name!r} not in d:", f"        {setter.format(f'd{i}')}"]
            if field.validator is not None and not _valid_default(field, default):
                env[f"w{i}"] = field.validator
                lines.append(f"        w{i}(o, F{i}, d{i})")
            lines += ["    else:", f"        v = d[{field.name!r}]"]
            lines += [f"        {step}" for step in steps]
        if noted is not None:
            lines += ["    w = MADE.get(m)", "    if w is None:", "        w = make(m)"]
            found = "None if odd else w" if noted.checks else "w"
            lines.append(
                f"    o.__dataclass_fields__ = {found}"
                if twin is not None
                else f"    put_written(o, {found})"
            )
        if twin is not None:
            lines.append("    o.__class__ = cls")
        if noted is not None and hasattr(cls, "__khuonha_post_init__"):
            lines.append("    o.__khuonha_post_init__()")  # its own rule; the names are set
        elif hasattr(cls, "__attrs_post_init__"):
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        return typing.cast(
            "Callable[[Any], Any]", _compile(f"structure_{cls.__name__}", cls, lines, env)
        )


class _Noted:
    """How a decoder finds the names a record writes (see :mod:`khuonha.text._record`)."""

    def __init__(self, base: int, bits: dict[int, str], checks: dict[int, str]) -> None:
        self.base = base  # the fields always written
        self.bits = bits  # field position -> test that its value is not its default
        self.checks = checks  # field position -> test that msgspec writes it canonically

    def steps(self, i: int, var: str) -> list[str]:
        """The statements after field *i*'s value *var* is set from the input."""
        found = []
        if i in self.checks:
            found.append(f"if not ({self.checks[i].format(var)}): odd = True")
        if i in self.bits:
            found.append(f"if {self.bits[i].format(var)}: m |= {1 << i}")
        return found


def _noted(cls: type, fields: Any, hints: dict[str, Any], env: dict[str, Any]) -> _Noted | None:
    """The decoder's part in noting *cls*'s names written, or ``None`` to leave it to ``note``.

    A value the decoder builds of its exact declared type needs no check; a
    converted, numeric, date-time or time value is checked as ``note`` checks
    it. ``None`` for a class that is no record, or whose own
    ``__attrs_post_init__`` sets fields (``__khuonha_post_init_sets__``).
    """
    if not issubclass(cls, Record) or cls.__khuonha_post_init_sets__:
        return None
    env["MADE"], env["make"] = shapes(cls)
    env["put_written"] = put_written
    base, bits, checks = 0, {}, {}
    for i, field in enumerate(fields):
        tp = hints[field.name]
        converted = (
            field.converter is not None
            and getattr(getattr(field.converter, "converter", field.converter), TEXT_CACHE, None)
            is None
        )
        if converted or not exact_by_type(tp):
            try:
                checks[i] = field_check(tp, "{0}", env)
            except Exception:  # a type msgspec is not trusted with: note decides
                return None
        if field.default is attrs.NOTHING or field.name in cls.__khuonha_always__:
            base |= 1 << i
        elif is_singleton(converted_default(field)):
            bits[i] = f"{{0}} is not d{i}"
        else:
            bits[i] = f"{{0}} != d{i}"
    return _Noted(base, bits, checks)


def _setter(cls: type, name: str, env: dict[str, Any], i: int, twin: type | None) -> str:
    """A statement template (``{}``: the value) setting field *name* of the new object ``o``.

    With a building twin (see :func:`_twin`) it is a plain attribute assignment,
    which the interpreter specialises for slots; else the slot's own setter.
    """
    if twin is not None:
        return f"o.{name} = {{}}"
    slot = cls.__dict__.get(name)
    if type(slot) is types.MemberDescriptorType:
        env[f"set{i}"] = slot.__set__
    else:
        env[f"set{i}"] = lambda o, v, name=name: object.__setattr__(o, name, v)
    return f"set{i}(o, {{}})"


def _twin(cls: type) -> type | None:
    """A mutable class with *cls*'s exact slots, whose objects can become *cls* objects.

    A frozen class refuses assignment, so each field of a decoded object would
    cost a call of its slot's setter. Built as an object of this twin instead,
    its fields are plain assignments, and one ``__class__`` assignment makes it
    the frozen *cls* object (Python allows that between classes of one memory
    layout, and checks it). Only for a slotted class straight on ``object``
    with no ``__weakref__`` or ``__dict__`` slot; ``None`` for any other.
    """
    slots = cls.__dict__.get("__slots__")
    if (
        not isinstance(slots, tuple)
        or cls.__bases__ not in ((object,), (Record,))
        or cls.__weakrefoffset__ != 0
        or cls.__dictoffset__ != 0
    ):
        return None
    twin = type(
        f"Building{cls.__name__}", cls.__bases__, {"__slots__": slots, "__module__": __name__}
    )
    probe: Any = object.__new__(twin)
    try:
        probe.__class__ = cls
    except TypeError:  # another layout after all: the setters it is
        return None
    return twin


def _text_only(cls: type) -> bool:
    """Whether every field of *cls* is text in JSON (text, a day or time, a text enum).

    Equal inputs of such a class can share one decoded object: a valid input's
    values are all text (or ``None``, or a ``date`` an importer handed over),
    which no value of another type equals (``1 == True`` cannot arise), so an
    invalid input never finds a valid one's object.
    """
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        inner, _ = split_optional(hints[field.name])
        if inner in (str, date, datetime, time):
            continue
        if (
            isinstance(inner, type)
            and issubclass(inner, Enum)
            and all(type(m.value) is str for m in inner)
        ):
            continue
        return False
    return True


def _flat(validator: Any) -> list[Any]:
    """The validators *validator* runs, in order (``and_`` and lists opened)."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    if inner is None:
        return [validator]
    return [v for part in inner for v in _flat(part)]


def _built(tp: Any) -> frozenset[Any]:
    """The exact types of the values the generated decoder builds for declared type *tp*."""
    inner, optional = split_optional(tp)
    none = {type(None)} if optional else set()
    if inner is float:
        return frozenset({float, *none})
    if is_number(inner):
        return frozenset({int, float, *none})
    if get_origin(inner) is tuple:
        return frozenset({tuple, *none})
    return frozenset({inner, *none})


def _implied(validator: Any, tp: Any) -> bool:
    """Whether *validator* only checks types that the decoder's values of *tp* have already."""
    accepts = getattr(validator, ACCEPTS, None)
    if accepts is not None:
        return _built(tp) <= set(accepts)
    items = getattr(validator, ACCEPTS_ITEMS, None)
    inner, _ = split_optional(tp)
    if items is not None and get_origin(inner) is tuple:
        return _built(get_args(inner)[0]) <= set(items)
    return False


def _convert_step(
    field: attrs.Attribute[Any],
    var: str,
    field_name: str,
    env: dict[str, Any],
    name: str,
    *,
    built: frozenset[Any] = frozenset(),
) -> list[str]:
    """The statement applying *field*'s converter to *var*, as attrs does (or nothing)."""
    conv: Any = field.converter
    if conv is None:
        return []
    if isinstance(conv, attrs.Converter):
        wrapped: Any = conv
        if wrapped.takes_self:  # it would see a half-built object: leave it to the converter
            raise _UnsupportedError(field)
        env[name] = wrapped.converter
        extra = f", {field_name}" if wrapped.takes_field else ""
        call = f"{name}({var}{extra})"
        cache = getattr(wrapped.converter, TEXT_CACHE, None)
        if cache is not None and built <= {str, type(None)}:
            # ASCII is kept, a text already normalised is looked up: the call only on a miss
            env[f"{name}_known"] = cache
            found = f"({var} if {var}.isascii() else ({name}_known.get({var}) or {call}))"
            if type(None) in built:
                found = f"(None if {var} is None else {found})"
            return [f"{var} = {found}"]
        return [f"{var} = {call}"]
    env[name] = conv
    return [f"{var} = {name}({var})"]


def _valid_default(field: attrs.Attribute[Any], default: Any) -> bool:
    """Whether *field*'s validator accepts its converted *default* (checked once)."""
    try:
        field.validator(None, field, default)  # type: ignore[misc]
    except Exception:  # e.g. a validator reading the instance: run it each time
        return False
    return True
