"""Property-based fuzzing: the codec and every exporter, fed what hypothesis can think of.

The codec takes arbitrary JSON values and arbitrary bytes and never raises
anything but :class:`~khuonha.exceptions.DecodeError`; every exporter turns
every valid dataset into output its format's parser accepts. Longer runs:
``tests/fuzz/fuzz_codec.py`` (atheris, opt-in).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khuonha
from khuonha.exceptions import DecodeError, ExportError
from khuonha.testing.strategies import datasets

ReadBack = Callable[[str, bytes], str]  # the parse_output fixture of conftest.py

# A format that writes a folder (parquet) is tested by its plugin, not through a stream.
EXPORTERS = sorted(e.name for e in khuonha.exporters() if not getattr(e, "writes_directory", False))

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["1.0", "2022-02-30", "ngay_hoi", "../../etc", "\ud800", "9.0"])
)
json_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["schema_version", "slug", "title", "events", "people", "id", "name"])
            | st.text(max_size=10),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)
documents = st.fixed_dictionaries(
    {"schema_version": st.sampled_from(["1.0", "1.9", "0.1", "2.0", "x"]), "slug": _scalars},
    optional={
        "title": _scalars,
        "events": json_values,
        "people": json_values,
        "activities": json_values,
        "report_date": _scalars,
    },
)


def _decode(data: bytes | str) -> None:
    errors: tuple[str, ...] = ("$: decoded",)
    try:
        khuonha.loads(data)
    except DecodeError as exc:  # anything else propagates and fails the test
        errors = exc.errors
    assert errors
    assert all(isinstance(line, str) and line.startswith("$") for line in errors)


@given(json_values)
def test_codec_arbitrary_json_values(value: Any) -> None:
    """Any JSON value decodes or raises DecodeError with $-paths, nothing else."""
    _decode(json.dumps(value))


@given(documents)
def test_codec_dataset_shaped_documents(value: Any) -> None:
    """Documents shaped like datasets, with wrong parts, raise DecodeError only."""
    _decode(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"))


@given(st.binary(max_size=2000))
def test_codec_arbitrary_bytes(data: bytes) -> None:
    """Any bytes decode or raise DecodeError, nothing else."""
    _decode(data)


@given(st.text(max_size=500))
def test_codec_arbitrary_text(text: str) -> None:
    """Any str (lone surrogates included) decodes or raises DecodeError, nothing else."""
    _decode(text)


@settings(
    max_examples=12,  # the plugins' own suites fuzz further; this proves every exporter
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@pytest.mark.parametrize("exporter", EXPORTERS)
@given(ds=datasets())
def test_every_exporter_on_valid_datasets(
    exporter: str, ds: khuonha.Dataset, parse_output: ReadBack
) -> None:
    """Every valid dataset gives parseable output, or a clear refusal through can_export."""
    selected = khuonha.plugins.host.get_exporter(exporter)
    buf = io.BytesIO()
    if not selected.can_export(ds):
        with pytest.raises(ExportError):
            khuonha.export(ds, exporter, buf)
        return
    khuonha.export(ds, exporter, buf)
    parse_output(exporter, buf.getvalue())
    if exporter == "json":
        assert khuonha.loads(buf.getvalue()) == ds


def test_atheris_harness_targets_run_without_atheris() -> None:
    """The opt-in atheris harness imports atheris lazily; its targets accept the corpus."""
    import runpy
    from pathlib import Path

    here = Path(__file__).parent
    harness = runpy.run_path(str(here / "fuzz" / "fuzz_codec.py"))
    for path in sorted((here / "hostile").iterdir()):
        harness["codec_target"](path.read_bytes())
    harness["exporters_target"]((here / "hostile" / "valid-base.json").read_bytes())
