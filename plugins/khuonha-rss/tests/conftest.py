"""Fixtures of the khuonha-rss tests: rendering, parsing and golden files.

Golden files live in ``golden/`` next to this file and hold the feeds *after
parsing* (a normalised element tree as JSON), so a feedgenerator or lxml
release that changes whitespace, attribute order or the order of an item's
child elements does not break them; a change of content does. Regenerate
them with ``uv run pytest plugins/khuonha-rss --update-goldens`` (the switch
khuonha's pytest plugin adds for every plugin).
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from khuonha_rss import AtomExporter, RssExporter
from lxml import etree

import khuonha
from khuonha.plugins.exporter import Exporter

GOLDEN = Path(__file__).parent / "golden"
# Elements whose document order is content (the feed's item order).
_ORDERED = {"item", "{http://www.w3.org/2005/Atom}entry"}


def render_feed(exporter: Exporter[Any], obj: object, **options: Any) -> bytes:
    """Render *obj* with *exporter* and *options* (plain JSON values) to bytes.

    Through the host (:func:`khuonha.export`), which redacts public exports,
    as every user's export goes.
    """
    out = io.BytesIO()
    khuonha.export(obj, exporter, out, options)
    return out.getvalue()


def normalise(data: bytes) -> dict[str, Any]:
    """Parse a feed with lxml into a structure that ignores formatting.

    Text is stripped and NFC; attributes are a sorted mapping; an element's
    children are sorted, except items and entries, which keep their order.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return _node(etree.fromstring(data, parser=parser))


def _node(el: Any) -> dict[str, Any]:
    children = [_node(child) for child in el]
    keyed = sorted(
        (c for c in children if c["tag"] not in _ORDERED),
        key=lambda c: json.dumps(c, sort_keys=True, ensure_ascii=False),
    )
    return {
        "tag": el.tag,
        "attrib": dict(sorted(el.attrib.items())),
        "text": unicodedata.normalize("NFC", (el.text or "").strip()),
        "children": keyed + [c for c in children if c["tag"] in _ORDERED],
    }


@pytest.fixture(scope="session")
def rss() -> RssExporter:
    """The RSS 2.0 exporter."""
    return RssExporter()


@pytest.fixture(scope="session")
def atom() -> AtomExporter:
    """The Atom 1.0 exporter."""
    return AtomExporter()


@pytest.fixture(scope="session")
def render() -> Callable[..., bytes]:
    """``render(exporter, obj, **options) -> bytes``."""
    return render_feed


@pytest.fixture(scope="session")
def golden(update_goldens: bool) -> Callable[[str, bytes], None]:
    """``golden(name, feed_bytes)``: compare the parsed feed with ``golden/<name>.json``."""

    def check(name: str, data: bytes) -> None:
        path = GOLDEN / f"{name}.json"
        actual = normalise(data)
        if update_goldens:
            path.write_text(
                json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                encoding="utf-8",
            )
        assert path.exists(), f"no golden file {path.name}; run pytest with --update-goldens"
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert actual == expected, f"{name} differs from golden/{path.name}"

    return check
