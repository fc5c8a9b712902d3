"""The optimised path writes the same bytes as the plain path of the same code (``_speed.FAST``)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from khuonha_pdf import PdfExporter, _speed, _text
from khuonha_pdf import _lazy as lazy
from khuonha_pdf.testing import province_dataset
from reportlab.lib.styles import ParagraphStyle

import khuonha
from khuonha.testing import hostile


def _render(ds: khuonha.Dataset, **options: Any) -> bytes:
    _text.clear_caches()
    out = io.BytesIO()
    exporter = PdfExporter()
    exporter.write(ds, out, exporter.parse_options(options))
    return out.getvalue()


CASES = {
    "sample": (khuonha.sample, {}),
    "province": (lambda: province_dataset(3), {}),
    "english": (khuonha.sample, {"language": "en"}),
    "internal": (khuonha.sample, {"internal": True}),
    "hostile": (hostile.hostile_dataset, {}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_both_paths_write_the_same_bytes(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrapping once, parsing once and cleaning once change no byte of the PDF."""
    make, options = CASES[case]
    ds = make()
    fast = _render(ds, **options)
    monkeypatch.setattr(_speed, "FAST", False)
    plain = _render(ds, **options)
    assert plain == fast
    assert plain.startswith(b"%PDF-")


def test_a_cell_is_laid_out_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking a cell's size again at the same width does not break its lines again."""
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
    monkeypatch.setattr(_speed, "FAST", False)
    cell.wrap(80, 1000)
    assert len(calls) == 3  # the plain path breaks the lines every time


def test_markup_is_parsed_once_per_text_and_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells of one text and style share the parse and, when short, the line breaks."""
    parsed = lazy.Parsed()
    style = ParagraphStyle("c")
    first = parsed.make(lazy.Cell, "Công an xã Khuôn Hà", style)
    second = parsed.make(lazy.Cell, "Công an xã Khuôn Hà", style)
    assert first is not second
    assert [f.text for f in first.frags] == [f.text for f in second.frags]
    assert first.frags[0] is second.frags[0]
    calls = []
    original = second.breakLines
    monkeypatch.setattr(second, "breakLines", lambda w: calls.append(w) or original(w))
    assert first.wrap(120, 1000) == second.wrap(120, 1000)
    assert calls == []  # the second cell took the first one's lines
    other = parsed.make(lazy.Cell, "Công an xã Khuôn Hà", ParagraphStyle("d", fontSize=14))
    assert other.frags[0] is not first.frags[0]


def test_the_plain_path_parses_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_speed, "FAST", False)
    parsed = lazy.Parsed()
    style = ParagraphStyle("c")
    a = parsed.make(lazy.Cell, "Đạt", style)
    b = parsed.make(lazy.Cell, "Đạt", style)
    assert a.frags[0] is not b.frags[0]
