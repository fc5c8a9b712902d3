"""The ``rss`` (RSS 2.0) and ``atom`` (Atom 1.0) exporters, written with feedgenerator.

Text reaches feedgenerator only through :func:`xml_text`, the one place
where characters XML 1.0 forbids are removed (the data keeps them). Summaries
are plain text: they are HTML-escaped, because RSS readers and Atom's
``type="html"`` read them as HTML, so markup in the data shows as text.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from datetime import datetime
from typing import Any, BinaryIO, ClassVar

import attrs
from feedgenerator import Atom1Feed, Rss201rev2Feed

from khuonha import (
    Dataset,
    Exporter,
    ExportError,
    ExportOptions,
    InvalidDataError,
    Language,
    text_option,
    unit_name,
    url_option,
)
from khuonha_rss._items import STAND_IN_HOST, Entry, build_entries, has_entries, stand_in_link
from khuonha_rss._labels import label

__all__ = ["AtomExporter", "FeedOptions", "RssExporter", "xml_text"]

#: Characters XML 1.0 does not allow (C0 controls but tab, LF and CR; U+FFFE, U+FFFF;
#: surrogates, which valid khuonha text never holds).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AUTHORITY = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?(@[a-z0-9.-]+)?,\d{4}(-\d{2}){0,2}\Z")
_MISSING = "a news item, an event or a certification dated to the day"


def xml_text(value: str) -> str:
    """Return *value* without the characters XML 1.0 forbids, still NFC.

    >>> xml_text("An\\x00 ninh\\x1b")
    'An ninh'
    >>> xml_text("Thu\\x07\\u0301y") == "Thúy"
    True
    """
    if _XML_FORBIDDEN.search(value) is None:
        return value
    cleaned = _XML_FORBIDDEN.sub("", value)
    # Dropping a character can bring a letter and a combining mark together.
    return cleaned if cleaned.isascii() else unicodedata.normalize("NFC", cleaned)


def _check_authority(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _AUTHORITY.match(value) is None:
        raise InvalidDataError(
            "expected a tag URI authority and date (RFC 4151), such as "
            f"'ubnd.example.invalid,2024', got {value!r:.80}",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True)
class FeedOptions(ExportOptions):
    """Options of the ``rss`` and ``atom`` exporters.

    - ``title``, ``description``: the feed's; by default built from the
      commune's name (in ``language``);
    - ``link``: the site the feed belongs to; by default the publisher's
      website, else the stand-in ``https://khuonha.invalid/<slug>/``;
    - ``self_link``: where the feed itself is published; by default the
      stand-in ``https://khuonha.invalid/<slug>/feed.rss`` (``.atom``);
    - ``tag_authority``: the ``authority,date`` part of every id
      (``tag:<tag_authority>:<slug>/<collection>/<id>``); keep it once
      published, or every reader sees all items again.

    >>> FeedOptions(link="https://example.invalid/tin-tuc/").link
    'https://example.invalid/tin-tuc/'
    """

    title: str | None = text_option()
    description: str | None = text_option()
    link: str | None = url_option()
    self_link: str | None = url_option()
    tag_authority: str = attrs.field(default=f"{STAND_IN_HOST},2022", validator=_check_authority)


class _Meta:
    """Feed-level values, cleaned for XML."""

    def __init__(self, ds: Dataset, options: FeedOptions, suffix: str) -> None:
        language = options.language
        commune = _commune_name(ds, language)
        self.title = options.title or (
            f"{label('feed.title', language)} – {commune}" if commune else ds.title
        )
        self.description = options.description or (
            f"{label('feed.description', language)} {label('of', language)} {commune}"
            if commune
            else label("feed.description", language)
        )
        self.link = options.link or _publisher_site(ds) or stand_in_link(ds.slug)
        self.self_link = options.self_link or stand_in_link(ds.slug, f"feed{suffix}")
        self.guid = f"tag:{options.tag_authority}:{ds.slug}"
        self.author = _publisher_name(ds) or commune or ds.title
        self.language = ds.language


def _commune_name(ds: Dataset, language: Language) -> str | None:
    for unit in ds.units:
        if unit.id == ds.commune:
            return unit_name(unit, language)
    return None


def _valid_url(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return FeedOptions(link=value).link
    except InvalidDataError:
        return None


def _publisher_site(ds: Dataset) -> str | None:
    for org_id in (ds.publisher, ds.reporting_organization):
        for org in ds.organizations:
            if org_id is not None and org.id == org_id:
                site = _valid_url(org.website)
                if site:
                    return site
    return None


def _publisher_name(ds: Dataset) -> str | None:
    for org_id in (ds.publisher, ds.reporting_organization):
        for org in ds.organizations:
            if org_id is not None and org.id == org_id:
                return org.name
    return None


class _DeterministicMixin:
    """The feed date is the latest item's, never the clock's."""

    updated: datetime

    def latest_post_date(self) -> datetime:
        return self.updated


class _Rss(_DeterministicMixin, Rss201rev2Feed):  # type: ignore[misc]
    pass


class _Atom(_DeterministicMixin, Atom1Feed):  # type: ignore[misc]
    pass


class _FeedExporter(Exporter[FeedOptions]):
    """What the two exporters share: everything but the feedgenerator class."""

    options_type = FeedOptions
    _feed_class: ClassVar[type[Any]]

    def problem(self, obj: object, options: FeedOptions) -> str | None:
        """What *obj* needs for a feed (a dataset with a dated item), or ``None``."""
        if not isinstance(obj, Dataset):
            return f"needs a Dataset, not {type(obj).__name__}"
        return None if has_entries(obj) else f"needs {_MISSING}"

    def write(self, obj: Any, stream: BinaryIO, options: FeedOptions) -> None:
        """Write *obj*'s items as a feed, UTF-8 encoded, to *stream*."""
        if not isinstance(obj, Dataset):
            raise ExportError(self.name, "can only export a Dataset", missing="a Dataset")
        meta = _Meta(obj, options, self.suffixes[0])
        entries = build_entries(
            obj,
            language=options.language,
            internal=options.internal,
            authority=options.tag_authority,
            default_author=meta.author,
        )
        if not entries:
            raise ExportError(self.name, f"the dataset has no {_MISSING}", missing=_MISSING)
        feed = self._feed(meta, entries)
        # A StringIO encoded once is much faster than thousands of small encoded writes.
        text = io.StringIO()
        feed.write(text, "utf-8")
        stream.write(text.getvalue().encode("utf-8"))

    def _feed(self, meta: _Meta, entries: list[Entry]) -> Any:
        """Hand *meta* and *entries* to feedgenerator; every text goes through xml_text here."""
        clean = xml_text
        feed = self._feed_class(
            title=clean(meta.title),
            link=clean(meta.link),
            description=clean(meta.description),
            language=clean(meta.language),
            author_name=clean(meta.author),
            feed_url=clean(meta.self_link),
            feed_guid=clean(meta.guid),
        )
        feed.updated = entries[0].date
        escape = html.escape
        add = feed.add_item
        for entry in entries:
            summary = entry.summary
            add(
                title=clean(entry.title),
                link=clean(entry.link),
                description=None if summary is None else clean(escape(summary, quote=False)),
                author_name=None if entry.author is None else clean(entry.author),
                pubdate=entry.date,
                unique_id=clean(entry.guid),
                unique_id_is_permalink=False,
                categories=[clean(c) for c in entry.categories],
            )
        return feed


class RssExporter(_FeedExporter):
    """RSS 2.0: a dataset's news, events and certifications as a feed.

    >>> import io, khuonha
    >>> out = io.BytesIO()
    >>> RssExporter().write(khuonha.sample(), out, FeedOptions())
    >>> b"<guid isPermaLink=\\"false\\">tag:khuonha.invalid,2022:khuon-ha-2022/" in out.getvalue()
    True
    """

    name = "rss"
    description = "RSS 2.0 feed of a dataset's news, events and certifications"
    media_type = "application/rss+xml"
    suffixes = (".rss",)
    _feed_class = _Rss


class AtomExporter(_FeedExporter):
    """Atom 1.0: a dataset's news, events and certifications as a feed.

    >>> import io, khuonha
    >>> out = io.BytesIO()
    >>> atom = AtomExporter()
    >>> atom.write(khuonha.sample(), out, atom.parse_options({"language": "en"}))
    >>> b"<updated>2022-08-10T14:00:00+07:00</updated>" in out.getvalue()
    True
    """

    name = "atom"
    description = "Atom 1.0 feed of a dataset's news, events and certifications"
    media_type = "application/atom+xml"
    suffixes = (".atom",)
    _feed_class = _Atom
