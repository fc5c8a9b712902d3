"""What the two readers share: their options, the size limit and the draft."""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

import attrs

import khuonha
from khuonha import DecodeError, ImportOptions

__all__ = ["MAX_BYTES", "ReaderOptions", "draft", "read_limited"]

#: The most bytes a page or a document may have (20 MB).
MAX_BYTES = 20_000_000


@attrs.frozen(kw_only=True)
class ReaderOptions(ImportOptions):
    """``reference``: the date the text was written, for "ngày 10/8" and "đến nay"
    (default: the publication day the file gives, if any)."""

    reference: date | None = None


def read_limited(stream: BinaryIO, what: str) -> bytes:
    """All of *stream*, refused past :data:`MAX_BYTES` or when empty."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DecodeError([f"$: the {what} is larger than {MAX_BYTES} bytes"])
    if not data.strip():
        raise DecodeError([f"$: the {what} is empty"])
    return data


def draft(
    text: str,
    options: Any,
    *,
    title: str | None = None,
    url: str | None = None,
    published_on: date | None = None,
) -> khuonha.Dataset:
    """The draft dataset of *text*, its problems as ``$: reason``."""
    try:
        return khuonha.extract_text(
            text,
            reference=getattr(options, "reference", None),
            title=title,
            url=url,
            published_on=published_on,
        )
    except khuonha.InvalidDataError as exc:
        raise DecodeError([f"$: {exc.message}"]) from None
