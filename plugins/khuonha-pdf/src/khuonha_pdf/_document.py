"""The parts of Nghị định 30/2020/NĐ-CP around the report's body, from ``Dataset.document``.

- the number line under the issuing body: "Số: 05/BC-BCĐ", and for a draft
  (no number in the data) "Số:" with a blank to fill in by hand before "/BC-BCĐ";
- the superior body above the issuing body;
- at the end, side by side: "Nơi nhận:" with one "- …;" line per recipient
  and the archive line "- Lưu: VT." last, and the signature block (the
  authority mark and what is signed for, the signer's post, room for the
  signature and seal, the signer's name).

Nothing is invented: a part the data does not give is left out (or, for the
number, left blank as drafts are).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from khuonha import Organization, Person, ReportDocument, SigningAuthority
from khuonha_pdf._context import Context
from khuonha_pdf._fonts import REGULAR
from khuonha_pdf._layout import FRAME_WIDTH
from khuonha_pdf._text import MAX_LINE, markup, plain

__all__ = ["closing_block", "document_of", "number_line", "superior_body"]

#: What a draft prints in place of the number: room to write it in by hand.
BLANK_NUMBER = "\u00a0" * 10
_LEFT_COL = FRAME_WIDTH * 0.46
#: Room for the hand signature and the seal, between the post and the name.
_SIGNATURE_ROOM = 24 * mm
_EMPTY = ReportDocument()


def document_of(ctx: Context) -> ReportDocument:
    """The dataset's document metadata (an empty record when it has none)."""
    return ctx.ds.document or _EMPTY


def superior_body(ctx: Context, body: Organization | None) -> Organization | None:
    """The body printed above the issuing body: the document's, else the body's parent."""
    for ref in (document_of(ctx).superior, body.parent if body is not None else None):
        found = ctx.record(ref)
        if isinstance(found, Organization):
            return found
    return None


def number_line(ctx: Context, body: Organization | None, given: str | None) -> str:
    """The text after "Số: ": *given* (the option) when set, else from the data.

    The symbol defaults to the report's kind and the issuing body's
    abbreviation ("BC-BCĐ"); a missing number leaves a blank.
    """
    if given:
        return plain(given, MAX_LINE)
    kind = ctx.labels["report_kind"]
    abbreviation = body.abbreviation if body is not None else None
    symbol = f"{kind}-{abbreviation}" if abbreviation else kind
    text = document_of(ctx).number_line(symbol)
    if text.startswith("/"):
        text = BLANK_NUMBER + text
    return plain(text, MAX_LINE)


def _addressee_lines(ctx: Context, doc: ReportDocument) -> list[str]:
    lines = []
    for item in doc.recipients:
        name = item.name or ctx.name(item.organization)
        if not name:
            continue
        if item.purpose:
            name = f"{name} ({item.purpose})"
        lines.append(f"- {name};")
    archive = ", ".join([ctx.labels["records_office"], *doc.archived_with])
    lines.append(f"- {ctx.labels['archive']}: {archive}.")
    return lines


def _label(ctx: Context, record_id: str | None) -> str | None:
    name = ctx.name(record_id)
    return plain(name, MAX_LINE).upper() if name else None


def _signature_lines(ctx: Context, doc: ReportDocument) -> tuple[list[str], str | None]:
    """The block's upper lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the signer's name."""
    lines: list[str] = []
    post = _label(ctx, doc.signing_post)
    authority = doc.authority
    if authority is SigningAuthority.Q:
        if post:
            lines.append(f"{authority.abbreviation} {post}")
    else:
        if authority is not None:
            target = _label(ctx, doc.signing_for)
            if target:
                lines.append(f"{authority.abbreviation} {target}")
        if post:
            lines.append(post)
    signer = ctx.record(doc.signer)
    # The model refuses a private signer; the public profile's rule still decides here.
    name = ctx.person_name(signer) if isinstance(signer, Person) else None
    return lines, name


def closing_block(ctx: Context) -> list[Flowable]:
    """ "Nơi nhận" on the left and the signature block on the right, kept together."""
    st = ctx.styles
    doc = document_of(ctx)
    left: list[Flowable] = [Paragraph(markup(f"{ctx.labels['addressees']}:"), st.addressees)]
    left += [Paragraph(markup(line), st.addressee) for line in _addressee_lines(ctx, doc)]
    lines, name = _signature_lines(ctx, doc)
    right: list[Flowable] = [Paragraph(markup(line), st.sign_authority) for line in lines]
    if name:
        right += [Spacer(1, _SIGNATURE_ROOM), Paragraph(markup(name), st.signer)]
    if not right:
        right.append(Spacer(1, 1))
    table = Table(
        [[left, right]],
        colWidths=[_LEFT_COL, FRAME_WIDTH - _LEFT_COL],
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # never reportlab's Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [KeepTogether([Spacer(1, 8 * mm), table])]
