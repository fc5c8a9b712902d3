"""From report prose to a draft dataset: :func:`extract_text`.

A report or a news article names its commune and places, its events with
their dates, its figures and its awards in sentences. :func:`extract_text`
reads them into a draft :class:`~khuonha.Dataset` that a person then
reviews: every record it builds carries a
:class:`~khuonha.model.provenance.Provenance` (the span of the text it was
read from) and ``needs_review`` with the reason where the reading is not
certain. It never invents a code, a day or a name: a unit has the name as
written and no code, an event without a day keeps only the month or year the
text gives (or is left out), an award names its issuer as written.

>>> text = ("Trong 8 tháng đầu năm 2022, Công an xã Khuôn Hà tuyên truyền được "
...         "92 lượt với trên 2.500 lượt người tham gia.")
>>> ds = extract_text(text)
>>> ds.find(ds.commune).name
'Khuôn Hà'
>>> [(a.quantity.value, a.quantity.qualifier.value, a.quantity.unit) for a in ds.activities]
[(92, 'exact', 'lượt'), (2500, 'more_than', 'lượt người')]
>>> a = ds.activities[1]
>>> a.period.label, a.provenance.text, a.provenance.needs_review
('8 tháng đầu năm 2022', 'trên 2.500 lượt người', False)
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from khuonha.exceptions import InvalidDataError, PeriodParseError
from khuonha.model._extract_words import (
    ACTION_WORDS,
    AREA_WORDS,
    AWARD_FORMS,
    CENTRAL_CITIES,
    EVENT_PATTERNS,
    ISSUER,
    MODIFIERS,
    PROFILE_UNITS,
    TARGET_WORDS,
    UNIT_WORDS,
)
from khuonha.model.activities import Activity, StatisticRole
from khuonha.model.awards import Award, AwardForm
from khuonha.model.dataset import Dataset
from khuonha.model.dates import KindLabel, ReducedDate
from khuonha.model.events import Event, EventKind, PartOfDay, Pledge, Site
from khuonha.model.news import NewsItem
from khuonha.model.places import AdministrativeUnit, AreaKind, ResidentialArea, UnitKind, UnitLevel
from khuonha.model.provenance import Provenance
from khuonha.text._period_parser import parse_period
from khuonha.text._scan_quantities import NO_UNIT_REASON, ROW_REASON
from khuonha.text.periods import Period
from khuonha.text.scanning import FoundPeriod, FoundQuantity, scan
from khuonha.text.unicode import TextError, match_key, nfc, slugify

__all__ = ["MAX_EXTRACT_LENGTH", "NEWS_ID", "extract_text"]

#: The longest text :func:`extract_text` reads, in characters (a few hundred report pages).
MAX_EXTRACT_LENGTH = 2_000_000
#: The id of the news item that holds the text in a draft.
NEWS_ID = "van-ban"

_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<!\d)[.!?…](?!\d)|[;\n]")
_TIME_UNITS = frozenset(match_key(w) for w in ("năm", "tháng", "ngày", "tuần", "quý", "giờ"))
_RECIPIENTS = {"tập thể": "collectives", "cá nhân": "individuals"}
_FORMS = re.compile("|".join(r"\s+".join(p.split()) for p, _ in AWARD_FORMS), re.IGNORECASE)
_GIVEN = re.compile(r"(?:tặng|trao|trao\s+tặng|khen\s+thưởng)\s+[^.;]{0,60}?\bcho\b", re.IGNORECASE)
_FORM_OF = {match_key(p): f for p, f in AWARD_FORMS}


@attrs.frozen
class _Token:
    text: str
    start: int
    end: int


@attrs.frozen
class _Place:
    kind: UnitKind | AreaKind
    level: UnitLevel | None
    name: str
    start: int
    end: int
    name_start: int
    group: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind.value, match_key(self.name))


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidDataError(f"expected a string, got {type(text).__name__}", field="text")
    if len(text) > MAX_EXTRACT_LENGTH:
        raise InvalidDataError(
            f"the text has {len(text)} characters, more than {MAX_EXTRACT_LENGTH}",
            field="text",
            code="text_too_long",
        )
    if "\x00" in text or sum(ch in _CONTROL for ch in text) * 100 > len(text):
        raise InvalidDataError("the text looks binary (control characters)", field="text")
    if not text.strip():
        raise InvalidDataError("the text is empty", field="text", code="text_empty")
    try:
        return nfc(text.removeprefix("\ufeff"))
    except TextError as exc:
        raise InvalidDataError(str(exc), field="text", code="invalid_text") from None


def _sentences(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; a dot inside a number ("2.500") does not end one."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(body):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(body):
        out.append((start, len(body)))
    return out


class _Reader:
    """One pass over the text, collecting records and spans."""

    def __init__(self, body: str, reference: date | None) -> None:
        self.body = body
        self.reference = reference
        self.tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(body)]
        self.sentences = _sentences(body)
        self._sentence_starts = [s for s, _ in self.sentences]
        found = scan(body, reference=reference)
        self.quantities = list(found.quantities)
        self.periods = list(found.periods)
        self.used: set[int] = set()  # quantities taken by awards and anniversaries
        self._table_first: dict[int, int] = {}  # a table row's line start -> its header's
        self._header_periods: dict[str, Period | None] = {}
        self._q_starts = [q.start for q in self.quantities]
        compounds = [(p.start, p.end) for p in self.periods if p.compound]
        self.dated = sorted(
            (
                p
                for p in self.periods
                if p.period is not None
                and (p.compound or not any(a <= p.start and p.end <= b for a, b in compounds))
            ),
            key=lambda p: (p.end, p.start),
        )
        self._dated_ends = [p.end for p in self.dated]
        self._dated_by_start = sorted(self.dated, key=lambda p: p.start)
        self._dated_starts = [p.start for p in self._dated_by_start]
        self._places: list[_Place] | None = None
        self._paragraphs = [0, *(m.end() for m in re.finditer(r"\n\s*\n", body))]
        self._place_at: dict[int, _Place] = {}

    def quantities_in(self, start: int, end: int) -> Iterator[tuple[int, FoundQuantity]]:
        """``(index, quantity)`` of the quantities that start in ``start..end``."""
        i = bisect_left(self._q_starts, start)
        while i < len(self.quantities) and self.quantities[i].start < end:
            yield i, self.quantities[i]
            i += 1

    def lead_in(self, offset: int) -> int | None:
        """Where the lead-in of the list holding *offset* starts ("Kết quả năm 2024, toàn xã
        đạt được như sau:" and an item per paragraph after it), or ``None``."""
        starts = self._paragraphs
        here = bisect_right(starts, offset) - 1
        for k in range(here, max(-1, here - _MAX_ITEMS - 1), -1):
            end = starts[k + 1] if k + 1 < len(starts) else len(self.body)
            text = self.body[starts[k] : end].strip()
            if k < here and text.endswith(":"):
                return starts[k]
            if len(text) > _MAX_ITEM or not text.endswith((";", ".", ",")):
                return None
        return None

    def column_header(self, offset: int) -> str | None:
        """The header cell of the table column holding *offset* (tables are read one line per
        row, cells joined by "|"), or ``None`` outside a table or in its first row."""
        body = self.body
        line = body.rfind("\n", max(0, offset - _MAX_ROW), offset) + 1
        if line == 0 and offset > _MAX_ROW:
            return None  # no line this long is a table row
        column = body.count("|", line, offset)
        first = self._table_first.get(line, line)
        for _ in range(_MAX_ROWS if first == line else 0):
            above = body.rfind("\n", max(0, first - 1 - _MAX_ROW), first - 1) + 1
            if first == 0 or "|" not in body[above : first - 1]:
                break
            if above in self._table_first:  # a row above already knows its table's header
                first = self._table_first[above]
                break
            first = above
        self._table_first[line] = first
        if first == line:
            return None
        end = body.find("\n", first, first + _MAX_ROW)
        cells = body[first : end if end >= 0 else first + _MAX_ROW].split("|")
        if column >= len(cells):
            return None
        return cells[column].strip() or None

    def header_period(self, header: str) -> Period | None:
        """The dated period a column's header names ("Năm 2024"), or ``None`` (read once)."""
        if header not in self._header_periods:
            try:
                period: Period | None = parse_period(header, reference=self.reference)
            except PeriodParseError:
                period = None
            self._header_periods[header] = period if period is not None and period.dated else None
        return self._header_periods[header]

    def paragraph_start(self, offset: int) -> int:
        """Where the paragraph holding *offset* starts (paragraphs are split by blank lines)."""
        return self._paragraphs[bisect_right(self._paragraphs, offset) - 1]

    def period_before(self, offset: int) -> FoundPeriod | None:
        """The dated period that ends last at or before *offset*."""
        i = bisect_right(self._dated_ends, offset)
        return self.dated[i - 1] if i else None

    def other_before(self, p: FoundPeriod, limit: int) -> FoundPeriod | None:
        """Another dated period of other dates ending before *p* starts and from *limit* on."""
        i = bisect_right(self._dated_ends, p.start)
        while i and self.dated[i - 1].start >= limit:
            other = self.dated[i - 1]
            if other.period != p.period:
                return other
            i -= 1
        return None

    def period_after(self, offset: int, limit: int) -> FoundPeriod | None:
        """The first dated period that starts in ``offset..limit``."""
        i = bisect_left(self._dated_starts, offset)
        if i < len(self._dated_starts) and self._dated_starts[i] < limit:
            return self._dated_by_start[i]
        return None

    # -- spans ------------------------------------------------------------------

    def span(self, start: int, end: int, reason: str | None = None) -> Provenance:
        while start < end and self.body[start].isspace():
            start += 1
        while end > start and self.body[end - 1].isspace():
            end -= 1
        return Provenance(
            source=NEWS_ID,
            start=start,
            end=end,
            text=self.body[start:end],
            needs_review=reason is not None,
            reason=reason,
        )

    def sentence_of(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._sentence_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    # -- places -----------------------------------------------------------------

    def places(self) -> list[_Place]:
        if self._places is None:
            self._places = self._find_places()
            self._place_at = {p.start: p for p in self._places}
        return self._places

    def place_at(self, offset: int) -> _Place | None:
        """The place named from *offset* (its place word starting there)."""
        self.places()
        return self._place_at.get(offset)

    def _find_places(self) -> list[_Place]:
        toks = self.tokens
        words = [t.text.casefold() for t in toks]
        found: list[_Place] = []
        i = 0
        while i < len(toks):
            hit = self._place_word(words, i)
            if hit is None:
                i += 1
                continue
            width, kind = hit
            if toks[i].text.isupper() and len(toks[i].text) > 1:
                i += width  # an all-capitals heading: where the name ends cannot be told
                continue
            j = i + width
            for modifier in MODIFIERS:
                parts = modifier.split()
                if words[j : j + len(parts)] == parts:
                    j += len(parts)
                    break
            plural = i > 0 and words[i - 1] in ("các", "những")
            while True:
                k = j
                while k < len(toks) and k - j < 5 and _is_name(toks[k].text):
                    if k > j and "\n" in self.body[toks[k - 1].end : toks[k].start]:
                        break  # a name ends with its line ("… xã Vĩnh Yên\n\nNgày 15-8-2024")
                    k += 1
                if k == j:
                    break
                found.append(
                    self._place(kind, toks[i].start, toks[j].start, toks[k - 1].end, toks[i].start)
                )
                if not (plural and k + 1 < len(toks) and toks[k].text == ","):
                    break
                if not _is_name(toks[k + 1].text) or self._place_word(words, k + 1) is not None:
                    break
                j = k + 1
            i = max(j, i + width)
        return found

    def _place_word(self, words: list[str], i: int) -> tuple[int, Any] | None:
        for parts, hit in _PLACE_WORDS.get(words[i], ()):
            if words[i : i + len(parts)] == parts:
                return len(parts), hit
        return None

    def _place(
        self, hit: tuple[str, Any], start: int, name_start: int, end: int, group: int
    ) -> _Place:
        phrase, kind = hit
        name = self.body[name_start:end]
        if phrase == "thành phố":
            central = any(match_key(name) == match_key(c) for c in CENTRAL_CITIES)
            kind = (
                UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG
                if central
                else UnitKind.THANH_PHO_THUOC_TINH
            )
        level = kind.level if isinstance(kind, UnitKind) else None
        return _Place(kind, level, name, start, end, name_start, group)


def _slug(text: str) -> str:
    """An id made from *text*: at most 80 characters, cut at a hyphen."""
    slug = slugify(text)
    if len(slug) > 80:
        slug = slug[:81].rsplit("-", 1)[0]
    return slug.strip("-")


def _is_name(word: str) -> bool:
    """A word of a place name: capitalised ("Khuôn", "A") or a number ("Thôn 1")."""
    return word[:1].isupper() or word.isdigit()


#: Place words by their first word: (the words, (phrase, kind)), longest first.
_PLACE_WORDS: dict[str, list[tuple[list[str], tuple[str, Any]]]] = {}
for _phrase, _kind_of in (*UNIT_WORDS, *AREA_WORDS):
    _PLACE_WORDS.setdefault(_phrase.split()[0], []).append((_phrase.split(), (_phrase, _kind_of)))

_LEVEL_RANK = {UnitLevel.COMMUNE: 0, UnitLevel.DISTRICT: 1, UnitLevel.PROVINCE: 2}


def _place_records(
    reader: _Reader,
) -> tuple[list[AdministrativeUnit], list[ResidentialArea], str | None, dict[tuple[str, str], str]]:
    mentions = reader.places()
    # "xã Phú kiết" then "xã Phú Kiết": a name that starts another of the same kind is that one.
    keys = {m.key for m in mentions}
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, name in keys:
        longer = [k for k in keys if k[0] == kind and k[1] != name and k[1].startswith(name + " ")]
        if len(longer) == 1:
            merged[(kind, name)] = longer[0]
    counts = Counter(merged.get(m.key, m.key) for m in mentions)
    first: dict[tuple[str, str], _Place] = {}
    for m in mentions:
        key = merged.get(m.key, m.key)
        if key not in first and key == m.key:
            first[key] = m
    for m in mentions:  # a merged name whose full form never comes first
        first.setdefault(merged.get(m.key, m.key), m)
    ids: dict[tuple[str, str], str] = {}
    for key, m in first.items():
        base = _slug(f"{key[0]} {m.name}") or "noi"
        uid, n = base, 2
        while uid in ids.values():
            uid, n = f"{base}-{n}", n + 1
        ids[key] = uid
    parents: dict[tuple[str, str], tuple[str, str]] = {}
    for a, b in itertools.pairwise(mentions):
        between = reader.body[a.end : b.start]
        if between.strip(" ,()–-") or len(between) > 4:
            continue
        ka, kb = merged.get(a.key, a.key), merged.get(b.key, b.key)
        if b.level is not None and (a.level is None or _LEVEL_RANK[b.level] > _LEVEL_RANK[a.level]):
            parents.setdefault(ka, kb)
    groups: dict[int, list[_Place]] = {}
    for m in mentions:
        groups.setdefault(m.group, []).append(m)
    for members in groups.values():  # "các xã A, B, C (huyện D)": D is the parent of all three
        known = [
            parents[merged.get(m.key, m.key)]
            for m in members
            if merged.get(m.key, m.key) in parents
        ]
        for m in members:
            if known:
                parents.setdefault(merged.get(m.key, m.key), known[-1])
    communes = [k for k, m in first.items() if m.level is UnitLevel.COMMUNE]
    ranked = sorted(communes, key=lambda k: (-counts[k], first[k].start))
    commune = None
    if len(ranked) == 1 or (ranked and counts[ranked[0]] > counts[ranked[1]]):
        commune = ranked[0]
    units: list[AdministrativeUnit] = []
    areas: list[ResidentialArea] = []
    for key, m in first.items():
        reasons = []
        if key in merged.values():
            reasons.append("also written with a shorter or differently cased name")
        if key == commune and len(communes) > 1:
            reasons.append(
                f"{len(communes)} communes are named; this one is named most often ({counts[key]})"
            )
        span = reader.span(m.start, m.end, "; ".join(reasons) or None)
        parent = parents.get(key)
        if isinstance(m.kind, UnitKind):
            parent_id = ids[parent] if parent is not None and first[parent].level else None
            units.append(
                AdministrativeUnit(
                    id=ids[key], name=m.name, kind=m.kind, parent=parent_id, provenance=span
                )
            )
        else:
            unit_id = None
            if parent is not None and first[parent].level is UnitLevel.COMMUNE:
                unit_id = ids[parent]
            areas.append(
                ResidentialArea(
                    id=ids[key], name=m.name, kind=m.kind, unit=unit_id, provenance=span
                )
            )
    return units, areas, (ids[commune] if commune else None), ids


# -- events -------------------------------------------------------------------------


_JOINED = re.compile(r"\s*(?:và|cùng|kết\s+hợp(?:\s+với)?|gắn\s+với)\s*", re.IGNORECASE)


def _events(reader: _Reader, places: dict[tuple[str, str], str]) -> list[Event]:
    body = reader.body
    mentions = []
    for pattern, kind in EVENT_PATTERNS:
        for m in pattern.finditer(body):
            mentions.append((m.start(), m.end(), kind))
    mentions.sort()
    # "Ngày hội … và diễn đàn “…” năm 2022": names joined in one sentence share its day,
    # and a forum joined to a festival is held within it (its parent).
    partner: dict[int, tuple[int, int, EventKind]] = {}
    for (s1, e1, k1), (s2, e2, k2) in itertools.pairwise(mentions):
        if _JOINED.fullmatch(body, e1, s2):
            partner[s1], partner[s2] = (s2, e2, k2), (s1, e1, k1)
    events: dict[tuple[str, str], Event] = {}
    ids_at: dict[int, str] = {}
    place_mentions = reader.places()
    for start, end, kind in mentions:
        name = _unquoted(body[start:end])
        key = (kind.value, match_key(name))
        if key in events and events[key].start_on is not None:
            ids_at[start] = events[key].id
            continue
        s_start, s_end = reader.sentence_of(start)
        dated = _event_date(reader, s_start, s_end, start, end)
        if dated is None and start in partner:
            p_start, p_end, _ = partner[start]
            dated = _event_date(reader, s_start, s_end, p_start, p_end)
            if dated is not None:
                dated[1].append(f"the day is that of {body[p_start:p_end]!r}, named with it")
        if dated is None:
            continue
        fields, reasons, date_start, date_end = dated
        site = _site(reader, place_mentions, places, s_start, s_end)
        lo, hi = min(start, date_start), max(end, date_end)
        if key in events:  # named before without its day (a title): the same event, dated
            uid = events[key].id
        else:
            uid = _slug(name) or kind.value
            n = 2
            while any(e.id == uid for e in events.values()):
                uid, n = f"{uid}-{n}", n + 1
        ids_at[start] = uid
        events[key] = Event(
            id=uid,
            kind=kind,
            name=name,
            sites=(site,) if site is not None else (),
            sources=(NEWS_ID,),
            provenance=reader.span(lo, hi, "; ".join(reasons) or None),
            **fields,
        )
    out = list(events.values())
    for i, event in enumerate(out):
        if event.kind is not EventKind.DIEN_DAN:
            continue
        festival = next(
            (
                ids_at.get(at)
                for mine, (at, _, other) in partner.items()
                if ids_at.get(mine) == event.id and other is EventKind.NGAY_HOI
            ),
            None,
        )
        if festival is not None and festival != event.id:
            out[i] = attrs.evolve(event, parent=festival)
    return out


def _main_event(events: list[Event]) -> Event | None:
    """The one event the others are part of (a festival and its forum), or ``None``."""
    top = [e for e in events if e.parent is None]
    return top[0] if len(top) == 1 else None


def _unquoted(name: str) -> str:
    """*name* without the quotes around it, keeping a quote that closes one inside."""
    name = name.strip()
    if name[:1] in '“"' and name.count("”") + name.count('"') < 2:
        name = name[1:]
    if name[-1:] in '”"' and name.count("“") + name.count('"') < 1:
        name = name[:-1]
    return name.strip()


_AT = re.compile(r"\btại\s+", re.IGNORECASE)


def _site(
    reader: _Reader,
    mentions: list[_Place],
    places: dict[tuple[str, str], str],
    s_start: int,
    s_end: int,
) -> Site | None:
    """Where the event was: the place named after "tại" in its sentence ("tại Nhà Văn hóa ấp …")."""
    at = _AT.search(reader.body, s_start, s_end)
    if at is None:
        return None
    for p in mentions:
        if at.end() <= p.start < min(s_end, at.end() + 60):
            pid = places.get(p.key)
            if pid is None:
                return None
            before = reader.body[at.end() : p.start].strip(" ,")
            name = f"{before} {reader.body[p.start : p.end]}" if before else None
            if isinstance(p.kind, UnitKind):
                return Site(unit=pid, name=name)
            return Site(area=pid, name=name)
    return None


_PART_OF_DAY = {"sáng": PartOfDay.SANG, "trưa": PartOfDay.TRUA, "chiều": PartOfDay.CHIEU}
_PART_OF_DAY["tối"] = PartOfDay.TOI


def _event_date(
    reader: _Reader, s_start: int, s_end: int, start: int, end: int
) -> tuple[dict[str, Any], list[str], int, int] | None:
    """The event's day (or month or year) from its sentence; ``None`` when it gives none."""
    body = reader.body
    found = _event_day(reader, s_start, s_end, start)
    if found is not None:
        return found
    i = reader.sentences.index((s_start, s_end))
    if i > 0:
        p_start, p_end = reader.sentences[i - 1]
        if "\n\n" not in body[p_start:s_start].strip():
            found = _event_day(reader, p_start, p_end, s_start)
            if found is not None:
                found[1].append("the day is taken from the sentence before the event's name")
                return found
    in_sentence = [p for p in reader.periods if s_start <= p.start < s_end and not p.compound]
    return _event_year(reader, in_sentence, s_start, start, end)


def _event_day(
    reader: _Reader, s_start: int, s_end: int, start: int
) -> tuple[dict[str, Any], list[str], int, int] | None:
    body = reader.body
    in_sentence = [p for p in reader.periods if s_start <= p.start < s_end and not p.compound]
    days = [
        p
        for p in in_sentence
        if p.period is not None and p.period.start == p.period.end and p.period.start is not None
    ]
    if days:
        p = min(days, key=lambda f: abs(f.start - start))
        fields: dict[str, Any] = {"start_on": p.period.start}  # type: ignore[union-attr]
        before = body[max(s_start, p.start - 12) : p.start].casefold().split()
        if before and before[-1] in _PART_OF_DAY:
            fields["part_of_day"] = _PART_OF_DAY[before[-1]]
        reasons = [p.reason] if p.ambiguous and p.reason else []
        return fields, reasons, p.start, p.end
    return None


def _event_year(
    reader: _Reader, in_sentence: list[FoundPeriod], s_start: int, start: int, end: int
) -> tuple[dict[str, Any], list[str], int, int] | None:
    """The year in the event's name ("… năm 2022"), with its day-month when the text gives one."""
    body = reader.body
    years = [
        p
        for p in in_sentence
        if p.period is not None
        and p.period.start is not None
        and p.period.end is not None
        and p.period.start.month == 1
        and p.period.start.day == 1
        and p.period.end.month == 12
        and p.period.end.day == 31
        and p.period.start.year == p.period.end.year
        and start <= p.start <= end + 12
    ]
    undated = [
        p
        for p in in_sentence
        if p.period is None and p.text.casefold().startswith("ngày") and "/" in p.text
    ]
    if years:
        year = years[0].period.start.year  # type: ignore[union-attr]
        if undated:
            p = undated[0]
            again = scan(p.text, reference=date(year, 12, 31)).periods
            if again and again[0].period is not None and again[0].period.start is not None:
                day = again[0].period.start
                fields: dict[str, Any] = {"start_on": day}
                before = body[max(s_start, p.start - 12) : p.start].casefold().split()
                if before and before[-1] in _PART_OF_DAY:
                    fields["part_of_day"] = _PART_OF_DAY[before[-1]]
                reason = f"the year {year} is taken from the words {years[0].text!r}"
                return fields, [reason], p.start, p.end
        reason = "only the year is given"
        return (
            {"start_in": ReducedDate(year=year, text=years[0].text)},
            [reason],
            years[0].start,
            years[0].end,
        )
    return None


# -- awards -------------------------------------------------------------------------


_PLEDGE = re.compile(
    r"(?<!\w)(?:ký|kí)\s+(?:kết\s+)?(?:bản\s+)?"
    r"(giao\s+ước\s+thi\s+đua|quy\s+chế\s+phối\s+hợp|chương\s+trình\s+phối\s+hợp)"
    r"([^.;,:\n()“”\"]{0,120})",
    re.IGNORECASE,
)
#: Words that put a sentence at the event ("Tại Ngày hội, …", "Dịp này, …").
_AT_EVENT = re.compile(
    r"(?:tại|trong|nhân\s+dịp|dịp)\s+(?:ngày\s+hội|hội\s+nghị|diễn\s+đàn|buổi\s+lễ|lễ|chương"
    r"\s+trình|buổi)|(?:nhân\s+)?dịp\s+này",
    re.IGNORECASE,
)
_PARTY_TAIL = re.compile(r"(?:\s+(?:đã|đều|cùng|và|thực\s+hiện|tiến\s+hành))+\s*$", re.IGNORECASE)


def _with_pledges(reader: _Reader, events: list[Event]) -> list[Event]:
    """ "8 thôn đã ký kết giao ước thi đua …": the pledges signed, on the one event's day.

    Pledges belong to an event: with several events (or none) the text does not say
    which, and none is read; a festival's forum is part of the festival. A pledge is
    read in the event's paragraph, or in a sentence set at it ("Tại Ngày hội, …",
    "Dịp này, …"). Who signed
    is kept as written only when a few words before the verb name them ("8 thôn đã
    ký …").
    """
    event = _main_event(events)
    if event is None:
        return events
    pledges = []
    at = None if event.provenance is None else reader.paragraph_start(event.provenance.start)
    for m in _PLEDGE.finditer(reader.body):
        title = " ".join((m.group(1) + m.group(2)).split())
        s_start, s_end = reader.sentence_of(m.start())
        if reader.paragraph_start(m.start()) != at and not _AT_EVENT.search(
            reader.body, s_start, s_end
        ):
            continue  # signed elsewhere or at another time ("Năm 2023, các thôn đã ký …")
        before = reader.body[s_start : m.start()].rsplit(",", 1)[-1]
        parties = _PARTY_TAIL.sub("", before).strip()
        words = parties.split()
        if not words or len(words) > 6 or not (words[0][:1].isupper() or words[0].isdigit()):
            parties = ""
        pledges.append(Pledge(title=title, parties_text=parties or None, signed_on=event.start_on))
    if not pledges:
        return events
    signed = attrs.evolve(event, pledges=(*event.pledges, *pledges))
    return [signed if e is event else e for e in events]


def _awards(reader: _Reader, events: list[Event]) -> list[Award]:
    body = reader.body
    out: list[Award] = []
    done = -1
    for m in _FORMS.finditer(body):
        s_start, s_end = reader.sentence_of(m.start())
        if s_start == done:
            continue  # one award per sentence: its first form word
        done = s_start
        phrase = m.group()
        form_hit = (phrase, _FORM_OF[match_key(phrase)], m.start())
        counts: dict[str, Any] = {}
        used = []
        for i, q in reader.quantities_in(s_start, s_end):
            if q.quantity.unit is None:
                continue
            unit = match_key(q.quantity.unit)
            for word, field in _RECIPIENTS.items():
                if unit == match_key(word) and field not in counts:
                    counts[field] = int(q.quantity.value)
                    used.append(i)
        _phrase, form, at = form_hit
        reasons = []
        if not counts:
            # "biểu dương, khen thưởng" as a purpose reports no award; "tặng Bằng khen cho
            # tập thể …" does, without a number
            given = _GIVEN.search(body, s_start, s_end)
            if form is AwardForm.KHAC or given is None:
                continue
            reasons.append("no count of recipients is written")
        issuer_text, authority_text, presenter_text = _issuer(reader, s_start, s_end, at)
        if issuer_text is None:
            reasons.append("the issuer is not written in this sentence")
        if form is AwardForm.KHAC:
            reasons.append("the form of the award (giấy khen, bằng khen …) is not stated")
        self_used = [reader.quantities[i] for i in used]
        end = max([at + len(phrase), *(q.end for q in self_used)])
        start = min([at, *(q.start for q in self_used)])
        if issuer_text is not None:
            where = body.find(issuer_text, s_start, s_end)
            if where >= 0:
                start = min(start, where)
                end = max(end, where + len(issuer_text))
        reader.used.update(used)
        main = _main_event(events)
        event = None if main is None else main.id
        if main is None and events:
            reasons.append("the text names several events; the award is linked to none")
        out.append(
            Award(
                id=f"khen-thuong-{len(out) + 1}",
                form=form,
                title=body[at : at + len(phrase)],
                form_label=KindLabel(vi="Khen thưởng") if form is AwardForm.KHAC else None,
                issuer_text=issuer_text,
                authority_text=authority_text,
                presenter_text=presenter_text,
                event=event,
                sources=(NEWS_ID,),
                provenance=reader.span(start, end, "; ".join(reasons) or None),
                **counts,
            )
        )
    return out


def _issuer(
    reader: _Reader, s_start: int, s_end: int, form_at: int
) -> tuple[str | None, str | None, str | None]:
    """Issuer, authority ("Thừa uỷ quyền …") and presenter, as written."""
    body = reader.body
    found = []
    for m in ISSUER.finditer(body, s_start, s_end):
        end = _extend_place(reader, m.end(), s_end)
        found.append((m.start(), end))
    if not found:
        return None, None, None
    authority = presenter = None
    sentence = body[s_start:s_end]
    fold = sentence.casefold()
    delegated = re.search(r"thừa\s+u[ỷỷ]\s*quyền|thừa\s+ủy\s+quyền", fold)
    after_form = [
        f for f in found if f[0] > form_at and body[form_at : f[0]].casefold().find("của") >= 0
    ]
    if after_form:
        s, e = after_form[0]
        return body[s:e], None, None
    if delegated is not None:
        within = [f for f in found if f[0] >= s_start + delegated.end()]
        if within:
            s, e = within[0]
            authority = body[s_start + delegated.start() : e]
            others = [f for f in found if f[0] > e and f[0] < form_at]
            if others:
                presenter = body[others[0][0] : others[0][1]]
            return body[s:e], authority, presenter
    before = [f for f in found if f[1] <= form_at]
    if before:
        s, e = before[-1]
        return body[s:e], None, None
    s, e = found[0]
    return body[s:e], None, None


def _extend_place(reader: _Reader, offset: int, limit: int) -> int:
    """The end of "… xã Vân Hồ" when a place follows *offset*, else *offset*."""
    for at in (offset, offset + 1):
        p = reader.place_at(at)
        if p is not None and p.end <= limit:
            return p.end
    rest = reader.body[offset:limit]
    m = re.match(r"\s+(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\b", rest)
    return offset + m.end() if m else offset


# -- statistics ---------------------------------------------------------------------


def _activities(reader: _Reader, events: list[Event]) -> list[Activity]:
    body = reader.body
    out: list[Activity] = []
    for i, q in enumerate(reader.quantities):
        if i in reader.used:
            continue
        unit = q.quantity.unit
        if unit is not None and match_key(unit.split()[0]) in _TIME_UNITS:
            continue  # "80 năm" is a duration or an anniversary, not a figure
        s_start, s_end = reader.sentence_of(q.start)
        reasons = []
        if q.ambiguous:
            reasons.append(q.reason or "the number can be read more than one way")
        if unit is None and q.quantity.unit != "%" and NO_UNIT_REASON not in reasons:
            reasons.append(NO_UNIT_REASON)
        role, why = _role(reader, q, s_start)
        if why:
            reasons.append(why)
        period, period_reason = _period_for(reader, q, s_start, s_end, role)
        if period_reason:
            reasons.append(period_reason)
        words = q.of if q.quantity.unit == "%" and q.of else unit
        kind = _kind(words)
        label = KindLabel(vi=words) if words else KindLabel(vi="Số liệu", en="Figure")
        event = None
        for e in events:
            if e.provenance is not None and s_start <= e.provenance.start < s_end:
                event = e.id
        out.append(
            Activity(
                id=f"so-lieu-{len(out) + 1}",
                kind=kind,
                label=label,
                quantity=q.quantity,
                role=role,
                period=period,
                event=event,
                description=_context(body, s_start, s_end, q.start, q.end),
                sources=(NEWS_ID,),
                provenance=reader.span(q.start, q.end, "; ".join(reasons) or None),
            )
        )
    return out


#: How far before a figure its sentence is read for its role, in characters.
_WINDOW = 120


def _context(body: str, s_start: int, s_end: int, start: int, end: int) -> str | None:
    """The figure's sentence, cut to a few hundred characters around it when longer."""
    if s_end - s_start > 400:
        s_start, s_end = max(s_start, start - 150), min(s_end, end + 150)
    return " ".join(body[s_start:s_end].split()) or None


def _kind(words: str | None) -> str:
    if not words:
        return "so_lieu"
    slug = slugify(words).replace("-", "_")[:70].strip("_")
    if not slug or not slug[0].isalpha():
        return "so_lieu"
    return slug


_TARGET = re.compile(
    r"(?<!\w)(" + "|".join(r"\s+".join(w.split()) for w in TARGET_WORDS) + r")(?!\w)"
)
_BASELINE = re.compile(r"cơ\s+bản\s+đạt\s*$")
_BASELINE_HEAD = re.compile(r"cơ\s+bản\s+đạt\b")
_PROFILE_KEYS = tuple(match_key(noun) for noun in PROFILE_UNITS)
#: A table: at most this many rows above a figure to its header, each this long at most.
_MAX_ROWS, _MAX_ROW = 500, 2000
#: A list under a lead-in ending in ":": at most this many items, each this long at most.
_MAX_ITEMS, _MAX_ITEM = 20, 400
_KHAU = match_key("khẩu")
_ACTION = re.compile(
    r"\s*(?:đã\s+|đều\s+)?(?:" + "|".join(r"\s+".join(w.split()) for w in ACTION_WORDS) + r")(?!\w)"
)


def _role(reader: _Reader, q: FoundQuantity, s_start: int) -> tuple[StatisticRole, str | None]:
    before = reader.body[max(s_start, q.start - _WINDOW) : q.start].casefold()
    target = _TARGET.search(before)
    if target is not None:
        return StatisticRole.TARGET, f"read as a target from the word {target.group()!r}"
    written = reader.body[q.start : q.end].casefold()  # "cơ bản" may be read as the qualifier
    if _BASELINE.search(before) or _BASELINE_HEAD.match(written):
        return StatisticRole.BASELINE, "read as a baseline: 'cơ bản đạt' is where things stand"
    after = reader.body[q.end : q.end + 40].casefold()
    if _ACTION.match(after):  # "98,5% hộ gia đình ký cam kết": something done
        return StatisticRole.RESULT, None
    unit = match_key(q.quantity.unit or "")
    of = match_key(q.of or "")
    for key in _PROFILE_KEYS:
        if key == _KHAU and unit != key:
            continue  # "khẩu" alone counts people; "03 khẩu súng tự chế" counts guns
        if unit == key or unit.startswith(key + " ") or of.startswith(key):
            return StatisticRole.PROFILE, None
    if after.lstrip().startswith("sinh sống") or "dân tộc thiểu số" in after:
        return StatisticRole.PROFILE, None
    return StatisticRole.RESULT, None


def _period_for(
    reader: _Reader, q: FoundQuantity, s_start: int, s_end: int, role: StatisticRole
) -> tuple[Period | None, str | None]:
    """The period written before the figure in its sentence, else after it, else earlier;
    in a table, the header of its column ("Năm 2025")."""
    if q.reason == ROW_REASON and (header := reader.column_header(q.start)) is not None:
        period = reader.header_period(header)
        if period is not None:
            return period, f"the period is the header of its column, {header!r}"
    p = reader.period_before(q.start)
    if p is not None and p.start >= s_start:
        other = reader.other_before(p, s_start)
        if other is not None and not p.ambiguous:  # "Trong 6T/2025 và từ T7 – T8/2025, … 24 buổi"
            return p.period, (
                f"the sentence names two periods ({other.text!r}, {p.text!r}): read with the nearer"
            )
        return p.period, (p.reason if p.ambiguous else None)
    after = reader.period_after(q.end, s_end)
    if after is not None and re.search(
        r"so\s+(?:với|cùng)\s*(?:cùng\s+kỳ\s*)?$", reader.body[q.end : after.start], re.IGNORECASE
    ):
        after = None  # "tăng 14 xã so với năm 2017": the comparison, not the period
    if after is not None:
        return after.period, (after.reason if after.ambiguous else None)
    paragraph = reader.paragraph_start(q.start)
    if p is not None and p.start >= paragraph:
        return p.period, f"the period {p.text!r} is taken from an earlier sentence"
    lead = reader.lead_in(q.start)
    if p is not None and lead is not None and p.start >= lead:
        return p.period, f"the period {p.text!r} is taken from the words before the list"
    if role is StatisticRole.PROFILE:
        return None, None
    return None, "no period is written for this figure"


# -- the draft ----------------------------------------------------------------------


def extract_text(
    text: str,
    *,
    reference: date | None = None,
    title: str | None = None,
    url: str | None = None,
    published_on: date | None = None,
    slug: str | None = None,
) -> Dataset:
    """Read report or article *text* into a draft :class:`~khuonha.Dataset`.

    - *reference*: the date the text was written (its publication date), for
      "ngày 10/8" and "từ đầu năm đến nay"; defaults to *published_on*;
    - *title*, *url*, *published_on*: what the reader of the file knows
      (an HTML page's title and date); the text itself is kept as the
      ``body`` of one news item, which every record's provenance points into;
    - *slug*: the dataset's slug (else made from the title).

    Raises :class:`~khuonha.exceptions.InvalidDataError` for a text that is
    empty, too long, binary-looking or not valid Unicode.

    >>> ds = extract_text("Ngày 19/3/2024, Ban chỉ đạo xã Quảng Lạc tổ chức Hội nghị phát động "
    ...                   "phong trào. UBND huyện tặng giấy khen cho 1 tập thể, 7 cá nhân.")
    >>> e = ds.events[0]
    >>> e.kind.value, e.start_on
    ('hoi_nghi', datetime.date(2024, 3, 19))
    >>> a = ds.awards[0]
    >>> a.form.value, a.issuer_text, a.collectives, a.individuals
    ('giay_khen', 'UBND huyện', 1, 7)
    >>> extract_text("   ")
    Traceback (most recent call last):
    ...
    khuonha.exceptions.InvalidDataError: text: the text is empty
    """
    body = _check(text)
    if reference is None:
        reference = published_on
    reader = _Reader(body, reference)
    units, areas, commune, place_ids = _place_records(reader)
    events = _with_pledges(reader, _events(reader, place_ids))
    awards = _awards(reader, events)
    activities = _activities(reader, events)
    heading = title or _first_line(body)
    used_periods = {a.period for a in activities if a.role is StatisticRole.RESULT}
    news = NewsItem(
        id=NEWS_ID,
        title=title,
        body=body,
        url=url,
        published_on=published_on,
        events=tuple(e.id for e in events),
    )
    return Dataset(
        slug=slug or _slug(heading) or "ban-nhap",
        title=heading,
        commune=commune,
        period=next(iter(used_periods)) if len(used_periods) == 1 else None,
        description="Bản nháp trích từ văn bản: kiểm tra các bản ghi có needs_review.",
        units=tuple(units),
        areas=tuple(areas),
        activities=tuple(activities),
        events=tuple(events),
        awards=tuple(awards),
        news=(news,),
    )


def _first_line(body: str) -> str:
    for raw in body.splitlines():
        line = " ".join(raw.split())
        if line:
            if len(line) > 200:
                cut = line[:200].rsplit(" ", 1)[0]
                return cut + " …"
            return line
    return "Bản nháp"  # pragma: no cover - an empty text is refused before
