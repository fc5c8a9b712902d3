"""The importer contract: the mirror of :mod:`khuonha.plugins.exporter`.

An importer reads bytes of one format into a :class:`~khuonha.Dataset` and,
where the format allows, streams its records one by one. Plugins provide
importers through the ``khuonha_register_importers`` hook; the built-in
``json`` and ``jsonl`` importers register the same way.

Problems are reported all at once as one :class:`~khuonha.exceptions.DecodeError`
whose ``errors`` are ``location: reason`` lines: a JSON path
(``$.activities[3].participants: …``), a line number (``line 7: …``) or a
cell address (``Hoạt động!C7: …``).

A minimal importer::

    from khuonha.plugins.importer import Importer

    class CsvImporter(Importer):
        name = "csv"
        description = "Activity statistics from CSV"
        media_types = ("text/csv",)
        suffixes = (".csv",)

        def read(self, stream, options):
            ...  # build and return a Dataset
"""

from __future__ import annotations

import abc
import contextlib
import os
import typing
from collections.abc import Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

import attrs

from khuonha.plugins._formats import format_problems

if TYPE_CHECKING:
    from khuonha.model.dataset import Dataset

__all__ = ["ImportOptions", "Importer", "iter_checked_with", "iter_with", "read_with"]


@attrs.frozen(kw_only=True)
class ImportOptions:
    """Options every importer accepts; an importer's own options type subclasses this.

    None yet: the type exists so that an importer's options are decoded by the
    codec (errors with JSON paths), as an exporter's are.
    """


class Importer(abc.ABC):
    """Base class of every importer.

    Subclasses set the class attributes and implement :meth:`read`; one that
    can read record by record overrides :meth:`iter_records` too and sets
    :attr:`streams`. Every problem found goes into one
    :class:`~khuonha.exceptions.DecodeError` of ``location: reason`` lines.
    """

    #: ASCII slug naming the format (``"xlsx"``).
    name: ClassVar[str]
    #: One line saying what the format is.
    description: ClassVar[str]
    #: The IANA media types read, the preferred one first.
    media_types: ClassVar[tuple[str, ...]]
    #: Lower-case file suffixes with the dot, the preferred one first (``(".xlsx",)``).
    suffixes: ClassVar[tuple[str, ...]]
    #: The attrs class of the options, decoded by the core codec.
    options_type: ClassVar[type[Any]] = ImportOptions
    #: Whether :meth:`iter_records` reads record by record (memory stays flat).
    streams: ClassVar[bool] = False

    @property
    def media_type(self) -> str:
        """The preferred media type (the first of :attr:`media_types`)."""
        return self.media_types[0]

    @abc.abstractmethod
    def read(self, stream: BinaryIO, options: Any) -> Dataset:
        """Read the binary *stream* into a dataset.

        Raise :class:`~khuonha.exceptions.DecodeError` listing every problem,
        each as ``location: reason``.
        """

    def iter_records(self, stream: BinaryIO, options: Any) -> Iterator[tuple[str, Any]]:
        """Yield ``(collection, record)`` for every record of *stream*.

        The default reads the whole dataset first; an importer whose format
        allows it reads record by record instead (and sets :attr:`streams`).
        """
        yield from self.read(stream, options).records()

    def dataset_from(self, data: Mapping[str, Any]) -> Dataset:
        """Build the dataset from plain JSON data (dicts, lists, strings, numbers).

        For importers that turn another format into the data of the JSON
        document (cells of a workbook): the dataset is checked exactly as
        :func:`khuonha.loads` checks a document (an older schema upgraded, a
        newer refused; problems as JSON paths in one
        :class:`~khuonha.exceptions.DecodeError`), without writing and parsing
        JSON text in between.
        """
        from khuonha.codec.core import decode  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap
        from khuonha.model.dataset import Dataset  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        found: Dataset = decode(data, Dataset)
        return found

    def parse_options(self, options: Mapping[str, Any] | Any = None) -> Any:
        """Decode *options* (a mapping of plain JSON values) into :attr:`options_type`."""
        if options is None:
            return self.options_type()
        if isinstance(options, self.options_type):
            return options
        from khuonha.codec.core import from_dict  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        data = dict(typing.cast("Mapping[str, Any]", options))
        return from_dict(data, self.options_type)

    @classmethod
    def check_metadata(cls) -> list[str]:
        """Return problems with this importer's metadata (empty when valid)."""
        media = getattr(cls, "media_types", None)
        return format_problems(
            cls,
            None
            if isinstance(media, tuple)
            and media
            and all(isinstance(m, str) and "/" in m for m in media)
            else f"media_types must be a tuple of media types, got {media!r}",
            ImportOptions,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self, 'name', '?')!r}>"


def _opened(source: str | os.PathLike[str]) -> BinaryIO:
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    try:
        return open(source, "rb")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DecodeError([f"$: cannot read {os.fspath(source)!r}: {reason}"]) from None


def _failed(importer: Importer, exc: Exception) -> Exception:
    """What an importer's own error (a bug or a library's complaint) becomes."""
    from khuonha.exceptions import DecodeError, KhuonhaError  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    if isinstance(exc, KhuonhaError):
        return exc
    text = " ".join(str(exc).split())[:300]
    return DecodeError([f"$: the {importer.name} importer failed: {type(exc).__name__}: {text}"])


@contextlib.contextmanager
def _reading(importer: Importer, source: str | os.PathLike[str] | BinaryIO) -> Iterator[BinaryIO]:
    """*source* as a binary stream (opened here for a path, and closed); what the importer
    raises is charged to it, as :func:`_failed` words it."""
    stream = _opened(source) if isinstance(source, str | os.PathLike) else source
    try:
        yield stream
    except Exception as exc:
        failure = _failed(importer, exc)
        if failure is exc:
            raise
        raise failure from exc
    finally:
        if stream is not source:
            stream.close()


def read_with(
    importer: Importer, source: str | os.PathLike[str] | BinaryIO, options: Any = None
) -> Dataset:
    """Read *source* (a path or a binary stream, left open) with *importer*."""
    opts = importer.parse_options(options)
    with _reading(importer, source) as stream:
        return importer.read(stream, opts)


def iter_with(
    importer: Importer, source: str | os.PathLike[str] | BinaryIO, options: Any = None
) -> Iterator[tuple[str, Any]]:
    """Yield the records of *source* with *importer* (streamed when it streams)."""
    opts = importer.parse_options(options)
    with _reading(importer, source) as stream:
        yield from importer.iter_records(stream, opts)


def iter_checked_with(
    importer: Importer, source: str | os.PathLike[str] | BinaryIO, options: Any = None
) -> Generator[tuple[str, str, Any], None, None]:
    """``(where, collection, payload)`` of *source*, streamed and checked as a read checks.

    For importers that stream and check the references between records as
    they go (an ``iter_checked`` method, as the ``jsonl`` importer has): the
    first item is ``(where, "dataset", fields)``, the dataset's own fields as
    plain JSON; every problem is raised at the end.
    """
    checked = getattr(importer, "iter_checked", None)
    if checked is None:
        from khuonha.exceptions import KhuonhaError  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        raise KhuonhaError(f"the {importer.name} importer does not check records as it streams")
    opts = importer.parse_options(options)
    with _reading(importer, source) as stream:
        yield from checked(stream, opts)
