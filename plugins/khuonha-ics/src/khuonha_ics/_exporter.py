"""The ``ics`` exporter: events (and optionally the campaign calendar) as iCalendar."""

from __future__ import annotations

from typing import Any, BinaryIO, ClassVar

from khuonha import Dataset, Exporter, ExportError
from khuonha_ics._build import build_calendar, campaign_years
from khuonha_ics._options import IcsOptions

__all__ = ["IcsExporter"]

_NO_EVENT = "no event"


class IcsExporter(Exporter[IcsOptions]):
    """Events of a dataset as an iCalendar file (RFC 5545), for phones and calendar apps.

    >>> import io
    >>> from khuonha import sample
    >>> out = io.BytesIO()
    >>> IcsExporter().write(sample(), out, IcsOptions())
    >>> out.getvalue().splitlines()[0]
    b'BEGIN:VCALENDAR'
    """

    name: ClassVar[str] = "ics"
    description: ClassVar[str] = "Events and campaign calendars as iCalendar (RFC 5545)"
    media_type: ClassVar[str] = "text/calendar"
    suffixes: ClassVar[tuple[str, ...]] = (".ics",)
    options_type: ClassVar[type[Any]] = IcsOptions

    def can_export(self, obj: object, options: IcsOptions | None = None) -> bool:
        """Whether *obj* is a dataset with at least one event.

        With *options* whose ``campaign`` is on, a dataset without events
        qualifies too when a year can be read from it (``report_date``,
        ``period``, ``generated_at`` or a news item's date).
        """
        if not isinstance(obj, Dataset):
            return False
        if obj.events:
            return True
        return bool(options is not None and options.campaign and campaign_years(obj))

    def missing(self, obj: object) -> str | None:
        """``"no event"`` for a dataset without events; ``None`` when it can be exported."""
        if not isinstance(obj, Dataset):
            return "a Dataset"
        return None if obj.events else _NO_EVENT

    def write(self, obj: Any, stream: BinaryIO, options: IcsOptions | None = None) -> None:
        """Write *obj* as one VCALENDAR (UTF-8, CRLF line ends, folded at 75 octets)."""
        opts = self.parse_options(options)
        if not self.can_export(obj, opts):
            if not isinstance(obj, Dataset):
                reason = f"expected a Dataset, got {type(obj).__name__}"
                raise ExportError(self.name, reason, missing="a Dataset")
            reason = (
                "the dataset has no event, so there is nothing to put in a calendar "
                "(the campaign option needs a year: report_date, period, generated_at "
                "or a dated news item)"
            )
            raise ExportError(self.name, reason, missing=_NO_EVENT)
        stream.write(build_calendar(obj, opts).to_ical())
