"""Numbers, quantities, dates and periods as a Vietnamese report writes them.

Vietnamese groups thousands with "." and marks decimals with ",":
"trên 2.500 lượt người". English labels use "," and ".". Numbers,
quantities and periods are written by the core (:func:`khuonha.format_number`,
:func:`khuonha.format_quantity`, :func:`khuonha.format_period`); the long
official date and the place-and-date line of Nghị định 30/2020/NĐ-CP are here.
"""

from __future__ import annotations

from datetime import date

import khuonha
from khuonha import Activity, Language, Period, Quantity
from khuonha_pdf._labels import Labels

__all__ = [
    "activity_name",
    "format_date",
    "format_number",
    "format_period",
    "format_quantity",
    "place_date",
]


def format_number(value: float, *, english: bool = False) -> str:
    """Write *value* with Vietnamese grouping ("2.500", "87,9"), or English with *english*.

    >>> format_number(2500), format_number(87.9), format_number(1234567.25, english=True)
    ('2.500', '87,9', '1,234,567.25')
    """
    return khuonha.format_number(value, Language.EN if english else Language.VI)


def format_quantity(q: Quantity, labels: Labels) -> str:
    """A quantity as a report prints it: "trên 2.500 lượt người", "10/10 thôn".

    The unit and scope are data and stay as written; only the qualifier word
    and the number notation follow the labels' language.
    """
    return khuonha.format_quantity(q, labels.language.value)


def activity_name(activity: Activity, labels: Labels) -> str:
    """What an activity is, without its figure: the figure is printed once, beside it.

    A kind label written from the article may hold the figure ("Trao 100 phần quà
    cho người dân"); the row (and the chart's bar) already shows "100 phần quà", so
    the name drops it rather than repeat it on the same line.

    >>> from khuonha import KindLabel
    >>> from khuonha_pdf._labels import labels_for
    >>> a = Activity(id="a", kind="trao_qua", label=KindLabel(vi="Trao 100 phần quà cho hộ nghèo"),
    ...              quantity=Quantity(value=100, unit="phần quà", text="100 phần quà"))
    >>> activity_name(a, labels_for("vi"))
    'Trao cho hộ nghèo'
    """
    name = labels.of(activity)
    for figure in (activity.quantity.text, format_quantity(activity.quantity, labels)):
        if figure and figure in name and name.strip() != figure:
            name = " ".join(name.replace(figure, " ").split()) or name
    return name


def format_date(day: date, labels: Labels) -> str:
    """A date in the official long form ("ngày 05 tháng 02 năm 2023").

    Nghị định 30/2020/NĐ-CP zero-pads days below 10 and the months 1 and 2;
    the core writes it (:func:`khuonha.format_period` of the one day).

    >>> from khuonha_pdf._labels import labels_for
    >>> format_date(date(2023, 2, 5), labels_for("vi"))
    'ngày 05 tháng 02 năm 2023'
    >>> format_date(date(2022, 8, 10), labels_for("en"))
    '10 August 2022'
    """
    return khuonha.format_period(Period.day(day), labels.language)


def format_short_date(day: date, labels: Labels) -> str:
    """A date in the short form ("10/8/2022"; ISO in English)."""
    if labels.en:
        return day.isoformat()
    return f"{day.day}/{day.month}/{day.year}"


def place_date(place: str | None, day: date | None, labels: Labels) -> str:
    """The place-and-date line ("Khuôn Hà, ngày 10 tháng 8 năm 2022").

    A missing date leaves the blanks a draft carries, to be filled in by hand.
    """
    if day is not None:
        when = format_date(day, labels)
    elif labels.en:
        when = "…… 20……"
    else:
        when = "ngày …… tháng …… năm 20……"
    return f"{place}, {when}" if place else when


def format_period(period: Period, labels: Labels) -> str:
    """A period: in Vietnamese its label as written ("giai đoạn 2021 - 2022"), else its
    bounds in words; in English always the bounds in words ("first 8 months of 2022").
    """
    if period.label and not labels.en:
        return period.label
    return khuonha.format_period(period, labels.language.value)
