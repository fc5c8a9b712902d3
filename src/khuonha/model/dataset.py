"""The Dataset: one commune's (or a province's) data, the input to every exporter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from itertools import chain
from operator import attrgetter
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.activities import Activity
from khuonha.model.awards import Award
from khuonha.model.certification import Certification
from khuonha.model.events import Event
from khuonha.model.evidence import Evidence
from khuonha.model.fields import (
    SCHEMA,
    check_aware,
    check_date,
    ref_field,
    text,
    text_optional,
    tuple_of,
)
from khuonha.model.groups import Group
from khuonha.model.news import NewsItem
from khuonha.model.people import Membership, Organization, Person, Post
from khuonha.model.places import AdministrativeUnit, ResidentialArea
from khuonha.text.periods import Period
from khuonha.text.unicode import match_key

__all__ = ["SCHEMA_VERSION", "Dataset"]

#: The schema version this library writes (MAJOR.MINOR).
SCHEMA_VERSION = "1.0"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_VERSION = re.compile(r"(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\Z")


def _check_slug(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or len(value) > 100 or _SLUG.match(value) is None:
        raise InvalidDataError(
            "expected a file-system-safe slug (lower-case ASCII letters and digits joined "
            f"by single hyphens, at most 100 characters), got {value!r:.80}",
            field=attribute.name,
        )


def _check_version(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _VERSION.match(value) is None:
        raise InvalidDataError(
            f"expected a schema version MAJOR.MINOR, got {value!r:.40}", field=attribute.name
        )


#: Collections of records that carry an ``id``, by field name.
ID_COLLECTIONS = (
    "units",
    "areas",
    "organizations",
    "people",
    "posts",
    "activities",
    "groups",
    "events",
    "awards",
    "certifications",
    "news",
)


@attrs.frozen(kw_only=True)
class Dataset:
    """A document of movement data (bộ dữ liệu): the unit of loading and exporting.

    - ``slug``: a file-system-safe name (``khuon-ha-2022``), used for output files;
    - ``commune``: id of the administrative unit the data is about;
    - ``publisher``: id of the organisation that publishes it, when known;
    - ``reporting_organization``: id of the body that reports (top left of a report);
    - ``report_date``: the date a report of this data carries;
    - ``period``: the reporting period the figures cover, when one is given.

    :attr:`as_of` is the one date the data speaks as of, for every exporter.

    Every reference between records (``actor``, ``parent``, ``host`` …) must
    name a record of the dataset.
    """

    schema_version: str = attrs.field(
        default=SCHEMA_VERSION,
        validator=_check_version,
        metadata={SCHEMA: {"pattern": r"^(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})$"}},
    )
    slug: str = attrs.field(
        validator=_check_slug, metadata={SCHEMA: {"pattern": SLUG_PATTERN, "maxLength": 100}}
    )
    title: str = text()
    language: str = text(default="vi")
    commune: str | None = ref_field()
    publisher: str | None = ref_field()
    reporting_organization: str | None = ref_field()
    report_date: date | None = attrs.field(default=None, validator=check_date)
    period: Period | None = None
    generated_at: datetime | None = attrs.field(default=None, validator=check_aware)
    description: str | None = text_optional()
    units: tuple[AdministrativeUnit, ...] = tuple_of(AdministrativeUnit)
    areas: tuple[ResidentialArea, ...] = tuple_of(ResidentialArea)
    organizations: tuple[Organization, ...] = tuple_of(Organization)
    people: tuple[Person, ...] = tuple_of(Person)
    posts: tuple[Post, ...] = tuple_of(Post)
    memberships: tuple[Membership, ...] = tuple_of(Membership)
    activities: tuple[Activity, ...] = tuple_of(Activity)
    groups: tuple[Group, ...] = tuple_of(Group)
    events: tuple[Event, ...] = tuple_of(Event)
    awards: tuple[Award, ...] = tuple_of(Award)
    certifications: tuple[Certification, ...] = tuple_of(Certification)
    news: tuple[NewsItem, ...] = tuple_of(NewsItem)
    evidence: tuple[Evidence, ...] = tuple_of(Evidence)

    @property
    def as_of(self) -> date | None:
        """The date the data speaks as of: the one rule every exporter uses.

        The first that is given of: ``report_date``; the end of ``period``;
        the day of ``generated_at`` (in its own UTC offset); the latest
        publication day of the news; else ``None``. Exporters that need a date
        (a PDF's creation date, a calendar's DTSTAMP and campaign year) take
        it from here, never from the clock.

        >>> import khuonha
        >>> khuonha.sample().as_of
        datetime.date(2022, 8, 10)
        >>> Dataset(slug="x", title="X").as_of is None
        True
        """
        if self.report_date is not None:
            return self.report_date
        if self.period is not None and self.period.end is not None:
            return self.period.end
        if self.generated_at is not None:
            return self.generated_at.date()
        days = [d for d in (n.published_day for n in self.news) if d is not None]
        return max(days) if days else None

    def __attrs_post_init__(self) -> None:
        problems = list(_reference_problems(self))
        if problems:
            raise InvalidDataError(
                f"{len(problems)} reference problem(s), first: {problems[0]}",
                code="dangling_reference",
                details=problems,
            )

    def find(self, record_id: str) -> Any:
        """Return the record with *record_id*, searching every collection."""
        for name in ID_COLLECTIONS:
            for record in getattr(self, name):
                if record.id == record_id:
                    return record
        raise KeyError(record_id)

    def lookup(self, name: str, collection: str | None = None) -> list[Any]:
        """Records whose name (or post label) matches *name* by :func:`~khuonha.match_key`.

        The match ignores case, NFC/NFD and old/new tone-mark placement, so
        "Huyện ủy" finds "Huyện uỷ". *collection* limits the search
        (``"units"``, ``"organizations"``, ``"people"``, ``"posts"`` …).

        >>> import khuonha
        >>> [p.id for p in khuonha.sample().lookup("Đặng Văn Sình", "people")]
        ['dang-van-sinh']
        >>> [o.name for o in khuonha.sample().lookup("huyện ủy", "organizations")]
        ['Huyện uỷ']
        """

        key = match_key(name)
        names = (collection,) if collection is not None else ID_COLLECTIONS
        found = []
        for coll in names:
            for record in getattr(self, coll):
                text = getattr(record, "name", None) or getattr(record, "label", None)
                if isinstance(text, str) and match_key(text) == key:
                    found.append(record)
        return found

    def records(self) -> Iterator[tuple[str, Any]]:
        """Yield ``(collection, record)`` for every record, in document order."""
        for name in (
            "units",
            "areas",
            "organizations",
            "people",
            "posts",
            "memberships",
            "activities",
            "groups",
            "events",
            "awards",
            "certifications",
            "news",
            "evidence",
        ):
            for record in getattr(self, name):
                yield name, record


# Which fields of which collection refer to which collections.
_UNIT = ("units",)
_ORG = ("organizations",)
_PERSON = ("people",)
_REFS: dict[str, dict[str, tuple[str, ...]]] = {
    "units": {"parent": _UNIT, "successors": _UNIT, "predecessors": _UNIT},
    "areas": {"unit": _UNIT},
    "organizations": {"unit": _UNIT, "parent": _ORG},
    "posts": {"organization": _ORG},
    "memberships": {"person": _PERSON, "post": ("posts",), "organization": _ORG},
    "activities": {
        "actor": _ORG,
        "covered": ("units", "areas", "organizations"),
        "part_of": ("activities",),
        "subjects": _PERSON,
        "sources": ("news",),
    },
    "groups": {
        "host": ("organizations", "areas", "units"),
        "unit": _UNIT,
        "covered": ("units", "areas", "organizations"),
        "sources": ("news",),
    },
    "events": {"parent": ("events",), "organiser": _ORG, "sources": ("news",)},
    "awards": {
        "issuer_post": ("posts",),
        "presenter": _PERSON,
        "event": ("events",),
        "sources": ("news",),
    },
    "certifications": {
        "unit": ("areas", "organizations", "units"),
        "commune": _UNIT,
        "deciding_authority": ("posts", "organizations"),
        "sources": ("news",),
    },
    "news": {"publisher": _ORG, "events": ("events",)},
    "evidence": {"unit": ("areas", "organizations", "units"), "sources": ("news",)},
}
_TOP_REFS: dict[str, tuple[str, ...]] = {
    "commune": _UNIT,
    "publisher": _ORG,
    "reporting_organization": _ORG,
}


def _reference_problems(ds: Dataset) -> Iterator[str]:
    # Set operations check everything at C speed; a collection is walked record by
    # record (giving the messages, in order) only when it holds a problem.
    ids: dict[str, set[str]] = {}
    for name in ID_COLLECTIONS:
        records = getattr(ds, name)
        listed = [record.id for record in records]
        seen: set[str] = set(listed)
        if len(seen) != len(listed):
            seen = set()
            for i, record in enumerate(records):
                if record.id in seen:
                    yield f"{name}[{i}].id: duplicate id {record.id!r}"
                seen.add(record.id)
        ids[name] = seen

    unions: dict[tuple[str, ...], set[str]] = {}

    def union(targets: tuple[str, ...]) -> set[str]:
        found = unions.get(targets)
        if found is None:
            found = unions[targets] = set().union(*(ids[t] for t in targets))
        return found

    for top, top_targets in _TOP_REFS.items():
        value = getattr(ds, top)
        if value is not None and value not in union(top_targets):
            yield f"{top}: unknown id {value!r} (expected one of {', '.join(top_targets)})"
    for name, fields in _REFS.items():
        records = getattr(ds, name)
        if not records or all(_all_known(records, f, union(t)) for f, t in fields.items()):
            continue
        for i, record in enumerate(records):
            for field, field_targets in fields.items():
                value = getattr(record, field)
                values = value if isinstance(value, tuple) else (value,)
                for v in values:
                    if v is not None and v not in union(field_targets):
                        yield (
                            f"{name}[{i}].{field}: unknown id {v!r} "
                            f"(expected one of {', '.join(field_targets)})"
                        )
    for i, event in enumerate(ds.events):
        for j, delegate in enumerate(event.delegates):
            if delegate.person is not None and delegate.person not in ids["people"]:
                yield f"events[{i}].delegates[{j}].person: unknown id {delegate.person!r}"
            for post in delegate.posts:
                if post not in ids["posts"]:
                    yield f"events[{i}].delegates[{j}].posts: unknown id {post!r}"
            if (
                delegate.organization is not None
                and delegate.organization not in ids["organizations"]
            ):
                org = delegate.organization
                yield f"events[{i}].delegates[{j}].organization: unknown id {org!r}"
        for j, site in enumerate(event.sites):
            if site.unit is not None and site.unit not in ids["units"]:
                yield f"events[{i}].sites[{j}].unit: unknown id {site.unit!r}"


def _all_known(records: tuple[Any, ...], field: str, known: set[str]) -> bool:
    """Whether every id in *field* of *records* is in *known* (``False`` when unsure)."""
    values: set[Any] = set(map(attrgetter(field), records))
    values.discard(None)
    if values and isinstance(next(iter(values)), tuple):
        values = set(chain.from_iterable(values))
    return values <= known
