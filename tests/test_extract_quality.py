"""The corpus measure of khuonha.extract_text, over a copy of the articles (tests/data).

``benchmarks/extract_quality.py`` prints the same figure from the corpus itself;
``uv run python benchmarks/extract_quality.py CORPUS --facts`` rewrites the copy.
"""

from __future__ import annotations

from corpus_quality import corpus_copy
from extract_quality import measure


def test_extract_finds_the_corpus_statistics() -> None:
    m = measure(corpus_copy("extract_corpus.json"))
    assert m["articles"] == 15
    assert m["statistics_total"] >= 30
    assert m["statistics_right"] >= 0.90 * m["statistics_total"], m["missed"]
