"""khuonha-extract: reports and articles as HTML pages and Word documents, read into drafts.

The plugin registers two importers through ``khuonha_register_importers``:
``html`` (``.html``, ``.htm``: the article's main text, without the portal's
menus and widgets) and ``docx`` (``.docx``). Each reads its file into text
and hands it to :func:`khuonha.extract_text`, so ``khuonha extract
page.html`` and ``khuonha export bao-cao.docx -f pdf`` work.

>>> import io, khuonha
>>> page = ("<html><head><title>Tin</title></head><body><nav>Trang chủ | Tin tức</nav>"
...         "<p>Trong năm qua, Công an xã Quảng Lạc tổ chức tuyên truyền phổ biến pháp luật "
...         "được 15 buổi với 1.350 người tham gia, góp phần giữ vững an ninh trật tự.</p>"
...         "</body></html>").encode()
>>> ds = khuonha.read(io.BytesIO(page), "html", {"reference": "2024-03-19"})
>>> [(a.quantity.value, a.period.label, a.period.start.year) for a in ds.activities]
[(15, 'năm qua', 2023), (1350, 'năm qua', 2023)]
>>> ds.activities[0].provenance.reason
"'năm qua' is the year before the reference date, or the year now ending"
"""

from __future__ import annotations

from khuonha import hookimpl
from khuonha_extract._common import ReaderOptions
from khuonha_extract._docx import DocxImporter, docx_text
from khuonha_extract._html import HtmlImporter, article_text

__all__ = [
    "DocxImporter",
    "HtmlImporter",
    "ReaderOptions",
    "article_text",
    "docx_text",
    "khuonha_register_importers",
]


@hookimpl
def khuonha_register_importers() -> list[HtmlImporter | DocxImporter]:
    """Register ``html`` and ``docx``."""
    return [HtmlImporter(), DocxImporter()]
