"""The codec under threads, duplicate keys, floods of errors and exhausted memory."""

from __future__ import annotations

import copy
import json
import linecache
import subprocess
import sys
import textwrap
import traceback
from pathlib import Path
from typing import Any

import msgspec
import pytest

import khuonha
from khuonha.codec import _codegen
from khuonha.codec import core as codec
from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.model.dataset import Dataset

THREADS = """
import json, sys, threading
import khuonha
from khuonha.codec.core import converter, dumps, loads
from khuonha.model.dataset import Dataset

from khuonha.testing.national import national_dataset
ds = national_dataset(seed=3, scale=0.001)
reference = json.dumps(
    converter.unstructure(ds), ensure_ascii=False, separators=(",", ":"), allow_nan=False
).encode()
gate = threading.Barrier(8)
results, failures = [], []

def work():
    gate.wait()
    try:
        text = dumps(ds)
        back = loads(text)
        results.append((text == reference, back == ds))
    except BaseException as exc:
        failures.append(repr(exc))

threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"results": results, "failures": failures}))
"""


def test_eight_threads_on_a_fresh_process_all_succeed() -> None:
    """8 threads call dumps and loads at once on a fresh process: all agree with the converter."""
    for _ in range(3):  # a race shows up in some runs only: try a few fresh processes
        run = subprocess.run(
            [sys.executable, "-c", THREADS], capture_output=True, text=True, timeout=300, check=True
        )
        out = json.loads(run.stdout)
        assert out["failures"] == []
        assert out["results"] == [[True, True]] * 8


def test_generated_source_shows_in_tracebacks() -> None:
    """Generated code is registered with linecache under a stable name: tracebacks show it."""
    codec.dumps(khuonha.sample())
    names = [name for name in linecache.cache if name.startswith("<khuonha codegen ")]
    assert "<khuonha codegen struct khuonha.model.dataset.Dataset>" in names
    linecache.checkcache()  # no file behind the name: the entry stays
    lines = linecache.getlines("<khuonha codegen struct khuonha.model.dataset.Dataset>")
    assert lines[0].startswith("def struct_Dataset(o):")

    class Odd:
        """Not text: the generated writer hands it to json, which refuses it."""

    ds = copy.copy(khuonha.sample())  # the sample is shared: change a copy
    object.__setattr__(ds, "description", Odd())
    with pytest.raises(TypeError) as info:
        codec.dumps(ds)
    shown = "".join(traceback.format_exception(info.value))
    assert 'File "<khuonha codegen encode khuonha.model.dataset.Dataset>"' in shown
    assert "w(',\"description\":' + " in shown  # the generated line itself
    lines = linecache.getlines("<khuonha codegen encode khuonha.model.dataset.Dataset>")
    assert lines[0].startswith("def encode_Dataset(o, p, w):")


def test_generation_happens_once_under_the_lock() -> None:
    """Generation holds one re-entrant lock; a class is built once, whatever the callers."""
    gen = _codegen.Codegen(codec.converter, always={})
    first = gen.encoder(Dataset)
    assert first is not None
    assert gen.encoder(Dataset) is first
    with _codegen.LOCK:  # re-entrant: the building thread may come back for nested classes
        assert gen.to_dict(Dataset) is gen.to_dict(Dataset)


def test_model_problems_travel_as_pairs() -> None:
    """A rule's problems are (relative path, reason) pairs; the codec joins them to its path."""
    exc = InvalidDataError("2 problems", details=["commune: unknown id 'x'", ("[3].id", "bad")])
    assert exc.problems == (("commune", "unknown id 'x'"), ("[3].id", "bad"))
    assert exc.details == ("commune: unknown id 'x'", "[3].id: bad")
    assert InvalidDataError("too big", field="code").problems == (("code", "too big"),)
    assert InvalidDataError("odd").problems == (("", "odd"),)
    doc = {"schema_version": "1.0", "slug": "x", "title": "X", "commune": "nope"}
    with pytest.raises(DecodeError) as info:
        codec.from_dict(doc, Dataset)
    assert info.value.errors == (
        "$.commune: no administrative unit 'nope' (no record has that id)",
    )


# ------------------------------------------------------------------ duplicate keys


def test_a_duplicate_key_is_an_error_with_its_path() -> None:
    """Two values for one key (the last would win silently) are an error at the object's path."""
    doc = (
        '{"schema_version": "1.0", "slug": "x", "title": "X", "people": ['
        '{"id": "a", "name": "A", "private": true, "private": false}]}'
    )
    with pytest.raises(DecodeError) as info:
        khuonha.loads(doc)
    assert info.value.errors == ("$.people[0]: duplicate key 'private'",)


def test_duplicate_keys_are_found_everywhere_and_counted() -> None:
    """Every object is checked, even one a later duplicate replaced; each key is named once."""
    doc = '{"a": {"b": 1, "b": 2, "c": [{"x": 1, "x": 2, "x": 3, "y": [], "y": {}}]}, "a": 1}'
    with pytest.raises(DecodeError) as info:
        codec.parse_json(doc)
    assert info.value.errors == (
        "$: duplicate key 'a'",
        "$.a: duplicate key 'b'",
        "$.a.c[0]: duplicate key 'x'",
        "$.a.c[0]: duplicate key 'y'",
    )
    assert info.value.total == 4
    assert codec.parse_json('{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}')["b"][1] == {"a": 2}


def test_many_duplicate_keys_are_capped() -> None:
    """A flood of duplicates is reported like any flood: the first ones and the count."""
    doc = "[" + ",".join('{"k": 1, "k": 2}' for _ in range(1000)) + "]"
    with pytest.raises(DecodeError) as info:
        codec.parse_json(doc, max_errors=3)
    assert info.value.errors == tuple(f"$[{i}]: duplicate key 'k'" for i in range(3))
    assert info.value.total == 1000
    assert str(info.value).endswith("… and 997 more")


# ------------------------------------------------------------------ capped reports


def _bad_units(n: int) -> str:
    units = ",".join(
        f'{{"id": "u{i}", "name": "A", "kind": "zz", "code": "1", "scheme": "x"}}' for i in range(n)
    )
    return '{"schema_version": "1.0", "slug": "x", "title": "X", "units": [' + units + "]}"


def test_error_reports_are_capped_and_counted_exactly() -> None:
    """Thousands of bad values: the first 50 are listed, all are counted, the rest summed up."""
    with pytest.raises(DecodeError) as info:
        khuonha.loads(_bad_units(20_000))
    err = info.value
    assert len(err.errors) == 50
    assert err.total == 40_000
    assert err.more == 39_950
    assert err.errors[0].startswith("$.units[0].")
    assert err.errors[:4] == tuple(line for i in (0, 1) for line in _problems_of_one(i))
    assert str(err).splitlines()[-1] == "… and 39,950 more"
    assert err.lines[-1] == "… and 39,950 more"


def _problems_of_one(i: int) -> list[str]:
    with pytest.raises(DecodeError) as info:
        khuonha.loads(_bad_units(1))
    return [line.replace("units[0]", f"units[{i}]") for line in info.value.errors]


@pytest.mark.parametrize("limit", [1, 7, 100])
def test_the_cap_is_configurable(limit: int) -> None:
    """max_errors chooses how many are listed (at most 100); the total stays exact."""
    with pytest.raises(DecodeError) as info:
        khuonha.loads(_bad_units(300), max_errors=limit)
    assert len(info.value.errors) == limit
    assert info.value.total == 600


@pytest.mark.parametrize("limit", [0, 101, -1, 2.5, True])
def test_the_cap_is_at_most_100(limit: Any) -> None:
    """A cap outside 1..100 is refused."""
    with pytest.raises(ValueError, match="max_errors"):
        khuonha.loads(_bad_units(1), max_errors=limit)


def test_nested_floods_are_capped_too() -> None:
    """Problems inside arrays inside arrays are kept in document order and counted once."""
    units = ",".join(
        f'{{"id": "u{i}", "name": "A", "kind": "xa", "code": "00001", "scheme": "post_2025",'
        ' "successors": [1, 2, 3]}'
        for i in range(2000)
    )
    doc = '{"schema_version": "1.0", "slug": "x", "title": "X", "units": [' + units + "]}"
    with pytest.raises(DecodeError) as info:
        khuonha.loads(doc, max_errors=10)
    err = info.value
    assert err.total == 6000
    assert [line.split(":")[0] for line in err.errors[:4]] == [
        "$.units[0].successors[0]",
        "$.units[0].successors[1]",
        "$.units[0].successors[2]",
        "$.units[1].successors[0]",
    ]
    assert len(err.errors) == 10


FLOOD = """
import resource, sys
import khuonha
n = 100_000
one = '{"id":"u%d","name":"A","kind":"zz","code":"1","scheme":"x"}'
units = ",".join(one % i for i in range(n))
doc = '{"schema_version":"1.0","slug":"x","title":"X","units":[' + units + "]}"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    khuonha.loads(doc)
except khuonha.DecodeError as exc:
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(len(exc.errors), exc.total, grown // 1024)
"""


def test_a_flood_of_errors_stays_in_bounded_memory() -> None:
    """100,000 bad records: memory grows by about the parsed document, not by the problems."""
    run = subprocess.run(
        [sys.executable, "-c", FLOOD], capture_output=True, text=True, timeout=600, check=True
    )
    kept, total, grown_mb = map(int, run.stdout.split())
    assert (kept, total) == (50, 200_000)
    assert grown_mb < 200  # every problem kept took some 400 MB more


# ------------------------------------------------------------------ memory


def _no_memory(*_: Any, **__: Any) -> Any:
    raise MemoryError


def _not_json(*_: Any, **__: Any) -> Any:
    raise msgspec.DecodeError


@pytest.mark.parametrize("where", ["msgspec", "json.loads", "from_dict"])
def test_running_out_of_memory_is_a_one_line_decode_error(
    where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A MemoryError while decoding becomes one line naming what was too big."""
    if where == "msgspec":
        monkeypatch.setattr(codec, "_decode_tree", _no_memory)
    elif where == "json.loads":  # the C parser gives up: the reference parser runs out
        monkeypatch.setattr(codec, "_decode_tree", _not_json)
        monkeypatch.setattr(codec.json, "loads", _no_memory)
        monkeypatch.setattr(codec._stream.Text, "value", _no_memory)  # reading record by record
    else:
        monkeypatch.setattr(codec, "_DECODERS", {Dataset: _no_memory})
    doc = khuonha.dumps(khuonha.sample())
    with pytest.raises(DecodeError) as info:
        khuonha.loads(doc)
    (line,) = info.value.errors
    assert line.startswith("$: out of memory")
    assert line.endswith("(too big)")
    assert ("Dataset" in line) if where == "from_dict" else ("kB" in line)


MEMORY = """
import re, resource
import khuonha
units = ",".join(
    '{"id":"u%d","name":"%s","kind":"xa","code":"00001","scheme":"post_2025"}' % (i, "A" * 50)
    for i in range(400_000)
)
doc = '{"schema_version":"1.0","slug":"x","title":"X","units":[' + units + "]}"
with open("/proc/self/status") as status:
    size = int(re.search(r"VmSize:\\s+(\\d+) kB", status.read()).group(1)) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + 80_000_000, size + 80_000_000))
try:
    khuonha.loads(doc)
except khuonha.DecodeError as exc:
    print(str(exc))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits are Linux's")
def test_a_real_memory_error_is_one_line() -> None:
    """Under an address-space limit, decoding a large document ends with one clear line."""
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(MEMORY)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in run.stderr
    assert run.stdout.startswith("$: out of memory"), (run.stdout, run.stderr[-500:])
    assert run.stdout.count("\n") == 1


def test_validate_prints_the_capped_report(tmp_path: Path) -> None:
    """`khuonha validate` prints the first 50 problems, then how many more there are."""
    path = tmp_path / "flood.json"
    path.write_text(_bad_units(5000), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "khuonha", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert len(lines) == 51
    assert lines[0].startswith(f"{path}: $.units[0].")
    assert lines[-1] == f"{path}: … and 9,950 more"
