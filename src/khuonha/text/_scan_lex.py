"""Tokens of running text for :func:`khuonha.scan`.

One pass of one regular expression with no nested repetition splits the text
into numbers, words and single punctuation characters; spaces (and the
invisible format characters pasted from web pages) only separate them. Each
token keeps its offsets, so "2.500" (a dot between digits) and "2. 500" (a
sentence end) stay apart. Words carry their :func:`~khuonha.text.match_key`,
cached, so "Trên", "TRÊN" and an NFD "trên" compare alike.
"""

from __future__ import annotations

import re

from khuonha.text.unicode import match_key

__all__ = ["DASHES", "QUOTES", "Lexed", "key", "keys", "lex"]

# Spaces (and invisible format characters) match no alternative, so the
# search steps over them without making a token.
_TOKEN = re.compile(
    r"(?P<n>[0-9]+)"
    r"|(?P<w>[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*)"
    r"|(?P<p>[^\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff])",
)
#: Dashes of every width; all read as "-".
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~")
#: Opening and closing quotation marks.
QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e")
_CACHE: dict[str, str] = {}
_CACHE_SIZE = 65536
#: The keys of the word lists passed to :meth:`Lexed.is_word` (a few dozen, fixed in the code).
_WANTED: dict[tuple[str, ...], frozenset[str]] = {}


def key(word: str) -> str:
    """The comparison key of one word (cached)."""
    found = _CACHE.get(word)
    if found is None:
        try:
            found = match_key(word)
        except ValueError:  # absurd runs of combining marks: a word no list holds
            found = ""
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[word] = found
    return found


def keys(*phrases: str) -> frozenset[str]:
    """The keys of *phrases* (words joined by single spaces)."""
    return frozenset(match_key(p) for p in phrases)


class Lexed:
    """The tokens of a text as parallel lists.

    ``kind[i]`` is ``"n"`` (digits), ``"w"`` (a word), or the punctuation
    character itself (every dash is ``"-"``); ``key[i]`` is the word's key,
    or the digits, or the character.
    """

    __slots__ = ("end", "key", "kind", "start", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind: list[str] = []
        self.key: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []

    def __len__(self) -> int:
        return len(self.kind)

    def k(self, i: int) -> str:
        """The key of token *i*, or "" past the end."""
        return self.key[i] if 0 <= i < len(self.key) else ""

    def glued(self, i: int) -> bool:
        """Whether token *i* follows token *i - 1* with nothing between."""
        return 0 < i < len(self.kind) and self.end[i - 1] == self.start[i]

    def raw(self, i: int) -> str:
        return self.text[self.start[i] : self.end[i]]

    def is_word(self, i: int, *words: str) -> bool:
        """Whether token *i* is one of *words* (compared by key)."""
        if not (0 <= i < len(self.kind) and self.kind[i] == "w"):
            return False
        wanted = _WANTED.get(words)
        if wanted is None:
            wanted = _WANTED[words] = frozenset(key(w) for w in words)
        return self.key[i] in wanted


def lex(text: str) -> Lexed:
    """Split *text* into tokens."""
    out = Lexed(text)
    add_kind, add_key = out.kind.append, out.key.append
    add_start, add_end = out.start.append, out.end.append
    cache = _CACHE
    for m in _TOKEN.finditer(text):
        group = m.lastgroup
        raw = m.group()
        if group == "w":
            add_kind("w")
            found = cache.get(raw)
            add_key(found if found is not None else key(raw))
        elif group == "n":
            add_kind("n")
            add_key(raw)
        else:
            ch = "-" if raw in DASHES else raw
            add_kind(ch)
            add_key(ch)
        s, e = m.span()
        add_start(s)
        add_end(e)
    return out
