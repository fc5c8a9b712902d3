"""Personal data (Nghị định 13/2023/NĐ-CP): what public exports must leave out.

Fields whose attrs metadata marks them sensitive (the people an activity
concerns, a person's address or birth year …) and the names and identifiers
of private individuals (``Person.private``) are personal data. :func:`redact`
returns a copy of a record or dataset without them, and
:func:`mask_private_names` masks a private person's name wherever it was
typed into free text (a title, a lead, a site name, a quoted span), a
one-syllable name ("anh Tùng") included. The plugin host applies both (:func:`public_view`)
before any exporter that is not an archive sees the data, unless the caller
asked for an internal export: a plugin never has to remember it.

>>> import khuonha
>>> from khuonha.plugins.privacy import redact, PRIVATE_NAME
>>> p = khuonha.Person(id="p", name="Nguyễn Văn A", private=True, address="thôn 1")
>>> r = redact(p)
>>> (r.name == PRIVATE_NAME, r.address)
(True, None)
"""

from __future__ import annotations

import functools
import re
import typing
import unicodedata
from enum import Enum
from typing import Any, TypeVar

import attrs

from khuonha.model.fields import SCHEMA, SENSITIVE
from khuonha.model.people import Person
from khuonha.model.provenance import Provenance
from khuonha.text.unicode import match_key

__all__ = [
    "PRIVATE_NAME",
    "Redaction",
    "mask_private_names",
    "public_view",
    "redact",
    "sensitive_fields",
]

T = TypeVar("T")

_SYLLABLE = re.compile(r"\w+")

#: What a private individual's name becomes in a public export.
PRIVATE_NAME = "[ẩn danh]"

_CACHE: dict[type, tuple[tuple[str, Any], ...]] = {}


def sensitive_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """``(name, default)`` of every field of the model *cls* marked as personal data.

    :func:`redact` resets these fields to their defaults; an exporter that
    shows personal data in an internal export lists them from here.

    >>> [name for name, _ in sensitive_fields(Person)]
    ['birth_year', 'address', 'note']
    """
    found = _CACHE.get(cls)
    if found is None:
        found = tuple((f.name, f.default) for f in attrs.fields(cls) if f.metadata.get(SENSITIVE))
        _CACHE[cls] = found
    return found


_MAY: dict[type, bool] = {}
_MODEL_FIELDS: dict[type, tuple[str, ...]] = {}


def _model_types(tp: Any) -> list[type]:
    """The model classes a declared field type can hold (through tuples and unions)."""
    if isinstance(tp, type) and attrs.has(tp):
        return [tp]
    return [t for arg in typing.get_args(tp) for t in _model_types(arg)]


def _may_hold_personal_data(cls: type) -> bool:
    """Whether objects of *cls* can hold personal data (cached per class).

    Judged on the class itself, so a subclass that marks a field sensitive is
    caught even where the declared type is its base class.
    """
    known = _MAY.get(cls)
    if known is not None:
        return known
    if not attrs.has(cls):
        _MAY[cls] = False
        return False
    _MAY[cls] = False  # a model that contains itself adds nothing more
    hints = typing.get_type_hints(cls)
    fields = tuple(f.name for f in attrs.fields(cls) if _model_types(hints[f.name]))
    _MODEL_FIELDS[cls] = fields
    known = (
        cls is Person
        or bool(sensitive_fields(cls))
        or any(_may_hold_personal_data(t) for n in fields for t in _model_types(hints[n]))
    )
    _MAY[cls] = known
    return known


def redact(obj: T) -> T:
    """Return *obj* without personal data; *obj* itself is not changed.

    Works on any model or on a whole :class:`~khuonha.Dataset`; records
    without personal data are returned as they are (no copy).
    """
    return _redact(obj)  # type: ignore[no-any-return]


def _redact(obj: Any) -> Any:
    if isinstance(obj, tuple):
        if not any(_may_hold_personal_data(kind) for kind in {type(x) for x in obj}):
            return obj
        items = [_redact(x) for x in obj]
        if all(a is b for a, b in zip(items, obj, strict=True)):
            return obj
        return tuple(items)
    cls = type(obj)
    if not _may_hold_personal_data(cls):
        return obj
    changes: dict[str, Any] = {}
    for name, default in sensitive_fields(cls):
        if getattr(obj, name) != default:
            changes[name] = default
    if isinstance(obj, Person) and obj.private:
        changes["name"] = PRIVATE_NAME
        if obj.honorific is not None:
            changes["honorific"] = None
        if obj.identifiers:
            changes["identifiers"] = ()  # a citizen id, a phone number: as identifying as the name
    for name in _MODEL_FIELDS[cls]:
        if name in changes:
            continue
        value = getattr(obj, name)
        new = _redact(value)
        if new is not value:
            changes[name] = new
    if not changes:
        return obj
    return attrs.evolve(obj, **changes)


# -- private names in free text ---------------------------------------------------
#
# A private person's name is looked for in every free-text field in up to three ways:
#
# - the whole name of two syllables or more ("Hoàng Thị Thuỷ"), anywhere, in any case
#   (but a two-syllable one in small letters in a sentence with case, "mai anh", only
#   after a word of address: it may be words, "ngày mai anh về");
# - a one-syllable name ("Tùng"), or a part of a longer name from the given name on
#   ("Thuỷ", "Thị Thuỷ"), right after a word of address (_CONTEXT_WORDS: "anh", "chị",
#   "cháu", "đồng chí", "đ/c" …, or the person's own ``honorific``);
# - a one-syllable name or given name written alone as a name is ("Tùng", capital first,
#   the rest small), where the sentence is in sentence case and nothing makes it part
#   of a longer proper name ("Hà Giang", "Nguyễn Thị Hà") or a place ("thôn Mai").
#
# Case is evidence only where a sentence has it: in one written all in capitals or all
# in small letters, the second way applies whatever the case, and the third not at all.
# The rule in words, for officers: docs/guides/privacy.md.

#: Characters allowed between two syllables of a name found in free text.
_GAP = r"[\W_]{0,3}"
_LETTER_CLASSES: dict[str, str] = {}
#: Spaces that join two words of one phrase (a line break does not).
_SPACES = " \t\u00a0\u2007\u202f"
_HYPHENS = "-\u2010\u2011"
#: What may come before the first word of a sentence (a capital there says nothing).
_SENTENCE_BREAKS = ".!?:;…\n\r•–—-*"
_OPENERS = "\"'“‘«([{"
#: What ends a sentence or a line, for the case a text is written in.
_SENTENCE_ENDS = ".!?;\n\r"
_NON_WORD = re.compile(r"[\W_]+")


def _keys(words: tuple[str, ...] | list[str]) -> frozenset[str]:
    return frozenset(match_key(w) for w in words)


#: Words of address written before a name (match keys: case and tone-mark placement folded).
#: A one-syllable private name, or a private person's given name alone, is masked after
#: one of these (or after the honorific recorded for that person).
_CONTEXT_WORDS: frozenset[str] = _keys(
    (
        "anh",
        "chị",
        "em",
        "ông",
        "bà",
        "cô",
        "chú",
        "bác",
        "cháu",
        "cụ",
        "thím",
        "dì",
        "mợ",
        "o",
        "cậu",
        "dượng",
        "bé",
        "cu",
        "bạn",
        "thầy",
        "cô giáo",
        "thầy giáo",
        "đồng chí",
        "đ/c",
        "gia đình",
    )
)

#: Words that make the capitalised word after them the name of a place, a day or a thing
#: ("thôn Mai", "sông Hà", "thứ Tư", "tháng Tư", "ngày Mai"), not of a person.
_PLACE_WORDS: frozenset[str] = _keys(
    (
        "thôn",
        "xóm",
        "bản",
        "làng",
        "ấp",
        "buôn",
        "sóc",
        "khu",
        "tổ",
        "cụm",
        "xã",
        "phường",
        "huyện",
        "quận",
        "tỉnh",
        "trấn",
        "phố",
        "đường",
        "ngõ",
        "ngách",
        "hẻm",
        "sông",
        "suối",
        "núi",
        "đèo",
        "hồ",
        "đảo",
        "biển",
        "cầu",
        "chợ",
        "chùa",
        "đình",
        "đền",
        "miếu",
        "trường",
        "bến",
        "ngày",
        "thứ",
        "tháng",
        "mùa",
        "tết",
        "hoa",
        "cây",
        "họ",
    )
)


#: Ordinary words that may open a sentence right before a name ("Theo Tùng, …", "Gặp Tùng
#: tại nhà"): their capital is the sentence's, so the name is not part of a longer one.
#: Any other capitalised word before a one-syllable name makes it the end of a longer
#: name ("Khuôn Hà", "Lê Hà"), left alone.
_LEADING_WORDS: frozenset[str] = _keys(
    (
        "theo",
        "cùng",
        "với",
        "cho",
        "của",
        "tặng",
        "trao",
        "gửi",
        "thăm",
        "gặp",
        "chúc",
        "khen",
        "mời",
        "giúp",
        "hỏi",
        "nhờ",
        "và",
        "nhưng",
        "khi",
        "còn",
        "riêng",
        "từ",
        "đến",
        "vì",
        "do",
        "được",
    )
)


def _skeleton(ch: str) -> str:
    """A letter without any mark, case folded (``đ`` stays ``đ``, as in the match key)."""
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter_classes() -> dict[str, str]:
    """Every Latin letter by its skeleton, as a regex class of all its forms."""
    if not _LETTER_CLASSES:
        groups: dict[str, set[str]] = {}
        for code in (*range(0x30, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
            ch = chr(code)
            if not ch.isalnum():
                continue
            base = _skeleton(ch)
            if len(base) == 1:
                groups.setdefault(base, set()).update((ch, ch.upper(), ch.lower()))
        for base, chars in groups.items():
            _LETTER_CLASSES[base] = "[" + "".join(sorted(re.escape(c) for c in chars)) + "]"
    return _LETTER_CLASSES


def _syllable_pattern(syllable: str) -> str:
    classes = _letter_classes()
    out = []
    for ch in unicodedata.normalize("NFC", syllable):
        for base in _skeleton(ch) or ch:
            out.append(classes.get(base, re.escape(base)))  # model text is NFC
    return "(" + "".join(out) + ")"


def _skeleton_of(syllable: str) -> str:
    return "".join(_skeleton(ch) for ch in syllable)


@functools.lru_cache(maxsize=4096)
def _folded(found: str) -> str:
    """The skeleton of a match of the scan, its spaces and punctuation dropped."""
    return _skeleton_of(_NON_WORD.sub("", found))


@functools.lru_cache(maxsize=4096)
def _key(word: str) -> str:
    """:func:`~khuonha.match_key` of a word, remembered (the same few words recur)."""
    return match_key(word)


@attrs.frozen
class _Form:
    """One way a private name is written: its syllables and what it needs around it.

    ``short`` forms (a one-syllable name, a given name alone) are masked only in
    context (:meth:`_Masker.in_context`); ``context`` holds the words of address
    that may stand before them (match keys).
    """

    syllables: tuple[str, ...]
    keys: tuple[str, ...]
    short: bool
    context: frozenset[str]

    @property
    def skeleton(self) -> str:
        return "".join(_skeleton_of(s) for s in self.syllables)


def _strip_address(keys: tuple[str, ...], words: frozenset[str]) -> int:
    """How many of the first syllables are a word of address ("anh Tùng", "đ/c Mai")."""
    for size in (3, 2, 1):
        if len(keys) > size and " ".join(keys[:size]) in words:
            return size
    return 0


def _private_forms(ds: Any) -> list[_Form]:
    """Every form of every private person's name in *ds*, one per spelling (merged)."""
    forms: dict[tuple[str, ...], _Form] = {}

    def add(syllables: tuple[str, ...], short: bool, context: frozenset[str]) -> None:
        keys = tuple(match_key(s) for s in syllables)
        old = forms.get(keys)
        if old is not None:
            short = short and old.short  # a whole name somewhere: masked anywhere
            context = context | old.context
            syllables = old.syllables
        forms[keys] = _Form(syllables, keys, short, context)

    for person in ds.people:
        if not person.private or person.name == PRIVATE_NAME:
            continue  # a redacted person's stand-in is not a name
        own = _CONTEXT_WORDS
        if person.honorific:
            own = own | {match_key(person.honorific)}
        syllables = tuple(_SYLLABLE.findall(person.name))
        keys = tuple(match_key(s) for s in syllables)
        core = syllables[_strip_address(keys, own) :]
        if not core:
            continue
        if len(core) > 1:
            add(core, False, own)
        for i in range(1 if len(core) > 1 else 0, len(core)):
            add(core[i:], True, own)  # "Thuỷ", "Thị Thuỷ" after "bà"; "Tùng" after "anh"
    return list(forms.values())


def _scan_pattern(forms: list[_Form]) -> str:
    """One pattern for every form, as a trie of letters, whole words only.

    Forms share their first letters (family names, given names), so a trie
    keeps the search close to one pass over the text however many names
    there are. It folds every mark: the exact check (match keys, context)
    runs only where it matches.
    """
    tree: dict[str, Any] = {}
    for form in forms:
        node = tree
        for i, syllable in enumerate(form.syllables):
            if i:
                node = node.setdefault(" ", {})  # between two syllables
            for ch in _skeleton_of(syllable):
                node = node.setdefault(ch, {})
        node[""] = {}
    classes = _letter_classes()

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for key, child in node.items():
            if key == " ":
                branches.append(_GAP + emit(child))
            elif key:
                branches.append(classes.get(key, re.escape(key)) + emit(child))
        if not branches:
            return ""
        if "" in node:
            branches.append("")  # a form ends here: tried after the longer ones
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return rf"(?<!\w){emit(tree)}(?!\w)"


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _word_before(text: str, start: int, joiners: str) -> tuple[int, int] | None:
    """The span of the word just before *start*, if one or more *joiners* alone separate them."""
    i = start
    while i > 0 and text[i - 1] in joiners:
        i -= 1
    if i in (start, 0) or not _is_word(text[i - 1]):
        return None
    j = i
    while j > 0 and _is_word(text[j - 1]):
        j -= 1
    return j, i


_JOIN = f"[{_SPACES}/]"
#: Up to three words before a name, read backwards: spaces, then words with spaces (or "/",
#: as in "đ/c") between them.
_TAIL_REVERSED = re.compile(rf"[{_SPACES}]+(\w+)(?:{_JOIN}+(\w+)(?:{_JOIN}+(\w+))?)?")


def _words_before(text: str, start: int) -> list[str]:
    """Up to three words before *start*, spaces between them (or "/", as in "đ/c")."""
    if not start or text[start - 1] not in _SPACES:
        return []
    window = max(0, start - 32)
    while window and _is_word(text[window - 1]):
        window -= 1  # whole words only ("thanh" is not "anh")
    m = _TAIL_REVERSED.match(text[window:start][::-1])
    return [w[::-1] for w in reversed(m.groups()) if w] if m else []


def _next_is_capitalised(text: str, end: int) -> bool:
    """Whether a word with a capital letter follows *end*, joined by spaces or a hyphen."""
    i = end
    while i < len(text) and text[i] in _SPACES:
        i += 1
    if i == end and i < len(text) and text[i] in _HYPHENS:
        i += 1
    return end < i < len(text) and text[i].isupper()


def _starts_sentence(text: str, start: int) -> bool:
    i = start
    while i > 0 and (text[i - 1] in _SPACES or text[i - 1] in _OPENERS):
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_BREAKS


def _capitalised(word: str) -> bool:
    """Written as a name is: a capital, then small letters ("Tùng", not "TÙNG" or "tùng")."""
    return word[:1].isupper() and word[1:] == word[1:].lower()


#: How a text uses case: sentence case, title case, or none (all capitals or all small).
_CASED, _TITLE, _UNCASED = "cased", "title", "uncased"


def _case_mode(text: str, start: int, end: int) -> str:
    """How the sentence (or line) holding ``text[start:end]`` uses case."""
    first = max(text.rfind(c, 0, start) for c in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0]
    plain = text[first : min(ends, default=len(text))].replace(PRIVATE_NAME, " ")
    if plain == plain.lower() or plain == plain.upper():
        return _UNCASED
    words = _SYLLABLE.findall(plain)
    if len(words) < 3 or any(w[0].islower() for w in words):
        return _CASED  # too short to tell title case: "Theo Tùng", "(Tùng)"
    return _TITLE


class _Plan:
    """The fields of one model class worth looking into, by kind (cached per class)."""

    def __init__(self, cls: type) -> None:
        hints = typing.get_type_hints(cls)
        self.texts: list[str] = []
        self.nested: list[str] = []
        for f in attrs.fields(cls):
            schema = f.metadata.get(SCHEMA) or {}
            if "pattern" in schema or "format" in schema:
                continue  # ids, references, URLs: not free text
            if _model_types(hints[f.name]):
                self.nested.append(f.name)
            elif _holds_text(hints[f.name]):
                self.texts.append(f.name)


def _after_address(form: _Form, text: str, start: int) -> bool:
    """Whether a word of address ("anh", "đ/c", the person's honorific) stands before *start*."""
    keys = [_key(w) for w in _words_before(text, start)]
    return any(" ".join(keys[-size:]) in form.context for size in range(1, len(keys) + 1))


def _written_as_name(form: _Form, text: str, m: re.Match[str]) -> bool:
    """A two-syllable name in small letters ("ngày mai anh về" for "Mai Anh") is words, unless a
    word of address stands before it or the sentence has no case ("thăm cháu mai anh")."""
    if not m.group(1)[:1].islower() or _after_address(form, text, m.start()):
        return True
    return _case_mode(text, m.start(), m.end()) != _CASED


class _Masker:
    """Masks private names in every free-text field, recording where (JSON paths).

    One search of a single compiled pattern per text (every form as a trie of
    syllables) finds the few places that may hold a name; only those are
    checked form by form, syllable by syllable with :func:`~khuonha.match_key`,
    and, for a short form, in its context. Paths are built only for fields
    that change. A provenance span into a news item's body is moved with the
    body's masked text, so it still holds the words at its offsets.
    """

    def __init__(self, forms: list[_Form], bodies: dict[str, str] | None = None) -> None:
        self.by_skeleton: dict[str, list[_Form]] = {}
        self.regexes: dict[tuple[str, ...], re.Pattern[str]] = {}
        for form in forms:
            self.by_skeleton.setdefault(form.skeleton, []).append(form)
            pattern = _GAP.join(_syllable_pattern(s) for s in form.syllables)
            self.regexes[form.keys] = re.compile(rf"{pattern}(?!\w)")
        self.scan = re.compile(_scan_pattern(forms))
        self.search = self.scan.search
        self.bodies = bodies or {}
        self.paths: list[str] = []
        self._plans: dict[type, _Plan] = {}
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._body_texts = set(self.bodies.values())

    def found(self, value: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` of every private name in *value*, in order, none overlapping."""
        known = self._found.get(value)
        if known is not None:
            return known
        spans: list[tuple[int, int]] = []
        masks: list[tuple[int, int]] = []  # "[ẩn danh]" already there: never a name
        if PRIVATE_NAME in value:
            masks = [(m.start(), m.end()) for m in re.finditer(re.escape(PRIVATE_NAME), value)]
        pos = 0
        while (m := self.scan.search(value, pos)) is not None:
            start = m.start()
            skeleton = _folded(m.group())
            end = 0
            for size in range(len(skeleton), 0, -1):  # the longest form first
                for form in self.by_skeleton.get(skeleton[:size], ()):
                    fm = self.regexes[form.keys].match(value, start)
                    if fm is None or any(
                        _key(g) != k for g, k in zip(fm.groups(), form.keys, strict=True)
                    ):
                        continue
                    if form.short and not self.in_context(form, value, fm):
                        continue
                    if (
                        len(form.keys) == 2
                        and not form.short
                        and not _written_as_name(form, value, fm)
                    ):
                        continue
                    if masks and any(s < fm.end() and start < e for s, e in masks):
                        continue
                    end = fm.end()
                    break
                if end:
                    break
            if end:
                spans.append((start, end))
                pos = end
            else:
                pos = start + 1
        if value in self._body_texts:
            self._found[value] = spans  # provenance spans index it: found once
        return spans

    @staticmethod
    def in_context(form: _Form, text: str, m: re.Match[str]) -> bool:
        """Whether a one-syllable name or a given name alone, matched at *m*, is the person's.

        Case counts only where the sentence has it (neither all capitals nor all
        small letters); in title case ("Thăm Anh Tùng Và Chị Mai") a capital does
        not make a word part of a longer name.
        """
        start, end = m.span()
        first = m.group(1)
        if _after_address(form, text, start):
            # "anh Tùng", "CHÁU HÀ", "đ/c Mai", "gia đình Tùng"; not "chị Mai Anh"
            # (a longer name) nor "chị mai về" (a word) where the sentence has case.
            if first[:1].isupper() and not _next_is_capitalised(text, end):
                return True
            mode = _case_mode(text, start, end)
            if mode == _UNCASED:
                return True
            return mode == _TITLE and first[:1].isupper()
        if len(form.keys) != 1 or not _capitalised(first) or _next_is_capitalised(text, end):
            return False  # "mai", "TÙNG", "Hà Giang"
        before = _word_before(text, start, _SPACES + _HYPHENS)
        if before is not None:
            word = text[before[0] : before[1]]
            if word[:1].isupper() and not (
                _starts_sentence(text, before[0]) and _key(word) in _LEADING_WORDS
            ):
                return False  # the end of a longer name: "Nguyễn Thị Hà", "Khuôn Hà", "Lê Hà"
            if _key(word) in _PLACE_WORDS:
                return False  # "thôn Mai", "sông Hà", "thứ Tư"
        # "Tùng nhận quà", "Theo Tùng,", "(Tùng)": a capital that says "name" only
        # where the sentence is in sentence case.
        return _case_mode(text, start, end) == _CASED

    def text(self, value: str) -> str:
        spans = self.found(value)
        if not spans:
            return value
        out: list[str] = []
        last = 0
        for start, end in spans:
            out += (value[last:start], PRIVATE_NAME)
            last = end
        out.append(value[last:])
        return "".join(out)

    def plan(self, cls: type) -> _Plan:
        found = self._plans.get(cls)
        if found is None:
            found = self._plans[cls] = _Plan(cls)
        return found

    def value(self, value: Any, path: str) -> Any:
        """*value* (text, a tuple, a record) with names masked; the same object if none."""
        if isinstance(value, str):
            if isinstance(value, Enum) or self.search(value) is None:
                return value
            new = self.text(value)
            if new == value:
                return value
            self.paths.append(path)
            return new
        if isinstance(value, tuple):
            if not value:
                return value
            changed: dict[int, Any] = {}
            for i, item in enumerate(value):
                new = self.value(item, f"{path}[{i}]")
                if new is not item:
                    changed[i] = new
            if not changed:
                return value
            return tuple(changed.get(i, item) for i, item in enumerate(value))
        if attrs.has(type(value)):
            return self.record(value, path)
        return value

    def record(self, obj: Any, path: str) -> Any:
        if isinstance(obj, Person) and obj.private:
            return obj  # the person record itself: redact's part
        if isinstance(obj, Provenance):
            return self.provenance(obj, path)
        plan = self.plan(type(obj))
        search = self.search
        changes: dict[str, Any] = {}
        for name in plan.texts:
            old = getattr(obj, name)
            if not old:
                continue
            if type(old) is str:
                if search(old) is None:
                    continue
            elif type(old) is tuple and not any(search(x) for x in old if type(x) is str):
                continue
            new = self.value(old, f"{path}.{name}" if path else name)
            if new is not old:
                changes[name] = new
        for name in plan.nested:
            old = getattr(obj, name)
            if not old:
                continue
            new = self.value(old, f"{path}.{name}" if path else name)
            if new is not old:
                changes[name] = new
        return attrs.evolve(obj, **changes) if changes else obj

    def provenance(self, span: Provenance, path: str) -> Provenance:
        """*span* with names masked: moved along its news item's masked body where it has one.

        A span that cuts a name is widened to the whole mask, so no part of the
        name is left in its words.
        """
        changes: dict[str, Any] = {}
        text = span.text
        body = self.bodies.get(span.source) if span.source is not None else None
        if body is not None and body[span.start : span.end] == span.text:
            names = self.found(body) if self.search(body) is not None else []
            if names:
                start, end = _moved(names, span.start, span.end)
                text = self.text(body)[start:end]
                if (start, end) != (span.start, span.end):
                    changes.update(start=start, end=end)
        elif self.search(span.text) is not None:
            text = self.text(span.text)
            changes["end"] = span.start + len(text)
        if text != span.text:
            changes["text"] = text
            self.paths.append(f"{path}.text")
        if span.reason:
            reason = self.value(span.reason, f"{path}.reason")
            if reason is not span.reason:
                changes["reason"] = reason
        return attrs.evolve(span, **changes) if changes else span


def _moved(names: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Offsets *start*, *end* in a text whose *names* became :data:`PRIVATE_NAME`."""
    width = len(PRIVATE_NAME)
    shift = 0
    new_start = new_end = -1
    for s, e in names:
        if new_start < 0 and start < e:
            new_start = start + shift if start <= s else s + shift
        if end <= s:
            break
        if end < e:
            new_end = s + shift + width  # the span ends inside a name: take it whole
            break
        shift += width - (e - s)
    if new_start < 0:
        new_start = start + shift
    if new_end < 0:
        new_end = end + shift
    return new_start, new_end


def _holds_text(tp: Any) -> bool:
    if tp is str:
        return True
    return any(_holds_text(arg) for arg in typing.get_args(tp))


def mask_private_names(obj: T, names_from: Any = None) -> tuple[T, tuple[str, ...]]:
    """Mask every private person's name in the free text of *obj*; return it and the paths.

    The names are those of the people of *names_from* (default: *obj*, a
    :class:`~khuonha.Dataset`) marked ``private``, matched as
    :func:`~khuonha.match_key` matches (case, tone-mark placement, NFC/NFD)
    and whatever spacing between syllables, and replaced by
    :data:`PRIVATE_NAME`. A name of two syllables or more is masked wherever
    it is written. A one-syllable name, and a private person's given name on
    its own, are masked after a word of address ("anh", "chị", "cháu",
    "đồng chí", "đ/c" …, or the person's ``honorific``: "anh Tùng", "CHÁU
    HÀ", "đ/c Mai"), and where a sentence in sentence case writes them alone
    as a name ("Tùng nhận quà"), but not as part of a longer proper name
    ("Hà Giang", "Nguyễn Thị Hà"), after a place word ("thôn Mai") or as an
    ordinary word ("ngày mai"). A word of address typed into the name ("ông
    Tư") is not part of it. Identifiers and URLs are not free text; a
    provenance span moves with its news item's masked body. The paths name
    each field changed (``events[0].name``), in record order. The rule in
    full: the privacy guide (``docs/guides/privacy.md``).

    >>> import attrs, khuonha
    >>> ds = khuonha.Dataset(slug="x", title="X", people=(
    ...     khuonha.Person(id="p", name="Nguyễn Văn Riêng", private=True),
    ...     khuonha.Person(id="q", name="Mai", private=True)))
    >>> ds = attrs.evolve(ds, title="Thăm hỏi ông NGUYỄN VĂNRIÊNG và cháu Mai")
    >>> masked, paths = mask_private_names(ds)
    >>> masked.title, paths
    ('Thăm hỏi ông [ẩn danh] và cháu [ẩn danh]', ('title',))
    >>> mask_private_names(attrs.evolve(ds, title="Ngày mai, đoàn về Hà Giang"))[0].title
    'Ngày mai, đoàn về Hà Giang'
    """
    source = obj if names_from is None else names_from
    forms = _private_forms(source) if hasattr(source, "people") else []
    if not forms:
        return obj, ()
    bodies = {n.id: n.body for n in getattr(obj, "news", ()) if getattr(n, "body", None)}
    masker = _Masker(forms, bodies)
    masked = masker.value(obj, "")
    return masked, tuple(masker.paths)


@attrs.frozen
class Redaction:
    """What a public export sees: *data* without personal data, and where names were masked.

    ``masked`` lists the JSON paths (``events[0].name``) of the free-text
    fields where a private person's name was replaced by :data:`PRIVATE_NAME`.
    """

    data: Any = attrs.field(eq=False)
    masked: tuple[str, ...] = ()


def public_view(obj: Any) -> Redaction:
    """*obj* as every public export gets it: :func:`redact`, then :func:`mask_private_names`.

    >>> import khuonha
    >>> public_view(khuonha.sample()).masked
    ()
    """
    masked, paths = mask_private_names(redact(obj), names_from=obj)
    return Redaction(masked, paths)
