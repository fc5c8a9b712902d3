"""Tests of the strict codec: round trips, coercion refused, every error with its path."""

from __future__ import annotations

import functools
import json
import unicodedata
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khuonha
from khuonha import DecodeError, Quantity
from khuonha.codec.core import from_dict, to_dict
from khuonha.testing.strategies import STRATEGIES

MODELS = sorted(STRATEGIES, key=lambda c: c.__name__)


@functools.cache
def _validator(cls: type) -> jsonschema.Draft202012Validator:
    schema = khuonha.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _doc(**extra: Any) -> bytes:
    base = {"schema_version": "2.0", "slug": "x", "title": "X"}
    return json.dumps({**base, **extra}).encode()


def _errors(data: bytes) -> tuple[str, ...]:
    with pytest.raises(DecodeError) as info:
        khuonha.loads(data)
    return info.value.errors


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_every_model_round_trips(cls: type, data: st.DataObject) -> None:
    """loads(dumps(x), cls) == x for every model, and dumps(x) validates against its schema."""
    obj = data.draw(STRATEGIES[cls])
    encoded = khuonha.dumps(obj)
    assert khuonha.loads(encoded, cls) == obj
    assert from_dict(to_dict(obj), cls) == obj
    _validator(cls).validate(json.loads(encoded))


def test_sample_round_trips_byte_for_byte() -> None:
    """The sample's canonical JSON is stable: encode, decode, encode gives the same bytes."""
    first = khuonha.dumps(khuonha.sample())
    assert khuonha.dumps(khuonha.loads(first)) == first
    assert first.startswith(b'{"schema_version":"2.0",')


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"3"', "expected a number, got string '3'"),
        ("true", "expected a number, got boolean True"),
        ("null", "expected a number, got null"),
    ],
)
def test_no_silent_coercion_of_numbers(value: str, message: str) -> None:
    """Strings, booleans and null are not numbers."""
    raw = (
        '{"schema_version":"1.0","slug":"x","title":"X","activities":[{"id":"a","kind":"k",'
        f'"quantity":{{"value":{value}}}}}]}}'
    )
    assert _errors(raw.encode()) == (f"$.activities[0].quantity.value: {message}",)


def test_floats_are_not_integers() -> None:
    """3.7 and "3" for an integer field are errors, not 3."""
    errors = _errors(
        _doc(
            awards=[
                {
                    "id": "a",
                    "form": "giay_khen",
                    "title": "g",
                    "collectives": 3.7,
                    "individuals": "3",
                }
            ]
        )
    )
    assert errors == (
        "$.awards[0].collectives: expected an integer, got float 3.7",
        "$.awards[0].individuals: expected an integer, got string '3'",
    )


def test_all_problems_reported_with_paths() -> None:
    """Wrong types, unknown keys, bad enums and bad dates are all listed, each with its path."""
    errors = _errors(
        _doc(
            extra_key=1,
            report_date="10/08/2022",
            units=[
                {"id": "u", "name": 5, "kind": "village", "code": "02251", "scheme": "pre_2025"}
            ],
        )
    )
    assert (
        "$.report_date: expected an ISO 8601 date (YYYY-MM-DD), got string '10/08/2022'" in errors
    )
    assert "$.units[0].name: expected a string, got int 5" in errors
    assert any(e.startswith("$.units[0].kind: expected one of 'tinh'") for e in errors)
    assert any(e.startswith("$: unknown key 'extra_key'") for e in errors)


def test_validator_errors_name_the_field() -> None:
    """A model invariant failing is reported at the field's path."""
    errors = _errors(
        _doc(units=[{"id": "u", "name": "X", "kind": "xa", "code": "12a", "scheme": "pre_2025"}])
    )
    assert errors == ("$.units[0].code: expected an official code of 2 to 5 digits, got '12a'",)


def test_impossible_date() -> None:
    """2022-02-30 is not a date."""
    errors = _errors(_doc(report_date="2022-02-30"))
    assert errors == ("$.report_date: impossible date '2022-02-30': day is out of range for month",)


def test_lone_surrogate_rejected_with_path() -> None:
    """Text that is not valid Unicode is rejected where it enters, with its path."""
    errors = _errors(b'{"schema_version":"2.0","slug":"x","title":"ok\\ud800"}')
    assert errors == ("$.title: text is not valid Unicode: lone surrogate U+D800 at character 2",)


def test_nfd_input_is_stored_nfc() -> None:
    """Decoded text is NFC."""
    nfd = unicodedata.normalize("NFD", "Khuôn Hà")
    ds = khuonha.loads(_doc(title=nfd))
    assert ds.title == "Khuôn Hà"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "$: empty document"),
        (b"{", "$: invalid JSON: Expecting property name enclosed in double quotes"),
        (b"\xff\xfe\x00", "$: not UTF-8 text (byte 0)"),
        (b"[]", "$: expected an object (Dataset), got array"),
        (b'{"schema_version":"1.0","slug":"x","title":NaN}', "$: invalid JSON: NaN is not"),
        (b"[" * 100_000 + b"]" * 100_000, "$: invalid JSON: nested too deeply"),
    ],
)
def test_malformed_documents(data: bytes, message: str) -> None:
    """Malformed input gives one clear error, never a Python exception."""
    errors = _errors(data)
    assert errors[0].startswith(message)


def test_huge_integer_is_an_error() -> None:
    """A 10,000-digit number is refused at its path, not a crash."""
    raw = b'{"schema_version":"1.0","slug":"x","title":"X","activities":[{"id":"a","kind":"k",'
    raw += b'"quantity":{"value":' + b"9" * 10_000 + b"}}]}"
    assert _errors(raw)[0].startswith("$.activities[0].quantity.value: expected a number")


def test_newer_major_schema_version_is_refused() -> None:
    """A document from a newer major schema version gets a clear error."""
    errors = _errors(b'{"schema_version":"3.0","slug":"x","title":"X"}')
    assert errors == (
        "$.schema_version: this document uses schema '3.0', newer than this library reads "
        "(2.x); upgrade khuonha to read it",
    )


def test_defaults_are_left_out_but_schema_version_stays() -> None:
    """Canonical JSON omits defaults except schema_version."""
    data = json.loads(khuonha.dumps(khuonha.Dataset(slug="x", title="X")))
    assert data == {"schema_version": "2.0", "slug": "x", "title": "X"}


def test_qualified_quantity_keeps_its_words() -> None:
    """ "trên 2.500 lượt người" survives as a lower bound with its words."""
    acts = {a.kind: a for a in khuonha.sample().activities}
    q = acts["luot_nguoi_nghe"].quantity
    assert q == Quantity(
        value=2500,
        qualifier=khuonha.Qualifier.MORE_THAN,
        unit="lượt người",
        text="trên 2.500 lượt người",
    )
    assert json.loads(khuonha.dumps(q)) == {
        "value": 2500,
        "qualifier": "more_than",
        "unit": "lượt người",
        "text": "trên 2.500 lượt người",
    }


def test_load_missing_file() -> None:
    """A missing file is the library's error."""
    with pytest.raises(DecodeError, match="cannot read"):
        khuonha.load("/nonexistent/khuonha.json")


def test_json_schema_is_valid_and_strict() -> None:
    """The Dataset schema is a valid draft 2020-12 schema and forbids unknown keys."""
    schema = khuonha.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    for name, sub in schema["$defs"].items():
        if sub.get("type") == "object":
            assert sub["additionalProperties"] is False, name
    with pytest.raises(TypeError):
        khuonha.json_schema(int)


def test_schema_knows_every_field() -> None:
    """Every attrs field of every model appears in its schema."""
    for cls in MODELS:
        props = khuonha.json_schema(cls)["properties"]
        assert set(props) == {f.name for f in attrs.fields(cls)}, cls
