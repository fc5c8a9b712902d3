"""The sample report: its text, layout goldens, metadata, determinism, options and labels."""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import attrs
import pypdf
import pypdfium2
import pytest
from khuonha_pdf import PdfExporter, PdfOptions
from khuonha_pdf._format import format_date, place_date
from khuonha_pdf._labels import labels_for
from PIL import Image, ImageChops, ImageStat

import khuonha
from khuonha import Language
from khuonha.exceptions import ExportError

GOLDEN = Path(__file__).parent / "golden"
Render = Callable[..., bytes]
ReadText = Callable[[bytes], str]


def squash(text: str) -> str:
    """*text* with every run of whitespace made one space."""
    return " ".join(text.split())


KEY_STRINGS = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Khuôn Hà, ngày 10 tháng 8 năm 2022",
    "BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI",
    "BÁO CÁO",
    "Công an xã Khuôn Hà",
    "Đặng Văn Sình",
    "Phó Bí thư Thường trực Huyện uỷ",
    "Chủ tịch Hội đồng nhân dân huyện",
    "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2022",
    "trên 2.500 lượt người",
    "92 lượt/10 thôn bản",
    "10/10",
    "Đạt",
    "Giấy khen của Chủ tịch UBND huyện",
    "Tổ tự quản",
    "Trang 1/",
)


@pytest.mark.parametrize("key", KEY_STRINGS)
def test_sample_text_has_key_string(sample_text: str, key: str) -> None:
    """pypdf reads each key string of the sample back exactly, in NFC."""
    assert unicodedata.is_normalized("NFC", key)
    assert key in sample_text


def test_every_page_is_numbered_with_the_total(sample_pdf: bytes, read_text: ReadText) -> None:
    """Every page carries "Trang x/y" with its own number and the page count."""
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    total = len(reader.pages)
    assert total >= 2
    for n, page in enumerate(reader.pages, start=1):
        assert f"Trang {n}/{total}" in squash(page.extract_text()).replace("/ ", "/")


def test_nfd_input_gives_the_same_text(render: Render, read_text: ReadText) -> None:
    """A copy of the sample decoded from NFD JSON reads back exactly like the NFC sample."""
    nfc = khuonha.sample()
    nfd_json = unicodedata.normalize("NFD", khuonha.dumps(nfc).decode("utf-8"))
    assert nfd_json != khuonha.dumps(nfc).decode("utf-8")
    nfd = khuonha.loads(nfd_json.encode("utf-8"))
    assert read_text(render(nfd)) == read_text(render(nfc))


def test_text_matches_golden(sample_pdf: bytes, read_text: ReadText, update_goldens: bool) -> None:
    """The sample's extracted text equals golden/khuon-ha-2022.txt (content, not bytes)."""
    path = GOLDEN / "khuon-ha-2022.txt"
    text = read_text(sample_pdf)
    if update_goldens:
        path.write_text(text + "\n", encoding="utf-8")
    assert path.exists(), "no golden text; run pytest with --update-goldens"
    assert text == path.read_text(encoding="utf-8").removesuffix("\n")


def test_page_one_matches_golden_png(sample_pdf: bytes, update_goldens: bool) -> None:
    """Page 1 rendered by pdfium looks like golden/khuon-ha-2022-page1.png."""
    path = GOLDEN / "khuon-ha-2022-page1.png"
    document = pypdfium2.PdfDocument(sample_pdf)
    try:
        image = document[0].render(scale=1.25).to_pil().convert("L")
    finally:
        document.close()
    if update_goldens:
        image.save(path, optimize=True)
    assert path.exists(), "no golden PNG; run pytest with --update-goldens"
    with Image.open(path) as golden:
        expected = golden.convert("L")
    assert image.size == expected.size
    mean_difference = ImageStat.Stat(ImageChops.difference(image, expected)).mean[0]
    assert mean_difference < 2.0, f"page 1 differs from the golden PNG by {mean_difference:.2f}"


def test_same_input_same_bytes(render: Render) -> None:
    """Two renders of the same dataset are byte for byte identical."""
    ds = khuonha.sample()
    assert render(ds) == render(ds)


def test_creation_date_comes_from_the_report_date(sample_pdf: bytes) -> None:
    """The file's dates are the report date, never the clock."""
    info = pypdf.PdfReader(io.BytesIO(sample_pdf)).metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:20220810")
    assert info["/ModDate"].startswith("D:20220810")


def test_metadata_and_language(sample_pdf: bytes) -> None:
    """Title, author and subject are set, and the catalog says /Lang vi."""
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == (
        "Báo cáo: Kết quả xây dựng Phong trào toàn dân bảo vệ an ninh Tổ quốc 8 tháng đầu năm 2022"
    )
    assert info.author is not None
    assert info.author.startswith("Ban Chỉ đạo phòng, chống tội phạm")
    assert info.subject == khuonha.sample().title
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_english_labels(render: Render, read_text: ReadText) -> None:
    """language=en prints English labels and notation around the untranslated data."""
    data = render(khuonha.sample(), language="en")
    text = squash(read_text(data))
    for key in (
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Khuôn Hà, 10 August 2022",
        "REPORT",
        "more than 2,500 lượt người",
        "Page 1/",
        "Met",
        "Đặng Văn Sình",
    ):
        assert key in text
    assert "CỘNG HÒA" not in text
    assert pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en"


def test_subject_and_document_number_options(render: Render, read_text: ReadText) -> None:
    """The subject and document number options appear under the heading."""
    text = squash(
        read_text(
            render(khuonha.sample(), subject="Sơ kết <quý> III & IV", document_number="15/BC-BCĐ")
        )
    )
    assert "Sơ kết <quý> III & IV" in text
    assert "Số: 15/BC-BCĐ" in text


def test_unknown_option_is_a_decode_error() -> None:
    """An unknown option fails through the codec, with the library's error."""
    with pytest.raises(khuonha.DecodeError):
        PdfExporter().parse_options({"colour": "red"})


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 8, 10), "Khuôn Hà, ngày 10 tháng 8 năm 2022"),
        (date(2023, 2, 5), "Khuôn Hà, ngày 05 tháng 02 năm 2023"),
        (date(2024, 1, 31), "Khuôn Hà, ngày 31 tháng 01 năm 2024"),
        (date(2022, 12, 9), "Khuôn Hà, ngày 09 tháng 12 năm 2022"),
        (date(2022, 3, 1), "Khuôn Hà, ngày 01 tháng 3 năm 2022"),
    ],
)
def test_place_date_pads_as_decree_30_says(day: date, expected: str) -> None:
    """Days below 10 and the months 1 and 2 are zero-padded (NĐ 30/2020/NĐ-CP)."""
    assert place_date("Khuôn Hà", day, labels_for("vi")) == expected


def test_report_date_drives_the_place_date_line(render: Render, read_text: ReadText) -> None:
    """The place-and-date line follows the dataset's report date."""
    ds = attrs.evolve(khuonha.sample(), report_date=date(2023, 2, 5))
    assert "Khuôn Hà, ngày 05 tháng 02 năm 2023" in squash(read_text(render(ds)))


def test_missing_report_date_leaves_blanks(render: Render, read_text: ReadText) -> None:
    """Without a report date the line keeps the blanks a draft is signed with."""
    ds = attrs.evolve(khuonha.sample(), report_date=None)
    assert "Khuôn Hà, ngày …… tháng …… năm 20……" in squash(read_text(render(ds)))
    assert format_date(date(2022, 8, 10), labels_for("en")) == "10 August 2022"


def test_refuses_what_is_not_a_dataset() -> None:
    """Writing a single record raises ExportError naming what is missing."""
    exporter = PdfExporter()
    record = khuonha.sample().activities[0]
    assert not exporter.can_export(record)
    with pytest.raises(ExportError) as info:
        exporter.write(record, io.BytesIO(), PdfOptions())
    assert info.value.missing == "a Dataset, not Activity"


def test_options_round_trip_through_the_codec() -> None:
    """Options decode from plain JSON values into PdfOptions."""
    options = PdfExporter().parse_options(json.loads('{"language": "en", "internal": true}'))
    assert options == PdfOptions(language=Language.EN, internal=True)
