"""The ``html`` reader: an article's main text, without the portal around it."""

from __future__ import annotations

import codecs
import re
from datetime import date
from typing import Any, BinaryIO

import justext
import lxml.etree
import lxml.html

import khuonha
from khuonha import DecodeError, Importer
from khuonha_extract._common import ReaderOptions, draft, read_limited

__all__ = ["HtmlImporter", "article_text"]

#: Elements HTML5 marks as page chrome, and elements that hold no prose.
CHROME = (
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "iframe",
    "template", "svg", "button", "select", "textarea",
)  # fmt: skip
_DAY = re.compile(r"((?:19|20|21)\d\d)-(\d\d)-(\d\d)")
_URL = re.compile(r"https?://[^\s<>\"'\\]+\Z")


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def _encoding(data: bytes) -> str:
    """The page's encoding: its BOM, its ``meta`` charset, else UTF-8 when it decodes as such."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _CHARSET.search(data[:8192])
    name = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        name = codecs.lookup(name).name
    except LookupError:
        raise DecodeError([f"$: the page declares an unknown encoding {name!r}"]) from None
    try:
        data.decode(name)
    except UnicodeDecodeError as exc:
        how = "declared" if declared else "not declared, and it is not UTF-8"
        raise DecodeError([f"$: the page's encoding ({name}) is {how}: byte {exc.start}"]) from None
    return name


def _parser(encoding: str) -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        encoding=encoding, no_network=True, remove_comments=True, remove_pis=True
    )


def _first(doc: Any, paths: tuple[str, ...]) -> str | None:
    for path in paths:
        for value in doc.xpath(path):
            raw = value.text_content() if hasattr(value, "text_content") else value
            text = " ".join(str(raw).split())
            if text:
                return text
    return None


def _published(doc: Any) -> date | None:
    found = _first(
        doc,
        (
            "//meta[@property='article:published_time']/@content",
            "//meta[@itemprop='datePublished']/@content",
            "//meta[@name='pubdate']/@content",
            "//time[@datetime]/@datetime",
        ),
    )
    m = _DAY.match(found or "")
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def article_text(data: bytes) -> tuple[str, str | None, str | None, date | None]:
    """The article's paragraphs, its title, its URL and its publication day, from *data*.

    >>> page = (b"<html><body><nav><a href='/'>Trang ch\\xe1\\xbb\\xa7</a></nav><h1>Tin</h1>"
    ...         b"<p>" + "Ngày 19/3/2024, Công an xã tổ chức tuyên truyền được 15 buổi "
    ...         "với 1.350 người tham gia, góp phần giữ vững an ninh trật tự.".encode()
    ...         + b"</p></body></html>")
    >>> text, title, url, day = article_text(page)
    >>> title, "Trang chủ" in text, text.startswith("Ngày 19/3/2024")
    ('Tin', False, True)
    """
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not wide and b"\x00" in data[:65536]:
        raise DecodeError(["$: not an HTML page: it has NUL bytes"])
    try:
        doc = lxml.html.document_fromstring(data, parser=_parser(_encoding(data)))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DecodeError([f"$: not an HTML page: {exc}"]) from None
    title = _first(doc, ("//h1", "//meta[@property='og:title']/@content", "//title"))
    url = _first(doc, ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"))
    if url is not None and _URL.match(url) is None:
        url = None
    day = _published(doc)
    for element in doc.xpath("|".join(f"//{name}" for name in CHROME)):
        element.drop_tree()
    html = lxml.html.tostring(doc, encoding="utf-8")
    paragraphs = justext.justext(html, justext.get_stoplist("Vietnamese"), encoding="utf-8")
    kept = [" ".join(p.text.split()) for p in paragraphs if not p.is_boilerplate]
    if not kept:  # a short page: no neighbour confirms its prose, so take what reads as prose
        kept = [" ".join(p.text.split()) for p in paragraphs if p.cf_class != "bad"]
    if kept and title is not None and khuonha.match_key(kept[0]) == khuonha.match_key(title):
        kept = kept[1:]
    text = "\n\n".join(p for p in kept if p)
    if not text:
        raise DecodeError(["$: no article text found in the page"])
    return text, title, url, day


class HtmlImporter(Importer):
    """An article's web page, its main text read into a draft dataset to review."""

    name = "html"
    description = "An article's web page: its main text read into a draft dataset to review"
    media_types = ("text/html", "application/xhtml+xml")
    suffixes = (".html", ".htm")
    options_type = ReaderOptions

    def read(self, stream: BinaryIO, options: Any) -> khuonha.Dataset:
        """Read the page, keep the article, extract its records."""
        text, title, url, day = article_text(read_limited(stream, "page"))
        return draft(text, options, title=title, url=url, published_on=day)
