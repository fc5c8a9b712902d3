"""validate and export stream JSON Lines: references still checked, memory flat."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import khuonha
from khuonha.cli.main import main
from khuonha.exceptions import DecodeError
from khuonha.plugins.json_importers import JsonlImporter
from khuonha.testing.national import national_dataset

SAMPLE = khuonha.sample()


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def jsonl(ds: khuonha.Dataset) -> bytes:
    buf = io.BytesIO()
    khuonha.export(ds, "jsonl", buf)
    return buf.getvalue()


def without(data: bytes, kind: str) -> bytes:
    """The lines of *data* but those of records of type *kind*."""
    kept = [line for line in data.splitlines() if json.loads(line).get("type") != kind]
    return b"\n".join(kept) + b"\n"


def test_checked_stream_reports_what_reading_reports(capsys: pytest.CaptureFixture[str]) -> None:
    """Dangling references are reported with their line, as a whole read finds them."""
    bad = without(jsonl(SAMPLE), "organization")
    with pytest.raises(DecodeError) as whole:
        khuonha.read(io.BytesIO(bad), "jsonl")
    with pytest.raises(DecodeError) as streamed:
        for _item in JsonlImporter().iter_checked(io.BytesIO(bad), None):
            pass
    lines = streamed.value.errors
    assert lines[0].startswith("line 2: $.record.reporting_organization: no organisation")
    assert all(line.startswith("line ") for line in lines)
    # the same references, one per problem the whole read found
    assert len(lines) == len(whole.value.errors)
    Path("bad.jsonl").write_bytes(bad)
    assert main(["validate", "bad.jsonl"]) == 1
    out = capsys.readouterr().out
    assert "bad.jsonl: line 2: $.record.reporting_organization: no organisation" in out


def test_a_duplicate_id_and_a_forward_reference() -> None:
    """A reference to a record of a later line is fine; a second record with an id is not."""
    lines = jsonl(SAMPLE).splitlines()
    unit = next(i for i, line in enumerate(lines) if b'"type":"unit"' in line)
    activity = next(i for i, line in enumerate(lines) if b'"type":"activity"' in line)
    moved = [*lines[:unit], lines[activity], *lines[unit:activity], *lines[activity + 1 :]]
    items = list(JsonlImporter().iter_checked(io.BytesIO(b"\n".join(moved)), None))
    assert items[0][1] == "dataset"
    twice = [*lines, lines[unit]]
    with pytest.raises(DecodeError) as info:
        for _item in JsonlImporter().iter_checked(io.BytesIO(b"\n".join(twice)), None):
            pass
    (line,) = info.value.errors
    assert line.startswith(f"line {len(twice)}: $.record.id: duplicate id ")


def test_export_of_jsonl_streams_the_same_files(capsys: pytest.CaptureFixture[str]) -> None:
    """jsonl -> jsonl is byte for byte; jsonl -> parquet gives the tables the dataset gives."""
    pq = pytest.importorskip("pyarrow.parquet")
    ds = national_dataset(seed=2, scale=0.001)
    Path("in.jsonl").write_bytes(jsonl(ds))
    assert main(["export", "in.jsonl", "-f", "jsonl", "-o", "copy.jsonl"]) == 0
    assert Path("copy.jsonl").read_bytes() == Path("in.jsonl").read_bytes()
    assert main(["export", "in.jsonl", "-f", "parquet", "-o", "streamed"]) == 0
    khuonha.export(ds, "parquet", Path("whole"))
    names = sorted(p.name for p in Path("whole").iterdir())
    assert names == sorted(p.name for p in Path("streamed").iterdir())
    for name in names:
        assert pq.read_table(Path("streamed") / name).equals(pq.read_table(Path("whole") / name))
    assert main(["export", "in.jsonl", "-f", "parquet"]) == 0
    assert Path("khuonha-out", f"{ds.slug}.parquet", "units.parquet").is_file()


def test_export_of_bad_jsonl_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyarrow")
    Path("bad.jsonl").write_bytes(without(jsonl(SAMPLE), "organization"))
    assert main(["export", "bad.jsonl", "-f", "parquet", "-o", "out"]) == 1
    assert not Path("out").exists() or not any(Path("out").iterdir())
    assert main(["export", "bad.jsonl", "-f", "jsonl", "-o", "out.jsonl"]) == 1
    assert not Path("out.jsonl").exists()
    err = capsys.readouterr().err
    assert "khuonha: error: bad.jsonl: line 2: $.record.reporting_organization" in err
    lines = jsonl(SAMPLE).splitlines()
    own = json.loads(lines[1])
    own["record"]["slug"] = "Not a slug"
    lines[1] = json.dumps(own).encode()
    lines[-1] = b'{"type":"unit","record":{"id":3}}'
    Path("worse.jsonl").write_bytes(b"\n".join(lines))
    assert main(["export", "worse.jsonl", "-f", "parquet", "-o", "out2"]) == 1
    err = capsys.readouterr().err
    assert "worse.jsonl: line 2: $.record.slug" in err  # every problem, not the first
    assert f"worse.jsonl: line {len(lines)}: $.record.id" in err
    assert not Path("out2").exists() or not any(Path("out2").iterdir())


PEAK = """
import re, sys
from khuonha.cli.main import main
import khuonha
if sys.argv[2] == "read":
    ds = khuonha.read(sys.argv[1])
    code = 0
else:
    code = main(["validate", sys.argv[1]])
with open("/proc/self/status") as status:  # this process's own peak (maxrss counts the parent's)
    print(code, re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
"""


def test_validate_memory_stays_flat(tmp_path: Path) -> None:
    """Four times the records: validate grows by its ids, far less than a whole read does."""

    def peak(path: Path, mode: str) -> int:
        run = subprocess.run(
            [sys.executable, "-c", PEAK, str(path), mode],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        code, kb = run.stdout.split()
        assert code == "0", run.stderr
        return int(kb)

    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_bytes(jsonl(national_dataset(seed=0, scale=0.005)))
    big.write_bytes(jsonl(national_dataset(seed=0, scale=0.02)))
    validate = peak(big, "validate") - peak(small, "validate")
    read = peak(big, "read") - peak(small, "read")
    assert read > 10_000  # kB: the whole read does grow
    assert validate < 0.35 * read, (validate, read)
