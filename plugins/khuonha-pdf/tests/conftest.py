"""Fixtures of the khuonha-pdf tests: rendering, text extraction, golden files.

Golden files live in ``golden/``: the sample's extracted text and page 1 as
PNG. Regenerate them with ``uv run pytest --update-goldens
plugins/khuonha-pdf``. The PNG is compared loosely (same size, small mean
pixel difference), since rasterisers differ slightly between versions.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from khuonha_pdf import PdfExporter

import khuonha

GOLDEN = Path(__file__).parent / "golden"

Render = Callable[..., bytes]
ReadText = Callable[[bytes], str]


def render_pdf(obj: object, **options: Any) -> bytes:
    """Render *obj* with the pdf exporter and *options* (plain JSON values).

    Through the host (:func:`khuonha.export`), which redacts public exports.
    """
    out = io.BytesIO()
    khuonha.export(obj, PdfExporter(), out, options)
    return out.getvalue()


def extract_text(data: bytes) -> str:
    """The text of every page, extracted by pypdf (strict parsing), pages joined by newlines."""
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """*text* with every run of whitespace (line breaks included) made one space."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def render() -> Render:
    """``render(obj, **options) -> bytes``."""
    return render_pdf


@pytest.fixture(scope="session")
def read_text() -> ReadText:
    """``read_text(pdf_bytes) -> str``: pypdf's text extraction."""
    return extract_text


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    """The bundled sample as a PDF (default options)."""
    return render_pdf(khuonha.sample())


@pytest.fixture(scope="session")
def sample_text(sample_pdf: bytes) -> str:
    """The sample PDF's extracted text, whitespace squashed."""
    text = extract_text(sample_pdf)
    assert unicodedata.is_normalized("NFC", text)
    return squash(text)
