"""The campaign calendar: the movement's yearly dates as all-day items.

For each year it gives, when known:

- the window in which communes hold their Ngày hội (the national plan's
  window, from :func:`khuonha.campaign_window`: 2022-08-01 to 2022-08-20
  under Kế hoạch 333/KH-BCĐ);
- the Ngày hội itself, 19/8, with its anniversary (:func:`khuonha.festival_date`,
  :func:`khuonha.anniversary_label`);
- the assessment windows of that year's "An toàn về an ninh, trật tự" cycle,
  one item per distinct window (:func:`khuonha.assessment_window`; TT 124/2021
  from the 2022 cycle, TT 23/2012 before);
- the deadlines for proposing the movement's classification (QĐ 510/QĐ-BCA-V05
  Điều 11.3), from the score sheets of :func:`khuonha.rules.classification.movement_rules`,
  one item per date, on the last day before it ("trước ngày 20/11" is 19/11).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

import attrs

from khuonha import (
    CAMPAIGN_WINDOWS,
    InvalidDataError,
    Language,
    UnitType,
    anniversary_label,
    assessment_window,
    campaign_window,
    festival_date,
    movement_rules,
)
from khuonha_ics._labels import word

__all__ = ["CampaignItem", "campaign_items"]

#: The unit types as the campaign items list them: lower case, and plural in English
#: ("residential areas"), a form the core's singular labels (khuonha.label) do not give.
_UNIT_TYPES: dict[UnitType, tuple[str, str]] = {
    UnitType.KHU_DAN_CU: ("khu dân cư", "residential areas"),
    UnitType.XA: ("xã, phường, thị trấn", "communes, wards, townships"),
    UnitType.CO_QUAN: ("cơ quan", "agencies"),
    UnitType.DOANH_NGHIEP: ("doanh nghiệp", "enterprises"),
    UnitType.CO_SO_GIAO_DUC: ("cơ sở giáo dục", "educational institutions"),
}


#: Years the calendar is made for (the assessment rules accept 1900 to 9998).
_FIRST_YEAR, _LAST_YEAR = 1900, 9998


@attrs.frozen(kw_only=True)
class CampaignItem:
    """One all-day item of the campaign calendar; ``end`` is inclusive."""

    key: str
    summary: str
    start: date
    end: date
    description: str
    category: str


def _pick(pair: tuple[str, str], language: Language) -> str:
    return pair[1] if language is Language.EN else pair[0]


def _dmy(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _window(year: int, language: Language) -> Iterator[CampaignItem]:
    period = campaign_window(year)
    if period is None or period.start is None or period.end is None:
        return
    lines = [period.label or ""]
    for plan in CAMPAIGN_WINDOWS:
        if plan.year == year:
            if plan.issued_on is not None:
                lines[0] += f" ({_dmy(plan.issued_on)})"
            if plan.theme:
                lines.append(f"{word('theme', language)}: {plan.theme}")
            if plan.source:
                lines.append(plan.source)
    yield CampaignItem(
        key=f"cao-diem-ngay-hoi-{year}",
        summary=f"{word('window', language)} {year}",
        start=period.start,
        end=period.end,
        description="\n".join(line for line in lines if line),
        category=word("campaign", language),
    )


def _festival(year: int, language: Language) -> Iterator[CampaignItem]:
    try:
        day = festival_date(year)
        text = anniversary_label(year, language=language.value)
    except InvalidDataError:
        return
    yield CampaignItem(
        key=f"ngay-hoi-{year}",
        summary=f"{word('festival_day', language)} {year}",
        start=day,
        end=day,
        description=f"{text}\n{word('basis', language)}: QĐ 521/2005/QĐ-TTg",
        category=word("campaign", language),
    )


def _assessments(year: int, language: Language) -> Iterator[CampaignItem]:
    windows: dict[tuple[date, date, str], list[UnitType]] = {}
    for unit_type in UnitType:
        try:
            period = assessment_window(unit_type, year)
        except InvalidDataError:
            continue
        if period.start is None or period.end is None:
            continue
        windows.setdefault((period.start, period.end, period.label or ""), []).append(unit_type)
    for (start, end, text), types in sorted(windows.items()):
        subjects = ", ".join(_pick(_UNIT_TYPES.get(t, (t.value, t.value)), language) for t in types)
        yield CampaignItem(
            key=f"danh-gia-{year}-{types[0].value.replace('_', '-')}",
            summary=f"{word('assessment', language)} {year}: {subjects}",
            start=start,
            end=end,
            description=f"{text}: {_dmy(start)} - {_dmy(end)}",
            category=word("campaign", language),
        )


def _deadlines(year: int, language: Language) -> Iterator[CampaignItem]:
    rules = movement_rules()
    if rules.issued_on is not None and year < rules.issued_on.year:
        return
    due: dict[date, list[UnitType]] = {}
    for sheet in rules.sheets:
        day = sheet.deadline(year)
        if day is not None:
            for unit_type in sheet.unit_types:
                due.setdefault(day, []).append(unit_type)
    order = list(UnitType)
    for day, entries in sorted(due.items()):
        entries.sort(key=order.index)
        subjects = ", ".join(_pick(_UNIT_TYPES[e], language) for e in entries)
        last = day - timedelta(days=1)
        before = f"{word('before', language)} {_dmy(day)}"
        yield CampaignItem(
            key=f"han-phan-loai-{year}-{entries[0].value.replace('_', '-')}",
            summary=f"{word('deadline', language)}: {subjects} ({before})",
            start=last,
            end=last,
            description=f"{word('basis', language)}: {rules.title}",
            category=word("campaign", language),
        )


def campaign_items(years: Iterable[int], language: Language) -> list[CampaignItem]:
    """The campaign calendar of *years*, in date order (then by key).

    >>> items = campaign_items([2022], Language.VI)
    >>> [(i.start.isoformat(), i.end.isoformat()) for i in items][:2]
    [('2021-11-01', '2022-10-31'), ('2021-11-16', '2022-11-15')]
    >>> [i.summary for i in items if i.start == date(2022, 8, 1)]
    ['Cao điểm tổ chức Ngày hội ở cơ sở 2022']
    """
    items: list[CampaignItem] = []
    for year in sorted(set(years)):
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            continue
        for part in (_window, _festival, _assessments, _deadlines):
            items.extend(part(year, language))
    return sorted(items, key=lambda i: (i.start, i.end, i.key))
