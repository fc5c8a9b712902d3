"""Helpers for testing khuonha, its plugins and applications built on it.

- :func:`check_exporter` (from :mod:`khuonha.testing.conformance`): the
  exporter contract as one call, for every plugin's own tests;
- :mod:`khuonha.testing.hostile`: empty, hostile, Vietnamese and large datasets;
- :mod:`khuonha.testing.strategies`: Hypothesis strategies for every model.

Importing this package does not import Hypothesis; the strategies module does.
"""

from __future__ import annotations

from khuonha.testing.conformance import ConformanceError, check_exporter

__all__ = ["ConformanceError", "check_exporter"]
