"""The exporter contract.

An exporter turns a :class:`~khuonha.Dataset` (and, where it makes sense, a
single record) into bytes of one format. Plugins provide exporters through
the ``khuonha_register_exporters`` hook; the built-in ``json`` and ``jsonl``
exporters register the same way.

An exporter is a *publication* unless it declares itself an *archive*
(``archive = True``: lossless, personal data included, as ``json`` and
``jsonl``). The plugin host hands a publication the data without personal
data (:func:`khuonha.redact`, and private names masked in free text) unless
the caller asked for an internal export, so a publication never has to
remove personal data itself.

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

        def problem(self, obj, options):
            if not isinstance(obj, Dataset) or not obj.activities:
                return "needs a dataset with at least one activity"
            return None

        def write(self, obj, stream, options):
            ...

Text formats subclass :class:`TextExporter` instead and write to a text stream.
"""

from __future__ import annotations

import abc
import inspect
import io
import typing
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO, ClassVar, Generic, TextIO, TypeVar

import attrs

from khuonha.codec.core import from_dict
from khuonha.model.news import url_field
from khuonha.plugins._formats import format_problems
from khuonha.text.fields import text_optional
from khuonha.text.language import Language

__all__ = [
    "ExportOptions",
    "Exporter",
    "Language",
    "TextExporter",
    "text_option",
    "url_option",
]


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


class Exporter(abc.ABC, Generic[O]):
    """Base class of every exporter.

    Subclasses set the class attributes and implement :meth:`problem` and
    :meth:`write`. Output must be deterministic: the same object and options
    give the same bytes (dates come from the data or the options, never the clock).

    Exporters written to the first contract, with ``can_export(obj)`` (or
    ``can_export(obj, options)``) and ``missing(obj)`` instead of
    :meth:`problem`, keep working: the default :meth:`problem` asks them.
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
    #: ``True`` for a lossless archive that carries personal data (``json``, ``jsonl``);
    #: ``False`` (the default) for a publication, which the host gives redacted data.
    archive: ClassVar[bool] = False

    def problem(self, obj: object, options: O) -> str | None:
        """What *obj* needs before this format can render it, or ``None`` when it can.

        Say what is needed ("needs at least one event"), never the reverse;
        cheap, never raises. The default asks the first contract's
        :meth:`can_export` (with *options* when it takes them) and words the
        refusal from :meth:`missing`.
        """
        cls = type(self)
        if cls.can_export is Exporter.can_export:
            return None  # neither method given: check_metadata reports it
        try:
            ok = self.can_export(obj, options) if _takes_options(cls) else self.can_export(obj)
        except Exception as exc:
            return f"needs data its check accepts (the check raised {type(exc).__name__})"
        if ok:
            return None
        try:
            said = self.missing(obj)
        except Exception:
            said = None
        if not isinstance(said, str) or not said.strip():
            return f"needs data of another kind than this {type(obj).__name__}"
        said = said.strip()
        return said if said.startswith("needs ") else f"needs {said}"

    def can_export(self, obj: object, options: O | None = None) -> bool:
        """Whether :meth:`write` can render *obj*: :meth:`problem` finds nothing.

        The first contract's check; cheap, never raises.
        """
        if type(self).problem is Exporter.problem:
            return False
        opts = options if options is not None else self.parse_options(None)
        return self.problem(obj, opts) is None

    @abc.abstractmethod
    def write(self, obj: Any, stream: BinaryIO, options: O) -> None:
        """Write *obj* to the binary *stream* in this format.

        Raise :class:`~khuonha.exceptions.ExportError` naming the missing data
        when *obj* cannot be rendered.
        """

    #: Whether :meth:`write_records` writes a dataset given record by record (flat memory).
    streams: ClassVar[bool] = False

    def write_records(
        self,
        own: Mapping[str, Any],
        records: Iterable[tuple[str, Any]],
        target: Any,
        options: O,
    ) -> None:
        """Write a dataset that is never built: *own*, its own fields as plain JSON (as the
        canonical document has them, records left out), and its ``(collection, record)``
        pairs in the order :meth:`khuonha.Dataset.records` gives them.

        For exporters that set :attr:`streams`. *target* is a binary stream, or
        a folder (a :class:`~pathlib.Path`) for one that writes a folder. The
        records may raise at their end (a problem the reader found): let it
        through; the host then discards what was written. The host streams only
        archives and internal exports: a publication needs the redacted dataset.
        """
        from khuonha.exceptions import ExportError  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        raise ExportError(self.name, "sets streams but does not define write_records")

    def plain(self, obj: Any) -> Any:
        """*obj* as plain JSON data (dicts, lists, strings, numbers): what
        :func:`khuonha.dumps` writes, without writing and parsing the text.

        For exporters that lay a record out in their own format (cells of a
        workbook); the mirror of :meth:`khuonha.Importer.dataset_from`.
        """
        from khuonha.codec.core import to_dict  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        return to_dict(obj)

    def missing(self, obj: object) -> str | None:
        """The first contract: what *obj* lacks for this format, or ``None``.

        New exporters say it in :meth:`problem` instead.
        """
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
        media = getattr(cls, "media_type", None)
        problems = format_problems(
            cls,
            None
            if isinstance(media, str) and "/" in media
            else f"media_type must be a media type, got {media!r}",
            ExportOptions,
        )
        if not isinstance(getattr(cls, "archive", False), bool):
            problems.append("archive must be True or False")
        if cls.problem is Exporter.problem and cls.can_export is Exporter.can_export:
            problems.append("implement problem(obj, options) (or the older can_export(obj))")
        return problems

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self, 'name', '?')!r}>"


_TAKES_OPTIONS: dict[type, bool] = {}


def _takes_options(cls: type) -> bool:
    """Whether ``cls.can_export`` accepts options after the object (cached per class)."""
    known = _TAKES_OPTIONS.get(cls)
    if known is None:
        try:
            method = getattr(cls, "can_export")  # noqa: B009 - any class, typed loosely
            params = list(inspect.signature(method).parameters.values())[1:]
        except (TypeError, ValueError):
            params = []
        positional = [
            p
            for p in params
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
        ]
        known = len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in positional)
        _TAKES_OPTIONS[cls] = known
    return known


class TextExporter(Exporter[O]):
    """An exporter of a text format (CSV, Markdown …): implement :meth:`write_text`.

    The host still gives :meth:`write` a binary stream; this class wraps it
    in UTF-8 text (``newline`` as given by :attr:`newline`, ``""``: written
    as is), flushes and detaches the wrapper so the stream stays open.

    >>> import io
    >>> class Hello(TextExporter[ExportOptions]):
    ...     name, description, media_type, suffixes = "hello", "Hi", "text/plain", (".txt",)
    ...     def problem(self, obj, options):
    ...         return None
    ...     def write_text(self, obj, out, options):
    ...         out.write(f"Xin chào {obj}\\n")
    >>> buf = io.BytesIO()
    >>> Hello().write("Hà Giang", buf, ExportOptions())
    >>> buf.getvalue().decode()
    'Xin chào Hà Giang\\n'
    """

    #: The encoding of the output.
    encoding: ClassVar[str] = "utf-8"
    #: ``newline`` of the text wrapper: ``""`` writes line ends as given.
    newline: ClassVar[str | None] = ""

    @abc.abstractmethod
    def write_text(self, obj: Any, out: TextIO, options: O) -> None:
        """Write *obj* as text to *out*; do not close it."""

    def write(self, obj: Any, stream: BinaryIO, options: O) -> None:
        """Wrap *stream* in text, call :meth:`write_text`, then detach (the stream stays open)."""
        wrapper = io.TextIOWrapper(
            typing.cast("Any", stream), encoding=self.encoding, newline=self.newline
        )
        try:
            self.write_text(obj, wrapper, options)
            wrapper.flush()
        finally:
            wrapper.detach()
