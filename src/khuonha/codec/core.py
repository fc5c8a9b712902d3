"""The codec: one strict cattrs converter, canonical JSON, errors with JSON paths.

>>> import khuonha
>>> ds = khuonha.sample()
>>> khuonha.loads(khuonha.dumps(ds)) == ds
True
>>> khuonha.loads(b'{"schema_version": "2.0", "slug": "x", "title": 3}')
Traceback (most recent call last):
...
khuonha.exceptions.DecodeError: $.title: expected a string, got int 3
"""

from __future__ import annotations

import contextvars
import functools
import gc
import itertools
import json
import re
import types
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import msgspec
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn, override

from khuonha.codec import _codegen, _stream
from khuonha.codec.migrations import upgrade
from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.model.dataset import SCHEMA_VERSION, Dataset, record_collections
from khuonha.text._record import Record
from khuonha.text.periods import Period

if typing.TYPE_CHECKING:
    from khuonha.model.dataset import Dataset

__all__ = [
    "configure_converter",
    "converter",
    "decode",
    "dumps",
    "from_dict",
    "load",
    "load_stream",
    "loads",
    "make_converter",
    "to_dict",
]

T = TypeVar("T")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})\Z"
)
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?\Z")


class _InvalidValueError(ValueError):
    """A scalar did not match its type; the message is shown as is."""


class _LongNumber:
    """A JSON integer with too many digits to read; decoding reports it at its path."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


#: Integers longer than this are not converted (the interpreter's own limit is 4300).
_MAX_DIGITS = 4000


def _parse_int(text: str) -> int | _LongNumber:
    return _LongNumber(len(text)) if len(text) > _MAX_DIGITS else int(text)


def _describe(value: object) -> str:
    if isinstance(value, _LongNumber):
        return f"a number of {value.digits} digits (too long)"
    kind = {
        bool: "boolean",
        int: "int",
        float: "float",
        str: "string",
        list: "array",
        dict: "object",
        type(None): "null",
    }.get(type(value), type(value).__name__)
    if isinstance(value, list | dict) or value is None:
        return kind
    return f"{kind} {value!r:.60}"


def _str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _InvalidValueError(f"expected a string, got {_describe(value)}")
    return value


def _int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _InvalidValueError(f"expected an integer, got {_describe(value)}")
    return value


def _float(value: Any, _: Any) -> float:
    if type(value) not in (int, float):
        raise _InvalidValueError(f"expected a number, got {_describe(value)}")
    return float(value)


def _number(value: Any, _: Any) -> int | float:
    if type(value) not in (int, float):
        raise _InvalidValueError(f"expected a number, got {_describe(value)}")
    return typing.cast("int | float", value)


def _bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _InvalidValueError(f"expected true or false, got {_describe(value)}")
    return value


def _date(value: Any, _: Any) -> date:
    if type(value) is date:  # a typed cell of an importer (a workbook's date), taken as is
        return value
    if type(value) is not str or _DATE.match(value) is None:
        raise _InvalidValueError(f"expected an ISO 8601 date (YYYY-MM-DD), got {_describe(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _InvalidValueError(f"impossible date {value!r}: {exc}") from None


def _datetime(value: Any, _: Any) -> datetime:
    if type(value) is not str or _DATETIME.match(value) is None:
        raise _InvalidValueError(
            "expected an ISO 8601 date-time with a UTC offset "
            f"(YYYY-MM-DDTHH:MM:SS+07:00), got {_describe(value)}"
        )
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise _InvalidValueError(f"impossible date-time {value!r}: {exc}") from None


def _time(value: Any, _: Any) -> time:
    if type(value) is not str or _TIME.match(value) is None:
        raise _InvalidValueError(
            f"expected a time of day (HH:MM or HH:MM:SS), got {_describe(value)}"
        )
    try:
        return time.fromisoformat(value)
    except ValueError as exc:
        raise _InvalidValueError(f"impossible time {value!r}: {exc}") from None


def _enum_hook(cls: type[Enum]) -> Callable[[Any, Any], Enum]:
    members = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in members)

    def hook(value: Any, _: Any) -> Enum:
        if type(value) is cls:
            return value
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
        raise _InvalidValueError(f"expected one of {allowed}, got {_describe(value)}")

    return hook


def _enum_any(value: Any, tp: Any) -> Enum:
    return _enum_hook(tp)(value, tp)


def _is_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple


def _tuple_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    args = get_args(tp)
    if len(args) != 2 or args[1] is not Ellipsis:  # pragma: no cover - models use tuple[X, ...]
        msg = f"only homogeneous tuples are supported, got {tp}"
        raise TypeError(msg)
    elem = args[0]
    handler = conv.get_structure_hook(elem)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _InvalidValueError(f"expected an array, got {_describe(value)}")
        out = []
        errors: list[Exception] = []
        omitted = 0
        budget = _BUDGET.get()
        for i, item in enumerate(value):
            before = 0 if budget is None else budget.kept
            try:
                out.append(handler(item, elem))
            except Exception as exc:
                if budget is not None:
                    if before >= budget.limit:  # enough kept: count it, keep nothing
                        omitted += _count(exc, forget=True)
                        continue
                    budget.kept += _count(exc, new_only=True)
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {tp} @ index {i}", i, elem),
                ]
                errors.append(exc)
        if errors or omitted:
            if omitted:
                errors.append(_OmittedError(omitted))
            group = IterableValidationError(f"While structuring {tp!r}", errors, tp)
            group._khuonha_counted = True  # type: ignore[attr-defined]
            raise group
        return tuple(out)

    return hook


def _is_optional(tp: Any) -> bool:
    if get_origin(tp) not in (typing.Union, types.UnionType):
        return False
    return type(None) in get_args(tp)


def _optional_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    rest = tuple(a for a in get_args(tp) if a is not type(None))
    inner: Any = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
    handler = conv.get_structure_hook(inner)

    def hook(value: Any, _: Any) -> Any:
        if value is None:
            return None
        return handler(value, inner)

    return hook


def _attrs_hook(conv: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    inner: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = cls.__name__

    def hook(value: Any, tp: Any) -> Any:
        if type(value) is not dict:
            raise _InvalidValueError(f"expected an object ({name}), got {_describe(value)}")
        return inner(value, tp)

    return hook


def configure_converter(conv: cattrs.Converter) -> None:
    """Make *conv* strict, in the way every khuonha document is read and written.

    The choices, all deliberate:

    - unknown keys are errors (``forbid_extra_keys``), so a typo is never dropped;
    - every problem of a document is collected (``detailed_validation``);
    - no scalar is coerced: ``"3"`` and ``3.7`` are not integers, ``1`` is not
      ``true``, ``3`` is not a string;
    - dates are ISO 8601 (``YYYY-MM-DD``) and impossible dates are errors;
      date-times need a UTC offset; times are ``HH:MM[:SS]``;
    - enums are read and written as their stable ASCII slugs;
    - arrays become tuples, and only JSON arrays are arrays (a string is not
      a list of characters);
    - on output, fields equal to their default are left out, except
      ``schema_version``, which every document starts with.
    """
    enum_hooks: dict[type[Enum], Callable[[Any, Any], Enum]] = {}

    def text_or_enum(value: Any, tp: Any) -> Any:
        # A StrEnum is a str, so string enums dispatch here too.
        if tp is str:
            return _str(value, tp)
        hook = enum_hooks.get(tp)
        if hook is None:
            hook = enum_hooks[tp] = _enum_hook(tp)
        return hook(value, tp)

    for tp, fn in (
        (str, text_or_enum),
        (int, _int),
        (float, _float),
        (bool, _bool),
        (date, _date),
        (datetime, _datetime),
        (time, _time),
        (Enum, _enum_any),
    ):
        conv.register_structure_hook(tp, fn)
    conv.register_structure_hook_func(lambda t: t == int | float, _number)
    conv.register_structure_hook_factory(_is_tuple, lambda t: _tuple_hook(conv, t))
    conv.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(conv, t))
    conv.register_structure_hook_factory(attrs.has, lambda t: _attrs_hook(conv, t))

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_unstructure_hook(time, time.isoformat)
    # A StrEnum is a str: dispatching on str catches string enums too.
    conv.register_unstructure_hook(str, _text_or_enum_value)
    conv.register_unstructure_hook(Enum, _enum_value)

    from khuonha.model.dataset import Dataset  # noqa: PLC0415 - models import this module's users

    conv.register_unstructure_hook(
        Dataset,
        make_dict_unstructure_fn(
            Dataset,
            conv,
            _cattrs_omit_if_default=True,
            schema_version=override(omit_if_default=False),
        ),
    )


def _enum_value(member: Enum) -> Any:
    return member.value


def _text_or_enum_value(value: str) -> str:
    if isinstance(value, Enum):
        return typing.cast("str", value.value)
    return value


def make_converter() -> cattrs.Converter:
    """Build a new converter configured by :func:`configure_converter`."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    configure_converter(conv)
    return conv


def _format_exception(exc: BaseException, tp: type | None) -> str:
    if isinstance(exc, _InvalidValueError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(f"{k!r:.80}" for k in sorted(exc.extra_fields)[:10])
        allowed = ", ".join(a.name for a in attrs.fields(exc.cl))
        return f"unknown key {keys} (allowed: {allowed})"
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, TypeError | ValueError):
        return f"invalid value: {exc}"
    return f"{type(exc).__name__}: {exc}"


_BOUND = re.compile(
    r"'(?P<field>\w+)' must be (?P<op><=|>=|<|>) (?P<bound>.+): (?P<got>.*)\Z", re.S
)
_LENGTH = re.compile(
    r"Length of '(?P<field>\w+)' must be (?P<op><=|>=) (?P<bound>\d+): (?P<got>\d+)\Z"
)
_BOUND_WORDS = {"<": "less than", "<=": "at most", ">": "greater than", ">=": "at least"}


def _validator_failure(exc: BaseException) -> tuple[str, str] | None:
    """The failure of an attrs validator as ``(field, reason)``, or ``None``.

    attrs' own validators (``in_``, ``instance_of``, ``matches_re``, the
    bounds, the lengths) and any validator raising ``ValueError``/``TypeError``
    with a message: the field comes from the exception or the validator's frame.
    """
    args = exc.args
    if len(args) >= 4 and isinstance(args[1], attrs.Attribute):
        name, third, value = args[1].name, args[2], args[3]
        if isinstance(third, tuple | list | set | frozenset | dict):
            options = ", ".join(repr(o) for o in third)
            return name, f"must be one of {options}, got {value!r:.80}"
        if isinstance(third, re.Pattern):
            return name, f"must match {third.pattern!r}, got {value!r:.80}"
        if isinstance(third, type | tuple):
            wanted = getattr(third, "__name__", str(third))
            return name, f"expected {wanted}, got {type(value).__name__} {value!r:.80}"
    text = str(args[0]) if len(args) == 1 else str(exc)
    m = _BOUND.match(text)
    if m is not None:
        words = _BOUND_WORDS[m["op"]]
        return m["field"], f"must be {words} {m['bound']}, got {m['got']}"
    m = _LENGTH.match(text)
    if m is not None:
        words = _BOUND_WORDS[m["op"]]
        length = f"{words} {m['bound']} characters long"
        return m["field"], f"must be {length}, got a length of {m['got']}"
    field = _failing_field(exc)
    if field is not None and text:
        return field, text
    return None


def _failing_field(exc: BaseException) -> str | None:
    """The attrs field whose validator raised *exc*: the deepest frame given an Attribute."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            if isinstance(value, attrs.Attribute):
                found = value.name
                break
        tb = tb.tb_next
    return found


def _join(path: str, rel: str) -> str:
    if not rel:
        return path
    return f"{path}{rel}" if rel.startswith(("[", ".")) else f"{path}.{rel}"


def _problems(exc: BaseException, path: str, tp: Any) -> Iterator[tuple[str, str]]:
    """Every problem under *exc* as ``(path, reason)``, in document order, lazily."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        items = isinstance(exc, IterableValidationError)
        for sub, note in with_notes:
            at = f"{path}[{note.index!r}]" if items else f"{path}.{note.name}"  # type: ignore[union-attr]
            yield from _problems(sub, at, note.type)
        for sub in without:
            yield from _problems(sub, path, None)
    elif isinstance(exc, InvalidDataError):
        for rel, reason in exc.problems:
            yield _join(path, rel), reason
    elif not isinstance(exc, _OmittedError):
        failed = _validator_failure(exc) if isinstance(exc, TypeError | ValueError) else None
        if failed is not None:  # an attrs validator: the field it checks, one wording
            yield _join(path, failed[0]), failed[1]
        else:
            yield path, _format_exception(exc, tp)


def _count(exc: BaseException, *, new_only: bool = False, forget: bool = False) -> int:
    """How many problems *exc* holds (with ``new_only``, those no array has counted yet).

    With ``forget``, the tracebacks are dropped on the way: a caught exception and
    the frame that caught it form a cycle, and the collector is paused while decoding,
    so a million dropped problems would otherwise stay in memory.
    """
    if forget:
        exc.__traceback__ = exc.__context__ = None
    if isinstance(exc, ClassValidationError | IterableValidationError):
        if new_only and getattr(exc, "_khuonha_counted", False):
            return 0
        return sum(_count(sub, new_only=new_only, forget=forget) for sub in exc.exceptions)
    if isinstance(exc, _OmittedError):
        return 0 if new_only else exc.count
    if isinstance(exc, InvalidDataError):
        return len(exc.problems)
    return 1


def _decode_error(exc: BaseException, limit: int) -> DecodeError:
    found = _problems(exc, "$", None)
    lines = [f"{path}: {reason}" for path, reason in itertools.islice(found, limit)]
    return DecodeError(lines, _count(exc))


#: The most problems a :class:`DecodeError` lists, and how many it lists unless told.
MAX_ERRORS = 100
DEFAULT_MAX_ERRORS = 50


class _Budget:
    """How many problems the arrays of one decoding keep (the rest are only counted)."""

    __slots__ = ("kept", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept = 0


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "khuonha_error_budget", default=None
)


class _OmittedError(Exception):
    """Stands for problems an array counted but did not keep."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(count)


def _check_limit(max_errors: int) -> int:
    if type(max_errors) is not int or not 1 <= max_errors <= MAX_ERRORS:
        msg = f"max_errors must be an integer from 1 to {MAX_ERRORS}, got {max_errors!r:.40}"
        raise ValueError(msg)
    return max_errors


def from_dict(data: Any, cls: type[T], *, max_errors: int = DEFAULT_MAX_ERRORS) -> T:
    """Build a *cls* from plain JSON data, or raise :class:`DecodeError` listing its problems.

    The error lists the first *max_errors* problems (at most 100) and counts
    them all (``.total``); memory stays bounded however many there are.
    Where a date is expected, a :class:`datetime.date` is taken as well as its
    ISO text (importers hand over a workbook's date cells as they are).
    Core models take a generated fast path first (see :mod:`khuonha.codec._codegen`);
    when it fails, the converter's detailed path below finds every problem.
    """
    limit = _check_limit(max_errors)
    fast = _DECODERS.get(cls, _UNKNOWN)
    if fast is _UNKNOWN:
        fast = _fast(_DECODERS, cls, lambda: _fast_paths()[1].structure(cls))
    if fast is not None:
        try:
            return typing.cast("T", fast(data))
        except MemoryError:
            raise DecodeError([_out_of_memory(cls)]) from None
        except Exception:  # noqa: S110 - the detailed path words every problem
            pass
    hook = converter.get_structure_hook(cls)
    token = _BUDGET.set(_Budget(limit))
    try:
        return typing.cast("T", hook(data, cls))
    except (ClassValidationError, IterableValidationError, InvalidDataError) as exc:
        raise _decode_error(exc, limit) from None
    except _InvalidValueError as exc:
        raise DecodeError([f"$: {exc}"]) from None
    except RecursionError:
        raise DecodeError(["$: nested too deeply"]) from None
    except MemoryError:
        raise DecodeError([_out_of_memory(cls)]) from None
    finally:
        _BUDGET.reset(token)


def _out_of_memory(cls: type) -> str:
    return f"$: out of memory building the {_name(cls)} records of the document (too big)"


def _name(cls: type) -> str:
    return getattr(cls, "__name__", repr(cls))


def to_dict(obj: Any) -> Any:
    """Return *obj* as plain JSON data (dicts, lists, strings, numbers).

    Core models use generated builders that give what the converter gives.
    """
    cls = type(obj)
    fast = _TO_DICT.get(cls, _UNKNOWN)
    if fast is _UNKNOWN:
        fast = _fast(_TO_DICT, cls, lambda: _fast_paths()[0].to_dict(cls))
    if fast is not None:
        return fast(obj)
    return converter.unstructure(obj)


def dumps(obj: Any, *, pretty: bool = False) -> bytes:
    """Encode *obj* as canonical JSON: UTF-8, field order, defaults left out.

    ``pretty`` indents by two spaces and ends with a newline. Core models are
    written byte for byte as encoding :func:`to_dict` with :mod:`json` writes
    them: by msgspec's C encoder from the records themselves (each keeps the
    names of the fields it writes, see :mod:`khuonha.text._record`), else as
    generated msgspec Structs holding only the fields written, else, for a
    value of an odd runtime type, by a generated JSON writer.
    """
    if not pretty:
        cls = type(obj)
        struct = _STRUCTS.get(cls, _UNKNOWN)
        if struct is _UNKNOWN:
            struct = _fast(_STRUCTS, cls, lambda: _fast_paths()[0].structs(cls))
        if struct is not None:
            if _DIRECT[0] and isinstance(obj, Record):
                try:  # the record as it is: msgspec reads the names it keeps (see Record)
                    return _encode_struct(obj)
                except Exception:  # noqa: S110 - an odd value somewhere: the Struct path decides
                    pass
            try:
                return _encode_struct(struct(obj))
            except Exception:  # noqa: S110 - an odd value: the JSON writer below handles it
                pass
        fast = _ENCODERS.get(cls, _UNKNOWN)
        if fast is _UNKNOWN:
            fast = _fast(_ENCODERS, cls, lambda: _fast_paths()[0].encoder(cls))
        if fast is not None:
            parts: list[str] = []
            fast(obj, parts, parts.append)
            return "".join(parts).encode("utf-8")
    data = to_dict(obj)
    if pretty:
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    else:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise _InvalidValueError(f"{name} is not a JSON number")


class _Duplicated(dict[str, Any]):
    """A parsed JSON object that named some key more than once (kept to find its path)."""

    __slots__ = ("lost", "twice")

    twice: list[str]
    lost: list[tuple[str, Any]]  # the values a later one replaced, searched too


def _object_hook(found: list[_Duplicated]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) == len(pairs):
            return made
        seen: set[str] = set()
        twice: list[str] = []
        for key, _ in pairs:
            if key in seen and key not in twice:
                twice.append(key)
            seen.add(key)
        dup = _Duplicated(made)
        dup.twice = twice
        dup.lost = [(k, v) for k, v in pairs if k in made and made[k] is not v]
        found.append(dup)
        return dup

    return hook


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() and key.isascii() else f"{path}[{key!r:.80}]"


def _duplicate_lines(tree: Any, found: list[_Duplicated], limit: int) -> DecodeError:
    """Where the objects with duplicate keys are, in document order (the first *limit*)."""
    total = sum(len(dup.twice) for dup in found)
    lines: list[str] = []
    left = len(found)
    stack: list[tuple[str, Any]] = [("$", tree)]
    while stack and left and len(lines) < limit:
        path, node = stack.pop()
        if isinstance(node, dict):
            if type(node) is _Duplicated:
                left -= 1
                lines += [f"{path}: duplicate key {key!r:.80}" for key in node.twice]
            items = [*node.lost, *node.items()] if type(node) is _Duplicated else node.items()
            stack += [(_key_path(path, k), v) for k, v in reversed(list(items))]
        elif isinstance(node, list):
            stack += [(f"{path}[{i}]", v) for i, v in reversed(list(enumerate(node)))]
    return DecodeError(lines[:limit], total)


def _size(n: int) -> str:
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def parse_json(data: bytes | str, *, max_errors: int = DEFAULT_MAX_ERRORS) -> Any:
    """Parse JSON text strictly, mapping every failure to :class:`DecodeError`.

    Besides JSON's own rules: ``NaN`` and ``Infinity`` are refused, and so is an
    object that names a key twice (``$.people[0]: duplicate key 'private'``),
    since which value wins would otherwise be silent.
    """
    limit = _check_limit(max_errors)
    size = len(data)
    try:
        return _parse_json(data, limit)
    except MemoryError:
        raise DecodeError(
            [f"$: out of memory reading a JSON document of {_size(size)} (too big)"]
        ) from None


def _parse_json(data: bytes | str, limit: int) -> Any:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError([f"$: not UTF-8 text (byte {exc.start})"]) from None
        del raw
    if not data.strip():
        raise DecodeError(["$: empty document"])
    found: list[_Duplicated] = []
    try:
        tree = json.loads(
            data,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
            object_pairs_hook=_object_hook(found),
        )
    except json.JSONDecodeError as exc:
        raise DecodeError(
            [f"$: invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        ) from None
    except _InvalidValueError as exc:
        raise DecodeError([f"$: invalid JSON: {exc}"]) from None
    except ValueError as exc:  # e.g. integers longer than the interpreter allows
        raise DecodeError([f"$: invalid JSON: {exc}"]) from None
    except RecursionError:
        raise DecodeError(["$: invalid JSON: nested too deeply"]) from None
    if found:
        raise _duplicate_lines(tree, found, limit)
    return tree


@typing.overload
def loads(data: bytes | str, *, max_errors: int = ...) -> Dataset: ...
@typing.overload
def loads(data: bytes | str, cls: type[T], *, max_errors: int = ...) -> T: ...
def loads(
    data: bytes | str, cls: type[Any] | None = None, *, max_errors: int = DEFAULT_MAX_ERRORS
) -> Any:
    """Decode JSON *data* into *cls* (default :class:`~khuonha.Dataset`).

    Raises :class:`~khuonha.exceptions.DecodeError` with one ``$.path: reason``
    line per problem: the first *max_errors* of them (at most 100), while
    ``.total`` counts them all. Running out of memory is a :class:`DecodeError`
    too, saying what was too big.

    The cyclic garbage collector is paused while decoding (and resumed
    after, if it was running): decoding builds trees, not cycles, so a
    collection would find nothing, yet with a million new records it would
    run thousands of times, the full ones over every record built so far.

    A valid document takes the fast path: msgspec's C parser (when one count
    proves no object names a key twice, see ``_parse_fast``) and the generated
    decoder. Anything else is parsed again by the reference parser and decoded
    by the converter's detailed path, which words every problem.
    """

    target: Any = Dataset if cls is None else cls
    size = len(data)
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        found = _loads_fast(data, target)
        if found is not _UNKNOWN:
            return found
        if target is Dataset:
            pieces = iter((data,)) if isinstance(data, str) else _stream.pieces_of_bytes(data)
            try:
                return _streamed(pieces)
            except _stream.FallbackError:
                pass  # the whole-tree path below words the problems
            except MemoryError:  # reading the text (building the models says so itself)
                raise DecodeError(
                    [f"$: out of memory reading a JSON document of {_size(size)} (too big)"]
                ) from None
        parsed = parse_json(data, max_errors=max_errors)
        return decode(parsed, target, max_errors=max_errors)
    except MemoryError:
        raise DecodeError(
            [f"$: out of memory decoding a document of {_size(size)} into {_name(target)}"]
        ) from None
    finally:
        if paused:
            gc.enable()


#: Escapes that decode to a colon: a document holding one takes the reference path (the
#: duplicate-key check below counts colons).
_COLON_ESCAPES = (b"u003a", b"u003A")


def _parse_fast(data: bytes | str) -> Any:
    """*data* parsed by msgspec's C parser, or ``_UNKNOWN`` when the reference must decide.

    msgspec keeps the last of duplicate keys silently, so its tree is used only
    when no object of the document names a key twice, which one count proves:
    outside strings, a colon follows every key written, once; in msgspec's
    own writing of the tree, likewise for every key kept. Inside strings the
    colons are the same in both (the text holds no escaped colon, checked
    first), so the two counts are equal exactly when no key was dropped. Any
    parse failure, an escaped colon or a difference leaves the document to
    :func:`parse_json`, which words every problem.
    """
    raw: Any
    if type(data) is bytes:
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        colon: Any = b":"
        escapes: Any = _COLON_ESCAPES
    elif type(data) is str:
        raw, colon, escapes = data, ":", ("u003a", "u003A")
    else:  # bytearray, memoryview: the reference path copes
        return _UNKNOWN
    if escapes[0][:-1] in raw and (escapes[0] in raw or escapes[1] in raw):  # one scan, mostly
        return _UNKNOWN
    try:
        tree = _decode_tree(raw)
    except (msgspec.DecodeError, ValueError, RecursionError):
        return _UNKNOWN
    except MemoryError:
        raise DecodeError(
            [f"$: out of memory reading a JSON document of {_size(len(data))} (too big)"]
        ) from None
    if raw.count(colon) != msgspec.json.encode(tree).count(b":"):
        return _UNKNOWN  # a duplicate key: the reference path finds where
    return tree


def _loads_fast(data: bytes | str, target: Any) -> Any:
    """The decoded document when the C parser and the generated decoder both succeed.

    Otherwise ``_UNKNOWN``: the reference path parses the text again and finds
    every problem, so a fast path never words an error of its own.
    """
    fast = _DECODERS.get(target, _UNKNOWN)
    if fast is _UNKNOWN:
        fast = _fast(_DECODERS, target, lambda: _fast_paths()[1].structure(target))
    if fast is None:
        return _UNKNOWN
    tree = _parse_fast(data)
    if tree is _UNKNOWN:
        return _UNKNOWN
    if target is Dataset:
        _check_schema_version(tree)
        tree = upgrade(tree)
    try:
        return fast(tree)
    except MemoryError:
        raise DecodeError([_out_of_memory(target)]) from None
    except Exception:
        return _UNKNOWN


def load_stream(stream: typing.BinaryIO, *, max_errors: int = DEFAULT_MAX_ERRORS) -> Dataset:
    """Decode the JSON document read from the binary *stream* into a dataset.

    What :func:`loads` gives for the stream's bytes, read a piece at a time:
    each record becomes its model as soon as it is parsed, so memory holds the
    models and one piece of text, never the whole text or its tree of dicts.
    A document this path does not take (bad JSON, a problem in a record, an
    older schema) is read again the whole-tree way, which reports every
    problem: from the start of a seekable stream, else from the bytes kept.
    """
    seekable = False
    try:
        seekable = stream.seekable()
        start = stream.tell() if seekable else 0
    except (AttributeError, OSError, ValueError):
        seekable = False
    if not seekable:
        return loads(stream.read(), max_errors=max_errors)
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _streamed(_stream.pieces_of_stream(stream.read))
    except _stream.FallbackError:
        pass
    except MemoryError:  # reading the text (building the models says so itself)
        raise DecodeError(["$: out of memory reading a JSON document (too big)"]) from None
    finally:
        if paused:
            gc.enable()
    stream.seek(start)
    return loads(stream.read(), max_errors=max_errors)


#: The dataset's own fields that refer to records, set once the records are in.
_TOP_REFS = ("commune", "publisher", "reporting_organization")
_MAJOR = SCHEMA_VERSION.partition(".")[0]


def _current_schema(value: Any) -> bool:
    return type(value) is str and value.partition(".")[0] == _MAJOR


@functools.cache
def _nested() -> dict[str, type]:
    """The dataset's own fields that hold one nested record (``X | None``), and its class."""
    hints = typing.get_type_hints(Dataset)
    found: dict[str, type] = {}
    for field in attrs.fields(Dataset):
        args = [a for a in get_args(hints[field.name]) if a is not type(None)]
        if len(args) == 1 and isinstance(args[0], type) and attrs.has(args[0]):
            found[field.name] = args[0]
    return found


def _decoder_of(cls: type) -> Any:
    fast = _DECODERS.get(cls, _UNKNOWN)
    if fast is _UNKNOWN:
        fast = _fast(_DECODERS, cls, lambda: _fast_paths()[1].structure(cls))
    if fast is None:
        raise _stream.FallbackError
    return fast


def _streamed(pieces: Iterator[str]) -> Dataset:
    """The dataset of a document of the current schema, record by record (see :mod:`._stream`)."""
    found: list[_Duplicated] = []
    decoder = json.JSONDecoder(
        parse_constant=_reject_constant, parse_int=_parse_int, object_pairs_hook=_object_hook(found)
    )
    scan = getattr(decoder, "scan_once")  # noqa: B009 - the C scanner; not in the type stubs
    collections = record_collections()
    decoders = {cls: _decoder_of(cls) for cls in collections.values()}

    def build(element: Any, cls: type) -> Any:
        try:
            return decoders[cls](element)
        except MemoryError:
            raise DecodeError([_out_of_memory(cls)]) from None
        except Exception:
            raise _stream.FallbackError from None

    text = _stream.Text(pieces, scan)
    fields, records = _stream.walk_document(
        text, collections, build, "schema_version", _current_schema
    )
    del text
    if found:
        raise _stream.FallbackError
    refs = {name: fields.pop(name) for name in _TOP_REFS if name in fields}
    if any(v is not None and type(v) is not str for v in refs.values()):
        raise _stream.FallbackError
    # A nested record of the dataset's own (its report document) may refer to records: it
    # is built apart and set with them.
    nested = {name: fields.pop(name) for name in _nested() if fields.get(name) is not None}
    try:
        shell = _decoder_of(Dataset)(fields)
        made = {name: tuple(built) for name, built in records.items()}
        records.clear()
        for name, value in nested.items():
            made[name] = _decoder_of(_nested()[name])(value)
        return typing.cast("Dataset", attrs.evolve(shell, **refs, **made))
    except MemoryError:
        raise DecodeError([_out_of_memory(Dataset)]) from None
    except Exception:
        raise _stream.FallbackError from None


def decode(parsed: Any, cls: type[Any] = Dataset, *, max_errors: int = DEFAULT_MAX_ERRORS) -> Any:
    """What :func:`loads` does once the JSON is parsed: plain JSON data into *cls*.

    For a :class:`~khuonha.Dataset`, a newer major schema is refused and an
    older one upgraded first. The cyclic collector is paused meanwhile.
    Importers that read another format into plain data (cells of a workbook)
    end here, so their datasets are checked exactly as a JSON document is.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        if cls is Dataset:
            _check_schema_version(parsed)
            parsed = upgrade(parsed)
        return from_dict(parsed, cls, max_errors=max_errors)
    except MemoryError:
        raise DecodeError([_out_of_memory(cls)]) from None
    finally:
        if paused:
            gc.enable()


@typing.overload
def load(path: str | Path, *, max_errors: int = ...) -> Dataset: ...
@typing.overload
def load(path: str | Path, cls: type[T], *, max_errors: int = ...) -> T: ...
def load(
    path: str | Path, cls: type[Any] | None = None, *, max_errors: int = DEFAULT_MAX_ERRORS
) -> Any:
    """Read and decode the JSON file at *path* (see :func:`loads`).

    A dataset is read a piece at a time (see :func:`load_stream`).
    """
    if cls is None or cls is Dataset:
        try:
            with Path(path).open("rb") as stream:
                return load_stream(stream, max_errors=max_errors)
        except OSError as exc:
            raise DecodeError([f"$: cannot read {str(path)!r}: {exc.strerror or exc}"]) from None
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DecodeError([f"$: cannot read {str(path)!r}: {exc.strerror or exc}"]) from None
    except MemoryError:
        raise DecodeError([f"$: out of memory reading {str(path)!r} (too big)"]) from None
    return loads(raw, cls, max_errors=max_errors)


def _check_schema_version(parsed: Any) -> None:

    if not isinstance(parsed, dict):
        return
    version = parsed.get("schema_version")
    if not isinstance(version, str):
        return
    major, _, _minor = version.partition(".")
    ours = int(SCHEMA_VERSION.partition(".")[0])
    if major.isdigit() and len(major) < 6 and int(major) > ours:
        raise DecodeError(
            [
                f"$.schema_version: this document uses schema {version!r}, newer than "
                f"this library reads ({ours}.x); upgrade khuonha to read it"
            ]
        )


converter: cattrs.Converter = make_converter()
"""The one converter everyone (plugins included) uses."""

_UNKNOWN: Any = object()
_TO_DICT: dict[type, Any] = {}
_ENCODERS: dict[type, Any] = {}
_STRUCTS: dict[type, Any] = {}
#: May msgspec write records as they are (see ``_direct_agrees``)? Decided with the fast paths.
_DIRECT: list[bool] = [False]
_encode_struct = msgspec.json.encode
_decode_tree = msgspec.json.decode
_DECODERS: dict[type, Any] = {}


_PATHS: list[tuple[_codegen.Codegen, _codegen.Decoders]] = []


def _fast(cache: dict[type, Any], cls: type, build: Callable[[], Any]) -> Any:
    """The fast path of *cls* in *cache*, generated once whatever the threads.

    Checked again under the lock: a thread that waited finds what the first built.
    Readers never lock: a class is in the cache only once its code is complete.
    """
    with _codegen.LOCK:
        found = cache.get(cls, _UNKNOWN)
        if found is _UNKNOWN:
            found = cache[cls] = build()
        return found


def _fast_paths() -> tuple[_codegen.Codegen, _codegen.Decoders]:
    if _PATHS:
        return _PATHS[0]

    with _codegen.LOCK:
        if not _PATHS:
            codegen = _codegen.Codegen(converter, always={Dataset: Dataset.__khuonha_always__})
            _PATHS.append(
                (codegen, _codegen.Decoders({date: _date, datetime: _datetime, time: _time}))
            )
            _DIRECT[0] = _direct_agrees(codegen)
        return _PATHS[0]


def _direct_agrees(codegen: _codegen.Codegen) -> bool:
    """Whether msgspec writes a record as it is exactly as through its Struct.

    A record keeps the names of the fields it writes where msgspec reads a
    dataclass's; this msgspec must read them there (and only them, in their
    order), or every record takes the Struct path.
    """
    probe = Period(start=date(2025, 1, 1), end=date(2025, 3, 31), label="quý I/2025")
    build = codegen.structs(Period)
    try:
        return build is not None and _encode_struct(probe) == _encode_struct(build(probe))
    except Exception:  # any msgspec that cannot: the Struct path it is
        return False
