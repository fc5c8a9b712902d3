"""Check that the set-up left compiled bytecode: run after `uv sync --compile-bytecode`
and the main job (`uv run khuonha export`), inside the project's environment.

- every module of the runtime dependencies in site-packages has its .pyc
  (`uv sync --compile-bytecode` wrote them at install time);
- every module of `src/` that `khuonha --help` imports has its .pyc (Python
  wrote them the first time the main job imported them: `src/` is an editable
  install, which uv does not compile).

Exit 1 listing what is missing.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import sysconfig
from pathlib import Path

RUNTIME = ("attr", "attrs", "cattrs", "pluggy", "dateutil")


def missing_in(folder: Path) -> list[Path]:
    return [
        py
        for py in folder.rglob("*.py")
        if not Path(importlib.util.cache_from_source(str(py))).exists()
    ]


def main() -> int:
    site = Path(sysconfig.get_paths()["purelib"])
    missing: list[Path] = []
    for package in RUNTIME:
        folder = site / package
        if not folder.is_dir():
            print(f"bytecode: {package} is not installed in {site}", file=sys.stderr)
            return 1
        missing += missing_in(folder)
    code = (
        "import sys, khuonha.cli.main as m\n"
        "print('\\n'.join(getattr(sys.modules[n], '__file__', None) or '' "
        "for n in sorted(sys.modules) if n.startswith('khuonha')))"
    )
    files = subprocess.run(  # noqa: S603 - this interpreter, on a fixed program
        [sys.executable, "-B", "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if not Path(importlib.util.cache_from_source(name)).exists():
            missing.append(Path(name))
    if missing:
        print(f"bytecode: {len(missing)} modules have no .pyc, e.g.", file=sys.stderr)
        for path in missing[:10]:
            print(f"  {path}", file=sys.stderr)
        return 1
    print(f"bytecode: compiled ({len(RUNTIME)} runtime packages, {len(files)} khuonha modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
