"""The ``ics`` exporter: events (and optionally the campaign calendar) as iCalendar."""

from __future__ import annotations

from typing import Any, BinaryIO, ClassVar

from khuonha import Dataset, Exporter, ExportError
from khuonha_ics._build import build_calendar, campaign_years
from khuonha_ics._options import IcsOptions

__all__ = ["IcsExporter"]

_DATED = "report_date, period, generated_at or a dated news item"


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

    def problem(self, obj: object, options: IcsOptions) -> str | None:
        """What *obj* needs for a calendar, or ``None``: at least one event.

        With ``campaign`` on, a dataset without events qualifies too when it
        has a date (:attr:`khuonha.Dataset.as_of`) that places the campaign
        calendar in a year.
        """
        if not isinstance(obj, Dataset):
            return f"needs a Dataset, not {type(obj).__name__}"
        if obj.events:
            return None
        if options.campaign:
            if campaign_years(obj):
                return None
            return f"needs at least one event, or a date for the campaign calendar ({_DATED})"
        return "needs at least one event (or the campaign option and a dated dataset)"

    def write(self, obj: Any, stream: BinaryIO, options: IcsOptions | None = None) -> None:
        """Write *obj* as one VCALENDAR (UTF-8, CRLF line ends, folded at 75 octets)."""
        opts = self.parse_options(options)
        needs = self.problem(obj, opts)
        if needs is not None:
            raise ExportError(self.name, needs, missing=needs.removeprefix("needs "))
        stream.write(build_calendar(obj, opts).to_ical())
