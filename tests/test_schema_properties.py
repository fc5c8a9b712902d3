"""The JSON Schema agrees with loads: it never rejects what loads accepts, and it rejects
what loads rejects for a reason that lies in one field (issue 15)."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khuonha
from khuonha.codec.schema import NOT_EXPRESSED
from khuonha.exceptions import DecodeError
from khuonha.model import Dataset
from khuonha.testing.strategies import datasets

MAX = 2**53 - 1
VALIDATOR = jsonschema.Draft202012Validator(
    khuonha.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _base() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(khuonha.dumps(khuonha.sample()))
    doc["areas"] = [
        {"id": "thon-a", "name": "Thôn A", "kind": "thon", "unit": "xa-khuon-ha", "households": 9}
    ]
    doc["people"][0]["birth_year"] = 1970
    doc["news"][0]["url"] = "https://example.invalid/tin"
    doc["generated_at"] = "2022-08-10T08:00:00+07:00"
    doc["certifications"][0]["cycle_year"] = 2022
    return doc


BASE = _base()

#: Fields mutated, chosen so that no rule between fields of a record applies to them.
SLOTS: tuple[tuple[Any, ...], ...] = (
    ("slug",),
    ("title",),
    ("report_date",),
    ("generated_at",),
    ("areas", 0, "households"),
    ("areas", 0, "kind"),
    ("areas", 0, "id"),
    ("activities", 0, "kind"),
    ("activities", 0, "quantity", "value"),
    ("activities", 0, "quantity", "scope_count"),
    ("people", 0, "birth_year"),
    ("people", 0, "id"),
    ("news", 0, "url"),
    ("certifications", 0, "cycle_year"),
    ("units", 0, "successors"),
)


def _strings() -> st.SearchStrategy[str]:
    lengths = st.sampled_from([1, 79, 80, 81, 99, 100, 101, 199, 200, 201, 1990, 2000, 2001])
    return st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
        st.from_regex(r"[a-z0-9]{1,8}([-_.:/ A][a-z0-9]{1,8}){0,2}", fullmatch=True),
        lengths.map(lambda n: "a" * n),
        lengths.map(lambda n: "https://x.invalid/" + "a" * n),
        st.sampled_from(
            [
                "thon", "xa", "zz", "tuyen_truyen", "Tuyen", "https://a.invalid", "ftp://x",
                "http://a b", "2022-02-30", "2022-13-01", "0000-01-01", "0001-01-01",
                "9999-12-31", "2022-08-10T08:00+07:00", "2022-08-10T08:00:00Z",
                "2022-08-10T24:00:00+07:00", "2022-08-10T08:00:00", "2022-08-10T08:00:60Z",
                "2022-08-10T08:00:00.1234567Z", "2022-08-10T08:00:00+24:00", "",
            ]
        ),
        st.dates().map(lambda d: d.isoformat()),
    )  # fmt: skip


VALUES = st.one_of(
    st.integers(-3, 3),
    st.integers(MAX - 2, MAX + 2),
    st.integers(1875, 1885),
    st.integers(2095, 2105),
    st.integers(1985, 1995),
    st.integers(2195, 2205),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(0, 1e6).map(float),
    st.booleans(),
    st.none(),
    _strings(),
    st.lists(_strings(), max_size=2),
    st.just({}),
)

#: Reasons loads gives that JSON Schema cannot see (they are in NOT_EXPRESSED).
NOT_PER_FIELD = (
    "that id)",
    "not one the library knows",
    "duplicate id",
    "surrogate",
    "combining marks",
)


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    node: Any = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def _loads(doc: dict[str, Any]) -> list[str]:
    try:
        khuonha.loads(json.dumps(doc, ensure_ascii=False))
    except DecodeError as exc:
        return list(exc.errors)
    return []


def _inexpressible(value: Any, errors: list[str]) -> bool:
    if type(value) is float and value.is_integer():  # 3.0 is an integer to JSON Schema
        return True
    if isinstance(value, str) and "T" in value and any("impossible" in e for e in errors):
        return True  # an impossible date-time: no format for it (RFC 3339 wants seconds)
    return any(reason in e for e in errors for reason in NOT_PER_FIELD)


def test_the_base_document_is_valid_both_ways() -> None:
    """The document mutated below is accepted by loads and by the schema."""
    assert _loads(BASE) == []
    VALIDATOR.validate(BASE)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SLOTS), VALUES)
def test_schema_and_loads_agree_on_one_field(path: tuple[Any, ...], value: Any) -> None:
    """One field changed: what loads accepts the schema accepts; what loads rejects for a
    reason in that field, the schema rejects too."""
    doc = _set(BASE, path, value)
    errors = _loads(doc)
    problems = [e.message for e in VALIDATOR.iter_errors(doc)]
    if not errors:
        assert problems == [], (path, value)
    elif not _inexpressible(value, errors):
        assert problems, (path, value, errors)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_every_document_dumps_writes_is_valid(ds: Dataset) -> None:
    """Whatever dumps writes validates, formats asserted."""
    VALIDATOR.validate(json.loads(khuonha.dumps(ds)))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("areas", 0, "households"), -1),
        (("areas", 0, "households"), MAX + 1),
        (("activities", 0, "quantity", "value"), MAX + 1),
        (("people", 0, "birth_year"), 1879),
        (("people", 0, "birth_year"), 2101),
        (("certifications", 0, "cycle_year"), 2201),
        (("slug",), "a" * 101),
        (("people", 0, "id"), "a" * 201),
        (("units", 0, "successors"), ["a" * 201]),
        (("activities", 0, "kind"), "a" * 81),
        (("news", 0, "url"), "https://x.invalid/" + "a" * 2000),
        (("news", 0, "url"), "ftp://x"),
        (("areas", 0, "kind"), "zz"),
        (("report_date",), "2022-02-30"),
        (("report_date",), "0000-01-01"),
        (("generated_at",), "2022-08-10T24:00:00+07:00"),
    ],
)
def test_the_rules_that_slipped_through_are_in_the_schema(
    path: tuple[Any, ...], value: Any
) -> None:
    """Each per-field rule the schema missed before: loads and the schema both refuse."""
    doc = _set(BASE, path, value)
    assert _loads(doc)
    assert not VALIDATOR.is_valid(doc)


def test_what_the_schema_cannot_say_is_in_its_description() -> None:
    """References, duplicate ids and keys and 3.0 for an integer are named in the description."""
    description = khuonha.json_schema()["description"]
    for rule in NOT_EXPRESSED:
        assert rule in description
    for words in ("reference", "ids are unique", "key twice", "3.0"):
        assert words in description
    three = _set(BASE, ("areas", 0, "households"), 3.0)
    assert VALIDATOR.is_valid(three)
    assert _loads(three)  # loads refuses it: the description says so
