"""Benchmark of the pdf exporter: a province's ~200-page report, pages per second.

Run on demand (never collected by pytest)::

    uv run python benchmarks/bench_pdf.py [communes]

It renders :func:`khuonha_pdf.testing.province_dataset` (120 communes by
default) with the exporter, then draws the same table rows with plain
reportlab (one ``Table`` of ``Paragraph`` cells per section, the same fonts,
no heading, chart, events or lazy layout) as a baseline, and prints pages
per second and the peak resident size for both.
"""

from __future__ import annotations

import io
import resource
import sys
import time
from typing import Any
from xml.sax.saxutils import escape

import pypdf
from khuonha_pdf import PdfExporter, PdfOptions
from khuonha_pdf._fonts import REGULAR, register_fonts
from khuonha_pdf.testing import province_dataset
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

import khuonha


def _pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def exporter_pdf(ds: khuonha.Dataset) -> bytes:
    """The report as the exporter writes it."""
    out = io.BytesIO()
    PdfExporter().write(ds, out, PdfOptions())
    return out.getvalue()


def direct_pdf(ds: khuonha.Dataset) -> bytes:
    """The same table rows drawn with reportlab directly: the baseline."""
    register_fonts()
    style = ParagraphStyle(
        "cell", fontName=REGULAR, bulletFontName=REGULAR, fontSize=10, leading=12.5
    )
    names = {o.id: o.name for o in ds.organizations}
    names.update({p.id: p.label for p in ds.posts})

    def cell(text: Any) -> Paragraph:
        return Paragraph(escape(str(text or "")), style)

    sections = [
        [
            [
                cell(i),
                cell(a.kind_label),
                cell(khuonha.format_quantity(a.quantity)),
                cell(names.get(a.actor or "")),
                cell(a.channel),
            ]
            for i, a in enumerate(ds.activities, 1)
        ],
        [
            [
                cell(i),
                cell(c.unit_type.value),
                cell(c.count.unit if c.count else c.unit),
                cell(c.result.value),
                cell(c.count.total if c.count else ""),
                cell(c.as_of),
            ]
            for i, c in enumerate(ds.certifications, 1)
        ],
        [
            [
                cell(i),
                cell(w.title),
                cell(names.get(w.issuer or "") or w.issuer_text),
                cell(w.presenter_text),
                cell(w.collectives),
                cell(w.individuals),
                cell(w.reason),
            ]
            for i, w in enumerate(ds.awards, 1)
        ],
        [
            [cell(i), cell(g.kind.value), cell(g.description), cell(g.coverage)]
            for i, g in enumerate(ds.groups, 1)
        ],
    ]
    width = A4[0] - 50 * mm
    story = []
    for rows in sections:
        columns = len(rows[0])
        table = Table(rows, colWidths=[width / columns] * columns, repeatRows=0)
        table.setStyle(
            TableStyle(
                [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
            )
        )
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        invariant=1,
        initialFontName=REGULAR,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
    ).build(story)
    return out.getvalue()


def main() -> None:
    """Render both ways and print pages per second."""
    communes = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    ds = province_dataset(communes)
    exporter_pdf(province_dataset(1))  # warm up: imports, font registration
    for label, render in (("khuonha-pdf", exporter_pdf), ("reportlab direct", direct_pdf)):
        start = time.perf_counter()
        data = render(ds)
        seconds = time.perf_counter() - start
        pages = _pages(data)
        print(
            f"{label:17} {communes} communes: {pages:4d} pages in {seconds:6.2f} s = "
            f"{pages / seconds:6.1f} pages/s, {len(data) / 1024:7.0f} KiB, "
            f"peak RSS so far {_rss_mib():6.1f} MiB"
        )


if __name__ == "__main__":
    main()
