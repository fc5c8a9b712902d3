"""Load a plugin in tests without installing it: fake entry points.

.. code-block:: python

    from khuonha.plugins.host import PluginHost
    from khuonha.testing.plugins import FakeEntryPoint

    host = PluginHost(entry_points=[FakeEntryPoint("csv", "khuonha_csv", "khuonha-csv")])
    assert host.get_exporter("csv").media_type == "text/csv"

A :class:`FakeEntryPoint` behaves like :class:`importlib.metadata.EntryPoint`
for the host: ``load()`` imports ``value`` (``"module"`` or
``"module:attribute"``), or returns the object given as ``plugin``.
"""

from __future__ import annotations

import importlib
from typing import Any

import attrs

__all__ = ["FakeDistribution", "FakeEntryPoint"]


@attrs.frozen
class FakeDistribution:
    """The distribution an entry point comes from (name and version)."""

    name: str
    version: str = "1.0"


class FakeEntryPoint:
    """An entry point of group ``khuonha`` (or *group*) for :class:`~khuonha.PluginHost`.

    >>> ep = FakeEntryPoint("json2", "khuonha.plugins.json_exporters", "khuonha-json2", "2.0")
    >>> ep.load().__name__, ep.dist.name, ep.dist.version
    ('khuonha.plugins.json_exporters', 'khuonha-json2', '2.0')
    """

    def __init__(
        self,
        name: str,
        value: str = "",
        distribution: str | None = None,
        version: str = "1.0",
        *,
        plugin: object = None,
        group: str = "khuonha",
    ) -> None:
        self.name = name
        self.value = value or f"<{type(plugin).__name__}>"
        self.group = group
        self.dist = FakeDistribution(distribution or f"khuonha-{name}", version)
        self._plugin = plugin
        self._import = bool(value) and plugin is None

    def load(self) -> Any:
        """Import and return the plugin (or return the object given)."""
        if not self._import:
            return self._plugin
        module_name, _, attribute = self.value.partition(":")
        target: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target

    def __repr__(self) -> str:
        return f"FakeEntryPoint({self.name!r}, {self.value!r}, {self.dist.name!r})"
