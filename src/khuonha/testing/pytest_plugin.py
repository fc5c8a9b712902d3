"""pytest plugin shipped with khuonha: fixtures and one switch for downstream test suites.

Installed with khuonha and loaded by pytest automatically (entry point
``pytest11``). It adds:

- the fixture ``khuonha_sample``: the bundled Khuôn Hà 2022 dataset;
- the command-line switch ``--update-goldens`` and the fixture
  ``update_goldens`` (``True`` when it is given), the one way every plugin's
  golden-file tests regenerate their files:
  ``uv run pytest plugins/khuonha-pdf --update-goldens``;
- the fixture ``golden``: ``golden(path, actual)`` compares *actual*
  (``bytes`` or ``str``) with the file at *path*, or writes it there under
  ``--update-goldens``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from khuonha.codec.samples import sample
from khuonha.model.dataset import Dataset

SWITCH = "--update-goldens"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-goldens``."""
    parser.addoption(
        SWITCH,
        action="store_true",
        default=False,
        help="khuonha: write golden files from the current output instead of comparing",
    )


@pytest.fixture
def khuonha_sample() -> Dataset:
    """The bundled Khuôn Hà 2022 dataset."""
    return sample()


@pytest.fixture(scope="session")
def update_goldens(pytestconfig: pytest.Config) -> bool:
    """Whether golden files are to be rewritten (``--update-goldens``)."""
    return bool(pytestconfig.getoption(SWITCH, default=False))


@pytest.fixture(scope="session")
def golden(update_goldens: bool) -> Callable[[Path, bytes | str], None]:
    """``golden(path, actual)``: assert *actual* equals the file, or rewrite it when updating."""

    def check(path: Path, actual: bytes | str) -> None:
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if update_goldens:
            path.write_bytes(data)
        assert path.exists(), f"no golden file {path.name}; run pytest with {SWITCH}"
        assert path.read_bytes() == data, f"the output differs from {path.name}"

    return check
