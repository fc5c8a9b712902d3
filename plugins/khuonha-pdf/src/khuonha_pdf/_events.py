"""The events section: each event with its time, place, delegates and programme."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from khuonha import Delegate, Event, Person
from khuonha_pdf._context import Context, sentence
from khuonha_pdf._format import format_quantity, format_short_date
from khuonha_pdf._lazy import LazyStory
from khuonha_pdf._text import markup

__all__ = ["events_section"]


def _when(ctx: Context, event: Event) -> str:
    lb = ctx.labels
    if event.start_on is None:  # known only to the month or the year: shown as that
        assert event.start_in is not None
        return event.start_in.label_en if lb.en else sentence(event.start_in.label)
    day = format_short_date(event.start_on, lb)
    if event.end_on is not None and event.end_on != event.start_on:
        end = format_short_date(event.end_on, lb)
        return f"{lb['from']} {day} {lb['to']} {end}" if lb.en else f"Từ ngày {day} đến ngày {end}"
    text = day if lb.en else f"ngày {day}"
    if event.start_time is not None:
        times = event.start_time.strftime("%H:%M")
        if event.end_time is not None:
            times += "–" + event.end_time.strftime("%H:%M")
        return f"{times}, {text}"
    if event.part_of_day is not None:
        part = [lb.of(event.part_of_day), lb["day_of"], text]
        return " ".join(p for p in part if p)
    return sentence(text)


def _where(ctx: Context, event: Event) -> str:
    places = []
    for site in event.sites:
        parts = [p for p in (site.name, site.address) if p]
        if not parts and (site.area or site.unit):
            parts.append(ctx.name(site.area or site.unit) or "")
        places.append(", ".join(p for p in parts if p))
    return "; ".join(p for p in places if p)


def _delegate(ctx: Context, delegate: Delegate) -> str | None:
    person = ctx.record(delegate.person)
    who: list[str] = []
    if isinstance(person, Person) and ctx.visible(person):
        who.append(ctx.person_name(person, honorific=True) or "")
        who += ctx.post_labels(person.id, delegate.posts)
    else:
        # A private person is never named in a public report: keep the role only.
        if delegate.role:
            who.append(delegate.role)
        elif delegate.organization:
            who.append(ctx.name(delegate.organization) or "")
        who += ctx.names(delegate.posts) if person is None else []
    text = ", ".join(w for w in who if w)
    if not text:
        return None
    if delegate.count is not None:
        text += f" ({format_quantity(delegate.count, ctx.labels)})"
    return sentence(text)


def _line(ctx: Context, label: str, value: str) -> Paragraph:
    return ctx.paragraph(f"- {markup(label)}: {markup(value)}", ctx.styles.item)


def _event(ctx: Context, index: int, event: Event) -> list[Flowable]:
    lb, st = ctx.labels, ctx.styles
    head: list[Flowable] = [
        ctx.paragraph(markup(f"{index}. {event.name}"), st.h2),
        _line(ctx, lb["time"], _when(ctx, event)),
    ]
    where = _where(ctx, event)
    if where:
        head.append(_line(ctx, lb["place"], sentence(where)))
    organiser = ctx.name(event.organiser)
    if organiser:
        head.append(_line(ctx, lb["organiser"], organiser))
    parent = ctx.record(event.parent)
    if isinstance(parent, Event):
        head.append(_line(ctx, sentence(lb["part_of"]), parent.name))
    out: list[Flowable] = [KeepTogether(head)]
    if event.theme:
        out.append(_line(ctx, lb["theme"], event.theme))
    if event.purpose:
        out.append(_line(ctx, lb["purpose"], sentence(event.purpose)))

    delegates = [d for d in (_delegate(ctx, d) for d in event.delegates) if d]
    if delegates:
        out.append(ctx.paragraph(f"- {markup(lb['delegates'])}:", st.item))
        out += [ctx.para(f"+ {d};", st.item_note) for d in delegates]

    if event.programme:
        out.append(ctx.paragraph(f"- {markup(lb['programme'])}:", st.item))
        for n, item in enumerate(event.programme, start=1):
            text = f"{n}) {item.title} ({lb.of(item).lower()})"
            speaker = ctx.name(item.speaker)
            if speaker:
                text += f"; {lb['speaker']}: {speaker}"
            out.append(ctx.para(text, st.item_note))
            if item.summary:
                out.append(ctx.para(f"{lb['content']}: {item.summary}", st.item_note))

    for pledge in event.pledges:
        parties = pledge.parties_text or ", ".join(ctx.names(pledge.parties))
        text = sentence(pledge.title)
        if parties:
            text += f" ({parties})"
        if pledge.signed_on is not None:
            text += f", {format_short_date(pledge.signed_on, lb)}"
        out.append(_line(ctx, lb["pledges"], text))

    if event.description:
        out.append(ctx.para(event.description, st.body))
    return out


def events_section(ctx: Context, number: str) -> list[Flowable]:
    """Every event in the dataset's order, a sub-event naming the event it belongs to."""
    if not ctx.ds.events:
        return []
    title = f"{number}. {ctx.labels['s_events'].upper()}"
    groups = (_event(ctx, i, event) for i, event in enumerate(ctx.ds.events, start=1))
    return [
        Paragraph(
            markup(title),
            ctx.styles.h1,
        ),
        LazyStory(groups),
    ]
