"""A synthetic national dataset, for benchmarks and scale tests (dữ liệu giả định toàn quốc).

At ``scale=1`` it holds what the whole country produces in a year, after
the 1/7/2025 reorganisation: 34 provinces, 3,321 commune-level units (2,621
xã, 687 phường, 13 đặc khu), 100,000 residential areas, 1,000,000 activity
records, and per commune its police and people's committee, a Ngày hội, a
provincial conference, awards, one certification record and one evidence
record per area and commune. ``scale`` shrinks every count but the
provinces (at most one per commune); the output is a pure function of
``seed`` and ``scale``.

The province names are the real ones; every code, commune, area, figure
and result is made up. Names use both tone-mark styles ("Hòa"/"Hoà",
"Thủy"/"Thuỷ") and :func:`iter_national_data` writes some records in NFD,
as text copied from PDFs arrives.

>>> ds = national_dataset(seed=1, scale=0.001)
>>> len(ds.activities), len(ds.areas), len(ds.units)
(1000, 100, 6)
>>> national_counts(1.0)["communes"], national_counts(1.0)["activities"]
(3321, 1000000)

:func:`iter_national` yields the same records one by one, without building
the dataset, so a writer can stream a million records in bounded memory.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from khuonha.codec.core import dumps, to_dict
from khuonha.model.dataset import Dataset
from khuonha.testing import _national_records as _records
from khuonha.testing._national_outline import CYCLE, FULL, national_counts
from khuonha.testing._national_outline import _skeleton as _outline

__all__ = [
    "CYCLE",
    "FULL",
    "NFD_EVERY",
    "iter_national",
    "iter_national_data",
    "national_counts",
    "national_dataset",
    "national_document",
]


def iter_national(*, seed: int = 0, scale: float = 1.0) -> Iterator[tuple[str, Any]]:
    """Yield ``(collection, record)`` for the national dataset, one record at a time.

    The order is :meth:`Dataset.records() <khuonha.Dataset.records>`'s
    (evidence last); only a small per-commune outline is kept in
    memory, so a writer can stream every record without building the dataset.

    >>> from collections import Counter
    >>> Counter(c for c, _ in iter_national(seed=1, scale=0.001))["activities"]
    1000
    """
    sk = _outline(seed, scale)
    for collection, records in (
        ("units", _records.units(sk)),
        ("areas", _records.areas(seed, sk)),
        ("organizations", _records.organizations(sk)),
        ("activities", _records.activities(seed, sk)),
        ("events", _records.events(seed, sk)),
        ("awards", _records.awards(seed, sk)),
        ("certifications", _records.certifications(seed, sk)),
        ("evidence", _records.evidence(seed, sk)),
    ):
        for record in records:
            yield collection, record


def _header(seed: int, scale: float) -> dict[str, Any]:
    return {
        "slug": f"toan-quoc-{CYCLE}-{seed}",
        "title": f"Phong trào toàn dân bảo vệ an ninh Tổ quốc toàn quốc năm {CYCLE} "
        "(dữ liệu giả định)",
        "report_date": date(CYCLE, 12, 31),
        "description": "Made-up data for benchmarks (khuonha.testing.national, "
        f"seed {seed}, scale {scale}): only the province names are real.",
    }


def national_dataset(*, seed: int = 0, scale: float = 1.0) -> Any:
    """Build the national :class:`~khuonha.Dataset` (about 1.3 million records at scale 1).

    >>> ds = national_dataset(seed=1, scale=0.001)
    >>> ds.slug, ds.units[0].name, ds.units[-1].kind.value in ("xa", "phuong", "dac_khu")
    ('toan-quoc-2025-1', 'Hà Nội', True)
    """

    collections: dict[str, Any] = {}
    for collection, record in iter_national(seed=seed, scale=scale):
        collections.setdefault(collection, []).append(record)
    return Dataset(**_header(seed, scale), **collections)


#: Every how many records :func:`iter_national_data` writes one in NFD.
NFD_EVERY = 37


def _nfd(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [_nfd(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfd(v) for k, v in value.items()}
    return value


def iter_national_data(*, seed: int = 0, scale: float = 1.0) -> Iterator[tuple[str, Any]]:
    """Like :func:`iter_national`, but plain JSON data as a client sends it.

    Every :data:`NFD_EVERY`-th record of each collection has its text in NFD
    (decomposed), as text copied from a PDF arrives; decoding gives the
    records of :func:`iter_national` back, in NFC.
    """

    position: dict[str, int] = {}
    for collection, record in iter_national(seed=seed, scale=scale):
        n = position[collection] = position.get(collection, -1) + 1
        data = to_dict(record)
        yield collection, _nfd(data) if n % NFD_EVERY == NFD_EVERY - 1 else data


def national_document(*, seed: int = 0, scale: float = 1.0) -> bytes:
    """The national dataset as one JSON document, from :func:`iter_national_data`.

    >>> import khuonha
    >>> doc = national_document(seed=1, scale=0.001)
    >>> khuonha.loads(doc) == national_dataset(seed=1, scale=0.001)
    True
    """

    def dump(data: Any) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    head = dump(to_dict(Dataset(**_header(seed, scale))))
    parts = [head[:-1]]
    current = None
    position = 0
    for collection, record in iter_national(seed=seed, scale=scale):
        if collection != current:
            parts.append(f"{']' if current else ''},{dump(collection)}:[")
            current, position = collection, 0
        else:
            parts.append(",")
            position += 1
        if position % NFD_EVERY == NFD_EVERY - 1:  # as iter_national_data writes it
            parts.append(dump(_nfd(to_dict(record))))
        else:
            parts.append(dumps(record).decode("utf-8"))
    parts.append("]}" if current else "}")
    return "".join(parts).encode("utf-8")
