"""What the corpus quality scripts share (``scan_quality.py``, ``extract_quality.py``).

Not a script: the command-line front both scripts have (the corpus folder,
``--facts``), the reading of the records and the printed shares, and the
corpus copy their tests measure (``tests/data``). The benchmarks folder is no
package: a script run as ``python benchmarks/NAME.py`` finds its siblings on
``sys.path``, and pytest puts the folder there (``pythonpath`` in
``pyproject.toml``), so the tests import the scripts by name.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

Facts = Callable[[dict[str, Any]], dict[str, Any]]


def load_corpus(folder: Path, facts: Facts) -> list[dict[str, Any]]:
    """*facts* of every ``*.yaml`` record in *folder*, in file-name order."""
    import yaml

    out = []
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            out.append(facts(raw))
    return out


def main(argv: list[str], facts: Facts, report: Callable[[list[dict[str, Any]]], None]) -> int:
    """Read the corpus named in *argv* (default ``../shared/corpus``) and *report* on it.

    ``--facts`` prints the records as JSON instead (what ``tests/data`` holds);
    a folder without records is exit 1.
    """
    paths = [a for a in argv if not a.startswith("--")]
    folder = Path(paths[0]) if paths else Path("..") / "shared" / "corpus"
    if not folder.is_absolute():
        folder = ROOT / folder
    records = load_corpus(folder, facts)
    if not records:
        print(f"no *.yaml records in {folder}", file=sys.stderr)
        return 1
    if "--facts" in argv:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    report(records)
    return 0


def share(right: int, total: int) -> str:
    """``right/total = NN.N%`` (``0/0`` for nothing to count)."""
    return f"{right}/{total} = {100 * right / total:.1f}%" if total else "0/0"


def corpus_copy(name: str) -> list[dict[str, Any]]:
    """The copy of the corpus facts the tests measure: ``tests/data/<name>``."""
    records: list[dict[str, Any]] = json.loads((ROOT / "tests" / "data" / name).read_text("utf-8"))
    return records
