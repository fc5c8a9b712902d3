"""Long-running coverage-guided fuzzing of the codec with atheris (opt-in, never collected).

pytest collects ``test_*.py`` only, so this file never runs with the suite.
atheris is not a dependency of khuonha; install it into the environment by
hand, then run for as long as you like::

    uv pip install atheris
    uv run python tests/fuzz/fuzz_codec.py -max_total_time=600 tests/hostile

The corpus directory (``tests/hostile``) seeds the fuzzer. Any exception
other than :class:`khuonha.exceptions.DecodeError` is a finding: atheris
stops and writes the input as ``crash-*``. A second target, ``--exporters``,
decodes the input and, when it is a valid dataset, runs every installed
exporter on it (any exception but ExportError is a finding).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from typing import Any


def codec_target(data: bytes) -> None:
    """Decode *data*; only DecodeError may come out."""
    import khuonha
    from khuonha.exceptions import DecodeError

    with contextlib.suppress(DecodeError):
        khuonha.loads(data)


def exporters_target(data: bytes) -> None:
    """Decode *data*; export a valid dataset in every format (only ExportError may come out)."""
    import khuonha
    from khuonha.exceptions import DecodeError, ExportError

    try:
        ds: khuonha.Dataset = khuonha.loads(data)
    except DecodeError:
        return
    for exporter in khuonha.exporters():
        with contextlib.suppress(ExportError):
            khuonha.export(ds, exporter.name, io.BytesIO())


def main(argv: list[str]) -> None:
    """Run atheris on the chosen target (imported lazily: it is optional)."""
    atheris: Any = importlib.import_module("atheris")  # optional: never a dependency

    target: Any = codec_target
    if "--exporters" in argv:
        argv = [a for a in argv if a != "--exporters"]
        target = exporters_target
    with atheris.instrument_imports():
        import khuonha  # noqa: F401 - instrumented for coverage

    atheris.Setup(argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
