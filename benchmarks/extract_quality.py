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

import importlib.util
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from khuonha import extract_text

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "scan_quality", ROOT / "benchmarks" / "scan_quality.py"
)
assert _spec is not None
assert _spec.loader is not None
scan_quality = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scan_quality)


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
    import yaml

    out = []
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            out.append(record_article(raw))
    return out


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


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    folder = Path(paths[0]) if paths else Path("..") / "shared" / "corpus"
    if not folder.is_absolute():
        folder = ROOT / folder
    records = load_corpus(folder)
    if not records:
        print(f"no *.yaml records in {folder}", file=sys.stderr)
        return 1
    if "--facts" in argv:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    m = measure(records, show="--show" in argv)
    share = scan_quality._share(m["statistics_right"], m["statistics_total"])
    print(f"articles extracted: {m['articles']}")
    print(
        f"statistics found by extract (value and qualifier): {share}"
        f" ({m['statistics_flagged']} of them marked needs_review)"
    )
    for line in m["missed"]:
        print(f"  missed: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
