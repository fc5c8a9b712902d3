"""Datasets that exporters must survive: empty, hostile, Vietnamese, large.

Every builder returns a valid :class:`~khuonha.Dataset`, so an exporter gets
exactly what the library lets through. The conformance kit
(:func:`khuonha.testing.conformance.check_exporter`) feeds all of them to an
exporter; robustness tests reuse them.

>>> from khuonha.testing import hostile
>>> len(hostile.hostile_dataset().title)
10000
>>> hostile.empty_dataset().activities
()
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

import attrs

from khuonha.codec.samples import sample
from khuonha.exceptions import InvalidDataError
from khuonha.model.awards import Recipient, RecipientKind
from khuonha.model.dataset import Dataset, record_collections
from khuonha.model.events import Delegate
from khuonha.model.people import Person
from khuonha.text import fields as _fields

__all__ = [
    "HOSTILE_TEXTS",
    "LONG_LENGTH",
    "VIETNAMESE_SAMPLE",
    "empty_dataset",
    "hostile_dataset",
    "large_dataset",
    "long_text",
    "map_text",
    "text_fields",
    "vietnamese_dataset",
]

T = TypeVar("T")

#: Vietnamese text that must come out of every exporter intact, in NFC.
VIETNAMESE_SAMPLE = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc ở thôn Nà Mèo, xã Khuôn Hà"

#: Length of the long names in :func:`hostile_dataset`.
LONG_LENGTH = 10_000

#: Hostile strings, one per concern; fields of :func:`hostile_dataset` cycle through them.
HOSTILE_TEXTS: tuple[str, ...] = (
    # XML and HTML specials, markup, CDATA end, entity look-alikes
    '<script>alert("xss")</script> & <b>đậm</b> ]]> <![CDATA[x]]> <!-- c --> &amp; &#x41; '
    '\'nháy đơn\' "nháy kép" <?xml version="1.0"?>',
    # C0 and C1 control characters, an ANSI escape, CR/LF header injection
    "Tổ\x00dân\x01phố\x07\x08\x0b\x0c \x1b[31mđỏ\x1b[0m\x7f\x85\x9f \r\nSUMMARY:chèn\r\n"
    "END:VEVENT\n\rBCC: a@b.c",
    # bidirectional overrides and isolates, zero-width characters, a BOM
    "\u202eKhuôn Hà\u202c \u2066ngược\u2069 \u200f\u200e \u200b\u200d\ufeff\u2060 \u061cبن",
    # NFD input (the models store NFC)
    unicodedata.normalize("NFD", "Thượng Lâm, Đảng uỷ xã hoà thuận, Nguyễn Thị Hường"),
    # line and paragraph separators, tabs, format strings, paths, astral characters
    "\u2028dòng\u2029đoạn\t tab  %s %d {0} ${x} `rm -rf /` \\ ../../etc/passwd 🇻🇳 𝕏 ﷽ \U0010fffd",
)

# Text fields that name codes rather than hold prose; left alone.
_CODE_FIELDS = frozenset({"language", "timezone"})
_TEXT_CONVERTERS = frozenset({"_convert_text", "_convert_text_optional", "_convert_text_tuple"})


def _is_text(field: attrs.Attribute[Any]) -> bool:
    """Whether *field* was made by the text helpers of :mod:`khuonha.text.fields`."""
    converter = field.converter
    function = getattr(converter, "converter", converter)  # an attrs.Converter wraps it
    return (
        getattr(function, "__module__", None) == _fields.__name__
        and getattr(function, "__name__", None) in _TEXT_CONVERTERS
    )


def long_text(length: int = LONG_LENGTH, *, seed: str = "Khuôn Hà") -> str:
    """Vietnamese words (and one very long word) filling exactly *length* characters.

    >>> len(long_text(50)), long_text(20)
    (50, 'Khuôn Hà Khuôn Hà Kh')
    """
    words = f"{seed} " * (length // (len(seed) + 1) + 1)
    if length > 1000:  # a word no line can hold
        words = words[: length // 2] + "Đ" * 300 + " " + words
    return words[:length]


def text_fields(cls: type) -> list[attrs.Attribute[Any]]:
    """The fields of the model class *cls* that hold human text (not codes)."""
    return [f for f in attrs.fields(cls) if _is_text(f) and f.name not in _CODE_FIELDS]


def map_text(obj: T, change: Callable[[str, str], str]) -> T:
    """Return *obj* (a model) with every human text replaced by ``change(field, text)``.

    Nested models and tuples of models are rewritten too. A field whose
    validator refuses the new text keeps its old value.
    """
    if not attrs.has(type(obj)):
        return obj
    cls: Any = type(obj)
    values: dict[str, Any] = {}
    texts = {f.name for f in text_fields(cls)}
    for field in attrs.fields(cls):
        if not field.init:
            continue
        value = getattr(obj, field.name)
        if field.name in texts and value is not None:
            if isinstance(value, tuple):
                value = tuple(change(field.name, v) for v in value)
            else:
                value = change(field.name, value)
        elif attrs.has(type(value)):
            value = map_text(value, change)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            value = tuple(map_text(v, change) for v in value)
        values[field.alias or field.name] = value
    try:
        return cast(T, cls(**values))
    except InvalidDataError:
        return cast(T, _field_by_field(obj, values))


def _field_by_field(obj: Any, values: dict[str, Any]) -> Any:
    current = obj
    for name, value in values.items():
        try:
            current = attrs.evolve(current, **{name: value})
        except InvalidDataError:
            continue
    return current


def empty_dataset() -> Dataset:
    """A dataset with no record at all."""
    return Dataset(slug="tap-du-lieu-rong", title="Bộ dữ liệu không có bản ghi nào")


def _hostile_strings() -> Iterator[str]:
    return itertools.cycle(HOSTILE_TEXTS)


def hostile_dataset() -> Dataset:
    """The sample with every human text made hostile.

    Each text field gets one of :data:`HOSTILE_TEXTS` in turn (XML/HTML
    specials, control characters, right-to-left overrides, NFD input,
    separators); the title and the first record of each collection get a name
    of :data:`LONG_LENGTH` characters.
    """

    strings = _hostile_strings()
    ds = map_text(sample(), lambda _field, _text: next(strings))
    long_name = long_text() + next(strings)
    long_name = long_name[:LONG_LENGTH]
    changes: dict[str, Any] = {"title": long_name}
    for collection in ("units", "organizations", "people", "events", "news", "groups"):
        records = getattr(ds, collection)
        if not records:
            continue
        first = records[0]
        field = "title" if hasattr(first, "title") else "name"
        try:
            first = attrs.evolve(first, **{field: long_name})
        except InvalidDataError:
            continue
        changes[collection] = (first, *records[1:])
    return attrs.evolve(ds, **changes)


def vietnamese_dataset() -> Dataset:
    """The sample with every human text set to :data:`VIETNAMESE_SAMPLE`, given as NFD.

    The models store NFC, so an exporter's output must hold the NFC text.
    """

    nfd = unicodedata.normalize("NFD", VIETNAMESE_SAMPLE)
    return map_text(sample(), lambda _field, _text: nfd)


def large_dataset(copies: int = 20) -> Dataset:
    """The sample plus *copies* copies of each of its records (new ids, same references).

    ``copies=20`` gives about 900 records; the copies refer to the sample's
    own records, so the dataset stays valid.
    """

    ds = sample()
    changes: dict[str, Any] = {}
    for name in record_collections():
        records = getattr(ds, name)
        if not records:
            continue
        extra = [_copy(record, n) for n in range(1, copies + 1) for record in records]
        changes[name] = (*records, *extra)
    return attrs.evolve(ds, slug=f"{ds.slug}-x{copies}", **changes)


def _copy(record: Any, n: int) -> Any:
    changes: dict[str, Any] = {}
    if hasattr(record, "id"):
        changes["id"] = f"{record.id}-b{n}"
    name_field = next(
        (f for f in ("name", "title", "label") if isinstance(getattr(record, f, None), str)), None
    )
    if name_field is not None:
        changes[name_field] = f"{getattr(record, name_field)} (bản {n})"
    return attrs.evolve(record, **changes) if changes else record


#: The private people :func:`personal_dataset` plants (their names must never be published).
PRIVATE_NAMES = ("Lò Thị Bí Mật", "Đỗ Thị Thuỷ Hoà")
#: Values only sensitive fields hold in :func:`personal_dataset`.
SENSITIVE_VALUES = ("Số 9 ngõ Kín Đáo", "ghi chú riêng tư XYZ", "Số 7 ngõ Riêng Tư")


def personal_dataset() -> Dataset:
    """The sample with personal data planted where exporters look.

    Structural: a private person (with address, birth year and note) as an
    event's delegate, an award's recipient and an activity's subject; a
    public official's sensitive fields. Free text: the second private
    person's name typed into an event's name (upper case, the other
    tone-mark placement, two spaces) and a news lead (lower case, a
    no-break space). A public export must hold none of
    :data:`PRIVATE_NAMES` (in any spelling) nor :data:`SENSITIVE_VALUES`.
    """
    ds = sample()
    secret, typed = PRIVATE_NAMES
    people = (
        Person(
            id="ca-nhan-bi-mat",
            name=secret,
            private=True,
            honorific="bà",
            address=SENSITIVE_VALUES[0],
            birth_year=1888,
            note=SENSITIVE_VALUES[1],
        ),
        Person(id="ca-nhan-duoc-ho-tro", name=typed, private=True),
        Person(id="can-bo-co-dia-chi", name="Nguyễn Văn Công Khai", address=SENSITIVE_VALUES[2]),
    )
    changes: dict[str, Any] = {"people": (*ds.people, *people)}
    if ds.events:
        event = ds.events[0]
        event = attrs.evolve(
            event,
            name=f"{event.name} – thăm bà ĐỖ THỊ THỦY  HÒA",
            delegates=(*event.delegates, Delegate(person="ca-nhan-bi-mat")),
        )
        changes["events"] = (event, *ds.events[1:])
    if ds.news:
        lead = f"Bà đỗ thị\u00a0thuỷ hoà phát biểu. {ds.news[0].lead or ''}".strip()
        changes["news"] = (attrs.evolve(ds.news[0], lead=lead), *ds.news[1:])
    if ds.activities:
        activity = attrs.evolve(ds.activities[0], subjects=("ca-nhan-bi-mat",))
        changes["activities"] = (activity, *ds.activities[1:])
    if ds.awards:
        award = ds.awards[0]
        mine = Recipient(kind=RecipientKind.CA_NHAN, person="ca-nhan-bi-mat")
        changes["awards"] = (
            attrs.evolve(award, recipients=(*award.recipients, mine)),
            *ds.awards[1:],
        )
    return attrs.evolve(ds, slug=f"{ds.slug}-personal", **changes)
