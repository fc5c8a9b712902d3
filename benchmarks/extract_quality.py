"""How well :func:`khuonha.extract_text` reads the statistics of the corpus articles.

Run on demand, never collected by pytest::

    uv run python benchmarks/extract_quality.py [CORPUS_DIR] [--show]   # default: ../shared/corpus

For every record (``NN.yaml``) the script rebuilds the article's text from
its words as written: the title, then every string field whose name ends in
``wording`` or ``_as_written``, in the record's order, leaving out a
wording that another one already contains. It runs ``extract_text`` on that
text with the record's reference date and prints the share of the
statistics the record lists (a ``statistics`` entry with a wording and a
numeric ``value``, or each number of its ``values``) that the draft holds:
an activity whose provenance lies inside the wording's place in the text,
with the same value, the qualifier the entry gives and its ``of_total`` as
the total. ``--show`` prints each draft's figures.

:func:`measure` is also run by ``tests/test_extract_quality.py`` over a copy
of the articles (``tests/data/extract_corpus.json``), so the floor holds
without the corpus.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import corpus_quality
import scan_quality

from khuonha import extract_text


def _wordings(node: object) -> Iterator[str]:
    """Every string of a field ending in 'wording' or '_as_written', in document order."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and str(k).endswith(("wording", "_as_written")):
                yield v
            else:
                yield from _wordings(v)
    elif isinstance(node, list):
        for item in node:
            yield from _wordings(item)


def article_text(raw: dict[str, Any]) -> str:
    """The article rebuilt from its title and wordings, one paragraph each."""
    title = (raw.get("source") or {}).get("title")
    parts = [title] if isinstance(title, str) else []
    for text in _wordings(raw):
        if text not in parts:
            parts.append(text)
    kept = [p for p in parts if not any(p != o and p in o for o in parts)]
    return "\n\n".join(p if p.rstrip().endswith((".", "!", "?", ":")) else p + "." for p in kept)


def record_article(raw: dict[str, Any]) -> dict[str, Any]:
    """The facts of one record that the measure needs (plain JSON)."""
    facts = scan_quality.record_facts(raw)
    return {
        "id": facts["id"],
        "reference": facts["reference"],
        "text": article_text(raw),
        "statistics": facts["statistics"],
    }


def load_corpus(folder: Path) -> list[dict[str, Any]]:
    """The article and statistics of every ``*.yaml`` record in *folder*."""
    return corpus_quality.load_corpus(folder, record_article)


def measure(records: Iterable[dict[str, Any]], *, show: bool = False) -> dict[str, Any]:
    """Extract every article of *records*; count the statistics found right."""
    right = total = articles = flagged = 0
    missed: list[str] = []
    for rec in records:
        ref = date.fromisoformat(rec["reference"]) if rec.get("reference") else None
        ds = extract_text(rec["text"], reference=ref)
        articles += 1
        text = rec["text"]
        if show:
            print(
                f"--- {rec['id']}: {len(ds.activities)} figures, {len(ds.awards)} awards, "
                f"{len(ds.events)} events, {len(ds.units)} units"
            )
            for a in ds.activities:
                mark = f"  ? {a.provenance.reason}" if a.provenance.needs_review else ""
                print(
                    f"  {a.quantity.value} {a.quantity.qualifier.value} {a.quantity.unit!r} "
                    f"{a.role.value} {a.period.label if a.period else None}{mark}"
                )
        for s in rec["statistics"]:
            total += 1
            want = scan_quality._qualifier(s["qualifier"])
            where = text.find(s["wording"])
            hits = [
                a
                for a in ds.activities
                if a.quantity.value == s["value"]
                and a.quantity.qualifier is want
                and (s["of_total"] is None or a.quantity.total == s["of_total"])
                and a.provenance is not None
                and where <= a.provenance.start
                and a.provenance.end <= where + len(s["wording"])
            ]
            if hits:
                right += 1
                flagged += all(a.provenance.needs_review for a in hits)
            else:
                missed.append(f"{rec['id']}: statistic {s['value']} in {s['wording']!r}")
    return {
        "articles": articles,
        "statistics_right": right,
        "statistics_total": total,
        "statistics_flagged": flagged,
        "missed": missed,
    }


def _report(records: list[dict[str, Any]], *, show: bool) -> None:
    m = measure(records, show=show)
    share = corpus_quality.share(m["statistics_right"], m["statistics_total"])
    print(f"articles extracted: {m['articles']}")
    print(
        f"statistics found by extract (value and qualifier): {share}"
        f" ({m['statistics_flagged']} of them marked needs_review)"
    )
    for line in m["missed"]:
        print(f"  missed: {line}")


def main(argv: list[str]) -> int:
    show = "--show" in argv
    return corpus_quality.main(argv, record_article, lambda records: _report(records, show=show))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
