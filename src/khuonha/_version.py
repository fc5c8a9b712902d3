"""The version of khuonha, written once: the build reads it from here (``[tool.hatch.version]``).

A constant, so ``khuonha --version`` and ``khuonha.__version__`` need no
:mod:`importlib.metadata` (which alone costs more than the rest of the start-up).
"""

from __future__ import annotations

__version__ = "0.1.0"
