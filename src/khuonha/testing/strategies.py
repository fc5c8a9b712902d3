"""Hypothesis strategies for every public model.

Downstream test suites can use them directly or through
``st.from_type(Dataset)`` once :func:`register` has run (importing this
module registers them)::

    from hypothesis import given
    from khuonha.testing import strategies as ks

    @given(ks.datasets())
    def test_roundtrip(ds):
        assert khuonha.loads(khuonha.dumps(ds)) == ds

Every strategy builds valid objects: references between records of a
generated dataset always resolve.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from typing import Any

from hypothesis import strategies as st

from khuonha.model.activities import ACTIVITY_KINDS, Activity, Change, StatisticRole
from khuonha.model.awards import Award, AwardForm, Recipient, RecipientKind
from khuonha.model.certification import (
    Certification,
    MovementRating,
    Result,
    Standard,
    UnitType,
)
from khuonha.model.dataset import Dataset
from khuonha.model.dates import KindLabel, ReducedDate
from khuonha.model.documents import SIGNS_FOR, Addressee, ReportDocument, SigningAuthority
from khuonha.model.events import (
    Anniversary,
    Delegate,
    Event,
    EventKind,
    PartOfDay,
    Pledge,
    ProgrammeItem,
    ProgrammeKind,
    Site,
)
from khuonha.model.evidence import (
    DivisionKind,
    DivisionTally,
    Evidence,
    Measure,
    Standing,
    StandingCount,
    SubunitTally,
)
from khuonha.model.groups import Group, GroupKind
from khuonha.model.news import NewsItem, Photo
from khuonha.model.people import (
    EducationLevel,
    EnterpriseSize,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PoliceRank,
    Post,
)
from khuonha.model.places import (
    AdministrativeUnit,
    AreaKind,
    CodeScheme,
    CodeSource,
    Identifier,
    ResidentialArea,
    UnitKind,
    UnitLevel,
)
from khuonha.model.provenance import Provenance
from khuonha.text.periods import Convention, Period, Precision
from khuonha.text.quantities import Qualifier, Quantity
from khuonha.text.unicode import nfc

__all__ = [
    "activities",
    "administrative_units",
    "awards",
    "certifications",
    "datasets",
    "dates",
    "division_tallies",
    "documents",
    "events",
    "evidence",
    "groups",
    "identifiers",
    "ids",
    "kind_labels",
    "memberships",
    "news_items",
    "organizations",
    "people",
    "periods",
    "posts",
    "quantities",
    "reduced_dates",
    "register",
    "residential_areas",
    "subunit_tallies",
    "texts",
    "vietnamese_texts",
]

_VI_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "AĂÂĐEÊOÔƠUƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)


@cache
def vietnamese_texts(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Words of Vietnamese letters (NFC), spaces and a little punctuation."""
    return st.text(
        alphabet=st.sampled_from(_VI_LETTERS + " -,.“”/"), min_size=min_size, max_size=max_size
    )


@cache
def texts(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Any valid Unicode text (no lone surrogates): Vietnamese most of the time."""
    anything = st.text(
        alphabet=st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size
    )
    return st.one_of(vietnamese_texts(min_size, max_size), anything)


@cache
def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


_ID_WORDS = ("xa", "thon", "ban", "to", "cong-an", "ubnd", "ngay-hoi", "giay-khen", "a1", "z")
ids = st.builds(
    lambda word, n: f"{word}-{n}" if n else word,
    st.sampled_from(_ID_WORDS),
    st.integers(0, 9999),
)
"""Record ids."""


@cache
def dates(min_year: int = 1990, max_year: int = 2035) -> st.SearchStrategy[date]:
    """Plain dates."""
    return st.dates(date(min_year, 1, 1), date(max_year, 12, 31))


_aware = st.datetimes(datetime(2000, 1, 1), datetime(2035, 12, 31)).map(
    lambda d: d.replace(microsecond=0, tzinfo=timezone(timedelta(hours=7)))
)
_times = st.times().map(lambda t: time(t.hour, t.minute))


reduced_dates = st.builds(
    ReducedDate,
    year=st.integers(1900, 2200),
    month=_opt(st.integers(1, 12)),
    text=_opt(st.sampled_from(["Năm 2025", "tháng 8/2023"])),
    basis=_opt(st.sampled_from(["the period the report covers", "the month of the listing"])),
)
"""Dates known only to the month or the year."""

kind_labels = st.builds(KindLabel, vi=texts(), en=_opt(texts()))
"""Labels of kinds the library does not list."""


@st.composite
def _provenances(draw: st.DrawFn) -> Provenance:
    """Spans of text a record was read from (no news item: offsets are not checked)."""
    words = nfc(draw(texts()))
    start = draw(st.integers(0, 10**6))
    review = draw(st.booleans())
    return Provenance(
        start=start,
        end=start + len(words),
        text=words,
        needs_review=review,
        reason=draw(_opt(texts())) if review else None,
    )


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    """Valid periods (start ≤ end; at most one open bound), and periods with no dates."""
    if draw(st.integers(0, 9)) == 0:
        return Period.undated(draw(texts()), recurring=draw(st.booleans()))
    start = draw(dates())
    end = start + timedelta(days=draw(st.integers(0, 3000)))
    open_side = draw(st.sampled_from([None, None, None, "start", "end"]))
    return Period(
        start=None if open_side == "start" else start,
        end=None if open_side == "end" else end,
        precision=draw(
            st.sampled_from(
                [p for p in Precision if p not in (Precision.RECURRING, Precision.UNSPECIFIED)]
            )
        ),
        label=draw(_opt(texts())),
        convention=draw(st.sampled_from(Convention)),
        basis=draw(_opt(texts())),
    )


@st.composite
def _quantities(draw: st.DrawFn) -> Quantity:
    """Quantities with a qualifier, a unit and, sometimes, a total or a scope."""
    value = draw(st.integers(0, 10**7) | st.floats(0, 1e7, allow_nan=False))
    total = None
    if draw(st.booleans()):
        total = draw(st.integers(int(value) + (1 if value != int(value) else 0), 10**8))
    return Quantity(
        value=value,
        qualifier=draw(st.sampled_from(Qualifier)),
        unit=draw(_opt(texts(max_size=15))),
        total=total,
        scope_count=draw(_opt(st.integers(0, 10**4))),
        scope_unit=draw(_opt(texts(max_size=15))),
        text=draw(_opt(texts())),
    )


identifiers = st.builds(Identifier, scheme=texts(max_size=10), identifier=texts(max_size=10))
"""Identifiers in other schemes."""


@st.composite
def _administrative_units(draw: st.DrawFn, refs: tuple[str, ...] = ()) -> AdministrativeUnit:
    """Administrative units with a code of the right length, or known by name and level."""
    kind = draw(st.sampled_from(UnitKind))
    if draw(st.integers(0, 3)) == 0:
        return AdministrativeUnit(
            id=draw(ids),
            name=draw(texts()),
            kind=draw(st.sampled_from([kind, None])),
            level=kind.level,
            parent=draw(_ref(refs)),
        )
    digits = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}[kind.level]
    scheme = (
        CodeScheme.PRE_2025
        if kind.level is UnitLevel.DISTRICT
        else draw(st.sampled_from(CodeScheme))
    )
    start = draw(_opt(dates()))
    until = None if start is None else draw(_opt(st.just(start + timedelta(days=400))))
    return AdministrativeUnit(
        id=draw(ids),
        name=draw(texts()),
        kind=kind,
        code=str(draw(st.integers(1, 10**digits - 1))).zfill(digits),
        scheme=scheme,
        code_source=draw(_opt(st.sampled_from(CodeSource))),
        parent=draw(_ref(refs)),
        valid_from=start,
        valid_until=until,
        successors=draw(_refs(refs)),
        predecessors=draw(_refs(refs)),
        identifiers=tuple(draw(st.lists(identifiers, max_size=2))),
        note=draw(_opt(texts())),
    )


@cache
def _ref(refs: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(refs) if refs else st.none()


@cache
def _refs(refs: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    if not refs:
        return st.just(())
    return st.lists(st.sampled_from(refs), max_size=3).map(tuple)


@cache
def residential_areas(units: tuple[str, ...] = ()) -> st.SearchStrategy[ResidentialArea]:
    """Residential areas of every kind."""
    return st.builds(
        ResidentialArea,
        id=ids,
        name=texts(),
        kind=st.sampled_from(AreaKind),
        unit=_ref(units),
        households=_opt(st.integers(0, 5000)),
        identifiers=st.lists(identifiers, max_size=1).map(tuple),
    )


@st.composite
def _organizations(draw: st.DrawFn, units: tuple[str, ...] = ()) -> Organization:
    """Organisations; schools get an education level, enterprises a size."""
    kind = draw(st.sampled_from(OrganizationKind))
    return Organization(
        id=draw(ids),
        name=draw(texts()),
        kind=kind,
        kind_label=draw(_opt(kind_labels)) if kind is OrganizationKind.OTHER else None,
        unit=draw(_ref(units)),
        abbreviation=draw(_opt(texts(max_size=8))),
        education_level=draw(_opt(st.sampled_from(EducationLevel)))
        if kind is OrganizationKind.SCHOOL
        else None,
        enterprise_size=draw(_opt(st.sampled_from(EnterpriseSize)))
        if kind is OrganizationKind.ENTERPRISE
        else None,
        website=draw(_opt(st.just("https://example.org/portal"))),
    )


people = st.builds(
    Person,
    id=ids,
    name=texts(),
    honorific=_opt(st.sampled_from(["đồng chí", "ông", "bà"])),
    private=st.booleans(),
    birth_year=_opt(st.integers(1900, 2020)),
    address=_opt(texts()),
    note=_opt(texts()),
)
"""People, some private, some with personal data."""


@cache
def posts(orgs: tuple[str, ...] = ()) -> st.SearchStrategy[Post]:
    """Posts in organisations."""
    return st.builds(Post, id=ids, label=texts(), organization=_ref(orgs))


@cache
def memberships(
    persons: tuple[str, ...], post_ids: tuple[str, ...], orgs: tuple[str, ...]
) -> st.SearchStrategy[Membership]:
    """Memberships linking existing people to existing posts or organisations."""
    if not persons or not (post_ids or orgs):
        return st.nothing()
    return st.builds(
        Membership,
        person=st.sampled_from(persons),
        post=st.sampled_from(post_ids) if post_ids else st.none(),
        organization=st.sampled_from(orgs) if orgs and not post_ids else _ref(orgs),
        start_on=_opt(dates(2000, 2010)),
        end_on=_opt(dates(2011, 2030)),
    )


@cache
def activities(
    orgs: tuple[str, ...] = (), units: tuple[str, ...] = (), persons: tuple[str, ...] = ()
) -> st.SearchStrategy[Activity]:
    """Activity statistics, known kinds and new ones."""
    return _activities(orgs, units, persons)


@st.composite
def _activities(
    draw: st.DrawFn,
    orgs: tuple[str, ...] = (),
    units: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
) -> Activity:
    new = draw(st.booleans())
    kind = (
        draw(
            st.builds(
                lambda a, n: f"{a}_{n}", st.sampled_from(["moi", "khac", "x"]), st.integers(0, 99)
            )
        )
        if new
        else draw(st.sampled_from(sorted(ACTIVITY_KINDS)))
    )
    role = draw(st.sampled_from(StatisticRole))
    target = role is StatisticRole.TARGET
    change = draw(_opt(st.sampled_from(Change)))
    return Activity(
        id=draw(ids),
        kind=kind,
        label=draw(kind_labels) if new else draw(_opt(kind_labels)),
        quantity=draw(quantities()),
        role=role,
        period=draw(_opt(periods())),
        deadline=draw(_opt(periods())) if target else None,
        phases=tuple(draw(st.lists(periods(), max_size=2))) if target else (),
        change=change,
        compared_with=draw(_opt(periods())) if change is not None else None,
        programme=draw(_opt(st.just("nông thôn mới"))),
        actor=draw(_ref(orgs)),
        jointly=draw(st.booleans()),
        partners=draw(_refs(orgs)),
        recipients=draw(_refs(orgs)),
        recipients_text=draw(_opt(texts())),
        topics=tuple(draw(st.lists(texts(max_size=20), max_size=2))),
        channel=draw(_opt(texts())),
        covered=draw(_refs(units)),
        description=draw(_opt(texts())),
        subjects=draw(_refs(persons)),
    )


@cache
def groups(orgs: tuple[str, ...] = (), units: tuple[str, ...] = ()) -> st.SearchStrategy[Group]:
    """Groups and models."""
    kinds = [k for k in GroupKind if k not in (GroupKind.TO_BAO_VE_ANTT, GroupKind.KHAC)]
    return st.builds(
        Group,
        id=ids,
        kind=st.sampled_from(kinds),
        name=_opt(texts()),
        host=_ref(orgs),
        unit=_ref(units),
        count=_opt(quantities()),
        members=_opt(quantities()),
        members_each=_opt(st.integers(0, 50)),
        coverage=_opt(texts()),
        focus=_opt(texts()),
        established_on=_opt(dates(2000, 2010)),
        as_of=_opt(dates(2011, 2035)),
        active=st.booleans(),
        description=_opt(texts()),
    )


@st.composite
def _events(
    draw: st.DrawFn,
    orgs: tuple[str, ...] = (),
    units: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    parents: tuple[str, ...] = (),
) -> Event:
    """Events with sites, delegates, programme and pledges; some known only to the month or year."""
    site, delegate, item, pledge = _event_parts(orgs, units, persons)
    pilot = draw(st.booleans())
    common: dict[str, Any] = {
        "id": draw(ids),
        "kind": draw(st.sampled_from(EventKind)),
        "name": draw(texts()),
        "parent": draw(_ref(parents)),
        "sites": tuple(draw(site)),
        "site_count": draw(_opt(quantities())),
        "pilot": pilot,
        "pilot_level": draw(_opt(st.sampled_from(UnitLevel))) if pilot else None,
        "anniversaries": tuple(draw(st.lists(anniversaries, max_size=2))),
    }
    if draw(st.integers(0, 4)) == 0:
        return Event(
            **common,
            start_in=draw(reduced_dates.filter(lambda d: 2005 <= d.year <= 2030)),
            organiser=draw(_ref(orgs)),
            description=draw(_opt(texts())),
        )
    start = draw(dates(2005, 2030))
    end = draw(_opt(st.just(start + timedelta(days=draw(st.integers(0, 5))))))
    start_time = draw(_opt(_times))
    end_time = None
    if start_time is not None and draw(st.booleans()):
        end_time = time(23, 59) if end is None or end == start else draw(_times)
    return Event(
        **common,
        start_on=start,
        end_on=end,
        start_time=start_time,
        end_time=end_time,
        part_of_day=draw(_opt(st.sampled_from(PartOfDay))),
        organiser=draw(_ref(orgs)),
        theme=draw(_opt(texts())),
        purpose=draw(_opt(texts())),
        delegates=tuple(draw(delegate)),
        programme=tuple(draw(item)),
        pledges=tuple(draw(pledge)),
        description=draw(_opt(texts())),
    )


@st.composite
def _awards(
    draw: st.DrawFn,
    post_ids: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    event_ids: tuple[str, ...] = (),
) -> Award:
    """Awards with counts and named recipients within the counts."""
    recipients = draw(_recipient_lists())
    n_col = sum(1 for r in recipients if r.kind is RecipientKind.TAP_THE)
    n_ind = len(recipients) - n_col
    form = draw(_opt(st.sampled_from(AwardForm)))  # None: the text says only "khen thưởng"
    return Award(
        id=draw(ids),
        form=form,
        form_label=draw(_opt(kind_labels)) if form is AwardForm.KHAC else None,
        title=draw(texts()),
        issuer=draw(_ref(post_ids)),
        issuer_text=draw(_opt(texts())),
        presenter=draw(_ref(persons)),
        presenter_text=draw(_opt(texts())),
        authority=draw(_ref(post_ids)),
        authority_text=draw(_opt(texts())),
        collectives=draw(_opt(st.integers(n_col, 50))),
        individuals=draw(_opt(st.integers(n_ind, 50))),
        recipients=tuple(recipients),
        reason=draw(_opt(texts())),
        achievement_period=draw(_opt(periods())),
        awarded_on=draw(_opt(dates(2005, 2030))),
        decided_in=draw(_opt(reduced_dates)),
        event=draw(_ref(event_ids)),
    )


@st.composite
def _certifications(
    draw: st.DrawFn, units: tuple[str, ...] = (), communes: tuple[str, ...] = ()
) -> Certification:
    """Recognition records, of a named unit or counted units."""
    named = bool(units) and draw(st.booleans())
    count = None
    if not named:
        total = draw(st.integers(0, 200))
        count = Quantity(
            value=draw(st.integers(0, total)),
            total=draw(st.sampled_from([total, None])),
            unit=draw(_opt(texts(max_size=10))),
            text=draw(_opt(texts())),
        )
    standard = draw(st.sampled_from(Standard))
    unit_type = draw(st.sampled_from(UnitType))
    return Certification(
        id=draw(ids),
        standard=standard,
        unit_type=unit_type,
        other_unit_types=tuple(
            draw(st.lists(st.sampled_from([t for t in UnitType if t is not unit_type]), max_size=2))
        ),
        rating=draw(st.sampled_from(MovementRating)) if standard is Standard.PHONG_TRAO else None,
        result=draw(st.sampled_from(Result)),
        unit=draw(st.sampled_from(units)) if named else None,
        count=count,
        commune=draw(_ref(communes)),
        cycle_year=draw(_opt(st.integers(2012, 2030))),
        legal_basis=draw(_opt(st.sampled_from(["23/2012/TT-BCA", "124/2021/TT-BCA"]))),
        as_of=draw(_opt(dates(2012, 2030))),
        decided_in=draw(_opt(reduced_dates)),
        text=draw(_opt(texts())),
    )


_counts = _opt(st.integers(0, 500))
_measures = st.builds(
    Measure,
    key=st.sampled_from(["cameras", "patrols"]),
    value=st.integers(0, 99) | st.floats(0, 99),
)
_flags = st.sampled_from([None, True, False])


@st.composite
def subunit_tallies(draw: st.DrawFn) -> SubunitTally:
    """A commune's tally of one unit type (parts never above the total)."""
    total = draw(st.integers(0, 60))
    part = st.integers(0, total)
    return SubunitTally(
        unit_type=draw(st.sampled_from(UnitType)),
        total=draw(st.sampled_from([total, None])),
        registered=draw(_opt(part)),
        recognised=draw(_opt(part)),
        registration_unknown=draw(part),
        recognition_unknown=draw(part),
    )


@st.composite
def division_tallies(draw: st.DrawFn) -> DivisionTally:
    """A unit's tally of one kind of its own sub-units (standings never above the total)."""
    total = draw(st.integers(0, 12))
    standings = draw(st.lists(st.sampled_from(Standing), max_size=3, unique=True))
    counts, left = [], total
    for standing in standings:
        count = draw(st.integers(0, left))
        left -= count
        counts.append(StandingCount(standing=standing, count=count))
    return DivisionTally(
        kind=draw(st.sampled_from(DivisionKind)),
        total=draw(st.sampled_from([total, None])) if not counts else total,
        standings=tuple(counts),
        disciplined=draw(_opt(st.integers(0, 2))),
    )


_DOCUMENTS = [
    "nghi-quyet",
    "ke-hoach",
    "ban-dang-ky",
    "to-trinh",
    "bao-cao-ket-qua",
    "bien-ban-hop",
]
_NOVEMBER = _opt(st.dates(date(2023, 11, 1), date(2023, 11, 30)))


@st.composite
def evidence(draw: st.DrawFn, units: tuple[str, ...] = ()) -> Evidence:
    """Evidence of one unit for one cycle: every fact missing, true, false or a count."""
    households = draw(_counts)
    staff = draw(_counts)
    due = draw(_counts)
    tallies = draw(_opt(st.lists(subunit_tallies(), max_size=4, unique_by=lambda t: t.unit_type)))
    codes = st.sampled_from(["a", "b", "c", "d", "dd", "e", "g"])
    criteria = ["cq-6-2", "dn-6-2", "csgd-6", "tinh-99-camera"]
    confirmed = draw(st.lists(st.sampled_from(criteria), max_size=2, unique=True))
    return Evidence(
        unit=draw(st.sampled_from(units)) if units else draw(ids),
        cycle=draw(st.integers(2012, 2030)),
        unit_type=draw(_opt(st.sampled_from(UnitType))),
        resolution_in_q1=draw(_flags),
        plan_in_q1=draw(_flags),
        registered_in_q1=draw(_flags),
        has_party_organization=draw(_flags),
        households=households,
        households_registered=draw(_opt(st.integers(0, households or 0))),
        laws_implemented=draw(_flags),
        prohibited_events=draw(_opt(st.lists(codes, max_size=3, unique=True).map(tuple))),
        crimes=draw(_counts),
        crimes_previous=draw(_counts),
        social_evils=draw(_counts),
        social_evils_previous=draw(_counts),
        models_operating=draw(_opt(st.integers(0, 5))),
        police_advising=draw(_flags),
        police_rated_advanced=draw(_flags),
        officers_disciplined=draw(_opt(st.integers(0, 3))),
        internal_rules=draw(_flags),
        staff=staff,
        staff_briefed=draw(_opt(st.integers(0, staff or 0))),
        commitments_due=due,
        commitments_signed=draw(_opt(st.integers(0, due or 0))),
        parents_coordination=draw(_flags),
        school_violence_cases=draw(_opt(st.integers(0, 3))),
        staff_completing_tasks=draw(_flags),
        subunits=None if tallies is None else tuple(tallies),
        confirmed=tuple(confirmed),
        refuted=tuple(
            draw(
                st.lists(
                    st.sampled_from([c for c in criteria if c not in confirmed]),
                    max_size=2,
                    unique=True,
                )
            )
        ),
        measures=tuple(draw(st.lists(_measures, max_size=2))),
        incidents=draw(_opt(st.lists(st.sampled_from("bcd"), max_size=2, unique=True).map(tuple))),
        security_force_rating=draw(_opt(st.sampled_from(Standing))),
        security_force_disciplined=draw(_opt(st.integers(0, 2))),
        has_protection_force=draw(_flags),
        protection_force_standing=draw(_opt(st.sampled_from(Standing))),
        protection_force_disciplined=draw(_opt(st.integers(0, 2))),
        emulation_eligible=draw(_flags),
        divisions=draw(
            _opt(st.lists(division_tallies(), max_size=3, unique_by=lambda t: t.kind).map(tuple))
        ),
        staff_offences=draw(_opt(st.integers(0, 2))),
        documents=draw(_opt(st.lists(st.sampled_from(_DOCUMENTS), unique=True).map(tuple))),
        dossier_submitted_on=draw(_NOVEMBER),
        recognised_on=draw(_NOVEMBER),
    )


@cache
def news_items(
    orgs: tuple[str, ...] = (), event_ids: tuple[str, ...] = ()
) -> st.SearchStrategy[NewsItem]:
    """News items, dated (to the minute, the day, the month or the year) or not."""
    return st.builds(
        NewsItem,
        id=ids,
        title=_opt(texts()),
        lead=_opt(texts()),
        body=_opt(texts(max_size=200)),
        published_at=_opt(_aware),
        published_on=_opt(dates(2000, 2035)),
        published_in=st.none(),
        authors=st.lists(texts(max_size=20), max_size=3).map(tuple),
        byline=_opt(texts()),
        url=_opt(st.sampled_from(["https://example.org/tin/1", "http://example.net/a?b=c"])),
        publisher=_ref(orgs),
        categories=st.lists(texts(max_size=15), max_size=2).map(tuple),
        photos=st.lists(photos, max_size=2).map(tuple),
        events=_refs(event_ids),
    ) | st.builds(
        NewsItem,
        id=ids,
        title=_opt(texts()),
        published_in=_opt(reduced_dates),
        events=_refs(event_ids),
    )


photos = st.builds(Photo, caption=texts(), credit=_opt(texts()))
"""Photos with a caption and, sometimes, a credit."""

anniversaries = st.builds(
    Anniversary,
    of=texts(),
    since_on=_opt(dates(1900, 2020)),
    years=st.integers(1, 200),
    text=_opt(texts()),
)
"""Anniversaries an event marks."""


_symbols = st.sampled_from(["BC-UBND", "BC-BCĐ", "BC-CAX", "BC-BCĐ.ANTT", "BC"])


@st.composite
def _documents(
    draw: st.DrawFn,
    orgs: tuple[str, ...] = (),
    post_ids: tuple[str, ...] = (),
    signers: tuple[str, ...] = (),
) -> ReportDocument:
    """Report documents whose references are among *orgs*, *post_ids* and *signers*."""
    addressee = st.one_of(
        st.builds(Addressee, name=texts(), purpose=_opt(st.sampled_from(["b/c", "t/h"]))),
        *([st.builds(Addressee, organization=st.sampled_from(orgs))] if orgs else []),
    )
    authority = None
    signing_for = None
    if post_ids:
        choices: list[SigningAuthority | None] = [None, SigningAuthority.Q]
        choices += [a for a, where in SIGNS_FOR.items() if where == "posts" or orgs]
        authority = draw(st.sampled_from(choices))
        if authority in SIGNS_FOR:
            pool = orgs if SIGNS_FOR[authority] == "organizations" else post_ids
            signing_for = draw(st.sampled_from(pool))
    signing_post = draw(st.sampled_from(post_ids)) if authority is not None else None
    if signing_post is None and post_ids:
        signing_post = draw(_ref(post_ids))
    return ReportDocument(
        number=draw(_opt(st.integers(1, 999_999))),
        symbol=draw(_opt(_symbols)),
        superior=draw(_ref(orgs)),
        recipients=tuple(draw(st.lists(addressee, max_size=3))),
        archived_with=tuple(draw(st.lists(st.sampled_from(["CAX", "BCĐ", "H.10b"]), max_size=2))),
        authority=authority,
        signing_for=signing_for,
        signing_post=signing_post,
        signer=draw(_ref(signers)),
    )


@cache
def documents(
    orgs: tuple[str, ...] = (), post_ids: tuple[str, ...] = (), signers: tuple[str, ...] = ()
) -> st.SearchStrategy[ReportDocument]:
    """Report documents (number, symbol, recipients, signature) over the given records;
    *signers* must be people who are not private."""
    return _documents(orgs, post_ids, signers)


@cache
def _unique(strategy: st.SearchStrategy[Any], max_size: int) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=max_size, unique_by=lambda r: r.id)


@st.composite
def _datasets(draw: st.DrawFn, max_records: int = 3) -> Dataset:
    """Whole datasets whose references all resolve."""
    n = max_records
    units = draw(_unique(administrative_units(), n))
    unit_ids = tuple(u.id for u in units)
    areas = draw(_unique(residential_areas(unit_ids), n))
    orgs = draw(_unique(organizations(unit_ids), n))
    org_ids = tuple(o.id for o in orgs)
    persons = draw(_unique(people, n))
    person_ids = tuple(p.id for p in persons)
    post_list = draw(_unique(posts(org_ids), n))
    post_ids = tuple(p.id for p in post_list)
    members = (
        draw(st.lists(memberships(person_ids, post_ids, org_ids), max_size=n))
        if person_ids and (post_ids or org_ids)
        else []
    )
    covered = unit_ids + tuple(a.id for a in areas)
    acts = draw(_unique(activities(org_ids, covered, person_ids), n))
    grps = draw(_unique(groups(org_ids, unit_ids), n))
    parents = draw(_unique(events(org_ids, unit_ids, person_ids), n))
    children = draw(_unique(events(org_ids, unit_ids, person_ids, tuple(e.id for e in parents)), 1))
    evts = list({e.id: e for e in parents + children}.values())
    if len(evts) < len(parents) + len(children):
        evts = parents
    event_ids = tuple(e.id for e in evts)
    return Dataset(
        slug=draw(ids),
        title=draw(texts()),
        commune=draw(_ref(unit_ids)),
        publisher=draw(_ref(org_ids)),
        reporting_organization=draw(_ref(org_ids)),
        report_date=draw(_opt(dates(2005, 2030))),
        period=draw(_opt(periods())),
        generated_at=draw(_opt(_aware)),
        description=draw(_opt(texts())),
        document=draw(
            _opt(documents(org_ids, post_ids, tuple(p.id for p in persons if not p.private)))
        ),
        units=tuple(units),
        areas=tuple(areas),
        organizations=tuple(orgs),
        people=tuple(persons),
        posts=tuple(post_list),
        memberships=tuple(members),
        activities=tuple(acts),
        groups=tuple(grps),
        events=tuple(evts),
        awards=tuple(draw(_unique(awards(post_ids, person_ids, event_ids), n))),
        certifications=tuple(
            draw(_unique(certifications(tuple(a.id for a in areas), unit_ids), n))
        ),
        news=tuple(draw(_unique(news_items(org_ids, event_ids), n))),
        evidence=tuple(draw(st.lists(evidence(covered + org_ids), max_size=1)))
        if covered + org_ids
        else (),
    )


@cache
def _event_parts(
    orgs: tuple[str, ...], units: tuple[str, ...], persons: tuple[str, ...]
) -> tuple[st.SearchStrategy[Any], ...]:
    site = st.builds(Site, name=texts(), unit=_ref(units), address=_opt(texts()))
    delegate = st.builds(
        Delegate,
        person=_ref(persons),
        rank=_opt(st.sampled_from(PoliceRank)),
        role=texts(),
        organization=_ref(orgs),
        count=_opt(quantities()),
    )
    item = st.builds(
        ProgrammeItem,
        kind=st.just(ProgrammeKind.KHAC),
        title=texts(),
        kind_label=kind_labels,
        speaker=_ref(persons),
        summary=_opt(texts()),
    ) | st.builds(
        ProgrammeItem,
        kind=st.sampled_from(ProgrammeKind),
        title=texts(),
        speaker=_ref(persons),
        summary=_opt(texts()),
    )
    pledge = st.builds(Pledge, title=texts(), parties=_refs(orgs), parties_text=_opt(texts()))
    return (
        st.lists(site, max_size=3),
        st.lists(delegate, max_size=3),
        st.lists(item, max_size=3),
        st.lists(pledge, max_size=1),
    )


@cache
def _recipient_lists() -> st.SearchStrategy[list[Recipient]]:
    return st.lists(
        st.builds(Recipient, kind=st.sampled_from(RecipientKind), name=texts()), max_size=3
    )


@cache
def periods() -> st.SearchStrategy[Period]:
    """Valid periods (start ≤ end; at most one open bound)."""
    return _periods()


@cache
def quantities() -> st.SearchStrategy[Quantity]:
    """Quantities with a qualifier, a unit and, sometimes, a total or a scope."""
    return _quantities()


@cache
def administrative_units(refs: tuple[str, ...] = ()) -> st.SearchStrategy[AdministrativeUnit]:
    """Administrative units with a code of the right length."""
    return _administrative_units(refs)


@cache
def organizations(units: tuple[str, ...] = ()) -> st.SearchStrategy[Organization]:
    """Organisations; schools get an education level, enterprises a size."""
    return _organizations(units)


@cache
def events(
    orgs: tuple[str, ...] = (),
    units: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    parents: tuple[str, ...] = (),
) -> st.SearchStrategy[Event]:
    """Events with sites, delegates, programme and pledges."""
    return _events(orgs, units, persons, parents)


@cache
def awards(
    post_ids: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    event_ids: tuple[str, ...] = (),
) -> st.SearchStrategy[Award]:
    """Awards with counts and named recipients within the counts."""
    return _awards(post_ids, persons, event_ids)


@cache
def certifications(
    units: tuple[str, ...] = (), communes: tuple[str, ...] = ()
) -> st.SearchStrategy[Certification]:
    """Recognition records, of a named unit or counted units."""
    return _certifications(units, communes)


@cache
def datasets(max_records: int = 3) -> st.SearchStrategy[Dataset]:
    """Whole datasets whose references all resolve."""
    return _datasets(max_records)


#: Model class → strategy building it, for :func:`register` and the meta-tests.
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Period: periods(),
    Quantity: quantities(),
    Identifier: identifiers,
    AdministrativeUnit: administrative_units(),
    ResidentialArea: residential_areas(),
    Organization: organizations(),
    Person: people,
    Post: posts(),
    Membership: st.builds(
        Membership, person=ids, post=ids, organization=_opt(ids), start_on=_opt(dates())
    ),
    Activity: activities(),
    Group: groups(),
    Event: events(),
    Site: st.builds(Site, name=texts(), address=_opt(texts())),
    Delegate: st.builds(Delegate, role=texts(), count=_opt(quantities())),
    ProgrammeItem: st.builds(ProgrammeItem, kind=st.sampled_from(ProgrammeKind), title=texts())
    | st.builds(
        ProgrammeItem, kind=st.just(ProgrammeKind.KHAC), title=texts(), kind_label=kind_labels
    ),
    Pledge: st.builds(Pledge, title=texts(), parties_text=_opt(texts())),
    Award: awards(),
    Recipient: st.builds(Recipient, kind=st.sampled_from(RecipientKind), name=texts()),
    Certification: certifications(),
    NewsItem: news_items(),
    Dataset: datasets(),
    Evidence: evidence(),
    SubunitTally: subunit_tallies(),
    Measure: _measures,
    ReducedDate: reduced_dates,
    KindLabel: kind_labels,
    Photo: st.builds(Photo, caption=texts(), credit=_opt(texts())),
    Anniversary: st.builds(Anniversary, of=texts(), years=st.integers(1, 200)),
    Provenance: _provenances(),
    ReportDocument: documents(),
    Addressee: st.builds(Addressee, name=texts(), purpose=_opt(texts())),
}


def register() -> None:
    """Register every strategy with :func:`hypothesis.strategies.register_type_strategy`."""
    for cls, strategy in STRATEGIES.items():
        st.register_type_strategy(cls, strategy)


register()
