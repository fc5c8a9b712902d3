"""khuonha-parquet: a dataset as a folder of typed Parquet tables, for DuckDB and Spark.

The plugin registers the exporter ``parquet`` through
``khuonha_register_exporters``. Given a directory it writes one file per
record type (``activities.parquet`` …) and ``dataset.parquet`` with the
dataset's own fields; the columns are typed from the models by introspection.

>>> import khuonha, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "bang"
>>> khuonha.export(khuonha.sample(), "parquet", out)
>>> sorted(p.name for p in out.iterdir())[:3]
['activities.parquet', 'areas.parquet', 'awards.parquet']
"""

from __future__ import annotations

from khuonha import hookimpl
from khuonha_parquet._tables import (
    BATCH_ROWS,
    ParquetExporter,
    ParquetOptions,
    RecordsWriter,
    schema_of,
    tables,
    write_directory,
)

__all__ = [
    "BATCH_ROWS",
    "ParquetExporter",
    "ParquetOptions",
    "RecordsWriter",
    "khuonha_register_exporters",
    "schema_of",
    "tables",
    "write_directory",
]


@hookimpl
def khuonha_register_exporters() -> list[ParquetExporter]:
    """Register the ``parquet`` exporter."""
    return [ParquetExporter()]
