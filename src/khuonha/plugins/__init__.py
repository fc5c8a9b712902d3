"""The plugin layer: hook specifications, the plugin host, exporters and their output.

A :class:`PluginHost` loads plugins on first use (never at ``import khuonha``)
through pluggy and the entry-point group ``khuonha``; the built-in ``json``
and ``jsonl`` exporters register through the same hook as every other
plugin. The host decides what an exporter sees: a publication (any exporter that
is not an archive) gets a dataset without personal data (:func:`public_view`:
:func:`redact`, then :func:`mask_private_names`) unless the export is internal.
Output files are written atomically.

>>> from khuonha.plugins import PluginHost
>>> [e.name for e in PluginHost(entry_points=False).exporters()]
['json', 'jsonl']
"""

from __future__ import annotations

from khuonha.plugins.criteria import assess, assess_dataset, provincial_criteria
from khuonha.plugins.exporter import (
    Exporter,
    ExportOptions,
    TextExporter,
    text_option,
    url_option,
)
from khuonha.plugins.hookspecs import hookimpl
from khuonha.plugins.host import (
    PluginHost,
    default_host,
    export,
    exporter_for_path,
    exporters,
    exporters_for,
    get_exporter,
    log_to_stderr,
    set_default_host,
)
from khuonha.plugins.privacy import (
    PRIVATE_NAME,
    Redaction,
    mask_private_names,
    public_view,
    redact,
    sensitive_fields,
)
from khuonha.plugins.records import BUILTIN, DEFAULT_PLUGINS, PluginInfo, PluginLoadFailure
from khuonha.plugins.units import UnitRegistry, merge_unit_registries

__all__ = [
    "BUILTIN",
    "DEFAULT_PLUGINS",
    "PRIVATE_NAME",
    "ExportOptions",
    "Exporter",
    "PluginHost",
    "PluginInfo",
    "PluginLoadFailure",
    "Redaction",
    "TextExporter",
    "UnitRegistry",
    "assess",
    "assess_dataset",
    "default_host",
    "export",
    "exporter_for_path",
    "exporters",
    "exporters_for",
    "get_exporter",
    "hookimpl",
    "log_to_stderr",
    "mask_private_names",
    "merge_unit_registries",
    "provincial_criteria",
    "public_view",
    "redact",
    "sensitive_fields",
    "set_default_host",
    "text_option",
    "url_option",
]
