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

import attrs

from khuonha._version import __version__
from khuonha.exceptions import PluginLoadError
from khuonha.plugins import hookspecs
from khuonha.plugins.exporter import Exporter
from khuonha.plugins.importer import Importer
from khuonha.plugins.records import (
    BUILTIN,
    DECLARATION_GROUPS,
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


def _listed(provides: Mapping[str, Iterable[str]]) -> str:
    """``exporters atom, rss; units units`` (or ``nothing``)."""
    parts = [f"{kind} {', '.join(sorted(names))}" for kind, names in provides.items() if names]
    return "; ".join(parts) or "nothing"


def core_version() -> str:
    """The version of khuonha (a constant: no :mod:`importlib.metadata` needed)."""
    return __version__


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send ``print`` from plugin code to stderr, keeping stdout for output."""
    target = sys.stderr if sys.stderr is not None else io.StringIO()
    with contextlib.redirect_stdout(target):
        yield


@attrs.frozen
class _Declared:
    """A plugin whose distribution declares what it provides: imported when that is needed."""

    entry_point: Any
    info: PluginInfo
    order: int
    #: ``exporters``, ``importers``, ``units``, ``criteria`` -> the names declared.
    provides: Mapping[str, frozenset[str]]

    def offers(self, kind: str, name: str | None, path: str | None) -> bool:
        names = self.provides.get(kind)
        if not names:
            return False
        if path is not None:
            extra = self.provides.get("suffixes", frozenset())
            return any(path.endswith(f".{n}") for n in (*names, *extra))
        return name is None or name in names


@attrs.define
class _Entry:
    """A plugin loaded, and what its hooks registered."""

    order: int
    plugin: object
    info: PluginInfo
    exporters: list[Exporter[Any]]
    importers: list[Importer]
    units: list[Any]


class Loader:
    """One loading run: fills :attr:`plugins`, :attr:`failures` and :attr:`registry`.

    :meth:`run` loads the built-ins and every plugin that declares nothing;
    a plugin whose distribution declares what it provides
    (:data:`~khuonha.plugins.records.DECLARATION_GROUPS`) waits until
    :meth:`need` asks for something it declares, or :meth:`load_all` for
    everything. Registries are rebuilt in discovery order after each load, so
    what is listed, and which of two claimants a conflict names first, do
    not depend on the order things were asked for.
    """

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
        self._entries: list[_Entry] = []
        self._pending: list[_Declared] = []
        self._by_object: dict[int, PluginInfo] = {}
        self._reported: set[str] = set()
        self._criteria: list[Any] | None = None
        self._criteria_lock = threading.Lock()
        self._lock = threading.RLock()
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
        self.need("criteria")
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
        """Load the built-ins and the plugins that declare nothing; note the others.

        In strict mode, raise at the first failure or conflict.
        """
        import pluggy  # noqa: PLC0415 - only when plugins are needed

        pm = pluggy.PluginManager(hookspecs.PROJECT)
        pm.add_hookspecs(hookspecs)
        if self.trace:
            pm.add_hookcall_monitoring(self._before_call, self._after_call)
        self._pm = pm
        builtin = PluginInfo(BUILTIN, "khuonha", core_version())
        for order, module_name in enumerate(DEFAULT_PLUGINS, -len(DEFAULT_PLUGINS)):
            module = importlib.import_module(module_name)
            pm.register(module, name=module_name)
            self._accept(pm, module, builtin, order, None)
        found, declared = self._discover()
        for order, (ep, info) in enumerate(self._candidates(found)):
            provides = declared.get((_normalise(info.distribution), str(ep.value)))
            if provides:
                self._log("%s: declares %s; imported when needed", info, _listed(provides))
                self._pending.append(_Declared(ep, info, order, provides))
            else:
                self._load(ep, info, order, None)
        self._rebuild()

    def need(self, kind: str, name: str | None = None, *, path: str | None = None) -> None:
        """Import the declared plugins that provide *name* of *kind* (``exporters``, ...).

        *name* ``None``: every one that provides that kind; *path*: every one
        with a format whose suffix (``.`` and its name) ends that file name.
        """
        with self._lock:
            wanted = [p for p in self._pending if p.offers(kind, name, path)]
            self._load_declared(wanted)

    def load_all(self) -> None:
        """Import every declared plugin not imported yet."""
        with self._lock:
            self._load_declared(list(self._pending))

    def _load_declared(self, wanted: list[_Declared]) -> None:
        if not wanted:
            return
        for declared in wanted:
            self._pending.remove(declared)
        for declared in wanted:
            self._load(declared.entry_point, declared.info, declared.order, declared.provides)
        self._rebuild()

    def _discover(self) -> tuple[list[Any], dict[tuple[str, str], dict[str, frozenset[str]]]]:
        """The plugins' entry points in name order, and what their distributions declare."""
        if self.entry_points is False:
            return [], {}
        groups = {GROUP, *DECLARATION_GROUPS.values()}
        if self.entry_points is True:
            from importlib import metadata  # noqa: PLC0415

            try:
                installed: Any = metadata.entry_points()  # one scan of the distributions
                if hasattr(installed, "select"):
                    every: list[Any] = [
                        ep for group in sorted(groups) for ep in installed.select(group=group)
                    ]
                else:  # a stand-in that answers group by group with a plain list
                    every = [
                        ep
                        for group in sorted(groups)
                        for ep in metadata.entry_points(group=group)
                        if getattr(ep, "group", group) == group
                    ]
            except Exception as exc:  # broken metadata must not stop the tool
                logger.warning("cannot list the installed plugins: %s", exc)
                return [], {}
        else:
            every = [ep for ep in self.entry_points if getattr(ep, "group", GROUP) in groups]
        kinds = {group: kind for kind, group in DECLARATION_GROUPS.items()}
        declared: dict[tuple[str, str], dict[str, set[str]]] = {}
        for ep in every:
            kind = kinds.get(getattr(ep, "group", GROUP))
            if kind is not None:
                key = (_normalise(_dist_of(ep)[0]), str(ep.value))
                declared.setdefault(key, {}).setdefault(kind, set()).add(ep.name.lower())
        found = [ep for ep in every if getattr(ep, "group", GROUP) == GROUP]
        provides = {
            key: {kind: frozenset(names) for kind, names in kinds_.items()}
            for key, kinds_ in declared.items()
        }
        return sorted(found, key=lambda ep: (ep.name, _dist_of(ep))), provides

    def _candidates(self, found: list[Any]) -> Iterator[tuple[Any, PluginInfo]]:
        """The entry points to load: allowed, and each distribution's name once."""
        seen: set[tuple[str, str]] = set()
        names: set[str] = set()
        for ep in found:
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
            yield ep, info
        for name in sorted((self.allowed or set()) - names):
            logger.warning("KHUONHA_LOAD_PLUGINS names %r, but no installed plugin has it", name)

    def _load(
        self, ep: Any, info: PluginInfo, order: int, provides: Mapping[str, frozenset[str]] | None
    ) -> None:
        """Import, register and check one plugin, then call its hooks (:meth:`_accept`)."""
        pm = self._pm
        assert pm is not None
        self._log("%s: loading %s", info, getattr(ep, "value", "?"))
        plugin: object = None
        registered = False
        try:
            with _stdout_to_stderr():
                plugin = ep.load()
            earlier = self._by_object.get(id(plugin))
            if earlier is not None:
                if _normalise(earlier.distribution) == _normalise(info.distribution):
                    return  # one distribution, two names for the same plugin
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
            return
        self._by_object[id(plugin)] = info
        self._accept(pm, plugin, info, order, provides)

    def _accept(
        self,
        pm: pluggy.PluginManager,
        plugin: object,
        info: PluginInfo,
        order: int,
        provides: Mapping[str, frozenset[str]] | None,
    ) -> None:
        """Call *plugin*'s hooks and keep what they register (a failure unregisters it)."""
        try:
            entry = _Entry(
                order,
                plugin,
                info,
                self._exporters_of(pm, plugin),
                self._importers_of(pm, plugin),
                self._units_of(pm, plugin),
            )
            if provides is not None:
                self._check_declared(pm, entry, provides)
        except BaseException as exc:
            _reraise_interrupt(exc)
            pm.unregister(plugin)
            self._fail(info, exc)
            return
        self._entries.append(entry)

    @staticmethod
    def _check_declared(
        pm: pluggy.PluginManager, entry: _Entry, provides: Mapping[str, frozenset[str]]
    ) -> None:
        """A declared plugin registers exactly what its distribution declares."""
        for kind, formats in (("exporters", entry.exporters), ("importers", entry.importers)):
            names = frozenset(f.name for f in formats)
            declared = provides.get(kind, frozenset())
            if names != declared:
                msg = (
                    f"its distribution declares the {kind} {', '.join(sorted(declared)) or 'none'}"
                    f" but it registers {', '.join(sorted(names)) or 'none'}"
                )
                raise _MalformedError(msg)
            extra = {f".{n}" for n in provides.get("suffixes", frozenset())}
            for f in formats:
                suffixes = [s.lower() for s in f.suffixes]
                if suffixes[:1] != [f".{f.name}"] or not set(suffixes[1:]) <= extra:
                    msg = (
                        f"{f!r} has the suffixes {f.suffixes!r}: a declared format's first "
                        f"suffix is a dot and its name ('.{f.name}'), and each other one is "
                        "declared in khuonha.suffixes"
                    )
                    raise _MalformedError(msg)
        hooks = {c.name for c in pm.get_hookcallers(entry.plugin) or []}
        for kind, hook in (
            ("units", "khuonha_register_units"),
            ("criteria", "khuonha_register_criteria"),
        ):
            if hook in hooks and not provides.get(kind):
                msg = f"it implements {hook}, but its distribution declares no {kind}"
                raise _MalformedError(msg)

    def _rebuild(self) -> None:
        """The registries and lists from the plugins loaded, in discovery order."""
        self._entries.sort(key=lambda e: e.order)
        self.plugins, self._loaded, self.unit_registries = [], [], []
        self.registry, self.importers = ExporterRegistry(), ImporterRegistry()
        for entry in self._entries:
            if entry.info not in self.plugins:
                self.plugins.append(entry.info)
            self._loaded.append((entry.plugin, entry.info))
            for exporter in entry.exporters:
                self.registry.add(Registration(exporter, entry.info))
            for importer in entry.importers:
                self.importers.add(ImporterRegistration(importer, entry.info))
            self.unit_registries.extend(entry.units)
        for conflict in [*self.registry.conflicts(), *self.importers.conflicts()]:
            if str(conflict) in self._reported:
                continue
            self._reported.add(str(conflict))
            if self.strict:
                raise conflict
            logger.warning("%s; using it is an error until then", conflict)

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
