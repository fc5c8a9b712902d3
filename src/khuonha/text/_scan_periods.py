"""Finding periods in running text for :func:`khuonha.scan`.

A small grammar over tokens finds where a period is written ("Trong 7 tháng
đầu năm 2025", "từ năm 2016 đến nay", "(19/8/1945 – 19/8/2025)"); every step
looks at a bounded number of tokens, so a text is read in one pass. The
reading of a found span is left to :func:`khuonha.parse_period`, which never
misreads; phrases it has no dates for ("hằng năm", "những năm qua") get a
kind and no dates.
"""

from __future__ import annotations

from datetime import date

import attrs

from khuonha.exceptions import PeriodParseError
from khuonha.text._period_kinds import Precision
from khuonha.text._period_parser import parse_period
from khuonha.text._period_terms import (
    MONTH_NAMES,
    PAST,
    PAST_YEAR,
    RECURRING_PHRASES,
    UNITS,
    UNSPECIFIED_PHRASES,
    past_year,
)
from khuonha.text._scan_lex import Lexed, key, keys
from khuonha.text.periods import Period

__all__ = ["Found", "find_periods"]

_K_NAM = key("năm")
_K_THANG = key("tháng")
_K_KHOANG = key("khoảng")
_YEAR_WORDS = keys("nay", "trước", "ngoái")
_ROMAN = keys("i", "ii", "iii", "iv")
_COUNT_WORDS = keys("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_QUARTER_WORDS = keys("một", "hai", "ba", "bốn", "tư", "nhất")
_OPEN = keys("từ", "kể từ", "tính từ")
_CLOSE = keys("đến", "tới", "tính đến", "tính tới", "cho đến", "cho tới", "hết")
_CONNECT = keys("đến", "tới", "cho đến")
_SHORT_DATE_BEFORE = keys(
    "ngày", "từ", "đến", "tới", "hết", "vào", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "lúc",
    "dịp", "lễ",
)  # fmt: skip
#: A time of day before a day ("lúc 22 giờ 30 phút ngày 15/8", "19h00 ngày 15/8").
_CLOCK_BEFORE = keys("lúc", "hồi")
_CLOCK_UNITS = keys("giờ", "h", "g")
_MINUTES = keys("phút", "p")
_RECURRING = keys(*RECURRING_PHRASES)
_UNSPECIFIED = keys(*UNSPECIFIED_PHRASES)
_NOT_NOW = keys("thực", "phát", "thể", "xuất", "biểu", "hiển", "tái")
_NOW_AFTER = keys("có", "đang", "duy", "còn", "vẫn", "là")
_BRACKETS = frozenset("()[]")
_K_QUY = keys("quý", "quí")
_K_TUAN = key("tuần")
#: After a unit: "tháng trước", "quý này", "tuần tới", "tháng qua", "tháng vừa qua".
_RELATIONS = keys("trước", "này", "tới", "qua")
_MONTH_WORDS = keys(*MONTH_NAMES, "giêng", "chạp")  # the last two: lunar, refused by the reader
_UNIT_WORDS = keys(*UNITS)
#: A count of these units up to the day of writing: "10 năm qua", "3 năm gần đây".
_WINDOW_UNITS = keys("ngày", "tuần", "tháng", "năm")
_WINDOW_ENDS = keys("qua", "vừa qua", "gần đây", "gần nhất", "trở lại đây", "vừa rồi", "nay")
_SENTENCE_END = frozenset(".!?;")
#: Months and quarters as tables shorten them ("T8/2025", "Q3/2025", "QIII/2025").
_SHORT_MONTH = keys("t", "th")
_SHORT_QUARTER = key("q")
_SHORT_QUARTERS = keys("qi", "qii", "qiii", "qiv")
_SHORT_TERMS = _SHORT_MONTH | _SHORT_QUARTERS | {_SHORT_QUARTER}
#: Glued to a count of months: "6T/2025" (tháng), "6TĐN 2025" (tháng đầu năm).
_SHORT_COUNTS = keys("t", "tđn")
_BEFORE_AFTER = keys("trước", "sau")
_MAX_ASIDE = 8
#: The most terms a list sharing one year is read with ("tháng 7, 8 và 9/2025"): a year's
#: months. A longer run of terms is read term by term, so a text stays one pass.
_MAX_LIST = 12


@attrs.frozen
class Found:
    """One period found: the period (or ``None``), its kind and token span."""

    period: Period | None
    kind: str
    first: int
    last: int  # exclusive
    ambiguous: bool = False
    reason: str | None = None
    compound: bool = False


def _phrase_at(lx: Lexed, i: int, table: frozenset[str], longest: int = 4) -> int:
    """The end of the longest phrase of *table* starting at token *i*, or -1."""
    words: list[str] = []
    found = -1
    for j in range(i, min(i + longest, len(lx))):
        if lx.kind[j] != "w":
            break
        words.append(lx.key[j])
        if " ".join(words) in table:
            found = j + 1
    return found


class _Grammar:
    """Where period terms end (token indexes), or -1."""

    def __init__(self, lx: Lexed) -> None:
        self.lx = lx
        self.n = len(lx)

    def num(self, i: int, low: int, high: int, digits: int | None = None) -> bool:
        lx = self.lx
        if i >= self.n or lx.kind[i] != "n":
            return False
        raw = lx.key[i]
        if digits is not None and len(raw) != digits:
            return False
        return len(raw) <= 6 and low <= int(raw) <= high

    def year(self, i: int) -> bool:
        return self.num(i, 1000, 9998, 4)

    def stuck(self, i: int) -> bool:
        """Whether token *i* is glued to a word, a number or a separator before it."""
        lx = self.lx
        return lx.glued(i) and lx.kind[i - 1] in ("w", "n", "/", ".", ",")

    def glued_sep(self, i: int) -> bool:
        lx = self.lx
        return i < self.n and lx.kind[i] in "/-." and lx.glued(i) and lx.glued(i + 1)

    def year_suffix(self, i: int) -> int:
        """After "năm": a year, "nay", "trước", "ngoái"; returns the end or *i*."""
        if self.year(i):
            return i + 1
        if self.lx.is_word(i, *_YEAR_WORDS):
            return i + 1
        return i

    def year_after(self, i: int) -> int:
        """ "/2022", "-2022", ".2022" or "năm 2022" after a month or quarter; *i* if none."""
        lx = self.lx
        if i < self.n and lx.kind[i] in "/-." and self.year(i + 1):
            return i + 2
        if lx.is_word(i, _K_NAM):
            end = self.year_suffix(i + 1)
            if end > i + 1:
                return end
        return i

    def term(self, i: int, *, short_dates: bool = False) -> int:
        lx = self.lx
        if i >= self.n:
            return -1
        k = lx.key[i]
        if lx.kind[i] == "n":
            if (
                self.year(i)
                and not self.stuck(i)
                and self.glued_sep(i + 1)
                and lx.kind[i + 1] == "-"
                and self.year(i + 2)
                and lx.key[i] < lx.key[i + 2]
                and not self.glued_sep(i + 3)
            ):
                return i + 3  # "2015-2020": whole years
            if self.num(i, 1, 12) and not self.stuck(i):
                end = self.count_months(i + 1)
                if end > 0:
                    return end
            return self.numeric(i, short=short_dates)
        if lx.kind[i] != "w":
            return -1
        if k == _K_NAM:
            if lx.is_word(i + 1, "học") and self.year(i + 2):
                if i + 3 < self.n and lx.kind[i + 3] in "-/" and self.num(i + 4, 0, 9999):
                    return i + 5
                return -1
            if self.year(i + 1):
                if i + 2 < self.n and lx.kind[i + 2] == "-" and self.year(i + 3):
                    return i + 4
                return i + 2
            if lx.is_word(i + 1, *_YEAR_WORDS, "tới"):
                return i + 2
            return -1
        if (k == key("giai") and lx.is_word(i + 1, "đoạn")) or (
            k == key("nhiệm") and lx.is_word(i + 1, "kỳ", "kì")
        ):
            j = i + 2
            j += lx.is_word(j, "từ")
            j += lx.is_word(j, _K_NAM)
            if not self.year(j):
                return -1
            c = self.connector(j + 1)
            if c < 0:
                return -1
            c += lx.is_word(c, _K_NAM)
            return c + 1 if self.year(c) else -1
        if k in (key("đầu"), key("cuối")) and lx.is_word(i + 1, _K_NAM):
            return self.year_suffix(i + 2)
        if k in (key("đầu"), key("cuối"), key("giữa")) and lx.is_word(i + 1, _K_THANG):
            end = self.month(i + 1)  # "đầu tháng 3/2025": the reader says what the edge gives
            return end if end > 0 else i + 2
        if k in (key("đầu"), key("cuối")) and lx.is_word(i + 1, *_K_QUY):
            end = self.term(i + 1)  # "cuối quý II/2025": the reader refuses it alone
            return end if end > 0 else -1
        if k in _BEFORE_AFTER and lx.is_word(i + 1, _K_NAM, _K_THANG, "ngày", *_K_QUY):
            end = self.term(i + 1, short_dates=True)  # "trước năm 2020": not the year 2020
            return end if end > 0 else -1
        if k == key("niên") and lx.is_word(i + 1, "khóa", "khoá") and self.year(i + 2):
            if i + 3 < self.n and lx.kind[i + 3] in "-/" and self.num(i + 4, 0, 9999):
                return i + 5
            return -1
        if (
            k == key("thời")
            and lx.is_word(i + 1, "điểm")
            and lx.is_word(i + 2, "hiện")
            and lx.is_word(i + 3, "tại", "nay")
        ):
            return i + 4
        if k == key("giữa") and lx.is_word(i + 1, _K_NAM, *_K_QUY):
            end = self.term(i + 1)
            return end if end > 0 else i + 2
        if k == key("cùng") and lx.is_word(i + 1, "kỳ", "kì") and not lx.is_word(i + 2, "cùng"):
            end = self.term(i + 2)  # "cùng kỳ năm 2024": the span of another period
            return end if end > 0 else -1
        if k == key("hôm") and lx.is_word(i + 1, "nay", "qua", "kia"):
            return i + 2
        if k in _UNIT_WORDS and lx.is_word(i + 1, *_RELATIONS):
            return i + 2
        if k in _UNIT_WORDS and lx.is_word(i + 1, "vừa") and lx.is_word(i + 2, "qua"):
            return i + 3
        if k == _K_TUAN and lx.is_word(i + 1, "đầu", "cuối", "thứ"):
            j = i + 2 + lx.is_word(i + 1, "thứ")  # "tuần thứ hai của tháng 8/2025"
            j += lx.is_word(j, "của")
            return self.month(j) if lx.is_word(j, _K_THANG) else -1
        if k == key("nửa"):
            for tail in (("đầu", _K_NAM), ("cuối", _K_NAM), (_K_NAM, "đầu"), (_K_NAM, "cuối")):
                if lx.is_word(i + 1, tail[0]) and lx.is_word(i + 2, tail[1]):
                    return self.year_suffix(i + 3)
            return -1
        if k in _SHORT_TERMS:
            return self.shortened(i)
        if k in _K_QUY:
            if lx.is_word(i + 1, *_ROMAN, *_QUARTER_WORDS) or self.num(i + 1, 1, 4):
                return self.year_after(i + 2)
            return -1
        if k == _K_THANG:
            return self.month(i)
        if k == key("ngày"):
            if lx.is_word(i + 1, "hôm") and lx.is_word(i + 2, "nay", "qua", "kia"):
                return i + 3
            j = i + 1
            while self.num(j, 1, 31) and (
                lx.is_word(j + 1, "và") or lx.kind[j + 1 : j + 2] == [","]
            ):
                j += 2  # "ngày 15, 16 và 17/8/2025": the days of a list, the month at its end
            if j > i + 1:
                end = self.numeric(j, short=True)
                if end > 0:
                    return end
            return self.numeric(i + 1, short=True, days=True)
        if k in _COUNT_WORDS:
            return self.count_months(i + 1)
        if k == key("nay"):
            return i + 1
        if k == key("hiện") and lx.is_word(i + 1, "nay", "tại"):
            return i + 2
        return -1

    def month(self, i: int) -> int:
        """ "tháng 8/2025", "tháng Sáu năm 2025" (a month in words only with its year)."""
        lx = self.lx
        if self.num(i + 1, 1, 12):
            return self.year_after(i + 2)
        if lx.is_word(i + 1, _K_NAM) and self.year(i + 2):
            return i + 3  # "tháng Năm 2025" (May) or "tháng năm 2025": the reader tells
        if lx.is_word(i + 1, *_MONTH_WORDS):
            j = i + 2 + (lx.is_word(i + 1, "mười") and lx.is_word(i + 2, "một", "hai"))
            end = j + 1 if self.year(j) else self.year_after(j)  # "tháng Sáu 2025"
            return end if end > j else -1
        return -1

    def shortened(self, i: int, chained: int = 0) -> int:
        """ "T8/2025", "Q3/2025", "QIII/2025"; without a year only before a term that has one
        ("T6 – T8/2025", "T7, T8/2025"): alone, "T2" may be a weekday and "Q3" a district.

        A list looks ahead at most a year's months (*chained*), so a text stays one pass."""
        lx = self.lx
        j = i + 1
        if lx.key[i] not in _SHORT_QUARTERS:
            if not (lx.glued(j) and self.num(j, 1, 4 if lx.key[i] == _SHORT_QUARTER else 12)):
                return -1
            j += 1
        end = self.year_after(j)
        if end > j:
            return end
        c = j + 1 if lx.kind[j : j + 1] == [","] or lx.is_word(j, "và") else self.connector(j)
        if c < 0 or chained >= _MAX_LIST:
            return -1
        if lx.is_word(c, *_SHORT_TERMS):  # found only where a year follows
            return j if self.shortened(c, chained + 1) > 0 else -1
        nxt = self.bare_end(c)
        return j if nxt > 0 and _has_year(self.lx, c, nxt) else -1

    def window(self, i: int) -> int:
        """ "10 năm qua", "mười năm gần đây": a count of units up to the day of writing."""
        lx = self.lx
        if not (self.num(i, 1, 999) or lx.is_word(i, *_COUNT_WORDS)):
            return -1
        if not lx.is_word(i + 1, *_WINDOW_UNITS):
            return -1
        return _phrase_at(lx, i + 2, _WINDOW_ENDS, 3)

    def counted_years(self, i: int) -> int:
        """ "5 năm (2021 – 2025)", "2 năm 2023 – 2024": the reader checks the count."""
        lx = self.lx
        if not (self.num(i, 1, 999) or lx.is_word(i, *_COUNT_WORDS)):
            return -1
        if not lx.is_word(i + 1, _K_NAM):
            return -1
        j = i + 2 + (lx.kind[i + 2 : i + 3] == ["("])
        if not self.year(j):
            return -1
        c = self.connector(j + 1)
        if c < 0 or not self.year(c):
            return -1
        return c + 1 + (lx.kind[c + 1 : c + 2] == [")"] and lx.kind[j - 1] == "(")

    def count_months(self, i: int) -> int:
        """After a count: "tháng đầu năm [2022]", "tháng cuối năm [2022]"."""
        lx = self.lx
        if lx.glued(i) and lx.is_word(i, *_SHORT_COUNTS):
            after = lx.kind[i + 1 : i + 2]
            if lx.is_word(i, "tđn") or after in (["/"], ["-"], ["."]):
                if self.year(i + 1):
                    return i + 2  # "6TĐN 2025"
                end = self.year_after(i + 1)  # "6T/2025", "6TĐN năm 2025"
                return end if end > i + 1 or lx.is_word(i, "tđn") else -1
        elif not lx.is_word(i, _K_THANG):
            return -1
        if lx.is_word(i + 1, "đầu", "cuối") and lx.is_word(i + 2, _K_NAM):
            return self.year_suffix(i + 3)
        if lx.is_word(i + 1, _K_NAM) and self.year(i + 2):
            return i + 3  # "9 tháng năm 2024": the first nine months, not the year
        return -1

    def numeric(self, i: int, *, short: bool, days: bool = False, inner: bool = False) -> int:
        """D/M/Y, D-M-Y, D.M.Y, M/Y, Y-M-D, D tháng M [năm Y]; D/M when *short*.

        *inner*: the end of a range ("01/8-31/8/2025"), which starts no range itself."""
        lx = self.lx
        if i >= self.n or lx.kind[i] != "n":
            return -1
        if not days and self.year(i):
            iso = all(
                self.glued_sep(i + at) and lx.kind[i + at] == "-" for at in (1, 3)
            ) and self.num(i + 2, 1, 12)
            return i + 5 if iso and self.num(i + 4, 1, 31) else -1
        if not self.num(i, 1, 31) or self.stuck(i):
            return -1
        if lx.is_word(i + 1, _K_THANG) and self.num(i + 2, 1, 12):
            if lx.is_word(i + 3, _K_NAM) and self.year(i + 4):
                return i + 5
            return i + 3
        if not self.glued_sep(i + 1):
            return -1
        sep = lx.kind[i + 1]
        if not days and self.year(i + 2) and self.num(i, 1, 12):
            return -1 if self.glued_sep(i + 3) else i + 3
        if not self.num(i + 2, 1, 12) or len(lx.key[i + 2]) > 2:
            return -1
        if self.glued_sep(i + 3) and lx.kind[i + 3] == sep and self.year(i + 4):
            return -1 if self.glued_sep(i + 5) else i + 5
        if (
            self.glued_sep(i + 3)
            and lx.kind[i + 3] == "-"
            and sep != "-"
            and not inner
            and self.numeric(i + 4, short=False, inner=True) > 0
        ):
            return i + 3  # "01/8-31/8/2025": a range, the dash its connector
        if self.glued_sep(i + 3):
            return -1
        if lx.is_word(i + 3, _K_NAM) and self.year(i + 4):
            return i + 5  # "ngày 2/9 năm 2025"
        return i + 3 if short else -1

    def connector(self, i: int) -> int:
        """The end of a connector ("–", "đến", "đến hết") with brackets around it, or -1."""
        lx = self.lx
        j = self.aside(i)
        while j < self.n and lx.kind[j] in _BRACKETS:
            j += 1
        if j < self.n and lx.kind[j] == "-":
            j += 1
        elif (end := _phrase_at(lx, j, _CONNECT, 2)) > 0:
            j = end
        else:
            return -1
        j += lx.is_word(j, "hết")
        while j < self.n and lx.kind[j] in _BRACKETS:
            j += 1
        return self.clock(j)

    def clock(self, i: int) -> int:
        """The end of a time of day before a day ("lúc 22 giờ 30 phút", "05h00"), or *i*."""
        lx = self.lx
        j = i + lx.is_word(i, *_CLOCK_BEFORE)
        if not (self.num(j, 0, 24) and len(lx.key[j]) <= 2 and lx.is_word(j + 1, *_CLOCK_UNITS)):
            return i
        j += 2
        if self.num(j, 0, 59) and len(lx.key[j]) <= 2:
            j += 1 + lx.is_word(j + 1, *_MINUTES)
        j += lx.kind[j : j + 1] == [","]
        return j if lx.is_word(j, "ngày") or self.num(j, 1, 31) else i

    def aside(self, i: int) -> int:
        """The end of a bracketed aside of words ("(thứ Sáu)") at token *i*, or *i*."""
        lx = self.lx
        if i >= self.n or lx.kind[i] not in "([":
            return i
        for j in range(i + 1, min(i + _MAX_ASIDE, self.n)):
            if lx.kind[j] in ")]":
                return j + 1
            if lx.kind[j] != "w":
                return i
        return i

    def bare_end(self, i: int) -> int:
        """The end term of "tháng 3 – 12/2025", "quý I – III/2022", "từ 6 – 12/2025"."""
        lx = self.lx
        if lx.is_word(i, *_ROMAN):
            end = self.year_after(i + 1)
            return end if end > i + 1 else -1
        return self.numeric(i, short=True)


def _has_year(lx: Lexed, first: int, last: int) -> bool:
    """Whether tokens *first* … *last* write a year (four digits, or "năm nay/trước")."""
    return any(
        (lx.kind[t] == "n" and len(lx.key[t]) == 4) or lx.is_word(t, *_YEAR_WORDS)
        for t in range(first, last)
    )


def _dated(period: Period) -> str:
    return "dated" if period.start is not None and period.end is not None else "open"


_READ: dict[tuple[str, date | None, bool], tuple[Period | None, str | None]] = {}
_READ_SIZE = 4096


def _read(
    lx: Lexed, first: int, last: int, reference: date | None, dash_at: int | None = None
) -> Found:
    """Hand the span to parse_period (brackets inside the span read as spaces).

    Reports repeat their periods ("năm 2025"), so readings are remembered
    (a bounded cache: periods are immutable). *dash_at* is a dash between a
    bare day and a date ("1 – 5/9"), read as "đến" so it is not taken for a
    date separator.
    """
    raw = lx.text[lx.start[first] : lx.end[last - 1]]
    known = _READ.get((raw, reference, dash_at is None))
    if known is None:
        span = raw
        if dash_at is not None:
            at, to = lx.start[dash_at] - lx.start[first], lx.end[dash_at] - lx.start[first]
            span = f"{span[:at]} đến {span[to:]}"
        if any(lx.kind[j] in _BRACKETS for j in range(first, last)):
            span = _unbracket(span)
        try:
            known = (attrs.evolve(parse_period(span, reference=reference), label=raw), None)
        except PeriodParseError as exc:
            known = (None, exc.reason)
        except ValueError as exc:  # a label no model can carry (absurd marks in an aside)
            known = (None, str(exc))
        if len(_READ) >= _READ_SIZE:
            _READ.clear()
        _READ[raw, reference, dash_at is None] = known
    period, reason = known
    if period is None:
        return Found(None, "unspecified", first, last, reason=reason)
    if not period.dated:  # "tháng qua" late in the month: words, no dates
        return Found(None, period.precision.value, first, last)
    return Found(period, _dated(period), first, last)


def _unbracket(span: str) -> str:
    """Brackets read as spaces; an aside of words in brackets ("(thứ Sáu)") as well."""
    out: list[str] = []
    depth_start = -1
    for ch in span:
        if ch in "([":
            depth_start = len(out)
            out.append(" ")
        elif ch in ")]":
            if depth_start >= 0 and not any(c.isdigit() for c in out[depth_start:]):
                out[depth_start:] = " " * (len(out) - depth_start)
            depth_start = -1
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _read_text(text: str, reference: date | None) -> Period | None:
    try:
        return parse_period(text, reference=reference)
    except PeriodParseError:
        return None


def _special(lx: Lexed, i: int, reference: date | None) -> Found | None:
    """Recurring, unspecified and "now" phrases, and "những tháng đầu năm 2025"."""
    end = _phrase_at(lx, i, _RECURRING, 4)
    if end > 0:
        return Found(None, "recurring", i, end)
    end = _phrase_at(lx, i, _UNSPECIFIED, 4)
    if end > 0:
        return Found(None, "unspecified", i, end)
    k = lx.key[i]
    if k == key("tết"):
        # "Tết Nguyên đán Ất Tỵ 2025": lunar days are refused by the reader, with its reason.
        end = i + 1
        end += 2 if lx.is_word(end, "nguyên") and lx.is_word(end + 1, "đán") else 0
        g = _Grammar(lx)
        for skip in (0, 1, 2):  # the year's name ("Ất Tỵ") before its number
            if all(lx.kind[end + n : end + n + 1] == ["w"] for n in range(skip)) and g.year(
                end + skip
            ):
                end += skip + 1
                break
        found = _read(lx, i, end, reference)
        return attrs.evolve(found, ambiguous=True)
    if (
        k in (key("những"), key("các"))
        and lx.is_word(i + 1, _K_THANG)
        and lx.is_word(i + 2, "đầu")
        and lx.is_word(i + 3, _K_NAM)
    ):
        g = _Grammar(lx)
        end = g.year_suffix(i + 4)
        year = int(lx.key[i + 4]) if end > i + 4 and lx.kind[i + 4] == "n" else None
        if year is None and end == i + 4 and reference is not None:
            year = reference.year
        if year is None:
            return Found(None, "unspecified", i, max(end, i + 4), reason="no year")
        if end == i + 4 or lx.kind[i + 4] == "n":
            period = Period(
                start=date(year, 1, 1),
                end=None,
                precision=Precision.OPEN_END,
                label=lx.text[lx.start[i] : lx.end[max(end, i + 4) - 1]],
            )
            return Found(period, "open", i, max(end, i + 4))
    past = i + 2 if lx.is_word(i + 1, "qua") else i + 3
    if (
        k in _UNIT_WORDS
        and k != _K_NAM
        and (past == i + 2 or (lx.is_word(i + 1, "vừa") and lx.is_word(i + 2, "qua")))
        and not lx.is_word(i - 1, "những", "các", "nhiều")
    ):
        # "tuần qua", "tháng vừa qua": the reader says which, or that it cannot be told.
        unit = UNITS[next(u for u in UNITS if key(u) == k)]
        found = _read(lx, i, past, reference)
        return attrs.evolve(found, ambiguous=True, reason=found.reason or PAST[unit])
    if (
        k == _K_NAM
        and (past == i + 2 or (lx.is_word(i + 1, "vừa") and lx.is_word(i + 2, "qua")))
        and not lx.is_word(i - 1, "những", "các", "nhiều")
    ):
        label = lx.text[lx.start[i] : lx.end[past - 1]]
        year = past_year(reference)
        if year is None or year < 1:
            return Found(None, "unspecified", i, past, ambiguous=True, reason=PAST_YEAR)
        period = Period(start=date(year, 1, 1), end=date(year, 12, 31), label=label)
        return Found(period, "dated", i, past, ambiguous=True, reason=PAST_YEAR)
    if k == key("hiện") and not (lx.kind[i - 1 : i] == ["w"] and lx.key[i - 1] in _NOT_NOW):
        end = i + 2 if lx.is_word(i + 1, "nay", "tại") else i + 1
        if end == i + 1 and not lx.is_word(i + 1, *_NOW_AFTER):
            return None
        label = lx.text[lx.start[i] : lx.end[end - 1]]
        if reference is None:
            return Found(None, "unspecified", i, end, reason=f"'{label}' needs a reference date")
        period = Period(
            start=reference, end=reference, precision=Precision.APPROXIMATE, label=label
        )
        return Found(period, "dated", i, end)
    return None


def _match(lx: Lexed, g: _Grammar, i: int, reference: date | None) -> list[Found]:
    """The periods starting at token *i* (a compound gives the whole, then its parts)."""
    k = lx.key[i]
    window = max(g.window(i), g.counted_years(i))
    if window > 0:  # "10 năm qua", "5 năm (2021 – 2025)": a count of years read with it
        return [_read(lx, i, window, reference)]
    if k == _K_KHOANG and lx.kind[i + 1 : i + 2] == ["w"] and not lx.is_word(i + 1, "khoảng"):
        # "khoảng tháng 3/2025": about that period; the word stays in the span.
        inner = _match(lx, g, i + 1, reference)
        if inner and inner[0].period is not None and inner[0].first == i + 1:
            return [_read(lx, i, inner[0].last, reference)]
        return inner
    if k in _SPECIAL_FIRST or (k in _UNIT_WORDS and lx.is_word(i + 1, "qua", "vừa")):
        special = _special(lx, i, reference)
        if special is not None:
            return [special]
    opener = _phrase_at(lx, i, _OPEN, 2) if k in _OPEN_FIRST else -1
    closer = _phrase_at(lx, i, _CLOSE, 2) if opener < 0 and k in _CLOSE_FIRST else -1
    j = max(opener, closer, i)
    if closer > 0:
        j += lx.is_word(j, "hết")
    if j > i:
        j = g.clock(j)  # "từ 19h00 ngày 15/8 …"
    if j == i and lx.kind[i] == "n" and not lx.glued(i):
        short = lx.is_word(i - 1, *_SHORT_DATE_BEFORE)
    else:
        short = j > i
    end1 = g.term(j, short_dates=short)
    if end1 < 0 and opener > 0 and g.num(j, 1, 12) and not lx.glued(j + 1):
        # "từ 6 – 12/2025": a bare month before a month and year.
        c = g.connector(j + 1)
        if c > 0 and g.num(c, 1, 12) and g.glued_sep(c + 1) and g.year(c + 2):
            return [_read(lx, i, c + 3, reference)]
    dash = lx.kind[j + 1 : j + 2] == ["-"]
    if (
        end1 < 0
        and g.num(j, 1, 31)
        and not g.stuck(j)
        and (dash or (opener > 0 and lx.is_word(j + 1, "đến", "tới")))
    ):
        # "15-16/8/2025", "từ 1 – 5/9", "từ 1 đến 5/9/2025": a bare day before a dated end.
        c = g.connector(j + 1)
        end2 = g.numeric(c, short=True) if c > 0 else -1
        if end2 > 0:
            return [_read(lx, i, end2, reference, dash_at=j + 1 if dash else None)]
    if end1 < 0:
        return []
    if lx.is_word(end1, "vừa") and lx.is_word(end1 + 1, "qua"):
        end1 += 2  # "tháng 7 vừa qua": the latest July, read with its words
    elif lx.is_word(end1, "trở") and lx.is_word(end1 + 1, "đi"):
        end1 += 2  # "từ năm 2026 trở đi": from then on
    elif lx.is_word(end1, "tới") and g.term(end1 + 1) < 0 and g.bare_end(end1 + 1) < 0:
        end1 += 1  # "tháng 9 tới": the next September ("tháng 7 tới tháng 9" is a range)
    first_kind = lx.key[j]
    if closer > 0:
        return [_read(lx, i, end1, reference)]
    if first_kind == key("nay") and j == i:
        return []
    c = g.connector(end1)
    if c > 0:
        end2 = g.term(c, short_dates=True)
        if end2 < 0:
            end2 = g.bare_end(c)
        if end2 > 0:
            return [_read(lx, i, end2, reference)]
    if first_kind in (key("hiện"), key("nay")):
        return [_read(lx, i, end1, reference)] if first_kind == key("hiện") else []
    if lx.kind[end1 : end1 + 1] == [","] and not _has_year(lx, j, end1):
        # "tháng 7, 8/2025", "quý III, IV/2025": a list with one year, at its end.
        last, items = end1, 1
        while items < _MAX_LIST and (lx.kind[last : last + 1] == [","] or lx.is_word(last, "và")):
            nxt = max(g.term(last + 1, short_dates=True), g.bare_end(last + 1))
            if nxt < 0 and (g.num(last + 1, 1, 12) or lx.is_word(last + 1, *_ROMAN)):
                after = last + 2  # a bare term inside the list: the "8" of "tháng 7, 8 và 9/2025"
                if lx.kind[after : after + 1] == [","] or lx.is_word(after, "và"):
                    nxt = after
            if nxt < 0:
                break
            last, items = nxt, items + 1
        if last > end1:
            whole = _read(lx, i, last, reference)
            if whole.period is not None and whole.period.dated:
                return [whole]
    part1 = _read(lx, i, end1, reference)
    if lx.is_word(end1, "và") and part1.period is None and g.term(end1 + 1) > 0:
        # "tháng 7 và tháng 8/2025": the first part takes its year from the second.
        end2 = g.term(end1 + 1)
        whole = _read(lx, i, end2, reference)
        if whole.period is not None and whole.period.dated:
            part2 = _read(lx, end1 + 1, end2, reference)
            return [attrs.evolve(whole, compound=True), part2]
    if lx.is_word(end1, "và") and part1.period is not None:
        # The reader joins the parts (or refuses when they leave a gap): one grammar.
        tail = _phrase_at(lx, end1 + 1, _UNSPECIFIED, 4)
        if tail > 0:
            whole = _read(lx, i, tail, reference)
            if whole.period is not None:
                return [attrs.evolve(whole, compound=True), part1]
        end2 = g.term(end1 + 1)
        if end2 > 0:
            part2 = _read(lx, end1 + 1, end2, reference)
            whole = _read(lx, i, end2, reference)
            if whole.period is not None and whole.period.dated:
                if not _has_year(lx, j, end1):  # "tháng 7": its year is the whole's, not its own
                    return [attrs.evolve(whole, compound=True), part2]
                return [attrs.evolve(whole, compound=True), part1, part2]
            return [part1, part2]
    return [part1]


_TRIGGERS = keys(
    "năm", "tháng", "quý", "ngày", "giai", "nửa", "đầu", "cuối", "từ", "kể", "tính", "đến",
    "tới", "cho", "hằng", "hàng", "thường", "định", "mỗi", "những", "các", "nhiều", "thời",
    "hiện", "nhiệm", "tết", "khoảng", "một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín",
    "mười", "quí", "tuần", "giữa", "cùng", "hôm", "mấy", "hết", "niên", "trước", "sau",
) | _SHORT_TERMS  # fmt: skip


def _firsts(*tables: frozenset[str]) -> frozenset[str]:
    return frozenset(phrase.split(" ")[0] for table in tables for phrase in table)


_SPECIAL_FIRST = _firsts(_RECURRING, _UNSPECIFIED) | keys("những", "các", "năm", "hiện", "tết")
_OPEN_FIRST = _firsts(_OPEN)
_CLOSE_FIRST = _firsts(_CLOSE)
_GLUE = frozenset("/-.,:")


def find_periods(lx: Lexed, reference: date | None) -> list[Found]:
    """Every period of the text, in order; spans never overlap except a compound's parts."""
    g = _Grammar(lx)
    out: list[Found] = []
    i, n = 0, len(lx)
    kind, key_, start, end = lx.kind, lx.key, lx.start, lx.end
    while i < n:
        if kind[i] == "n":
            # A number starts a period only before a glued separator ("19/8"), a dash or "tháng".
            nxt = i + 1
            if nxt < n and (
                (kind[nxt] in _GLUE and start[nxt] == end[i])
                or kind[nxt] == "-"
                or key_[nxt] == _K_THANG
                or (key_[nxt] in _SHORT_COUNTS and start[nxt] == end[i])
                or g.window(i) > 0
                or g.counted_years(i) > 0
            ):
                found = _match(lx, g, i, reference)
                if found:
                    out.extend(found)
                    i = max(f.last for f in found)
                    continue
            # No period starts inside a run of glued digits and separators.
            i += 1
            while i < n and start[i] == end[i - 1] and (kind[i] == "n" or kind[i] in _GLUE):
                i += 1
            continue
        if kind[i] == "w" and key_[i] in _TRIGGERS:
            found = _match(lx, g, i, reference)
            if found:
                out.extend(found)
                i = max(f.last for f in found)
                continue
        i += 1
    return _same_period(lx, _cutoffs(lx, _every_year(out), reference), reference)


def _every_year(found: list[Found]) -> list[Found]:
    """ "ngày 19/8 hằng năm": the day comes back every year; its dates are one reading."""
    for n in range(len(found) - 1):
        this, nxt = found[n], found[n + 1]
        if nxt.kind == "recurring" and nxt.first == this.last and this.period is not None:
            found[n] = attrs.evolve(
                this, ambiguous=True, reason="a date that comes back every year"
            )
    return found


def _same_period(lx: Lexed, found: list[Found], reference: date | None) -> list[Found]:
    """ "6 tháng đầu năm 2025 … so với cùng kỳ năm 2024": the span named before, in that year.

    The reader refuses "cùng kỳ" alone; in running text it is the span of the
    last period of the same sentence, moved to the year it names. The reading
    is flagged (it rests on the sentence, not on the words) and its basis says so.
    """
    for n, this in enumerate(found):
        if this.period is not None or not lx.is_word(this.first, "cùng"):
            continue
        tail = lx.text[lx.start[this.first + 2] : lx.end[this.last - 1]]
        year_of = _read_text(tail, reference)
        if (
            year_of is None
            or year_of.start is None
            or year_of.end is None
            or (year_of.start.month, year_of.start.day, year_of.end.month, year_of.end.day)
            != (1, 1, 12, 31)
            or year_of.start.year != year_of.end.year
        ):
            continue
        before = [
            f
            for f in found[:n]
            if f.period is not None
            and f.kind == "dated"
            and not f.compound
            and f.last <= this.first
        ]
        if not before:
            continue
        prev = before[-1]
        assert prev.period is not None
        p = prev.period
        assert p.start is not None
        assert p.end is not None
        if p.start.year != p.end.year or p.start.year == year_of.start.year:
            continue
        if any(
            lx.kind[j] in _SENTENCE_END and not (lx.glued(j) and lx.glued(j + 1))
            for j in range(prev.last, this.first)
        ):
            continue  # another sentence: its period is not this one's
        label = lx.text[lx.start[this.first] : lx.end[this.last - 1]]
        try:
            moved = p.same_period_in(year_of.start.year)
        except ValueError:  # a year no date can have
            continue
        written = prev.period.label or lx.text[lx.start[prev.first] : lx.end[prev.last - 1]]
        reason = f"the span of '{written}' named before it, in {year_of.start.year}"
        found[n] = attrs.evolve(
            this,
            period=attrs.evolve(moved, label=label, basis=f"'cùng kỳ' read as {reason}"),
            kind=_dated(moved),
            ambiguous=True,
            reason=f"'cùng kỳ' read as {reason}",
        )
    return found


def _cutoffs(lx: Lexed, found: list[Found], reference: date | None) -> list[Found]:
    """ "6 tháng đầu năm 2025 (từ 15/12/2024 đến 14/6/2025)": the named period and its days.

    A period followed by a range in brackets (or by "từ … đến …") is read as
    one: the reader takes the days given, and refuses them if they are not in
    the period named. The pair is replaced by that one reading.
    """
    out: list[Found] = []
    n = 0
    while n < len(found):
        this = found[n]
        nxt = found[n + 1] if n + 1 < len(found) else None
        if (
            nxt is not None
            and this.kind == "dated"
            and not this.compound
            and nxt.period is not None
            and nxt.kind == "dated"
        ):
            between = nxt.first - this.last
            bracket = between == 1 and lx.kind[this.last] == "("
            opened = between == 0 and lx.is_word(nxt.first, *_OPEN)
            closes = lx.kind[nxt.last : nxt.last + 1] == [")"]
            if (bracket and closes) or opened:
                last = nxt.last + 1 if bracket else nxt.last
                whole = _read(lx, this.first, last, reference)
                if whole.period is not None:
                    out.append(whole)
                    n += 2
                    continue
                if bracket:  # the days in brackets are not in the period named: both flagged
                    out += [
                        attrs.evolve(f, ambiguous=True, reason=whole.reason) for f in (this, nxt)
                    ]
                    n += 2
                    continue
        out.append(this)
        n += 1
    return out
