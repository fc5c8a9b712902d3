"""The reader behind :func:`khuonha.parse_period`.

Text is split into tokens (numbers, words, separators) that keep their
position in the text as given. Words are compared by a folded key (case,
NFC/NFD, tone marks and their placement, đ/d and the i/y spelling of "quý"
and "kỳ" all fold away), so "Quí III/2022", "QUÝ III/2022" and an NFD
"quý III/2022" read alike. A small recursive-descent grammar reads one
*term* ("quý III/2022", "ngày 10/8", "8 tháng đầu năm 2022", "nay"), or two
terms joined by "đến", "tới" or a dash; a missing month or year is carried
from the end term to the start term, then from the reference date. Before the
terms: the name of a plan's stage ("Giai đoạn 1", "đợt cao điểm"), kept in the
label; after them, "và" and a second part that follows on ("năm 2018 và 8
tháng đầu năm 2019"). Phrases with no dates ("Hằng năm", "những năm qua")
share their table with the scanner (:mod:`khuonha.text._period_terms`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import attrs

from khuonha.exceptions import InvalidDataError, PeriodParseError
from khuonha.text._period_kinds import (
    Convention,
    Precision,
    convention_of,
    last_day,
    months_precision,
    precision_of,
)
from khuonha.text._period_terms import (
    _NUMBER_WORDS,
    _PART_OF_DAY,
    _ROMAN,
    LUNAR_WORDS,
    MONTH_NAMES,
    PAST,
    RECURRING_PHRASES,
    UNITS,
    UNSPECIFIED_PHRASES,
    Context,
    Term,
    Token,
    fold,
    past_unit,
    relative_span,
)
from khuonha.text.periods import Period
from khuonha.text.unicode import check_marks, marks_message, match_key

__all__ = ["parse", "parse_period"]


_RECURRING = tuple(fold(p) for p in RECURRING_PHRASES)
_UNSPECIFIED = tuple(fold(p) for p in UNSPECIFIED_PHRASES)
#: "năm 2021 và những năm tiếp theo": the tails that leave a period open at its end.
_ONWARDS = tuple(fold(p) for p in ("những năm tiếp theo", "các năm tiếp theo", "những năm tới"))
_LUNAR = tuple(fold(p) for p in LUNAR_WORDS)
#: Words that name a part of a plan before its dates ("Giai đoạn 1 từ …", "Đợt 2:").
_STAGES = (("giai", "doan"), ("dot",), ("buoc",))
_PEAK = (("dot", "cao", "diem"), ("cao", "diem"))
_MONTHS = {fold(name): number for name, number in MONTH_NAMES.items()}
_UNITS = {fold(word)[0]: (unit, word) for word, unit in UNITS.items()}
#: Words after a count of units that end at the reference date ("10 năm qua", "3 năm gần đây").
_WINDOW_ENDS = tuple(
    fold(p) for p in ("vừa qua", "qua", "gần đây", "gần nhất", "trở lại đây", "vừa rồi", "nay")
)
_WINDOW_UNITS = {
    "ngay": ("ngày", "days"),
    "tuan": ("tuần", "weeks"),
    "thang": ("tháng", "months"),
    "nam": ("năm", "years"),
}
#: The relation after a unit ("tháng trước"), as a step from the reference's own unit.
_STEPS = ((("truoc",), -1), (("ngoai",), -1), (("nay",), 0), (("toi",), 1))
_STEP_WORDS = {-1: "before", 0: "of", 1: "after"}
_THIS = match_key("này")
#: Number words a count of days or years is written with, spelt out ("sáu", not "sau").
_COUNT_WORDS = frozenset(
    match_key(w) for w in ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
)
_BEFORE_AFTER = frozenset(match_key(w) for w in ("trước", "sau"))
#: Words before a clock time ("lúc 22 giờ 30 phút ngày 15/8/2025").
_CLOCK_WORDS = ("gio", "h", "g")
_MONTH_EDGES = (("dau", "year_start", "đầu tháng"), ("cuoi", "year_end", "cuối tháng"))
#: The edge's unit, its word and what to write instead ("đầu tháng": the days).
_EDGE_UNITS = {
    "năm": ("year", "năm", "months"),
    "quý": ("quarter", "quý", "months"),
    "tháng": ("month", "tháng", "days"),
}
_QUARTER_EDGES = (("dau", "year_start", "đầu quý"), ("cuoi", "year_end", "cuối quý"))
#: Months and quarters as report tables shorten them ("T8/2025", "Q3/2025", "QIII/2025"):
#: the letter, glued to its number, or the quarter's numeral written in.
_SHORT_TERMS = {
    "t": ("month", None),
    "th": ("month", None),
    "q": ("quarter", None),
    "qi": ("quarter", 1),
    "qii": ("quarter", 2),
    "qiii": ("quarter", 3),
    "qiv": ("quarter", 4),
}
#: After a count of months, glued: "T" (tháng: "6T/2025") and "TĐN" (tháng đầu năm).
_SHORT_MONTHS = ("t", "tdn")


class _Fail(Exception):  # noqa: N818 - a signal, not an error
    """Backtrack: this alternative does not match here."""


class _Reader(Context):
    """The grammar: one term, or two joined by a connector."""

    # ------------------------------------------------------------ token helpers

    def fail(self, reason: str, at: int | None = None) -> _Fail:
        where = self.i if at is None else at
        if where >= self.far:
            self.far, self.reason = where, reason
        return _Fail(reason)

    def peek(self, offset: int = 0) -> Token | None:
        j = self.i + offset
        return self.toks[j] if j < len(self.toks) else None

    def word(self, *keys: str) -> bool:
        """Consume the words *keys* in order, or nothing."""
        for n, key in enumerate(keys):
            tok = self.peek(n)
            if tok is None or tok.kind != "word" or tok.key != key:
                return False
        self.i += len(keys)
        return True

    def kind(self, *kinds: str) -> Token | None:
        tok = self.peek()
        if tok is not None and tok.kind in kinds:
            self.i += 1
            return tok
        return None

    def number(self, low: int, high: int, what: str) -> int:
        tok = self.peek()
        if tok is None or tok.kind != "num":
            raise self.fail(f"expected {what}")
        value = int(tok.raw) if len(tok.raw) <= 6 else high + 1
        if not low <= value <= high:
            raise self.fail(f"{tok.raw} is not a {what}")
        self.i += 1
        return value

    def year_number(self) -> int:
        tok = self.peek()
        if tok is None or tok.kind != "num" or len(tok.raw) != 4:
            raise self.fail("expected a four-digit year")
        return self.number(1000, 9998, "year")

    def attempt(self, fn: Callable[[], Term]) -> Term | None:
        saved = self.i
        try:
            return fn()
        except _Fail:
            self.i = saved
            return None

    # ------------------------------------------------------------ grammar

    def phrase(self, table: tuple[tuple[str, ...], ...]) -> bool:
        """Consume the longest phrase of *table* at the current token, or nothing."""
        return any(self.word(*keys) for keys in sorted(table, key=len, reverse=True))

    def read(self) -> Period:
        period = self.read_period()
        if self.months_count is not None and period.start is not None and period.end is not None:
            n, at = self.months_count
            start, end = period.start, period.end
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            whole = start.day == 1 and end.day == last_day(end.year, end.month)
            if whole and months != n:  # days of a campaign ("15/5 – 15/8") are not counted
                raise PeriodParseError(
                    self.text, at, f"'{n} tháng' does not match the months given ({months})"
                )
        if self.days_count is not None and period.days != self.days_count[0]:
            raise PeriodParseError(
                self.text,
                self.days_count[1],
                f"'{self.days_count[0]} ngày' does not match the days given ({period.days})",
            )
        return period

    def read_period(self) -> Period:
        self.lunar()
        self.stage()
        self.word("trong", "suot") or self.word("trong")
        undated = self.undated()
        if undated is not None:
            return undated
        self.i = 0
        self.prefix()
        self.refuse_unanchored()
        if (
            self.word("tinh", "den")
            or self.word("cho", "den")
            or self.word("den")
            or (self.peek() is not None and self.peek(1) is not None and self.word("het"))
        ):
            self.word("het")
            end = self.term("end")
            self.finish()
            return self.build(None, end)
        opened = self.word("ke", "tu") or self.word("tinh", "tu") or self.word("tu")
        if opened:
            self.clock()  # "từ 19h00 ngày 15/8 …"
        if not opened:
            now = self.attempt(self.now)
            if now is not None:
                self.finish()  # "hiện nay": the reference day
                return self.build(now, now)
        start = self.term("start")
        if start.kind in ("day", "months") and self.word("tro", "di"):
            self.finish()  # "(từ) năm 2026 trở đi": from the start on
            return self.build(start, None)
        if self.connector():
            end = self.term("end", hint=start)
            self.finish()
            if end.kind == "now" and self.reference is None:
                # "từ năm 2016 đến nay" with no date for "nay": still running, open.
                return self.build(start, None)
            return self.build(start, end)
        if self.word("va") or self.list_comma(start):
            return self.compound(start)
        if not opened and start.kind == "months" and self.cutoffs_follow():
            return self.with_cutoffs(start)
        if (
            not opened
            and start.year is None
            and start.kind in ("day", "months")
            and self.phrase(_RECURRING)
        ):  # "ngày 19/8 hằng năm": the day of every year
            self.finish()
            return Period.undated(self.text.strip(), recurring=True)
        self.finish()
        if start.kind == "year_start" and not opened and not start.count:
            edge = start.edge or "đầu năm"
            unit, _, parts = _EDGE_UNITS[edge.split()[-1]]
            raise PeriodParseError(
                self.text,
                start.pos,
                f"'{edge}' (early in the {unit}) gives no end: write 'từ {edge} … đến …' "
                f"or the {parts}",
            )
        if opened and start.kind == "months" and start.year2 is not None:
            return self.build(start, start)  # "từ năm 2021 – 2025": both years written
        if opened or start.kind == "year_start":
            return self.build(start, None)
        return self.build(start, start)

    def lunar(self) -> None:
        """Days of the lunar calendar (Tết Nguyên đán, rằm …) are refused, never guessed."""
        for n, tok in enumerate(self.toks):
            for keys in _LUNAR:
                if tuple(t.key for t in self.toks[n : n + len(keys)]) == keys:
                    raise PeriodParseError(
                        self.text,
                        tok.pos,
                        "days of the lunar calendar (Tết, rằm …) are not read: "
                        "give the solar dates",
                    )

    def undated(self) -> Period | None:
        """ "Hằng năm", "những năm qua", "năm qua": periods with no dates of their own."""
        label = self.text.strip()
        if self.phrase(_RECURRING):
            self.finish()
            return Period.undated(label, recurring=True)
        if self.phrase(_UNSPECIFIED):
            self.finish()
            return Period.undated(label)
        window = self.attempt_window(label)
        if window is not None:
            return window
        start_at = self.i
        unit = self.unit_word()
        if unit is not None and (self.word("qua") or self.word("vua", "qua")):
            self.finish()
            name, word = unit
            span = past_unit(name, self.reference)
            if span is None:
                return Period.undated(label)
            first, last = span
            if name == "week":
                made = Period(start=first, end=last)
            elif name == "month":
                made = Period.month(first.year, first.month, convention=self.convention)
            elif name == "quarter":
                made = Period.quarter(first.year, first.month // 3 + 1, convention=self.convention)
            else:
                made = Period.year(first.year, convention=self.convention)
            basis = f"'{word} qua' read as the {name} before the reference date {self.reference}"
            if name == "week":
                basis += " (weeks run Monday to Sunday)"
            return attrs.evolve(made, label=label, basis=basis)
        self.i = start_at
        return None

    def unit_word(self) -> tuple[str, str] | None:
        """ "tuần", "tháng", "quý", "năm": the unit of a relative phrase, and its word."""
        tok = self.peek()
        if tok is None or tok.kind != "word" or tok.key not in _UNITS:
            return None
        self.i += 1
        return _UNITS[tok.key]

    def attempt_window(self, label: str) -> Period | None:
        """ "trong 10 năm qua", "3 năm gần đây": so many units up to the reference date."""
        saved = first = self.i
        try:
            at = self.pos()
            count = self.count(high=999)
            tok = self.peek()
            if tok is None or tok.key not in _WINDOW_UNITS:
                raise self.fail("expected a period")
            self.i += 1
            if not self.phrase(_WINDOW_ENDS):
                raise self.fail("expected a period")
            self.finish()
        except _Fail:
            self.i = saved
            return None
        unit, units = _WINDOW_UNITS[tok.key]
        if self.reference is None:
            return Period.undated(label)
        end = self.reference
        if unit in ("ngày", "tuần"):
            start = end - timedelta(days=count * (7 if unit == "tuần" else 1) - 1)
        else:
            months = count * (12 if unit == "năm" else 1)
            index = end.year * 12 + end.month - 1 - months
            year, month = divmod(index, 12)
            if year < 1:
                raise PeriodParseError(self.text, at, "the period starts before year 1")
            start = date(year, month + 1, min(end.day, last_day(year, month + 1)))
            start += timedelta(days=1)
        words = " ".join(t.raw for t in self.toks[first : self.i])
        basis = f"'{words}' read as the {count} {units} up to the reference date {end}"
        return Period(
            start=start,
            end=end,
            precision=Precision.APPROXIMATE,
            label=label,
            convention=self.convention,
            basis=basis,
        )

    def refuse_unanchored(self) -> None:
        """ "cùng kỳ năm 2024", "trong tuần": words whose dates are another period's."""
        at = self.pos()
        saved = self.i
        self.word("so", "voi")
        if self.word("cung", "ky"):
            raise PeriodParseError(
                self.text,
                at,
                "'cùng kỳ' (the same period) is the span of the period it is compared with, "
                "in another year: read that period and take Period.same_period_in(year)",
            )
        self.i = saved
        tok = self.peek()
        if tok is not None and match_key(tok.raw) in _BEFORE_AFTER:  # not "sáu" (six)
            nxt = self.peek(1)
            if nxt is not None and (nxt.key in _UNITS or nxt.key == "ngay"):
                word = "trước" if tok.key == "truoc" else "sau"
                raise PeriodParseError(
                    self.text,
                    at,
                    f"'{word}' (before or after) a date is not a period: write "
                    "'tính đến …' or 'từ …'",
                )
        if tok is not None and tok.key in _UNITS and self.i == len(self.toks) - 1:
            word = _UNITS[tok.key][1]
            raise PeriodParseError(
                self.text,
                at,
                f"'{word}' alone names no {_UNITS[tok.key][0]}: write '{word} này', "
                f"'{word} qua' or its dates",
            )

    def compound(self, first: Term) -> Period:
        """ "năm 2018 và 8 tháng đầu năm 2019", "ngày 15, 16 và 17/8/2025": one period if they meet.

        The parts are joined by "và" or, when the first has no year, by commas;
        each takes its missing month and year from the next.
        """
        if self.phrase(_ONWARDS):
            self.finish()  # "năm 2021 và những năm tiếp theo": from the first part on
            return self.build(first, None)
        parts = [first]
        while True:
            parts.append(self.term("end", hint=parts[-1]))
            if not (self.word("va") or self.list_comma(parts[-1])):
                break
        self.finish()
        self.resolve(parts[-1], None, None)
        for n in range(len(parts) - 2, -1, -1):
            self.resolve(parts[n], parts[n + 1].year, parts[n + 1].month)
        spans = [self.bounds(part) for part in parts]
        for (one_start, one_end), (two_start, two_end), part in zip(
            spans, spans[1:], parts[1:], strict=False
        ):
            if None in (one_start, one_end, two_start, two_end):
                raise PeriodParseError(self.text, part.pos, "both parts of 'và' need their dates")
            assert one_start is not None
            assert one_end is not None
            assert two_start is not None
            if not one_start <= two_start or (two_start - one_end).days > 1:
                raise PeriodParseError(
                    self.text,
                    part.pos,
                    "the two parts do not follow on from each other: read each on its own",
                )
        start = spans[0][0]
        end = max(e for _, e in spans if e is not None)
        precisions = [part.precision for part in parts]
        if self.approximate:
            precisions.append(Precision.APPROXIMATE)
        return Period(
            start=start,
            end=end,
            precision=precision_of(start, end, *precisions),
            label=self.text.strip() or None,
            convention=self.convention,
            basis=self.basis,
        )

    def cutoffs_follow(self) -> bool:
        tok = self.peek()
        return tok is not None and (tok.raw == "(" or tok.key in ("tu", "tinh", "ke"))

    def with_cutoffs(self, named: Term) -> Period:
        """ "6 tháng đầu năm 2025 (từ 15/12/2024 đến 14/6/2025)": the days the report gives."""
        bracket = self.char("(")
        opened = self.word("ke", "tu") or self.word("tinh", "tu") or self.word("tu")
        if not (bracket or opened):
            raise self.fail("unexpected text after the period")
        first = self.term("start")
        if not self.connector():
            raise self.fail("expected the last day of the period")
        last = self.term("end", hint=first)
        if bracket and not self.char(")"):
            raise self.fail("expected ')'")
        self.finish()
        nominal = self.build(named, named)
        days = self.build(first, last)
        if not nominal.overlaps(days):
            raise PeriodParseError(
                self.text,
                first.pos,
                f"the days given ({days.start} – {days.end}) are not in the period named before "
                f"them ({nominal.start} – {nominal.end})",
            )
        return days

    def list_comma(self, last: Term) -> bool:
        """A comma between parts of a list with one year at its end ("tháng 7, 8/2025")."""
        tok, nxt = self.peek(), self.peek(1)
        if (
            tok is None
            or tok.raw != ","
            or nxt is None
            or last.year is not None
            or last.kind not in ("day", "months")
        ):
            return False
        self.i += 1
        return True

    def prefix(self) -> None:
        """Skip words that leave the period alone ("Trong thời gian", "vào", "sáng", "thứ Năm,").

        "khoảng" makes the period approximate; a stage of a plan ("Giai đoạn 1",
        "đợt cao điểm") stays in the label.
        """
        self.stage()
        if self.word("trong") or self.word("trong", "suot"):
            self.word("suot")
            self.word("khoang", "thoi", "gian") or self.word("thoi", "gian") or self.word("ky")
        if self.word("khoang"):
            self.approximate = True
        self.word("vao")
        if self.word("ky", "bao", "cao") or self.word("so", "lieu"):  # "kỳ báo cáo (:) từ …"
            self.char(":")
        if self.word("dip"):  # "dịp nghỉ lễ 30/4 – 1/5/2025"
            self.word("nghi", "le") or self.word("le")
        self.word("rang")  # "rạng sáng 16/8/2025"
        nxt = self.peek(1)
        if nxt is not None and nxt.key == "ngay":
            self.word("cac") or self.word("nhung")  # "các ngày 15, 16/8/2025"
        elif nxt is not None and nxt.key in ("thang", "quy"):
            self.word("cac")  # "các tháng 7, 8/2025"
        nxt = self.peek(1)
        if self.peek() is not None and nxt is not None and nxt.key == "nam":
            self.word("ca")  # "cả năm 2024": the whole year
        self.counted_days()
        tok = self.peek()
        if tok is not None and tok.kind == "word" and tok.key in _PART_OF_DAY:
            self.i += 1
        self.clock()
        if self.word("chu", "nhat"):
            self.kind("punct")
        elif self.word("thu"):
            self.kind("num", "word")
            self.kind("punct")
        if not self.bracketed and self.char("("):  # "đợt 1 (từ 1/7 – 31/7/2025)": read inside
            self.bracketed = True

    def clock(self) -> None:
        """Skip a time of day before a day ("lúc 22 giờ 30 phút", "hồi 8h30", "19h00")."""
        saved = self.i
        self.word("luc") or self.word("hoi")
        tok, unit = self.peek(), self.peek(1)
        if (
            tok is not None
            and tok.kind == "num"
            and len(tok.raw) <= 2
            and int(tok.raw) <= 24
            and unit is not None
            and unit.key in _CLOCK_WORDS
        ):
            self.i += 2
            nxt = self.peek()
            if nxt is not None and nxt.kind == "num" and len(nxt.raw) <= 2:
                self.i += 1
                self.word("phut") or self.word("p")
            self.kind("punct")
            tok = self.peek()
            if tok is not None and (tok.key == "ngay" or tok.kind == "num"):
                return
        self.i = saved

    def counted_days(self) -> None:
        """ "trong 2 ngày 15 – 16/8/2025": the count of days, checked against the days read."""
        saved, at = self.i, self.pos()
        try:
            count = self.count(high=366)
        except _Fail:
            return
        nxt = self.peek(1)
        # "trong 2 ngày 15 – 16/8/2025", "2 ngày (15 – 16/8/2025)"
        if nxt is not None and (nxt.kind == "num" or nxt.raw == "(") and self.word("ngay"):
            self.days_count = (count, at)
            return
        if self.word("thang"):  # "3 tháng (cao điểm) (từ tháng 7 đến tháng 9/2025)"
            self.phrase(_PEAK[1:])
            tok = self.peek()
            if tok is not None and tok.raw == "(":
                self.months_count = (count, at)
                return
        self.i = saved

    def stage(self) -> None:
        """ "Giai đoạn 1 từ …", "Đợt 2:", "đợt cao điểm từ …": the stage's name, not its dates."""
        if self.phrase(_PEAK):
            self.stage_mark()
            self.campaign_name()
            return
        saved = self.i
        if not self.phrase(_STAGES):
            return
        tok = self.peek()
        if tok is not None and (
            (tok.kind == "num" and len(tok.raw) <= 2)
            or (tok.kind == "word" and (tok.key in _ROMAN or tok.key in _NUMBER_WORDS))
        ):
            self.i += 1
            self.stage_mark()
            nxt = self.peek()
            if nxt is not None and nxt.kind not in ("dash", "sep"):
                return
        self.i = saved

    def stage_mark(self) -> None:
        """The mark after a stage's name ("Đợt 2:"); a bracket opens its dates, read later."""
        tok = self.peek()
        if tok is not None and tok.kind == "punct" and tok.raw in ",;:":
            self.i += 1

    def campaign_name(self) -> None:
        """ "Đợt cao điểm tấn công, trấn áp tội phạm (từ 15/5 – 15/8/2025)" or "… từ ngày
        15/5 …": the name's words, read past only where its dates follow them."""
        for n in range(16):
            tok, nxt = self.peek(n), self.peek(n + 1)
            if tok is None or tok.kind not in ("word", "punct") or tok.raw in ";:)":
                return
            dates = nxt is not None and (nxt.kind == "num" or nxt.key in ("ngay", "thang", "nam"))
            if tok.raw == "(" or (tok.key == "tu" and dates):
                self.i += n
                return

    def connector(self) -> bool:
        if self.kind("dash") or self.word("den") or self.word("toi") or self.word("cho", "den"):
            self.word("het")
            self.clock()  # "… đến 05h00 ngày 16/8/2025"
            return True
        return False

    def finish(self) -> None:
        if self.bracketed and not self.char(")"):
            raise self.fail("expected ')' to close the brackets")
        self.weekday()
        tok = self.peek()
        while tok is not None and tok.raw in ".,;:":
            self.i += 1
            tok = self.peek()
        if tok is not None:
            raise self.fail("unexpected text after the period")

    def term(self, role: str, hint: Term | None = None) -> Term:
        alternatives = [
            self.now,
            self.relative,
            self.year_edge,
            self.school_year,
            self.phase,
            self.count_months,
            self.counted_years,
            self.halves,
            self.quarter,
            self.month,
            self.shortened,
            self.day,
            self.year,
            self.numeric,
        ]
        if hint is not None:
            found = self.attempt(lambda: self.bare(hint))
            if found is not None:
                return found
        if role == "start":
            alternatives.insert(0, self.bare_month)
        for alternative in alternatives:
            found = self.attempt(alternative)
            if found is not None:
                self.just_past(found)
                if role == "start" and found.kind == "year_end":
                    edge = found.edge or "cuối năm"
                    unit, noun, parts = _EDGE_UNITS[edge.split()[-1]]
                    raise PeriodParseError(
                        self.text,
                        found.pos,
                        f"'{edge}' (late in the {unit}) gives no start: write "
                        f"'tính đến hết {noun} …' or the {parts}",
                    )
                if role == "start" and found.kind == "now":
                    raise PeriodParseError(self.text, found.pos, "this cannot start a period")
                if role == "end" and found.kind == "year_start":
                    raise PeriodParseError(self.text, found.pos, "this cannot end a period")
                return found
        raise self.fail("expected a period (a day, month, quarter, year, phase…)")

    def pos(self) -> int:
        tok = self.peek()
        return tok.pos if tok is not None else len(self.text)

    def now(self) -> Term:
        at = self.pos()
        if not (
            self.word("nay")
            or self.word("hien", "nay")
            or self.word("hien", "tai")
            or self.word("bay", "gio")
            or self.word("thoi", "diem", "hien", "tai")
        ):
            raise self.fail("expected a period")
        return Term("now", at, precision=Precision.APPROXIMATE)

    def relative(self) -> Term:
        """ "tháng trước", "tuần này", "quý tới", "năm ngoái", "tháng qua", "hôm qua"."""
        at, first = self.pos(), self.i
        self.word("ngay")
        if self.word("hom"):
            step = -2 if self.word("kia") else -1 if self.word("qua") else 0
            if step == 0 and not self.word("nay"):
                raise self.fail("expected a period")
            words = " ".join(t.raw for t in self.toks[first : self.i])
            day = self.ref(at, f"'{words}' needs a date") + timedelta(days=step)
            self.note(f"'{words}' read as {day} from the reference date {self.reference}")
            return Term("days", at, year=day.year, first=day, last=day)
        self.i = first
        unit = self.unit_word()
        if unit is None:
            raise self.fail("expected a period")
        name, word = unit
        past = self.word("qua") or self.word("vua", "qua")
        step = -1
        if not past:
            tok = self.peek()
            for keys, value in _STEPS:
                if keys == ("ngoai",) and name != "year":
                    continue  # "năm ngoái" only
                if (
                    value == 0
                    and name != "year"
                    and tok is not None
                    and tok.key == "nay"
                    and match_key(tok.raw) != _THIS
                ):
                    continue  # "tháng này" (this month); "mấy tháng nay" is no month
                if self.word(*keys):
                    step = value
                    break
            else:
                raise self.fail("expected a period")
        words = " ".join(t.raw for t in self.toks[first : self.i])
        reference = self.ref(at, f"'{words}' needs a date")
        if past:
            span = past_unit(name, reference)
            if span is None:
                raise PeriodParseError(
                    self.text, at, f"'{words}' on {reference} cannot be told: it is {PAST[name]}"
                )
            self.note(f"'{word} qua' read as the {name} before the reference date {reference}")
        else:
            span = relative_span(name, step, reference)
            self.note(
                f"'{words}' read as the {name} {_STEP_WORDS[step]} the reference date {reference}"
            )
        start, end = span
        if name == "week":
            self.note("weeks run Monday to Sunday")
            return Term("days", at, year=start.year, first=start, last=end)
        return Term("months", at, month=start.month, last_month=end.month, year=start.year)

    def just_past(self, term: Term) -> None:
        """ "tháng 7 vừa qua", "tháng 9 tới": the latest one begun, or the next not ended."""
        at = self.pos()
        if term.kind not in ("day", "months"):
            return
        after = self.peek(1)
        if self.word("vua", "qua"):
            past = True
        elif (after is None or after.kind == "punct") and self.word("toi"):
            past = False  # "tới" at the end, not "tới" before an end ("tháng 7 tới tháng 9")
        else:
            return
        if term.year is not None or term.month is None:
            return  # "năm 2024 vừa qua", "năm 2026 tới": the year is written
        reference = self.ref(at, "'vừa qua' or 'tới' with no year needs a date")
        year = reference.year
        last_month = term.month if term.last_month is None else term.last_month
        if past and (term.month, term.day or 1) > (reference.month, reference.day):
            year -= 1
        if not past and (last_month, term.day or 31) < (reference.month, reference.day):
            year += 1
        term.year = year
        last = self.toks[self.i - 1]
        written = self.text[term.pos : last.pos + len(last.raw)]
        which = "latest one begun" if past else "next one not ended"
        self.note(f"'{written}' read as the {which} by the reference date {reference}: {year}")

    def counted_years(self) -> Term:
        """ "5 năm (2020 – 2025)", "trong 2 năm 2023 – 2024": whole years, the count checked."""
        at = self.pos()
        count = self.count(high=999)
        if not self.word("nam"):
            raise self.fail("expected 'năm'")
        bracket = self.char("(")
        self.word("tu")
        self.word("nam")
        first = self.year_number()
        if not self.connector():
            raise self.fail("expected the last year")
        self.word("nam")
        last = self.last_year(first)
        if bracket and not self.char(")"):
            raise self.fail("expected ')'")
        if count not in (last - first, last - first + 1):
            raise PeriodParseError(
                self.text, at, f"'{count} năm' does not match the years {first} – {last}"
            )
        return Term("months", at, month=1, year=first, last_month=12, year2=last)

    def weekday(self) -> None:
        """ "(thứ Ba)", "(Chủ nhật)" after a day: the day of the week, read past."""
        saved = self.i
        day = self.char("(") and (
            self.word("chu", "nhat") or (self.word("thu") and self.kind("num", "word"))
        )
        if not (day and self.char(")")):
            self.i = saved

    def char(self, raw: str) -> bool:
        tok = self.peek()
        if tok is not None and tok.raw == raw:
            self.i += 1
            return True
        return False

    def bare_month(self) -> Term:
        """ "6 – 12/2025", "1 – 5/9": the start of a range written without "tháng" or a month."""
        at = self.pos()
        first = self.number(1, 31, "day or month")
        ahead = [self.peek(n) for n in range(4)]
        if (
            ahead[0] is None
            or not (ahead[0].kind == "dash" or ahead[0].key in ("den", "toi"))
            or ahead[1] is None
            or ahead[1].kind != "num"
            or not 1 <= int(ahead[1].raw[:3]) <= 12
            or ahead[2] is None
            or ahead[2].kind != "sep"
            or ahead[3] is None
            or ahead[3].kind != "num"
        ):
            raise self.fail("expected a period")
        if len(ahead[3].raw) == 4:  # "6 – 12/2025": months
            if first > 12:
                raise PeriodParseError(
                    self.text, at, f"{first} is not a month, and a day needs its month"
                )
            return Term("months", at, month=first, last_month=first)
        if len(ahead[3].raw) <= 2 and 1 <= int(ahead[3].raw) <= 12:  # "1 – 5/9": days
            return Term("day", at, day=first)
        raise self.fail("expected a period")

    def year_edge(self) -> Term:
        at = self.pos()
        if self.word("giua", "nam") or self.word("giua", "thang") or self.word("giua", "quy"):
            raise PeriodParseError(
                self.text,
                at,
                "'giữa' (the middle of a year or month) gives no dates: write the months or days",
            )
        saved = self.i
        if self.word("tuan") and (self.word("dau") or self.word("cuoi") or self.word("thu")):
            raise PeriodParseError(
                self.text,
                at,
                "a week named within a month ('tuần đầu tháng …') is not read: give its days",
            )
        self.i = saved
        for edge, kind, name in _QUARTER_EDGES:
            if self.word(edge, "quy"):  # "cuối quý II/2025": the edge of a quarter
                q = self.quarter_number()
                first = 3 * q - 2
                return Term(
                    kind, at, month=first, last_month=first + 2, year=self.year_after(), edge=name
                )
        for edge, kind, name in _MONTH_EDGES:
            if self.word(edge, "thang"):
                tok = self.peek()
                if tok is None or (tok.kind != "num" and (tok.key,) not in _MONTHS):
                    reference = self.ref(at, f"'{name}' with no month needs a date")
                    self.note(
                        f"the month {reference.month}/{reference.year} taken from the "
                        f"reference date {reference}"
                    )
                    month = reference.month
                    return Term(
                        kind, at, month=month, last_month=month, year=reference.year, edge=name
                    )
                m = self.month_number()
                return Term(kind, at, month=m, last_month=m, year=self.year_after(), edge=name)
        if self.word("nhung", "thang", "dau", "nam") or self.word("cac", "thang", "dau", "nam"):
            # "những tháng đầu năm 2025": from the start of the year, the end not stated.
            return Term("year_start", at, month=1, year=self.year_suffix(), count=1)
        if self.word("dau", "nam"):
            return Term("year_start", at, month=1, year=self.year_suffix(), edge="đầu năm")
        if self.word("cuoi", "nam"):
            return Term("year_end", at, month=12, year=self.year_suffix(), edge="cuối năm")
        raise self.fail("expected a period")

    def year_suffix(self) -> int | None:
        """The year after "năm": a number, "nay", "trước"/"ngoái", or nothing."""
        at = self.pos()
        if self.word("nay"):
            return self.ref(at, "'năm nay' needs a year").year
        if self.word("truoc") or self.word("ngoai"):
            return self.ref(at, "'năm trước' needs a year").year - 1
        tok = self.peek()
        if tok is not None and tok.kind == "num":
            return self.year_number()
        return None

    def year_after(self) -> int | None:
        """A year after a term: "/2022", ".2022", "-2022", "năm 2022", or nothing."""
        saved = self.i
        if self.kind("sep", "dash"):
            tok = self.peek()
            if tok is not None and tok.kind == "num" and len(tok.raw) == 4:
                return self.year_number()
            self.i = saved
            return None
        if self.word("nam"):
            return self.year_suffix()
        return None

    def school_year(self) -> Term:
        at = self.pos()
        if not (self.word("nam", "hoc") or self.word("nien", "khoa")):
            raise self.fail("expected a period")
        first = self.year_number()
        if not self.kind("dash", "sep"):
            raise self.fail("expected the school year's second year")
        tok = self.peek()
        second = self.number(0, 9999, "year")
        if tok is not None and len(tok.raw) == 2:
            second += first // 100 * 100
        if second != first + 1:
            where = tok.pos if tok else at
            raise PeriodParseError(self.text, where, "a school year spans two years")
        return Term("school", at, year=first, precision=Precision.APPROXIMATE)

    def phase(self) -> Term:
        at = self.pos()
        if not (self.word("giai", "doan") or self.word("nhiem", "ky")):
            raise self.fail("expected a period")
        self.word("tu")
        self.word("nam")
        first = self.year_number()
        if not self.connector():
            raise self.fail("expected the phase's last year")
        self.word("nam")
        return Term("months", at, month=1, year=first, last_month=12, year2=self.last_year(first))

    def last_year(self, first: int) -> int:
        """The last year of a phase, not before its first."""
        at = self.pos()
        last = self.year_number()
        if last < first:
            raise PeriodParseError(self.text, at, "the period ends before it starts")
        return last

    def count(self, high: int = 12) -> int:
        tok = self.peek()
        if (
            high > 12
            and tok is not None
            and tok.kind == "word"
            and match_key(tok.raw) not in _COUNT_WORDS
        ):
            raise self.fail("expected a number")  # "sau" (after) is not "sáu" (six)
        if high > 12 and tok is not None and tok.kind == "word" and tok.key == "nam":
            self.i += 1  # "năm năm qua": five years
            return 5
        if tok is not None and tok.kind == "word" and tok.key in _NUMBER_WORDS:
            self.i += 1
            value = _NUMBER_WORDS[tok.key]
            nxt = self.peek()
            if value == 10 and nxt is not None and nxt.key in ("mot", "hai"):
                self.i += 1
                value += _NUMBER_WORDS[nxt.key]
            return value
        return self.number(1, high, "number of months" if high == 12 else "number")

    def glued(self) -> bool:
        """Whether the current token follows the one before it with nothing between."""
        tok, before = self.peek(), self.peek(-1) if self.i > 0 else None
        return tok is not None and before is not None and before.pos + len(before.raw) == tok.pos

    def shortened(self) -> Term:
        """ "T8/2025", "Q3/2025", "QIII/2025": a month or quarter as tables shorten it.

        Read only where a year is written, its own or a later term's ("T6 – T8/2025"):
        alone, "T2" is as likely a weekday (thứ Hai) and "Q3" a district (quận 3).
        """
        at = self.pos()
        tok = self.peek()
        if tok is None or tok.kind != "word" or tok.key not in _SHORT_TERMS:
            raise self.fail("expected a period")
        unit, numeral = _SHORT_TERMS[tok.key]
        self.i += 1
        if numeral is None:
            nxt = self.peek()
            if nxt is None or nxt.kind != "num" or not self.glued():
                raise self.fail("expected a period", at=at)
            numeral = self.number(1, 12, "month") if unit == "month" else self.quarter_number()
        first, last = (numeral, numeral) if unit == "month" else (3 * numeral - 2, 3 * numeral)
        year = self.year_after()
        if year is None and not any(
            t.kind == "num" and len(t.raw) == 4 for t in self.toks[self.i :]
        ):
            written = self.text[
                tok.pos : self.toks[self.i - 1].pos + len(self.toks[self.i - 1].raw)
            ]
            raise self.fail(f"'{written}' needs its year ('{written}/2025')")
        return Term("months", at, month=first, last_month=last, year=year)

    def count_months(self) -> Term:
        at = self.pos()
        counted = self.peek()
        n = self.count()
        short = None
        if not self.word("thang"):
            tok = self.peek()
            glued_word = tok is not None and tok.kind == "word" and self.glued()
            if counted is None or counted.kind != "num" or not glued_word:
                raise self.fail("expected 'tháng'")
            assert tok is not None
            if tok.key not in _SHORT_MONTHS:
                raise self.fail("expected 'tháng'")
            short = tok.key
            self.i += 1
        after = self.peek()
        if short == "tdn" or (short == "t" and after is not None and after.kind in ("sep", "dash")):
            # "6TĐN 2025", "6T/2025": the first months of the year written after
            year = self.year_number() if after is not None and after.kind == "num" else None
            year = year or self.year_after()
            if short == "t" and year is None:
                raise self.fail("expected a year")
            return Term(
                "months", at, month=1, last_month=n, year=year, precision=months_precision(n)
            )
        if self.word("dau", "nam") or self.word("nam"):
            first, last = 1, n
        elif self.word("cuoi", "nam"):
            first, last = 13 - n, 12
        else:
            raise self.fail("expected 'đầu năm' or 'cuối năm'")
        year = self.year_suffix()
        return Term(
            "months", at, month=first, last_month=last, year=year, precision=months_precision(n)
        )

    def halves(self) -> Term:
        at = self.pos()
        if not self.word("nua"):
            raise self.fail("expected a period")
        if self.word("dau", "nam") or self.word("nam", "dau"):
            first = 1
        elif self.word("cuoi", "nam") or self.word("nam", "cuoi") or self.word("sau", "nam"):
            first = 7
        else:
            raise self.fail("expected 'đầu năm' or 'cuối năm'")
        return Term("months", at, month=first, last_month=first + 5, year=self.year_suffix())

    def quarter_number(self) -> int:
        tok = self.peek()
        if tok is not None and tok.kind == "word" and tok.key in _ROMAN:
            self.i += 1
            return _ROMAN[tok.key]
        if tok is not None and tok.kind == "word" and tok.key in _NUMBER_WORDS:
            value = _NUMBER_WORDS[tok.key]
            if value <= 4:
                self.i += 1
                return value
        return self.number(1, 4, "quarter (I to IV)")

    def quarter(self) -> Term:
        at = self.pos()
        if not self.word("quy"):
            raise self.fail("expected a period")
        q = self.quarter_number()
        return Term("months", at, month=3 * q - 2, last_month=3 * q, year=self.year_after())

    def month(self) -> Term:
        at = self.pos()
        if not self.word("thang"):
            raise self.fail("expected a period")
        first = self.peek()
        in_words = first is not None and first.kind == "word"  # "tháng Sáu 2025"
        m = self.month_number()
        nxt = self.peek()
        if in_words and nxt is not None and nxt.kind == "num" and len(nxt.raw) == 4:
            return Term("months", at, month=m, last_month=m, year=self.year_number())
        return Term("months", at, month=m, last_month=m, year=self.year_after())

    def month_number(self) -> int:
        """A month as a number (1 to 12) or a word ("Sáu", "Mười Hai")."""
        tok = self.peek()
        if tok is None or tok.kind != "word" or (tok.key,) not in _MONTHS:
            return self.number(1, 12, "month")
        nxt, after = self.peek(1), self.peek(2)
        if tok.key == "muoi" and nxt is not None and nxt.key in ("mot", "hai"):
            self.i += 2
            return 10 + _MONTHS[(nxt.key,)]
        if tok.key == "nam":  # "tháng Năm năm 2025", "tháng Năm/2025": May, not a year's "năm"
            titled = tok.raw[:1].isupper() and tok.raw[1:].islower()
            followed = nxt is not None and (
                (nxt.key == "nam" and after is not None and after.kind == "num")
                or (nxt.kind in ("sep", "dash") and after is not None and after.kind == "num")
            )
            if not (followed or titled):  # "tháng năm 2025": no month is written
                raise self.fail("expected month")
        self.i += 1
        return _MONTHS[(tok.key,)]

    def day(self) -> Term:
        if not self.word("ngay"):
            raise self.fail("expected a period")
        return self.numeric(days_only=True)

    def year(self) -> Term:
        at = self.pos()
        if not self.word("nam"):
            raise self.fail("expected a period")
        year = self.year_suffix()
        if year is None:
            raise self.fail("expected a year")
        saved = self.i
        if self.kind("dash"):
            tok = self.peek()
            if tok is not None and tok.kind == "num" and len(tok.raw) == 4:
                return Term(
                    "months", at, month=1, year=year, last_month=12, year2=self.last_year(year)
                )
            self.i = saved
        return Term("months", at, month=1, last_month=12, year=year)

    def numeric(self, *, days_only: bool = False) -> Term:
        """ISO dates, D/M/Y, D/M, D tháng M năm Y, M/Y, a bare year."""
        at = self.pos()
        tok = self.peek()
        if tok is None or tok.kind != "num":
            raise self.fail("expected a period")
        if len(tok.raw) == 4 and not days_only:
            iso = self.attempt(self.iso)
            if iso is not None:
                return iso
            year = self.year_number()
            return Term("months", at, month=1, last_month=12, year=year)
        first = self.number(1, 31, "day")
        if self.word("thang"):
            month = self.number(1, 12, "month")
            return self.checked(Term("day", at, day=first, month=month, year=self.year_after()))
        saved = self.i
        sep = self.kind("sep", "dash")
        nxt = self.peek()
        if sep is None or nxt is None or nxt.kind != "num":
            self.i = saved
            return Term("day", at, day=first)
        if len(nxt.raw) == 4 and not days_only:
            year = self.year_number()
            if first > 12:
                raise self.fail(f"{first} is not a month", at=self.i - 3)
            return Term("months", at, month=first, last_month=first, year=year)
        if len(nxt.raw) > 2 or not 1 <= int(nxt.raw) <= 12:
            self.i = saved
            return Term("day", at, day=first)
        self.i += 1
        term = Term("day", at, day=first, month=int(nxt.raw))
        after = self.i
        if (self.kind(sep.kind) is not None and self.peek() is not None) or self.word("nam"):
            tok3 = self.peek()
            if tok3 is not None and tok3.kind == "num" and len(tok3.raw) == 4:
                term.year = self.year_number()
            else:
                self.i = after
        return self.checked(term)

    def iso(self) -> Term:
        at = self.pos()
        year = self.year_number()
        if not self.kind("dash"):
            raise self.fail("expected an ISO date")
        month = self.number(1, 12, "month")
        if not self.kind("dash"):
            raise self.fail("expected an ISO date")
        day = self.number(1, 31, "day")
        return self.checked(Term("day", at, day=day, month=month, year=year))

    def bare(self, hint: Term) -> Term:
        """The end of "tháng 7 - 8/2022" or "quý I - III/2022": the start's word is implied."""
        at = self.pos()
        if hint.kind == "months" and hint.last_month == hint.month:
            m = self.number(1, 12, "month")
            return Term("months", at, month=m, last_month=m, year=self.year_after())
        if hint.kind == "months" and hint.month is not None and hint.last_month == hint.month + 2:
            q = self.quarter_number()
            return Term("months", at, month=3 * q - 2, last_month=3 * q, year=self.year_after())
        raise self.fail("expected the end of the period")


def parse(text: str, *, reference: date | None, convention: Convention) -> Period:
    """Read *text* (see :func:`khuonha.parse_period`)."""
    if not isinstance(text, str):
        raise PeriodParseError(repr(text)[:80], 0, "expected a string")
    if isinstance(reference, datetime):
        reference = reference.date()
    if reference is not None and type(reference) is not date:
        raise InvalidDataError(f"expected a date, got {reference!r:.60}", field="reference")
    bad = re.search("[\ud800-\udfff]", text)
    if bad is not None:
        raise PeriodParseError(text, bad.start(), "text is not valid Unicode")
    marks = check_marks(text)
    if marks is not None:
        raise PeriodParseError(text, marks[1], marks_message(marks, where=False))
    reader = _Reader(text, reference, convention)
    try:
        return reader.read()
    except _Fail:
        tok_pos = reader.toks[reader.far].pos if reader.far < len(reader.toks) else len(text)
        raise PeriodParseError(text, tok_pos, reader.reason) from None
    except PeriodParseError:
        raise
    except (InvalidDataError, ValueError, OverflowError) as exc:
        raise PeriodParseError(text, reader.pos(), str(exc)) from None


def parse_period(
    text: str, *, reference: date | None = None, convention: object = "calendar"
) -> Period:
    """Read a period as Vietnamese reports write it (see the guide "Periods").

    *reference* is the date a relative phrase is anchored to (the publication
    date): it gives the year of "ngày 10/8" and the end of "từ đầu năm đến
    nay". *convention* is ``"calendar"`` or ``"reporting"`` (NĐ 09/2019
    cut-offs for month, quarter, half-year and year bounds; explicit days
    never move). The result is the nominal period, not clipped at *reference*.

    ``precision`` follows one rule: ``exact`` when both bounds are stated or
    follow from a standard period (a day, week, month, quarter, half-year,
    year, whole years, "N tháng đầu năm" with N = 1, 3, 6 or 12, "tháng
    trước", "tuần qua"); ``approximate`` when the text does not give the real
    cut-off ("8 tháng đầu năm 2022", anything "đến nay", "10 năm qua", a
    school year, "khoảng …", a compound "A và B" with an approximate part);
    ``open_start`` / ``open_end`` when a bound is missing ("tính đến
    30/6/2022", "từ 1/8/2022", "từ năm 2016 đến nay" with no *reference*);
    ``recurring`` ("Hằng năm") and ``unspecified`` ("những năm qua", "năm qua"
    or "tháng qua" with no *reference*, or one late in the unit) for periods
    with words and no dates. A date taken from *reference* or from a fuzzy
    edge ("từ đầu tháng 3") is explained in ``basis``. What cannot be dated
    without guessing (a lunar day, "cuối năm" or "giữa năm" alone, "cùng kỳ"
    alone, "trong tuần") is refused.

    >>> from datetime import date
    >>> p = parse_period("8 tháng đầu năm 2022")
    >>> p.start, p.end, p.precision.value
    (datetime.date(2022, 1, 1), datetime.date(2022, 8, 31), 'approximate')
    >>> parse_period("Quý III/2022", convention="reporting").start
    datetime.date(2022, 6, 15)
    >>> parse_period("ngày 10/8", reference=date(2022, 8, 10)).end
    datetime.date(2022, 8, 10)
    >>> parse_period("ngày 10/8")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    khuonha.exceptions.PeriodParseError: cannot read a period from 'ngày 10/8': no year, ...
    """
    return parse(text, reference=reference, convention=convention_of(convention))
