"""The codec's generated fast paths give exactly what the converter's detailed paths give."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import attrs
import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

import khuonha
from khuonha.codec import core as codec
from khuonha.codec.core import converter, dumps, from_dict, to_dict
from khuonha.model.dataset import Dataset
from khuonha.testing import hostile
from khuonha.testing.national import national_dataset
from khuonha.testing.strategies import datasets
from khuonha.text._record import Record, note


def _slow_dumps(obj: Any) -> bytes:
    data = converter.unstructure(obj)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _same_everywhere(ds: Dataset) -> None:
    assert to_dict(ds) == converter.unstructure(ds)
    assert dumps(ds) == _slow_dumps(ds)
    data = json.loads(dumps(ds))
    assert from_dict(data, Dataset) == converter.structure(data, Dataset) == ds
    for _collection, record in ds.records():
        assert dumps(record) == _slow_dumps(record)
    # msgspec writing the records as they are, built or decoded, is the reference too,
    # unless a record holds a value msgspec spells otherwise (a tiny float): then it
    # keeps no names, msgspec refuses it, and the Struct path writes
    for made in (ds, codec.loads(dumps(ds))):
        if any(record.__dataclass_fields__ is None for record in _records(made)):
            with pytest.raises(RuntimeError, match="is not a dict"):
                msgspec.json.encode(made)
        else:
            assert msgspec.json.encode(made) == _slow_dumps(ds)


def _records(obj: Any) -> Iterator[Any]:
    """Every record in *obj*, nested ones included."""
    if isinstance(obj, Record):
        yield obj
        for field in attrs.fields(type(obj)):
            yield from _records(getattr(obj, field.name))
    elif type(obj) is tuple:
        for item in obj:
            yield from _records(item)


@given(datasets())
def test_generated_paths_agree_with_the_converter(ds: Dataset) -> None:
    """For any dataset, to_dict, dumps and from_dict equal the converter's own output."""
    _same_everywhere(ds)


def test_generated_paths_agree_on_hostile_and_large_data() -> None:
    """Hostile text, Vietnamese text, the sample and the national data agree too."""
    for ds in (
        khuonha.sample(),
        hostile.hostile_dataset(),
        hostile.vietnamese_dataset(),
        hostile.empty_dataset(),
        national_dataset(seed=5, scale=0.001),
    ):
        _same_everywhere(ds)


def test_the_fast_decoder_takes_valid_input() -> None:
    """A valid document is decoded by the generated decoder itself, without falling back."""
    ds = national_dataset(seed=5, scale=0.001)
    fast = codec._fast_paths()[1].structure(Dataset)
    assert fast is not None
    assert fast(json.loads(dumps(ds))) == ds


def test_invalid_input_still_gets_every_error_with_its_path() -> None:
    """Errors come from the detailed path: all of them, each with its JSON path."""
    ds = national_dataset(seed=5, scale=0.001)
    data = json.loads(dumps(ds))
    data["activities"][3]["quantity"]["value"] = "12"
    data["areas"][0]["households"] = 3.5
    data["units"][1]["extra"] = 1
    try:
        from_dict(data, Dataset)
    except khuonha.DecodeError as exc:
        errors = exc.errors
    else:
        raise AssertionError("the document should not decode")
    assert "$.activities[3].quantity.value: expected a number, got string '12'" in errors
    assert "$.areas[0].households: expected an integer, got float 3.5" in errors
    assert any(e.startswith("$.units[1]: unknown key 'extra'") for e in errors)


def test_a_date_object_is_taken_where_a_date_is_expected() -> None:
    """Importers hand typed cells over: a ``date`` decodes as its ISO text does, on both paths."""
    ds = national_dataset(seed=5, scale=0.001)
    data = json.loads(dumps(ds))
    dated = next(i for i, a in enumerate(data["activities"]) if "period" in a)
    period = data["activities"][dated]["period"]
    period["start"] = date.fromisoformat(period["start"])
    fast = codec._fast_paths()[1].structure(Dataset)
    assert fast is not None
    assert fast(data) == from_dict(data, Dataset) == converter.structure(data, Dataset) == ds
    data["activities"][dated]["quantity"]["value"] = "12"  # the detailed path words only this
    with pytest.raises(khuonha.DecodeError) as caught:
        from_dict(data, Dataset)
    assert list(caught.value.errors) == [
        f"$.activities[{dated}].quantity.value: expected a number, got string '12'"
    ]
    period["start"] = datetime(2025, 4, 1, tzinfo=UTC)  # a date-time is not a day
    with pytest.raises(khuonha.DecodeError, match=r"period\.start: expected an ISO 8601 date"):
        from_dict(data, Dataset)


def test_a_decoded_record_is_an_object_of_its_own_frozen_class() -> None:
    """Records are built as mutable twins, then made the frozen class itself."""
    import attrs

    from khuonha.codec._codegen import _twin
    from khuonha.model.activities import Activity

    ds = khuonha.loads(dumps(national_dataset(seed=5, scale=0.001)))
    assert _twin(Activity) is not None
    for _collection, record in ds.records():
        assert type(record).__name__ == type(record).__qualname__
        assert not type(record).__name__.startswith("Building")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.id = "x"  # type: ignore[misc]
    nested = ds.activities[0].quantity
    assert type(nested).__module__ == "khuonha.text.quantities"

    @attrs.frozen
    class Referenced:  # a __weakref__ slot: another layout, no twin, the setters instead
        x: int = 0

    assert _twin(Referenced) is None


def test_equal_periods_decode_to_one_object_and_a_wrong_one_still_fails() -> None:
    """A text-only nested value is built once per distinct input; errors are unchanged."""
    ds = national_dataset(seed=5, scale=0.001)
    data = json.loads(dumps(ds))
    back = from_dict(data, Dataset)
    assert back == ds
    periods = [a.period for a in back.activities if a.period is not None]
    assert len({id(p) for p in periods}) == len(set(periods)) < len(periods)
    dated = next(i for i, a in enumerate(data["activities"]) if "period" in a)
    data["activities"][dated]["period"] = dict(data["activities"][dated]["period"], end=["x"])
    with pytest.raises(khuonha.DecodeError, match=rf"activities\[{dated}\]\.period\.end"):
        from_dict(data, Dataset)


def test_a_str_enum_in_a_text_field_is_written_as_its_value() -> None:
    """A StrEnum member stored in a plain text field comes out as its slug, as before."""
    area = khuonha.ResidentialArea(id="a", name=khuonha.AreaKind.THON, kind=khuonha.AreaKind.THON)
    assert (
        to_dict(area) == converter.unstructure(area) == {"id": "a", "name": "thon", "kind": "thon"}
    )
    assert dumps(area) == _slow_dumps(area)


def test_dumps_writes_valid_records_through_msgspec_structs() -> None:
    """Valid data takes the Struct path itself (no silent fallback), byte for byte the same."""
    ds = national_dataset(seed=5, scale=0.001)
    build = codec._fast_paths()[0].structs(Dataset)
    assert build is not None
    assert msgspec.json.encode(build(ds)) == _slow_dumps(ds)
    for _collection, record in ds.records():
        one = codec._fast_paths()[0].structs(type(record))
        assert one is not None
        assert msgspec.json.encode(one(record)) == _slow_dumps(record)


class _Text(str):
    __slots__ = ()


def _forced(obj: Any, **values: Any) -> Any:
    """*obj* with *values* set behind its validators' back, as odd code might.

    Such code must note the names the record writes again (``note``), as the
    constructor does after its checks: the frozen record keeps them.
    """
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    note(obj)
    return obj


_ODD = {
    "float with an exponent": khuonha.Quantity(value=1e15 * 3.3),
    "huge float (no validator)": _forced(khuonha.Quantity(value=1), value=1e22),
    "tiny float": khuonha.Quantity(value=2.5e-07),
    "int-valued float": khuonha.Quantity(value=3.0),
    "UTC date-time": Dataset(slug="x", title="X", generated_at=datetime(2024, 1, 1, tzinfo=UTC)),
    "equal, not identical default": Dataset(slug="x", title="X", language="".join(["v", "i"])),
    "str subclass": _forced(khuonha.Quantity(value=1), unit=_Text("hộ")),
    "float in an int field": _forced(khuonha.Quantity(value=1), total=2.0),
    "0 for False": _forced(khuonha.Person(id="p", name="P"), private=0),
    "str for an enum member": _forced(khuonha.Quantity(value=1), qualifier="exact"),
    "list for a tuple": _forced(
        khuonha.Activity(id="a", kind="tuan_tra", quantity=khuonha.Quantity(value=1)), covered=["x"]
    ),
    "record in the wrong field": _forced(
        khuonha.Activity(id="a", kind="tuan_tra", quantity=khuonha.Quantity(value=1)),
        label=khuonha.Period(start=date(2024, 1, 1), label="quý I"),
    ),
}


@pytest.mark.parametrize("name", sorted(_ODD))
def test_odd_values_are_written_as_before(name: str) -> None:
    """A value the Struct path does not take is written by the JSON writer, the same as before."""
    obj = _ODD[name]
    assert _outcome(dumps, obj) == _outcome(_slow_dumps, obj)


def _outcome(fn: Any, obj: Any) -> Any:
    try:
        return fn(obj)
    except Exception as exc:  # the same failure is the same outcome
        return type(exc)


def test_values_no_writer_takes_fail_as_before() -> None:
    """bytes in a text field: msgspec would write base64, the codec refuses as it did."""
    q = _forced(khuonha.Quantity(value=1), unit=b"x")
    with pytest.raises(TypeError):
        _slow_dumps(q)
    with pytest.raises(TypeError):
        dumps(q)


# ------------------------------------------------------------------ the C parser

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec="utf-8"), max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


def _same_tree(a: Any, b: Any) -> bool:
    """Equal, with the same types throughout (1 is not 1.0, -0.0 is not 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same_tree(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_tree(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return bool(a == b)


@given(_JSON, st.booleans(), st.integers(0, 3))
def test_the_c_parser_gives_the_reference_tree_or_steps_aside(
    value: Any, ascii_only: bool, twice: int
) -> None:
    """For any JSON text (some with a key written twice), the fast parse gives what the
    reference parser gives, or leaves the text to it; a duplicate key never slips through."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    if twice and text.startswith("{") and len(text) > 2:  # name the first key again
        first = json.dumps(next(iter(value)), ensure_ascii=ascii_only)
        text = "{" + first + ": 0, " + text[1:]
    for data in (text, text.encode()):
        fast = codec._parse_fast(data)
        try:
            reference = codec.parse_json(data)
        except khuonha.DecodeError:
            assert fast is codec._UNKNOWN
            continue
        assert fast is codec._UNKNOWN or _same_tree(fast, reference)


def test_an_escaped_colon_cannot_hide_a_duplicate_key() -> None:
    """Colon counting cannot be fooled by a colon written as an escape."""
    # the kept value holds the colon: without the escape check, the counts would agree
    doc = b'{"schema_version":"2.0","slug":"x","title":"c","title":"a\\u003ab"}'
    assert codec._parse_fast(doc) is codec._UNKNOWN
    with pytest.raises(khuonha.DecodeError) as info:
        khuonha.loads(doc)
    assert info.value.errors == ("$: duplicate key 'title'",)


def test_an_integer_too_long_to_read_is_refused_whichever_parser_reads_it() -> None:
    """4,001 digits: msgspec reads it, the reference parser does not: the error is the same."""
    ds = national_dataset(seed=5, scale=0.001)
    tree = json.loads(dumps(ds))
    evidence = tree["evidence"][0]
    evidence["measures"] = [{"key": "x", "value": 0}]
    doc = json.dumps(tree).replace('"value": 0}]', '"value": ' + "9" * 4001 + "}]").encode()
    with pytest.raises(khuonha.DecodeError) as info:
        khuonha.loads(doc)
    assert info.value.errors == (
        "$.evidence[0].measures[0].value: expected a number, "
        "got a number of 4001 digits (too long)",
    )


@given(datasets())
def test_loads_takes_the_fast_path_for_valid_documents(ds: Dataset) -> None:
    """A valid document is parsed by msgspec and built by the generated decoder, equal to ds."""
    doc = dumps(ds)
    assert codec._loads_fast(doc, Dataset) == ds == khuonha.loads(doc)
