"""Loading plugins with pluggy, one at a time, each failure charged to its plugin.

The steps (see :mod:`khuonha.plugins.host` for the rules users see):

1. register the default plugins under their module names;
2. for each entry point of group ``khuonha``, in name order: skip it when the
   allow-list leaves it out or its distribution was seen already; import it
   (``print`` goes to stderr); register it; check its hooks exist;
3. call each plugin's hooks for that plugin alone and validate the results;
4. build the exporter and importer registries from the plugins left, and
   report conflicts.

``khuonha_register_criteria`` is called later, the first time criteria are
asked for (:meth:`Loader.collect_criteria`), plugin by plugin; a plugin whose
hook fails there is charged with the failure and its criteria are left out.
Any exception a plugin raises (``SystemExit`` and other ``BaseException``
included) is that plugin's failure; only Ctrl-C (``KeyboardInterrupt``) stops
the run.

Every pluggy call of the library lives here, so the rest of khuonha is typed.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import re
import sys
import threading
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from khuonha.exceptions import PluginLoadError
from khuonha.plugins import hookspecs
from khuonha.plugins.exporter import Exporter
from khuonha.plugins.importer import Importer
from khuonha.plugins.records import (
    BUILTIN,
    DEFAULT_PLUGINS,
    GROUP,
    PluginInfo,
    PluginLoadFailure,
    clip,
)
from khuonha.plugins.registry import (
    ExporterRegistry,
    ImporterRegistration,
    ImporterRegistry,
    Registration,
)
from khuonha.plugins.units import UnitRegistry
from khuonha.rules.criteria import Criterion

if TYPE_CHECKING:
    import pluggy

__all__ = ["Loader"]

logger = logging.getLogger("khuonha.plugins")


class _MalformedError(Exception):
    """A plugin did not keep to a hook's specification."""


def _reraise_interrupt(exc: BaseException) -> None:
    """Let Ctrl-C (and a closing generator) through; everything else is the plugin's failure."""
    if isinstance(exc, KeyboardInterrupt | GeneratorExit):
        raise exc


def _normalise(dist: str) -> str:
    return re.sub(r"[-_.]+", "-", dist).lower()


def _dist_of(ep: Any) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "unknown", "unknown"
    try:
        name = str(dist.name or dist.metadata["Name"])
    except Exception:
        name = "unknown"
    try:
        version = str(dist.version)
    except Exception:
        version = "unknown"
    return name, version


def core_version() -> str:
    """The installed version of khuonha (``unknown`` in a bare source tree)."""
    try:
        from importlib.metadata import version  # noqa: PLC0415

        return version("khuonha")
    except Exception:
        return "unknown"


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send ``print`` from plugin code to stderr, keeping stdout for output."""
    target = sys.stderr if sys.stderr is not None else io.StringIO()
    with contextlib.redirect_stdout(target):
        yield


class Loader:
    """One loading run: fills :attr:`plugins`, :attr:`failures` and :attr:`registry`."""

    def __init__(
        self,
        entry_points: bool | list[Any],
        *,
        allowed: set[str] | None,
        strict: bool,
        trace: bool,
    ) -> None:
        self.entry_points = entry_points
        self.allowed = allowed
        self.strict = strict
        self.trace = trace
        self.plugins: list[PluginInfo] = []
        self.failures: list[PluginLoadFailure] = []
        self.registry = ExporterRegistry()
        self._pm: pluggy.PluginManager | None = None
        self._loaded: list[tuple[object, PluginInfo]] = []
        self._criteria: list[Any] | None = None
        self._criteria_lock = threading.Lock()
        self.importers = ImporterRegistry()
        """Importers from ``khuonha_register_importers``, kept like the exporters."""
        self.unit_registries: list[Any] = []
        """Unit registries from ``khuonha_register_units``, in load order."""

    def collect_criteria(self) -> list[Any]:
        """Provincial criteria from ``khuonha_register_criteria``, in load order.

        The hook is called on the first request only, for one plugin at a
        time; a plugin that fails is recorded in :attr:`failures` (strict
        mode: raises) and the others' criteria are kept.
        """
        with self._criteria_lock:
            if self._criteria is None:
                found: list[Any] = []
                pm = self._pm
                for plugin, info in self._loaded:
                    assert pm is not None
                    try:
                        found.extend(self._criteria_of(pm, plugin))
                    except BaseException as exc:
                        _reraise_interrupt(exc)
                        self._criteria = found
                        self._fail(info, exc)
                self._criteria = found
            return list(self._criteria)

    def run(self) -> None:
        """Load everything; in strict mode, raise at the first failure or conflict."""
        import pluggy  # noqa: PLC0415 - only when plugins are needed

        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        if self.trace:
            pm.add_hookcall_monitoring(self._before_call, self._after_call)
        builtin = PluginInfo(BUILTIN, "khuonha", core_version())
        loaded: list[tuple[object, PluginInfo]] = []
        for module_name in DEFAULT_PLUGINS:
            module = importlib.import_module(module_name)
            pm.register(module, name=module_name)
            loaded.append((module, builtin))
        loaded.extend(self._entry_points(pm))
        collected: dict[int, list[Exporter[Any]]] = {}
        importers: dict[int, list[Importer]] = {}
        units: dict[int, list[Any]] = {}
        for plugin, info in list(loaded):
            try:
                collected[id(plugin)] = self._exporters_of(pm, plugin)
                importers[id(plugin)] = self._importers_of(pm, plugin)
                units[id(plugin)] = self._units_of(pm, plugin)
            except BaseException as exc:
                _reraise_interrupt(exc)
                pm.unregister(plugin)
                loaded.remove((plugin, info))
                self._fail(info, exc)
        for plugin, info in loaded:
            if info not in self.plugins:
                self.plugins.append(info)
            for exporter in collected[id(plugin)]:
                self.registry.add(Registration(exporter, info))
            for importer in importers[id(plugin)]:
                self.importers.add(ImporterRegistration(importer, info))
            self.unit_registries.extend(units[id(plugin)])
        self._pm, self._loaded = pm, loaded
        for conflict in [*self.registry.conflicts(), *self.importers.conflicts()]:
            if self.strict:
                raise conflict
            logger.warning("%s; using it is an error until then", conflict)

    def _discover(self) -> list[Any]:
        if self.entry_points is False:
            return []
        if self.entry_points is True:
            from importlib import metadata  # noqa: PLC0415

            try:
                found: list[Any] = list(metadata.entry_points(group=GROUP))
            except Exception as exc:  # broken metadata must not stop the tool
                logger.warning("cannot list the installed plugins: %s", exc)
                return []
        else:
            found = [ep for ep in self.entry_points if getattr(ep, "group", GROUP) == GROUP]
        return sorted(found, key=lambda ep: (ep.name, _dist_of(ep)))

    def _entry_points(self, pm: pluggy.PluginManager) -> Iterator[tuple[object, PluginInfo]]:
        seen: set[tuple[str, str]] = set()
        by_object: dict[int, PluginInfo] = {}
        names: set[str] = set()
        for ep in self._discover():
            dist, version = _dist_of(ep)
            info = PluginInfo(ep.name, dist, version)
            names.add(ep.name)
            if self.allowed is not None and ep.name not in self.allowed:
                self._log("%s: skipped, not in KHUONHA_LOAD_PLUGINS", info)
                continue
            key = (_normalise(dist), ep.name)
            if key in seen:
                self._log("%s: seen twice, loaded once", info)
                continue
            seen.add(key)
            self._log("%s: loading %s", info, getattr(ep, "value", "?"))
            plugin: object = None
            registered = False
            try:
                with _stdout_to_stderr():
                    plugin = ep.load()
                earlier = by_object.get(id(plugin))
                if earlier is not None:
                    if _normalise(earlier.distribution) == _normalise(dist):
                        continue  # one distribution, two names for the same plugin
                    raise _MalformedError(f"the same plugin object is already loaded as {earlier}")
                if pm.has_plugin(ep.name) or pm.is_registered(plugin):
                    raise _MalformedError(f"the name {ep.name!r} or its object is already taken")
                pm.register(plugin, name=ep.name)
                registered = True
                self._check_hooks(pm, plugin)
            except BaseException as exc:
                _reraise_interrupt(exc)
                if registered:
                    pm.unregister(plugin)
                self._fail(info, exc)
                continue
            by_object[id(plugin)] = info
            yield plugin, info
        for name in sorted((self.allowed or set()) - names):
            logger.warning("KHUONHA_LOAD_PLUGINS names %r, but no installed plugin has it", name)

    @staticmethod
    def _check_hooks(pm: pluggy.PluginManager, plugin: object) -> None:
        callers = pm.get_hookcallers(plugin) or []
        unknown = sorted(c.name for c in callers if not c.has_spec())
        if unknown:
            known = ", ".join(sorted(n for n in dir(pm.hook) if n.startswith("khuonha_")))
            msg = f"unknown hook {', '.join(unknown)} (misspelled? the hooks are: {known})"
            raise _MalformedError(msg)
        if not callers:
            msg = "implements no hook (mark the hook functions with @khuonha.hookimpl)"
            raise _MalformedError(msg)

    @staticmethod
    def call_hook(pm: pluggy.PluginManager, plugin: object, hook: str) -> list[Any]:
        """Call *hook* of *plugin* alone; an implementation that returned None is malformed."""
        others = [p for p in pm.get_plugins() if p is not plugin]
        caller = pm.subset_hook_caller(hook, remove_plugins=others)
        impls = len(caller.get_hookimpls())
        with _stdout_to_stderr():
            results: list[Any] = caller()
        if len(results) != impls:
            msg = f"{hook} returned None; return a list (an empty one for nothing)"
            raise _MalformedError(msg)
        return results

    def _items(
        self, pm: pluggy.PluginManager, plugin: object, hook: str, kind: type, plural: str
    ) -> list[Any]:
        """What *plugin*'s *hook* returned, flattened: each result must be a list of *plural*."""
        items: list[Any] = []
        for result in self.call_hook(pm, plugin, hook):
            if isinstance(result, str | bytes | Mapping | kind) or not isinstance(result, Iterable):
                raise _MalformedError(f"{hook} returned {result!r:.80}; return a list of {plural}")
            with _stdout_to_stderr():
                items.extend(result)
        return items

    def _formats_of(
        self, pm: pluggy.PluginManager, plugin: object, hook: str, kind: type
    ) -> list[Any]:
        """The exporters or importers (*kind*) *plugin* registers, each with valid metadata."""
        what = kind.__name__
        out: list[Any] = []
        for item in self._items(pm, plugin, hook, kind, f"{what} instances"):
            if isinstance(item, type) and issubclass(item, kind):
                name = item.__name__
                msg = f"{hook} returned the class {name}; return an instance ({name}())"
                raise _MalformedError(msg)
            if not isinstance(item, kind):
                raise _MalformedError(f"{hook} returned {item!r:.80}, which is not an {what}")
            problems: list[str] = typing.cast("Any", item).check_metadata()
            if problems:
                msg = f"{what.lower()} {item!r} has invalid metadata: {'; '.join(problems)}"
                raise _MalformedError(msg)
            out.append(item)
        return out

    def _exporters_of(self, pm: pluggy.PluginManager, plugin: object) -> list[Exporter[Any]]:
        return self._formats_of(pm, plugin, "khuonha_register_exporters", Exporter)

    def _importers_of(self, pm: pluggy.PluginManager, plugin: object) -> list[Importer]:
        return self._formats_of(pm, plugin, "khuonha_register_importers", Importer)

    def _criteria_of(self, pm: pluggy.PluginManager, plugin: object) -> list[Any]:
        hook = "khuonha_register_criteria"
        out: list[Any] = []
        for item in self._items(pm, plugin, hook, Criterion, "Criterion instances"):
            if not isinstance(item, Criterion):
                raise _MalformedError(f"{hook} returned {item!r:.80}, which is not a Criterion")
            out.append(item)
        return out

    def _units_of(self, pm: pluggy.PluginManager, plugin: object) -> list[Any]:
        hook = "khuonha_register_units"
        out: list[Any] = []
        for item in self._items(pm, plugin, hook, UnitRegistry, "unit registries"):
            if isinstance(item, type) or not isinstance(item, UnitRegistry):
                msg = (
                    f"{hook} returned {item!r:.80}, which is not a unit registry "
                    "(an instance with resolve, get and find)"
                )
                raise _MalformedError(msg)
            out.append(item)
        return out

    def _fail(self, info: PluginInfo, exc: BaseException) -> None:
        if isinstance(exc, _MalformedError):
            detail = f"malformed registration: {exc}"
            exc = PluginLoadError(info.name, info.distribution, info.version, detail)
        failure = PluginLoadFailure(info.name, info.distribution, info.version, exc)
        self.failures.append(failure)
        if self.strict:
            raise failure.as_error()  # the original error is chained as its cause
        logger.warning(
            "%s; the other plugins keep working (khuonha %s; KHUONHA_STRICT_PLUGINS=1 makes "
            "this an error)",
            failure,
            core_version(),
        )

    def _log(self, message: str, *args: object) -> None:
        if self.trace:
            logger.info(message, *args)

    @staticmethod
    def _before_call(hook: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        names = ", ".join(i.plugin_name for i in impls)
        logger.info("calling %s(%s) of %s", hook, ", ".join(kwargs), names)

    @staticmethod
    def _after_call(
        outcome: Any, hook: str, impls: Sequence[Any], _kwargs: Mapping[str, Any]
    ) -> None:
        names = ", ".join(i.plugin_name for i in impls)
        exc = outcome.exception
        result = f"raised {type(exc).__name__}: {exc}" if exc else "returned"
        logger.info("%s of %s %s", hook, names, clip(result))
