"""Large datasets for the plugin's tests and benchmark.

:func:`province_dataset` repeats the Khuôn Hà sample's records for many
made-up communes of one province, the shape of a provincial report
(about 200 pages for 120 communes).

>>> ds = province_dataset(3)
>>> len(ds.activities), len(ds.events)
(21, 6)
"""

from __future__ import annotations

import itertools
from datetime import date

import attrs

from khuonha import (
    Activity,
    AdministrativeUnit,
    Award,
    Certification,
    CodeScheme,
    Dataset,
    Event,
    Group,
    Organization,
    OrganizationKind,
    Quantity,
    UnitKind,
)

__all__ = ["commune_names", "province_dataset"]

_FIRST = (
    "Khuôn",
    "Thượng",
    "Phúc",
    "Hồng",
    "Bình",
    "Xuân",
    "Thổ",
    "Lăng",
    "Minh",
    "Yên",
    "Đồng",
    "Kiến",
)
_SECOND = ("Hà", "Lâm", "Quang", "Thái", "An", "Sơn", "Bình", "Phú", "Thuận", "Trung", "Tiến")


def commune_names(count: int) -> list[str]:
    """*count* distinct made-up commune names ("Khuôn Hà", "Khuôn Lâm" …), numbered past 132."""
    pairs = [f"{a} {b}" for a, b in itertools.product(_FIRST, _SECOND) if a != b]
    return [pairs[i] if i < len(pairs) else f"{pairs[i % len(pairs)]} {i}" for i in range(count)]


def province_dataset(communes: int = 120) -> Dataset:
    """A province's report: the sample's activities, certifications, events, awards
    and groups repeated for *communes* communes, each with its own police force.
    """
    from khuonha import sample  # noqa: PLC0415

    base = sample()
    province = next(u for u in base.units if u.id == "tinh-tuyen-quang")
    district = next(u for u in base.units if u.id == "huyen-lam-binh")
    units = list(base.units)
    organizations = list(base.organizations)
    steering = Organization(
        id="bcd-tinh-tuyen-quang",
        name="Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng Phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc tỉnh Tuyên Quang",
        kind=OrganizationKind.STEERING_COMMITTEE,
        unit=province.id,
        abbreviation="BCĐ",
    )
    organizations.append(steering)
    activities: list[Activity] = []
    certifications: list[Certification] = []
    events: list[Event] = []
    awards: list[Award] = []
    groups: list[Group] = []
    for n, name in enumerate(commune_names(communes)):
        unit_id = f"xa-{n:03d}"
        police = f"cong-an-{unit_id}"
        units.append(
            AdministrativeUnit(
                id=unit_id,
                name=name,
                kind=UnitKind.XA,
                code=f"{n + 10000:05d}",
                scheme=CodeScheme.PRE_2025,
                parent=district.id,
            )
        )
        organizations.append(
            Organization(
                id=police, name=f"Công an xã {name}", kind=OrganizationKind.POLICE, unit=unit_id
            )
        )

        def rid(record_id: str, suffix: str = unit_id) -> str:
            return f"{record_id}-{suffix}"

        for a in base.activities:
            activities.append(
                attrs.evolve(
                    a,
                    id=rid(a.id),
                    actor=police,
                    covered=(unit_id,),
                    part_of=rid(a.part_of) if a.part_of else None,
                    sources=(),
                )
            )
        for c in base.certifications:
            # A named unit of Khuôn Hà becomes a count of one, the unit left unnamed.
            count = c.count or Quantity(value=1, unit=c.text and "trạm y tế")
            certifications.append(
                attrs.evolve(
                    c,
                    id=rid(c.id),
                    commune=unit_id,
                    unit=None,
                    count=count,
                    sources=(),
                )
            )
        for e in base.events:
            events.append(
                attrs.evolve(
                    e,
                    id=rid(e.id),
                    name=f"{e.name} xã {name}",
                    parent=rid(e.parent) if e.parent else None,
                    organiser=steering.id,
                    sources=(),
                    sites=tuple(attrs.evolve(s, name=f"xã {name}", unit=unit_id) for s in e.sites),
                    delegates=tuple(
                        attrs.evolve(d, organization=None) if d.organization else d
                        for d in e.delegates
                    ),
                )
            )
        for w in base.awards:
            awards.append(
                attrs.evolve(
                    w,
                    id=rid(w.id),
                    event=rid(w.event) if w.event else None,
                    sources=(),
                )
            )
        for g in base.groups:
            groups.append(
                attrs.evolve(
                    g,
                    id=rid(g.id),
                    unit=unit_id,
                    host=None,
                    sources=(),
                    description=(g.description or "").replace("Khuôn Hà", name) or None,
                )
            )
    return Dataset(
        slug=f"tuyen-quang-{communes}-xa",
        title=f"Báo cáo phong trào toàn dân bảo vệ an ninh Tổ quốc của {communes} xã",
        reporting_organization=steering.id,
        report_date=date(2022, 8, 31),
        period=base.period,
        units=tuple(units),
        organizations=tuple(organizations),
        people=base.people,
        posts=base.posts,
        memberships=base.memberships,
        activities=tuple(activities),
        certifications=tuple(certifications),
        events=tuple(events),
        awards=tuple(awards),
        groups=tuple(groups),
    )
