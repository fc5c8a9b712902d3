"""The ``pdf`` exporter: the movement report as a Vietnamese administrative document."""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

import attrs

from khuonha import Exporter, ExportError, ExportOptions

__all__ = ["PdfExporter", "PdfOptions"]

#: The creation date written when the data gives none (reportlab's invariant date).
_FALLBACK_DAY = date(2000, 1, 1)


@attrs.frozen(kw_only=True)
class PdfOptions(ExportOptions):
    """Options of the ``pdf`` exporter.

    - ``subject``: the line under "BÁO CÁO" (default: the movement and the
      dataset's period, "Kết quả xây dựng Phong trào … 8 tháng đầu năm 2022");
    - ``document_number``: the number line's text ("15/BC-BCĐ"), printed as
      "Số: 15/BC-BCĐ" under the issuing body instead of the one made from the
      dataset's ``document`` (its number and symbol; a draft's blank number).
    """

    subject: str | None = None
    document_number: str | None = None


def _is_dataset(obj: object) -> bool:
    from khuonha import Dataset  # noqa: PLC0415

    return isinstance(obj, Dataset)


def _creation_day(ds: Any) -> date:
    """The file's creation date: the data's :attr:`khuonha.Dataset.as_of`, never the clock."""
    day: date | None = ds.as_of
    return _FALLBACK_DAY if day is None else day


class PdfExporter(Exporter[PdfOptions]):
    """A dataset as an A4 report laid out in the manner of Nghị định 30/2020/NĐ-CP.

    The heading (superior and issuing body, the number line; "CỘNG HÒA XÃ HỘI
    CHỦ NGHĨA VIỆT NAM"; the place and date), the title, then the activity
    figures with a bar chart, the certification results, the events, the
    awards and the groups, and at the end "Nơi nhận" and the signature block,
    from the dataset's ``document``. Fonts are embedded; the output is the
    same bytes for the same input.

    >>> import io, khuonha
    >>> buf = io.BytesIO()
    >>> exporter = PdfExporter()
    >>> exporter.write(khuonha.sample(), buf, PdfOptions())
    >>> buf.getvalue()[:5]
    b'%PDF-'
    """

    name = "pdf"
    description = "The movement report as a Vietnamese administrative PDF (NĐ 30/2020 layout)"
    media_type = "application/pdf"
    suffixes = (".pdf",)
    options_type = PdfOptions

    def problem(self, obj: object, options: PdfOptions) -> str | None:
        """Nothing for any dataset (sections without data are left out); else a dataset."""
        if _is_dataset(obj):
            return None
        return f"needs a Dataset, not {type(obj).__name__}"

    def write(self, obj: Any, stream: BinaryIO, options: PdfOptions) -> None:
        """Lay the report out and write the PDF to the binary *stream*."""
        problem = self.problem(obj, options)
        if problem is not None:
            raise ExportError(self.name, problem, missing=problem.removeprefix("needs "))
        from khuonha_pdf._render import render  # noqa: PLC0415 - reportlab is heavy

        render(obj, stream, options, created=_creation_day(obj))
