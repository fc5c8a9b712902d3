"""Words of a VEVENT: LOCATION and DESCRIPTION from an event and its dataset.

Personal data stays out of public exports: the plugin host hands a public
export a dataset without it (:func:`khuonha.redact`, private names masked in
free text), so no field marked sensitive holds a value; a person marked
``private`` is not named here either (nor are the posts that would identify them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from khuonha import (
    AdministrativeUnit,
    Dataset,
    Delegate,
    Event,
    Language,
    Organization,
    Person,
    PoliceRank,
    Post,
    Site,
    label,
    match_key,
    unit_name,
)
from khuonha_ics._labels import part_of_day_label, word

__all__ = ["Describer"]

_MAX_PARENTS = 8


def _unique(parts: Iterator[str | None]) -> list[str]:
    """Non-empty parts, each kept once (compared by match key, case-folded)."""
    seen: set[str] = set()
    out: list[str] = []
    for part in parts:
        if not part or not part.strip():
            continue
        key = match_key(part) or part
        if key not in seen:
            seen.add(key)
            out.append(part.strip())
    return out


class Describer:
    """Looks records up by id and words them for one dataset and one set of options."""

    def __init__(self, ds: Dataset, *, language: Language, internal: bool) -> None:
        self.language = language
        self.internal = internal
        self.units: dict[str, AdministrativeUnit] = {u.id: u for u in ds.units}
        self.areas = {a.id: a.name for a in ds.areas}
        self.orgs: dict[str, Organization] = {o.id: o for o in ds.organizations}
        self.people: dict[str, Person] = {p.id: p for p in ds.people}
        self.posts: dict[str, Post] = {p.id: p for p in ds.posts}
        self.events: dict[str, Event] = {e.id: e for e in ds.events}

    # ------------------------------------------------------------ names

    def _get(self, record: Any, name: str) -> Any:
        return getattr(record, name)

    def person(self, person_id: str | None, rank: PoliceRank | None = None) -> str | None:
        """A person's name with the honorific as written, and the police *rank* before the
        name as reports write it ("Thiếu tướng Đặng Trọng Cường"); ``None`` when hidden or
        unknown."""
        person = self.people.get(person_id or "")
        if person is None or (person.private and not self.internal):
            return None
        name = self._get(person, "name")
        honorific = self._get(person, "honorific")
        if not name:
            return None
        parts = [honorific, label(rank, self.language) if rank is not None else None, name]
        return " ".join(str(p) for p in parts if p)

    def org(self, org_id: str | None) -> str | None:
        """An organisation's name."""
        org = self.orgs.get(org_id or "")
        return None if org is None else self._get(org, "name")

    def unit(self, unit_id: str | None) -> str | None:
        """A unit's name with its kind ("xã Khuôn Hà"), or in English "Khuôn Hà commune"."""
        unit = self.units.get(unit_id or "")
        if unit is None:
            return None
        return unit_name(unit, self.language)

    def unit_chain(self, unit_id: str | None) -> list[str]:
        """The unit and the units above it: ["xã Khuôn Hà", "huyện Lâm Bình", …]."""
        out: list[str] = []
        seen: set[str] = set()
        current = unit_id
        while current and current not in seen and len(out) < _MAX_PARENTS:
            seen.add(current)
            text = self.unit(current)
            if text is None:
                break
            out.append(text)
            current = self.units[current].parent
        return out

    # ------------------------------------------------------------ location

    def site(self, site: Site) -> str:
        """One site as a line: its name, address and administrative units."""
        name = self._get(site, "name")
        unit_id = self._get(site, "unit")
        chain = self.unit_chain(unit_id)
        if name and chain and match_key(name) in self._unit_keys(unit_id):
            chain = chain[1:]  # the site is the unit itself, named as written
        area = self.areas.get(site.area or "")
        parts = _unique(iter([name, area, self._get(site, "address"), *chain]))
        return ", ".join(parts)

    def _unit_keys(self, unit_id: str | None) -> set[str]:
        """Match keys a site may use to name the unit itself ("xã Khuôn Hà", "Khuôn Hà")."""
        unit = self.units.get(unit_id or "")
        if unit is None:
            return set()
        names = (
            self._get(unit, "name") or "",
            unit_name(unit, Language.VI),
            unit_name(unit, Language.EN),
        )
        return {match_key(name) for name in names}

    def left_out(self, events: list[Event]) -> str:
        """Why events known only to their month or year are left out, and when they were."""
        en = self.language is Language.EN
        parts = []
        for event in events:
            when = event.start_in
            label = "" if when is None else (when.label_en if en else when.label)
            parts.append(f"{event.name} ({label})")
        head = (
            "Not in this calendar, because only the month or year is known"
            if en
            else "Không đưa vào lịch vì chỉ biết tháng hoặc năm"
        )
        return f"{head}: {'; '.join(parts)}."

    def location(self, event: Event) -> str | None:
        """LOCATION: every site of the event, joined by "; "."""
        lines = _unique(self.site(s) for s in event.sites)
        return "; ".join(lines) or None

    # ------------------------------------------------------------ description

    def delegate(self, delegate: Delegate) -> str | None:
        """A delegate as written: rank, name and posts, or the role; ``None`` if all is hidden."""
        person_id = self._get(delegate, "person")
        rank = self._get(delegate, "rank")
        name = self.person(person_id, rank)
        posts: list[str | None] = []
        role = self._get(delegate, "role")
        # The posts of a hidden person would identify them: they go with the name (as the rank).
        if name is not None or person_id is None:
            posts = [
                self._get(self.posts[p], "label") if p in self.posts else None
                for p in self._get(delegate, "posts") or ()
            ]
        parts = _unique(iter([name, *posts, role]))
        if person_id is None and rank is not None:  # unnamed: "Đại tá Phó Giám đốc …"
            parts = [" ".join([label(rank, self.language), *parts[:1]]), *parts[1:]]
        text = ", ".join(parts)
        org = self.org(self._get(delegate, "organization"))
        key = match_key(org) if org else ""
        if org and not (key and any(key in match_key(p) for p in parts)):
            text = f"{text} ({org})" if text else org
        if not text:
            return None
        count = self._get(delegate, "count")
        if count is not None:
            amount = count.text or f"{count.value:g}"
            text += f" [{amount}]"
        return text

    def sections(self, event: Event, *, part_of_day: bool, zone_note: bool) -> list[list[str]]:
        """The description as sections of lines (joined with blank lines between)."""
        lang = self.language
        sections: list[list[str]] = []
        head: list[str] = []
        if part_of_day and event.part_of_day is not None:
            head.append(part_of_day_label(event.part_of_day, lang) + ".")
        if zone_note:
            head.append(f"{word('zone', lang)}: {event.timezone}.")
        for key in ("theme", "purpose"):
            value = self._get(event, key)
            if value:
                head.append(f"{word(key, lang)}: {value}")
        if head:
            sections.append(head)
        text = self._get(event, "description")
        if text:
            sections.append([text])
        if len(event.sites) > 1:
            sections.append(
                [f"{word('sites', lang)}:", *(f"- {self.site(s)}" for s in event.sites)]
            )
        organiser = self.org(self._get(event, "organiser"))
        if organiser:
            sections.append([f"{word('organiser', lang)}: {organiser}"])
        delegates = [d for d in map(self.delegate, event.delegates) if d]
        if delegates:
            sections.append([f"{word('delegates', lang)}:", *(f"- {d}" for d in delegates)])
        programme = list(self._programme(event))
        if programme:
            sections.append([f"{word('programme', lang)}:", *programme])
        pledges = list(self._pledges(event))
        if pledges:
            sections.append([f"{word('pledges', lang)}:", *pledges])
        parent = self.events.get(event.parent or "")
        if parent is not None:
            sections.append([f"{word('parent', lang)}: {self._get(parent, 'name')}"])
        return sections

    def description(self, event: Event, *, part_of_day: bool, zone_note: bool) -> str | None:
        """DESCRIPTION: the sections joined, or ``None`` when there is nothing to say."""
        sections = self.sections(event, part_of_day=part_of_day, zone_note=zone_note)
        return "\n\n".join("\n".join(lines) for lines in sections) or None

    def _programme(self, event: Event) -> Iterator[str]:
        for item in event.programme:
            kind = label(item, self.language)  # its kind_label first
            title = self._get(item, "title")
            line = (
                f"- {title}"
                if match_key(title).startswith(match_key(kind))
                else f"- {kind}: {title}"
            )
            speaker = self.person(self._get(item, "speaker"))
            if speaker:
                line += f" ({speaker})"
            yield line
            summary = self._get(item, "summary")
            if summary:
                yield f"  {summary}"

    def _pledges(self, event: Event) -> Iterator[str]:
        for pledge in event.pledges:
            line = f"- {self._get(pledge, 'title')}"
            parties = _unique(
                iter([self.org(p) or self.person(p) for p in self._get(pledge, "parties") or ()])
            )
            text = self._get(pledge, "parties_text")
            if text:
                parties = _unique(iter([*parties, text]))
            if parties:
                line += f" ({word('parties', self.language)}: {', '.join(parties)})"
            signed = self._get(pledge, "signed_on")
            if signed is not None and signed != event.start_on:
                line += f", {signed.day}/{signed.month}/{signed.year}"
            yield line
