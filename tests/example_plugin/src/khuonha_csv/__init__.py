"""khuonha-csv: the activity statistics of a dataset as CSV, one row per figure."""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

import attrs

from khuonha import Dataset, Exporter, ExportOptions, hookimpl

HEADERS = {
    "vi": ["mã", "loại", "tên loại", "số liệu", "định lượng", "đơn vị", "nguyên văn"],
    "en": ["id", "kind", "kind label", "value", "qualifier", "unit", "as written"],
}


@attrs.frozen(kw_only=True)
class CsvOptions(ExportOptions):
    """Options of the csv exporter; ``language`` and ``internal`` come with ExportOptions."""

    delimiter: str = attrs.field(default=",", validator=attrs.validators.in_([",", ";", "\t"]))


class CsvExporter(Exporter[CsvOptions]):
    """Activity statistics as CSV: a header row, then one row per activity."""

    name = "csv"
    description = "Activity statistics as CSV (one row per figure)"
    media_type = "text/csv"
    suffixes = (".csv",)
    options_type = CsvOptions

    def can_export(self, obj: object) -> bool:
        return isinstance(obj, Dataset) and bool(obj.activities)

    def missing(self, obj: object) -> str | None:
        return None if self.can_export(obj) else "a dataset with at least one activity"

    def write(self, obj: Dataset, stream: BinaryIO, options: CsvOptions) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        writer = csv.writer(text, delimiter=options.delimiter)
        writer.writerow(HEADERS[options.language.value])
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
        text.flush()
        text.detach()  # leave the caller's stream open


@hookimpl
def khuonha_register_exporters() -> list[Exporter[Any]]:
    return [CsvExporter()]
