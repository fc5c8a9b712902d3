"""Benchmark of the pdf exporter: optimised path, plain path, and reportlab directly.

Run on demand (never collected by pytest)::

    uv run python benchmarks/bench_pdf.py [communes] [--runs N]
    uv run python benchmarks/bench_pdf.py --national 0.1 --runs 3 --no-direct

It renders :func:`khuonha_pdf.testing.province_dataset` (120 communes by
default), or the synthetic national dataset at a scale, three ways,
interleaved run by run: the exporter; the exporter's plain path (the same
code with :data:`khuonha_pdf._speed.FAST` off: no cell wrapped once, no
markup parsed once, no text cleaned once), which must write the same bytes;
and the same tables drawn with reportlab directly (:func:`direct_pdf`, which
states what it leaves out). It prints the median time of each with its
min-max, pages per second and the page counts, the two ratios, and the peak
resident size.
"""

from __future__ import annotations

import argparse
import gc
import io
import resource
import statistics
import time
from typing import Any
from xml.sax.saxutils import escape

import pypdf
from khuonha_pdf import PdfExporter, PdfOptions, _speed, _text
from khuonha_pdf._fonts import BOLD, REGULAR, register_fonts
from khuonha_pdf._layout import FRAME_WIDTH
from khuonha_pdf.testing import province_dataset
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

import khuonha


def _pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def exporter_pdf(ds: khuonha.Dataset, *, fast: bool = True) -> bytes:
    """The report as the exporter writes it; *fast* off takes the plain path of the
    same code (:mod:`khuonha_pdf._speed`), which writes the same bytes."""
    _speed.FAST = fast
    _text.clear_caches()  # every run starts cold, as a fresh export does
    try:
        out = io.BytesIO()
        PdfExporter().write(ds, out, PdfOptions())
        return out.getvalue()
    finally:
        _speed.FAST = True


def direct_pdf(ds: khuonha.Dataset, *, rows_per_table: int | None = None) -> bytes:
    """The same tables drawn with reportlab directly: the baseline.

    The four tables of the report (activities, certification, awards, groups)
    with the exporter's columns, column widths, header row repeated on every
    page, grid, header shading and cell padding, and the same text in each
    cell (the labels, figures, names and notes the report prints), in the
    same fonts and margins. What it does not draw, and the exporter does: the
    NĐ 30 heading, the title, section headings, the bar chart, the events
    (prose, about a third of the pages), the named award recipients, the
    closing block ("Nơi nhận", signature) and the "Trang x/y" footer; nor does
    it clean the text (NFC, control characters, glyph coverage) or keep memory
    flat (it builds every row up front). So it does less work than the exporter.

    Each section is one ``Table`` with its header repeated, as reportlab's
    documentation builds a long table; reportlab then splits it page by page,
    measuring the rows left each time, so its cost per page grows with the
    table. *rows_per_table* cuts each section into tables of that many rows
    (each with its header) instead, which bounds that cost.
    """
    register_fonts()
    cell_style = ParagraphStyle(
        "cell", fontName=REGULAR, bulletFontName=REGULAR, fontSize=10, leading=12.5
    )
    center = ParagraphStyle("center", parent=cell_style, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=center, fontName=BOLD, bulletFontName=BOLD)
    names = {o.id: o.name for o in ds.organizations}
    names.update({p.id: p.label for p in ds.posts})
    names.update({u.id: u.name for u in ds.units})
    names.update({a.id: a.name for a in ds.areas})

    def cell(text: Any, style: ParagraphStyle = cell_style) -> Paragraph:
        return Paragraph(escape("" if text is None else str(text)), style)

    def number(i: int) -> Paragraph:
        return cell(i, center)

    def label(value: Any) -> str:
        return khuonha.label(value)

    def activity_note(a: khuonha.Activity) -> str:
        notes = []
        if a.channel:
            notes.append(f"qua {a.channel}")
        if a.jointly:
            notes.append("phối hợp thực hiện")
        if a.part_of:
            notes.append("thuộc: tuyên truyền")
        notes += [names[c] for c in a.covered if c in names]
        text = "; ".join(notes)
        return text[:1].upper() + text[1:]

    def ratio(c: khuonha.Certification) -> str:
        if c.count is None:
            return "—"
        done = khuonha.format_number(c.count.value)
        return done if c.count.total is None else f"{done}/{khuonha.format_number(c.count.total)}"

    sections = [
        (
            ["TT", "Nội dung", "Số liệu", "Đơn vị thực hiện", "Ghi chú"],
            (0.3, 0.2, 0.24, 0.26),
            [
                [
                    number(i),
                    cell(label(a)),
                    cell(khuonha.format_quantity(a.quantity), center),
                    cell(names.get(a.actor or "")),
                    cell(activity_note(a)),
                ]
                for i, a in enumerate(ds.activities, 1)
            ],
        ),
        (
            ["TT", "Loại đơn vị", "Đơn vị", "Kết quả", "Số đạt", "Thời điểm"],
            (0.22, 0.3, 0.13, 0.13, 0.22),
            [
                [
                    number(i),
                    cell(label(c.unit_type)),
                    cell(c.count.unit if c.count else names.get(c.unit or "", c.unit)),
                    cell(label(c.result), center),
                    cell(ratio(c), center),
                    cell(f"{c.as_of.day}/{c.as_of.month}/{c.as_of.year}" if c.as_of else ""),
                ]
                for i, c in enumerate(ds.certifications, 1)
            ],
        ),
        (
            ["TT", "Hình thức", "Cấp khen", "Người trao", "Tập thể", "Cá nhân", "Thành tích"],
            (0.22, 0.17, 0.17, 0.1, 0.1, 0.24),
            [
                [
                    number(i),
                    cell(w.title),
                    cell(names.get(w.issuer or "") or w.issuer_text),
                    cell(names.get(w.presenter or "") or w.presenter_text),
                    cell(w.collectives, center),
                    cell(w.individuals, center),
                    cell(w.reason),
                ]
                for i, w in enumerate(ds.awards, 1)
            ],
        ),
        (
            ["TT", "Loại", "Tên, mô tả", "Nơi", "Số lượng", "Phạm vi"],
            (0.16, 0.32, 0.18, 0.12, 0.22),
            [
                [
                    number(i),
                    cell(label(g.kind)),
                    cell(g.name or g.description),
                    cell(names.get(g.host or "") or names.get(g.unit or "")),
                    cell(khuonha.format_quantity(g.count) if g.count else "—", center),
                    cell(g.coverage),
                ]
                for i, g in enumerate(ds.groups, 1)
            ],
        ),
    ]
    story = []
    for header, fractions, all_rows in sections:
        step = rows_per_table or max(len(all_rows), 1)
        for start in range(0, len(all_rows), step):
            story.append(_table(header, fractions, all_rows[start : start + step], cell, head))
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        invariant=1,
        initialFontName=REGULAR,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    ).build(story)
    return out.getvalue()


def _table(
    header: list[str],
    fractions: tuple[float, ...],
    rows: list[list[Paragraph]],
    cell: Any,
    head: ParagraphStyle,
) -> Table:
    rest = FRAME_WIDTH - 24.0
    widths = [24.0, *(rest * f for f in fractions)]
    table = Table(
        [[cell(h, head) for h in header], *rows],
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _dataset(args: argparse.Namespace) -> khuonha.Dataset:
    if args.national is not None:
        from khuonha.testing.national import national_dataset

        return national_dataset(seed=0, scale=args.national)
    return province_dataset(args.communes)


def main() -> None:
    """Render the optimised path, the plain path and the baseline, interleaved."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("communes", nargs="?", type=int, default=120)
    parser.add_argument(
        "--national", type=float, metavar="SCALE", help="the national dataset at SCALE (0.1)"
    )
    parser.add_argument("--runs", type=int, default=3, help="rounds of the three (default 3)")
    parser.add_argument("--no-direct", action="store_true", help="skip the reportlab baseline")
    args = parser.parse_args()
    ds = _dataset(args)
    exporter_pdf(province_dataset(1))  # warm up: imports, font registration
    direct_pdf(province_dataset(1))
    renders: dict[str, Any] = {
        "khuonha-pdf": exporter_pdf,
        "khuonha-pdf plain path": lambda d: exporter_pdf(d, fast=False),
    }
    if not args.no_direct:
        renders["reportlab direct"] = direct_pdf
    times: dict[str, list[float]] = {name: [] for name in renders}
    outputs: dict[str, bytes] = {}
    for _ in range(args.runs):  # interleaved, so a change in the machine's load hits all
        for name, render in renders.items():
            gc.collect()
            start = time.perf_counter()
            outputs[name] = render(ds)
            times[name].append(time.perf_counter() - start)
    what = (
        f"national x{args.national}" if args.national is not None else f"{args.communes} communes"
    )
    for name, runs in times.items():
        med = statistics.median(runs)
        pages = _pages(outputs[name])
        print(
            f"{name:23} {what}: {pages:5d} pages, median {med:7.2f} s "
            f"(min {min(runs):.2f}, max {max(runs):.2f}, {len(runs)} runs) = "
            f"{pages / med:6.1f} pages/s, {len(outputs[name]) / 1024:8.0f} KiB"
        )
    fast = statistics.median(times["khuonha-pdf"])
    plain = statistics.median(times["khuonha-pdf plain path"])
    same = outputs["khuonha-pdf"] == outputs["khuonha-pdf plain path"]
    print(f"plain path / optimised: {plain / fast:.2f}x; same bytes: {same}")
    if "reportlab direct" in times:
        direct = statistics.median(times["reportlab direct"])
        print(f"optimised / reportlab direct (total time): {fast / direct:.2f}")
    print(f"peak RSS {_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
