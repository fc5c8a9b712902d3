"""The report's story: the NĐ 30 heading, the title, then one section per kind of data."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table, TableStyle

from khuonha import Organization
from khuonha_pdf._assessment import assessment_section
from khuonha_pdf._context import Context
from khuonha_pdf._document import closing_block, number_line, superior_body
from khuonha_pdf._fonts import BOLD, REGULAR
from khuonha_pdf._format import format_period, place_date
from khuonha_pdf._layout import FRAME_WIDTH, ObliqueLine
from khuonha_pdf._sections import (
    activities_section,
    awards_section,
    certification_section,
    events_section,
    groups_section,
    people_section,
)
from khuonha_pdf._text import MAX_LINE, markup, plain

__all__ = ["build_story", "report_subject", "reporting_body"]

_LEFT_COL = FRAME_WIDTH * 0.42


def reporting_body(ctx: Context) -> Organization | None:
    """The body that reports: the dataset's reporting organisation, else its publisher."""
    for ref in (ctx.ds.reporting_organization, ctx.ds.publisher):
        found = ctx.record(ref)
        if isinstance(found, Organization):
            return found
    return None


def report_subject(ctx: Context, subject: str | None) -> str:
    """The subject under "BÁO CÁO": given in the options, else the movement and the period."""
    if subject:
        return plain(subject, MAX_LINE)
    text = ctx.labels["subject"]
    if ctx.ds.period is not None:
        text = f"{text} {format_period(ctx.ds.period, ctx.labels)}"
    return plain(text, MAX_LINE)


def _place(ctx: Context) -> str | None:
    commune = ctx.record(ctx.ds.commune)
    if commune is None:
        body = reporting_body(ctx)
        commune = ctx.record(body.unit) if body is not None else None
    name = getattr(commune, "name", None)
    return plain(name, MAX_LINE) if name else None


def _heading(ctx: Context, document_number: str | None) -> Table:
    st = ctx.styles
    left: list[Flowable] = []
    body = reporting_body(ctx)
    superior = superior_body(ctx, body)
    if superior is not None:
        left.append(Paragraph(markup(superior.name.upper(), MAX_LINE), st.head_parent))
    if body is not None:
        left.append(Paragraph(markup(body.name.upper(), MAX_LINE), st.head_org))
        left.append(
            HRFlowable(
                width="35%",
                thickness=0.6,
                color=colors.black,
                spaceBefore=2,
                spaceAfter=2,
                hAlign="CENTER",
            )
        )
    # Always printed: a draft (no number in the data) keeps the blank before "/BC-…".
    number = f"{ctx.labels['number']}: {number_line(ctx, body, document_number)}"
    left.append(Paragraph(markup(number), st.head_number))

    motto = ctx.labels["motto"]
    motto_width = stringWidth(motto, BOLD, st.motto.fontSize)
    right: list[Flowable] = [
        Paragraph(markup(ctx.labels["republic"]), st.republic),
        Paragraph(markup(motto), st.motto),
        HRFlowable(
            width=motto_width,
            thickness=0.6,
            color=colors.black,
            spaceBefore=3,
            spaceAfter=8,
            hAlign="CENTER",
        ),
        ObliqueLine(place_date(_place(ctx), ctx.ds.report_date, ctx.labels), st.place_date),
    ]
    table = Table(
        [[left, right]],
        colWidths=[_LEFT_COL, FRAME_WIDTH - _LEFT_COL],
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def build_story(
    ctx: Context, *, subject: str | None, document_number: str | None
) -> list[Flowable]:
    """Every flowable of the report, in order."""
    st = ctx.styles
    story: list[Flowable] = [
        _heading(ctx, document_number),
        Paragraph(markup(ctx.labels["report"]), st.title),
        Paragraph(markup(report_subject(ctx, subject)), st.subject),
        HRFlowable(
            width="25%",
            thickness=0.6,
            color=colors.black,
            spaceBefore=3,
            spaceAfter=10 * mm / 2,
            hAlign="CENTER",
        ),
    ]
    sections: list[Callable[[Context, str], list[Flowable]]] = [
        activities_section,
        certification_section,
        assessment_section,
        events_section,
        awards_section,
        groups_section,
    ]
    if ctx.internal:
        sections.append(people_section)
    number = 0
    for section in sections:
        flowables = section(ctx, ctx.labels.roman(number))
        if flowables:
            story.extend(flowables)
            number += 1
    story.extend(closing_block(ctx))
    return story
