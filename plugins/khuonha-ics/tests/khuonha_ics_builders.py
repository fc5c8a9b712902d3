"""Builders shared by the ics plugin's tests: small datasets, export and parse helpers."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import icalendar
from khuonha_ics import IcsExporter, IcsOptions

import khuonha
from khuonha import AdministrativeUnit, CodeScheme, Dataset, Event, EventKind, UnitKind


def export(obj: Any, **options: Any) -> bytes:
    """*obj* as iCalendar through the host (:func:`khuonha.export`), as users export."""
    out = io.BytesIO()
    khuonha.export(obj, IcsExporter(), out, IcsOptions(**options))
    return out.getvalue()


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in parse(data).walk("VEVENT")}


def unit(**kw: Any) -> AdministrativeUnit:
    fields = {
        "id": "xa-thu",
        "name": "Thử",
        "kind": UnitKind.XA,
        "code": "01234",
        "scheme": CodeScheme.PRE_2025,
    }
    return AdministrativeUnit(**{**fields, **kw})


def dataset(*events: Event, **kw: Any) -> Dataset:
    fields: dict[str, Any] = {"slug": "thu-nghiem", "title": "Thử nghiệm", "units": (unit(),)}
    return Dataset(**{**fields, **kw}, events=events)


def event(**kw: Any) -> Event:
    fields = {
        "id": "su-kien",
        "kind": EventKind.HOI_NGHI,
        "name": "Hội nghị",
        "start_on": date(2022, 8, 10),
    }
    return Event(**{**fields, **kw})
