"""Check that the README's set-up left compiled bytecode: run after the main job
(`uv run khuonha export`), inside the project's environment.

uv compiles every package it installs (`compile-bytecode = true` in the root
pyproject.toml), and Python writes the .pyc of the library's own `src/` (an
editable install, which uv does not compile) the first time it imports a module,
unless PYTHONDONTWRITEBYTECODE is set. This check lists the
modules that `import khuonha`, `khuonha.sample()` and the CLI load (in a child started
with -B, so it writes nothing itself) and fails on any without its .pyc.

Exit 1 listing what is missing.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path


def main() -> int:
    code = (
        "import sys, khuonha, khuonha.cli.main\nkhuonha.sample()\n"
        "print('\\n'.join(getattr(m, '__file__', None) or '' for m in list(sys.modules.values())))"
    )
    files = subprocess.run(  # noqa: S603 - this interpreter, on a fixed program
        [sys.executable, "-B", "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    # uv compiles what it installs (`compile-bytecode = true`); the editable `src/` is
    # compiled by Python as it imports it, unless the environment forbids writing bytecode.
    own = not sys.flags.dont_write_bytecode
    ours = [
        f
        for f in files
        if f.endswith(".py") and (f.startswith(sys.prefix) or (own and "/src/khuonha/" in f))
    ]
    missing = [
        Path(name) for name in ours if not Path(importlib.util.cache_from_source(name)).exists()
    ]
    if missing:
        print(f"bytecode: {len(missing)} modules have no .pyc, e.g.", file=sys.stderr)
        for path in missing[:10]:
            print(f"  {path}", file=sys.stderr)
        return 1
    print(f"bytecode: every one of the {len(ours)} modules the library loads is compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
