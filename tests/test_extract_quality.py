"""The corpus measure of khuonha.extract_text, over a copy of the articles (tests/data).

``benchmarks/extract_quality.py`` prints the same figure from the corpus itself;
``uv run python benchmarks/extract_quality.py CORPUS --facts`` rewrites the copy.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _measure() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(
        "extract_quality", ROOT / "benchmarks" / "extract_quality.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = json.loads((ROOT / "tests" / "data" / "extract_corpus.json").read_text("utf-8"))
    result: dict[str, Any] = module.measure(records)
    return result


def test_extract_finds_the_corpus_statistics() -> None:
    m = _measure()
    assert m["articles"] == 15
    assert m["statistics_total"] >= 30
    assert m["statistics_right"] >= 0.90 * m["statistics_total"], m["missed"]
