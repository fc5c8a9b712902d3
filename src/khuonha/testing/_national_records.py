"""The record builders of the synthetic national dataset, one generator per collection.

Private to :mod:`khuonha.testing.national`; each builder walks the communes of
the outline and draws from a random stream of its own per commune, so any
collection can be made without the others.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

from khuonha.model.activities import Activity
from khuonha.model.awards import Award, AwardForm, Recipient, RecipientKind
from khuonha.model.certification import Certification, Result, UnitType
from khuonha.model.events import (
    Delegate,
    Event,
    EventKind,
    PartOfDay,
    ProgrammeItem,
    ProgrammeKind,
    Site,
)
from khuonha.model.evidence import Evidence, Standing
from khuonha.model.people import Organization, OrganizationKind
from khuonha.model.places import AdministrativeUnit, AreaKind, CodeScheme, ResidentialArea, UnitKind
from khuonha.testing._national_outline import (
    _ACTIVITIES,
    _COMMUNE_WORD,
    CYCLE,
    _areas_of,
    _committee,
    _ngay_hoi_day,
    _number,
    _police,
    _rng,
    _Skeleton,
)
from khuonha.text.periods import Period
from khuonha.text.quantities import Qualifier, Quantity

__all__ = [
    "activities",
    "areas",
    "awards",
    "certifications",
    "events",
    "evidence",
    "organizations",
    "units",
]


def units(sk: _Skeleton) -> Iterator[Any]:

    reform = date(2025, 7, 1)
    for pid, name, kind, code in sk.provinces:
        yield AdministrativeUnit(
            id=pid,
            name=name,
            kind=UnitKind(kind),
            code=code,
            scheme=CodeScheme.POST_2025,
            valid_from=reform,
        )
    for c in sk.communes:
        yield AdministrativeUnit(
            id=c.id,
            name=c.name,
            kind=UnitKind(c.kind),
            code=c.code,
            scheme=CodeScheme.POST_2025,
            parent=sk.provinces[c.province][0],
            valid_from=reform,
        )


def areas(seed: int, sk: _Skeleton) -> Iterator[Any]:

    for c in sk.communes:
        for a in _areas_of(seed, c):
            yield ResidentialArea(
                id=a.id, name=a.name, kind=AreaKind(a.kind), unit=c.id, households=a.households
            )


def organizations(sk: _Skeleton) -> Iterator[Any]:

    for pid, name, kind, _code in sk.provinces:
        word = "thành phố" if kind != "tinh" else "tỉnh"
        yield Organization(
            id=_police(pid), name=f"Công an {word} {name}", kind=OrganizationKind.POLICE, unit=pid
        )
    for c in sk.communes:
        word = _COMMUNE_WORD[c.kind]
        yield Organization(
            id=_committee(c.id),
            name=f"Ủy ban nhân dân {word} {c.name}",
            kind=OrganizationKind.PEOPLES_COMMITTEE,
            unit=c.id,
            abbreviation="UBND",
        )
        yield Organization(
            id=_police(c.id),
            name=f"Công an {word} {c.name}",
            kind=OrganizationKind.POLICE,
            unit=c.id,
            parent=_police(sk.provinces[c.province][0]),
        )


def activities(seed: int, sk: _Skeleton) -> Iterator[Any]:

    quarters = [Period.quarter(CYCLE, q) for q in (1, 2, 3, 4)]
    for c in sk.communes:
        if not c.activities:
            continue
        rng = _rng(seed, "activities", c.number)
        areas = _areas_of(seed, c)
        police = _police(c.id)
        for n in range(len(c.activities)):
            area = areas[n * len(areas) // len(c.activities)]
            kind, unit, top = rng.choice(_ACTIVITIES)
            value = rng.randint(1, top)
            roll = rng.random()
            qualifier = (
                Qualifier.MORE_THAN
                if roll < 0.05
                else Qualifier.ABOUT
                if roll < 0.08
                else Qualifier.EXACT
            )
            written = None
            if qualifier is not Qualifier.EXACT or roll > 0.9:
                word = {Qualifier.MORE_THAN: "trên ", Qualifier.ABOUT: "khoảng "}.get(qualifier, "")
                written = f"{word}{_number(value)} {unit}"
            described = roll > 0.96
            yield Activity(
                id=f"{c.id}-hd-{n + 1}",
                kind=kind,
                quantity=Quantity(value=value, qualifier=qualifier, unit=unit, text=written),
                period=quarters[rng.randrange(4)],
                actor=police,
                channel="hệ thống loa truyền thanh" if kind == "tuyen_truyen_luu_dong" else None,
                covered=(area.id,),
                description=f"Thực hiện tại {area.name}, {_COMMUNE_WORD[c.kind]} {c.name}"
                if described
                else None,
            )


def events(seed: int, sk: _Skeleton) -> Iterator[Any]:

    for pid, name, _kind, _code in sk.provinces:
        rng = _rng(seed, "conference", pid)
        yield Event(
            id=f"hoi-nghi-{pid}-{CYCLE}",
            kind=EventKind.HOI_NGHI,
            name=f"Hội nghị tổng kết Phong trào toàn dân bảo vệ an ninh Tổ quốc {name} năm {CYCLE}",
            start_on=date(CYCLE, 12, 1 + rng.randrange(20)),
            part_of_day=PartOfDay.SANG,
            sites=(Site(name=f"Hội trường Công an {name}", unit=pid),),
            organiser=_police(pid),
        )
    parts = list(PartOfDay)
    for c in sk.communes:
        rng = _rng(seed, "ngay-hoi-place", c.number)
        areas = _areas_of(seed, c)
        place = areas[rng.randrange(len(areas))].name if areas else f"Trung tâm {c.name}"
        word = _COMMUNE_WORD[c.kind]
        yield Event(
            id=f"ngay-hoi-{c.id}-{CYCLE}",
            kind=EventKind.NGAY_HOI,
            name=f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc {place}, {word} {c.name}",
            start_on=_ngay_hoi_day(seed, c),
            part_of_day=parts[rng.randrange(len(parts))],
            sites=(Site(name=place, unit=c.id),),
            organiser=_committee(c.id),
            delegates=(
                Delegate(role="Lãnh đạo Công an tỉnh"),
                Delegate(role=f"Lãnh đạo Đảng {'uỷ' if rng.random() < 0.3 else 'ủy'} {word}"),
            ),
            programme=(
                ProgrammeItem(
                    kind=ProgrammeKind.BAO_CAO,
                    title="Báo cáo kết quả thực hiện Phong trào toàn dân bảo vệ an ninh Tổ quốc",
                ),
                ProgrammeItem(kind=ProgrammeKind.KHEN_THUONG, title="Khen thưởng"),
            ),
        )


def awards(seed: int, sk: _Skeleton) -> Iterator[Any]:

    reason = "Có thành tích xuất sắc trong Phong trào toàn dân bảo vệ an ninh Tổ quốc"
    for c in sk.communes:
        rng = _rng(seed, "awards", c.number)
        day = _ngay_hoi_day(seed, c)
        word = _COMMUNE_WORD[c.kind]
        areas = _areas_of(seed, c)
        named = rng.sample(areas, min(len(areas), rng.randint(1, 3)))
        yield Award(
            id=f"giay-khen-{c.id}-{CYCLE}-1",
            form=AwardForm.GIAY_KHEN,
            title=f"Giấy khen của Chủ tịch UBND {word} {c.name}",
            collectives=len(named) + rng.randrange(3),
            recipients=tuple(Recipient(kind=RecipientKind.TAP_THE, name=a.name) for a in named),
            reason=f"{reason} năm {CYCLE}",
            awarded_on=day,
            event=f"ngay-hoi-{c.id}-{CYCLE}",
        )
        yield Award(
            id=f"giay-khen-{c.id}-{CYCLE}-2",
            form=AwardForm.GIAY_KHEN,
            title=f"Giấy khen của Trưởng Công an {word} {c.name}",
            presenter_text=f"Lãnh đạo Đảng {'uỷ' if rng.random() < 0.3 else 'ủy'} {word}",
            individuals=rng.randint(2, 8),
            reason=reason,
            awarded_on=day,
            event=f"ngay-hoi-{c.id}-{CYCLE}",
        )


def certifications(seed: int, sk: _Skeleton) -> Iterator[Any]:

    year = CYCLE - 1
    for c in sk.communes:
        rng = _rng(seed, "certifications", c.number)
        decided = date(year, 12, 1 + rng.randrange(25))
        for a in _areas_of(seed, c):
            yield Certification(
                id=f"cong-nhan-{a.id}-{year}",
                unit_type=UnitType.KHU_DAN_CU,
                result=Result.DAT if rng.random() < 0.85 else Result.CHUA_DAT,
                unit=a.id,
                commune=c.id,
                cycle_year=year,
                legal_basis="124/2021/TT-BCA",
                deciding_authority=_committee(c.id),
                decided_on=decided,
            )
        yield Certification(
            id=f"cong-nhan-{c.id}-{year}",
            unit_type=UnitType.XA,
            result=Result.DAT if rng.random() < 0.75 else Result.CHUA_DAT,
            unit=c.id,
            cycle_year=year,
            legal_basis="124/2021/TT-BCA",
            decided_on=decided,
        )


def _maybe(rng: random.Random, value: Any, missing: float = 0.005) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = max(0, value)
    return None if rng.random() < missing else value


def evidence(seed: int, sk: _Skeleton) -> Iterator[Any]:

    for c in sk.communes:
        rng = _rng(seed, "evidence", c.number)
        for a in _areas_of(seed, c):
            short = rng.randrange(1, 4) if rng.random() < 0.02 else 0
            crimes, evils = rng.randrange(4), rng.randrange(3)
            yield Evidence(
                unit=a.id,
                cycle=CYCLE,
                resolution_in_q1=_maybe(rng, rng.random() < 0.99),
                registered_in_q1=_maybe(rng, rng.random() < 0.99),
                households_registered=_maybe(rng, max(0, a.households - short)),
                laws_implemented=_maybe(rng, True),
                prohibited_events=_maybe(rng, ("e",) if rng.random() < 0.02 else ()),
                crimes=_maybe(rng, crimes),
                crimes_previous=_maybe(rng, crimes + rng.randrange(-1, 3)),
                social_evils=_maybe(rng, evils),
                social_evils_previous=_maybe(rng, evils + rng.randrange(-1, 2)),
                models_operating=_maybe(rng, rng.randrange(1, 4)),
                # constant, so the random stream (and every other figure) stays as it was
                incidents=(),
                security_force_rating=Standing.HOAN_THANH_TOT,
                security_force_disciplined=0,
            )
        crimes, evils = rng.randrange(15), rng.randrange(6)
        yield Evidence(
            unit=c.id,
            cycle=CYCLE,
            resolution_in_q1=True,
            plan_in_q1=True,
            registered_in_q1=True,
            models_operating=rng.randint(2, 12),
            laws_implemented=_maybe(rng, True),
            prohibited_events=() if rng.random() < 0.95 else ("e",),
            crimes=crimes,
            crimes_previous=max(0, crimes + rng.randrange(-2, 4)),
            social_evils=evils,
            social_evils_previous=max(0, evils + rng.randrange(-1, 3)),
            police_advising=True,
            officers_disciplined=0 if rng.random() < 0.97 else 1,
            incidents=(),
        )
