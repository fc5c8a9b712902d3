"""The exporter contract.

An exporter turns a :class:`~khuonha.Dataset` (and, where it makes sense, a
single record) into bytes of one format. Plugins provide exporters through
the ``khuonha_register_exporters`` hook; the built-in ``json`` and ``jsonl``
exporters register the same way.

A minimal exporter::

    import attrs
    from khuonha.plugins.exporter import Exporter, ExportOptions

    @attrs.frozen(kw_only=True)
    class CsvOptions(ExportOptions):
        delimiter: str = ","

    class CsvExporter(Exporter[CsvOptions]):
        name = "csv"
        description = "Activity statistics as CSV"
        media_type = "text/csv"
        suffixes = (".csv",)
        options_type = CsvOptions

        def can_export(self, obj):
            return isinstance(obj, Dataset) and bool(obj.activities)

        def write(self, obj, stream, options):
            ...
"""

from __future__ import annotations

import abc
import re
import typing
from collections.abc import Mapping
from typing import Any, BinaryIO, ClassVar, Generic, TypeVar

import attrs

from khuonha.codec.core import from_dict
from khuonha.model.news import url_field
from khuonha.text.fields import text_optional
from khuonha.text.language import Language

__all__ = ["ExportOptions", "Exporter", "Language", "text_option", "url_option"]


@attrs.frozen(kw_only=True)
class ExportOptions:
    """Options every exporter accepts; an exporter's own options type subclasses this.

    - ``language``: labels for people in Vietnamese (``vi``, default) or English (``en``);
      the data itself is never translated;
    - ``internal``: include personal data (Nghị định 13/2023/NĐ-CP) in an export meant for
      internal use only; public exports (the default) never contain it.
    """

    language: Language = Language.VI
    internal: bool = False


def text_option() -> Any:
    """An optional text field of an options class: NFC, lone surrogates refused.

    Like every text field of the models, so an option given in NFD reaches
    the exporter in NFC, and bad text is a decode error naming the option.

    >>> @attrs.frozen(kw_only=True)
    ... class TitledOptions(ExportOptions):
    ...     title: str | None = text_option()
    >>> TitledOptions(title="Thu\u0301y").title == "Thúy"
    True
    """
    return text_optional()


def url_option() -> Any:
    """An optional field of an options class holding an absolute http(s) URL.

    A value that is not one (a space, another scheme) raises
    :class:`~khuonha.exceptions.InvalidDataError` naming the option.

    >>> @attrs.frozen(kw_only=True)
    ... class LinkedOptions(ExportOptions):
    ...     link: str | None = url_option()
    >>> LinkedOptions(link="ftp://example.invalid/")
    Traceback (most recent call last):
    ...
    khuonha.exceptions.InvalidDataError: link: expected an absolute http(s) URL, got 'ftp://example.invalid/'
    """
    return url_field()


O = TypeVar("O", bound=ExportOptions)  # noqa: E741 - short, as in Generic[O]

_NAME = re.compile(r"[a-z][a-z0-9_-]*\Z")


class Exporter(abc.ABC, Generic[O]):
    """Base class of every exporter.

    Subclasses set the class attributes and implement :meth:`can_export` and
    :meth:`write`. Output must be deterministic: the same object and options
    give the same bytes (dates come from the data or the options, never the clock).
    """

    #: ASCII slug naming the format (``"rss"``).
    name: ClassVar[str]
    #: One line saying what the format is for.
    description: ClassVar[str]
    #: The IANA media type of the output.
    media_type: ClassVar[str]
    #: Lower-case file suffixes with the dot, the preferred one first (``(".rss",)``).
    suffixes: ClassVar[tuple[str, ...]]
    #: The attrs class of the options, decoded by the core codec.
    options_type: ClassVar[type[Any]] = ExportOptions

    @abc.abstractmethod
    def can_export(self, obj: object) -> bool:
        """Whether :meth:`write` can render *obj*; cheap, never raises."""

    @abc.abstractmethod
    def write(self, obj: Any, stream: BinaryIO, options: O) -> None:
        """Write *obj* to the binary *stream* in this format.

        Raise :class:`~khuonha.exceptions.ExportError` naming the missing data
        when *obj* cannot be rendered.
        """

    def missing(self, obj: object) -> str | None:
        """Say what *obj* lacks for this format, or ``None`` (used in error messages)."""
        return None

    def parse_options(self, options: Mapping[str, Any] | O | None = None) -> O:
        """Decode *options* (a mapping of plain JSON values) into :attr:`options_type`.

        Problems are reported by the codec with JSON paths (``$.pretty: ...``).
        """
        if options is None:
            return typing.cast("O", self.options_type())
        if isinstance(options, self.options_type):
            return typing.cast("O", options)

        data = dict(typing.cast("Mapping[str, Any]", options))
        return typing.cast("O", from_dict(data, self.options_type))

    @classmethod
    def check_metadata(cls) -> list[str]:
        """Return problems with this exporter's metadata (empty when valid)."""
        problems = []
        name = getattr(cls, "name", None)
        if not isinstance(name, str) or _NAME.match(name) is None:
            problems.append(f"name must be an ASCII slug, got {name!r}")
        desc = getattr(cls, "description", None)
        if not isinstance(desc, str) or not desc.strip() or "\n" in desc:
            problems.append("description must be one non-empty line")
        media = getattr(cls, "media_type", None)
        if not isinstance(media, str) or "/" not in media:
            problems.append(f"media_type must be a media type, got {media!r}")
        suffixes = getattr(cls, "suffixes", None)
        if (
            not isinstance(suffixes, tuple)
            or not suffixes
            or not all(isinstance(s, str) and re.fullmatch(r"\.[a-z0-9.]+", s) for s in suffixes)
        ):
            problems.append(f"suffixes must be lower-case '.ext' strings, got {suffixes!r}")
        opts = getattr(cls, "options_type", None)
        if not (isinstance(opts, type) and attrs.has(opts) and issubclass(opts, ExportOptions)):
            problems.append("options_type must be an attrs subclass of ExportOptions")
        return problems

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self, 'name', '?')!r}>"
