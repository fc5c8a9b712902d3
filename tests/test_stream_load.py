"""Loading a document record by record gives what the whole-tree way gives, in less memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khuonha
from khuonha import DecodeError
from khuonha.codec import _stream, core
from khuonha.testing.strategies import datasets

SAMPLE = khuonha.sample()


def whole_tree(data: bytes) -> khuonha.Dataset:
    """The way documents were read before: the whole tree of JSON values, then the models."""
    return core.decode(core.parse_json(data))


def streamed(data: bytes) -> khuonha.Dataset:
    return core._streamed(_stream.pieces_of_bytes(data))


def errors(load: object, data: bytes) -> list[str]:
    with pytest.raises(DecodeError) as info:
        load(data)  # type: ignore[operator]
    return list(info.value.errors)


@settings(max_examples=40, deadline=None)
@given(datasets(), st.sampled_from([3, 7, 64, 1 << 20]), st.booleans())
def test_record_by_record_equals_the_whole_tree(
    ds: khuonha.Dataset, piece: int, pretty: bool
) -> None:
    """Any dataset, cut into pieces anywhere (inside a string, a number, a word)."""
    data = khuonha.dumps(ds, pretty=pretty)
    old = _stream.PIECE
    _stream.PIECE = piece
    try:
        assert streamed(data) == whole_tree(data) == ds
        assert core.load_stream(io.BytesIO(data)) == ds
    finally:
        _stream.PIECE = old


def test_the_national_document_and_its_nfd_records() -> None:
    from khuonha.testing.national import national_document

    data = national_document(seed=3, scale=0.002)
    assert streamed(data) == whole_tree(data)


@pytest.mark.parametrize(
    "doc",
    [
        b'{"schema_version": "2.0", "slug": "x", "title": "X", "units": [{"id": "a"}]}',
        b'{"schema_version": "2.0", "slug": "x", "slug": "y", "title": "X"}',
        b'{"schema_version": "2.0", "slug": "x", "title": "X"} trailing',
        b'{"schema_version": "2.0", "slug": "x", "title": "X", "units": [}',
        b'{"schema_version": "9.0", "slug": "x", "title": "X"}',
        b'{"slug": "x", "title": "X", "commune": "nowhere"}',
        b'{"schema_version": "2.0", "slug": "x", "title": "X", "commune": 3}',
        b'{"schema_version": "2.0", "slug": "x", "title": NaN}',
        b"\xff\xfe",
        b"",
    ],
)
def test_a_bad_document_is_reported_as_the_whole_tree_reports_it(doc: bytes) -> None:
    """The record-by-record path steps aside: every problem is worded with its path."""
    with pytest.raises(_stream.FallbackError):
        streamed(doc)
    expected = errors(whole_tree, doc) if doc.strip() else errors(khuonha.loads, doc)
    assert errors(khuonha.loads, doc) == expected
    assert errors(lambda d: core.load_stream(io.BytesIO(d)), doc) == expected


def test_an_older_schema_is_upgraded_through_the_whole_tree() -> None:
    """A 1.x document is upgraded first (the record-by-record path takes the current schema)."""
    data = json.loads(khuonha.dumps(SAMPLE))
    data["schema_version"] = "1.0"
    doc = json.dumps(data).encode()
    assert khuonha.loads(doc) == whole_tree(doc)


def test_a_stream_that_cannot_seek_is_read_whole_then_by_record() -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            return self.inner.readinto(buffer)

    assert core.load_stream(io.BufferedReader(Pipe(khuonha.dumps(SAMPLE)))) == SAMPLE
    bad = b'{"schema_version": "2.0", "slug": "x", "title": "X", "units": [{"id": "a"}]}'
    reader = io.BufferedReader(Pipe(bad))
    with pytest.raises(DecodeError) as info:
        core.load_stream(reader)
    assert list(info.value.errors) == errors(whole_tree, bad)


PEAK = """
import gc, io, re, sys
import khuonha
from khuonha.codec.core import decode, parse_json
khuonha.read(io.BytesIO(khuonha.dumps(khuonha.sample())))
gc.collect()
def peak(key="VmHWM"):  # this process's own (getrusage's maxrss counts the parent's)
    with open("/proc/self/status") as status:
        return int(re.search(key + r":\\s+(\\d+) kB", status.read()).group(1))
try:
    with open("/proc/self/clear_refs", "w") as f:  # the peak back to the current size
        f.write("5")
except OSError:
    pass
base = peak("VmRSS")
if sys.argv[2] == "tree":
    with open(sys.argv[1], "rb") as f:
        ds = decode(parse_json(f.read()))
else:
    ds = khuonha.read(sys.argv[1])
print(peak() - base)
"""


def test_loading_takes_less_than_half_the_memory_of_the_whole_tree(tmp_path: Path) -> None:
    """Peak growth of a fresh process loading a national document: read vs the whole tree."""
    from khuonha.testing.national import national_document

    path = tmp_path / "national.json"
    path.write_bytes(national_document(seed=0, scale=0.02))

    def peak(mode: str) -> int:
        run = subprocess.run(
            [sys.executable, "-c", PEAK, str(path), mode],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        return int(run.stdout)

    ours, before = peak("read"), peak("tree")
    assert ours < 0.5 * before, (ours, before)
