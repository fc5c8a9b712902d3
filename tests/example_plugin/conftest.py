"""Make the example plugin importable without installing it.

A real plugin is installed (``uv pip install -e .``) and needs no conftest;
this example lives inside khuonha's test suite, which loads it from source.
"""

import sys
from pathlib import Path

SRC = str(Path(__file__).parent / "src")
if SRC not in sys.path:
    sys.path.insert(0, SRC)
