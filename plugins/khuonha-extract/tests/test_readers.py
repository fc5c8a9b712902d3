"""The html and docx readers: the article without the portal, Word documents read safely."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from khuonha_extract import DocxImporter, HtmlImporter, article_text, docx_text

import khuonha
from khuonha.cli.main import main

PAGES = Path(__file__).parent / "pages"

# -- HTML ---------------------------------------------------------------------------


def test_the_article_is_kept_and_the_portal_dropped() -> None:
    text, title, _url, day = article_text((PAGES / "ben-luc.html").read_bytes())
    assert title == "Bến Lức 100% xã, thị trấn tổ chức Ngày hội Toàn dân bảo vệ an ninh Tổ quốc"
    assert day == date(2022, 8, 15)
    assert "Theo kế hoạch, đến ngày 14/8/2022, 100% xã, thị trấn" in text
    assert "Bí thư Huyện ủy đề nghị các cấp ủy" in text
    # the weather widget, the crawl-time date, menus, related news, comments and footer
    for chrome in ("30°C", "04/02/2025", "Trang chủ", "Tin cùng chuyên mục", "Ra mắt mô hình",
                   "Ý kiến", "Giấy phép số", "0272.3826.456"):  # fmt: skip
        assert chrome not in text, chrome


def test_a_portal_with_a_repeated_banner_and_side_columns() -> None:
    text, title, url, day = article_text((PAGES / "quang-lac.html").read_bytes())
    assert title is not None
    assert title.startswith("XÃ QUẢNG LẠC PHÁT ĐỘNG PHONG TRÀO")
    assert (url, day) == (None, None)
    for chrome in ("Trang thông tin Công an tỉnh", "Đang online", "Tin mới", "02 đối tượng",
                   "Bản quyền", "Liên kết website"):  # fmt: skip
        assert chrome not in text, chrome
    assert "09 tổ hòa giải, 09 tổ An ninh Nhân dân, 29 nhóm “Hội hiếu”" in text


def test_a_page_becomes_a_draft_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    assert main(["extract", str(PAGES / "quang-lac.html"), "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    ds = khuonha.load(out)
    figures = {(a.quantity.value, a.quantity.unit) for a in ds.activities}
    assert {(15, "buổi"), (1350, "người"), (9, "tổ hòa giải"), (29, "nhóm “Hội hiếu”")} <= figures
    assert ds.find(ds.commune).name == "Quảng Lạc"
    (event,) = ds.events
    assert event.start_on == date(2024, 3, 19)
    assert "Đang online" not in (ds.news[0].body or "")


def test_the_publication_day_is_the_reference(tmp_path: Path) -> None:
    ds = khuonha.read(PAGES / "ben-luc.html")
    news = ds.news[0]
    assert (news.published_on, news.title) == (date(2022, 8, 15), ds.title)
    (event,) = ds.events
    assert event.start_on == date(2022, 8, 14)
    assert event.sites[0].name == "Nhà Văn hóa ấp Long Bình"
    percent = next(a for a in ds.activities if a.quantity.unit == "%")
    assert percent.period is not None
    assert percent.period.end == date(2022, 8, 14)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the page is empty"),
        (b"<html>\x00\x01\x02</html>", "NUL bytes"),
        (b"<html><body><nav>Trang ch\xe1</nav></body></html>", "not UTF-8"),
        (b'<meta charset="klingon"><p>x</p>', "unknown encoding"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ],
)
def test_bad_pages_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(khuonha.DecodeError, match=message):
        HtmlImporter().read(io.BytesIO(data), None)


def test_a_declared_encoding_is_used() -> None:
    body = "<p>" + "Café ở phố, 15 buổi với 1.350 người tham gia trong năm 2023. " * 3 + "</p>"
    page = f'<html><head><meta charset="utf-16"></head><body>{body}</body></html>'
    text, *_ = article_text(page.encode("utf-16"))
    assert "1.350 người" in text


# -- docx ---------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(
    paragraphs: list[str], *, title: str | None = None, doctype: str = "", table: bool = True
) -> bytes:
    def para(text: str) -> str:
        return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"

    body = "".join(para(p) for p in paragraphs)
    cell = para("Bảng: 01 tổ An ninh xanh")
    rows = f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>" if table else ""
    document = (
        f"<?xml version='1.0' encoding='UTF-8'?>{doctype}"
        f"<w:document xmlns:w='{_W}'><w:body>{body}{rows}</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        if title is not None:
            z.writestr(
                "docProps/core.xml",
                "<cp:coreProperties xmlns:cp='urn:cp' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
                f"<dc:title>{title}</dc:title></cp:coreProperties>",
            )
    return buf.getvalue()


REPORT = [
    "BÁO CÁO Kết quả xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "Trong 6 tháng đầu năm 2024, Công an xã Phú Kiết tổ chức tuyên truyền được 12 buổi "
    "với trên 600 lượt người tham dự.",
    "Hiện xã có 08 tổ bảo vệ an ninh trật tự cơ sở.",
]


def test_a_word_report_becomes_a_draft() -> None:
    text, title = docx_text(_docx(REPORT, title="Báo cáo 6 tháng"))
    assert title == "Báo cáo 6 tháng"
    assert text.split("\n\n")[-1] == "Bảng: 01 tổ An ninh xanh"  # tables in document order
    ds = DocxImporter().read(io.BytesIO(_docx(REPORT)), None)
    figures = {(a.quantity.value, a.quantity.qualifier.value) for a in ds.activities}
    assert {(12, "exact"), (600, "more_than"), (8, "exact"), (1, "exact")} <= figures
    sessions = next(a for a in ds.activities if a.quantity.value == 12)
    assert sessions.period is not None
    assert sessions.period.end == date(2024, 6, 30)


def test_a_table_is_read_row_by_row() -> None:
    """Each row one line, its cells joined by " | ": a figure alone in its cell counts the
    row's label (marked for review); the row numbers (STT) are no figures."""

    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    rows = "".join(
        "<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>"
        for row in (
            ("STT", "Nội dung", "Số lượng"),
            ("1", "Tổ tự quản", "24"),
            ("2", "Camera", "56"),
        )
    )
    document = (
        f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{_W}'><w:body>"
        "<w:p><w:r><w:t>1. Kết quả năm 2024:</w:t></w:r></w:p>"
        f"<w:tbl>{rows}</w:tbl></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", document)
    text, _ = docx_text(buf.getvalue())
    assert text == (
        "1. Kết quả năm 2024:\n\nSTT | Nội dung | Số lượng\n1 | Tổ tự quản | 24\n2 | Camera | 56"
    )
    ds = DocxImporter().read(io.BytesIO(buf.getvalue()), None)
    found = [(a.quantity.value, a.quantity.unit, a.quantity.text) for a in ds.activities]
    assert found == [(24, "Tổ tự quản", "24"), (56, "Camera", "56")]
    assert all(a.provenance is not None and a.provenance.needs_review for a in ds.activities)


def test_export_reads_a_word_report(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(_docx(REPORT))
    out = tmp_path / "bao-cao.pdf"
    assert main(["export", str(source), "-f", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert main(["extract", str(source), "-o", str(tmp_path / "d.json")]) == 0
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["commune"] == "xa-phu-kiet"


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document xmlns:w='x'>" + " " * 5_000_000)
    return buf.getvalue()


def _many() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(2001):
            z.writestr(f"x/{i}", "")
    return buf.getvalue()


ENTITY = "<!DOCTYPE w:document [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"plain text, not a zip", "not a zip container"),
        (_docx(["&x;"], doctype=ENTITY), "DTD|not well-formed"),
        (_docx(["x"], doctype="<!DOCTYPE w:document>"), "declares a DTD"),
        (_bomb(), "zip bomb"),
        (_many(), "more than 2000 entries"),
        (_docx([]).replace(b"word/document.xml", b"word/documenX.xml"), "no word/document.xml"),
        (_docx([" ", ""], table=False), "the document has no text"),
        (b"PK" + b"\x00" * 30, "not a zip container"),
    ],
)
def test_bad_documents_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(khuonha.DecodeError, match=message):
        DocxImporter().read(io.BytesIO(data), None)


def test_the_cli_error_is_one_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bomb.docx"
    source.write_bytes(_bomb())
    assert main(["extract", str(source), "-o", str(tmp_path / "d.json")]) == 1
    err = capsys.readouterr().err
    assert "zip bomb" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.docx"]
