"""khuonha-ics: events and campaign calendars of the movement as iCalendar (RFC 5545).

The plugin registers the exporter ``ics`` (suffix ``.ics``, media type
``text/calendar``) through the ``khuonha_register_exporters`` hook.

>>> from khuonha_ics import IcsExporter
>>> IcsExporter.name, IcsExporter.suffixes
('ics', ('.ics',))
"""

from __future__ import annotations

from khuonha import hookimpl
from khuonha_ics._exporter import IcsExporter
from khuonha_ics._options import IcsOptions

__all__ = ["IcsExporter", "IcsOptions", "khuonha_register_exporters"]


@hookimpl
def khuonha_register_exporters() -> list[IcsExporter]:
    """Register the ``ics`` exporter."""
    return [IcsExporter()]
