"""Private people known by one syllable or a given name never reach a publication.

The companion of ``test_personal_data.py`` for the names that are hardest to
mask: "anh Tùng", "chị Mai", "cháu Hà", "ông Tư", "đ/c Hùng", and "Tùng"
written alone as a name. They are planted in every path an exporter can
read: a record's text fields, records nested in it (a programme item, a
pledge), the dataset's report document, a news body and a provenance span
that quotes it, an award's named recipients, an event's delegates. Every
publication (``rss``, ``atom``, ``ics``, ``pdf``, and a third-party exporter
that dumps whatever it is given) must show none of them, and must keep the
ordinary words and places that share their syllables ("ngày mai", "Hà
Giang", "xã Khuôn Hà", "thứ Tư"). The archives (``json``, ``jsonl``,
``xlsx``, ``parquet``) hold personal data by design (docs/guides/privacy.md):
they must hold every name as written.
"""

from __future__ import annotations

import io
import json
import re
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import pytest

import khuonha
from khuonha import Dataset, Identifier, Person, Provenance, Recipient, RecipientKind, match_key
from khuonha.cli.main import main
from khuonha.model.documents import Addressee, ReportDocument
from khuonha.model.events import Delegate
from khuonha.plugins.privacy import PRIVATE_NAME
from khuonha.testing.plugins import FakeEntryPoint

ReadBack = Callable[[str, bytes], str]  # the parse_output fixture of conftest.py

pytestmark = pytest.mark.workspace

PUBLICATIONS = sorted(
    e.name
    for e in khuonha.exporters()
    if not getattr(e, "archive", False) and not getattr(e, "writes_directory", False)
)
ARCHIVES = sorted(
    e.name
    for e in khuonha.exporters()
    if getattr(e, "archive", False) and not getattr(e, "writes_directory", False)
)

#: Where each private name was typed, as written (the archives keep these verbatim).
TYPED = {
    "events[0].name": "Ngày hội năm 2022: thăm hỏi gia đình anh Tùng",
    "events[0].description": (
        "Chị Mai, thôn Nà Mặn, phát biểu. Ngày mai đoàn về Hà Giang, họp vào thứ Tư."
    ),
    "events[0].purpose": "biểu dương cháu Hà và các tập thể tiêu biểu",
    "events[0].programme[0].summary": "Đ/c Hùng báo cáo; ông Tư góp ý",
    "events[0].pledges[0].parties_text": "Ban công tác Mặt trận thôn Mai và gia đình ông Tư",
    "news[0].lead": "Theo Tùng, chị Mai Anh và bà Nguyễn Thị Hà cùng dự.",
    "document.recipients[0].name": "Gia đình anh Tùng, thôn 3",
    "document.archived_with[0]": "hồ sơ cháu Hà",
    "awards[0].reason": "có thành tích; ĐỒNG CHÍ HÙNG được khen",
}
#: The words a provenance span quotes from the news body.
QUOTED = "Cháu Hà (thôn 3) nhận 2 suất quà."

#: What no publication may show, matched on match keys (case and tone placement folded).
FORBIDDEN = {
    "anh Tùng": ("anh Tùng", ""),
    "Tùng": ("Tùng", ""),
    "chị Mai": ("chị Mai", "Anh"),  # "chị Mai Anh" is another person
    "cháu Hà": ("cháu Hà", ""),
    "ông Tư": ("ông Tư", ""),
    "Hùng": ("Hùng", ""),
    "a citizen id": ("001099012345", ""),
}
#: Ordinary words, places and other people's names that share those syllables: kept.
KEPT = tuple(
    match_key(words)
    for words in (
        "ngày mai",
        "Hà Giang",
        "Khuôn Hà",
        "thứ Tư",
        "thôn Mai",
        "chị Mai Anh",
        "Nguyễn Thị Hà",
    )
)


def _pattern(words: str, unless: str) -> re.Pattern[str]:
    not_before = rf"(?! {re.escape(match_key(unless))}\b)" if unless else ""
    return re.compile(rf"(?<![\w]){re.escape(match_key(words))}(?![\w]){not_before}")


PATTERNS = {what: _pattern(*words) for what, words in FORBIDDEN.items()}


def planted() -> Dataset:
    ds = khuonha.sample()
    people = (
        Person(
            id="ca-nhan-tung",
            name="Tùng",
            honorific="anh",
            private=True,
            identifiers=(Identifier(scheme="cccd", identifier="001099012345"),),
        ),
        Person(id="ca-nhan-mai", name="chị Mai", private=True),
        Person(id="ca-nhan-ha", name="Hà", private=True),
        Person(id="ca-nhan-tu", name="ông Tư", private=True),
        Person(id="ca-nhan-hung", name="Lường Văn Hùng", private=True),
    )
    event = ds.events[0]
    summary = TYPED["events[0].programme[0].summary"]
    parties = TYPED["events[0].pledges[0].parties_text"]
    programme = (attrs.evolve(event.programme[0], summary=summary),)
    pledges = (attrs.evolve(event.pledges[0], parties_text=parties),)
    event = attrs.evolve(
        event,
        name=TYPED["events[0].name"],
        description=TYPED["events[0].description"],
        purpose=TYPED["events[0].purpose"],
        programme=programme + event.programme[1:],
        pledges=pledges + event.pledges[1:],
        delegates=(*event.delegates, Delegate(person="ca-nhan-tung")),
    )
    news = ds.news[0]
    body = f"{news.body} {QUOTED}"
    news = attrs.evolve(news, lead=TYPED["news[0].lead"], body=body)
    start = body.index(QUOTED)
    span = Provenance(source=news.id, start=start, end=start + len(QUOTED), text=QUOTED)
    activity = attrs.evolve(ds.activities[0], subjects=("ca-nhan-ha",), provenance=span)
    award = attrs.evolve(
        ds.awards[0],
        reason=TYPED["awards[0].reason"],
        recipients=(
            *ds.awards[0].recipients,
            Recipient(kind=RecipientKind.CA_NHAN, person="ca-nhan-mai"),
        ),
    )
    document = ReportDocument(
        recipients=(Addressee(name=TYPED["document.recipients[0].name"], purpose="để biết"),),
        archived_with=(TYPED["document.archived_with[0]"],),
    )
    return attrs.evolve(
        ds,
        people=(*ds.people, *people),
        events=(event, *ds.events[1:]),
        news=(news, *ds.news[1:]),
        activities=(activity, *ds.activities[1:]),
        awards=(award, *ds.awards[1:]),
        document=document,
    )


def export(ds: Dataset, name: str, *, internal: bool) -> bytes:
    buf = io.BytesIO()
    khuonha.export(ds, name, buf, {"internal": internal})
    return buf.getvalue()


def seen(name: str, data: bytes, parse_output: ReadBack) -> str:
    """What a reader sees (the parsed text) and the raw bytes, as one match key."""
    raw = data.decode("utf-8", "replace").replace("\r\n ", "")  # unfold iCalendar lines
    return match_key(parse_output(name, data) + "\n" + raw)


def shown(key: str) -> list[str]:
    """The planted names (by :data:`FORBIDDEN`'s labels) that the match key *key* holds."""
    return [what for what, pattern in PATTERNS.items() if pattern.search(key)]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return planted()


@pytest.mark.parametrize("name", PUBLICATIONS)
def test_publications_show_no_short_private_name(
    name: str, dataset: Dataset, parse_output: ReadBack
) -> None:
    """rss, atom, ics, pdf: no planted name; the words that share its syllables stay."""
    public = seen(name, export(dataset, name, internal=False), parse_output)
    internal = seen(name, export(dataset, name, internal=True), parse_output)
    assert shown(public) == []
    assert shown(internal) != []  # the format does show free text: the test has teeth
    for words in KEPT:
        assert public.count(words) == internal.count(words), words


def test_every_planted_path_is_shown_by_some_publication(
    dataset: Dataset, parse_output: ReadBack
) -> None:
    """Between them, the internal exports show every planted text: the test has teeth."""
    found: set[str] = set()
    for name in PUBLICATIONS:
        key = seen(name, export(dataset, name, internal=True), parse_output)
        found |= {path for path, text in TYPED.items() if match_key(text) in key}
    assert found == set(TYPED)


@pytest.mark.parametrize("name", ARCHIVES)
def test_archives_keep_every_name_as_written(
    name: str, dataset: Dataset, parse_output: ReadBack
) -> None:
    """json, jsonl, xlsx: personal data included by design, public or internal alike."""
    text = parse_output(name, export(dataset, name, internal=False))
    for path, typed in TYPED.items():
        assert typed in text, path
    assert QUOTED in text
    assert "001099012345" in text
    assert PRIVATE_NAME not in text


def test_parquet_keeps_every_name_as_written(dataset: Dataset, tmp_path: Path) -> None:
    """parquet, an archive that writes a folder of tables, holds every name too."""
    if "parquet" not in {e.name for e in khuonha.exporters()}:
        pytest.fail("the parquet plugin is part of the workspace and must be installed")
    import pyarrow.parquet as pq

    khuonha.export(dataset, "parquet", tmp_path / "bang")
    cells = [
        str(value)
        for table in sorted((tmp_path / "bang").rglob("*.parquet"))
        for column in pq.read_table(table).to_pylist()
        for value in column.values()
    ]
    text = "\n".join(cells)
    for path, typed in TYPED.items():
        assert typed in text, path
    assert PRIVATE_NAME not in text


# -- whatever a publication is given: a third-party exporter that dumps it all --------


class Dumper(khuonha.Exporter[Any]):
    """A third-party publication that writes every field it is given, as JSON."""

    name = "dumper"
    description = "Everything, as JSON"
    media_type = "application/json"
    suffixes = (".dump",)

    def can_export(self, obj: object) -> bool:
        return isinstance(obj, Dataset)

    def write(self, obj: Any, stream: BinaryIO, options: Any) -> None:
        stream.write(khuonha.dumps(obj))


def _dumper_host() -> khuonha.PluginHost:
    module = types.ModuleType("dumper")

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        return [Dumper()]

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]
    return khuonha.PluginHost(entry_points=[FakeEntryPoint("dumper", plugin=module)], strict=True)


def test_every_path_a_publication_is_given_is_masked(dataset: Dataset) -> None:
    """Text fields, nested records, the document, the body and the span quoting it: masked."""
    host = _dumper_host()
    public, internal = io.BytesIO(), io.BytesIO()
    host.export(dataset, "dumper", public)
    host.export(dataset, "dumper", internal, {"internal": True})
    data = json.loads(public.getvalue())
    key = match_key(json.dumps(data, ensure_ascii=False))
    assert shown(key) == []
    assert set(shown(match_key(internal.getvalue().decode()))) == set(FORBIDDEN)
    for words in KEPT:
        assert words in key, words
    event, m = data["events"][0], PRIVATE_NAME
    assert event["name"] == f"Ngày hội năm 2022: thăm hỏi gia đình anh {m}"
    assert event["programme"][0]["summary"] == f"Đ/c {m} báo cáo; ông {m} góp ý"
    assert data["document"]["archived_with"] == [f"hồ sơ cháu {m}"]
    assert data["news"][0]["lead"] == f"Theo {m}, chị Mai Anh và bà Nguyễn Thị Hà cùng dự."
    span = data["activities"][0]["provenance"]
    assert span["text"] == f"Cháu {m} (thôn 3) nhận 2 suất quà."
    assert data["news"][0]["body"][span["start"] : span["end"]] == span["text"]
    assert all(p.get("identifiers") is None for p in data["people"] if p.get("private"))
    khuonha.loads(public.getvalue())  # still a valid dataset: every span holds its words


def test_the_command_line_names_every_masked_field(
    dataset: Dataset, tmp_path: Path, parse_output: ReadBack, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha export -f pdf` writes no planted name and notes every field it masked."""
    source = tmp_path / "planted.json"
    source.write_bytes(khuonha.dumps(dataset))
    out = tmp_path / "bao-cao.pdf"
    assert main(["export", str(source), "-f", "pdf", "-o", str(out)]) == 0
    assert shown(seen("pdf", out.read_bytes(), parse_output)) == []
    note = capsys.readouterr().err
    for path in (*TYPED, "news[0].body", "activities[0].provenance.text"):
        assert path in note, path
