"""How well :func:`khuonha.scan` reads the wordings of the corpus.

Run on demand, never collected by pytest::

    uv run python benchmarks/scan_quality.py [CORPUS_DIR]   # default: ../shared/corpus

CORPUS_DIR holds the corpus records (``*.yaml``); a relative path is taken
from the repository root. For every record the script scans every string
field whose name ends in ``wording`` or ``_as_written``, with the record's
reference date (the first event's date, else the publication date), and
prints three figures:

- statistics found: a ``statistics`` entry with a wording and a numeric
  ``value`` (or each number of its ``values``) is found when ``scan`` of the
  wording reports a quantity with that value, the qualifier the entry gives
  ("gần" is ``nearly``; a word that qualifies the verb, such as "cơ bản đạt",
  leaves the number exact) and its ``of_total`` as the total;
- wrong readings (must be 0): a statistic not found while a quantity written
  with the same digits was read without a warning as another value or
  qualifier; a period not found while a period in its wording was read
  without a warning as other dates; any unflagged quantity in a date or time
  as written (``*_as_written``);
- periods found: a ``reporting_periods`` entry with a wording and dates
  (``start``/``end``, or ``as_of`` for a point in time) is found when
  ``scan`` of the wording reports a period with those first and last days.
  A reading flagged ``ambiguous`` with the right dates counts, and the
  figure says how many were flagged.

:func:`measure` is also run by ``tests/test_scan_quality.py`` over a copy of
the facts, so the targets hold without the corpus.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import corpus_quality

from khuonha import Qualifier, parse_quantity, scan
from khuonha.exceptions import QuantityParseError


def _day(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _strings(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (field name, string) whose field ends in 'wording' or '_as_written'."""
    if isinstance(node, dict):
        for k, v in node.items():
            name = str(k)
            if isinstance(v, str) and (name.endswith(("wording", "_as_written"))):
                yield name, v
            else:
                yield from _strings(v, f"{path}.{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, path)


def record_facts(raw: dict[str, Any]) -> dict[str, Any]:
    """The facts of one corpus record that the measure needs (plain JSON)."""
    reference = None
    for event in raw.get("events") or []:
        if isinstance(event, dict) and event.get("date"):
            reference = _day(event["date"])
            break
    reference = reference or _day((raw.get("source") or {}).get("publication_date"))
    stats = []
    for s in raw.get("statistics") or []:
        if not isinstance(s, dict) or not s.get("wording"):
            continue
        values = [s["value"]] if isinstance(s.get("value"), (int, float)) else []
        values += [v for v in (s.get("values") or {}).values() if isinstance(v, (int, float))]
        for v in values:
            stats.append(
                {
                    "wording": s["wording"],
                    "value": v,
                    "qualifier": s.get("qualifier"),
                    "of_total": s.get("of_total"),
                }
            )
    periods = []
    for p in raw.get("reporting_periods") or []:
        if not isinstance(p, dict) or not p.get("wording"):
            continue
        start, end = _day(p.get("start")), _day(p.get("end"))
        if p.get("as_of") is not None:
            start = end = _day(p["as_of"])
        if start is None and end is None:
            continue
        periods.append({"wording": p["wording"], "start": start, "end": end})
    texts = sorted({text for _, text in _strings(raw)})
    dates = sorted({text for name, text in _strings(raw) if name.endswith("date_as_written")})
    return {
        "id": str(raw.get("id")),
        "reference": reference,
        "statistics": stats,
        "periods": periods,
        "texts": texts,
        "dates_as_written": dates,
    }


def load_corpus(folder: Path) -> list[dict[str, Any]]:
    """The facts of every ``*.yaml`` record in *folder*."""
    return corpus_quality.load_corpus(folder, record_facts)


def _qualifier(written: str | None) -> Qualifier:
    """The qualifier a corpus entry gives ("gần (nearly)"), read as scan reads it."""
    if not written:
        return Qualifier.EXACT
    words = written.split(" (")[0]
    try:
        return parse_quantity(f"{words} 1").qualifier
    except QuantityParseError:
        return Qualifier.EXACT


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", "")


def measure(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Scan every wording of *records* and count what was read right and wrong."""
    stats_right = stats_total = periods_right = periods_total = flagged = scanned = 0
    wrong: list[str] = []
    missed: list[str] = []
    for rec in records:
        ref = date.fromisoformat(rec["reference"]) if rec.get("reference") else None
        for text in rec["texts"]:
            scan(text, reference=ref)
            scanned += 1
        for text in rec["dates_as_written"]:
            for q in scan(text, reference=ref).quantities:
                if not q.ambiguous:
                    wrong.append(f"{rec['id']}: {q.text!r} in the date {text!r}")
        for s in rec["statistics"]:
            stats_total += 1
            want = _qualifier(s["qualifier"])
            found = scan(s["wording"], reference=ref).quantities
            ok = any(
                q.quantity.value == s["value"]
                and q.quantity.qualifier is want
                and (s["of_total"] is None or q.quantity.total == s["of_total"])
                for q in found
            )
            if ok:
                stats_right += 1
                continue
            missed.append(f"{rec['id']}: statistic {s['value']} in {s['wording']!r}")
            for q in found:
                same_digits = _digits(q.quantity.value) == _digits(s["value"])
                if not q.ambiguous and (same_digits or q.quantity.value == s["value"]):
                    wrong.append(f"{rec['id']}: {q.text!r} read as {q.quantity!r}")
        for p in rec["periods"]:
            periods_total += 1
            found_periods = scan(p["wording"], reference=ref).periods
            hits = [
                f
                for f in found_periods
                if f.period is not None
                and _day(f.period.start) == p["start"]
                and _day(f.period.end) == p["end"]
            ]
            if hits:
                periods_right += 1
                flagged += all(f.ambiguous for f in hits)
                continue
            missed.append(f"{rec['id']}: period {p['start']}..{p['end']} in {p['wording']!r}")
            for f in found_periods:
                if f.period is not None and not f.ambiguous and not f.compound:
                    wrong.append(
                        f"{rec['id']}: {f.text!r} read as {f.period.start}..{f.period.end}"
                    )
    return {
        "statistics_right": stats_right,
        "statistics_total": stats_total,
        "wrong_readings": wrong,
        "periods_right": periods_right,
        "periods_total": periods_total,
        "periods_flagged": flagged,
        "texts_scanned": scanned,
        "missed": missed,
    }


def _report(records: list[dict[str, Any]]) -> None:
    share = corpus_quality.share
    m = measure(records)
    print(f"records: {len(records)}, wordings scanned: {m['texts_scanned']}")
    stats = share(m["statistics_right"], m["statistics_total"])
    print(f"statistics found (value and qualifier): {stats}")
    print(f"wrong readings: {len(m['wrong_readings'])}")
    print(
        f"periods found (dates): {share(m['periods_right'], m['periods_total'])}"
        f" ({m['periods_flagged']} of them flagged ambiguous)"
    )
    for line in m["wrong_readings"]:
        print(f"  wrong: {line}")
    for line in m["missed"]:
        print(f"  missed: {line}")


def main(argv: list[str]) -> int:
    return corpus_quality.main(argv, record_facts, _report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
