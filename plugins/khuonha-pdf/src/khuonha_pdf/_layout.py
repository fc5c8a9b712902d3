"""Page furniture: styles, the document template, page numbers and metadata.

Every style names its font, so reportlab never falls back to its built-in,
non-embedded Helvetica. Page numbers read "Trang x/y": the total is a form
XObject drawn on every page and defined once at the end, so nothing is
kept per page and the report is built in one pass.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import date
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate

from khuonha_pdf._fonts import BOLD, REGULAR

__all__ = ["ObliqueLine", "Styles", "build_document"]

PAGE_WIDTH, PAGE_HEIGHT = A4
# Margins of Nghị định 30/2020/NĐ-CP, Phụ lục I: left 30-35, right 15-20, top/bottom 20-25 mm.
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 20 * mm, 20 * mm, 20 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - TOP - BOTTOM
_TOTAL_FORM = "khuonhaPageTotal"


class Styles:
    """The paragraph styles of the report, each with its font set explicitly."""

    def __init__(self) -> None:
        def style(name: str, *, bold: bool = False, **kw: Any) -> ParagraphStyle:
            font = BOLD if bold else REGULAR
            kw.setdefault("fontSize", 12)
            kw.setdefault("leading", kw["fontSize"] * 1.3)
            return ParagraphStyle(
                name, fontName=font, bulletFontName=font, textColor=colors.black, **kw
            )

        self.body = style("body", alignment=TA_JUSTIFY, spaceAfter=3, firstLineIndent=10 * mm)
        self.item = style("item", alignment=TA_JUSTIFY, leftIndent=10 * mm, spaceAfter=2)
        self.item_note = style(
            "item_note", fontSize=11, alignment=TA_JUSTIFY, leftIndent=15 * mm, spaceAfter=2
        )
        self.h1 = style("h1", bold=True, fontSize=12.5, spaceBefore=10, spaceAfter=5)
        self.h2 = style(
            "h2", bold=True, fontSize=12, spaceBefore=6, spaceAfter=3, firstLineIndent=10 * mm
        )
        self.cell = style("cell", fontSize=10, leading=12.5, alignment=TA_LEFT)
        self.cell_center = style("cell_center", fontSize=10, leading=12.5, alignment=TA_CENTER)
        self.cell_head = style(
            "cell_head", bold=True, fontSize=10, leading=12.5, alignment=TA_CENTER
        )
        self.head_parent = style("head_parent", fontSize=11.5, alignment=TA_CENTER)
        self.head_org = style("head_org", bold=True, fontSize=11.5, alignment=TA_CENTER)
        self.head_number = style("head_number", fontSize=12, alignment=TA_CENTER, spaceBefore=4)
        self.republic = style("republic", bold=True, fontSize=11.5, alignment=TA_CENTER)
        self.motto = style("motto", bold=True, fontSize=12.5, alignment=TA_CENTER)
        self.place_date = style("place_date", fontSize=12, alignment=TA_CENTER)
        self.title = style("title", bold=True, fontSize=14, alignment=TA_CENTER, spaceBefore=18)
        self.subject = style("subject", bold=True, fontSize=12.5, alignment=TA_CENTER)
        # The closing block: "Nơi nhận" (12 pt heading, 11 pt list) and the signature.
        self.addressees = style("addressees", bold=True, fontSize=12, alignment=TA_LEFT)
        self.addressee = style("addressee", fontSize=11, leading=13, alignment=TA_LEFT)
        self.sign_authority = style("sign_authority", bold=True, fontSize=13, alignment=TA_CENTER)
        self.signer = style("signer", bold=True, fontSize=13, alignment=TA_CENTER)


class ObliqueLine(Flowable):  # type: ignore[misc]
    """One centred line slanted like italics (the place-and-date line of NĐ 30).

    The font has no Vietnamese italic, so the regular face is sheared. A line
    too wide for its column falls back to an upright, wrapping paragraph.
    """

    SHEAR = math.tan(math.radians(11))

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._fallback: Paragraph | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._text_width = stringWidth(self.text, self.style.fontName, self.style.fontSize)
        if self._text_width + 4 > avail_width:
            self._fallback = Paragraph(escape(self.text), self.style)
            return self._fallback.wrap(avail_width, avail_height)  # type: ignore[no-any-return]
        self._fallback = None
        self.width = avail_width
        self.height = self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._fallback is not None:
            return self._fallback.split(avail_width, avail_height)  # type: ignore[no-any-return]
        return []

    def draw(self) -> None:
        if self._fallback is not None:
            self._fallback.drawOn(self.canv, 0, 0)
            return
        canv = self.canv
        canv.saveState()
        descent = self.style.leading - self.style.fontSize
        canv.translate((self.width - self._text_width) / 2, descent)
        canv.transform(1, 0, self.SHEAR, 1, 0, 0)
        canv.setFont(self.style.fontName, self.style.fontSize)
        canv.drawString(0, 0, self.text)
        canv.restoreState()


def _pdf_date(day: date) -> str:
    return f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+07'00'"


def _make_canvas(*, created: date, page_word: str, notice: str | None) -> Callable[..., Canvas]:
    class ReportCanvas(Canvas):  # type: ignore[misc]
        """A canvas that numbers pages "Trang x/y" and dates the file from the data."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages = 0
            stamp = _pdf_date(created)
            self.setDateFormatter(lambda *_parts: stamp)
            # The file ID digest starts from a clock reading (or SOURCE_DATE_EPOCH);
            # start it from the data instead, so the bytes depend on the input only.
            self._doc.signature = hashlib.md5(
                b"khuonha-pdf " + stamp.encode(), usedforsecurity=False
            )

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages += 1
            self.saveState()
            self.setFont(REGULAR, 9)
            self.setFillColor(colors.black)
            label = f"{page_word} {self._pages}/"
            x = PAGE_WIDTH - RIGHT - stringWidth(f"{page_word} 9999/9999", REGULAR, 9)
            self.drawString(x, BOTTOM / 2, label)
            self.translate(x + stringWidth(label, REGULAR, 9), BOTTOM / 2)
            self.doForm(_TOTAL_FORM)
            self.restoreState()
            if notice:
                self.saveState()
                self.setFont(REGULAR, 9)
                self.drawString(LEFT, BOTTOM / 2, notice)
                self.restoreState()
            super().showPage()

        def save(self) -> None:
            if self._code:
                self.showPage()
            self.beginForm(_TOTAL_FORM, lowerx=0, lowery=-3, upperx=60, uppery=12)
            self.setFont(REGULAR, 9)
            self.drawString(0, 0, str(self._pages))
            self.endForm()
            super().save()

    return ReportCanvas


def build_document(
    story: list[Flowable],
    stream: BinaryIO,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    created: date,
    language: str,
    page_word: str,
    notice: str | None,
) -> None:
    """Lay *story* out on A4 pages and write the PDF to *stream*.

    The list is consumed as it is laid out, so finished flowables are freed.
    """
    doc = BaseDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        creator="khuonha-pdf",
        lang=language,
        invariant=1,
        initialFontName=REGULAR,
        pageCompression=1,
    )
    frame = Frame(
        LEFT,
        BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_make_canvas(created=created, page_word=page_word, notice=notice))
