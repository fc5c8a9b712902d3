"""The codec's generated fast paths give exactly what the converter's detailed paths give."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given

import khuonha
from khuonha.codec import core as codec
from khuonha.codec.core import converter, dumps, from_dict, to_dict
from khuonha.model.dataset import Dataset
from khuonha.testing import hostile
from khuonha.testing.national import national_dataset
from khuonha.testing.strategies import datasets


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


def test_a_str_enum_in_a_text_field_is_written_as_its_value() -> None:
    """A StrEnum member stored in a plain text field comes out as its slug, as before."""
    area = khuonha.ResidentialArea(id="a", name=khuonha.AreaKind.THON, kind=khuonha.AreaKind.THON)
    assert (
        to_dict(area) == converter.unstructure(area) == {"id": "a", "name": "thon", "kind": "thon"}
    )
    assert dumps(area) == _slow_dumps(area)
