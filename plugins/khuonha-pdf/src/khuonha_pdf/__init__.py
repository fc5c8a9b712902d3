"""khuonha-pdf: the movement report as a Vietnamese administrative PDF.

Registers the ``pdf`` exporter (suffix ``.pdf``) through the
``khuonha_register_exporters`` hook. reportlab is imported only when a
report is written, so loading the plugin stays cheap.
"""

from __future__ import annotations

from typing import Any

from khuonha import Exporter, hookimpl
from khuonha_pdf.exporter import PdfExporter, PdfOptions

__all__ = ["PdfExporter", "PdfOptions", "khuonha_register_exporters"]


@hookimpl
def khuonha_register_exporters() -> list[Exporter[Any]]:
    """Register the ``pdf`` exporter."""
    return [PdfExporter()]
