"""khuonha-csv: the activity statistics of a dataset as CSV, one row per figure."""

from __future__ import annotations

import csv
from typing import Any, TextIO

import attrs

from khuonha import Dataset, Exporter, ExportOptions, TextExporter, WordTable, hookimpl

#: The header row in both languages (a WordTable checks both have the same keys).
HEADERS = WordTable(
    {
        "id": ("mã", "id"),
        "kind": ("loại", "kind"),
        "kind_label": ("tên loại", "kind label"),
        "value": ("số liệu", "value"),
        "qualifier": ("định lượng", "qualifier"),
        "unit": ("đơn vị", "unit"),
        "text": ("nguyên văn", "as written"),
    }
)


@attrs.frozen(kw_only=True)
class CsvOptions(ExportOptions):
    """Options of the csv exporter; ``language`` and ``internal`` come with ExportOptions."""

    delimiter: str = attrs.field(default=",", validator=attrs.validators.in_([",", ";", "\t"]))


class CsvExporter(TextExporter[CsvOptions]):
    """Activity statistics as CSV: a header row, then one row per activity."""

    name = "csv"
    description = "Activity statistics as CSV (one row per figure)"
    media_type = "text/csv"
    suffixes = (".csv",)
    options_type = CsvOptions

    def problem(self, obj: object, options: CsvOptions) -> str | None:
        if isinstance(obj, Dataset) and obj.activities:
            return None
        return "needs a dataset with at least one activity"

    def write_text(self, obj: Dataset, out: TextIO, options: CsvOptions) -> None:
        writer = csv.writer(out, delimiter=options.delimiter)
        writer.writerow([HEADERS(key, options.language) for key in HEADERS])
        for activity in obj.activities:
            figure = activity.quantity
            writer.writerow(
                [
                    activity.id,
                    activity.kind,
                    activity.kind_label,
                    figure.value,
                    figure.qualifier.value,
                    figure.unit or "",
                    figure.text or "",
                ]
            )


@hookimpl
def khuonha_register_exporters() -> list[Exporter[Any]]:
    return [CsvExporter()]
