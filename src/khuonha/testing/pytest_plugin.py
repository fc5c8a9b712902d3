"""pytest plugin shipped with khuonha: fixtures for downstream test suites.

Installed with khuonha and loaded by pytest automatically (entry point
``pytest11``); it only defines fixtures, so it changes nothing else.
"""

from __future__ import annotations

import pytest

from khuonha.model.dataset import Dataset


@pytest.fixture
def khuonha_sample() -> Dataset:
    """The bundled Khuôn Hà 2022 dataset."""
    from khuonha.codec.samples import sample  # noqa: PLC0415 - pytest loads this plugin in every run; khuonha only when used

    return sample()
