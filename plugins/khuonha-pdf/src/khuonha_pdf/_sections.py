"""The sections with tables: activities, certification, awards, groups, personal data.

Events, which read as prose, are in :mod:`khuonha_pdf._events`.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from khuonha import Award, Certification, RecipientKind, StatisticRole
from khuonha_pdf._chart import activity_chart
from khuonha_pdf._context import Context, sentence
from khuonha_pdf._events import events_section
from khuonha_pdf._format import (
    activity_name,
    format_number,
    format_period,
    format_quantity,
    format_short_date,
)
from khuonha_pdf._layout import FRAME_WIDTH
from khuonha_pdf._lazy import LazyStory
from khuonha_pdf._text import markup

__all__ = [
    "activities_section",
    "awards_section",
    "certification_section",
    "events_section",
    "groups_section",
    "people_section",
]

_NO = 24.0
_DASH = "—"


def _widths(*fractions: float) -> list[float]:
    rest = FRAME_WIDTH - _NO
    return [_NO, *(rest * f for f in fractions)]


def _heading(ctx: Context, number: str, title: str) -> Paragraph:
    return Paragraph(markup(f"{number}. {title.upper()}"), ctx.styles.h1)


def activities_section(ctx: Context, number: str) -> list[Flowable]:
    """The activity figures of the period: a table, then the bar chart."""
    ds, lb = ctx.ds, ctx.labels
    if not ds.activities:
        return []
    title = lb["s_activities"]
    if ds.period is not None:
        title = f"{title} {format_period(ds.period, lb)}"
    header = [lb["col_no"], lb["col_content"], lb["col_figure"], lb["col_actor"], lb["col_note"]]
    flowables: list[Flowable] = [
        ctx.table(
            header,
            _activity_rows(ctx),
            _widths(0.3, 0.2, 0.24, 0.26),
            lead=[_heading(ctx, number, title)],
        ),
    ]
    chart = activity_chart(ds.activities, lb, FRAME_WIDTH)
    if chart is not None:
        flowables += [Spacer(1, 4 * mm), chart]
    return flowables


def _activity_rows(ctx: Context) -> Iterator[list[Paragraph]]:
    ds, lb = ctx.ds, ctx.labels
    by_id = {a.id: a for a in ds.activities}
    for i, activity in enumerate(ds.activities, start=1):
        notes = []
        if activity.role is not StatisticRole.RESULT:
            # A target, baseline or profile figure is not what was done: say which it is.
            role = lb.of(activity.role)
            if activity.deadline is not None:
                role = f"{role} ({format_period(activity.deadline, lb)})"
            notes.append(role)
        if activity.channel:
            notes.append(f"{lb['channel']} {activity.channel}")
        if activity.jointly:
            notes.append(lb["jointly"])
        parent = by_id.get(activity.part_of) if activity.part_of else None
        if parent is not None:
            notes.append(f"{lb['part_of']}: {lb.of(parent).lower()}")
        if activity.period is not None and activity.period != ds.period:
            notes.append(format_period(activity.period, lb))
        if ctx.internal and activity.subjects:
            notes.append(f"{lb['subjects']}: {', '.join(ctx.names(activity.subjects))}")
        covered = ctx.names(activity.covered)
        if covered:
            notes.append(", ".join(covered))
        yield [
            ctx.cell(i, center=True),
            ctx.cell(activity_name(activity, lb)),
            ctx.cell(format_quantity(activity.quantity, lb), center=True),
            ctx.cell(ctx.name(activity.actor) or ""),
            ctx.cell(sentence("; ".join(notes))),
        ]


def _certified_unit(ctx: Context, cert: Certification) -> str:
    if cert.count is not None:
        return cert.count.unit or ctx.labels.of(cert.unit_type).lower()
    return ctx.name(cert.unit) or cert.unit or ""


def _ratio(ctx: Context, cert: Certification) -> str:
    if cert.count is None:
        return _DASH
    en = ctx.labels.en
    done = format_number(cert.count.value, english=en)
    if cert.count.total is None:
        return done
    return f"{done}/{format_number(cert.count.total, english=en)}"


def _when(ctx: Context, cert: Certification) -> str:
    parts = []
    if cert.cycle_year is not None:
        parts.append(f"{ctx.labels['cycle']} {cert.cycle_year}")
    if cert.as_of is not None:
        parts.append(format_short_date(cert.as_of, ctx.labels))
    if cert.decision_number:
        decided = f"{ctx.labels['decision']} {cert.decision_number}"
        if cert.decided_on is not None:
            decided += f" ({format_short_date(cert.decided_on, ctx.labels)})"
        parts.append(decided)
    return "; ".join(parts)


def certification_section(ctx: Context, number: str) -> list[Flowable]:
    """Every certification record: đạt or chưa đạt, with the N/M ratio when counted."""
    lb = ctx.labels
    if not ctx.ds.certifications:
        return []
    rows = (
        [
            ctx.cell(i, center=True),
            ctx.cell(lb.of(cert.unit_type)),
            ctx.cell(sentence(_certified_unit(ctx, cert))),
            ctx.cell(lb.of(cert.result), center=True),
            ctx.cell(_ratio(ctx, cert), center=True),
            ctx.cell(_when(ctx, cert)),
        ]
        for i, cert in enumerate(ctx.ds.certifications, start=1)
    )
    header = [
        lb["col_no"],
        lb["col_unit_type"],
        lb["col_unit"],
        lb["col_result"],
        lb["col_ratio"],
        lb["col_as_of"],
    ]
    return [
        ctx.table(
            header,
            rows,
            _widths(0.22, 0.3, 0.13, 0.13, 0.22),
            lead=[_heading(ctx, number, lb["s_certification"])],
        ),
    ]


def _count(value: int | None, ctx: Context) -> str:
    return _DASH if value is None else format_number(value, english=ctx.labels.en)


def _award_title(ctx: Context, award: Award) -> str:
    form = ctx.labels.of(award)  # its form_label first; "khen thưởng" when no form is stated
    title = sentence(award.title)
    if title.casefold().startswith(form.casefold()):
        return title
    return f"{title} ({form.lower()})"


def _award_rows(ctx: Context) -> Iterator[list[Paragraph]]:
    lb = ctx.labels
    for i, award in enumerate(ctx.ds.awards, start=1):
        presenter = ctx.name(award.presenter) or award.presenter_text or ""
        reason = [award.reason or ""]
        if award.achievement_period is not None:
            reason.append(format_period(award.achievement_period, lb))
        if award.decision_number:
            reason.append(f"{lb['decision']} {award.decision_number}")
        yield [
            ctx.cell(i, center=True),
            ctx.cell(_award_title(ctx, award)),
            ctx.cell(ctx.name(award.issuer) or award.issuer_text or ""),
            ctx.cell(sentence(presenter)),
            ctx.cell(_count(award.collectives, ctx), center=True),
            ctx.cell(_count(award.individuals, ctx), center=True),
            ctx.cell(sentence(", ".join(r for r in reason if r))),
        ]


def _recipients(ctx: Context, award: Award) -> list[str]:
    """Named recipients, collectives first; private people are left out of public reports."""
    names = []
    for kind in (RecipientKind.TAP_THE, RecipientKind.CA_NHAN):
        for r in award.recipients:
            if r.kind is not kind:
                continue
            # A recipient given as a person is named only when that person may be.
            who = ctx.name(r.person) if r.person else (ctx.name(r.organization) or r.name)
            if who:
                names.append(who)
    return names


def _recipient_paragraphs(ctx: Context) -> Iterator[list[Flowable]]:
    first = True
    for award in ctx.ds.awards:
        names = _recipients(ctx, award)
        if not names:
            continue
        group: list[Flowable] = []
        if first:
            group += [Spacer(1, 2 * mm), ctx.para(f"{ctx.labels['recipients']}:")]
            first = False
        group.append(ctx.para(f"{sentence(award.title)}: {'; '.join(names)}.", ctx.styles.item))
        yield group


def awards_section(ctx: Context, number: str) -> list[Flowable]:
    """Awards: form and title, issuer, presenter, collectives and individuals, named recipients."""
    lb = ctx.labels
    if not ctx.ds.awards:
        return []
    header = [
        lb["col_no"],
        lb["col_form"],
        lb["col_issuer"],
        lb["col_presenter"],
        lb["col_collectives"],
        lb["col_individuals"],
        lb["col_reason"],
    ]
    return [
        ctx.table(
            header,
            _award_rows(ctx),
            _widths(0.22, 0.17, 0.17, 0.1, 0.1, 0.24),
            lead=[_heading(ctx, number, lb["s_awards"])],
        ),
        LazyStory(_recipient_paragraphs(ctx)),
    ]


def _group_rows(ctx: Context) -> Iterator[list[Paragraph]]:
    lb = ctx.labels
    for i, group in enumerate(ctx.ds.groups, start=1):
        name = group.name or group.description or ""
        if group.name and group.focus:
            name = f"{name} ({group.focus})"
        place = ctx.name(group.host) or ctx.name(group.unit) or ""
        coverage = [group.coverage or ""] if group.coverage != name else []
        coverage += ctx.names(group.covered)
        if group.established_on is not None:
            coverage.append(format_short_date(group.established_on, lb))
        yield [
            ctx.cell(i, center=True),
            ctx.cell(lb.of(group)),
            ctx.cell(sentence(name)),
            ctx.cell(sentence(place)),
            ctx.cell(format_quantity(group.count, lb) if group.count else _DASH, center=True),
            ctx.cell(sentence("; ".join(c for c in coverage if c))),
        ]


def groups_section(ctx: Context, number: str) -> list[Flowable]:
    """Self-managed groups, models and grassroots forces."""
    lb = ctx.labels
    if not ctx.ds.groups:
        return []
    header = [
        lb["col_no"],
        lb["col_kind"],
        lb["col_name"],
        lb["col_place"],
        lb["col_count"],
        lb["col_coverage"],
    ]
    return [
        ctx.table(
            header,
            _group_rows(ctx),
            _widths(0.16, 0.32, 0.18, 0.12, 0.22),
            lead=[_heading(ctx, number, lb["s_groups"])],
        ),
    ]


_FIELD_LABELS = {
    "birth_year": ("Năm sinh", "Year of birth"),
    "address": ("Địa chỉ", "Address"),
    "note": ("Ghi chú", "Note"),
}


def people_section(ctx: Context, number: str) -> list[Flowable]:
    """Internal profile only: every person with their personal data."""
    lb = ctx.labels
    if not ctx.ds.people:
        return []
    header = [lb["col_no"], lb["col_person"], lb["col_field"]]
    return [
        ctx.table(
            header,
            _people_rows(ctx),
            _widths(0.35, 0.65),
            lead=[_heading(ctx, number, lb["s_people"])],
        ),
    ]


def _people_rows(ctx: Context) -> Iterator[list[Paragraph]]:
    lb = ctx.labels
    for i, person in enumerate(ctx.ds.people, start=1):
        details = []
        if person.private:
            details.append("private" if lb.en else "cá nhân (không giữ chức vụ)")
        for field, value in ctx.sensitive_items(person):
            pair = _FIELD_LABELS.get(field, (field, field))
            details.append(f"{pair[1] if lb.en else pair[0]}: {value}")
        yield [
            ctx.cell(i, center=True),
            ctx.cell(person.name),
            ctx.cell(sentence("; ".join(details))),
        ]
