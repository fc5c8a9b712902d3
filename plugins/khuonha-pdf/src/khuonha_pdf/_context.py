"""What every section of the report needs: lookups, labels, styles and the privacy rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from khuonha import Dataset, Person, sensitive_fields
from khuonha_pdf._fonts import BOLD, REGULAR
from khuonha_pdf._labels import Labels
from khuonha_pdf._layout import FRAME_HEIGHT, Styles
from khuonha_pdf._lazy import PADDING_X, PADDING_Y, Cell, LazyTable, Parsed
from khuonha_pdf._text import markup

__all__ = ["Context", "sentence"]

_NAMED = ("units", "areas", "organizations", "people", "posts", "events")


def sentence(text: str) -> str:
    """*text* with its first letter upper-cased, as a table cell or list item starts."""
    return text[:1].upper() + text[1:]


class Context:
    """The dataset seen through the export options.

    ``internal`` is the internal profile: personal data (sensitive fields and
    private people) is shown only then.
    """

    def __init__(self, ds: Dataset, labels: Labels, *, internal: bool) -> None:
        self.ds = ds
        self.labels = labels
        self.internal = internal
        self.styles = Styles()
        self.parsed = Parsed()
        self._by_id: dict[str, Any] = {}
        for collection in _NAMED:
            for record in getattr(ds, collection):
                self._by_id.setdefault(record.id, record)
        self._posts_of: dict[str, list[str]] = {}
        for membership in ds.memberships:
            if membership.post is not None:
                self._posts_of.setdefault(membership.person, []).append(membership.post)

    # -- lookups ---------------------------------------------------------

    def record(self, record_id: str | None) -> Any:
        """The unit, area, organisation, person, post or event with *record_id*."""
        return self._by_id.get(record_id) if record_id is not None else None

    def name(self, record_id: str | None) -> str | None:
        """The printable name of a record (``None`` when unknown or hidden)."""
        found = self.record(record_id)
        if found is None:
            return None
        if isinstance(found, Person):
            return self.person_name(found)
        return str(getattr(found, "name", None) or getattr(found, "label", None) or "") or None

    def names(self, record_ids: Iterable[str]) -> list[str]:
        """The printable names of several records, hidden ones left out."""
        return [n for n in (self.name(i) for i in record_ids) if n]

    def visible(self, person: Person) -> bool:
        """Whether *person* may be named in this export."""
        return self.internal or not person.private

    def person_name(self, person: Person, *, honorific: bool = False) -> str | None:
        """The person's name, with the honorific when asked; ``None`` when hidden."""
        if not self.visible(person):
            return None
        if honorific and person.honorific:
            return f"{person.honorific} {person.name}"
        return person.name

    def post_labels(self, person_id: str | None, post_ids: Sequence[str] = ()) -> list[str]:
        """Labels of the given posts, else of the posts the person holds."""
        ids = list(post_ids) or (self._posts_of.get(person_id, []) if person_id else [])
        return self.names(ids)

    def sensitive_items(self, record: object) -> list[tuple[str, object]]:
        """(field, value) of the sensitive fields *record* has set (internal profile only)."""
        if not self.internal or not attrs.has(type(record)):
            return []
        values = ((name, getattr(record, name)) for name, _ in sensitive_fields(type(record)))
        return [(name, value) for name, value in values if value not in (None, (), "")]

    # -- building blocks ----------------------------------------------------

    def para(self, text: str, style: Any = None) -> Paragraph:
        """A paragraph of plain *text* (escaped here)."""
        return self.paragraph(markup(text), style or self.styles.body)

    def paragraph(self, text: str, style: Any) -> Paragraph:
        """A paragraph of paragraph markup *text*, parsed once per report
        (see :class:`~khuonha_pdf._lazy.Parsed`)."""
        return self.parsed.make(Paragraph, text, style)

    def cell(self, text: object, *, center: bool = False) -> Paragraph:
        """A table cell: a wrapping paragraph, so long text never overflows."""
        style = self.styles.cell_center if center else self.styles.cell
        return self.parsed.make(Cell, markup("" if text is None else text), style)

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[list[Paragraph]],
        widths: Sequence[float],
        lead: Sequence[Flowable] = (),
    ) -> Flowable:
        """A ruled table with a header row on every page; fonts set for every cell.

        *rows* is consumed lazily, a page at a time; *lead* (the heading) stays
        with the first rows.
        """
        head = [self.parsed.make(Cell, markup(h), self.styles.cell_head) for h in header]
        return LazyTable(
            iter(rows),
            widths,
            head,
            make_table=lambda data: self._table(data, widths),
            lead=lead,
            full_height=FRAME_HEIGHT,
        )

    def _table(self, data: list[list[Paragraph]], widths: Sequence[float]) -> Table:
        table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="CENTER")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("FONTNAME", (0, 0), (-1, 0), BOLD),
                    ("FONTSIZE", (0, 0), (-1, -1), 10),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), PADDING_X),
                    ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_X),
                    ("TOPPADDING", (0, 0), (-1, -1), PADDING_Y),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING_Y),
                ]
            )
        )
        return table
