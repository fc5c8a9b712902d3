"""Finding quantities in running text for :func:`khuonha.scan`.

Each number is read once, left to right, looking a bounded number of tokens
around it: the qualifier before it ("trên", "gần"), the groups of digits
glued to it ("2.500", "13,849", "87,9"), a part of a whole ("10/10"), a
percentage and what it is of, and the counted noun after it. Numbers that
name something ("tiêu chí 19.2", "Quyết định số 510/QĐ-BCA", "tổ 5"),
phone numbers and times of day are passed over.
"""

from __future__ import annotations

from collections.abc import Container

import attrs

from khuonha.exceptions import InvalidDataError
from khuonha.text._numerals import read_groups, settle
from khuonha.text._scan_lex import QUOTES, Lexed, key, keys, lex
from khuonha.text._scan_words import (
    COUNT_NOUNS,
    GROUPS,
    LABELS,
    MEASURES,
    NAMED,
    QUALIFIERS,
    STOPS,
    TIME_UNITS,
    ZERO_NOUNS,
    ZERO_VERBS,
)
from khuonha.text.quantities import Qualifier, Quantity

__all__ = ["NO_UNIT_REASON", "ROW_REASON", "Hit", "find_quantities", "share_of"]

_MAX_UNIT_WORDS = 10
_MAX_COMMAS = 4
_MAX_QUOTED = 30
_OPENERS = frozenset("([") | QUOTES
_TIME_GLUE = keys("h", "g", "giờ", "am", "pm")
_AFTER_RANGE = keys("đến", "tới")
_SUFFIXES = {key("trở lên"): Qualifier.AT_LEAST, key("trở xuống"): Qualifier.AT_MOST}
_ALMOST = keys("hầu như", "gần như")
#: Words that may open what a percentage is of ("100% các xã"), though they end a noun.
_OF_FIRST = keys("các", "những", "tổng", "toàn")
_TOTAL = keys("tổng", "với", "trong")
_K_SO = key("số")
_K_HANG = key("hàng")
_QUALIFIER_LAST = frozenset(phrase.split(" ")[-1] for phrase in QUALIFIERS)
#: The reason of a figure read from a table row (its label taken as what is counted).
ROW_REASON = "read from a table row: its label is taken as what is counted"
_MAX_COLUMNS = 12
#: The reason of a figure with no counted noun after it.
NO_UNIT_REASON = "no counted noun follows the number"
_ON = "'trên' before places may mean 'on' or 'in' rather than 'more than'"
_NAME = "a name may follow the number rather than a counted noun"
_FRACTION = "a fraction of a whole ('1/3 số hộ'), not a count out of a total"
_PLACES = keys(
    "xã", "phường", "thị trấn", "thôn", "bản", "ấp", "buôn", "xóm", "tổ dân phố", "khu dân cư",
    "huyện", "tỉnh", "địa bàn", "tuyến", "khu vực", "điểm", "địa điểm", "khu", "làng", "đơn vị",
)  # fmt: skip
_PHONE = keys("thoại", "đt", "sđt", "hotline", "fax", "đài", "zalo", "máy")
_BEFORE_TIME = keys("vào", "lúc", "từ", "đến", "tới", "hồi")
_PART_OF_DAY = keys("sáng", "chiều", "tối", "trưa", "đêm", "khuya", "kém")


def _named(word: str, head: str) -> bool:
    """Whether the word after a number looks like a name ("45 Lê Lợi"), not a noun."""
    return (
        word[:1].isupper()
        and not word.isupper()
        and head not in COUNT_NOUNS
        and head not in MEASURES
    )


@attrs.frozen
class Hit:
    """One quantity found, with its token span."""

    quantity: Quantity
    first: int
    last: int  # exclusive
    of: str | None = None
    ambiguous: bool = False
    reason: str | None = None


class _Reader:
    def __init__(self, lx: Lexed, covered: bytearray) -> None:
        self.lx = lx
        self.n = len(lx)
        self.covered = covered

    # ------------------------------------------------------------ helpers

    def pair(self, k: int) -> str:
        lx = self.lx
        if k + 1 < self.n and lx.kind[k] == "w" and lx.kind[k + 1] == "w":
            return lx.key[k] + " " + lx.key[k + 1]
        return ""

    def phrase(self, k: int, table: Container[str], longest: int) -> int:
        """The end of the longest phrase of *table* at token *k*, or -1."""
        lx = self.lx
        phrase = ""
        found = -1
        for j in range(max(k, 0), min(k + longest, self.n)):
            if lx.kind[j] != "w" or self.covered[j]:
                break
            phrase = lx.key[j] if j == k else phrase + " " + lx.key[j]
            if phrase in table:
                found = j + 1
        return found

    def chain_end(self, k: int) -> int:
        """The end of a run of tokens glued together from *k* (a code, a date, a phone)."""
        lx = self.lx
        k += 1
        while k < self.n and lx.glued(k) and lx.kind[k] in ("n", "w", "/", "-", ".", ":", ","):
            k += 1
        return k

    def phone_end(self, k: int) -> int:
        """Skip digit groups written after a phone number ("0912 345 678")."""
        lx = self.lx
        k = self.chain_end(k)
        while (
            k < self.n
            and lx.kind[k] == "n"
            and lx.kind[k - 1] == "n"
            and lx.start[k] - lx.end[k - 1] <= 1
        ):
            k = self.chain_end(k)
        return k

    def label_before(self, i: int) -> bool:
        """Whether a noun that names things by number comes just before token *i*."""
        lx = self.lx
        if i == 0 or lx.kind[i - 1] != "w":
            return False
        k = lx.key[i - 1]
        if k == _K_SO:
            return not lx.is_word(i - 2, *_TOTAL)
        return k in LABELS or (i >= 2 and self.pair(i - 2) in LABELS)

    def qualifier_before(self, i: int) -> tuple[Qualifier, int]:
        """The qualifier written just before token *i*, and where it starts."""
        if i == 0 or self.lx.kind[i - 1] != "w" or self.lx.key[i - 1] not in _QUALIFIER_LAST:
            return Qualifier.EXACT, i
        for size in (3, 2, 1):
            s = i - size
            if s < 0:
                continue
            if self.phrase(s, QUALIFIERS, size) == i:
                words = " ".join(self.lx.key[s:i])
                return QUALIFIERS[words], s
        return Qualifier.EXACT, i

    # ------------------------------------------------------------ noun phrases

    def noun(self, j: int, *, of: bool = False) -> tuple[str | None, int]:
        """The counted noun (or the whole a percentage is of) starting at token *j*."""
        lx = self.lx
        end, k, words, commas = j, j, 0, 0
        head = ""
        while k < self.n and words < _MAX_UNIT_WORDS and not self.covered[k]:
            if k > 0 and "\n" in lx.text[lx.end[k - 1] : lx.start[k]]:
                break  # a noun ends with its line: "48\n\nTổ tự quản" counts nothing
            kind = lx.kind[k]
            if kind == "w":
                key, pair = lx.key[k], self.pair(k)
                if not key:  # a word with no key (absurd marks) ends the noun
                    break
                if words == 0:
                    if pair in COUNT_NOUNS or pair in MEASURES:
                        head, k, words = pair, k + 2, 2
                        end = k
                        continue
                    if key in TIME_UNITS and not of:
                        return lx.raw(k), k + 1
                    if key in COUNT_NOUNS or key in MEASURES:
                        head, k, words = key, k + 1, 1
                        end = k
                        continue
                if (key in STOPS or pair in STOPS) and not (words == 0 and of and key in _OF_FIRST):
                    break
                if words and head in NAMED and lx.raw(k)[:1].isupper():
                    break
                head = head or key
                k, words = k + 1, words + 1
                end = k
            elif kind == "n" and words and lx.glued(k) and lx.key[k - 1] in MEASURES:
                k += 1
                end = k
            elif kind in QUOTES and words:
                close = k + 1
                while close < min(self.n, k + _MAX_QUOTED) and lx.kind[close] not in QUOTES:
                    close += 1
                if close >= self.n or lx.kind[close] not in QUOTES:
                    break
                k = end = close + 1
                words += 1
            elif kind == "," and words and commas < _MAX_COMMAS and k + 1 < self.n:
                nxt = k + 1
                if (
                    lx.kind[nxt] != "w"
                    or not lx.raw(nxt)[:1].islower()
                    or lx.key[nxt] in STOPS
                    or self.pair(nxt) in STOPS
                ):
                    break
                commas += 1
                k = nxt
            else:
                break
        if end == j:
            return None, j
        return " ".join(lx.text[lx.start[j] : lx.end[end - 1]].split()), end

    # ------------------------------------------------------------ numbers

    def whole_after(self, i: int, *, grouped: bool) -> tuple[int, int] | None:
        """The whole of "10/10 thôn" or "1.245/1.325 khu dân cư" at token *i*, and its end.

        Four digits alone are a year ("8/2025"), not a whole; a part written with
        thousands groups needs its whole written so too ("1.245/1.325").
        """
        lx = self.lx
        if lx.kind[i] != "n":
            return None
        parts, seps, end = self.number(i)
        if end < self.n and lx.glued(end) and lx.kind[end] in "/-.":
            return None  # "1/2/2025": a date
        if not seps:
            return None if grouped or len(parts[0]) >= 4 else (int(parts[0]), end)
        reading = read_groups(parts, seps)
        if reading is None or not isinstance(reading.value, int) or set(seps) != {"."}:
            return None
        return reading.value, end

    def number(self, i: int) -> tuple[list[str], list[str], int]:
        """Digit groups glued by "." or "," from token *i*, their separators, and the end."""
        lx = self.lx
        parts, seps, j = [lx.key[i]], [], i + 1
        while (
            j + 1 < self.n
            and lx.kind[j] in ".,"
            and lx.glued(j)
            and lx.kind[j + 1] == "n"
            and lx.glued(j + 1)
        ):
            seps.append(lx.kind[j])
            parts.append(lx.key[j + 1])
            j += 2
        return parts, seps, j

    def marker(self, i: int) -> bool:
        """Whether number *i* numbers a list item or a table row: first on its line, then
        "." or ")" and a space ("1. Trong năm …", "2) …"), or a cell bar ("1 | Tổ tự quản | 24")."""
        lx = self.lx
        if i + 1 >= self.n or (i > 0 and "\n" not in lx.text[lx.end[i - 1] : lx.start[i]]):
            return False  # not first on its line
        after = lx.kind[i + 1]
        if after == "|":
            return True
        return after in ".)" and lx.glued(i + 1) and not lx.glued(i + 2)

    def at_number(self, i: int, *, ranged: bool = False) -> tuple[list[Hit], int]:
        lx = self.lx
        if not ranged and self.marker(i):
            return [], i + 2
        if lx.glued(i) and lx.kind[i - 1] not in _OPENERS and not ranged:
            return [], self.chain_end(i)
        if self.label_before(i):
            phone = lx.key[i].startswith("0") or lx.k(i - 1) in _PHONE
            return [], self.phone_end(i) if phone else self.chain_end(i)
        parts, seps, j = self.number(i)
        if (not seps and parts[0].startswith("0") and len(parts[0]) >= 4) or len(parts[0]) >= 9:
            return [], self.phone_end(i)
        if j < self.n and lx.glued(j):
            if lx.kind[j] == ":" or (lx.kind[j] == "w" and lx.key[j] in _TIME_GLUE):
                return [], self.chain_end(i)
            if lx.kind[j] == "w" and lx.key[j] not in MEASURES:
                return [], self.chain_end(i)
        reading = read_groups(parts, seps)
        if reading is None:
            return [], self.chain_end(i)
        value: int | float = reading.value
        total: int | None = None
        if j + 1 < self.n and lx.kind[j] == "/" and lx.glued(j) and lx.glued(j + 1):
            whole = self.whole_after(j + 1, grouped=bool(seps))
            if whole is None or whole[0] < value or isinstance(value, float):
                return [], self.chain_end(i)
            total, j = whole
        if self.time_of_day(i, j):
            return [], self.time_end(j)
        qualifier, first = self.qualifier_before(i)
        if qualifier is not Qualifier.EXACT and self.phrase(first - 2, _ALMOST, 2) == first:
            return [], j
        # "từ 5 đến 10 người", "5 - 7 người": both ends share the noun.
        if total is None and ((j < self.n and lx.kind[j] == "-") or lx.is_word(j, *_AFTER_RANGE)):
            # A range has two ends: "5 – 7 – 9 người" is none (and is not read end after end).
            if j + 1 < self.n and lx.kind[j + 1] == "n" and not seps and not ranged:
                second, last = self.at_number(j + 1, ranged=True)
                if second and not second[0].ambiguous and second[0].first == j + 1:
                    q2 = second[0].quantity
                    low = Qualifier.AT_LEAST if qualifier is Qualifier.EXACT else qualifier
                    made = self.make(value, low, q2.unit, (first, j))
                    high = attrs.evolve(
                        second[0],
                        quantity=attrs.evolve(q2, qualifier=Qualifier.AT_MOST),
                    )
                    return [h for h in (made, high) if h is not None], last
            return [], j
        of = None
        if j < self.n and lx.kind[j] == "%":
            unit: str | None = "%"
            of, end = self.noun(j + 1, of=True)
            end = max(end, j + 1)
        else:
            unit, end = self.noun(j)
        row_label = None
        if unit is None and total is None:
            row_label = self.row_label(first, j)
        if row_label is not None:  # "Tổ tự quản | 24": the row's label is what is counted
            unit = row_label
        scope_count = scope_unit = None
        if (
            unit not in (None, "%")
            and total is None
            and end + 1 < self.n
            and lx.kind[end] == "/"
            and lx.kind[end + 1] == "n"
            and not (end + 2 < self.n and lx.glued(end + 2) and lx.kind[end + 2] in "/-.,")
        ):
            other_unit, other_end = self.noun(end + 2)
            if other_unit is not None:
                scope_count, scope_unit, end = int(lx.key[end + 1]), other_unit, other_end
        suffix = self.phrase(end, _SUFFIXES, 2)
        if suffix > 0:
            qualifier = _SUFFIXES[" ".join(lx.key[end:suffix])]
            end = suffix
        value, reason = settle(reading, percent=unit == "%", head=self.head(j))
        head = self.head(j) if unit not in (None, "%") else ""
        if row_label is not None:
            reason = ROW_REASON
        elif reason is None and unit is None and total is None:
            reason = NO_UNIT_REASON
        elif reason is None and total is not None and lx.is_word(j, "số"):
            reason = _FRACTION
        elif reason is None and head in _PLACES and lx.is_word(first, "trên"):
            reason = _ON
        elif reason is None and unit not in (None, "%") and _named(lx.raw(j), head):
            reason = _NAME
        hit = self.make(
            value,
            qualifier,
            unit,
            (first, end),
            total=total,
            of=of,
            reason=reason,
            scope=(scope_count, scope_unit),
        )
        return ([hit] if hit is not None else []), max(end, j)

    def row_label(self, first: int, j: int) -> str | None:
        """The label of a table row for a number alone in its cell after it ("1 | Tổ tự quản
        | 24", "Tổ tự quản | 20 | 24": the cells of other figures are stepped over)."""
        lx = self.lx

        def same_line(k: int) -> bool:  # token k follows token k - 1 on its line
            return k > 0 and "\n" not in lx.text[lx.end[k - 1] : lx.start[k]]

        if not same_line(first) or lx.kind[first - 1] != "|":
            return None
        if j < self.n and lx.kind[j] != "|" and same_line(j):
            return None  # more after the number in its cell
        bar = first - 1
        for _ in range(_MAX_COLUMNS):  # back over the cells of other figures
            k = bar - 1
            while (
                k >= 0 and lx.kind[k] in ("n", ".", ",", "%") and (k == bar - 1 or lx.glued(k + 1))
            ):
                k -= 1
            if k == bar - 1 or k < 0 or lx.kind[k] != "|" or not same_line(k + 1):
                break
            bar = k
        k = bar
        while same_line(k) and lx.kind[k - 1] == "w":
            k -= 1
            if self.covered[k]:
                return None
        if k == bar or (same_line(k) and lx.kind[k - 1] != "|"):
            return None  # no words in the cell before, or more than words
        return " ".join(lx.text[lx.start[k] : lx.end[bar - 1]].split())

    def time_of_day(self, i: int, j: int) -> bool:
        """ "7 giờ 30", "vào 7 giờ sáng", "lúc 8 giờ": a time, not a number of hours."""
        lx = self.lx
        if not lx.is_word(j, "giờ"):
            return False
        return (
            lx.is_word(i - 1, *_BEFORE_TIME)
            or (j + 1 < self.n and lx.kind[j + 1] == "n")
            or lx.is_word(j + 1, *_PART_OF_DAY)
        )

    def time_end(self, j: int) -> int:
        """The end of "giờ [30 [phút]] [sáng]" from the token "giờ"."""
        lx = self.lx
        k = j + 1
        if k < self.n and lx.kind[k] == "n":
            k += 1
            k += lx.is_word(k, "phút")
        k += lx.is_word(k, *_PART_OF_DAY)
        return k

    def head(self, j: int) -> str:
        pair = self.pair(j)
        if pair in COUNT_NOUNS or pair in MEASURES:
            return pair
        return self.lx.k(j)

    def make(
        self,
        value: int | float,
        qualifier: Qualifier,
        unit: str | None,
        span: tuple[int, int],
        *,
        total: int | None = None,
        of: str | None = None,
        reason: str | None = None,
        scope: tuple[int | None, str | None] = (None, None),
    ) -> Hit | None:
        lx = self.lx
        first, end = span
        scope_count, scope_unit = scope
        if of is not None:  # "100% số hộ": the model keeps what a share is of
            scope_unit = of
        text = lx.text[lx.start[first] : lx.end[end - 1]]
        try:
            quantity = Quantity(
                value=value,
                qualifier=qualifier,
                unit=unit,
                total=total,
                scope_count=scope_count,
                scope_unit=scope_unit,
                text=" ".join(text.split()),
            )
        except (InvalidDataError, ValueError):  # a unit no model can carry (absurd marks)
            return None
        return Hit(quantity, first, end, of, ambiguous=reason is not None, reason=reason)

    # ------------------------------------------------------------ words

    def at_word(self, i: int) -> tuple[list[Hit], int]:
        """ "không có đối tượng …" (zero) and "hàng trăm người" (at least 100)."""
        lx = self.lx
        key = lx.key[i]
        if key == _K_HANG and lx.kind[i + 1 : i + 2] == ["w"] and lx.key[i + 1] in GROUPS:
            value, j = GROUPS[lx.key[i + 1]], i + 2
            if lx.is_word(j, *GROUPS) and GROUPS[lx.key[j]] > value:
                value, j = value * GROUPS[lx.key[j]], j + 1
            unit, end = self.noun(j)
            if unit is None:
                return [], j
            hit = self.make(value, Qualifier.AT_LEAST, unit, (i, end))
            return ([hit] if hit else []), end
        verb = self.phrase(i, ZERO_VERBS, 4)
        if verb < 0 or self.phrase(i - 2, _ALMOST, 2) == i:
            return [], i + 1
        if not (self.pair(verb) in ZERO_NOUNS or lx.k(verb) in ZERO_NOUNS):
            return [], i + 1
        unit, end = self.noun(verb)
        if unit is None:
            return [], i + 1
        hit = self.make(0, Qualifier.EXACT, unit, (i, end))
        return ([hit] if hit else []), end


def share_of(text: str) -> tuple[str | None, int]:
    """What a percentage is of, read from the start of *text* as :func:`khuonha.scan` reads it
    ("số hộ", "xã, thị trấn"), and the offset where those words end (0 when none)."""
    lx = lex(text)
    of, end = _Reader(lx, bytearray(len(lx))).noun(0, of=True)
    return of, (lx.end[end - 1] if of is not None else 0)


_WORD_TRIGGERS = keys("không", "chưa", "hàng")


def find_quantities(lx: Lexed, covered: bytearray) -> list[Hit]:
    """Every quantity of the text outside the tokens *covered* (periods), in order."""
    reader = _Reader(lx, covered)
    out: list[Hit] = []
    i, n = 0, len(lx)
    kind, key = lx.kind, lx.key
    while i < n:
        if covered[i]:
            i += 1
            continue
        if kind[i] == "n":
            hits, nxt = reader.at_number(i)
        elif kind[i] == "w" and key[i] in _WORD_TRIGGERS:
            hits, nxt = reader.at_word(i)
        else:
            i += 1
            continue
        out.extend(hits)
        i = max(nxt, i + 1)
    return out
