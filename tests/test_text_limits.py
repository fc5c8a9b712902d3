"""Text operations stay linear: absurd runs of combining marks are refused with their place."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import khuonha
from khuonha import PeriodParseError, QuantityParseError, parse_period, parse_quantity
from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.text.unicode import MAX_MARKS, TextError, check_marks, match_key, nfc

ZALGO = "\u0301\u0323"  # two classes alternating: the worst case of canonical reordering


def test_a_long_run_of_marks_in_a_field_names_the_field() -> None:
    """A title carrying thousands of marks on one letter is refused at its path."""
    doc = {"schema_version": "1.0", "slug": "x", "title": "x" * 12 + "a" + ZALGO * 2000}
    with pytest.raises(DecodeError) as info:
        khuonha.loads(json.dumps(doc))
    assert info.value.errors == (
        "$.title: 4000 combining marks in a row at character 12 (at most 30)",
    )


def test_constructors_refuse_them_too() -> None:
    """The model constructor and the decoder share the check."""
    with pytest.raises(InvalidDataError, match="combining marks in a row"):
        khuonha.Dataset(slug="x", title="a" + "\u0301" * 31)


@pytest.mark.parametrize("marks", [0, 1, 2, MAX_MARKS])
def test_real_text_passes(marks: int) -> None:
    """Vietnamese (two marks a letter, NFC or NFD) and up to 30 marks are fine."""
    assert check_marks("a" + "\u0301" * marks) is None
    word = unicodedata.normalize("NFD", "Nguyễn Thị Hường, xã Khuôn Hà") * 50
    assert check_marks(word) is None
    assert nfc(word) == unicodedata.normalize("NFC", word)
    assert check_marks("漢字" * 1000) is None


def test_the_check_finds_marks_in_every_script() -> None:
    """Marks of any block count, beyond the BMP too; the position is the base character's."""
    assert check_marks("ab" + "\u0301" * 31) == (31, 1)
    assert check_marks("\u05b0" * 40) == (40, 0)  # Hebrew points, no base at all
    assert check_marks("漢" * 40 + "x" + "\U0001d167" * 35) == (35, 40)
    with pytest.raises(TextError, match="31 combining marks in a row at character 0"):
        nfc("a" + "\u0301" * 31)
    with pytest.raises(TextError):
        match_key("a" + ZALGO * 100)


@pytest.mark.parametrize(
    ("parse", "error"), [(parse_period, PeriodParseError), (parse_quantity, QuantityParseError)]
)
def test_the_parsers_refuse_them(parse: object, error: type[Exception]) -> None:
    """parse_period and parse_quantity refuse a run of marks, saying where it starts."""
    with pytest.raises(error) as info:
        parse("năm 2022 " + "a" + ZALGO * 40)  # type: ignore[operator]
    assert info.value.reason == "80 combining marks in a row (at most 30)"  # type: ignore[attr-defined]
    assert info.value.position == 9  # type: ignore[attr-defined]


HUGE = """
import sys
from khuonha import PeriodParseError, QuantityParseError, parse_period, parse_quantity
text = "a" + "\\u0301\\u0323" * 128_000
for parse, error in ((parse_period, PeriodParseError), (parse_quantity, QuantityParseError)):
    try:
        parse(text)
    except error as exc:
        print(exc.reason)
"""


def test_the_parsers_stay_linear_on_huge_runs() -> None:
    """256,000 marks end at once (they took 50 s before); a generous timeout catches a hang."""
    run = subprocess.run(
        [sys.executable, "-c", HUGE], capture_output=True, text=True, timeout=120, check=True
    )
    assert run.stdout.splitlines() == ["256000 combining marks in a row (at most 30)"] * 2


def test_validate_of_a_megabyte_of_marks_ends(tmp_path: Path) -> None:
    """`khuonha validate` on 1 MB of marks in one title ends with one line naming the field."""
    path = tmp_path / "zalgo.json"
    doc = {"schema_version": "1.0", "slug": "x", "title": "a" + ZALGO * 250_000}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "khuonha", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1
    assert run.stdout.endswith(
        "$.title: 500000 combining marks in a row at character 0 (at most 30)\n"
    )
    assert "Traceback" not in run.stderr
