"""Security: no XML is ever parsed with entity resolution, and nothing executes data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = [ROOT / "src", *sorted((ROOT / "plugins").glob("*/src"))]
TESTS = [ROOT / "tests", *sorted((ROOT / "plugins").glob("*/tests"))]

#: Modules that parse XML (and may resolve entities); defusedxml would be the only way in.
_XML_PARSERS = re.compile(
    r"^\s*(?:from|import)\s+(?:lxml|xml\.(?:etree|dom|sax(?!\.saxutils))|xml\.parsers|"
    r"xmlrpc|feedparser|html5lib)\b",
    re.MULTILINE,
)
#: Calls that would run data as code.
_EXECUTES = re.compile(
    r"(?<![\w.])(?:eval|exec|compile)\(|\bpickle\.loads?\(|\bmarshal\.loads\(|yaml\.load\(|"
    r"shell=True|os\.system\(|os\.popen\("
)
#: lxml parse calls; each must pass a parser.
_LXML_PARSE = re.compile(r"etree\.(?:fromstring|parse|XML)\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


#: Modules allowed to compile code: they generate it from the model classes, never from data.
# Modules that compile source they build from the models or the layout (never from data).
_CODE_GENERATORS = {
    "src/khuonha/codec/_codegen.py",
    "src/khuonha/rules/plan.py",
    "src/khuonha/text/_record.py",
    "plugins/khuonha-xlsx/src/khuonha_xlsx/_read.py",
    "plugins/khuonha-xlsx/src/khuonha_xlsx/_write.py",
}


def _sources(roots: list[Path]) -> list[Path]:
    return sorted(p for root in roots for p in root.rglob("*.py"))


@pytest.mark.parametrize("path", _sources(LIBRARY), ids=lambda p: str(p.relative_to(ROOT)))
def test_library_reads_no_xml_and_runs_no_data(path: Path) -> None:
    """The library and plugins import no XML parser (they only write XML) and never eval data."""
    source = path.read_text("utf-8")
    assert _XML_PARSERS.search(source) is None, "read XML through defusedxml, if ever"
    if str(path.relative_to(ROOT)) not in _CODE_GENERATORS:
        assert _EXECUTES.search(source) is None


def test_tests_parse_xml_without_entities() -> None:
    """Every lxml parse in the test suites passes a parser that resolves no entity."""
    unsafe = []
    for path in _sources(TESTS):
        if path == Path(__file__).resolve():
            continue
        source = path.read_text("utf-8")
        for match in _LXML_PARSE.finditer(source):
            if "parser" not in match.group(1):
                unsafe.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        if "XMLParser(" in source:
            for call in re.findall(r"XMLParser\([^)]*\)", source):
                if "resolve_entities=False" not in call or "no_network=True" not in call:
                    unsafe.append(f"{path.relative_to(ROOT)}: {call}")
    assert unsafe == []


@pytest.mark.workspace
def test_an_entity_in_the_data_stays_text() -> None:
    """An XXE payload in the data comes out of the feeds as escaped text, never an entity."""
    import io

    import attrs

    import khuonha

    payload = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;'
    ds = khuonha.sample()
    ds = attrs.evolve(ds, events=(attrs.evolve(ds.events[0], name=payload), *ds.events[1:]))
    feeds = [e.name for e in khuonha.exporters() if e.media_type.endswith("xml")]
    assert feeds  # rss and atom are installed in the workspace
    for name in feeds:
        buf = io.BytesIO()
        khuonha.export(ds, name, buf)
        assert b"<!DOCTYPE x" not in buf.getvalue()
        assert b"<!ENTITY" not in buf.getvalue()
        assert b"&lt;!DOCTYPE x" in buf.getvalue()
