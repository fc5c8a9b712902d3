"""The Dataset: one commune's (or a province's) data, the input to every exporter."""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator
from datetime import date, datetime
from itertools import chain
from operator import attrgetter
from typing import Any, ClassVar

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.model.activities import Activity
from khuonha.model.awards import Award
from khuonha.model.certification import Certification
from khuonha.model.documents import SIGNS_FOR, ReportDocument
from khuonha.model.events import Event
from khuonha.model.evidence import Evidence
from khuonha.model.fields import (
    SCHEMA,
    check_day,
    check_moment,
    ref_field,
    refers_to,
    text,
    text_optional,
    tuple_of,
)
from khuonha.model.groups import Group
from khuonha.model.news import NewsItem
from khuonha.model.people import Membership, Organization, Person, Post
from khuonha.model.places import AdministrativeUnit, ResidentialArea
from khuonha.text._record import Record
from khuonha.text.fields import typed_fields
from khuonha.text.periods import Period
from khuonha.text.unicode import match_key

__all__ = ["SCHEMA_VERSION", "Dataset", "record_collections"]

#: The schema version this library writes (MAJOR.MINOR).
SCHEMA_VERSION = "2.0"

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


_EMPTY_DOCUMENT = ReportDocument()


def _no_empty_document(value: ReportDocument | None) -> ReportDocument | None:
    """An empty document says nothing: it is no document (``None``), in every format."""
    return None if value == _EMPTY_DOCUMENT else value


def _check_document_type(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ReportDocument):
        raise InvalidDataError(
            f"expected a ReportDocument, got {type(value).__name__}", field=attribute.name
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

#: Every collection of records, in document order.
COLLECTIONS = (*ID_COLLECTIONS[:5], "memberships", *ID_COLLECTIONS[5:], "evidence")


@attrs.frozen(kw_only=True, field_transformer=typed_fields, weakref_slot=False)
class Dataset(Record):
    """A document of movement data (bộ dữ liệu): the unit of loading and exporting.

    - ``slug``: a file-system-safe name (``khuon-ha-2022``), used for output files;
    - ``commune``: id of the administrative unit the data is about;
    - ``publisher``: id of the organisation that publishes it, when known;
    - ``reporting_organization``: id of the body that reports (top left of a report);
    - ``report_date``: the date a report of this data carries;
    - ``period``: the reporting period the figures cover, when one is given;
    - ``document``: what makes a report of the data an administrative document
      (number and symbol, superior body, recipients, signature;
      :class:`~khuonha.model.documents.ReportDocument`), when known.

    :attr:`as_of` is the one date the data speaks as of, for every exporter.

    Every reference between records (``actor``, ``parent``, ``host``, an event
    site's ``area`` …) must name a record of a collection its field declares
    (:func:`~khuonha.model.fields.ref_field`), and the error says which kind of
    record was expected.
    """

    __khuonha_always__: ClassVar[frozenset[str]] = frozenset({"schema_version"})

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
    commune: str | None = ref_field(to=("units",))
    publisher: str | None = ref_field(to=("organizations",))
    reporting_organization: str | None = ref_field(to=("organizations",))
    report_date: date | None = attrs.field(default=None, validator=check_day)
    period: Period | None = None
    generated_at: datetime | None = attrs.field(default=None, validator=check_moment)
    description: str | None = text_optional()
    document: ReportDocument | None = attrs.field(
        default=None, converter=_no_empty_document, validator=_check_document_type
    )
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
        spans = list(_provenance_problems(self))
        if spans:
            raise InvalidDataError(
                f"{len(spans)} provenance problem(s), first: {spans[0]}",
                code="provenance_mismatch",
                details=spans,
            )
        if self.document is not None:
            _check_document(self, self.document)

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
        for name in COLLECTIONS:
            for record in getattr(self, name):
                yield name, record


def record_collections() -> dict[str, type]:
    """The Dataset's record collections and their record classes, in field order.

    Every field of :class:`Dataset` that holds a tuple of records
    (``units``, ``people`` … ``evidence``), mapped to the attrs class of its
    records: what an exporter that writes one table or sheet per collection
    walks. A new dict each call; the caller may change it.

    >>> import khuonha
    >>> found = khuonha.record_collections()
    >>> list(found)[:4]
    ['units', 'areas', 'organizations', 'people']
    >>> found["people"] is khuonha.Person
    True
    """
    return dict(_record_collections())


@functools.cache
def _record_collections() -> dict[str, type]:
    hints = typing.get_type_hints(Dataset)
    found: dict[str, type] = {}
    for field in attrs.fields(Dataset):
        hint = hints[field.name]
        if typing.get_origin(hint) is tuple:
            element = typing.get_args(hint)[0]
            if isinstance(element, type) and attrs.has(element):
                found[field.name] = element
    return found


#: What one record of each collection is called in messages.
RECORD_NAMES: dict[str, str] = {
    "units": "administrative unit",
    "areas": "residential area",
    "organizations": "organisation",
    "people": "person",
    "posts": "post",
    "activities": "activity",
    "groups": "group",
    "events": "event",
    "awards": "award",
    "certifications": "certification",
    "news": "news item",
}

# Evidence belongs to the rules' side of the model; its reference fields carry no
# targets in their metadata yet, so they are declared here, beside the walk that reads
# every other model's own declarations.
_EVIDENCE_TARGETS: dict[str, tuple[str, ...]] = {
    "unit": ("areas", "organizations", "units"),
    "sources": ("news",),
}


_Plan = tuple[tuple[str, tuple[str, ...], type | None], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = _make_plan(cls)
    return found


def _make_plan(cls: type) -> _Plan:
    """``(field, targets, nested record class)`` for every field of *cls* that refers or nests.

    Built from the fields' metadata (:func:`~khuonha.model.fields.refers_to`), so a new
    reference field is checked as soon as it declares where it points.
    """
    steps: list[tuple[str, tuple[str, ...], type | None]] = []
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        targets = refers_to(field)
        if cls is Evidence:
            targets = _EVIDENCE_TARGETS.get(field.name, targets)
        if targets:
            steps.append((field.name, targets, None))
            continue
        nested = _record_class(hints[field.name])
        if nested is not None and _plan(nested):
            steps.append((field.name, (), nested))
    return tuple(steps)


def _record_class(tp: Any) -> type | None:
    """The attrs class *tp* holds (``X``, ``X | None`` or ``tuple[X, ...]``), if any."""
    for arg in (tp, *typing.get_args(tp)):
        if isinstance(arg, type) and attrs.has(arg):
            return arg
        inner = typing.get_args(arg)
        if inner and isinstance(inner[0], type) and attrs.has(inner[0]):
            return inner[0]
    return None


def _describe_targets(targets: tuple[str, ...]) -> str:
    names = [RECORD_NAMES[t] for t in targets]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _unknown(value: str, targets: tuple[str, ...], ids: dict[str, set[str]]) -> str:
    elsewhere = [RECORD_NAMES[name] for name in ID_COLLECTIONS if value in ids[name]]
    hint = " (no record has that id)"
    if elsewhere:
        article = "an" if elsewhere[0][0] in "aeiou" else "a"
        hint = f" (there is {article} {elsewhere[0]} with that id)"
    return f"no {_describe_targets(targets)} {value!r}{hint}"


def _walk(record: Any, path: str, ids: dict[str, set[str]], union: Any) -> Iterator[str]:
    for field, targets, nested in _plan(type(record)):
        value = getattr(record, field)
        if nested is not None:
            if isinstance(value, tuple):
                for j, item in enumerate(value):
                    yield from _walk(item, f"{path}.{field}[{j}]", ids, union)
            elif value is not None:
                yield from _walk(value, f"{path}.{field}", ids, union)
            continue
        known = union(targets)
        if isinstance(value, tuple):
            for j, v in enumerate(value):
                if v not in known:
                    yield f"{path}.{field}[{j}]: {_unknown(v, targets, ids)}"
        elif value is not None and value not in known:
            yield f"{path}.{field}: {_unknown(value, targets, ids)}"


def _collected(records: tuple[Any, ...], field: str, nested: type | None) -> set[Any]:
    values: set[Any] = set(map(attrgetter(field), records))
    values.discard(None)
    values.discard(())
    if values and isinstance(next(iter(values)), tuple):
        values = set(chain.from_iterable(values))
    return values


def _all_known(records: tuple[Any, ...], cls: type, union: Any) -> bool:
    """Whether every reference held by *records* (all of class *cls*) is known, at C speed."""
    for field, targets, nested in _plan(cls):
        values = _collected(records, field, nested)
        if not values:
            continue
        if nested is None:
            if not values <= union(targets):
                return False
        elif not _all_known(tuple(values), nested, union):
            return False
    return True


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

    for field, targets, nested in _plan(Dataset):
        value = getattr(ds, field)
        if nested is None and isinstance(value, str) and value not in union(targets):
            yield f"{field}: {_unknown(value, targets, ids)}"
        elif nested is not None and value is not None and not isinstance(value, tuple):
            yield from _walk(value, field, ids, union)  # a nested record (the document)
    for name in COLLECTIONS:
        records = getattr(ds, name)
        if not records:
            continue
        cls = type(records[0])
        if len({type(r) for r in records}) == 1 and _all_known(records, cls, union):
            continue
        for i, record in enumerate(records):
            yield from _walk(record, f"{name}[{i}]", ids, union)


#: The collections whose records may carry a :class:`~khuonha.model.provenance.Provenance`.
PROVENANCE_COLLECTIONS = ("units", "areas", "activities", "events", "awards")


def _provenance_problems(ds: Dataset) -> Iterator[str]:
    """A span must be the words of its news item's body at its offsets."""
    bodies: dict[str, str | None] | None = None
    for name in PROVENANCE_COLLECTIONS:
        for i, record in enumerate(getattr(ds, name)):
            span = record.provenance
            if span is None or span.source is None:
                continue
            if bodies is None:
                bodies = {n.id: n.body for n in ds.news}
            body = bodies.get(span.source)
            if body is None:
                continue
            if body[span.start : span.end] != span.text:
                yield (
                    f"{name}[{i}].provenance.text: not the words of news {span.source!r} "
                    f"at {span.start}..{span.end}"
                )


def _check_document(ds: Dataset, doc: ReportDocument) -> None:
    """What the document's references must be, beyond existing: the kind signed for, and a
    signer acting in office (a private person cannot sign a report)."""
    problems: list[tuple[str, str]] = []
    wanted = SIGNS_FOR.get(doc.authority) if doc.authority is not None else None
    if wanted is not None and doc.signing_for is not None:
        found = {record.id for record in getattr(ds, wanted)}
        if doc.signing_for not in found:
            what = "an organisation" if wanted == "organizations" else "the head's post"
            problems.append(
                (
                    "document.signing_for",
                    f"authority {doc.authority.value!r} signs for {what}; "  # type: ignore[union-attr]
                    f"{doc.signing_for!r} is not one",
                )
            )
    if doc.signer is not None:
        person = next(p for p in ds.people if p.id == doc.signer)
        if person.private:
            problems.append(
                (
                    "document.signer",
                    f"person {doc.signer!r} is marked private, but the signer of a report "
                    "signs in office: a private individual cannot sign it",
                )
            )
    if problems:
        path, reason = problems[0]
        raise InvalidDataError(
            f"{len(problems)} document problem(s), first: {path}: {reason}",
            code="document_signature",
            details=problems,
        )


def references(record: Any, path: str = "$") -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """``(path, id, target collections)`` for every reference *record* holds, nested ones too.

    What the dataset checks, one record at a time: for checking records that
    arrive one by one (JSON Lines) against ids seen before and after.

    >>> from khuonha.model.places import AreaKind, ResidentialArea
    >>> area = ResidentialArea(id="kdc-1", name="Thôn 1", kind=AreaKind("thon"), unit="xa-1")
    >>> list(references(area))
    [('$.unit', 'xa-1', ('units',))]
    """
    for field, targets, nested in _plan(type(record)):
        value = getattr(record, field)
        if nested is not None:
            if isinstance(value, tuple):
                for j, item in enumerate(value):
                    yield from references(item, f"{path}.{field}[{j}]")
            elif value is not None:
                yield from references(value, f"{path}.{field}")
        elif isinstance(value, tuple):
            for j, v in enumerate(value):
                yield f"{path}.{field}[{j}]", v, targets
        elif value is not None:
            yield f"{path}.{field}", value, targets


def dataset_references() -> dict[str, tuple[str, ...]]:
    """The dataset's own fields that refer to records, and the collections they point into."""
    return {field: targets for field, targets, nested in _plan(Dataset) if nested is None}


def unknown_reference(value: str, targets: tuple[str, ...], ids: dict[str, set[str]]) -> str:
    """The reason a reference to *value* is dangling, given the ids of each collection."""
    return _unknown(value, targets, ids)
