"""The parquet exporter: a folder of typed tables that DuckDB reads back, value for value."""

from __future__ import annotations

import enum
import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import duckdb
import pytest
from hypothesis import given, settings
from khuonha_parquet import ParquetExporter, schema_of, write_directory

import khuonha
from khuonha.cli.main import main
from khuonha.plugins.json_exporters import write_records
from khuonha.testing import strategies
from khuonha.testing.national import iter_national

SAMPLE = khuonha.sample()


def plain(value: Any) -> Any:
    """A model value as DuckDB gives it back: enums as slugs, records as dicts, UTC times."""
    if isinstance(value, enum.Enum):
        return value.value
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


_CON = duckdb.connect()
_CON.execute("SET TimeZone = 'UTC'")


def rows(path: Path) -> list[dict[str, Any]]:
    """Every row of one Parquet file, read by DuckDB, as dicts."""
    result = _CON.execute(f"SELECT * FROM read_parquet('{path}')")
    names = [d[0] for d in result.description]
    out = []
    for row in result.fetchall():
        item = dict(zip(names, row, strict=True))
        out.append({k: _naive(v) for k, v in item.items()})
    return out


def _naive(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def check(ds: khuonha.Dataset, folder: Path) -> None:
    (own,) = rows(folder / "dataset.parquet")
    expected_own = {k: v for k, v in plain(ds).items() if k not in khuonha.record_collections()}
    assert own == expected_own
    for collection in khuonha.record_collections():
        records = getattr(ds, collection)
        got = rows(folder / f"{collection}.parquet")
        assert len(got) == len(records), collection
        assert got == [plain(r) for r in records], collection


@settings(max_examples=15, deadline=None)
@given(strategies.datasets())
def test_every_value_of_generated_datasets_reads_back_in_duckdb(ds: khuonha.Dataset) -> None:
    """dataset → parquet → DuckDB rows: the row count and every value of every record type."""
    with tempfile.TemporaryDirectory() as tmp:
        khuonha.export(ds, "parquet", Path(tmp) / "bang")
        check(ds, Path(tmp) / "bang")


def test_the_sample_and_a_rollup_query(tmp_path: Path) -> None:
    """The sample's tables hold every value; the docs' roll-up query runs on them."""
    khuonha.export(SAMPLE, "parquet", tmp_path)
    check(SAMPLE, tmp_path)
    total = (
        duckdb.connect()
        .execute(
            f"SELECT sum(quantity.value) FROM read_parquet('{tmp_path}/activities.parquet') "
            "WHERE kind = 'luot_nguoi_nghe'"
        )
        .fetchone()
    )
    assert total == (2500.0,)


#: The corpus of real articles, encoded as documents (tests/corpus of the repository).
CORPUS = Path(__file__).resolve().parents[3] / "tests" / "corpus"


@pytest.mark.parametrize("number", sorted(p.stem for p in CORPUS.glob("*.json")))
def test_every_corpus_document_reads_back_in_duckdb(number: str, tmp_path: Path) -> None:
    """Each corpus document → parquet → DuckDB: every value of every record type; two
    exports give the same bytes, file for file (the conformance kit checks streams only)."""
    ds = khuonha.load(CORPUS / f"{number}.json")
    khuonha.export(ds, "parquet", tmp_path / "a")
    check(ds, tmp_path / "a")
    khuonha.export(ds, "parquet", tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_corpus_is_there() -> None:
    assert len(list(CORPUS.glob("*.json"))) >= 15  # the parametrised test is not vacuous


def test_columns_are_typed_from_the_models() -> None:
    """Dates are date32, counts int64, a quantity a struct, sources a list of strings."""
    assert str(schema_of("events").field("start_on").type) == "date32[day]"
    assert str(schema_of("areas").field("households").type) == "int64"
    assert schema_of("activities").field("quantity").type.num_fields >= 3
    assert str(schema_of("activities").field("sources").type) == "list<item: string>"


def test_cli_writes_a_folder_and_refuses_stdout(tmp_path: Path) -> None:
    """`-o DIR` is the folder of tables; `-o -` is an error naming the reason."""
    assert main(["export", "-f", "parquet", "-o", str(tmp_path / "bang")]) == 0
    assert (tmp_path / "bang" / "activities.parquet").is_file()
    assert main(["export", "-f", "parquet", "-o", "-"]) == 1
    with pytest.raises(khuonha.ExportError, match="give a directory"):
        khuonha.export(SAMPLE, "parquet", io.BytesIO())


def test_records_stream_from_json_lines_into_tables(tmp_path: Path) -> None:
    """iter_records → write_directory writes the national records without a Dataset."""
    jsonl = tmp_path / "toan-quoc.jsonl"
    with jsonl.open("wb") as out:
        write_records(iter_national(seed=1, scale=0.002), out, dataset="toan-quoc")
    written = write_directory(khuonha.iter_records(jsonl), tmp_path / "bang")
    assert {p.name for p in written} >= {"activities.parquet", "areas.parquet"}
    count = (
        duckdb.connect()
        .execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/bang/activities.parquet')")
        .fetchone()
    )
    assert count == (2000,)
    assert not list((tmp_path / "bang").glob(".*.tmp"))


def test_metadata_and_archive() -> None:
    """The exporter's metadata is valid and it is an archive."""
    assert ParquetExporter.check_metadata() == []
    assert ParquetExporter.archive is True
