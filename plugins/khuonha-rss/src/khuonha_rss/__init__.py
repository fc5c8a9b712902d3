"""khuonha-rss: a dataset's news, events and certifications as RSS 2.0 and Atom 1.0 feeds.

Installing the distribution registers the exporters ``rss`` (``.rss``) and
``atom`` (``.atom``): this module is the plugin named by the ``khuonha``
entry point ``rss``.

>>> import io, khuonha
>>> out = io.BytesIO()
>>> RssExporter().write(khuonha.sample(), out, FeedOptions())
>>> out.getvalue().startswith(b'<?xml version="1.0" encoding="utf-8"?>')
True
>>> [e.name for e in khuonha_register_exporters()]
['rss', 'atom']
"""

from __future__ import annotations

from typing import Any

from khuonha import Exporter, hookimpl
from khuonha_rss.exporters import AtomExporter, FeedOptions, RssExporter, xml_text

__all__ = ["AtomExporter", "FeedOptions", "RssExporter", "khuonha_register_exporters", "xml_text"]


@hookimpl
def khuonha_register_exporters() -> list[Exporter[Any]]:
    """Return the ``rss`` and ``atom`` exporters."""
    return [RssExporter(), AtomExporter()]
