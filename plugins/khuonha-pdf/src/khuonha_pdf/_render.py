"""Render a dataset: fonts, context, story, document."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from reportlab.platypus.doctemplate import LayoutError

from khuonha import Dataset, ExportError
from khuonha_pdf._context import Context
from khuonha_pdf._fonts import register_fonts
from khuonha_pdf._labels import labels_for
from khuonha_pdf._layout import build_document
from khuonha_pdf._story import build_story, report_subject, reporting_body
from khuonha_pdf._text import MAX_LINE, plain

if TYPE_CHECKING:
    from khuonha_pdf.exporter import PdfOptions

__all__ = ["render"]


def render(ds: Dataset, stream: BinaryIO, options: PdfOptions, *, created: date) -> None:
    """Write *ds* as the PDF report to *stream*."""
    register_fonts()
    labels = labels_for(options.language)
    ctx = Context(ds, labels, internal=options.internal)
    subject = report_subject(ctx, options.subject)
    body = reporting_body(ctx)
    story = build_story(ctx, subject=options.subject, document_number=options.document_number)
    try:
        build_document(
            story,
            stream,
            title=f"{labels['report'].capitalize()}: {subject}",
            author=plain(body.name, MAX_LINE) if body is not None else "",
            subject=plain(ds.title, MAX_LINE),
            keywords=ds.slug,
            created=created,
            language=labels.language.value,
            page_word=labels["page"],
            notice=labels["internal"] if options.internal else None,
        )
    except LayoutError as exc:  # pragma: no cover - a layout bug, reported as the library's error
        raise ExportError("pdf", f"layout failed: {exc}") from exc
