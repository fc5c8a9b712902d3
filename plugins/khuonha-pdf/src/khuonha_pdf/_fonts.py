"""The report's fonts: Source Serif Pro (SIL OFL 1.1), regular and bold.

The TrueType files come from the ``font-source-serif-pro`` package, never
from the system, and are registered with reportlab once per process. Both
faces cover every Vietnamese letter (the tests check their cmaps); the
italic face does not, so the report uses none.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Final

__all__ = [
    "BOLD",
    "REGULAR",
    "font_files",
    "register_fonts",
    "supported_characters",
    "vietnamese_letters",
]

#: reportlab names of the registered faces.
REGULAR: Final = "KhuonhaSerif"
BOLD: Final = "KhuonhaSerif-Bold"

_FILES: Final = {REGULAR: "SourceSerifPro-Regular.ttf", BOLD: "SourceSerifPro-Bold.ttf"}

_VOWELS: Final = "aăâeêioôơuưy"
_TONES: Final = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def font_files() -> dict[str, Path]:
    """The TrueType file of each face, by reportlab name."""
    import font_source_serif_pro  # noqa: PLC0415

    directory = Path(font_source_serif_pro.font_directory)
    return {name: directory / filename for name, filename in _FILES.items()}


@cache
def register_fonts() -> tuple[str, str]:
    """Register the faces and their family with reportlab; return (regular, bold)."""
    from reportlab.lib.fonts import addMapping  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    for name, path in font_files().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> in paragraph markup must resolve to these faces, never to Helvetica.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
    return REGULAR, BOLD


@cache
def supported_characters() -> frozenset[str]:
    """The characters both faces can draw (their cmaps' common part)."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415

    register_fonts()
    maps = [pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD)]
    common = set(maps[0]).intersection(*maps[1:])
    return frozenset(chr(code) for code in common if maps[0][code] != 0)


def vietnamese_letters() -> frozenset[str]:
    """The 146 letters of Vietnamese writing (NFC): 12 vowels × 6 tones × 2 cases, đ, Đ.

    >>> len(vietnamese_letters())
    146
    """
    letters = {"đ", "Đ"}
    for vowel in _VOWELS:
        for tone in _TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            letters.update((letter, letter.upper()))
    return frozenset(letters)
