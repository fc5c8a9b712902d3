"""The ``docx`` reader: a Word report's paragraphs, read from the zip container with limits."""

from __future__ import annotations

import io
import zipfile
from typing import Any, BinaryIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

import khuonha
from khuonha import DecodeError, Importer
from khuonha_extract._common import ReaderOptions, draft, read_limited

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_XML_BYTES", "DocxImporter", "docx_text"]

#: At most this many entries in the container.
MAX_ENTRIES = 2000
#: At most this many bytes of ``word/document.xml`` (unpacked).
MAX_XML_BYTES = 50_000_000
#: At most this ratio of unpacked to packed size (a zip bomb goes far past it).
MAX_RATIO = 100

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def _part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise DecodeError([f"$: {name} unpacks to {info.file_size} bytes, more than {limit}"])
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise DecodeError(
            [f"$: {name} unpacks to {info.file_size // info.compress_size} times its packed "
             f"size (at most {MAX_RATIO}): refused as a zip bomb"]
        )  # fmt: skip
    with archive.open(info) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise DecodeError([f"$: {name} unpacks to more than {limit} bytes"])
    return data


def _xml(data: bytes, name: str) -> Any:
    """*data* parsed by defusedxml: a DTD, any entity or an external reference is refused."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise DecodeError([f"$: {name} declares a DTD, which a Word document never does"]) from None
    except ParseError as exc:
        raise DecodeError([f"$: {name} is not well-formed XML: {exc}"]) from None


_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})


def _paragraph(p: Any) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in _BREAKS:
            parts.append("\n")
    return "".join(parts).strip()


def _cell(tc: Any) -> str:
    """A table cell's text on one line (its paragraphs and nested tables, in order)."""
    return " ".join(" ".join(_paragraph(p).split()) for p in tc.iter(f"{_W}p")).strip()


def _blocks(parent: Any) -> list[str]:
    """The document's paragraphs in order; a table gives one line per row, its cells
    joined by " | " ("1 | Tổ tự quản | 24"), so a row's figures stay with their label."""
    out: list[str] = []
    for node in parent:
        if node.tag == f"{_W}p":
            out.append(_paragraph(node))
        elif node.tag == f"{_W}tbl":
            rows = []
            for tr in node.iter(f"{_W}tr"):
                cells = [_cell(tc) for tc in tr if tc.tag == f"{_W}tc"]
                if any(cells):
                    rows.append(" | ".join(cells))
            out.append("\n".join(rows))
        elif node.tag == f"{_W}sdt":  # a content control: its paragraphs and tables inside
            content = node.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(_blocks(content))
    return out


def docx_text(data: bytes) -> tuple[str, str | None]:
    """The paragraphs of a Word document (tables included, in order) and its title property."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise DecodeError(["$: not a .docx document (not a zip container)"]) from None
    with archive:
        if len(archive.infolist()) > MAX_ENTRIES:
            raise DecodeError([f"$: the container has more than {MAX_ENTRIES} entries"])
        document = _part(archive, "word/document.xml", MAX_XML_BYTES)
        if document is None:
            raise DecodeError(["$: not a .docx document (no word/document.xml)"])
        root = _xml(document, "word/document.xml")
        core = _part(archive, "docProps/core.xml", 1_000_000)
        title = None
        if core is not None:
            found = _xml(core, "docProps/core.xml").find(f"{_DC}title")
            if found is not None and found.text and found.text.strip():
                title = " ".join(found.text.split())
    body = root.find(f"{_W}body")
    blocks = _blocks(root if body is None else body)
    text = "\n\n".join(b for b in blocks if b)
    if not text.strip():
        raise DecodeError(["$: the document has no text"])
    return text, title


class DocxImporter(Importer):
    """A Word report (.docx), its paragraphs read into a draft dataset to review."""

    name = "docx"
    description = "A Word report (.docx): its paragraphs read into a draft dataset to review"
    media_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
    suffixes = (".docx",)
    options_type = ReaderOptions

    def read(self, stream: BinaryIO, options: Any) -> khuonha.Dataset:
        """Read the document's paragraphs and extract their records."""
        text, title = docx_text(read_limited(stream, "document"))
        return draft(text, options, title=title)
