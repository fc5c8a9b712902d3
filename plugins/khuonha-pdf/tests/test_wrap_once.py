"""Cells break their lines once per width: the output is byte for byte the plain path's."""

from __future__ import annotations

import io

import pytest
from khuonha_pdf import PdfExporter, PdfOptions
from khuonha_pdf import _lazy as lazy
from khuonha_pdf.testing import province_dataset


def _render() -> bytes:
    out = io.BytesIO()
    PdfExporter().write(province_dataset(3), out, PdfOptions())
    return out.getvalue()


def test_wrapping_once_per_width_changes_no_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cached layout of a cell gives the same PDF as laying it out every time."""
    fast = _render()
    monkeypatch.setattr(lazy, "WRAP_ONCE", False)
    assert _render() == fast


def test_a_cell_is_laid_out_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking a cell's size again at the same width does not break its lines again."""
    from reportlab.lib.styles import ParagraphStyle

    calls = []
    cell = lazy.Cell(
        "Khuôn Hà tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc", ParagraphStyle("c")
    )
    original = cell.breakLines
    monkeypatch.setattr(cell, "breakLines", lambda widths: calls.append(widths) or original(widths))
    first = cell.wrap(100, 1000)
    assert cell.wrap(100, 50) == first
    assert len(calls) == 1
    cell.wrap(80, 1000)
    assert len(calls) == 2
