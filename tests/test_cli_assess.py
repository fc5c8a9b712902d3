"""``khuonha assess``: JSON keys, the readable table, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import khuonha
from khuonha.cli.main import main


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["assess", *args, "--json"]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The assessment-demo sample as a file."""
    path = tmp_path / "demo.json"
    path.write_bytes(khuonha.dumps(khuonha.sample("assessment-demo")))
    return path


def test_default_is_the_khuon_ha_sample(capsys: pytest.CaptureFixture[str]) -> None:
    """Without FILE: no evidence, and summaries 10/10 thôn, 3 schools, the health station."""
    out = _json(capsys)
    assert out["assessments"] == []
    assert out["summaries"] == [
        {
            "commune": "xa-khuon-ha",
            "unit_type": "khu_dan_cu",
            "cycle": None,
            "recognised": 10,
            "total": 10,
        },
        {
            "commune": "xa-khuon-ha",
            "unit_type": "co_quan",
            "cycle": None,
            "recognised": 1,
            "total": None,
        },
        {
            "commune": "xa-khuon-ha",
            "unit_type": "co_so_giao_duc",
            "cycle": None,
            "recognised": 3,
            "total": None,
        },
    ]


def test_json_keys_on_the_demo(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    """Each assessment has unit, unit_type, cycle, basis, result and criteria with their keys."""
    out = _json(capsys, str(demo))
    assessments = out["assessments"]
    assert isinstance(assessments, list)
    assert {"unit", "unit_type", "cycle", "basis", "result", "criteria"} <= set(assessments[0])
    assert {"id", "clause", "status", "reason"} <= set(assessments[0]["criteria"][0])
    assert {a["result"] for a in assessments} == {"dat", "chua_dat", "undetermined", "not_eligible"}
    statuses = {c["status"] for a in assessments for c in a["criteria"]}
    assert statuses == {"met", "not_met", "unknown", "not_applicable"}
    thon_tay = next(a for a in assessments if a["unit"] == "thon-tay")
    assert (thon_tay["basis"], thon_tay["cycle"]) == ("124/2021/TT-BCA", 2023)
    summaries = out["summaries"]
    assert isinstance(summaries, list)
    assert all(set(s) >= {"commune", "unit_type", "recognised", "total"} for s in summaries)


def test_cycle_filter(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    """--cycle 2021 keeps the TT 23 assessment of the primary school only."""
    out = _json(capsys, str(demo), "--cycle", "2021")
    assert [(a["unit"], a["basis"], a["result"]) for a in out["assessments"]] == [
        ("truong-tieu-hoc-minh-hoa", "23/2012/TT-BCA", "dat")
    ]


def test_table(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    """Without --json a readable table lists units, results, findings and recognitions."""
    assert main(["assess", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "unit" in out
    assert "result" in out
    assert "thon-tay" in out
    assert "chua_dat" in out
    assert "households registered: 90/95 = 94.7% < 100% required (95)" in out
    assert "Recognised" in out


def test_bad_input_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Invalid JSON or a missing file exits 1 with a one-line message; results never do."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0", "slug": 3}', encoding="utf-8")
    assert main(["assess", str(bad)]) == 1
    assert "$.slug" in capsys.readouterr().err
    assert main(["assess", str(tmp_path / "missing.json")]) == 1


def test_sample_command_prints_the_demo(capsys: pytest.CaptureFixture[str]) -> None:
    """``khuonha sample assessment-demo`` prints it; ``khuonha sample`` stays Khuôn Hà."""
    assert main(["sample", "assessment-demo"]) == 0
    assert json.loads(capsys.readouterr().out)["slug"] == "assessment-demo"
    assert main(["sample"]) == 0
    assert json.loads(capsys.readouterr().out)["slug"] == "khuon-ha-2022"


def test_new_findings_in_json_both_languages(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    """JSON carries every reason in English and Vietnamese, and each unit's procedure findings:
    dossier gaps, a deadline passed, who decides, and the sub-unit fractions."""
    out = _json(capsys, str(demo), "--cycle", "2023")
    by_unit = {a["unit"]: a for a in out["assessments"]}
    thon_tay = by_unit["thon-tay"]
    assert all(c["reason_vi"] for c in thon_tay["criteria"])
    procedure = {p["id"]: p for p in thon_tay["procedure"]}
    assert set(procedure) == {"ho-so-dang-ky", "ho-so-cong-nhan", "han-9-1-a", "tham-quyen"}
    gap = procedure["ho-so-cong-nhan"]
    assert (gap["status"], gap["clause"]) == ("not_met", "Điều 9 khoản 2 điểm b")
    assert gap["reason_vi"] == "Hồ sơ đề nghị công nhận: thiếu: Biên bản cuộc họp đánh giá"
    assert gap["reason"] == "Recognition dossier: missing: The minutes of the assessment meeting"
    late = procedure["han-9-1-a"]
    assert late["status"] == "not_met"
    assert late["reason_vi"] == "quá hạn: gửi hồ sơ ngày 16/11/2023, hạn trước ngày 15/11/2023"
    assert late["reason"] == "deadline passed: dossier sent on 2023-11-16, due before 2023-11-15"
    school = {c["id"]: c for c in by_unit["truong-thcs-minh-hoa"]["criteria"]}
    assert school["csgd-7-6"]["reason_vi"].startswith("3/4 tổ chuyên môn đạt: 75% ≥ 70% (cần 3)")
    assert "3/4 subject groups qualifying: 75% ≥ 70% (3 required)" in school["csgd-7-6"]["reason"]
    assert school["csgd-7-5"]["status"] == "not_applicable"
    excluded = by_unit["cong-ty-minh-hoa"]
    assert excluded["reason_vi"].startswith("không thuộc diện công nhận theo 124/2021/TT-BCA")
    assert excluded["procedure"] == []


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("vi", "Hồ sơ đề nghị công nhận: thiếu: Biên bản cuộc họp đánh giá"),
        ("vi", "quá hạn: gửi hồ sơ ngày 16/11/2023, hạn trước ngày 15/11/2023"),
        ("vi", "hộ gia đình đăng ký: 90/95 = 94,7% < 100% (cần 95)"),
        ("vi", "Thủ tục (Điều 9–10):"),
        ("en", "Recognition dossier: missing: The minutes of the assessment meeting"),
        ("en", "3/4 subject groups qualifying: 75% ≥ 70% (3 required)"),
        ("en", "Procedure:"),
    ],
)
def test_table_shows_the_new_findings_in_each_language(
    capsys: pytest.CaptureFixture[str], demo: Path, lang: str, shown: str
) -> None:
    """The table writes reasons in the chosen language, procedure findings included."""
    assert main(["assess", str(demo), "--cycle", "2023", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert shown in out
    if lang == "vi":
        assert "Chưa đủ thông tin" in out
        assert "required" not in out
