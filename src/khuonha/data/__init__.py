"""Bundled datasets (package data), read through the codec by :func:`khuonha.sample`.

Only their names live here, so the command line can list them without
loading the codec.
"""

from __future__ import annotations

__all__ = ["SAMPLES"]

#: Bundled dataset names → package data file.
SAMPLES: dict[str, str] = {
    "khuon-ha-2022": "khuon-ha-2022.json",
    "assessment-demo": "assessment-demo.json",
}
