"""The codec layer: one strict converter, canonical JSON, JSON Schema and the bundled samples.

Everything that turns models into JSON and back goes through here: the
cattrs :data:`converter` (every plugin reuses it, so option errors get JSON
paths too), :func:`dumps` and :func:`loads` for canonical documents, and
:func:`json_schema`. :func:`sample` loads the bundled datasets through it.

>>> from khuonha.codec import dumps, loads, sample
>>> loads(dumps(sample())) == sample()
True
"""

from __future__ import annotations

from khuonha.codec.core import (
    configure_converter,
    converter,
    dumps,
    from_dict,
    load,
    loads,
    make_converter,
    parse_json,
    to_dict,
)
from khuonha.codec.samples import SAMPLES, sample
from khuonha.codec.schema import json_schema

__all__ = [
    "SAMPLES",
    "configure_converter",
    "converter",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "parse_json",
    "sample",
    "to_dict",
]
