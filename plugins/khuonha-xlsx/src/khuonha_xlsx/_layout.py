"""The workbook layout, derived from the models by introspection.

One sheet per record collection of :class:`~khuonha.Dataset` (and one for the
dataset's own fields); one column per scalar leaf of a record, nested attrs
values (a quantity, a period) flattened into ``parent.child`` columns, lists
kept as JSON in one cell. Row 1 holds Vietnamese headers, row 2 (hidden) the
stable keys the importer reads, data starts on row 3. A model change needs no
change here: a new field becomes a new column, headed by its key until it gets
a Vietnamese header below.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from datetime import date, datetime, time
from typing import Any

import attrs

import khuonha

__all__ = [
    "DATASET_SHEET",
    "FIRST_ROW",
    "LISTS_SHEET",
    "Column",
    "Sheet",
    "cell_name",
    "column_letter",
    "sheets",
]

#: Data starts on this row (0-based): row 1 headers, row 2 keys.
FIRST_ROW = 2
#: The sheet of the dataset's own fields.
DATASET_SHEET = "Bộ dữ liệu"
#: The hidden sheet holding the enum lists the drop-downs use.
LISTS_SHEET = "Danh mục"

#: Sheet names of the collections (at most 31 characters, as Excel allows).
SHEET_NAMES: dict[str, str] = {
    "units": "Đơn vị hành chính",
    "areas": "Khu dân cư",
    "organizations": "Cơ quan, tổ chức",
    "people": "Cá nhân",
    "posts": "Chức vụ",
    "memberships": "Đảm nhiệm",
    "activities": "Hoạt động",
    "groups": "Mô hình, tổ nhóm",
    "events": "Sự kiện",
    "awards": "Khen thưởng",
    "certifications": "Công nhận",
    "news": "Tin bài",
    "evidence": "Minh chứng",
}

#: Vietnamese headers by field name; a field not listed is headed by its key.
HEADERS: dict[str, str] = {
    "schema_version": "Phiên bản lược đồ",
    "slug": "Tên ngắn (slug)",
    "title": "Tiêu đề",
    "language": "Ngôn ngữ",
    "commune": "Xã",
    "publisher": "Cơ quan xuất bản",
    "reporting_organization": "Cơ quan báo cáo",
    "report_date": "Ngày báo cáo",
    "period": "Kỳ báo cáo",
    "generated_at": "Thời điểm tạo",
    "id": "Mã định danh",
    "name": "Tên",
    "kind": "Loại",
    "code": "Mã",
    "scheme": "Hệ mã",
    "parent": "Thuộc",
    "valid_from": "Hiệu lực từ",
    "valid_until": "Hiệu lực đến",
    "successors": "Đơn vị kế thừa",
    "predecessors": "Đơn vị trước đó",
    "identifiers": "Mã khác",
    "note": "Ghi chú",
    "unit": "Đơn vị",
    "households": "Số hộ",
    "abbreviation": "Viết tắt",
    "education_level": "Cấp học",
    "enterprise_size": "Quy mô doanh nghiệp",
    "website": "Trang thông tin",
    "honorific": "Danh xưng",
    "private": "Bảo mật",
    "birth_year": "Năm sinh",
    "address": "Địa chỉ",
    "label": "Tên gọi",
    "organization": "Cơ quan, tổ chức",
    "person": "Cá nhân",
    "post": "Chức vụ",
    "start_on": "Ngày bắt đầu",
    "end_on": "Ngày kết thúc",
    "quantity": "Số lượng",
    "actor": "Đơn vị thực hiện",
    "jointly": "Phối hợp",
    "channel": "Hình thức",
    "covered": "Phạm vi",
    "part_of": "Thuộc hoạt động",
    "description": "Mô tả",
    "subjects": "Đối tượng",
    "sources": "Nguồn",
    "host": "Nơi chủ trì",
    "count": "Số lượng",
    "coverage": "Độ bao phủ",
    "focus": "Trọng tâm",
    "established_on": "Ngày thành lập",
    "dissolved_on": "Ngày giải thể",
    "active": "Đang hoạt động",
    "start_time": "Giờ bắt đầu",
    "end_time": "Giờ kết thúc",
    "part_of_day": "Buổi",
    "timezone": "Múi giờ",
    "sites": "Địa điểm",
    "organiser": "Đơn vị tổ chức",
    "theme": "Chủ đề",
    "purpose": "Mục đích",
    "delegates": "Đại biểu",
    "programme": "Chương trình",
    "pledges": "Giao ước",
    "form": "Hình thức khen thưởng",
    "issuer_post": "Chức vụ người ký",
    "presenter": "Người trao",
    "presenter_text": "Người trao (nguyên văn)",
    "collectives": "Số tập thể",
    "individuals": "Số cá nhân",
    "recipients": "Tập thể, cá nhân được khen",
    "reason": "Lý do",
    "achievement_period": "Thời gian thành tích",
    "awarded_on": "Ngày trao",
    "decision_number": "Số quyết định",
    "decided_on": "Ngày quyết định",
    "legal_regime": "Căn cứ khen thưởng",
    "event": "Sự kiện",
    "unit_type": "Loại đơn vị",
    "result": "Kết quả",
    "cycle_year": "Năm đánh giá",
    "legal_basis": "Căn cứ pháp lý",
    "deciding_authority": "Cơ quan quyết định",
    "as_of": "Tính đến ngày",
    "text": "Nguyên văn",
    "lead": "Sa-pô",
    "body": "Nội dung",
    "published_at": "Thời điểm đăng",
    "published_on": "Ngày đăng",
    "authors": "Tác giả",
    "byline": "Bút danh",
    "url": "Đường dẫn",
    "categories": "Chuyên mục",
    "captions": "Chú thích ảnh",
    "events": "Sự kiện",
    "cycle": "Năm đánh giá",
    "measures": "Chỉ số khác",
    "confirmed": "Tiêu chí đã xác nhận",
    "refuted": "Tiêu chí không đạt",
    "subunits": "Đơn vị trực thuộc",
    "crimes": "Số vụ phạm tội",
    "crimes_previous": "Số vụ phạm tội năm trước",
    "social_evils": "Số vụ tệ nạn xã hội",
    "social_evils_previous": "Số vụ tệ nạn năm trước",
    "staff": "Số cán bộ",
}

#: Headers of fields of nested values, where the field name alone says too little.
NESTED_HEADERS: dict[tuple[str, str], str] = {
    ("Quantity", "value"): "giá trị",
    ("Quantity", "qualifier"): "định lượng (trên, khoảng …)",
    ("Quantity", "unit"): "đơn vị tính",
    ("Quantity", "total"): "tổng số",
    ("Quantity", "scope_count"): "số nơi",
    ("Quantity", "scope_unit"): "đơn vị nơi",
    ("Quantity", "text"): "nguyên văn",
    ("Period", "start"): "từ ngày",
    ("Period", "end"): "đến ngày",
    ("Period", "precision"): "độ chính xác",
    ("Period", "label"): "nhãn",
    ("Period", "convention"): "quy ước",
}

#: Kinds of column: how a value is written and read.
KINDS = ("text", "int", "number", "bool", "date", "datetime", "time", "enum", "json")


@attrs.frozen
class Column:
    """One column: its stable key (``quantity.value``), header, kind and enum type."""

    key: str
    path: tuple[str, ...]
    header: str
    kind: str
    enum: type[enum.Enum] | None = None
    #: Required, yet may be None (a period's ``end``): a blank cell means None, not "missing".
    null_when_blank: bool = False


@attrs.frozen
class Sheet:
    """One sheet: the collection it holds (``""``: the dataset's own fields)."""

    name: str
    collection: str
    record_type: type
    columns: tuple[Column, ...]


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        return typing.Union[tuple(args)]  # noqa: UP007 - rebuilt from parts
    return hint


def _kind(hint: Any) -> tuple[str, type[enum.Enum] | None]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = set(typing.get_args(hint))
        return ("number", None) if args <= {int, float} else ("json", None)
    if typing.get_origin(hint) is not None:
        return "json", None
    if not isinstance(hint, type):
        return "json", None
    if issubclass(hint, enum.Enum):
        return "enum", hint
    if issubclass(hint, bool):
        return "bool", None
    if issubclass(hint, int):
        return "int", None
    if issubclass(hint, float):
        return "number", None
    if issubclass(hint, datetime):
        return "datetime", None
    if issubclass(hint, date):
        return "date", None
    if issubclass(hint, time):
        return "time", None
    if issubclass(hint, str):
        return "text", None
    return "json", None


def _columns(cls: type, prefix: tuple[str, ...], heading: str, skip: set[str]) -> list[Column]:
    hints = typing.get_type_hints(cls)
    out: list[Column] = []
    for field in attrs.fields(cls):
        if field.name in skip or not field.init:
            continue
        optional = _strip_optional(hints[field.name]) is not hints[field.name]
        hint = _strip_optional(hints[field.name])
        path = (*prefix, field.name)
        required_null = optional and field.default is attrs.NOTHING
        if heading:
            own = NESTED_HEADERS.get((cls.__name__, field.name), HEADERS.get(field.name))
            header = f"{heading}: {own or field.name}"
        else:
            header = HEADERS.get(field.name, field.name)
        if isinstance(hint, type) and attrs.has(hint):
            out.extend(_columns(hint, path, header, set()))
            continue
        kind, enum_type = _kind(hint)
        out.append(Column(".".join(path), path, header, kind, enum_type, required_null))
    return out


@functools.cache
def sheets() -> tuple[Sheet, ...]:
    """Every sheet of the layout: the dataset's own fields first, then each collection."""
    colls = khuonha.record_collections()
    own = Sheet(
        DATASET_SHEET, "", khuonha.Dataset, tuple(_columns(khuonha.Dataset, (), "", set(colls)))
    )
    out = [own]
    for collection, cls in colls.items():
        name = SHEET_NAMES.get(collection, collection)[:31]
        out.append(Sheet(name, collection, cls, tuple(_columns(cls, (), "", set()))))
    return tuple(out)


def column_letter(index: int) -> str:
    """Excel's letters for a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, row: int, column: int) -> str:
    """``Sheet!C7`` for a 0-based row and column.

    >>> cell_name("Hoạt động", 6, 2)
    'Hoạt động!C7'
    """
    return f"{sheet}!{column_letter(column)}{row + 1}"
