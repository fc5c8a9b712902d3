"""The corpus measure of khuonha.scan, over a copy of the corpus facts (tests/data).

``benchmarks/scan_quality.py`` prints the same figures from the corpus itself.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _measure() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(
        "scan_quality", ROOT / "benchmarks" / "scan_quality.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = json.loads((ROOT / "tests" / "data" / "scan_corpus.json").read_text("utf-8"))
    result: dict[str, Any] = module.measure(records)
    return result


def test_scan_meets_the_corpus_targets() -> None:
    m = _measure()
    assert m["statistics_total"] >= 30
    assert m["periods_total"] >= 20
    assert m["texts_scanned"] >= 180
    assert m["wrong_readings"] == []
    assert m["statistics_right"] >= 0.95 * m["statistics_total"], m["missed"]
    assert m["periods_right"] >= 0.90 * m["periods_total"], m["missed"]
