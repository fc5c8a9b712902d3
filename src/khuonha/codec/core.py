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

import functools
import gc
import json
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn, override

from khuonha.codec import _codegen
from khuonha.codec.migrations import upgrade
from khuonha.exceptions import DecodeError, InvalidDataError

if typing.TYPE_CHECKING:
    from khuonha.model.dataset import Dataset

__all__ = [
    "configure_converter",
    "converter",
    "dumps",
    "from_dict",
    "load",
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
        for i, item in enumerate(value):
            try:
                out.append(handler(item, elem))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {tp} @ index {i}", i, elem),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
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
    if isinstance(exc, InvalidDataError):
        if exc.details:
            return "\x01".join(f"\x00{d}" for d in exc.details)
        return f"\x00.{exc.field}: {exc.message}" if exc.field else exc.message
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(f"{k!r:.80}" for k in sorted(exc.extra_fields)[:10])
        allowed = ", ".join(a.name for a in attrs.fields(exc.cl))
        return f"unknown key {keys} (allowed: {allowed})"
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, TypeError | ValueError):
        return f"invalid value: {exc}"
    return f"{type(exc).__name__}: {exc}"


def _error_lines(exc: BaseException) -> list[str]:
    lines = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        for part in message.split("\x01"):
            if part.startswith("\x00"):
                # "path: reason" relative to the object that raised
                rel = part[1:]
                sep = "" if rel.startswith(("[", ".")) else "."
                lines.append(f"{path}{sep}{rel}")
            else:
                lines.append(f"{path}: {part}")
    return lines


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a *cls* from plain JSON data, or raise :class:`DecodeError` listing every problem.

    Core models take a generated fast path first (see :mod:`khuonha.codec._codegen`);
    when it fails, the converter's detailed path below finds every problem.
    """
    fast = _DECODERS.get(cls, _UNKNOWN)
    if fast is _UNKNOWN:
        fast = _DECODERS[cls] = _fast_paths()[1].structure(cls)
    if fast is not None:
        try:
            return typing.cast("T", fast(data))
        except Exception:  # noqa: S110 - the detailed path words every problem
            pass
    hook = converter.get_structure_hook(cls)
    try:
        return typing.cast("T", hook(data, cls))
    except (ClassValidationError, IterableValidationError) as exc:
        raise DecodeError(_error_lines(exc)) from None
    except InvalidDataError as exc:
        raise DecodeError(_invalid_lines(exc)) from None
    except _InvalidValueError as exc:
        raise DecodeError([f"$: {exc}"]) from None
    except RecursionError:
        raise DecodeError(["$: nested too deeply"]) from None


def _invalid_lines(exc: InvalidDataError) -> list[str]:
    if exc.details:
        return [f"$.{d}" if not d.startswith("[") else f"${d}" for d in exc.details]
    if exc.field:
        return [f"$.{exc.field}: {exc.message}"]
    return [f"$: {exc.message}"]


def to_dict(obj: Any) -> Any:
    """Return *obj* as plain JSON data (dicts, lists, strings, numbers).

    Core models use generated builders that give what the converter gives.
    """
    cls = type(obj)
    fast = _TO_DICT.get(cls, _UNKNOWN)
    if fast is _UNKNOWN:
        fast = _TO_DICT[cls] = _fast_paths()[0].to_dict(cls)
    if fast is not None:
        return fast(obj)
    return converter.unstructure(obj)


def dumps(obj: Any, *, pretty: bool = False) -> bytes:
    """Encode *obj* as canonical JSON: UTF-8, field order, defaults left out.

    ``pretty`` indents by two spaces and ends with a newline. Core models are
    written by generated code, byte for byte what encoding :func:`to_dict`
    with :mod:`json` gives.
    """
    if not pretty:
        cls = type(obj)
        fast = _ENCODERS.get(cls, _UNKNOWN)
        if fast is _UNKNOWN:
            fast = _ENCODERS[cls] = _fast_paths()[0].encoder(cls)
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


def parse_json(data: bytes | str) -> Any:
    """Parse JSON text strictly, mapping every failure to :class:`DecodeError`."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError([f"$: not UTF-8 text (byte {exc.start})"]) from None
    if not data.strip():
        raise DecodeError(["$: empty document"])
    try:
        return json.loads(data, parse_constant=_reject_constant, parse_int=_parse_int)
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


@typing.overload
def loads(data: bytes | str) -> Dataset: ...
@typing.overload
def loads(data: bytes | str, cls: type[T]) -> T: ...
def loads(data: bytes | str, cls: type[Any] | None = None) -> Any:
    """Decode JSON *data* into *cls* (default :class:`~khuonha.Dataset`).

    Raises :class:`~khuonha.exceptions.DecodeError` with one ``$.path: reason``
    line per problem.

    The cyclic garbage collector is paused while decoding (and resumed
    after, if it was running): decoding builds trees, not cycles, so a
    collection would find nothing, yet with a million new records it would
    run thousands of times, the full ones over every record built so far.
    """
    from khuonha.model.dataset import Dataset  # noqa: PLC0415

    target: Any = Dataset if cls is None else cls
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        parsed = parse_json(data)
        if target is Dataset:
            _check_schema_version(parsed)
            parsed = upgrade(parsed)
        return from_dict(parsed, target)
    finally:
        if paused:
            gc.enable()


@typing.overload
def load(path: str | Path) -> Dataset: ...
@typing.overload
def load(path: str | Path, cls: type[T]) -> T: ...
def load(path: str | Path, cls: type[Any] | None = None) -> Any:
    """Read and decode the JSON file at *path* (see :func:`loads`)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DecodeError([f"$: cannot read {str(path)!r}: {exc.strerror or exc}"]) from None
    return loads(raw) if cls is None else loads(raw, cls)


def _check_schema_version(parsed: Any) -> None:
    from khuonha.model.dataset import SCHEMA_VERSION  # noqa: PLC0415

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
_DECODERS: dict[type, Any] = {}


@functools.cache
def _fast_paths() -> tuple[_codegen.Codegen, _codegen.Decoders]:
    from khuonha.model.dataset import Dataset  # noqa: PLC0415

    return (
        _codegen.Codegen(converter, always={Dataset: frozenset({"schema_version"})}),
        _codegen.Decoders({date: _date, datetime: _datetime, time: _time}),
    )
