"""Tests of model invariants: what a model refuses to be."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import attrs
import pytest

import khuonha
from khuonha import (
    AdministrativeUnit,
    Award,
    AwardForm,
    Certification,
    CodeScheme,
    Dataset,
    Event,
    EventKind,
    Group,
    GroupKind,
    InvalidDataError,
    LegalRegime,
    Membership,
    Organization,
    OrganizationKind,
    Period,
    Quantity,
    Recipient,
    RecipientKind,
    UnitKind,
    UnitType,
)


def test_models_are_frozen_and_keyword_only() -> None:
    """Models cannot be changed after construction nor built positionally."""
    unit = AdministrativeUnit(
        id="xa-khuon-ha",
        name="Khuôn Hà",
        kind=UnitKind.XA,
        code="02251",
        scheme=CodeScheme.PRE_2025,
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        unit.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        AdministrativeUnit("a", "b")  # type: ignore[misc]


def test_text_is_nfc_when_built() -> None:
    """NFD text given to a constructor is stored as NFC."""
    nfd = unicodedata.normalize("NFD", "Khuôn Hà")
    unit = AdministrativeUnit(
        id="x", name=nfd, kind=UnitKind.XA, code="02251", scheme=CodeScheme.PRE_2025
    )
    assert unit.name == "Khuôn Hà"
    assert unicodedata.is_normalized("NFC", unit.name)


@pytest.mark.parametrize(
    ("kind", "code"),
    [(UnitKind.XA, "2251"), (UnitKind.HUYEN, "71"), (UnitKind.TINH, "8"), (UnitKind.XA, "0225a")],
)
def test_unit_code_length_follows_level(kind: UnitKind, code: str) -> None:
    """Codes are zero-padded digit strings: 2 for provinces, 3 for districts, 5 for communes."""
    with pytest.raises(InvalidDataError, match="digits"):
        AdministrativeUnit(id="x", name="X", kind=kind, code=code, scheme=CodeScheme.PRE_2025)


def test_no_district_in_post_2025_list() -> None:
    """The 2025 code list has no district level."""
    with pytest.raises(InvalidDataError, match="districts"):
        AdministrativeUnit(
            id="x", name="X", kind=UnitKind.HUYEN, code="071", scheme=CodeScheme.POST_2025
        )


def test_code_source_marks_a_code() -> None:
    """A unit says where its code came from; a source of no code is refused, and it round-trips."""
    unit = AdministrativeUnit(
        id="x",
        name="Khuôn Hà",
        kind=UnitKind.XA,
        code="02251",
        scheme=CodeScheme.PRE_2025,
        code_source=khuonha.CodeSource.REGISTRY,
    )
    data = khuonha.dumps(khuonha.Dataset(slug="x", title="X", units=(unit,)))
    assert b'"code_source":"registry"' in data
    assert khuonha.loads(data).units[0] == unit
    with pytest.raises(InvalidDataError, match="without a code") as info:
        AdministrativeUnit(
            id="x", name="X", kind=UnitKind.XA, code_source=khuonha.CodeSource.REGISTRY
        )
    assert info.value.field == "code_source"
    with pytest.raises(khuonha.DecodeError, match=r"\$\.units\[0\]\.code_source"):
        khuonha.loads(
            b'{"slug": "x", "title": "X", "units": [{"id": "x", "name": "X", "kind": "xa",'
            b' "code": "02251", "scheme": "pre_2025", "code_source": "guess"}]}'
        )


def test_unit_validity() -> None:
    """valid_on respects the validity dates."""
    unit = khuonha.sample().find("xa-khuon-ha")
    assert unit.valid_on(date(2022, 8, 10))
    assert not unit.valid_on(date(2025, 7, 1))


def test_period_inverted_is_refused() -> None:
    """A period ending before it starts is refused with its code."""
    with pytest.raises(InvalidDataError) as info:
        Period(start=date(2022, 3, 1), end=date(2022, 1, 1))
    assert info.value.code == "period_inverted"
    with pytest.raises(InvalidDataError):
        Period(start=None, end=None)


def test_quantity_rules() -> None:
    """A part cannot exceed its total; values are finite and not negative."""
    assert Quantity(value=10, total=10).total == 10
    with pytest.raises(InvalidDataError):
        Quantity(value=11, total=10)
    with pytest.raises(InvalidDataError):
        Quantity(value=-1)
    with pytest.raises(InvalidDataError):
        Quantity(value=float("nan"))
    with pytest.raises(InvalidDataError):
        Quantity(value=True)


def test_organization_attributes_match_kind() -> None:
    """Only schools have an education level, only enterprises a size."""
    with pytest.raises(InvalidDataError, match="education level"):
        Organization(
            id="x",
            name="X",
            kind=OrganizationKind.AGENCY,
            education_level=khuonha.EducationLevel.THCS,
        )


def test_grassroots_force_not_before_law() -> None:
    """A Tổ bảo vệ ANTT cannot be established before 1/7/2024."""
    with pytest.raises(InvalidDataError, match="2024-07-01"):
        Group(id="t", kind=GroupKind.TO_BAO_VE_ANTT, established_on=date(2023, 1, 1))
    Group(id="t", kind=GroupKind.TO_BAO_VE_ANTT, established_on=date(2024, 7, 1))


def test_award_regime_and_counts() -> None:
    """Named recipients fit the counts; the regime follows the decision date."""
    award = Award(id="a", form=AwardForm.GIAY_KHEN, title="giấy khen", awarded_on=date(2022, 8, 10))
    assert award.regime is LegalRegime.TDKT_2003
    later = Award(id="b", form=AwardForm.GIAY_KHEN, title="giấy khen", decided_on=date(2024, 1, 1))
    assert later.regime is LegalRegime.TDKT_2022
    with pytest.raises(InvalidDataError, match="exceed"):
        Award(
            id="c",
            form=AwardForm.GIAY_KHEN,
            title="g",
            individuals=0,
            recipients=(Recipient(kind=RecipientKind.CA_NHAN, name="A"),),
        )
    with pytest.raises(InvalidDataError, match="tdkt_2003"):
        Award(
            id="d",
            form=AwardForm.GIAY_KHEN,
            title="g",
            decided_on=date(2022, 1, 1),
            legal_regime=LegalRegime.TDKT_2022,
        )


def test_certification_names_a_unit_or_counts() -> None:
    """A certification record names one unit or counts several, never neither or both."""
    with pytest.raises(InvalidDataError):
        Certification(id="c", unit_type=UnitType.KHU_DAN_CU)
    with pytest.raises(InvalidDataError):
        Certification(id="c", unit_type=UnitType.KHU_DAN_CU, unit="a", count=Quantity(value=1))
    rec = Certification(id="c", unit_type=UnitType.KHU_DAN_CU, count=Quantity(value=7, total=10))
    assert (rec.recognised, rec.total) == (7, 10)


def test_event_dates_and_times() -> None:
    """An event cannot end before it starts."""
    with pytest.raises(InvalidDataError):
        Event(
            id="e",
            kind=EventKind.NGAY_HOI,
            name="N",
            start_on=date(2022, 8, 10),
            end_on=date(2022, 8, 9),
        )


def test_membership_needs_post_or_organization() -> None:
    """A membership without post or organisation is refused."""
    with pytest.raises(InvalidDataError):
        Membership(person="p")


def test_dataset_references_must_resolve() -> None:
    """Every reference names a record of the dataset; all problems are listed."""
    with pytest.raises(InvalidDataError) as info:
        Dataset(
            slug="x",
            title="X",
            commune="nope",
            groups=(Group(id="g", kind=GroupKind.TO_TU_QUAN, host="missing"),),
        )
    assert info.value.details == (
        "commune: no administrative unit 'nope' (no record has that id)",
        "groups[0].host: no organisation, residential area or administrative unit 'missing' "
        "(no record has that id)",
    )


@pytest.mark.parametrize("slug", ["../../etc", "Khuon Ha", "", "a--b", "x/y", "-a", "a" * 101])
def test_dataset_slug_is_file_system_safe(slug: str) -> None:
    """The slug is a safe file name: lower-case ASCII joined by single hyphens."""
    with pytest.raises(InvalidDataError, match="slug"):
        Dataset(slug=slug, title="X")


def test_duplicate_ids_are_refused() -> None:
    """Two records of a collection cannot share an id."""
    g = Group(id="g", kind=GroupKind.TO_TU_QUAN)
    with pytest.raises(InvalidDataError, match="duplicate id"):
        Dataset(slug="x", title="X", groups=(g, g))


def test_as_of_is_one_rule() -> None:
    """as_of: report_date, else the period's end, else generated_at's day, else the latest news."""
    from datetime import datetime, timedelta, timezone

    news = (
        khuonha.NewsItem(id="a", title="A", published_on=date(2023, 3, 1)),
        khuonha.NewsItem(id="b", title="B", published_on=date(2023, 5, 1)),
        khuonha.NewsItem(id="c", title="C"),
    )
    base = khuonha.Dataset(slug="x", title="X", news=news)
    assert base.as_of == date(2023, 5, 1)
    late = datetime(2023, 6, 30, 23, 0, tzinfo=timezone(timedelta(hours=7)))
    assert attrs.evolve(base, generated_at=late).as_of == date(2023, 6, 30)
    period = khuonha.parse_period("quý I/2023")
    dated = attrs.evolve(base, generated_at=late, period=period)
    assert dated.as_of == date(2023, 3, 31) == period.end
    assert attrs.evolve(dated, report_date=date(2023, 7, 2)).as_of == date(2023, 7, 2)
    assert khuonha.Dataset(slug="x", title="X").as_of is None


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: khuonha.Person(id="p", name="A", private=None), "private"),
        (lambda: khuonha.Person(id="p", name="A", private=1), "private"),
        (
            lambda: khuonha.Event(
                id="e", kind="ngay-hoi", name="N", start_on=__import__("datetime").date(2022, 8, 10)
            ),
            "kind",
        ),
        (lambda: khuonha.ResidentialArea(id="a", name="A", kind=None), "kind"),
    ],
)
def test_constructors_refuse_what_would_not_serialise(build: Any, field: str) -> None:
    """An enum or bool field takes only its members: no object exists that dumps would fail on."""
    with pytest.raises(khuonha.InvalidDataError, match=field):
        build()


def test_a_measure_refuses_infinity() -> None:
    """'1e400' reads as infinity, which no JSON can carry: the model refuses it."""
    with pytest.raises(khuonha.InvalidDataError, match="value: expected a finite number"):
        khuonha.Measure(key="x", value=float("inf"))
    with pytest.raises(khuonha.DecodeError, match="finite"):
        khuonha.loads(
            b'{"schema_version": "2.0", "slug": "x", "title": "X", "evidence": '
            b'[{"unit": "u", "cycle": 2023, "measures": [{"key": "x", "value": 1e400}]}]}'
        )
