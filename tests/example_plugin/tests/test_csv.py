"""Tests of khuonha-csv: the exporter contract, then what the rows hold."""

import csv
import io

import pytest
from khuonha_csv import CsvExporter

import khuonha
from khuonha.testing import check_exporter


def read_text(data: bytes, delimiter: str = ",") -> str:
    """Parse the CSV the way a reader would, and return the text of its cells."""
    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter)
    return "\n".join(" ".join(row) for row in rows)


def test_conforms():
    """The exporter keeps the khuonha exporter contract (the kit runs every case)."""
    check_exporter(CsvExporter(), read_text)
    semicolons = {"delimiter": ";"}  # the kit runs every case with your options too
    check_exporter(CsvExporter(), lambda data: read_text(data, ";"), options=semicolons)


def test_one_row_per_activity():
    """The sample gives a header and one row per activity, figures as written."""
    buf = io.BytesIO()
    khuonha.export(khuonha.sample(), CsvExporter(), buf, {"language": "en"})
    rows = list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8"), newline="")))
    assert rows[0][0] == "id"
    assert len(rows) == 1 + len(khuonha.sample().activities)
    assert rows[1][-1] == "92 lượt/ 10 thôn bản"


def test_refuses_a_dataset_without_activities():
    """No activity, no CSV: export says what is needed."""
    empty = khuonha.Dataset(slug="rong", title="Rỗng")
    with pytest.raises(khuonha.ExportError) as refused:
        khuonha.export(empty, CsvExporter(), io.BytesIO())
    assert str(refused.value) == (
        "csv: cannot export this Dataset: needs a dataset with at least one activity"
    )
