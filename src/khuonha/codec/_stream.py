"""Reading a dataset document record by record, without its whole tree of JSON values.

A document is one JSON object whose big members are arrays of records. The
whole-tree way (:func:`json.loads`, then the models) holds the text, every
parsed dict and list, and the models at once: about three times what the
models alone take. Here the text is read in pieces (decoded as it comes), each
record of a collection is parsed by the C scanner :func:`json.loads` itself
uses and turned into its model at once, and its dict is dropped: memory is
the models and one piece of text.

This path is optimistic: it takes only a well-formed document of the current
schema that the generated decoders accept. Anything else (bad JSON, a
duplicate key, an older schema to upgrade, a record that fails a check) raises
:class:`FallbackError`, and the caller reads the document the whole-tree way,
whose errors name every problem with its path.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["FallbackError", "Text", "pieces_of_bytes", "pieces_of_stream", "walk_document"]

#: Bytes decoded at a time.
PIECE = 1 << 20

_SPACE = re.compile(r"[ \t\n\r]*")
_BOM = b"\xef\xbb\xbf"


class FallbackError(Exception):
    """The document needs the whole-tree path (which words its problems)."""


def _decoded(chunks: Iterator[bytes]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    for chunk in chunks:
        data = chunk
        if first:
            first = False
            if data.startswith(_BOM):
                data = data[len(_BOM) :]
        yield decoder.decode(data)
    yield decoder.decode(b"", final=True)


def pieces_of_bytes(data: bytes | bytearray | memoryview) -> Iterator[str]:
    """The text of UTF-8 *data*, decoded a piece at a time."""
    view = memoryview(data)
    return _decoded(bytes(view[i : i + PIECE]) for i in range(0, len(view), PIECE))


def pieces_of_stream(read: Callable[[int], bytes]) -> Iterator[str]:
    """The text of a UTF-8 binary stream (its ``read``), decoded a piece at a time."""

    def chunks() -> Iterator[bytes]:
        while chunk := read(PIECE):
            yield chunk

    return _decoded(chunks())


class Text:
    """A window on the document's text: what is read and not yet consumed."""

    def __init__(self, pieces: Iterator[str], scan: Callable[[str, int], tuple[Any, int]]):
        self.pieces = pieces
        self.scan = scan
        self.buf = ""
        self.pos = 0
        self.done = False

    def _more(self) -> bool:
        """Append the next piece of text; False at the end."""
        if self.done:
            return False
        try:
            for piece in self.pieces:
                if piece:
                    self.buf = self.buf[self.pos :] + piece
                    self.pos = 0
                    return True
        except UnicodeDecodeError:
            raise FallbackError from None
        self.done = True
        return False

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            match = _SPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        """Consume *char*, which must come next."""
        if self.peek() != char:
            raise FallbackError
        self.pos += 1

    def value(self) -> Any:
        """Parse the JSON value that comes next, reading more text while it is cut off."""
        self.peek()
        while True:
            try:
                found, end = self.scan(self.buf, self.pos)
            except MemoryError:
                raise
            except Exception:  # cut off by the end of the piece, or not JSON
                if self._more():
                    continue
                raise FallbackError from None
            if end >= len(self.buf) and self._more():  # a number may go on in the next piece
                continue
            self.pos = end
            return found


def walk_document(
    text: Text,
    collections: dict[str, type],
    build: Callable[[Any, type], Any],
    first_key: str,
    first_ok: Callable[[Any], bool],
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The document's own fields (plain values) and its records (built by *build*).

    The first member must be *first_key* with a value *first_ok* accepts (the
    schema version); a member named in *collections* that holds an array has
    each element built into that class as soon as it is parsed.
    """
    fields: dict[str, Any] = {}
    records: dict[str, list[Any]] = {}
    text.take("{")
    if text.peek() == "}":
        raise FallbackError
    first = True
    while True:
        key = text.value()
        if type(key) is not str or key in fields or key in records:
            raise FallbackError
        if first and key != first_key:
            raise FallbackError
        text.take(":")
        cls = collections.get(key)
        if cls is not None and text.peek() == "[":
            text.pos += 1
            built: list[Any] = []
            add = built.append
            if text.peek() == "]":
                text.pos += 1
            else:
                while True:
                    add(build(text.value(), cls))
                    char = text.peek()
                    text.pos += 1
                    if char == "]":
                        break
                    if char != ",":
                        raise FallbackError
            records[key] = built
        else:
            value = text.value()
            if first and not first_ok(value):
                raise FallbackError
            fields[key] = value
        first = False
        char = text.peek()
        text.pos += 1
        if char == "}":
            break
        if char != ",":
            raise FallbackError
    if text.peek() != "":
        raise FallbackError
    return fields, records
