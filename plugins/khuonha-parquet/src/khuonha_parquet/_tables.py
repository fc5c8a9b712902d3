"""Typed Arrow schemas from the models, and the batched writer of a folder of tables."""

from __future__ import annotations

import enum
import functools
import json
import os
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

import khuonha
from khuonha import Exporter, ExportError, ExportOptions

__all__ = [
    "BATCH_ROWS",
    "ParquetExporter",
    "ParquetOptions",
    "RecordsWriter",
    "schema_of",
    "tables",
    "write_directory",
]

#: Rows converted and written at a time.
BATCH_ROWS = 50_000
#: The table of the dataset's own fields.
DATASET_TABLE = "dataset"


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        return typing.Union[tuple(args)]  # noqa: UP007 - rebuilt from parts
    return hint


Convert = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _enum_value(value: Any) -> Any:
    return None if value is None else value.value


def _typed(hint: Any) -> tuple[pa.DataType, Convert]:
    """The Arrow type of a field's values, and the conversion of one value to it."""
    hint = _strip_optional(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if set(typing.get_args(hint)) <= {int, float}:
            return pa.float64(), lambda v: None if v is None else float(v)
        return pa.string(), lambda v: None if v is None else khuonha.dumps(v).decode()
    if origin is tuple:
        (element, *_rest) = typing.get_args(hint)
        inner_type, inner = _typed(element)
        return pa.list_(inner_type), lambda v: None if v is None else [inner(x) for x in v]
    if isinstance(hint, type) and attrs.has(hint):
        struct, convert = _struct(hint)
        return struct, convert
    simple: list[tuple[type, pa.DataType, Convert]] = [
        (enum.Enum, pa.string(), _enum_value),
        (bool, pa.bool_(), _identity),
        (int, pa.int64(), _identity),
        (float, pa.float64(), _identity),
        (datetime, pa.timestamp("us", tz="UTC"), _identity),
        (date, pa.date32(), _identity),
        (time, pa.time64("us"), _identity),
        (str, pa.string(), _identity),
    ]
    for base, arrow, convert in simple:
        if isinstance(hint, type) and issubclass(hint, base):
            return arrow, convert
    return pa.string(), lambda v: None if v is None else khuonha.dumps(v).decode()


@functools.cache
def _struct(cls: type) -> tuple[pa.DataType, Convert]:
    fields, converts = _fields(cls)
    names = [f.name for f in fields]

    def convert(value: Any) -> Any:
        if value is None:
            return None
        return {n: c(getattr(value, n)) for n, c in zip(names, converts, strict=True)}

    return pa.struct(fields), convert


def _fields(cls: type, skip: frozenset[str] = frozenset()) -> tuple[list[pa.Field], list[Convert]]:
    hints = typing.get_type_hints(cls)
    fields, converts = [], []
    for field in attrs.fields(cls):
        if field.name in skip or not field.init:
            continue
        arrow, convert = _typed(hints[field.name])
        fields.append(pa.field(field.name, arrow))
        converts.append(convert)
    return fields, converts


@functools.cache
def _layout(table: str) -> tuple[pa.Schema, list[str], list[Convert]]:
    if table == DATASET_TABLE:
        fields, converts = _fields(khuonha.Dataset, frozenset(khuonha.record_collections()))
    else:
        fields, converts = _fields(khuonha.record_collections()[table])
    return pa.schema(fields), [f.name for f in fields], converts


def schema_of(table: str) -> pa.Schema:
    """The Arrow schema of a table: ``dataset`` or a collection (``activities``).

    >>> schema_of("activities").field("quantity").type.field("value").type
    DataType(double)
    """
    return _layout(table)[0]


def _batch(table: str, records: list[Any]) -> pa.RecordBatch:
    schema, names, converts = _layout(table)
    columns = [
        pa.array([convert(getattr(r, name)) for r in records], type=field.type)
        for name, convert, field in zip(names, converts, schema, strict=True)
    ]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


class RecordsWriter:
    """Writes ``(collection, record)`` pairs into a folder, a Parquet file per collection.

    Records are converted :data:`BATCH_ROWS` at a time; a file is opened on its
    collection's first record (and written to a temporary name, renamed on
    :meth:`close`), so a stream of records (JSON Lines) is never held whole.
    """

    def __init__(self, directory: Path, batch_rows: int = BATCH_ROWS) -> None:
        self.directory = directory
        self.batch_rows = batch_rows
        self.pending: dict[str, list[Any]] = {}
        self.writers: dict[str, tuple[pq.ParquetWriter, Path]] = {}

    def add(self, collection: str, record: Any) -> None:
        """Queue one record; a full batch is written at once."""
        rows = self.pending.setdefault(collection, [])
        rows.append(record)
        if len(rows) >= self.batch_rows:
            self._flush(collection)

    def _flush(self, table: str) -> None:
        rows = self.pending.get(table)
        if table not in self.writers:
            fd, name = tempfile.mkstemp(prefix=f".{table}.", suffix=".tmp", dir=self.directory)
            os.close(fd)
            writer = pq.ParquetWriter(name, schema_of(table), compression="zstd")
            self.writers[table] = (writer, Path(name))
        if rows:
            self.writers[table][0].write_batch(_batch(table, rows))
            rows.clear()

    def close(self) -> list[Path]:
        """Write what is left, close every file and give each its name; return the files."""
        for table in list(self.pending):
            self._flush(table)
        out = []
        for table, (writer, temporary) in self.writers.items():
            writer.close()
            target = self.directory / f"{table}.parquet"
            temporary.replace(target)
            out.append(target)
        self.writers.clear()
        return out

    def abort(self) -> None:
        """Drop every file begun (after a failure)."""
        for writer, temporary in self.writers.values():
            try:
                writer.close()
            finally:
                temporary.unlink(missing_ok=True)
        self.writers.clear()


def write_directory(
    records: Iterable[tuple[str, Any]], directory: str | os.PathLike[str], own: Any = None
) -> list[Path]:
    """Write *records* (and the dataset *own* fields, when given) as a folder of tables.

    Every collection gets its file, empty ones included, so queries find
    every table.
    """
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    writer = RecordsWriter(target)
    try:
        if own is not None:
            writer.add(DATASET_TABLE, own)
        for collection in khuonha.record_collections():
            writer.pending.setdefault(collection, [])
        for collection, record in records:
            writer.add(collection, record)
        return writer.close()
    except BaseException:
        writer.abort()
        raise


def tables(ds: khuonha.Dataset) -> Iterator[tuple[str, pa.Table]]:
    """Each table of *ds* in memory (for tests and benchmarks)."""
    yield DATASET_TABLE, pa.Table.from_batches([_batch(DATASET_TABLE, [ds])])
    for collection in khuonha.record_collections():
        records = list(getattr(ds, collection))
        yield collection, pa.Table.from_batches([_batch(collection, records)])


@attrs.frozen(kw_only=True)
class ParquetOptions(ExportOptions):
    """Options of the ``parquet`` exporter (only the common ones)."""


class ParquetExporter(Exporter[ParquetOptions]):
    """A folder of Parquet files, one per record type, typed from the models."""

    name = "parquet"
    description = "Parquet tables, one file per record type, in a folder (lossless; for DuckDB)"
    media_type = "application/vnd.apache.parquet"
    suffixes = (".parquet",)
    options_type = ParquetOptions
    #: An archive: lossless, personal data included (the host does not redact it).
    archive = True
    #: Writes a folder: give ``khuonha.export`` a directory path (``-o DIR``).
    writes_directory = True

    def problem(self, obj: object, options: ParquetOptions) -> str | None:
        """A dataset is needed (a record alone has no sheets to fill)."""
        return None if isinstance(obj, khuonha.Dataset) else "needs a Dataset"

    def write(self, obj: Any, stream: BinaryIO, options: ParquetOptions) -> None:
        """A folder cannot go to a stream: say so."""
        raise ExportError(
            self.name, "parquet writes a folder of files: give a directory (-o DIR), not a stream"
        )

    def write_directory(self, obj: Any, directory: Path, options: ParquetOptions) -> list[Path]:
        """Write *obj*'s tables into *directory*, record type by record type, in batches."""
        return write_directory(obj.records(), directory, own=obj)

    #: Writes records as they stream in (``khuonha export data.jsonl -f parquet``).
    streams = True

    def write_records(
        self,
        own: Mapping[str, Any],
        records: Iterable[tuple[str, Any]],
        target: Any,
        options: ParquetOptions,
    ) -> None:
        """The folder of tables from streamed records; the ``dataset`` row from *own*."""
        refs = {k: v for k, v in own.items() if k in _REFERENCES}
        plain = {k: v for k, v in own.items() if k not in _REFERENCES}
        try:
            shell = khuonha.loads(json.dumps(plain, ensure_ascii=False).encode())
        except khuonha.DecodeError:
            for _record in records:  # the reader raises every problem of its input at the end
                pass
            raise
        write_directory(records, Path(target), own=_Head(shell, refs))


#: The dataset's own fields that name records (set apart: the records come later).
_REFERENCES = ("commune", "publisher", "reporting_organization")


class _Head:
    """The dataset's own fields for its one-row table: a dataset shell and its references."""

    def __init__(self, shell: khuonha.Dataset, refs: dict[str, Any]) -> None:
        self._shell = shell
        self._refs = refs

    def __getattr__(self, name: str) -> Any:
        if name in self._refs:
            return self._refs[name]
        if name in _REFERENCES:
            return None
        return getattr(self._shell, name)
