"""Plugins: loading, failure records, the exporter registry and :func:`export`.

A :class:`PluginHost` loads plugins on first use, never at ``import khuonha``,
and only once:

1. the default plugins (the built-in ``json`` and ``jsonl`` exporters,
   :data:`DEFAULT_PLUGINS`), registered under their module name;
2. the entry points of group ``khuonha``, in name order, one at a time: import
   (with ``sys.stdout`` sent to stderr, so a chatty plugin cannot corrupt an
   export written to stdout), register, check that every hook it implements
   exists (a misspelled hook is that plugin's failure). A plugin whose
   distribution declares what it provides (entry-point groups
   ``khuonha.exporters``, ``khuonha.importers``, ``khuonha.units``,
   ``khuonha.criteria``) is imported only when one of those is first used
   (a lookup by its name or suffix, or a listing), and must register
   exactly what it declares;
3. each plugin's ``khuonha_register_exporters``, called for that plugin
   alone; a result that is not a list of valid :class:`~khuonha.Exporter`
   instances is a malformed registration. ``khuonha_register_criteria`` is
   called only when criteria are asked for (:meth:`PluginHost.criteria`).

A plugin that fails at any step is unregistered and recorded as a
:class:`PluginLoadFailure`; one warning goes to the ``khuonha.plugins.host``
logger (the command line prints it on stderr) and everything else keeps
working. Environment variables:

- ``KHUONHA_STRICT_PLUGINS=1``: a failure, or two exporters claiming one name
  or suffix, raises at load time (use it in CI and in plugins' own tests);
- ``KHUONHA_LOAD_PLUGINS=rss,pdf``: load only these entry points (empty: no
  third-party plugin; the built-ins always load);
- ``KHUONHA_TRACE_PLUGINS=1``: log every loading step and hook call.

When two exporters claim one name or suffix, looking that key up raises
:class:`~khuonha.exceptions.DuplicateExporterError` naming both; every other
key keeps working. The same distribution seen twice (a symlinked
``site-packages``) is one plugin.

>>> host = PluginHost(entry_points=False)
>>> [e.name for e in host.exporters()]
['json', 'jsonl']
>>> host.exporter_for_path("bao-cao.JSONL").name
'jsonl'
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from khuonha.exceptions import (
    DuplicateExporterError,
    ExporterNotFoundError,
    ImporterNotFoundError,
    KhuonhaError,
)
from khuonha.plugins.exporter import Exporter, ExportOptions
from khuonha.plugins.importer import Importer, iter_with, read_with
from khuonha.plugins.loading import Loader
from khuonha.plugins.records import (
    BUILTIN,
    DEFAULT_PLUGINS,
    EntryPointLike,
    PluginInfo,
    PluginLoadFailure,
)
from khuonha.plugins.registry import (
    ImporterRegistration,
    Registration,
    export_with,
    masked_note,
    problem_of,
)
from khuonha.plugins.units import UnitRegistry, merge_unit_registries

if TYPE_CHECKING:
    from khuonha.exceptions import DuplicateImporterError
    from khuonha.model.dataset import Dataset
    from khuonha.rules.criteria import Criterion

__all__ = [
    "BUILTIN",
    "DEFAULT_PLUGINS",
    "PluginHost",
    "PluginInfo",
    "PluginLoadFailure",
    "default_host",
    "export",
    "exporter_for_path",
    "exporters",
    "exporters_for",
    "get_exporter",
    "get_importer",
    "importer_for_path",
    "importers",
    "iter_records",
    "log_to_stderr",
    "read",
    "set_default_host",
]

logger = logging.getLogger("khuonha.plugins")

_T = TypeVar("_T")


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class PluginHost:
    """Loads plugins and holds the exporters they register.

    - ``entry_points``: ``True`` (default) discovers the installed plugins,
      ``False`` loads only the built-ins (for embedding applications and
      tests), or an iterable of entry points to use instead;
    - ``strict``, ``load_plugins``, ``trace``: override ``KHUONHA_STRICT_PLUGINS``,
      ``KHUONHA_LOAD_PLUGINS`` (a comma-separated string or names) and
      ``KHUONHA_TRACE_PLUGINS``; ``None`` reads the variable when loading.
    """

    def __init__(
        self,
        *,
        entry_points: bool | Iterable[EntryPointLike] = True,
        strict: bool | None = None,
        load_plugins: str | Iterable[str] | None = None,
        trace: bool | None = None,
    ) -> None:
        self._entry_points = entry_points if isinstance(entry_points, bool) else list(entry_points)
        self._strict_arg = strict
        self._allow_arg = load_plugins
        self._trace_arg = trace
        self._lock = threading.RLock()
        self._loader: Loader | None = None
        self._error: KhuonhaError | None = None

    @property
    def strict(self) -> bool:
        """Whether failures and conflicts raise at load time."""
        if self._strict_arg is not None:
            return self._strict_arg
        return _env_flag("KHUONHA_STRICT_PLUGINS")

    def _allowed(self) -> set[str] | None:
        value = self._allow_arg
        if value is None:
            value = os.environ.get("KHUONHA_LOAD_PLUGINS")
            if value is None:
                return None
        names = value.split(",") if isinstance(value, str) else value
        return {n.strip() for n in names if n.strip()}

    def _trace_on(self) -> bool:
        on = self._trace_arg if self._trace_arg is not None else _env_flag("KHUONHA_TRACE_PLUGINS")
        if on:
            if logger.getEffectiveLevel() > logging.INFO:
                logger.setLevel(logging.INFO)
            if not logger.hasHandlers():
                logger.addHandler(_StderrHandler())
        return on

    def load(self) -> None:
        """Load the plugins (once; later calls return at once, or re-raise in strict mode).

        A plugin that declares what it provides is imported later, when one of
        those is first used.
        """
        with self._lock:
            if self._loader is None:
                self._loader = Loader(
                    self._entry_points,
                    allowed=self._allowed(),
                    strict=self.strict,
                    trace=self._trace_on(),
                )
                try:
                    self._loader.run()
                except KhuonhaError as exc:
                    self._error = exc
            if self._error is not None:
                raise self._error

    def _loaded(self) -> Loader:
        self.load()
        assert self._loader is not None
        return self._loader

    def _everything(self) -> Loader:
        """The loader, with every plugin imported (declared ones included)."""
        loader = self._loaded()
        loader.load_all()
        return loader

    def plugins(self) -> list[PluginInfo]:
        """The plugins loaded, built-ins (plugin ``khuonha``) first."""
        return list(self._everything().plugins)

    def failures(self) -> list[PluginLoadFailure]:
        """The plugins that failed to load."""
        return list(self._everything().failures)

    def registrations(self) -> list[Registration]:
        """Every exporter registered, contested ones included, in load order."""
        return list(self._everything().registry.registrations)

    def criteria(self) -> list[Criterion]:
        """Every provincial criterion the plugins registered (``khuonha_register_criteria``).

        The hook is called on the first request, not at load time; a plugin
        whose hook fails is charged with it (:meth:`failures`).
        """
        return self._loaded().collect_criteria()

    def unit_registries(self) -> list[UnitRegistry]:
        """Every unit registry plugins registered (``khuonha_register_units``), in load order."""
        return list(self._units().unit_registries)

    def _units(self) -> Loader:
        loader = self._loaded()
        loader.need("units")
        return loader

    def unit_registry(self) -> UnitRegistry:
        """All unit registries merged into one (empty when no plugin provides units).

        The registries are asked in load order; a unit (scheme and code) is
        listed once, from the first registry that knows it.
        """
        return merge_unit_registries(self._units().unit_registries)

    def conflicts(self) -> list[DuplicateExporterError]:
        """One error per name or suffix that two exporters claim."""
        return self._everything().registry.conflicts()

    def names(self) -> list[str]:
        """Every exporter name, contested ones included, sorted."""
        return self._everything().registry.names()

    def _failure_lines(self) -> list[str]:
        return [str(f) for f in self._loaded().failures]

    def _lookup(self, kind: str, key: str, by_path: bool, find: Callable[[Loader], _T]) -> _T:
        """*find* in the loader, after importing the declared plugins that offer *key*.

        When nothing is found, every plugin is imported and *find* asked again, so
        the error lists every name (and every failure).
        """
        loader = self._loaded()
        if by_path:
            loader.need(kind, path=os.path.basename(key).lower())
        else:
            loader.need(kind, key.strip().lower())
        try:
            return find(loader)
        except (ExporterNotFoundError, ImporterNotFoundError):
            loader.load_all()
            return find(loader)

    def get_exporter(self, name: str) -> Exporter[Any]:
        """The exporter called *name* (case does not matter); see :func:`get_exporter`."""
        return self._lookup(
            "exporters", name, False, lambda x: x.registry.get(name, self._failure_lines())
        )

    def exporter_for_path(self, path: str | os.PathLike[str]) -> Exporter[Any]:
        """The exporter whose suffix ends *path*; see :func:`exporter_for_path`."""
        return self._lookup(
            "exporters",
            os.fspath(path),
            True,
            lambda x: x.registry.for_path(path, self._failure_lines()),
        )

    def exporters(self) -> list[Exporter[Any]]:
        """Every usable exporter (not one whose name is contested), sorted by name."""
        return self._everything().registry.usable()

    def exporters_for(
        self, obj: object, options: Mapping[str, Any] | ExportOptions | None = None
    ) -> list[Exporter[Any]]:
        """The exporters that can export *obj* with *options*: the formats worth offering."""
        return [e for e in self.exporters() if problem_of(e, obj, options) is None]

    def export(
        self,
        obj: object,
        format: str | Exporter[Any] | None,
        dest: str | os.PathLike[str] | BinaryIO,
        options: Mapping[str, Any] | ExportOptions | None = None,
    ) -> None:
        """Write *obj* in *format* to *dest*; see :func:`khuonha.export`."""
        if isinstance(format, Exporter):
            exporter = format
        elif format is not None:
            exporter = self.get_exporter(format)
        elif isinstance(dest, str | os.PathLike):
            exporter = self.exporter_for_path(dest)
        else:
            raise ExporterNotFoundError("(none given for a stream)", self.names())
        masked = export_with(exporter, obj, dest, options)
        if masked:
            logger.info("%s", masked_note(exporter, masked))

    # -- importers: the mirror of the exporters ---------------------------------

    def importer_registrations(self) -> list[ImporterRegistration]:
        """Every importer registered, contested ones included, in load order."""
        return list(self._everything().importers.registrations)

    def importer_conflicts(self) -> list[DuplicateImporterError]:
        """One error per name or suffix that two importers claim."""
        return self._everything().importers.conflicts()

    def get_importer(self, name: str) -> Importer:
        """The importer called *name* (case does not matter); see :func:`get_importer`."""
        return self._lookup(
            "importers", name, False, lambda x: x.importers.get(name, self._failure_lines())
        )

    def importer_for_path(self, path: str | os.PathLike[str]) -> Importer:
        """The importer whose suffix ends *path*; see :func:`importer_for_path`."""
        return self._lookup(
            "importers",
            os.fspath(path),
            True,
            lambda x: x.importers.for_path(path, self._failure_lines()),
        )

    def importers(self) -> list[Importer]:
        """Every usable importer (not one whose name is contested), sorted by name."""
        return self._everything().importers.usable()

    def importer_for(
        self, source: str | os.PathLike[str] | BinaryIO, format: str | Importer | None = None
    ) -> Importer:
        """The importer for *source*: *format* when given, else the path's suffix.

        A path without a suffix, and a stream, are read as JSON.
        """
        if isinstance(format, Importer):
            return format
        if format is not None:
            return self.get_importer(format)
        if isinstance(source, str | os.PathLike) and "." in os.path.basename(os.fspath(source)):
            return self.importer_for_path(source)
        return self.get_importer("json")

    def read(
        self,
        source: str | os.PathLike[str] | BinaryIO,
        format: str | Importer | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> Dataset:
        """Read a dataset from *source*; see :func:`read`."""
        return read_with(self.importer_for(source, format), source, options)

    def iter_records(
        self,
        source: str | os.PathLike[str] | BinaryIO,
        format: str | Importer | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> Iterator[tuple[str, Any]]:
        """Yield the records of *source*; see :func:`iter_records`."""
        return iter_with(self.importer_for(source, format), source, options)


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level = record.levelname.lower()
            prefix = "khuonha: " if record.levelno < logging.WARNING else f"khuonha: {level}: "
            stream = sys.stderr
            if stream is not None:
                stream.write(prefix + self.format(record) + "\n")
                stream.flush()
        except Exception:
            self.handleError(record)


def log_to_stderr() -> None:
    """Print khuonha's warnings (a plugin that failed, a conflict) on stderr; idempotent.

    The command line calls this; ``KHUONHA_TRACE_PLUGINS=1`` shows the trace too.
    Applications that configure :mod:`logging` themselves do not need it.
    """
    root = logging.getLogger("khuonha")
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        root.addHandler(_StderrHandler())
    trace = _env_flag("KHUONHA_TRACE_PLUGINS")
    root.setLevel(logging.INFO if trace else logging.WARNING)


# -- the default host -----------------------------------------------------------

_default: PluginHost | None = None
_default_lock = threading.Lock()


def default_host() -> PluginHost:
    """The host the module-level functions use, created on first use."""
    global _default  # noqa: PLW0603 - one lazily created host per process
    with _default_lock:
        if _default is None:
            _default = PluginHost()
        return _default


def set_default_host(host: PluginHost | None) -> PluginHost | None:
    """Replace the default host (``None``: a new one on next use); return the old one."""
    global _default
    with _default_lock:
        old, _default = _default, host
        return old


def get_exporter(name: str) -> Exporter[Any]:
    """Return the installed exporter called *name*.

    >>> get_exporter("json").media_type
    'application/json'

    Raises :class:`~khuonha.exceptions.ExporterNotFoundError` (listing what
    is available and which plugins failed) or, when two plugins claim the
    name, :class:`~khuonha.exceptions.DuplicateExporterError`.
    """
    return default_host().get_exporter(name)


def exporter_for_path(path: str | os.PathLike[str]) -> Exporter[Any]:
    """Return the exporter whose suffix ends *path*.

    >>> exporter_for_path("khuon-ha-2022.json").name
    'json'
    """
    return default_host().exporter_for_path(path)


def exporters() -> list[Exporter[Any]]:
    """Return every usable installed exporter, built-ins included, sorted by name.

    >>> "json" in [e.name for e in exporters()]
    True
    """
    return default_host().exporters()


def exporters_for(
    obj: object, options: Mapping[str, Any] | ExportOptions | None = None
) -> list[Exporter[Any]]:
    """Return the installed exporters that can export *obj* (with *options*, when given).

    >>> import khuonha
    >>> "jsonl" in [e.name for e in exporters_for(khuonha.sample())]
    True
    >>> exporters_for(42)
    []
    """
    return default_host().exporters_for(obj, options)


def export(
    obj: object,
    format: str | Exporter[Any] | None,
    dest: str | os.PathLike[str] | BinaryIO,
    options: Mapping[str, Any] | ExportOptions | None = None,
) -> None:
    """Write *obj* (a Dataset or, where the format allows, a record) in *format* to *dest*.

    - ``format``: an exporter name (``"json"``), an :class:`~khuonha.Exporter`,
      or ``None`` to choose by the suffix of *dest*;
    - ``dest``: a path, written atomically (a temporary file in the same
      directory, then a rename: a failure leaves an earlier file untouched), or
      a binary stream, which is written to and left open;
    - ``options``: a mapping of plain JSON values decoded into the exporter's
      options type (errors name the JSON path), or an options object.

    Unless the exporter writes an archive (``json``, ``jsonl``) or the options
    say ``internal``, it gets *obj* without personal data: :func:`khuonha.redact`,
    and every private person's name masked in free text; the fields masked
    are logged (logger ``khuonha.plugins``, level INFO).

    >>> import io, khuonha
    >>> buf = io.BytesIO()
    >>> export(khuonha.sample(), "json", buf, {"pretty": True})
    >>> buf.getvalue().startswith(b'{\\n  "schema_version": "2.0"')
    True

    Raises :class:`~khuonha.exceptions.ExportError` when the exporter cannot
    render *obj* (naming what is missing) or fails,
    :class:`~khuonha.exceptions.OutputError` when the file cannot be written.
    """
    default_host().export(obj, format, dest, options)


def get_importer(name: str) -> Importer:
    """Return the installed importer called *name*.

    >>> get_importer("jsonl").streams
    True

    Raises :class:`~khuonha.exceptions.ImporterNotFoundError` or, when two
    plugins claim the name, :class:`~khuonha.exceptions.DuplicateImporterError`.
    """
    return default_host().get_importer(name)


def importer_for_path(path: str | os.PathLike[str]) -> Importer:
    """Return the importer whose suffix ends *path*.

    >>> importer_for_path("khuon-ha-2022.jsonl").name
    'jsonl'
    """
    return default_host().importer_for_path(path)


def importers() -> list[Importer]:
    """Return every usable installed importer, built-ins included, sorted by name.

    >>> "jsonl" in [i.name for i in importers()]
    True
    """
    return default_host().importers()


def read(
    source: str | os.PathLike[str] | BinaryIO,
    format: str | Importer | None = None,
    options: Mapping[str, Any] | None = None,
) -> Dataset:
    """Read a dataset from *source* with an installed importer.

    - ``source``: a path, or a binary stream (read, and left open);
    - ``format``: an importer name (``"jsonl"``), an :class:`~khuonha.Importer`,
      or ``None`` to choose by the suffix of *source* (a path without a
      suffix, and a stream, are read as JSON);
    - ``options``: a mapping decoded into the importer's options type.

    >>> import io, khuonha
    >>> buf = io.BytesIO()
    >>> khuonha.export(khuonha.sample(), "jsonl", buf)
    >>> _ = buf.seek(0)
    >>> read(buf, "jsonl") == khuonha.sample()
    True

    Raises :class:`~khuonha.exceptions.DecodeError` listing every problem as
    ``location: reason`` (a JSON path, a line, a cell), or
    :class:`~khuonha.exceptions.ImporterNotFoundError`.
    """
    return default_host().read(source, format, options)


def iter_records(
    source: str | os.PathLike[str] | BinaryIO,
    format: str | Importer | None = None,
    options: Mapping[str, Any] | None = None,
) -> Iterator[tuple[str, Any]]:
    """Yield ``(collection, record)`` for every record of *source*, without a Dataset.

    Importers that stream (``jsonl``) read one record at a time, so memory
    stays flat however large the file; the others read the dataset first.
    Problems are raised together, as one
    :class:`~khuonha.exceptions.DecodeError`, once every line was read
    (references between records are not checked: :func:`read` does that).

    >>> import io, khuonha
    >>> buf = io.BytesIO()
    >>> khuonha.export(khuonha.sample(), "jsonl", buf)
    >>> _ = buf.seek(0)
    >>> next(iter_records(buf, "jsonl"))[0]
    'units'
    """
    return default_host().iter_records(source, format, options)
