"""Flowables made when the layout reaches them, so memory follows the page, not the report.

A province's report has thousands of table rows. Built up front, their
paragraphs would all sit in memory until the last page is laid out. Here a
:class:`LazyTable` holds an iterator of rows and makes, each time the layout
reaches it, one table of the rows that fit the space left on the page (with
the header row), followed by itself for the rest. :class:`LazyStory` does the
same for a sequence of flowable groups (the events).

Both work through reportlab's split protocol: ``wrap`` claims more room than
there is, reportlab asks for a ``split``, and the split's first element is
an empty flowable that always fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from khuonha_pdf import _speed

__all__ = ["Cell", "LazyStory", "LazyTable", "Nothing", "Parsed"]

# Cell padding the report's tables use (see Context.table).
PADDING_X = 3.0
PADDING_Y = 3.0


#: Texts up to this length share their line breaks between cells (see :class:`Parsed`).
SHARED_LENGTH = 200


class Cell(Paragraph):  # type: ignore[misc]
    """A table cell: a paragraph that breaks its lines once per width.

    The layout asks a cell's size several times at one width (to fill the page,
    then to build the table, then to draw it); breaking the lines again gives the
    same lines, so with :data:`khuonha_pdf._speed.FAST` the size is kept. A cell
    made by :class:`Parsed` also takes the lines of an earlier cell of the same
    short text, style and width.
    """

    _wrapped_at: float | None = None
    _wrapped: tuple[float, float] = (0.0, 0.0)
    _shared: dict[tuple[str, int, float], tuple[Any, ...]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Paragraph.wrap depends on the width only (the height is what the lines need).
        if not _speed.FAST:
            return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]
        if avail_width == self._wrapped_at:
            return self._wrapped
        shared = self._shared
        key = (self.text, id(self.style), avail_width)
        found = shared.get(key) if shared is not None else None
        if found is not None:
            self.width, self._wrapWidths, self.blPara, self.height = found
            size: tuple[float, float] = (self.width, self.height)
        else:
            size = super().wrap(avail_width, avail_height)
            if shared is not None and size[0] == avail_width:
                shared[key] = (self.width, self._wrapWidths, self.blPara, self.height)
        self._wrapped_at, self._wrapped = avail_width, size
        return size


class Parsed:
    """Paragraphs whose markup is parsed once per text and style (for one report).

    reportlab parses a paragraph's markup into fragments with an HTML parser,
    the costliest step of a small cell; a province's tables repeat the same
    texts (unit names, results, counts) thousands of times. The fragments of a
    text are kept and handed to the next paragraph of the same text and style,
    which reportlab then does not parse again; a short cell also shares its line
    breaks with the cells of the same text, style and width (:class:`Cell`). At
    most *limit* texts are kept.
    """

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self._found: dict[tuple[str, int], tuple[ParagraphStyle, str, Any, Any, Any]] = {}
        self._lines: dict[tuple[str, int, float], tuple[Any, ...]] = {}

    def make(self, cls: type[Paragraph], text: str, style: ParagraphStyle) -> Paragraph:
        """A *cls* paragraph of *text* in *style*, parsed at most once per report."""
        if not _speed.FAST:
            return cls(text, style)
        key = (text, id(style))  # the entry holds the style, so its id stays its own
        found = self._found.get(key)
        if found is None:
            para = cls(text, style)
            if len(self._found) >= self.limit:
                self._found.clear()
                self._lines.clear()
            self._found[key] = (style, para.text, para.style, para.frags, para.bulletText)
        else:
            _style, cleaned, parsed_style, frags, bullet = found
            para = cls(cleaned, parsed_style, bulletText=bullet, frags=list(frags))
        if isinstance(para, Cell) and len(text) <= SHARED_LENGTH:
            para._shared = self._lines
        return para


class Nothing(Flowable):  # type: ignore[misc]
    """An empty flowable: always fits, draws nothing."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        return None


class _Deferred(Flowable):  # type: ignore[misc]
    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Claim more than the frame has, so reportlab asks for a split.
        return avail_width, avail_height + 1.0

    def draw(self) -> None:
        return None


class LazyTable(_Deferred):
    """A table whose rows are made page by page from an iterator.

    ``make_table(rows)`` builds a styled table of the header and *rows*;
    ``lead`` flowables (the section heading) go before the first part and
    stay with it.
    """

    def __init__(
        self,
        rows: Iterator[list[Any]],
        widths: Sequence[float],
        header: list[Any],
        *,
        make_table: Callable[[list[list[Any]]], Table],
        full_height: float,
        lead: Sequence[Flowable] = (),
        pending: list[Any] | None = None,
    ) -> None:
        super().__init__()
        self.full_height = full_height
        self.rows = rows
        self.widths = list(widths)
        self.header = header
        self.make_table = make_table
        self.lead = list(lead)
        self.pending = pending

    def _row_height(self, row: list[Any]) -> float:
        tallest = 0.0
        for cell, width in zip(row, self.widths, strict=False):
            _w, height = cell.wrap(width - 2 * PADDING_X, 1e9)
            tallest = max(tallest, height)
        return tallest + 2 * PADDING_Y

    def _next(self) -> list[Any] | None:
        if self.pending is not None:
            row, self.pending = self.pending, None
            return row
        return next(self.rows, None)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height
        for flowable in self.lead:
            room -= flowable.wrap(avail_width, avail_height)[1] + flowable.getSpaceBefore()
            room -= flowable.getSpaceAfter()
        room -= self._row_height(self.header)
        taken: list[list[Any]] = []
        fresh = getattr(self, "_postponed", False) or avail_height >= self.full_height - 1
        while True:
            row = self._next()
            if row is None:
                break
            height = self._row_height(row)
            # Always take one row on a fresh page (it splits inside itself if too tall).
            if height > room and (taken or not fresh):
                self.pending = row
                break
            taken.append(row)
            room -= height
        if not taken:
            return []  # nothing fits here: reportlab moves on to the next page
        rest = LazyTable(
            self.rows,
            self.widths,
            self.header,
            make_table=self.make_table,
            pending=self.pending,
            full_height=self.full_height,
        )
        out: list[Flowable] = [Nothing(), *self.lead, self.make_table([self.header, *taken])]
        if rest.pending is not None or _has_more(rest):
            out.append(rest)
        return out


def _has_more(table: LazyTable) -> bool:
    row = next(table.rows, None)
    if row is None:
        return False
    table.pending = row
    return True


class LazyStory(_Deferred):
    """A sequence of flowable groups, each made when the layout reaches it."""

    def __init__(self, groups: Iterator[list[Flowable]]) -> None:
        super().__init__()
        self.groups = groups

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        group = next(self.groups, None)
        if group is None:
            return [Nothing()]
        return [Nothing(), *group, LazyStory(self.groups)]
