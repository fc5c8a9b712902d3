"""The corpus measure of khuonha.scan, over a copy of the corpus facts (tests/data).

``benchmarks/scan_quality.py`` prints the same figures from the corpus itself.
"""

from __future__ import annotations

from corpus_quality import corpus_copy
from scan_quality import measure


def test_scan_meets_the_corpus_targets() -> None:
    m = measure(corpus_copy("scan_corpus.json"))
    assert m["statistics_total"] >= 30
    assert m["periods_total"] >= 20
    assert m["texts_scanned"] >= 180
    assert m["wrong_readings"] == []
    assert m["statistics_right"] >= 0.95 * m["statistics_total"], m["missed"]
    assert m["periods_right"] >= 0.90 * m["periods_total"], m["missed"]
