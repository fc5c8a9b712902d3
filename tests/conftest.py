"""Fixtures for the robustness tests: read any exporter's output back with the format's parser."""

from __future__ import annotations

import html
import io
import json
from collections.abc import Callable

import pytest

#: Reads an exporter's output back: ``(exporter name, bytes) -> the text a reader sees``.
#: Raises when the bytes are not a valid file of that format.
ReadBack = Callable[[str, bytes], str]


def _json(data: bytes) -> str:
    return json.dumps(json.loads(data), ensure_ascii=False)


def _jsonl(data: bytes) -> str:
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == "", "JSON Lines output must end with a newline"
    return "\n".join(json.dumps(json.loads(line), ensure_ascii=False) for line in lines[:-1])


def _feed(data: bytes) -> str:
    from lxml import etree  # type: ignore[import-untyped]

    # Never resolve entities or touch the network, even for our own output.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser=parser)
    if len(data) < 5_000_000:  # feedparser is slow on huge feeds; lxml has checked them
        import feedparser

        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
    # Summaries are escaped HTML: what a reader sees is the unescaped text.
    return html.unescape("\n".join(root.itertext()))


def _ics(data: bytes) -> str:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    parts: list[str] = []
    for component in calendar.walk():
        for value in component.values():
            items = value if isinstance(value, list) else [value]
            parts.extend(str(item) for item in items)
    return "\n".join(parts)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=True)
    texts = [page.extract_text() or "" for page in reader.pages]
    meta: dict[str, object] = dict(reader.metadata or {})
    texts.extend(str(value) for value in meta.values())
    return "\n".join(texts)


def _xlsx(data: bytes) -> str:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    cells: list[str] = []
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            cells.extend(str(value) for value in row if value not in (None, ""))
    return "\n".join(cells)


_READERS: dict[str, Callable[[bytes], str]] = {
    "json": _json,
    "jsonl": _jsonl,
    "rss": _feed,
    "atom": _feed,
    "ics": _ics,
    "pdf": _pdf,
    "xlsx": _xlsx,
}


def read_back(name: str, data: bytes) -> str:
    """The text of *data*, parsed as exporter *name*'s format (any other: non-empty bytes)."""
    assert data, f"{name}: empty output"
    reader = _READERS.get(name)
    if reader is None:
        return data.decode("utf-8", "replace")
    return reader(data)


@pytest.fixture(scope="session")
def parse_output() -> ReadBack:
    """Parse an exporter's output with its format's own parser (session-scoped for hypothesis)."""
    return read_back
