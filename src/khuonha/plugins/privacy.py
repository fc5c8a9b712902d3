"""Personal data (Nghị định 13/2023/NĐ-CP): what public exports must leave out.

Fields whose attrs metadata marks them sensitive (the people an activity
concerns, a person's address or birth year …) and the names of private
individuals (``Person.private``) are personal data. :func:`redact` returns a
copy of a record or dataset without them, and :func:`mask_private_names`
masks a private person's name wherever it was typed into free text (a title,
a lead, a site name). The plugin host applies both (:func:`public_view`)
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

import re
import typing
import unicodedata
from enum import Enum
from typing import Any, TypeVar

import attrs

from khuonha.model.fields import SCHEMA, SENSITIVE
from khuonha.model.people import Person
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

#: Characters allowed between two syllables of a name found in free text.
_GAP = r"[\W_]{0,3}"
_LETTER_CLASSES: dict[str, str] = {}


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


@attrs.frozen
class _Name:
    syllables: tuple[str, ...]
    keys: tuple[str, ...]
    pattern: str


def _prefilter(names: list[_Name]) -> str:
    """One pattern for every name, syllables shared as a trie, without word boundaries.

    Names share their first syllables (family names), so a trie keeps the
    search close to one pass over the text however many names there are;
    the exact check (boundaries, match keys) runs only where this matches.
    """
    tree: dict[str, Any] = {}
    for name in names:
        node = tree
        for syllable in name.syllables:
            node = node.setdefault(_skeleton_of(syllable), {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for key, child in node.items():
            if not key:
                continue
            rest = emit(child)
            tail = f"(?:{_GAP}{rest})" if rest else ""
            if "" in child and rest:
                tail += "?"
            branches.append(_syllable_pattern(key).replace("(", "(?:", 1) + tail)
        return f"(?:{'|'.join(branches)})" if branches else ""

    return emit(tree)


def _skeleton_of(syllable: str) -> str:
    return "".join(_skeleton(ch) for ch in syllable)


def _private_names(ds: Any) -> list[_Name]:
    names: dict[tuple[str, ...], _Name] = {}
    for person in ds.people:
        if not person.private or person.name == PRIVATE_NAME:
            continue  # a redacted person's stand-in is not a name
        syllables = _SYLLABLE.findall(person.name)
        keys = tuple(match_key(s) for s in syllables)
        if len(keys) < 2 or keys in names:
            continue  # a one-syllable name would mask ordinary words
        pattern = _GAP.join(_syllable_pattern(s) for s in syllables)
        names[keys] = _Name(tuple(syllables), keys, rf"(?<!\w)(?:{pattern})(?!\w)")
    return list(names.values())


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


class _Masker:
    """Masks private names in every free-text field, recording where (JSON paths).

    One search of a single compiled pattern per text (the names as a trie of
    syllables) picks the few texts that may hold a name; only those are
    matched name by name, syllable by syllable with :func:`~khuonha.match_key`.
    Paths are built only for fields that change.
    """

    def __init__(self, names: list[_Name]) -> None:
        # Longer names first, so "Nguyễn Văn Riêng Tư" is not masked as "Nguyễn Văn Riêng" + "Tư".
        self.names = sorted(names, key=lambda n: -len(n.keys))
        names = self.names
        self.regexes = [re.compile(n.pattern) for n in names]
        self.search = re.compile(_prefilter(names)).search
        self.paths: list[str] = []
        self._plans: dict[type, _Plan] = {}

    def text(self, value: str) -> str:
        out = value
        for name, regex in zip(self.names, self.regexes, strict=True):

            def swap(m: re.Match[str], keys: tuple[str, ...] = name.keys) -> str:
                same = all(match_key(g) == k for g, k in zip(m.groups(), keys, strict=True))
                return PRIVATE_NAME if same else m.group()

            out = regex.sub(swap, out)
        return out

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
    :data:`PRIVATE_NAME`. Names of one syllable are left alone (they would
    mask ordinary words). Identifiers and URLs are not free text. The paths
    name each field changed (``events[0].name``), in record order.

    >>> import attrs, khuonha
    >>> ds = khuonha.Dataset(slug="x", title="X", people=(
    ...     khuonha.Person(id="p", name="Nguyễn Văn Riêng", private=True),))
    >>> ds = attrs.evolve(ds, title="Thăm hỏi ông NGUYỄN VĂNRIÊNG")
    >>> masked, paths = mask_private_names(ds)
    >>> masked.title, paths
    ('Thăm hỏi ông [ẩn danh]', ('title',))
    """
    source = obj if names_from is None else names_from
    names = _private_names(source) if hasattr(source, "people") else []
    if not names:
        return obj, ()
    masker = _Masker(names)
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
