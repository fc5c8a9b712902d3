"""Records keep the names of the fields they write, and msgspec writes them as they are."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from datetime import date
from typing import Any

import attrs
import msgspec
import pytest

import khuonha
from khuonha.codec import core as codec
from khuonha.model.dataset import Dataset
from khuonha.testing.national import national_document
from khuonha.text import Period
from khuonha.text._record import Record, note, written


def _records(obj: Any) -> Any:
    """Every record in *obj*, nested ones included."""
    if isinstance(obj, Record):
        yield obj
        for field in attrs.fields(type(obj)):
            yield from _records(getattr(obj, field.name))
    elif type(obj) is tuple:
        for item in obj:
            yield from _records(item)


def _json(obj: Any) -> bytes:
    """The converter's output written by :mod:`json`: the canonical form by definition."""
    data = codec.converter.unstructure(obj)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def test_records_are_attrs_classes_and_no_dataclasses() -> None:
    """The slot msgspec reads does not make a record a dataclass for anyone else."""
    ds = khuonha.sample()
    for record in _records(ds):
        cls = type(record)
        assert attrs.has(cls)
        assert not dataclasses.is_dataclass(cls)
        assert not dataclasses.is_dataclass(record)
        with pytest.raises(AttributeError, match="not a dataclass"):
            cls.__dataclass_fields__  # noqa: B018 - the lookup is the test


def test_the_names_kept_are_the_fields_the_canonical_form_writes() -> None:
    period = Period(start=date(2025, 1, 1), end=date(2025, 3, 31), label="quý I/2025")
    assert written(period) == ("start", "end", "label")
    assert list(msgspec.json.decode(_json(period))) == ["start", "end", "label"]
    ds = khuonha.sample()
    assert written(ds)[0] == "schema_version"  # written even at its default
    for record in _records(ds):
        assert list(msgspec.json.decode(_json(record))) == list(written(record))


def test_decoded_records_keep_the_names_the_constructor_keeps() -> None:
    """The decoder finds the names as it builds each record: the same shared dict."""
    ds = codec.loads(national_document(seed=3, scale=0.001))
    seen = 0
    for record in _records(ds):
        decoded = record.__dataclass_fields__
        again = copy.copy(record)  # through __setstate__, noted afresh
        assert decoded is again.__dataclass_fields__
        seen += 1
    assert seen > 1000


@pytest.mark.parametrize(
    "remake",
    [copy.copy, copy.deepcopy, lambda o: pickle.loads(pickle.dumps(o)), attrs.evolve],
    ids=["copy", "deepcopy", "pickle", "evolve"],
)
def test_copies_write_what_the_original_writes(remake: Any) -> None:
    ds = khuonha.sample()
    assert msgspec.json.encode(remake(ds)) == _json(ds) == codec.dumps(ds)


def test_a_subclass_with_its_own_rule_and_state_is_noted_after_them() -> None:
    """A third party's subclass: its __attrs_post_init__ runs, then the names are noted."""

    @attrs.frozen(kw_only=True)
    class Quarter(Period):
        note_: str = "q"

        def __attrs_post_init__(self) -> None:
            super().__attrs_post_init__()
            if self.start is None:
                raise ValueError("a quarter has a start")

    quarter = Quarter(start=date(2025, 4, 1), end=date(2025, 6, 30), note_="II")
    assert written(quarter) == ("start", "end", "note_")
    assert msgspec.json.encode(quarter) == b'{"start":"2025-04-01","end":"2025-06-30","note_":"II"}'
    assert msgspec.json.encode(copy.deepcopy(quarter)) == msgspec.json.encode(quarter)
    with pytest.raises(ValueError, match="a start"):
        Quarter(end=date(2025, 6, 30), precision=khuonha.text.Precision.EXACT)


def test_a_value_msgspec_spells_otherwise_sends_the_record_to_the_struct_path() -> None:
    """1e22 is "1e+22" for json: msgspec refuses the record, and dumps writes json's text."""
    q = khuonha.Quantity(value=1)
    object.__setattr__(q, "value", 1e22)
    note(q)
    assert q.__dataclass_fields__ is None
    with pytest.raises(RuntimeError):
        msgspec.json.encode(q)
    assert codec.dumps(q) == _json(q) == b'{"value":1e+22}'


def test_without_the_direct_path_dumps_writes_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a msgspec read records otherwise (see _direct_agrees), the Struct path writes."""
    ds = khuonha.sample()
    direct = codec.dumps(ds)
    monkeypatch.setattr(codec, "_DIRECT", [False])
    assert codec.dumps(ds) == direct == _json(ds)


def test_this_msgspec_writes_records_as_they_are() -> None:
    codec._fast_paths()
    assert codec._DIRECT == [True]
    assert isinstance(Dataset.__dict__.get("__khuonha_always__"), frozenset)
