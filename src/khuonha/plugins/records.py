"""What the plugin host records about plugins: who they are, and how they failed.

Kept below the host, the loader and the registry, which all use these records,
so that none of them imports another in a circle.
"""

from __future__ import annotations

from typing import Any, Protocol

import attrs

from khuonha.exceptions import PluginLoadError

__all__ = [
    "BUILTIN",
    "DECLARATION_GROUPS",
    "DEFAULT_PLUGINS",
    "GROUP",
    "EntryPointLike",
    "PluginInfo",
    "PluginLoadFailure",
    "clip",
]

_ERROR_CHARS = 500


def clip(text: str) -> str:
    """*text* cut to a length an error message can carry."""
    return text if len(text) <= _ERROR_CHARS else text[: _ERROR_CHARS - 1] + "…"


#: Modules registered as plugins before any entry point, in this order.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "khuonha.plugins.json_exporters",
    "khuonha.plugins.json_importers",
    "khuonha.plugins.text_importers",
)
#: The plugin name of everything built in.
BUILTIN = "khuonha"
#: The entry-point group plugins are found in.
GROUP = "khuonha"
#: What a plugin provides -> the entry-point group in which its distribution may declare it.
#: An entry there is ``NAME = VALUE``: NAME is the exporter's or importer's name (for units
#: and criteria any label), VALUE the plugin's own entry-point value. A plugin that declares
#: is imported only when something it declares is needed (see :mod:`khuonha.plugins.loading`).
DECLARATION_GROUPS: dict[str, str] = {
    "exporters": "khuonha.exporters",
    "importers": "khuonha.importers",
    "units": "khuonha.units",
    "criteria": "khuonha.criteria",
    # Suffixes other than a format's dot-and-name (``htm`` for ``html``), without the dot.
    "suffixes": "khuonha.suffixes",
}


class EntryPointLike(Protocol):
    """What the host needs of an entry point (:class:`importlib.metadata.EntryPoint`)."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str: ...

    def load(self) -> Any: ...


@attrs.frozen
class PluginInfo:
    """A loaded plugin: its entry-point name, distribution and version."""

    name: str
    distribution: str
    version: str

    def __str__(self) -> str:
        return f"plugin {self.name!r} ({self.distribution} {self.version})"


@attrs.frozen
class PluginLoadFailure:
    """A plugin that failed to load, with the error that stopped it."""

    plugin: str
    distribution: str
    version: str
    error: BaseException = attrs.field(eq=False)

    @property
    def message(self) -> str:
        """The error in one line, without the plugin's name."""
        if isinstance(self.error, PluginLoadError):
            return self.error.error
        text = " ".join(str(self.error).split()) or "(no message)"
        return clip(f"{type(self.error).__name__}: {text}")

    def as_error(self) -> PluginLoadError:
        """This failure as the exception strict mode raises (the cause is chained)."""
        if isinstance(self.error, PluginLoadError):
            return self.error
        err = PluginLoadError(self.plugin, self.distribution, self.version, self.message)
        err.__cause__ = self.error
        return err

    def __str__(self) -> str:
        return str(self.as_error())
