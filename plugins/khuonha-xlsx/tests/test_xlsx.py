"""The xlsx exporter and importer: round trips, edits, cell errors, the template, safety."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, date
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from khuonha_xlsx import XlsxExporter, XlsxImporter, check_container, sheets
from openpyxl.utils import get_column_letter

import khuonha
from khuonha.cli.main import main
from khuonha.testing import strategies

SAMPLE = khuonha.sample()


def workbook(ds: khuonha.Dataset) -> bytes:
    buf = io.BytesIO()
    khuonha.export(ds, "xlsx", buf)
    return buf.getvalue()


def read(raw: bytes) -> khuonha.Dataset:
    return khuonha.read(io.BytesIO(raw), "xlsx")


@settings(max_examples=30, deadline=None)
@given(strategies.datasets())
def test_round_trip_of_generated_datasets(ds: khuonha.Dataset) -> None:
    """dataset → xlsx → dataset gives an equal dataset, every record type included."""
    assert read(workbook(ds)) == ds


def test_layout_is_a_sheet_per_record_type_with_headers_hidden_keys_and_dropdowns() -> None:
    """Vietnamese headers on row 1, stable keys on hidden row 2, enum drop-downs, Excel dates."""
    book = openpyxl.load_workbook(io.BytesIO(workbook(SAMPLE)))
    assert book.sheetnames[:3] == ["Bộ dữ liệu", "Đơn vị hành chính", "Khu dân cư"]
    assert book["Danh mục"].sheet_state == "hidden"
    activities = book["Hoạt động"]
    headers = [c.value for c in activities[1]]
    keys = [c.value for c in activities[2]]
    assert activities.row_dimensions[2].hidden
    assert "Số lượng: giá trị" in headers
    assert {"quantity.value", "quantity.qualifier", "quantity.unit"} <= set(keys)
    events = book["Sự kiện"]
    start = [c.value for c in events[2]].index("start_on")
    assert events.cell(row=3, column=start + 1).is_date
    assert events.cell(row=3, column=start + 1).value.date() == SAMPLE.events[0].start_on
    kinds = [dv for dv in activities.data_validations.dataValidation if dv.type == "list"]
    assert kinds, "the enum columns have drop-down lists"


def test_a_workbook_edited_and_imported_gives_the_edits() -> None:
    """Change a figure and add a row in a spreadsheet program: the import has both."""
    book = openpyxl.load_workbook(io.BytesIO(workbook(SAMPLE)))
    ws = book["Hoạt động"]
    keys = [c.value for c in ws[2]]
    ws.cell(row=3, column=keys.index("quantity.value") + 1, value=9999)
    last = ws.max_row
    for col in range(1, len(keys) + 1):
        ws.cell(row=last + 1, column=col, value=ws.cell(row=3, column=col).value)
    ws.cell(row=last + 1, column=keys.index("id") + 1, value="hoat-dong-moi")
    out = io.BytesIO()
    book.save(out)
    ds = read(out.getvalue())
    assert ds.activities[0].quantity.value == 9999
    assert ds.activities[-1].id == "hoat-dong-moi"
    assert len(ds.activities) == len(SAMPLE.activities) + 1
    assert ds.units == SAMPLE.units


def test_errors_name_the_cell_and_are_all_reported() -> None:
    """A bad number, a bad date and a dangling reference are reported together, by cell.

    (A cell that cannot be read leaves its field out; when the field is required, that is
    reported at the cell, and references are checked once the records decode.)
    """
    book = openpyxl.load_workbook(io.BytesIO(workbook(SAMPLE)))
    ws = book["Hoạt động"]
    keys = [c.value for c in ws[2]]
    ws.cell(row=7, column=keys.index("quantity.total") + 1, value="2.5OO")
    ws.cell(row=4, column=keys.index("actor") + 1, value="khong-co")
    events = book["Sự kiện"]
    ekeys = [c.value for c in events[2]]
    events.cell(row=3, column=ekeys.index("end_on") + 1, value="31/02/2022")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(khuonha.DecodeError) as info:
        read(out.getvalue())
    errors = info.value.errors
    total = get_column_letter(keys.index("quantity.total") + 1)
    assert f"Hoạt động!{total}7: expected a whole number, got '2.5OO'" in errors
    assert any(
        e.startswith("Sự kiện!") and "expected a date, got '31/02/2022'" in e for e in errors
    )
    actor = get_column_letter(keys.index("actor") + 1)  # past Z: AA, AB …
    assert any(e.startswith(f"Hoạt động!{actor}4: ") and "khong-co" in e for e in errors)


def test_the_template_is_a_blank_form(tmp_path: Path) -> None:
    """`khuonha export --template -f xlsx` writes the sheets, headers and keys, and no data."""
    target = tmp_path / "mau.xlsx"
    assert main(["export", "--template", "-f", "xlsx", "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [s.name for s in sheets()] + ["Danh mục"]
    assert all(book[s.name].max_row == 2 for s in sheets())
    with pytest.raises(khuonha.DecodeError, match=r"Bộ dữ liệu!A3: no dataset row"):
        khuonha.read(target)


def test_cli_round_trip_by_suffix(tmp_path: Path) -> None:
    """export to .xlsx, validate it, export it back to JSON: the sample again."""
    xlsx, back = tmp_path / "du-lieu.xlsx", tmp_path / "du-lieu.json"
    assert main(["export", "-f", "xlsx", "-o", str(xlsx)]) == 0
    assert main(["validate", str(xlsx)]) == 0
    assert main(["export", str(xlsx), "-f", "json", "-o", str(back)]) == 0
    assert khuonha.load(back) == SAMPLE


def test_zip_bombs_dtds_and_non_workbooks_are_refused() -> None:
    """The container is checked before any XML is parsed."""
    with pytest.raises(khuonha.DecodeError, match="not a zip file"):
        check_container(b"not a zip")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"<a/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 << 20))
    with pytest.raises(khuonha.DecodeError, match="zip bomb"):
        check_container(bomb.getvalue())
    with pytest.raises(khuonha.DecodeError, match="inflates to"):
        check_container(bomb.getvalue(), max_uncompressed=1 << 20)
    dtd = io.BytesIO()
    with zipfile.ZipFile(dtd, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        )
    with pytest.raises(khuonha.DecodeError, match="declares a DTD"):
        read(dtd.getvalue())


def test_metadata_and_archive() -> None:
    """Both sides are named xlsx; the exporter is an archive (personal data kept)."""
    assert XlsxExporter.check_metadata() == []
    assert XlsxImporter.check_metadata() == []
    assert XlsxExporter.archive is True
    host = khuonha.PluginHost(load_plugins=["xlsx"], strict=True)
    assert host.get_exporter("xlsx").name == host.get_importer("xlsx").name == "xlsx"
    private = [p for p in SAMPLE.people if p.private]
    assert all(p in read(workbook(SAMPLE)).people for p in private)


def test_pre_1900_dates_stay_text_and_read_back() -> None:
    """Excel has no date before 1900: such a date is written as text and read back."""
    unit = SAMPLE.units[0]
    import attrs

    old = attrs.evolve(unit, valid_from=date(1890, 1, 1))
    ds = attrs.evolve(SAMPLE, units=(old, *SAMPLE.units[1:]))
    assert read(workbook(ds)).units[0].valid_from == date(1890, 1, 1)


@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["sample", "national"])
def test_a_workbook_saved_by_libreoffice_still_imports(tmp_path: Path, which: str) -> None:
    """soffice --headless --convert-to xlsx rewrites the workbook; it still imports, equal.

    The national one has every record type at once, NFD text and many rows.
    """
    from khuonha.testing.national import national_dataset

    expected = SAMPLE if which == "sample" else national_dataset(seed=5, scale=0.0005)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
    source = tmp_path / "in" / "du-lieu.xlsx"
    source.parent.mkdir()
    source.write_bytes(workbook(expected))
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert khuonha.read(out / "du-lieu.xlsx") == expected


class _WriteOnly(io.RawIOBase):
    """A stream that cannot seek, as the host's view of an output is."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.data += bytes(b)
        return len(memoryview(b))


def _direct(obj: object, stream: Any, template: bool = False) -> None:
    exporter = XlsxExporter()
    options = exporter.parse_options({"template": True} if template else None)
    exporter.write(obj, stream, options)


@pytest.mark.parametrize(
    "what",
    ["dataset", "template", "form"],
)
def test_the_bytes_do_not_depend_on_the_stream_or_the_clock(what: str) -> None:
    """A seekable stream, one that cannot seek and the host's export give one file.

    Straight to a stream that cannot seek, zipfile flags each entry as followed
    by a data descriptor; the form took its creation time from the clock.
    """
    obj: object = SAMPLE
    if what == "form":
        obj = khuonha.form_table([SAMPLE], "bm01", period=SAMPLE.period)
    seekable = io.BytesIO()
    _direct(obj, seekable, template=what == "template")
    write_only = _WriteOnly()
    _direct(obj, write_only, template=what == "template")
    assert bytes(write_only.data) == seekable.getvalue()
    with zipfile.ZipFile(io.BytesIO(seekable.getvalue())) as z:
        assert all(not info.flag_bits & 0x08 for info in z.infolist())
        core = z.read("docProps/core.xml").decode()
    generated = SAMPLE.generated_at if what == "dataset" else None
    expected = "2000-01-01T00:00:00Z"
    if generated is not None:
        expected = generated.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f">{expected}</dcterms:created>" in core  # from the data, never the clock
    if what == "dataset":
        assert workbook(SAMPLE) == seekable.getvalue()


def test_a_failed_write_leaves_the_stream_empty() -> None:
    """The workbook is assembled aside: nothing reaches the stream when writing fails."""
    long_name = attrs.evolve(SAMPLE, title="x" * 40_000)
    stream = _WriteOnly()
    with pytest.raises(khuonha.ExportError, match="32767"):
        _direct(long_name, stream)
    assert stream.data == b""
