"""The assessment section: each unit's result against "An toàn về an ninh, trật tự", with reasons.

When the dataset carries evidence, the report assesses it (:func:`khuonha.assess_dataset`)
and lists, per unit, its result, the criteria not met or not known with their
reasons (the fraction of sub-units rated, a missing team rating …), and the
procedure findings of Điều 9–10 (documents missing from a dossier, deadlines
passed, who recognises the unit), in the report's language.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import Flowable, Paragraph

import khuonha
from khuonha import Assessment, Finding, FindingStatus, WordTable
from khuonha_pdf._context import Context, sentence
from khuonha_pdf._sections import _heading as heading
from khuonha_pdf._sections import _widths as widths

__all__ = ["assessment_section"]

WORDS = WordTable(
    {
        "s_assessment": (
            "Đánh giá theo tiêu chuẩn “An toàn về an ninh, trật tự”",
            "Assessment against the standard “Safe in security and order”",
        ),
        "col_findings": ("Tiêu chí chưa đạt hoặc chưa rõ", "Criteria not met or not known"),
        "col_procedure": ("Thủ tục (Điều 9–10)", "Procedure (Articles 9–10)"),
        "all_met": ("Đạt mọi tiêu chí.", "Every criterion met."),
        "no_gap": ("Không có thiếu sót.", "Nothing missing."),
        "cannot": ("Không đánh giá được", "Could not be assessed"),
    }
)

_OPEN = (FindingStatus.NOT_MET, FindingStatus.UNKNOWN)


def _reason(ctx: Context, finding: Finding) -> str:
    text = finding.reason_vi if not ctx.labels.en and finding.reason_vi else finding.reason
    return f"{finding.clause}: {text}"


def _unit_name(ctx: Context, assessment: Assessment) -> str:
    record = ctx.record(assessment.unit)
    name = getattr(record, "name", None)
    return f"{name} ({assessment.cycle})" if name else f"{assessment.unit} ({assessment.cycle})"


def _rows(ctx: Context, found: tuple[Assessment, ...]) -> Iterator[list[Paragraph]]:
    lang = ctx.labels.language
    for i, a in enumerate(found, start=1):
        open_findings = [f for f in a.findings if f.status in _OPEN]
        gaps = [f for f in a.procedure if f.status in _OPEN]
        if a.reason:
            criteria = (a.reason_vi if not ctx.labels.en and a.reason_vi else a.reason) or ""
        else:
            criteria = "; ".join(_reason(ctx, f) for f in open_findings) or WORDS("all_met", lang)
        procedure = "; ".join(_reason(ctx, f) for f in gaps) or WORDS("no_gap", lang)
        yield [
            ctx.cell(i, center=True),
            ctx.cell(sentence(_unit_name(ctx, a))),
            ctx.cell(ctx.labels.of(a.unit_type)),
            ctx.cell(ctx.labels.of(a.result), center=True),
            ctx.cell(sentence(criteria)),
            ctx.cell(sentence(procedure)),
        ]


def assessment_section(ctx: Context, number: str) -> list[Flowable]:
    """Each assessed unit: result, open criteria with reasons, procedure gaps."""
    if not ctx.ds.evidence:
        return []
    lb = ctx.labels
    lang = lb.language
    try:
        found = khuonha.assess_dataset(ctx.ds)
    except khuonha.KhuonhaError as exc:  # evidence the rules cannot take: say so, do not guess
        return [
            heading(ctx, number, WORDS("s_assessment", lang)),
            ctx.para(f"{WORDS('cannot', lang)}: {exc}"),
        ]
    if not found:
        return []
    header = [
        lb["col_no"],
        lb["col_unit"],
        lb["col_unit_type"],
        lb["col_result"],
        WORDS("col_findings", lang),
        WORDS("col_procedure", lang),
    ]
    return [
        ctx.table(
            header,
            _rows(ctx, found),
            widths(0.18, 0.15, 0.1, 0.32, 0.25),
            lead=[heading(ctx, number, WORDS("s_assessment", lang))],
        )
    ]
