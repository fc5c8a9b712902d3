"""The built-in ``json`` and ``jsonl`` exporters, registered as a default plugin.

Both write the data itself, losslessly, in the codec's canonical form: they
are archives (``archive = True``), for exchange, not for publication, and so
include personal data (the ``internal`` option makes no difference). The host
gives every other format, RSS, Atom, iCalendar and PDF included, the data
without personal data unless the export is internal.

``json`` writes the document exactly as :func:`khuonha.dumps` does:

>>> import io, khuonha
>>> buf = io.BytesIO()
>>> khuonha.export(khuonha.sample(), "json", buf)
>>> buf.getvalue() == khuonha.dumps(khuonha.sample())
True

``jsonl`` (JSON Lines) writes one self-describing object per line, record by
record, so memory stays bounded however many records there are. The first
line is a header; for a dataset, the second holds its own fields (every
field but the record collections) and each further line one record:

.. code-block:: text

    {"type":"header","schema_version":"1.0","dataset":"khuon-ha-2022"}
    {"type":"dataset","dataset":"khuon-ha-2022","record":{"schema_version":"1.0","slug":…}}
    {"type":"unit","dataset":"khuon-ha-2022","record":{"id":"tinh-tuyen-quang",…}}

>>> buf = io.BytesIO()
>>> khuonha.export(khuonha.sample().activities[0], "jsonl", buf)
>>> print(buf.getvalue().decode().splitlines()[1][:44])
{"type":"activity","record":{"id":"tuyen-tru
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, BinaryIO, TypeVar

import attrs

from khuonha.codec.core import dumps, to_dict
from khuonha.model.dataset import SCHEMA_VERSION, Dataset, record_collections
from khuonha.plugins.exporter import Exporter, ExportOptions
from khuonha.plugins.hookspecs import hookimpl
from khuonha.plugins.progress import report_progress

__all__ = [
    "RECORD_TYPES",
    "JsonExporter",
    "JsonOptions",
    "JsonlExporter",
    "JsonlOptions",
    "write_records",
]

#: The ``type`` of a JSON Lines record of each Dataset collection.
RECORD_TYPES: dict[str, str] = {
    "units": "unit",
    "areas": "area",
    "organizations": "organization",
    "people": "person",
    "posts": "post",
    "memberships": "membership",
    "activities": "activity",
    "groups": "group",
    "events": "event",
    "awards": "award",
    "certifications": "certification",
    "news": "news_item",
    "evidence": "evidence",
}


@cache
def _record_classes() -> dict[type, str]:

    collections = record_collections()
    return {collections[name]: record_type for name, record_type in RECORD_TYPES.items()}


def _is_dataset(obj: object) -> bool:

    return isinstance(obj, Dataset)


def _exportable(obj: object) -> bool:
    return _is_dataset(obj) or type(obj) in _record_classes()


# Characters that some readers take for line ends (str.splitlines does); JSON
# leaves them raw, so they are escaped to keep one record on one line for everyone.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _line(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if "\u2028" in text or "\u2029" in text or "\x85" in text:  # translate is slow: only if needed
        text = text.translate(_LINE_BREAKS)
    return text.encode("utf-8") + b"\n"


@attrs.frozen(kw_only=True)
class JsonOptions(ExportOptions):
    """Options of the ``json`` exporter.

    - ``pretty``: indent by two spaces and end with a newline (default: compact,
      byte for byte what :func:`khuonha.dumps` gives).
    """

    pretty: bool = False


O = TypeVar("O", bound=ExportOptions)  # noqa: E741 - the options type, as in khuonha.plugins.exporter


class _DataExporter(Exporter[O]):
    """What the two lossless formats share: archives of a dataset or any of its records."""

    archive = True

    def problem(self, obj: object, options: O) -> str | None:
        """Nothing for a dataset or any single record of one; else what is needed."""
        if _exportable(obj):
            return None
        return f"needs a Dataset or one of its records, not {type(obj).__name__}"


class JsonExporter(_DataExporter[JsonOptions]):
    """The canonical JSON document (:func:`khuonha.dumps`) of a dataset or a record."""

    name = "json"
    description = "Canonical JSON document of the data (lossless; includes personal data)"
    media_type = "application/json"
    suffixes = (".json",)
    options_type = JsonOptions

    def write(self, obj: Any, stream: BinaryIO, options: JsonOptions) -> None:
        """Write the canonical JSON of *obj*."""

        total = _count(obj)
        report_progress(0, total)
        stream.write(dumps(obj, pretty=options.pretty))
        report_progress(total, total)


@attrs.frozen(kw_only=True)
class JsonlOptions(ExportOptions):
    """Options of the ``jsonl`` exporter (only the common ones)."""


class JsonlExporter(_DataExporter[JsonlOptions]):
    """JSON Lines: a header, then one self-describing record per line, streamed."""

    name = "jsonl"
    description = "JSON Lines, one self-describing record per line (streamed; lossless)"
    media_type = "application/jsonl"
    suffixes = (".jsonl",)
    options_type = JsonlOptions

    def write(self, obj: Any, stream: BinaryIO, options: JsonlOptions) -> None:
        """Write the header, then each record as it is encoded (bounded memory)."""

        if not _is_dataset(obj):
            stream.write(_line({"type": "header", "schema_version": SCHEMA_VERSION}))
            stream.write(_line({"type": _record_classes()[type(obj)], "record": to_dict(obj)}))
            return
        slug = obj.slug
        stream.write(
            _line({"type": "header", "schema_version": obj.schema_version, "dataset": slug})
        )
        own = _own_fields(obj)
        stream.write(_line({"type": "dataset", "dataset": slug, "record": own}))
        _write_lines(obj.records(), stream, slug, _count(obj))

    streams = True

    def write_records(
        self,
        own: Mapping[str, Any],
        records: Iterable[tuple[str, Any]],
        target: Any,
        options: JsonlOptions,
    ) -> None:
        """The header, the dataset line, then each record as it comes (as :meth:`write`)."""
        slug = own.get("slug")
        version = own.get("schema_version", SCHEMA_VERSION)
        target.write(_line({"type": "header", "schema_version": version, "dataset": slug}))
        target.write(_line({"type": "dataset", "dataset": slug, "record": dict(own)}))
        _write_lines(records, target, slug if isinstance(slug, str) else None)


def _count(obj: object) -> int:
    """The records of *obj* (a dataset's, or 1 for a record), for progress reports."""
    return sum(1 for _ in obj.records()) if isinstance(obj, Dataset) else 1


def _write_lines(
    records: Iterable[tuple[str, Any]], stream: BinaryIO, slug: str | None, total: int | None = None
) -> None:
    for done, (collection, record) in enumerate(records, start=1):
        item: dict[str, Any] = {"type": RECORD_TYPES[collection]}
        if slug is not None:
            item["dataset"] = slug
        item["record"] = to_dict(record)
        stream.write(_line(item))
        if done % 1000 == 0 or done == total:
            report_progress(done, total)


def write_records(
    records: Iterable[tuple[str, Any]], stream: BinaryIO, *, dataset: str | None = None
) -> None:
    """Write ``(collection, record)`` pairs as JSON Lines, one at a time, without a Dataset.

    The lines are those the ``jsonl`` exporter writes for a dataset's
    records, after a header (and with ``dataset`` in each line when given);
    memory stays bounded however many records the iterable yields.

    >>> import io, khuonha
    >>> buf = io.BytesIO()
    >>> write_records(khuonha.sample().records(), buf, dataset="khuon-ha-2022")
    >>> buf.getvalue().splitlines()[1][:30]
    b'{"type":"unit","dataset":"khuo'
    """

    header: dict[str, Any] = {"type": "header", "schema_version": SCHEMA_VERSION}
    if dataset is not None:
        header["dataset"] = dataset
    stream.write(_line(header))
    _write_lines(records, stream, dataset)


def _own_fields(ds: Any) -> dict[str, Any]:
    """The dataset's fields but its record collections, as the codec writes them."""

    own: dict[str, Any] = {}
    for field in attrs.fields(type(ds)):
        if field.name in RECORD_TYPES:
            continue
        value = getattr(ds, field.name)
        if field.name != "schema_version" and value == field.default:
            continue
        own[field.name] = to_dict(value)
    return own


@hookimpl
def khuonha_register_exporters() -> list[Exporter[Any]]:
    """Register ``json`` and ``jsonl``."""
    return [JsonExporter(), JsonlExporter()]
