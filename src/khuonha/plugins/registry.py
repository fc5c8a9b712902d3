"""The exporters a plugin host holds, their lookup, and the writing behind ``export``.

Two exporters may claim one name or suffix: both are kept, and only a lookup
of that key fails (:class:`~khuonha.exceptions.DuplicateExporterError` names
both claimants). Writing wraps the exporter: options are decoded by the codec,
``can_export`` is asked first, the stream given to the exporter cannot be
closed by it, and anything an exporter raises that is not the library's own
error becomes :class:`~khuonha.exceptions.ExportError` with the cause chained.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from enum import Enum
from typing import Any, BinaryIO

import attrs

from khuonha.codec.core import to_dict
from khuonha.exceptions import (
    DuplicateExporterError,
    ExporterNotFoundError,
    ExportError,
    KhuonhaError,
)
from khuonha.plugins.atomic import OUTPUT_ERRNOS, KeepOpen, atomic_write
from khuonha.plugins.exporter import Exporter, ExportOptions
from khuonha.plugins.records import PluginInfo, clip

__all__ = ["ExporterRegistry", "Registration", "clip", "export_with"]

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


def can_export(exporter: Exporter[Any], obj: object) -> bool:
    """Ask *exporter* whether it can export *obj*; a check that raises means no."""
    try:
        return bool(exporter.can_export(obj))
    except Exception:
        logger.debug("can_export of %r raised", exporter, exc_info=True)
        return False


def missing(exporter: Exporter[Any], obj: object) -> str | None:
    """What *obj* lacks for *exporter*, when it says so."""
    try:
        said = exporter.missing(obj)
    except Exception:
        return None
    return said if isinstance(said, str) and said else None


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
    except Exception as exc:
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
    except Exception as exc:
        reason = f"the exporter failed: {type(exc).__name__}: {exc}"
        raise ExportError(exporter.name, clip(reason)) from exc


def export_with(
    exporter: Exporter[Any],
    obj: object,
    dest: str | os.PathLike[str] | BinaryIO,
    options: Mapping[str, Any] | ExportOptions | None,
) -> None:
    """Write *obj* with *exporter* to *dest* (a path, atomically, or a binary stream)."""
    opts = _options(exporter, options)
    if not can_export(exporter, obj):
        lacks = missing(exporter, obj)
        needs = f" (it needs {lacks})" if lacks else ""
        reason = f"cannot export this {type(obj).__name__}{needs}"
        raise ExportError(exporter.name, reason, missing=lacks)
    if isinstance(dest, str | os.PathLike):
        with atomic_write(dest) as stream:
            _write(exporter, obj, stream, opts)
    else:
        _write(exporter, obj, dest, opts)
