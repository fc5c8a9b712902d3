"""Helpers for testing khuonha, its plugins and applications built on it.

- :func:`check_exporter` (from :mod:`khuonha.testing.conformance`): the
  exporter contract as one call, for every plugin's own tests;
- :mod:`khuonha.testing.hostile`: empty, hostile, Vietnamese and large datasets;
- :mod:`khuonha.testing.strategies`: Hypothesis strategies for every model.
- :mod:`khuonha.testing.national`: the synthetic national dataset (34 provinces,
  3,321 communes, a million activities), built or streamed from a seed.

Importing this package does not import Hypothesis; the strategies module does.
"""

from __future__ import annotations

from khuonha.testing.conformance import ConformanceError, check_exporter
from khuonha.testing.national import iter_national, national_dataset, national_document

__all__ = ["ConformanceError", "check_exporter"]
__all__ += ["iter_national", "national_dataset", "national_document"]
