"""The compiled row reader gives what the careful cell-by-cell reader gives, or steps aside."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from khuonha_xlsx import sheets
from khuonha_xlsx._layout import FIRST_ROW
from khuonha_xlsx._read import _compile, _Reader

CELLS = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(
        [
            "12",
            " 7 ",
            "2.5OO",
            "[]",
            '["kdc-1"]',
            '["a", "b"] ',
            '[{"name": "Hội trường"}]',
            "{",
            "31/12/2025",
            "2025-01-02",
            "có",
            "TRUE",
            "tuan_tra",
            "Hoà",
        ]
    ),
    st.text(max_size=8),
    st.integers(-(2**60), 2**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1.0, 2.0, 2.5, -3.0, 45000.0]),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from([datetime(2025, 1, 2), datetime(2025, 1, 2, 8, 30), time(7, 30)]),
)


def careful(sheet: Any, row: list[Any]) -> tuple[dict[str, Any], list[str]]:
    reader = _Reader(None, None)  # type: ignore[arg-type]
    index = {c.key: i for i, c in enumerate(sheet.columns)}
    known = {c.key: c for c in sheet.columns}
    return reader._record(sheet, row, FIRST_ROW, index, known), reader.problems


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_compiled_rows_agree_with_the_careful_reader(data: st.DataObject) -> None:
    sheet = data.draw(st.sampled_from(sheets()))
    width = len(sheet.columns)
    mostly_blank = st.one_of(st.just(""), st.just(""), st.just(""), CELLS)
    row = data.draw(st.lists(mostly_blank, min_size=width, max_size=width))
    convert = _compile(sheet, {c.key: i for i, c in enumerate(sheet.columns)})
    try:
        fast = convert(row)
    except Exception:  # the importer reads this row with the careful reader
        return
    slow, problems = careful(sheet, row)
    assert not problems
    assert fast == slow


def test_a_short_row_or_a_bad_cell_goes_to_the_careful_reader() -> None:
    sheet = next(s for s in sheets() if s.collection == "activities")
    convert = _compile(sheet, {c.key: i for i, c in enumerate(sheet.columns)})
    row: list[Any] = [""] * len(sheet.columns)
    keys = [c.key for c in sheet.columns]
    row[keys.index("id")] = "hd-1"
    row[keys.index("quantity.value")] = 18.0
    row[keys.index("period.start")] = date(2025, 4, 1)
    row[keys.index("covered")] = '["kdc-1"]'
    got = convert(row)
    assert got["quantity"] == {"value": 18}
    assert got["period"]["start"] == date(2025, 4, 1)  # the codec takes the day as it is
    assert got["covered"] == ["kdc-1"]
    assert got == careful(sheet, row)[0]
    row[keys.index("covered")] = '["kdc-1"] x'
    try:
        convert(row)
    except Exception:
        pass
    else:
        raise AssertionError("trailing text after the JSON was taken")
    try:
        convert(row[:3])
    except Exception:
        pass
    else:
        raise AssertionError("a short row was taken")
