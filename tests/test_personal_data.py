"""Personal data (Nghị định 13/2023/NĐ-CP) never reaches a public export.

The rule, also in ``docs/reliability.md``: every exporter but the lossless
data formats ``json`` and ``jsonl`` is public. A public export passes the
dataset through :func:`khuonha.redact` unless the ``internal`` option is set,
so no field marked sensitive and no private person's name is written.
``json``/``jsonl`` are the data itself (``khuonha export -f json`` equals
:func:`khuonha.dumps`), meant for exchange and archiving inside the
administration: they always hold everything.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import attrs
import pytest

import khuonha
from khuonha import Dataset, Person, Recipient, RecipientKind
from khuonha.model.events import Delegate

ReadBack = Callable[[str, bytes], str]  # the parse_output fixture of conftest.py

# A format that writes a folder (parquet) is tested by its plugin, not through a stream.
EXPORTERS = sorted(e.name for e in khuonha.exporters() if not getattr(e, "writes_directory", False))
#: The lossless data formats: internal by definition (documented).
LOSSLESS = {"json", "jsonl"} | {
    e.name for e in khuonha.exporters() if getattr(e, "archive", False) and e.name in EXPORTERS
}
PUBLIC = [name for name in EXPORTERS if name not in LOSSLESS]

PRIVATE_NAME = "Lò Thị Bí Mật"
SUBJECT_NAME = "Hoàng Văn Đối Tượng"
#: Values only sensitive fields or private people hold.
SECRETS = (
    PRIVATE_NAME,
    SUBJECT_NAME,
    "Số 9 ngõ Kín Đáo",
    "Số 7 ngõ Riêng Tư",
    "1888",
    "1889",
    "ghi chú riêng tư XYZ",
    "ghi chú nội bộ QWE",
)
PUBLIC_NAME = "Nguyễn Văn Công Khai"

pytestmark = pytest.mark.workspace


def planted() -> Dataset:
    """The sample with personal data planted where exporters look: delegates, awards, subjects."""
    ds = khuonha.sample()
    people = (
        Person(
            id="ca-nhan-bi-mat",
            name=PRIVATE_NAME,
            private=True,
            honorific="bà",
            address="Số 9 ngõ Kín Đáo",
            birth_year=1888,
            note="ghi chú riêng tư XYZ",
        ),
        Person(id="doi-tuong-1", name=SUBJECT_NAME, private=True),
        Person(
            id="can-bo-cong-khai",
            name=PUBLIC_NAME,
            address="Số 7 ngõ Riêng Tư",
            birth_year=1889,
            note="ghi chú nội bộ QWE",
        ),
    )
    event = ds.events[0]
    event = attrs.evolve(
        event,
        delegates=(
            *event.delegates,
            Delegate(person="ca-nhan-bi-mat"),
            Delegate(person="can-bo-cong-khai"),
        ),
    )
    activity = attrs.evolve(ds.activities[0], subjects=("doi-tuong-1", "ca-nhan-bi-mat"))
    award = attrs.evolve(
        ds.awards[0],
        recipients=(
            *ds.awards[0].recipients,
            Recipient(kind=RecipientKind.CA_NHAN, person="ca-nhan-bi-mat"),
        ),
    )
    return attrs.evolve(
        ds,
        people=(*ds.people, *people),
        events=(event, *ds.events[1:]),
        activities=(activity, *ds.activities[1:]),
        awards=(award, *ds.awards[1:]),
    )


def export(name: str, *, internal: bool) -> bytes:
    buf = io.BytesIO()
    khuonha.export(planted(), name, buf, {"internal": internal})
    return buf.getvalue()


def seen(name: str, data: bytes, parse_output: ReadBack) -> str:
    """Everything a reader of *data* can see: the parsed text and the raw (unescaped) bytes."""
    raw = html.unescape(data.decode("utf-8", "replace"))
    return parse_output(name, data) + "\n" + raw.replace("\r\n ", "")


@pytest.mark.parametrize("name", PUBLIC)
def test_public_exports_hold_no_personal_data(name: str, parse_output: ReadBack) -> None:
    """No public output (rss, atom, ics, pdf, any other) holds a planted personal value."""
    text = seen(name, export(name, internal=False), parse_output)
    leaked = [secret for secret in SECRETS if secret in text]
    assert leaked == []


@pytest.mark.parametrize("name", PUBLIC)
def test_internal_option_includes_private_people(name: str, parse_output: ReadBack) -> None:
    """With internal=true, formats that name delegates name the private one too."""
    public = seen(name, export(name, internal=False), parse_output)
    internal = seen(name, export(name, internal=True), parse_output)
    assert PUBLIC_NAME in public  # the export does show people: the test has teeth
    assert PRIVATE_NAME in internal


def test_internal_pdf_includes_sensitive_fields(parse_output: ReadBack) -> None:
    """The internal PDF profile lists personal data: subjects, birth years, notes."""
    if "pdf" not in EXPORTERS:
        pytest.fail("the pdf plugin is part of the workspace and must be installed")
    text = parse_output("pdf", export("pdf", internal=True))
    for value in (SUBJECT_NAME, "1888", "1889", "ghi chú riêng tư XYZ"):
        assert value in text


@pytest.mark.parametrize("name", sorted(LOSSLESS))
def test_data_formats_are_lossless(name: str, parse_output: ReadBack) -> None:
    """json, jsonl (and archives: xlsx) are the data itself: every planted value is there."""
    for internal in (False, True):
        text = parse_output(name, export(name, internal=internal))
        assert [secret for secret in SECRETS if secret not in text] == []
    assert export("json", internal=False) == khuonha.dumps(planted())


def test_redact_is_the_one_mechanism() -> None:
    """A public export of the redacted dataset equals the public export of the original."""
    redacted = khuonha.redact(planted())
    for name in PUBLIC:
        buf = io.BytesIO()
        khuonha.export(redacted, name, buf)
        assert buf.getvalue() == export(name, internal=False), name
