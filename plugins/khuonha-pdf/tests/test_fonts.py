"""Fonts: the faces cover Vietnamese, and every font in the file is embedded."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest
from khuonha_pdf._fonts import BOLD, REGULAR, font_files, register_fonts, vietnamese_letters
from reportlab.pdfbase.ttfonts import TTFontFile

import khuonha
from khuonha.testing import hostile

BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-BoldOblique",
    "Courier-Oblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-BoldOblique",
    "Helvetica-Oblique",
    "Symbol",
    "Times-Roman",
    "Times-Bold",
    "Times-BoldItalic",
    "Times-Italic",
    "ZapfDingbats",
}


def test_vietnamese_has_146_letters() -> None:
    """12 vowels × 6 tones × 2 cases plus đ and Đ make 146 distinct NFC letters."""
    letters = vietnamese_letters()
    assert len(letters) == 146
    assert all(len(ch) == 1 and unicodedata.is_normalized("NFC", ch) for ch in letters)
    assert {"ặ", "Ặ", "ỡ", "Ữ", "ỵ", "Ỹ", "đ", "Đ", "ê", "Ơ"} <= letters


@pytest.mark.parametrize("face", [REGULAR, BOLD])
def test_font_covers_every_vietnamese_letter(face: str) -> None:
    """The TrueType file used for each face maps all 146 letters to glyphs (cmap)."""
    path = font_files()[face]
    assert path.suffix == ".ttf"
    assert "font_source_serif_pro" in path.parts
    cmap = TTFontFile(str(path)).charToGlyph
    missing = sorted(ch for ch in vietnamese_letters() if cmap.get(ord(ch), 0) == 0)
    assert missing == []


def test_registered_faces_are_the_package_files() -> None:
    """reportlab's registered faces read the files from the font package."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    for face, path in font_files().items():
        assert pdfmetrics.getFont(face).face.filename == str(path)


def _fonts(resources: Any, seen: set[int]) -> Iterator[Any]:
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for reference in (resources.get("/XObject") or {}).values():
        ref = getattr(reference, "idnum", None)
        xobject = reference.get_object()
        if ref in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(ref)
        yield from _fonts(xobject.get("/Resources"), seen)


def all_fonts(data: bytes) -> list[Any]:
    """Every font dictionary of every page and of every form it draws."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    seen: set[int] = set()
    fonts = []
    for page in reader.pages:
        fonts.extend(_fonts(page.get("/Resources"), seen))
    return fonts


def _descriptor(font: Any) -> Any:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    return font.get("/FontDescriptor")


@pytest.mark.parametrize("case", ["sample", "english", "hostile", "internal"])
def test_every_font_is_embedded(case: str) -> None:
    """Each font in the PDF embeds a TrueType program (FontFile2); none is a base-14 font."""
    from khuonha_pdf import PdfExporter

    datasets = {
        "sample": (khuonha.sample(), {}),
        "english": (khuonha.sample(), {"language": "en"}),
        "hostile": (hostile.hostile_dataset(), {}),
        "internal": (khuonha.sample(), {"internal": True}),
    }
    ds, options = datasets[case]
    exporter = PdfExporter()
    out = io.BytesIO()
    exporter.write(ds, out, exporter.parse_options(options))
    fonts = all_fonts(out.getvalue())
    assert fonts
    for font in fonts:
        name = str(font.get("/BaseFont", "")).lstrip("/")
        assert name.split("+")[-1] not in BASE_14, f"base-14 font {name}"
        assert "SourceSerifPro" in name
        descriptor = _descriptor(font)
        assert descriptor is not None, f"{name} has no font descriptor"
        assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"
