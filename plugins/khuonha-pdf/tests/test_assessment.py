"""The report shows each unit's assessment: result, reasons, dossier gaps and deadlines."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import khuonha


def _text(ds: khuonha.Dataset, language: str) -> str:
    out = io.BytesIO()
    khuonha.export(ds, "pdf", out, {"language": language})
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "vi",
            [
                "ĐÁNH GIÁ THEO TIÊU CHUẨN",
                "94,7% < 100%",
                "thiếu: Biên bản cuộc họp đánh giá",
                "quá hạn",
            ],
        ),
        (
            "en",
            ["ASSESSMENT AGAINST THE STANDARD", "94.7% < 100%", "missing: The minutes", "deadline"],
        ),
    ],
)
def test_the_report_shows_findings_and_procedure_in_its_language(
    language: str, words: list[str]
) -> None:
    """Reasons, dossier gaps and passed deadlines are printed in the report's language."""
    text = _text(khuonha.sample("assessment-demo"), language)
    for word in words:
        assert word in text, word


def test_no_evidence_no_assessment_section() -> None:
    """A dataset without evidence (the Khuôn Hà sample) gets no assessment section."""
    assert "ĐÁNH GIÁ THEO TIÊU CHUẨN" not in _text(khuonha.sample(), "vi")
