"""The base of every record: each object keeps the names of the fields it writes.

The canonical JSON of a record (see :func:`khuonha.dumps`) holds its fields in
order and leaves out each field at its default. Which fields those are is
fixed when the (immutable) object is made, so the object keeps them: a dict of
the names written, one shared dict per combination, in the slot msgspec reads
to encode an object field by field (``__dataclass_fields__``). msgspec's C
encoder then writes the record as it is, with no Python code per object, the
same bytes the reference path writes.

An object keeps ``None`` there instead when msgspec would not write one of its
values as the canonical form does (a ``str`` subclass, a float msgspec spells
otherwise, a type not handled here): msgspec then refuses the object and the
codec takes its reference path. The class itself is no dataclass
(:func:`dataclasses.is_dataclass` is false for it and its objects): the class
hides the name, only its objects hold it.

The names are set after ``__attrs_post_init__`` (the class's own runs first),
after unpickling or copying, and by the codec's decoder; a subclass's own
``__attrs_post_init__`` and ``__setstate__`` are wrapped when the class is made.
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, ClassVar, get_args, get_origin

import attrs

__all__ = [
    "Record",
    "converted_default",
    "exact_by_type",
    "field_check",
    "is_number",
    "is_singleton",
    "note",
    "put_written",
    "shapes",
    "split_optional",
    "written",
]

#: Largest integers msgspec writes (it refuses larger ones; the reference path writes them).
_LOW, _HIGH = -(2**63), 2**64 - 1

_LOCK = threading.RLock()
#: Per class: the function giving an object's dict of names written, or ``None``.
_NOTES: dict[type, Callable[[Any], dict[str, None] | None]] = {}
_SHAPES: dict[type, tuple[dict[int, dict[str, None]], Callable[[int], dict[str, None]]]] = {}


class _RecordType(type):
    """The metaclass of records: a class answers no ``__dataclass_fields__`` of its own."""

    @property
    def __dataclass_fields__(cls) -> Any:
        # The base answers its slot (attrs reads the slots of a class's bases); every
        # record class says it is no dataclass, so dataclasses.is_dataclass() is false.
        slot = cls.__dict__.get("__dataclass_fields__")
        if slot is not None:
            return slot
        msg = f"{cls.__qualname__} is an attrs class, not a dataclass"
        raise AttributeError(msg)


class Record(metaclass=_RecordType):
    """Base of the attrs records of khuonha; see the module docstring.

    A field in ``__khuonha_always__`` is written even at its default
    (``schema_version``). ``__khuonha_post_init_sets__`` is true for a class
    whose own ``__attrs_post_init__`` sets a field (the decoder then leaves
    the names to :func:`note`, run after it).
    """

    __slots__ = ("__dataclass_fields__",)
    __khuonha_always__: ClassVar[frozenset[str]] = frozenset()
    __khuonha_post_init_sets__: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, kept in (
            ("__attrs_post_init__", "__khuonha_post_init__"),
            ("__setstate__", "__khuonha_setstate__"),
        ):
            own = cls.__dict__.get(name)
            if own is None or getattr(own, "_khuonha_noting", False):
                continue  # none of its own, or already wrapped (attrs remakes the class)
            # kept in the class too: attrs mends its ``super()`` cell when it remakes the class
            type.__setattr__(cls, kept, own)
            type.__setattr__(cls, name, _noting(own))

    def __attrs_post_init__(self) -> None:
        note(self)


def _noting(own: Callable[..., None]) -> Callable[..., None]:
    """*own* (a class's ``__attrs_post_init__`` or ``__setstate__``), then :func:`note`."""

    def noting(self: Any, *args: Any) -> None:
        own(self, *args)
        note(self)

    noting._khuonha_noting = True  # type: ignore[attr-defined]
    noting.__wrapped__ = own  # type: ignore[attr-defined]
    return noting


_put = typing.cast("Any", Record.__dict__["__dataclass_fields__"]).__set__
#: Sets the names an object writes, frozen or not (the slot's own setter).
put_written: Callable[[Any, dict[str, None] | None], None] = _put


def note(obj: Any) -> None:
    """Keep on *obj* the names of the fields it writes (see the module docstring)."""
    cls = type(obj)
    fn = _NOTES.get(cls)
    if fn is None:
        fn = _notes_of(cls)
    _put(obj, fn(obj))


def written(obj: Record) -> tuple[str, ...]:
    """The names of the fields *obj*'s canonical JSON holds, in order.

    >>> from khuonha.text import Period
    >>> written(Period.year(2023))
    ('start', 'end', 'label')
    """
    cls = type(obj)
    fn = _NOTES.get(cls) or _notes_of(cls)
    found = fn(obj)
    if found is None:  # a value only the reference path writes: the fields still differ
        return tuple(
            f.name
            for f in attrs.fields(typing.cast("Any", cls))
            if f.default is attrs.NOTHING
            or f.name in cls.__khuonha_always__
            or getattr(obj, f.name) != converted_default(f)
        )
    return tuple(found)


def _notes_of(cls: type) -> Callable[[Any], dict[str, None] | None]:
    with _LOCK:
        found = _NOTES.get(cls)
        if found is None:
            try:
                found = _build(cls)
            except _UnsupportedError:
                found = _none
            _NOTES[cls] = found
        return found


def _none(_obj: Any) -> None:
    return None


class _UnsupportedError(Exception):
    """A field type msgspec is not trusted to write as the canonical form does."""


def converted_default(field: attrs.Attribute[Any]) -> Any:
    default = field.default
    conv: Any = field.converter
    if conv is None:
        return default
    if isinstance(conv, attrs.Converter):
        wrapped: Any = conv  # attrs types its attributes loosely
        args: list[Any] = [default]
        if wrapped.takes_self:
            args.append(None)
        if wrapped.takes_field:
            args.append(field)
        return wrapped.converter(*args)
    return conv(default)


def is_singleton(default: Any) -> bool:
    """Whether every value of its exact type equal to *default* is *default* itself."""
    return (
        default is None
        or default is True
        or default is False
        or (default == () and type(default) is tuple)
        or isinstance(default, enum.Enum)
    )


def _as_written(kind: type) -> Callable[[Any], bool]:
    """Whether msgspec writes a value of *kind* (float, datetime, time) as the reference does."""
    import msgspec  # noqa: PLC0415 - only classes with such a field need it

    encode = msgspec.json.encode
    if kind is float:

        def same(value: Any) -> bool:
            try:
                return value - value == 0.0 and encode(value) == float.__repr__(value).encode()
            except Exception:
                return False

        return same

    def same_iso(value: Any) -> bool:
        try:
            return bool(encode(value) == b'"' + value.isoformat().encode() + b'"')
        except Exception:
            return False

    return same_iso


def is_number(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType) and set(get_args(tp)) == {int, float}


def split_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) != len(args):
            inner: Any = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
            return inner, True
    return tp, False


def _simple(tp: Any) -> bool:
    """Whether msgspec writes every value of exact type *tp* as the reference does."""
    return tp in (str, bool, date) or (
        isinstance(tp, type) and issubclass(tp, enum.Enum) and all(type(m.value) is str for m in tp)
    )


def exact_by_type(tp: Any) -> bool:
    """Whether a value of declared type *tp* of that exact type needs no :func:`field_check`."""
    inner, _ = split_optional(tp)
    if _simple(inner):
        return True
    if isinstance(inner, type) and attrs.has(inner):
        return issubclass(inner, Record)
    if get_origin(inner) is tuple and len(get_args(inner)) == 2 and get_args(inner)[1] is Ellipsis:
        return exact_by_type(get_args(inner)[0])
    return False


def field_check(tp: Any, var: str, env: dict[str, Any]) -> str:
    """An expression true when msgspec writes *var* (of declared type *tp*) canonically."""
    inner, optional = split_optional(tp)
    if optional:
        return f"({var} is None or {field_check(inner, var, env)})"
    env["W_LOW"], env["W_HIGH"] = _LOW, _HIGH
    if tp is int:
        return f"(type({var}) is int and W_LOW <= {var} <= W_HIGH)"
    if _simple(tp):
        name = f"W_T{len(env)}"
        env[name] = tp
        return f"type({var}) is {name}"
    if tp is float or is_number(tp):
        env["W_same_float"] = _as_written(float)
        exact = f"(type({var}) is int and W_LOW <= {var} <= W_HIGH) or " if tp is not float else ""
        return f"({exact}(type({var}) is float and W_same_float({var})))"
    if tp in (datetime, time):
        name = f"W_T{len(env)}"
        env[name], env["W_same_iso"] = tp, _as_written(tp)
        return f"(type({var}) is {name} and W_same_iso({var}))"
    if isinstance(tp, type) and attrs.has(tp):
        if not issubclass(tp, Record):
            raise _UnsupportedError(tp)
        name = f"W_T{len(env)}"
        env[name] = tp
        return f"type({var}) is {name}"  # its own names decide how it is written
    if get_origin(tp) is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis:
        elem = get_args(tp)[0]
        if _simple(elem) or (isinstance(elem, type) and attrs.has(elem)):
            if attrs.has(elem) and not issubclass(elem, Record):
                raise _UnsupportedError(elem)
            kinds = f"W_K{len(env)}"
            env[kinds] = frozenset({elem})
            return f"(type({var}) is tuple and {kinds}.issuperset(map(type, {var})))"
        each = field_check(elem, "e", env)
        return f"(type({var}) is tuple and all([{each} for e in {var}]))"
    raise _UnsupportedError(tp)


def shapes(cls: type) -> tuple[dict[int, dict[str, None]], Callable[[int], dict[str, None]]]:
    """*cls*'s dicts of names written, by mask of field positions, and their maker.

    Every object writing the same fields shares one dict; the decoder and
    :func:`note` both find them here.
    """
    with _LOCK:
        found = _SHAPES.get(cls)
        if found is not None:
            return found
        names = [f.name for f in attrs.fields(cls)]
        made: dict[int, dict[str, None]] = {}

        def make(mask: int) -> dict[str, None]:
            shape = dict.fromkeys(n for i, n in enumerate(names) if mask >> i & 1)
            with _LOCK:
                return made.setdefault(mask, shape)

        found = _SHAPES[cls] = (made, make)
        return found


def _build(cls: type) -> Callable[[Any], dict[str, None] | None]:
    """Generate *cls*'s function: the shared dict of the names an object writes, or ``None``."""
    fields = attrs.fields(cls)
    hints = typing.get_type_hints(cls)
    always: frozenset[str] = getattr(cls, "__khuonha_always__", frozenset())
    made, make = shapes(cls)
    env: dict[str, Any] = {"MADE": made, "make": make}
    lines = [f"def written_{cls.__name__}(o):", "    m = 0"]
    for i, field in enumerate(fields):
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise _UnsupportedError(field)
        check = field_check(hints[field.name], "v", env)
        lines.append(f"    v = o.{field.name}")
        body = [f"if not ({check}): return None", f"m |= {1 << i}"]
        if field.default is attrs.NOTHING or field.name in always:
            lines += [f"    {step}" for step in body]
            continue
        env[f"d{i}"] = default = converted_default(field)
        test = f"v is not d{i}" if is_singleton(default) else f"v != d{i}"
        lines.append(f"    if {test}:")
        lines += [f"        {step}" for step in body]
    lines += ["    found = MADE.get(m)", "    return found if found is not None else make(m)"]
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<khuonha written {cls.__module__}.{cls.__qualname__}>", "exec"), env)  # noqa: S102 - our own source
    return typing.cast("Callable[[Any], dict[str, None] | None]", env[f"written_{cls.__name__}"])
