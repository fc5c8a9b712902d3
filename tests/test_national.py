"""The synthetic national dataset (khuonha.testing.national): sizes, names, determinism."""

from __future__ import annotations

import io
import json
import unicodedata
from collections import Counter

import pytest

import khuonha
from khuonha import InvalidDataError
from khuonha.plugins.json_exporters import write_records
from khuonha.rules import assess_dataset
from khuonha.testing import _national_outline, national
from khuonha.testing.national import (
    iter_national,
    iter_national_data,
    national_counts,
    national_dataset,
    national_document,
)

SCALE = 0.003  # 10 communes, 300 areas, 3,000 activities
DS = national_dataset(seed=7, scale=SCALE)


def test_full_counts_are_the_country() -> None:
    """At scale 1 the counts are the country's: 34 provinces, 3,321 communes, 1M activities."""
    full = national_counts(1.0)
    assert (full["provinces"], full["communes"]) == (34, 3321)
    assert (full["xa"], full["phuong"], full["dac_khu"]) == (2621, 687, 13)
    assert (full["areas"], full["activities"]) == (100_000, 1_000_000)


@pytest.mark.parametrize("scale", [0.001, SCALE, 0.02])
def test_counts_match_the_scale(scale: float) -> None:
    """Every collection holds the number of records national_counts gives for the scale."""
    counts = national_counts(scale)
    found = Counter(collection for collection, _ in iter_national(seed=1, scale=scale))
    assert found["activities"] == counts["activities"] == round(1_000_000 * scale)
    assert found["areas"] == counts["areas"] == round(100_000 * scale)
    assert found["units"] == counts["provinces"] + counts["communes"]
    for name in ("organizations", "events", "awards", "certifications", "evidence"):
        assert found[name] == counts[name], name


def test_commune_kinds_follow_the_scale() -> None:
    """The communes split into xã, phường and đặc khu as the counts say, under every province."""
    counts = national_counts(0.02)
    ds = national_dataset(seed=2, scale=0.02)
    kinds = Counter(u.kind.value for u in ds.units)
    assert kinds["xa"] == counts["xa"]
    assert kinds["phuong"] == counts["phuong"]
    assert kinds["tinh"] + kinds["thanh_pho_truc_thuoc_trung_uong"] == counts["provinces"]
    provinces = {u.id for u in ds.units if u.parent is None}
    assert {u.parent for u in ds.units if u.parent is not None} == provinces


def test_the_same_seed_gives_the_same_dataset() -> None:
    """The generator is a pure function of seed and scale."""
    assert national_dataset(seed=7, scale=SCALE) == DS
    other = national_dataset(seed=8, scale=SCALE)
    assert [u.name for u in other.units] != [u.name for u in DS.units]


def test_names_use_both_tone_mark_styles() -> None:
    """Old ("Hòa", "Thủy") and new ("Hoà", "Thuỷ") tone-mark placement both occur."""
    names = " ".join(r.name for r in (*DS.units, *DS.areas))
    old = sum(names.count(o) for o, _ in _national_outline._TONE_PAIRS)
    new = sum(names.count(n) for _, n in _national_outline._TONE_PAIRS)
    assert old > new > 0
    assert khuonha.match_key("Hoà") == khuonha.match_key("Hòa")


def test_client_data_holds_some_nfd_text() -> None:
    """Some records arrive decomposed (NFD); the dataset itself is all NFC."""
    raw = [d for c, d in iter_national_data(seed=7, scale=SCALE) if c == "areas"]
    nfd = [d["name"] for d in raw if not unicodedata.is_normalized("NFC", d["name"])]
    assert 0 < len(nfd) < len(raw) / 10
    assert all(unicodedata.is_normalized("NFC", a.name) for a in DS.areas)


def test_the_document_decodes_to_the_dataset() -> None:
    """The JSON document (NFD parts included) passes the strict codec and gives the dataset."""
    assert khuonha.loads(national_document(seed=7, scale=SCALE)) == DS


def test_streaming_yields_the_records_of_the_dataset() -> None:
    """iter_national yields the dataset's records, in Dataset.records() order (evidence last)."""
    streamed = list(iter_national(seed=7, scale=SCALE))
    built = list(DS.records())
    assert streamed == built


def test_every_area_and_commune_is_assessed() -> None:
    """assess_dataset gives one assessment per residential area and commune, most of them đạt."""
    found = assess_dataset(DS, national.CYCLE)
    communes = [u for u in DS.units if u.level.value == "commune"]
    assert len(found) == len(DS.areas) + len(communes)
    results = Counter(a.result.value for a in found)
    assert results["dat"] > results["chua_dat"] > 0


def test_streamed_jsonl_matches_the_exporter() -> None:
    """write_records streams the same record lines the jsonl exporter writes for the dataset."""
    small = national_dataset(seed=7, scale=0.001)
    exported = io.BytesIO()
    khuonha.export(small, "jsonl", exported)
    streamed = io.BytesIO()
    write_records(iter_national(seed=7, scale=0.001), streamed, dataset=small.slug)
    ours = streamed.getvalue().splitlines()
    theirs = exported.getvalue().splitlines()
    assert ours[1:] == theirs[2:]
    assert json.loads(ours[0]) == {"type": "header", "schema_version": "2.0", "dataset": small.slug}


@pytest.mark.parametrize("scale", [0, -1, 1.5, "0.1"])
def test_a_scale_out_of_range_is_refused(scale: object) -> None:
    """A scale outside (0, 1] is an InvalidDataError naming the scale."""
    with pytest.raises(InvalidDataError, match="scale"):
        national_counts(scale)  # type: ignore[arg-type]
