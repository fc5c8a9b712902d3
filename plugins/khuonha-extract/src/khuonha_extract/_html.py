"""The ``html`` reader: an article's main text, without the portal around it.

The page is read with the standard library's HTML tokenizer (no DTD, no
entity beyond HTML's own, no network): the elements HTML5 marks as page
chrome are dropped, the title and the publication day are noted, and what
is left goes to jusText, which keeps the paragraphs that read as prose.
"""

from __future__ import annotations

import codecs
import html
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any, BinaryIO

import justext

import khuonha
from khuonha import DecodeError, Importer
from khuonha_extract._common import ReaderOptions, draft, read_limited

__all__ = ["CHROME", "HtmlImporter", "article_text"]

#: Elements HTML5 marks as page chrome, and elements that hold no prose.
CHROME = frozenset(
    {
        "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "iframe",
        "template", "svg", "button", "select", "textarea", "head", "object",
    }
)  # fmt: skip
#: Elements that have no end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_DAY = re.compile(r"((?:19|20|21)\d\d)-(\d\d)-(\d\d)")
_URL = re.compile(r"https?://[^\s<>\"'\\]+\Z")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_DATE_KEYS = ("article:published_time", "datepublished", "pubdate")


class _Page(HTMLParser):
    """One pass over the page: the body without its chrome, and what the head says."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.chrome: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.h1: list[str] = []
        self.canonical: str | None = None
        self.times: list[str] = []
        self._in: str | None = None  # "title" or "h1" while reading one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = found.get("property") or found.get("name") or found.get("itemprop") or ""
            if key and "content" in found:
                self.meta.setdefault(key.lower(), found["content"])
        elif tag == "link" and "canonical" in found.get("rel", "").lower().split():
            self.canonical = self.canonical or found.get("href")
        elif tag == "time" and found.get("datetime"):
            self.times.append(found["datetime"])
        if tag == "title" or (tag == "h1" and not self.chrome):
            self._in = tag
        if tag in CHROME and tag not in _VOID:
            self.chrome.append(tag)
            return
        if not self.chrome and tag not in _VOID:
            self.out.append(f"<{tag}>")
        elif not self.chrome and tag == "br":
            self.out.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None
        if self.chrome:
            if tag == self.chrome[-1]:
                self.chrome.pop()
            elif tag in self.chrome:  # an element left open inside the chrome
                del self.chrome[self.chrome.index(tag) :]
            return
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title.append(data)
        elif self._in == "h1":
            self.h1.append(data)
        if not self.chrome:
            self.out.append(html.escape(data, quote=False))


def _encoding(data: bytes) -> str:
    """The page's encoding: its BOM, its ``meta`` charset, else UTF-8 when it decodes as such."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _CHARSET.search(data[:8192])
    name = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        name = codecs.lookup(name).name
    except LookupError:
        raise DecodeError([f"$: the page declares an unknown encoding {name!r}"]) from None
    if name.startswith("utf-16"):  # a meta tag readable as ASCII cannot be in UTF-16
        name = "utf-8"
    return name


def _decode(data: bytes) -> str:
    name = _encoding(data)
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:8192]) is not None
        how = "declared" if declared else "not declared, and it is not UTF-8"
        raise DecodeError([f"$: the page's encoding ({name}) is {how}: byte {exc.start}"]) from None


def _one_line(parts: list[str]) -> str | None:
    return " ".join("".join(parts).split()) or None


def _published(page: _Page) -> date | None:
    for value in (*(page.meta.get(k) for k in _DATE_KEYS), *page.times):
        m = _DAY.match((value or "").strip())
        if m is not None:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None


def article_text(data: bytes) -> tuple[str, str | None, str | None, date | None]:
    """The article's paragraphs, its title, its URL and its publication day, from *data*.

    >>> page = ("<html><body><nav><a href='/'>Trang chủ</a></nav><h1>Tin</h1><p>"
    ...         "Ngày 19/3/2024, Công an xã tổ chức tuyên truyền được 15 buổi với 1.350 "
    ...         "người tham gia, góp phần giữ vững an ninh trật tự.</p></body></html>")
    >>> text, title, url, day = article_text(page.encode())
    >>> title, "Trang chủ" in text, text.startswith("Ngày 19/3/2024")
    ('Tin', False, True)
    """
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not wide and b"\x00" in data[:65536]:
        raise DecodeError(["$: not an HTML page: it has NUL bytes"])
    page = _Page()
    page.feed(_decode(data))
    page.close()
    title = _one_line(page.h1) or page.meta.get("og:title") or _one_line(page.title)
    url = page.canonical or page.meta.get("og:url")
    if url is not None and _URL.match(url) is None:
        url = None
    cleaned = "<html><body>" + "".join(page.out) + "</body></html>"
    paragraphs = justext.justext(
        cleaned.encode("utf-8"), justext.get_stoplist("Vietnamese"), encoding="utf-8"
    )
    kept = [" ".join(p.text.split()) for p in paragraphs if not p.is_boilerplate]
    if not kept:  # a short page: no neighbour confirms its prose, so take what reads as prose
        kept = [" ".join(p.text.split()) for p in paragraphs if p.cf_class != "bad"]
    if kept and title is not None and khuonha.match_key(kept[0]) == khuonha.match_key(title):
        kept = kept[1:]
    text = "\n\n".join(p for p in kept if p)
    if not text:
        raise DecodeError(["$: no article text found in the page"])
    return text, title, url, _published(page)


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
