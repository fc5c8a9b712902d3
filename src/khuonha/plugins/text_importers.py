"""The built-in ``txt`` importer: report prose read into a draft dataset.

A plain-text report or article (UTF-8) becomes a draft
:class:`~khuonha.Dataset` through :func:`khuonha.extract_text`: the commune
and places it names, its events, figures and awards, each with the span of
text it came from and ``needs_review`` where the reading is not certain.

>>> import io
>>> text = "Ngày 19/3/2024, xã Quảng Lạc tuyên truyền được 15 buổi với 1.350 người tham gia."
>>> ds = TextImporter().read(io.BytesIO(text.encode()), None)
>>> [(a.quantity.value, a.quantity.unit) for a in ds.activities]
[(15, 'buổi'), (1350, 'người')]

Bad input is one :class:`~khuonha.exceptions.DecodeError` line:

>>> TextImporter().read(io.BytesIO(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), None)
Traceback (most recent call last):
...
khuonha.exceptions.DecodeError: $: not text: a NUL byte at byte 8
"""

from __future__ import annotations

import codecs
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.plugins.hookspecs import hookimpl
from khuonha.plugins.importer import Importer, ImportOptions

if TYPE_CHECKING:
    from khuonha.model.dataset import Dataset

__all__ = ["MAX_TEXT_BYTES", "TextImportOptions", "TextImporter", "decode_report", "draft"]

#: The most bytes of text read (8 MB: a few thousand report pages).
MAX_TEXT_BYTES = 8_000_000


@attrs.frozen(kw_only=True)
class TextImportOptions(ImportOptions):
    """Options of the readers of prose (``txt``, and the plugins' ``html`` and ``docx``).

    ``reference``: the date the text was written, for "ngày 10/8" and "đến nay".
    """

    reference: date | None = None


def decode_report(data: bytes) -> str:
    """*data* as text: UTF-8 (a BOM is dropped), or UTF-16 with its BOM.

    Raises :class:`~khuonha.exceptions.DecodeError` (``$: reason``) for
    binary data, another encoding, an empty text or more than
    :data:`MAX_TEXT_BYTES` bytes.
    """
    if len(data) > MAX_TEXT_BYTES:
        raise DecodeError([f"$: the text is larger than {MAX_TEXT_BYTES} bytes"])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError([f"$: not UTF-16 text (byte {exc.start})"]) from None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise DecodeError([f"$: not text: a NUL byte at byte {nul}"])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DecodeError([f"$: not UTF-8 text (byte {exc.start})"]) from None
    if not text.strip():
        raise DecodeError(["$: the text is empty"])
    return text


def draft(
    text: str,
    options: Any = None,
    *,
    title: str | None = None,
    url: str | None = None,
    published_on: date | None = None,
) -> Dataset:
    """The draft dataset of *text* (:func:`khuonha.extract_text`), problems as ``$: reason``."""
    from khuonha.model.extraction import extract_text  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    reference = getattr(options, "reference", None)
    try:
        return extract_text(
            text, reference=reference, title=title, url=url, published_on=published_on
        )
    except InvalidDataError as exc:
        raise DecodeError([f"$: {exc.message}"]) from None


class TextImporter(Importer):
    """Plain-text report or article prose, read into a draft dataset to review."""

    name = "txt"
    description = "Report or article text (UTF-8), read into a draft dataset to review"
    media_types = ("text/plain",)
    suffixes = (".txt",)
    options_type = TextImportOptions

    def read(self, stream: BinaryIO, options: Any) -> Dataset:
        """Read the text and extract its records."""
        data = stream.read(MAX_TEXT_BYTES + 1)
        return draft(decode_report(data), options)


@hookimpl
def khuonha_register_importers() -> list[Importer]:
    """Register ``txt``."""
    return [TextImporter()]
