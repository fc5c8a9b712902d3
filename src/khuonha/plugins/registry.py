"""The exporters a plugin host holds, their lookup, and the writing behind ``export``.

Two exporters may claim one name or suffix: both are kept, and only a lookup
of that key fails (:class:`~khuonha.exceptions.DuplicateExporterError` names
both claimants). Writing wraps the exporter: options are decoded by the codec,
:func:`problem_of` is asked first, a publication (any exporter that is not an
archive) gets the data without personal data unless the options say
``internal``, the stream given to the exporter cannot be closed by it, and
anything an exporter raises that is not the library's own error (``SystemExit``
included; not ``KeyboardInterrupt``) becomes
:class:`~khuonha.exceptions.ExportError` with the cause chained.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, BinaryIO

import attrs

from khuonha.codec.core import to_dict
from khuonha.exceptions import (
    DuplicateExporterError,
    DuplicateImporterError,
    ExporterNotFoundError,
    ExportError,
    ImporterNotFoundError,
    KhuonhaError,
)
from khuonha.plugins.atomic import OUTPUT_ERRNOS, KeepOpen, atomic_write
from khuonha.plugins.exporter import Exporter, ExportOptions
from khuonha.plugins.importer import Importer
from khuonha.plugins.privacy import Redaction, public_view
from khuonha.plugins.records import PluginInfo, clip

__all__ = [
    "ExporterRegistry",
    "ImporterRegistration",
    "ImporterRegistry",
    "Registration",
    "clip",
    "export_records",
    "export_with",
    "is_publication",
    "masked_note",
    "problem_of",
]

logger = logging.getLogger("khuonha.plugins")


@attrs.frozen
class Registration:
    """An exporter and the plugin that registered it."""

    exporter: Exporter[Any] = attrs.field(eq=False)
    plugin: PluginInfo

    def __str__(self) -> str:
        return f"{self.exporter.name!r} from {self.plugin}"


class ExporterRegistry:
    """Exporters by name and by suffix, every claimant kept."""

    def __init__(self) -> None:
        self.registrations: list[Registration] = []
        self.by_name: dict[str, list[Registration]] = {}
        self.by_suffix: dict[str, list[Registration]] = {}

    def add(self, reg: Registration) -> None:
        """Add one exporter (a name or suffix already claimed makes a conflict)."""
        self.registrations.append(reg)
        self.by_name.setdefault(reg.exporter.name, []).append(reg)
        for suffix in dict.fromkeys(s.lower() for s in reg.exporter.suffixes):
            self.by_suffix.setdefault(suffix, []).append(reg)

    def conflicts(self) -> list[DuplicateExporterError]:
        """One error per name or suffix that two exporters claim."""
        out = []
        for index in (self.by_name, self.by_suffix):
            for key, claims in index.items():
                if len(claims) > 1:
                    out.append(DuplicateExporterError(key, str(claims[0]), str(claims[1])))
        return out

    def names(self) -> list[str]:
        """Every exporter name, contested ones included, sorted."""
        return sorted(self.by_name)

    def get(self, name: str, failures: list[str]) -> Exporter[Any]:
        """The exporter called *name*; *failures* go into the not-found error."""
        claims = self.by_name.get(name.strip().lower())
        if not claims:
            raise ExporterNotFoundError(name, self.names(), failures)
        if len(claims) > 1:
            raise DuplicateExporterError(claims[0].exporter.name, str(claims[0]), str(claims[1]))
        return claims[0].exporter

    def for_path(self, path: str | os.PathLike[str], failures: list[str]) -> Exporter[Any]:
        """The exporter whose suffix ends *path* (lower-cased; the longest suffix wins)."""
        filename = os.path.basename(os.fspath(path)).lower()
        matches = [s for s in self.by_suffix if filename.endswith(s)]
        if not matches:
            _stem, dot, ext = filename.rpartition(".")
            wanted = f".{ext}" if dot else filename
            raise ExporterNotFoundError(wanted, sorted(self.by_suffix), failures)
        suffix = max(matches, key=len)
        claims = self.by_suffix[suffix]
        if len(claims) > 1:
            raise DuplicateExporterError(suffix, str(claims[0]), str(claims[1]))
        return claims[0].exporter

    def usable(self) -> list[Exporter[Any]]:
        """Every exporter whose name is not contested, sorted by name."""
        return [c[0].exporter for _, c in sorted(self.by_name.items()) if len(c) == 1]


def problem_of(exporter: Exporter[Any], obj: object, options: Any = None) -> str | None:
    """What *obj* needs before *exporter* can write it, or ``None`` when it can.

    *options* is an options object or mapping (``None``: the defaults);
    options the exporter cannot decode, or a check that raises, are a problem too.
    """
    try:
        opts = _options(exporter, options)
    except KhuonhaError as exc:
        return f"needs valid options ({exc})"
    try:
        said = exporter.problem(obj, opts)
    except (Exception, SystemExit) as exc:
        logger.debug("problem() of %r raised", exporter, exc_info=True)
        return clip(f"needs data its check accepts (the check raised {type(exc).__name__})")
    if said is None:
        return None
    text = said.strip() if isinstance(said, str) else ""
    return clip(text) if text else "needs data of another kind"


def is_publication(exporter: Exporter[Any], options: Any) -> bool:
    """Whether *exporter*, with these decoded *options*, writes for the public."""
    return not (getattr(exporter, "archive", False) is True or getattr(options, "internal", False))


def masked_note(exporter: Exporter[Any], paths: tuple[str, ...]) -> str:
    """The note telling the user where private names were masked.

    >>> from khuonha.plugins.json_exporters import JsonExporter
    >>> masked_note(JsonExporter(), ("events[0].name", "news[0].lead"))
    'json: masked a private name in events[0].name, news[0].lead'
    """
    shown = ", ".join(paths[:20])
    more = f" and {len(paths) - 20} more" if len(paths) > 20 else ""
    return f"{exporter.name}: masked a private name in {shown}{more}"


def _plain(value: Any) -> Any:

    return value.value if isinstance(value, Enum) else to_dict(value)


def _options(exporter: Exporter[Any], options: Mapping[str, Any] | ExportOptions | None) -> Any:
    if isinstance(options, ExportOptions) and not isinstance(options, exporter.options_type):
        # Another exporter's options: carry over the fields this exporter also has.
        wanted = {f.name for f in attrs.fields(exporter.options_type)}
        options = {
            f.name: _plain(getattr(options, f.name))
            for f in attrs.fields(type(options))
            if f.name in wanted
        }
    try:
        return exporter.parse_options(options)
    except KhuonhaError:
        raise
    except (Exception, SystemExit) as exc:
        reason = f"invalid options: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc


def _write(exporter: Exporter[Any], obj: object, stream: BinaryIO, options: Any) -> None:

    guarded = KeepOpen(stream)
    try:
        exporter.write(obj, guarded, options)  # type: ignore[arg-type]
        guarded.flush()
    except KhuonhaError:
        raise
    except OSError as exc:
        if exc.errno in OUTPUT_ERRNOS:
            raise  # the output's problem: atomic_write names the file
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc
    except (Exception, SystemExit) as exc:
        # Any failure of the plugin is the plugin's, SystemExit and other
        # BaseExceptions included; Ctrl-C (KeyboardInterrupt) still stops everything.
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | GeneratorExit):
            raise
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc


def export_with(
    exporter: Exporter[Any],
    obj: object,
    dest: str | os.PathLike[str] | BinaryIO,
    options: Mapping[str, Any] | ExportOptions | None,
    *,
    public: Redaction | None = None,
) -> tuple[str, ...]:
    """Write *obj* with *exporter* to *dest* (a path, atomically, or a binary stream).

    The one path every export takes (:func:`khuonha.export`, the host, the
    command line). A publication gets :func:`~khuonha.plugins.privacy.public_view`
    of *obj* unless the options say ``internal``; *public* is that view when
    the caller has it already (one per object, shared between formats).
    Returns the JSON paths of the fields where a private name was masked.
    """
    opts = _options(exporter, options)
    needs = problem_of(exporter, obj, opts)
    if needs is not None:
        reason = f"cannot export this {type(obj).__name__}: {needs}"
        lacks = needs.removeprefix("needs ").strip() or None
        raise ExportError(exporter.name, reason, missing=lacks)
    masked: tuple[str, ...] = ()
    if is_publication(exporter, opts):
        view = public if public is not None else public_view(obj)
        obj, masked = view.data, view.masked
    if isinstance(dest, str | os.PathLike) and callable(getattr(exporter, "write_directory", None)):
        _write_directory(exporter, obj, dest, opts)
        return masked
    if isinstance(dest, str | os.PathLike):
        with atomic_write(dest) as stream:
            _write(exporter, obj, stream, opts)
    else:
        _write(exporter, obj, dest, opts)
    return masked


def export_records(
    exporter: Exporter[Any],
    own: Mapping[str, Any],
    records: Iterable[tuple[str, Any]],
    dest: str | os.PathLike[str] | BinaryIO,
    options: Mapping[str, Any] | ExportOptions | None = None,
) -> None:
    """Write a dataset given record by record (see :meth:`Exporter.write_records`).

    Only for an exporter that streams, writing an archive or an internal
    export (a publication needs :func:`~khuonha.plugins.privacy.public_view`
    of the whole dataset). A path is written atomically: when the records
    raise (a problem found at the end of the input), nothing is left behind.
    """
    opts = _options(exporter, options)
    if not getattr(exporter, "streams", False) or is_publication(exporter, opts):
        raise ExportError(exporter.name, "cannot write a dataset record by record")
    if getattr(exporter, "writes_directory", False):
        from pathlib import Path  # noqa: PLC0415

        if not isinstance(dest, str | os.PathLike):
            raise ExportError(exporter.name, "writes a folder: give a directory, not a stream")
        _guarded(exporter, dest, lambda: exporter.write_records(own, records, Path(dest), opts))
    elif isinstance(dest, str | os.PathLike):
        with atomic_write(dest) as stream:
            _write_streamed(exporter, own, records, stream, opts)
    else:
        _write_streamed(exporter, own, records, dest, opts)


def _write_streamed(
    exporter: Exporter[Any],
    own: Mapping[str, Any],
    records: Iterable[tuple[str, Any]],
    stream: BinaryIO,
    options: Any,
) -> None:
    guarded = KeepOpen(stream)

    def write() -> None:
        exporter.write_records(own, records, guarded, options)
        guarded.flush()

    _guarded(exporter, None, write)


def _guarded(exporter: Exporter[Any], folder: Any, write: Any) -> None:
    """Run *write*; the plugin's own failures become an ExportError naming it."""
    from khuonha.exceptions import OutputError  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    try:
        write()
    except KhuonhaError:
        raise
    except OSError as exc:
        if folder is not None:
            raise OutputError(os.fspath(folder), exc.strerror or str(exc)) from exc
        if exc.errno in OUTPUT_ERRNOS:
            raise
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc
    except Exception as exc:
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc


def _write_directory(
    exporter: Exporter[Any], obj: object, dest: str | os.PathLike[str], options: Any
) -> None:
    """An exporter that writes a folder of files (``write_directory``), errors wrapped."""
    from pathlib import Path  # noqa: PLC0415

    from khuonha.exceptions import OutputError  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    try:
        exporter.write_directory(obj, Path(dest), options)  # type: ignore[attr-defined]
    except KhuonhaError:
        raise
    except OSError as exc:
        raise OutputError(os.fspath(dest), exc.strerror or str(exc)) from exc
    except Exception as exc:
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc


# -- importers: the mirror of the exporters above --------------------------------


@attrs.frozen
class ImporterRegistration:
    """An importer and the plugin that registered it."""

    importer: Importer = attrs.field(eq=False)
    plugin: PluginInfo

    def __str__(self) -> str:
        return f"{self.importer.name!r} from {self.plugin}"


class ImporterRegistry:
    """Importers by name and by suffix, every claimant kept (as :class:`ExporterRegistry`)."""

    def __init__(self) -> None:
        self.registrations: list[ImporterRegistration] = []
        self.by_name: dict[str, list[ImporterRegistration]] = {}
        self.by_suffix: dict[str, list[ImporterRegistration]] = {}

    def add(self, reg: ImporterRegistration) -> None:
        """Add one importer (a name or suffix already claimed makes a conflict)."""
        self.registrations.append(reg)
        self.by_name.setdefault(reg.importer.name, []).append(reg)
        for suffix in dict.fromkeys(s.lower() for s in reg.importer.suffixes):
            self.by_suffix.setdefault(suffix, []).append(reg)

    def conflicts(self) -> list[DuplicateImporterError]:
        """One error per name or suffix that two importers claim."""
        out = []
        for index in (self.by_name, self.by_suffix):
            for key, claims in index.items():
                if len(claims) > 1:
                    out.append(DuplicateImporterError(key, str(claims[0]), str(claims[1])))
        return out

    def names(self) -> list[str]:
        """Every importer name, contested ones included, sorted."""
        return sorted(self.by_name)

    def get(self, name: str, failures: list[str]) -> Importer:
        """The importer called *name*; *failures* go into the not-found error."""
        claims = self.by_name.get(name.strip().lower())
        if not claims:
            raise ImporterNotFoundError(name, self.names(), failures)
        if len(claims) > 1:
            raise DuplicateImporterError(claims[0].importer.name, str(claims[0]), str(claims[1]))
        return claims[0].importer

    def for_path(self, path: str | os.PathLike[str], failures: list[str]) -> Importer:
        """The importer whose suffix ends *path* (lower-cased; the longest suffix wins)."""
        filename = os.path.basename(os.fspath(path)).lower()
        matches = [s for s in self.by_suffix if filename.endswith(s)]
        if not matches:
            _stem, dot, ext = filename.rpartition(".")
            wanted = f".{ext}" if dot else filename
            raise ImporterNotFoundError(wanted, sorted(self.by_suffix), failures)
        suffix = max(matches, key=len)
        claims = self.by_suffix[suffix]
        if len(claims) > 1:
            raise DuplicateImporterError(suffix, str(claims[0]), str(claims[1]))
        return claims[0].importer

    def usable(self) -> list[Importer]:
        """Every importer whose name is not contested, sorted by name."""
        return [c[0].importer for _, c in sorted(self.by_name.items()) if len(c) == 1]
