"""khuonha-xlsx: a dataset as an Excel workbook, edited in Excel or LibreOffice, read back.

The plugin registers an exporter and an importer, both named ``xlsx``
(suffix ``.xlsx``), through ``khuonha_register_exporters`` and
``khuonha_register_importers``. Writing uses XlsxWriter (row by row, in
constant memory); reading uses python-calamine, after the zip container has
been checked for bombs and DTDs.

>>> import io, khuonha
>>> buf = io.BytesIO()
>>> khuonha.export(khuonha.sample(), "xlsx", buf)
>>> _ = buf.seek(0)
>>> khuonha.read(buf, "xlsx") == khuonha.sample()
True
"""

from __future__ import annotations

from khuonha import hookimpl
from khuonha_xlsx._layout import sheets
from khuonha_xlsx._read import XlsxImporter, XlsxImportOptions, check_container
from khuonha_xlsx._write import XlsxExporter, XlsxOptions, write_workbook

__all__ = [
    "XlsxExporter",
    "XlsxImportOptions",
    "XlsxImporter",
    "XlsxOptions",
    "check_container",
    "khuonha_register_exporters",
    "khuonha_register_importers",
    "sheets",
    "write_workbook",
]


@hookimpl
def khuonha_register_exporters() -> list[XlsxExporter]:
    """Register the ``xlsx`` exporter."""
    return [XlsxExporter()]


@hookimpl
def khuonha_register_importers() -> list[XlsxImporter]:
    """Register the ``xlsx`` importer."""
    return [XlsxImporter()]
