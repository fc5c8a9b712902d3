"""Certification rules as data: criteria, the 70% rule, exclusions, unknown evidence, amendments."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khuonha
from khuonha import (
    AdministrativeUnit,
    AreaKind,
    AssessmentResult,
    CodeScheme,
    DivisionKind,
    DivisionTally,
    EducationLevel,
    EnterpriseSize,
    Evidence,
    FindingStatus,
    Organization,
    OrganizationKind,
    ResidentialArea,
    Standing,
    StandingCount,
    SubunitTally,
    UnitKind,
    UnitType,
    assess,
    load_ruleset,
)
from khuonha.codec.core import from_dict, loads
from khuonha.exceptions import DecodeError, InvalidDataError, RulesetNotFoundError
from khuonha.rules import FACTS, Ruleset, tally_subunits
from khuonha.testing import strategies as ks

TT124, TT23, TT48 = "124/2021/TT-BCA", "23/2012/TT-BCA", "48/2025/TT-BCA"
CYCLE = {TT124: 2023, TT23: 2021}

UNITS: dict[UnitType, Any] = {
    UnitType.KHU_DAN_CU: ResidentialArea(id="thon-1", name="Thôn 1", kind=AreaKind.THON),
    UnitType.XA: AdministrativeUnit(
        id="xa-1", name="Xã 1", kind=UnitKind.XA, code="99999", scheme=CodeScheme.PRE_2025
    ),
    UnitType.CO_QUAN: Organization(id="co-quan-1", name="Cơ quan 1", kind=OrganizationKind.AGENCY),
    UnitType.DOANH_NGHIEP: Organization(
        id="dn-1",
        name="Công ty 1",
        kind=OrganizationKind.ENTERPRISE,
        enterprise_size=EnterpriseSize.MEDIUM,
    ),
    UnitType.CO_SO_GIAO_DUC: Organization(
        id="truong-1",
        name="Trường THCS 1",
        kind=OrganizationKind.SCHOOL,
        education_level=EducationLevel.THCS,
    ),
}


def _tallies(
    kdc: tuple[int, int, int] = (10, 10, 7), **others: tuple[int, int, int]
) -> tuple[SubunitTally, ...]:
    counts = {UnitType.KHU_DAN_CU: kdc}
    for ut in (UnitType.CO_QUAN, UnitType.DOANH_NGHIEP, UnitType.CO_SO_GIAO_DUC):
        counts[ut] = others.get(ut.value, (0, 0, 0))
    return tuple(
        SubunitTally(unit_type=ut, total=t, registered=r, recognised=c)
        for ut, (t, r, c) in counts.items()
    )


def _divisions(
    *counts: tuple[str, int, int, int | None], rating: Standing = Standing.HOAN_THANH_TOT
) -> tuple[DivisionTally, ...]:
    """Tallies of a unit's own sub-units: (kind, total, qualifying, disciplined)."""
    return tuple(
        DivisionTally(
            kind=DivisionKind(kind),
            total=total,
            standings=(
                StandingCount(standing=rating, count=good),
                StandingCount(standing=Standing.HOAN_THANH, count=total - good),
            ),
            disciplined=disciplined,
        )
        for kind, total, good, disciplined in counts
    )


#: 6 of 8 sub-units qualify (75%); schools report khoa and tổ chuyên môn the same way.
GOOD_DIVISIONS = _divisions(("phong", 5, 4, 0), ("ban", 3, 2, 0)) + _divisions(
    ("khoa", 0, 0, 0), ("to_chuyen_mon", 0, 0, 0)
)
#: Every document of both dossiers (Điều 9.2).
DOCUMENTS = ("nghi-quyet", "ke-hoach", "ban-dang-ky", "to-trinh", "bao-cao-ket-qua", "bien-ban-hop")
#: Evidence meeting every criterion of every unit type under both bases.
GOOD: dict[str, Any] = {
    "resolution_in_q1": True,
    "plan_in_q1": True,
    "registered_in_q1": True,
    "has_party_organization": True,
    "households": 100,
    "households_registered": 100,
    "laws_implemented": True,
    "prohibited_events": (),
    "crimes": 1,
    "crimes_previous": 2,
    "social_evils": 0,
    "social_evils_previous": 0,
    "models_operating": 1,
    "police_advising": True,
    "police_rated_advanced": True,
    "officers_disciplined": 0,
    "internal_rules": True,
    "staff": 10,
    "staff_briefed": 10,
    "commitments_due": 20,
    "commitments_signed": 20,
    "parents_coordination": True,
    "school_violence_cases": 0,
    "staff_completing_tasks": True,
    "subunits": _tallies(),
    "incidents": (),
    "security_force_rating": Standing.HOAN_THANH,
    "security_force_disciplined": 0,
    "has_protection_force": True,
    "protection_force_standing": Standing.TAP_THE_LAO_DONG_TIEN_TIEN,
    "protection_force_disciplined": 0,
    "emulation_eligible": True,
    "divisions": GOOD_DIVISIONS,
    "staff_offences": 0,
    "documents": DOCUMENTS,
    "dossier_submitted_on": date(2023, 11, 5),
    "recognised_on": date(2023, 11, 10),
}
_FIVE_OF_EIGHT = _divisions(("phong", 5, 3, 0), ("ban", 3, 2, 0))
_SCHOOL_FIVE_OF_EIGHT = _divisions(("khoa", 2, 1, 0), ("to_chuyen_mon", 6, 4, 0))
#: For each criterion, a change of the good evidence that makes it fail, and what its
#: English and Vietnamese reasons then say.
BAD: dict[str, dict[str, Any]] = {
    "kdc-4-1": {"households_registered": 99},
    "kdc-4-2": {"laws_implemented": False},
    "kdc-4-3": {"prohibited_events": ("a",)},
    "kdc-4-4": {"incidents": ("d",)},
    "kdc-4-5": {"security_force_rating": Standing.KHONG_HOAN_THANH},
    "xa-5-1": {"plan_in_q1": False},
    "xa-5-2": {"social_evils": 5},
    "xa-5-3": {"officers_disciplined": 1},
    "xa-5-4": {"subunits": _tallies((10, 10, 6))},
    "cq-6-1": {"staff_briefed": 9},
    "cq-6-2": {"laws_implemented": False},
    "cq-6-3": {"prohibited_events": ("d",)},
    "cq-6-4": {"protection_force_standing": Standing.HOAN_THANH},
    "cq-6-5": {"divisions": _FIVE_OF_EIGHT},
    "dn-6-1": {"internal_rules": False},
    "dn-6-2": {"laws_implemented": False},
    "dn-6-3": {"prohibited_events": ("h",)},
    "dn-6-4": {"protection_force_disciplined": 1},
    "dn-6-5": {"divisions": _divisions(("phong", 5, 5, 1), ("ban", 3, 3, 0))},
    "csgd-7-1": {"models_operating": 0},
    "csgd-7-2": {"parents_coordination": False},
    "csgd-7-3": {"prohibited_events": ("dd",)},
    "csgd-7-4": {"school_violence_cases": 1},
    "csgd-7-5": {"protection_force_standing": Standing.KHONG_HOAN_THANH},
    "csgd-7-6": {"divisions": _SCHOOL_FIVE_OF_EIGHT},
    "kdc-5-1": {"registered_in_q1": False},
    "kdc-5-2": {"laws_implemented": False},
    "kdc-5-3": {"prohibited_events": ("b",)},
    "kdc-5-4": {"crimes": 3},
    "xa-6-1": {"resolution_in_q1": False},
    "xa-6-2": {"laws_implemented": False},
    "xa-6-3": {"police_rated_advanced": False},
    "xa-6-4": {"subunits": _tallies((10, 10, 6))},
    "cq-7": {"internal_rules": False},
    "dn-7": {"plan_in_q1": False},
    "nt-8": {"commitments_signed": 19},
}
#: What the reasons of a failing TT 124 criterion say (English, Vietnamese).
BAD_REASONS: dict[str, tuple[str, str]] = {
    "kdc-4-1": (
        "households registered: 99/100 = 99% < 100% required (100)",
        "hộ gia đình đăng ký: 99/100 = 99% < 100% (cần 100)",
    ),
    "kdc-4-2": (
        "guidelines, law and local rules implemented: no",
        "thực hiện chủ trương, pháp luật, quy định địa phương: không",
    ),
    "kdc-4-3": (
        "prohibited events: 1 occurred (points a)",
        "vụ việc bị cấm: xảy ra 1 trường hợp (điểm a)",
    ),
    "kdc-4-4": (
        "events of points b–d: 1 occurred (points d)",
        "vụ việc tại điểm b–d: xảy ra 1 trường hợp (điểm d)",
    ),
    "kdc-4-5": (
        "grassroots security force rating: tasks not completed, not “tasks completed with "
        "distinction”, “tasks completed well” or “tasks completed”",
        "xếp loại lực lượng bảo vệ ANTT ở cơ sở: Không hoàn thành nhiệm vụ, chưa đạt",
    ),
    "xa-5-1": ("plan adopted in quarter I: no", "kế hoạch trong Quý I: không"),
    "xa-5-2": (
        "social-evil cases (Điều 4 khoản 4 điểm a–d): 5 > 0 in the previous year",
        "số vụ tệ nạn xã hội (Điều 4 khoản 4 điểm a–d): 5 > 0 của năm trước",
    ),
    "xa-5-3": ("officers disciplined: 1 > 0 allowed", "cá nhân bị kỷ luật: 1 > 0 (tối đa)"),
    "xa-5-4": (
        "managed units recognised: 6/10 = 60% < 70% required (7)",
        "đơn vị được công nhận: 6/10 = 60% < 70% (cần 7)",
    ),
    "cq-6-1": (
        "staff briefed: 9/10 = 90% < 100% required (10)",
        "người lao động được phổ biến: 9/10 = 90% < 100% (cần 10)",
    ),
    "cq-6-2": (
        "guidelines, law and local rules implemented: no",
        "thực hiện chủ trương, pháp luật, quy định địa phương: không",
    ),
    "cq-6-3": ("prohibited events: 1 occurred (points d)", "xảy ra 1 trường hợp (điểm d)"),
    "cq-6-4": ("protection force: tasks completed, not", "lực lượng bảo vệ: Hoàn thành nhiệm vụ"),
    "cq-6-5": (
        "sub-units: 5/8 departments, boards qualifying: 62.5% < 70% (6 required)",
        "5/8 phòng, ban đạt: 62,5% < 70%",
    ),
    "dn-6-1": ("internal rules in place: no", "có nội quy, quy định: không"),
    "dn-6-2": (
        "guidelines, law and local rules implemented: no",
        "thực hiện chủ trương, pháp luật, quy định địa phương: không",
    ),
    "dn-6-3": ("prohibited events: 1 occurred (points h)", "xảy ra 1 trường hợp (điểm h)"),
    "dn-6-4": (
        "protection force members disciplined: 1 > 0 allowed",
        "cá nhân lực lượng bảo vệ bị kỷ luật: 1 > 0 (tối đa)",
    ),
    "dn-6-5": (
        "8/8 departments, boards qualifying: 100% ≥ 70% (6 required); 1 members disciplined",
        "8/8 phòng, ban đạt: 100% ≥ 70% (cần 6); 1 cá nhân bị kỷ luật từ cảnh cáo trở lên",
    ),
    "csgd-7-1": (
        "models operating: 0 < 1 required",
        "mô hình hoạt động hiệu quả: 0 < 1 (tối thiểu)",
    ),
    "csgd-7-2": (
        "coordination with the parents' board: no",
        "phối hợp với Ban Đại diện cha mẹ học sinh: không",
    ),
    "csgd-7-3": (
        "prohibited events (Điều 6 khoản 3 điểm a–h): 1 occurred (points đ)",
        "vụ việc bị cấm (Điều 6 khoản 3 điểm a–h): xảy ra 1 trường hợp (điểm đ)",
    ),
    "csgd-7-4": ("school-violence cases: 1 > 0 allowed", "vụ bạo lực học đường: 1 > 0 (tối đa)"),
    "csgd-7-5": (
        "protection force: tasks not completed, not",
        "lực lượng bảo vệ: Không hoàn thành nhiệm vụ, chưa đạt",
    ),
    "csgd-7-6": (
        "sub-units: 5/8 faculties, subject groups qualifying: 62.5% < 70% (6 required)",
        "5/8 khoa, tổ chuyên môn đạt: 62,5% < 70% (cần 6)",
    ),
}
CRITERIA = [(basis, c) for basis in (TT124, TT23) for c in load_ruleset(basis).criteria]
#: Facts that only decide whether a check applies: unknown only when the check itself fails.
CONDITIONS = {"has_party_organization", "emulation_eligible", "has_protection_force"}


def _evidence(unit_type: UnitType, cycle: int, **changes: Any) -> Evidence:
    facts = {**GOOD, **changes}
    if cycle != 2023:
        facts["dossier_submitted_on"] = facts["recognised_on"] = None
    return Evidence(unit=UNITS[unit_type].id, cycle=cycle, **facts)


def _finding(a: khuonha.Assessment, criterion: str) -> khuonha.Finding:
    return next(f for f in (*a.findings, *a.procedure) if f.criterion == criterion)


def test_every_bundled_criterion_has_a_failing_case() -> None:
    """Each criterion of TT 23 and TT 124 is covered by BAD (adding one forces a test)."""
    assert {c.id for _, c in CRITERIA} == set(BAD)
    assert {c.id for c in load_ruleset(TT124).criteria} == set(BAD_REASONS)


@pytest.mark.parametrize(("basis", "criterion"), CRITERIA, ids=lambda x: getattr(x, "id", x))
def test_criterion_met(basis: str, criterion: khuonha.Criterion) -> None:
    """With the good evidence every criterion is met and the unit is đạt."""
    cycle = CYCLE[basis]
    a = assess(UNITS[criterion.unit_type], _evidence(criterion.unit_type, cycle), cycle, basis)
    assert _finding(a, criterion.id).status is FindingStatus.MET
    assert a.result is AssessmentResult.DAT


@pytest.mark.parametrize("unit_type", list(UnitType), ids=lambda u: u.value)
def test_a_unit_meeting_every_criterion(unit_type: UnitType) -> None:
    """Each unit type with the good evidence: đạt, every finding met, procedure complete."""
    a = assess(UNITS[unit_type], _evidence(unit_type, 2023), 2023, TT124)
    assert a.result is AssessmentResult.DAT
    assert {f.status for f in a.findings} == {FindingStatus.MET}
    assert [f.criterion for f in a.findings] == [
        c.id for c in load_ruleset(TT124).criteria_for(unit_type)
    ]
    assert all(f.reason and f.reason_vi for f in a.findings)
    assert {f.status for f in a.procedure} == {FindingStatus.MET}, a.procedure
    dossier = _finding(a, "ho-so-cong-nhan")
    assert dossier.reason_vi == "Hồ sơ đề nghị công nhận: đủ (3 tài liệu)"


@pytest.mark.parametrize(("basis", "criterion"), CRITERIA, ids=lambda x: getattr(x, "id", x))
def test_criterion_not_met(basis: str, criterion: khuonha.Criterion) -> None:
    """One failing fact makes that criterion, and only it, not met: chưa đạt, with its reasons."""
    cycle = CYCLE[basis]
    ev = _evidence(criterion.unit_type, cycle, **BAD[criterion.id])
    a = assess(UNITS[criterion.unit_type], ev, cycle, basis)
    found = _finding(a, criterion.id)
    assert found.status is FindingStatus.NOT_MET
    assert [f.criterion for f in a.findings if f.status is FindingStatus.NOT_MET] == [criterion.id]
    assert a.result is AssessmentResult.CHUA_DAT
    if basis == TT124:
        english, vietnamese = BAD_REASONS[criterion.id]
        assert english in found.reason
        assert found.reason_vi is not None
        assert vietnamese in found.reason_vi


@pytest.mark.parametrize(("basis", "criterion"), CRITERIA, ids=lambda x: getattr(x, "id", x))
def test_missing_evidence_is_unknown_never_not_met(
    basis: str, criterion: khuonha.Criterion
) -> None:
    """Removing any one fact a criterion needs makes it unknown (undetermined), not not_met."""
    cycle = CYCLE[basis]
    for name in criterion.needs:
        if name.startswith("confirmed:"):
            ev = _evidence(criterion.unit_type, cycle, confirmed=())
        elif name in CONDITIONS or FACTS.get(name) == "unit":
            continue  # a condition: unknown only when the check itself fails
        else:
            ev = _evidence(criterion.unit_type, cycle, **{name: None})
        a = assess(UNITS[criterion.unit_type], ev, cycle, basis)
        assert _finding(a, criterion.id).status is FindingStatus.UNKNOWN, name
        assert a.result is AssessmentResult.UNDETERMINED


@pytest.mark.parametrize("unit_type", list(UnitType), ids=lambda u: u.value)
def test_a_unit_with_unknown_evidence(unit_type: UnitType) -> None:
    """Each unit type with evidence that reports nothing: undetermined, every finding unknown."""
    unit = UNITS[unit_type]
    a = assess(unit, Evidence(unit=unit.id, cycle=2023), 2023, TT124)
    assert a.result is AssessmentResult.UNDETERMINED
    assert {f.status for f in a.findings} == {FindingStatus.UNKNOWN}
    for f in a.findings:
        assert f.reason_vi is not None
        assert "not reported" in f.reason or "no tally" in f.reason, f.reason
        assert "chưa" in f.reason_vi, f.reason_vi
    dossiers = [f for f in a.procedure if f.criterion.startswith("ho-so")]
    assert [f.status for f in dossiers] == [FindingStatus.UNKNOWN] * 2
    assert "chưa báo cáo hồ sơ" in (dossiers[0].reason_vi or "")


def test_no_evidence_at_all_is_undetermined() -> None:
    """Without evidence every finding is unknown and the result undetermined."""
    a = assess(UNITS[UnitType.KHU_DAN_CU], None, 2023)
    assert a.result is AssessmentResult.UNDETERMINED
    assert {f.status for f in a.findings} == {FindingStatus.UNKNOWN}


def test_households_default_to_the_area_record() -> None:
    """The share of households registered uses the area's household count when evidence lacks it."""
    thon = attrs.evolve(UNITS[UnitType.KHU_DAN_CU], households=120)
    ev = _evidence(UnitType.KHU_DAN_CU, 2023, households=None, households_registered=118)
    f = _finding(assess(thon, ev, 2023), "kdc-4-1")
    assert f.status is FindingStatus.NOT_MET
    assert "118/120 = 98.3% < 100% required (120)" in f.reason


# ---------------------------------------------------------------- the 70% rule


def _commune(basis: str, tallies: tuple[SubunitTally, ...]) -> khuonha.Finding:
    cycle = CYCLE[basis]
    a = assess(UNITS[UnitType.XA], _evidence(UnitType.XA, cycle, subunits=tallies), cycle, basis)
    return _finding(a, "xa-5-4" if basis == TT124 else "xa-6-4")


def test_seventy_percent_boundary_tt124_counts_all_managed_units() -> None:
    """TT 124: 7/10 across KDC, agencies and schools passes; 16/25 = 64% fails (18 needed)."""
    seven = _tallies((7, 7, 4), co_quan=(2, 2, 2), co_so_giao_duc=(1, 1, 1))
    f = _commune(TT124, seven)
    assert f.status is FindingStatus.MET
    assert "7/10 = 70% ≥ 70% required (7)" in f.reason
    sixteen = _tallies(
        (20, 20, 12), co_quan=(3, 3, 2), doanh_nghiep=(1, 1, 1), co_so_giao_duc=(1, 1, 1)
    )
    f = _commune(TT124, sixteen)
    assert f.status is FindingStatus.NOT_MET
    assert "16/25 = 64% < 70% required (18)" in f.reason


def test_seventy_percent_boundary_tt23_counts_residential_areas_only() -> None:
    """TT 23: 7/10 KDC passes however many agencies fail; 16/25 KDC fails."""
    f = _commune(TT23, _tallies((10, 10, 7), co_quan=(5, 5, 0)))
    assert f.status is FindingStatus.MET
    assert "7/10 = 70%" in f.reason
    f = _commune(TT23, _tallies((25, 25, 16)))
    assert f.status is FindingStatus.NOT_MET
    assert "16/25 = 64% < 70% required (18)" in f.reason


def test_same_counts_different_denominators() -> None:
    """7/10 KDC with 3 unrecognised agencies passes TT 23 but is 7/13 under TT 124."""
    tallies = _tallies((10, 10, 7), co_quan=(3, 3, 0))
    assert _commune(TT23, tallies).status is FindingStatus.MET
    f = _commune(TT124, tallies)
    assert f.status is FindingStatus.NOT_MET
    assert "7/13 = 53.8% < 70% required (10)" in f.reason


@pytest.mark.parametrize(("total", "required"), [(10, 7), (14, 10), (25, 18), (3, 3)])
def test_required_is_ceil_of_seventy_percent(total: int, required: int) -> None:
    """The required count is ceil(0.7 × N): one fewer fails, exactly it passes."""
    assert _commune(TT23, _tallies((total, total, required))).status is FindingStatus.MET
    below = _commune(TT23, _tallies((total, total, required - 1)))
    assert below.status is FindingStatus.NOT_MET
    assert f"required ({required})" in below.reason


def test_tt124_needs_every_managed_unit_registered() -> None:
    """TT 124 also needs 100% registered: 9 of 10 registered fails even with all recognised."""
    f = _commune(TT124, _tallies((10, 9, 10)))
    assert f.status is FindingStatus.NOT_MET
    assert "managed units registered: 9/10 = 90% < 100% required (10)" in f.reason


def test_missing_tallies_are_unknown() -> None:
    """TT 124 without a tally of agencies is unknown; unknown recognitions may still decide."""
    only_kdc = (SubunitTally(unit_type=UnitType.KHU_DAN_CU, total=10, registered=10, recognised=7),)
    assert _commune(TT124, only_kdc).status is FindingStatus.UNKNOWN
    assert _commune(TT23, only_kdc).status is FindingStatus.MET
    open_ = (
        SubunitTally(
            unit_type=UnitType.KHU_DAN_CU,
            total=10,
            registered=10,
            recognised=5,
            recognition_unknown=3,
        ),
    )
    assert _commune(TT23, open_).status is FindingStatus.UNKNOWN
    lost = (
        SubunitTally(
            unit_type=UnitType.KHU_DAN_CU,
            total=10,
            registered=10,
            recognised=5,
            recognition_unknown=1,
        ),
    )
    assert _commune(TT23, lost).status is FindingStatus.NOT_MET


# ---------------------------------------------------------------- eligibility


EXCLUDED = [
    Organization(
        id="th-1",
        name="Trường Tiểu học",
        kind=OrganizationKind.SCHOOL,
        education_level=EducationLevel.TIEU_HOC,
    ),
    Organization(
        id="mn-1",
        name="Trường Mầm non",
        kind=OrganizationKind.SCHOOL,
        education_level=EducationLevel.MAM_NON,
    ),
    Organization(
        id="nt-1",
        name="Nhà trẻ",
        kind=OrganizationKind.SCHOOL,
        education_level=EducationLevel.NHA_TRE,
    ),
    Organization(
        id="dn-nho",
        name="Công ty nhỏ",
        kind=OrganizationKind.ENTERPRISE,
        enterprise_size=EnterpriseSize.SMALL,
    ),
    Organization(
        id="dn-sieu-nho",
        name="Công ty siêu nhỏ",
        kind=OrganizationKind.ENTERPRISE,
        enterprise_size=EnterpriseSize.MICRO,
    ),
    Organization(id="don-vi-vu-trang", name="Đơn vị", kind=OrganizationKind.ARMED_FORCES),
]


@pytest.mark.parametrize("unit", EXCLUDED, ids=lambda u: u.id)
def test_excluded_units_are_not_eligible_under_tt124(unit: Organization) -> None:
    """Units TT 124 excludes are not_eligible with every finding not_applicable, never failures."""
    ev = Evidence(unit=unit.id, cycle=2023, **{**GOOD, "internal_rules": False})
    a = assess(unit, ev, 2023)
    assert a.result is AssessmentResult.NOT_ELIGIBLE
    assert a.findings
    assert {f.status for f in a.findings} == {FindingStatus.NOT_APPLICABLE}
    assert a.reason is not None
    assert "not eligible under 124/2021/TT-BCA" in a.reason


@pytest.mark.parametrize("unit", EXCLUDED[:3], ids=lambda u: u.id)
def test_primary_and_preschools_were_eligible_under_tt23(unit: Organization) -> None:
    """TT 23 had no primary or pre-school exclusion: the same schools are assessed in 2021."""
    ev = Evidence(unit=unit.id, cycle=2021, **GOOD)
    a = assess(unit, ev, 2021)
    assert a.basis == TT23
    assert a.result is AssessmentResult.DAT


def test_party_condition() -> None:
    """Without a Party organisation the resolution check does not apply; unknown stays unknown."""
    unit = UNITS[UnitType.CO_QUAN]
    ev = _evidence(UnitType.CO_QUAN, 2023, has_party_organization=False, resolution_in_q1=False)
    f = _finding(assess(unit, ev, 2023), "cq-6-1")
    assert f.status is FindingStatus.MET
    assert "not applicable" in f.reason
    ev = _evidence(UnitType.CO_QUAN, 2023, has_party_organization=None, resolution_in_q1=None)
    assert _finding(assess(unit, ev, 2023), "cq-6-1").status is FindingStatus.UNKNOWN
    ev = _evidence(UnitType.CO_QUAN, 2023, has_party_organization=None, resolution_in_q1=True)
    assert _finding(assess(unit, ev, 2023), "cq-6-1").status is FindingStatus.MET


# ---------------------------------------------------------------- bases and rulesets


@pytest.mark.parametrize(
    ("unit_type", "cycle", "basis"),
    [
        (UnitType.KHU_DAN_CU, 2021, TT23),
        (UnitType.KHU_DAN_CU, 2022, TT124),
        (UnitType.XA, 2021, TT23),
        (UnitType.XA, 2022, TT124),
        (UnitType.CO_SO_GIAO_DUC, 2021, TT23),
        (UnitType.CO_SO_GIAO_DUC, 2026, TT124),
    ],
)
def test_default_basis_is_in_force_at_the_window_end(
    unit_type: UnitType, cycle: int, basis: str
) -> None:
    """Without a basis, the one in force on the last day of the unit's window applies."""
    assert assess(UNITS[unit_type], None, cycle).basis == basis


def test_assessment_windows() -> None:
    """KDC windows run 01/11 → 31/10, others 16/11 → 15/11 (TT 124 Điều 8.2)."""
    kdc = assess(UNITS[UnitType.KHU_DAN_CU], None, 2023).window
    xa = assess(UNITS[UnitType.XA], None, 2023).window
    assert kdc is not None
    assert xa is not None
    assert (kdc.start, kdc.end) == (date(2022, 11, 1), date(2023, 10, 31))
    assert (xa.start, xa.end) == (date(2022, 11, 16), date(2023, 11, 15))


def test_basis_named_by_document_number() -> None:
    """Bases are found by number ("TT 124/2021" too); unknown ones raise a library error."""
    assert assess(UNITS[UnitType.KHU_DAN_CU], None, 2023, "TT 124/2021").basis == TT124
    with pytest.raises(RulesetNotFoundError) as err:
        load_ruleset("99/2030/TT-BCA")
    assert err.value.code == "ruleset_not_found"
    assert TT124 in err.value.available


def test_tt48_is_used_only_when_named() -> None:
    """TT 48/2025 (date unverified) extends TT 124 unchanged and is never the default."""
    tt48 = load_ruleset(TT48)
    assert [c.id for c in tt48.criteria] == [c.id for c in load_ruleset(TT124).criteria]
    assert tt48.valid_from is None
    assert assess(UNITS[UnitType.XA], None, 2030).basis == TT124
    a = assess(UNITS[UnitType.XA], None, 2030, TT48)
    assert a.basis == TT48
    assert a.window is not None  # TT 124's windows apply to its amendment


def test_amendment_is_data() -> None:
    """A ruleset that extends another overrides and removes clauses by id, without code."""
    raw = b"""{"basis": "1/2030/TT-BCA", "title": "Made-up amendment", "extends": "124/2021/TT-BCA",
      "valid_from": "2030-01-01", "removes": ["kdc-4-1"],
      "criteria": [{"id": "kdc-4-5", "unit_type": "khu_dan_cu", "clause": "Dieu 4 khoan 5",
        "text_vi": "Hai mo hinh", "text_en": "Two models",
        "checks": [{"kind": "at_least", "fact": "models_operating", "value": 2}]}]}"""
    amended = loads(raw, Ruleset)
    ev = _evidence(UnitType.KHU_DAN_CU, 2031)
    a = assess(UNITS[UnitType.KHU_DAN_CU], ev, 2031, amended)
    assert [f.criterion for f in a.findings] == ["kdc-4-2", "kdc-4-3", "kdc-4-4", "kdc-4-5"]
    f = _finding(a, "kdc-4-5")
    assert (f.status, f.clause) == (FindingStatus.NOT_MET, "Dieu 4 khoan 5")
    assert "1 < 2 required" in f.reason
    assert a.result is AssessmentResult.CHUA_DAT
    assert amended.procedure is None
    assert khuonha.rules.resolve(amended).procedure == load_ruleset(TT124).procedure


def test_an_amended_clause_is_reused_in_its_amended_form() -> None:
    """Xã 5.2 reuses Điều 4.2–4.4 by reference: amending 4.3 amends what 5.2 checks."""
    raw = b"""{"basis": "2/2030/TT-BCA", "title": "Made-up amendment", "extends": "124/2021/TT-BCA",
      "valid_from": "2030-01-01",
      "criteria": [{"id": "kdc-4-3", "unit_type": "khu_dan_cu", "clause": "Dieu 4 khoan 3 (sua)",
        "text_vi": "Chi diem a", "text_en": "Point a only",
        "checks": [{"kind": "none_of", "fact": "prohibited_events", "points": ["a"]}]}]}"""
    amended = loads(raw, Ruleset)
    ev = _evidence(UnitType.XA, 2031, prohibited_events=("e",))
    assert assess(UNITS[UnitType.XA], ev, 2031, TT124).result is AssessmentResult.CHUA_DAT
    a = assess(UNITS[UnitType.XA], ev, 2031, amended)
    assert _finding(a, "xa-5-2").status is FindingStatus.MET
    assert "(Dieu 4 khoan 3 (sua)): none occurred (points a)" in _finding(a, "xa-5-2").reason


def test_removing_a_reused_clause_is_an_error() -> None:
    """An amendment may not remove a clause another one reuses: the error names the path."""
    raw = b"""{"basis": "3/2030/TT-BCA", "title": "Made-up", "extends": "124/2021/TT-BCA",
      "removes": ["kdc-4-4"]}"""
    with pytest.raises(InvalidDataError) as err:
        khuonha.rules.resolve(loads(raw, Ruleset))
    assert "xa-5-2 includes unknown criterion 'kdc-4-4'" in str(err.value)
    assert err.value.field == "criteria[5].includes[2].criterion"  # after the removal


def test_malformed_ruleset_fails_with_a_json_path() -> None:
    """A check naming an unknown fact, or a share above 1, is reported at its JSON path."""
    bad = {
        "basis": "x",
        "title": "t",
        "criteria": [
            {
                "id": "a",
                "unit_type": "xa",
                "clause": "c",
                "text_vi": "v",
                "text_en": "e",
                "checks": [
                    {"kind": "true", "fact": "nope"},
                    {"kind": "share", "fact": "staff_briefed", "of": "staff", "value": 70},
                ],
            }
        ],
    }
    with pytest.raises(DecodeError) as err:
        from_dict(bad, Ruleset)
    text = str(err.value)
    assert "$.criteria[0].checks[0].fact:" in text
    assert "$.criteria[0].checks[1].value:" in text


def test_tt124_clauses_are_verified_from_the_codified_text() -> None:
    """No criterion of Điều 4–7 is UNVERIFIED (domain.md §14 verified them all), each cites its
    article and clause, and the notes keep what §13 still leaves unverified."""
    tt124 = load_ruleset(TT124)
    for c in tt124.criteria:
        assert not c.unverified, c.id
        assert "UNVERIFIED" not in f"{c.text_vi} {c.text_en} {c.note or ''}", c.id
        assert c.clause.startswith(("Điều 4 khoản", "Điều 5 khoản", "Điều 6 khoản", "Điều 7 khoản"))
    clauses = {c.clause for c in tt124.criteria}
    assert {f"Điều 7 khoản {k}" for k in range(1, 7)} <= clauses
    assert "Điều 4 khoản 3 điểm a–g" in clauses
    assert "Điều 6 khoản 3 điểm a–h" in clauses
    assert all("UNVERIFIED" in " ".join(r.notes) for r in khuonha.list_rulesets())


def test_reuse_is_a_reference_in_the_data() -> None:
    """5.2 names Điều 4 khoản 2–4 and 7.3 names Điều 6.3 points a, b, c, đ, e, g: no copies."""
    data = files("khuonha").joinpath("rulesets", "tt-124-2021.json").read_bytes()
    raw = {c.id: c for c in loads(data, Ruleset).criteria}
    assert raw["xa-5-2"].checks == ()
    assert [i.criterion for i in raw["xa-5-2"].includes] == ["kdc-4-2", "kdc-4-3", "kdc-4-4"]
    assert raw["csgd-7-3"].checks == ()
    (include,) = raw["csgd-7-3"].includes
    assert (include.criterion, include.points) == ("cq-6-3", ("a", "b", "c", "dd", "e", "g"))
    loaded = {c.id: c for c in load_ruleset(TT124).criteria}
    assert [ch.fact for ch in loaded["xa-5-2"].all_checks] == [
        ch.fact for cid in ("kdc-4-2", "kdc-4-3", "kdc-4-4") for ch in loaded[cid].checks
    ]
    (school,) = loaded["csgd-7-3"].all_checks
    assert school.points == ("a", "b", "c", "dd", "e", "g")


@pytest.mark.parametrize(
    ("criterion", "divisions"),
    [
        ("cq-6-5", {"phong", "ban", "to", "doi"}),
        ("dn-6-5", {"phong", "ban", "to", "doi"}),
        ("csgd-7-6", {"khoa", "phong", "ban", "to_chuyen_mon"}),
    ],
)
def test_sub_unit_rules_carry_a_seventy_percent_threshold(
    criterion: str, divisions: set[str]
) -> None:
    """6.5 and 7.6 test 70% of the unit's own sub-units, each with its own denominator."""
    c = {c.id: c for c in load_ruleset(TT124).criteria}[criterion]
    (check,) = c.checks
    assert check.kind is khuonha.CheckKind.DIVISION_SHARE
    assert check.value == 0.7
    assert {d.value for d in check.divisions} == divisions
    assert Standing.TAP_THE_LAO_DONG_TIEN_TIEN in check.ratings
    assert Standing.HOAN_THANH_TOT in check.ratings
    assert Standing.HOAN_THANH not in check.ratings
    commune = {c.id: c for c in load_ruleset(TT124).criteria}["xa-5-4"]
    assert commune.checks[1].value == 0.7
    assert commune.checks[1].unit_types != ()


def test_deadlines_dossiers_and_authorities_are_data() -> None:
    """Điều 9.1 deadlines (15/11, 20/11), Điều 9.2 dossiers and Điều 10 authorities are data."""
    procedure = load_ruleset(TT124).procedure
    assert procedure is not None
    due = {ut: procedure.deadline_for(ut) for ut in UnitType}
    assert due[UnitType.KHU_DAN_CU].day(2023) == date(2023, 11, 15)  # type: ignore[union-attr]
    for ut in (UnitType.XA, UnitType.CO_QUAN, UnitType.DOANH_NGHIEP, UnitType.CO_SO_GIAO_DUC):
        assert due[ut].day(2024) == date(2024, 11, 20)  # type: ignore[union-attr]
    stages = {d.stage.value: d for d in procedure.dossiers}
    assert [d.id for d in stages["dang_ky"].documents_for(UnitType.KHU_DAN_CU)] == [
        "nghi-quyet",
        "ban-dang-ky",
    ]
    assert [d.id for d in stages["dang_ky"].documents_for(UnitType.XA)] == [
        "nghi-quyet",
        "ke-hoach",
        "ban-dang-ky",
    ]
    assert [d.text_vi for d in stages["cong_nhan"].documents if d.required] == [
        "Tờ trình đề nghị xét duyệt, công nhận",
        "Báo cáo kết quả xây dựng đạt tiêu chuẩn",
        "Biên bản cuộc họp đánh giá",
    ]
    levels = {a.level.value: a for a in procedure.authorities if a.level is not None}
    assert set(levels) == {"ubnd_xa", "ubnd_huyen", "ubnd_tinh", "bo_cong_an"}
    assert levels["ubnd_huyen"].valid_until == date(2025, 6, 30)
    assert [a.clause for a in procedure.authorities if a.delegation] == ["Điều 10 khoản 5"]


def test_evidence_must_match_unit_and_cycle() -> None:
    """Evidence of another unit or cycle is refused with a library error."""
    ev = _evidence(UnitType.KHU_DAN_CU, 2022)
    with pytest.raises(InvalidDataError) as err:
        assess(UNITS[UnitType.KHU_DAN_CU], ev, 2023)
    assert err.value.code == "evidence_mismatch"


# ---------------------------------------------------------------- properties

_KDC_FACTS = (
    "resolution_in_q1",
    "registered_in_q1",
    "households_registered",
    "laws_implemented",
    "prohibited_events",
    "crimes",
    "crimes_previous",
    "social_evils",
    "social_evils_previous",
    "models_operating",
)
_BAD_VALUES: dict[str, Any] = {
    "resolution_in_q1": False,
    "registered_in_q1": False,
    "households_registered": 90,
    "laws_implemented": False,
    "prohibited_events": ("e",),
    "crimes": 5,
    "crimes_previous": 0,
    "social_evils": 4,
    "social_evils_previous": 0,
    "models_operating": 0,
}
_RANK = {AssessmentResult.CHUA_DAT: 0, AssessmentResult.UNDETERMINED: 1, AssessmentResult.DAT: 2}


@st.composite
def kdc_evidence(draw: st.DrawFn) -> Evidence:
    """KDC evidence where each fact is missing, good or bad."""
    facts = {n: draw(st.sampled_from([None, GOOD[n], _BAD_VALUES[n]])) for n in _KDC_FACTS}
    return Evidence(unit="thon-1", cycle=2023, households=100, **facts)


@settings(max_examples=80)
@given(kdc_evidence(), st.sampled_from([TT124, TT23]))
def test_meeting_one_criterion_never_turns_dat_into_chua_dat(ev: Evidence, basis: str) -> None:
    """Supplying good facts for one unmet criterion never makes the result worse."""
    ev = attrs.evolve(ev, cycle=CYCLE[basis])
    before = assess(UNITS[UnitType.KHU_DAN_CU], ev, ev.cycle, basis)
    ruleset = {c.id: c for c in load_ruleset(basis).criteria}
    for f in before.findings:
        if f.status is not FindingStatus.NOT_MET:
            continue
        fixed = attrs.evolve(ev, **{n: GOOD[n] for n in ruleset[f.criterion].needs})
        after = assess(UNITS[UnitType.KHU_DAN_CU], fixed, ev.cycle, basis)
        assert _finding(after, f.criterion).status is FindingStatus.MET
        assert _RANK[after.result] >= _RANK[before.result]
        assert not (
            before.result is AssessmentResult.DAT and after.result is AssessmentResult.CHUA_DAT
        )


@settings(max_examples=80)
@given(
    kdc_evidence(), st.sets(st.sampled_from(_KDC_FACTS), min_size=1), st.sampled_from([TT124, TT23])
)
def test_removing_evidence_never_turns_chua_dat_into_dat(
    ev: Evidence, removed: set[str], basis: str
) -> None:
    """Forgetting facts can make a result undetermined, never đạt from chưa đạt."""
    ev = attrs.evolve(ev, cycle=CYCLE[basis])
    before = assess(UNITS[UnitType.KHU_DAN_CU], ev, ev.cycle, basis)
    forgotten: dict[str, Any] = dict.fromkeys(removed)
    after = assess(UNITS[UnitType.KHU_DAN_CU], attrs.evolve(ev, **forgotten), ev.cycle, basis)
    if before.result is AssessmentResult.CHUA_DAT:
        assert after.result is not AssessmentResult.DAT
    if before.result is not AssessmentResult.DAT:
        assert after.result is not AssessmentResult.DAT


@settings(max_examples=60)
@given(ks.evidence(), st.sampled_from([TT124, TT23, TT48]), st.sampled_from(list(UnitType)))
def test_each_ruleset_gives_the_same_assessment_twice(
    ev: Evidence, basis: str, unit_type: UnitType
) -> None:
    """Assessing the same evidence twice under a ruleset gives equal assessments."""
    unit = UNITS[unit_type]
    ev = attrs.evolve(ev, unit=unit.id, unit_type=None)
    assert assess(unit, ev, ev.cycle, basis) == assess(unit, ev, ev.cycle, basis)


# ---------------------------------------------------------------- datasets


def test_demo_exercises_every_result_and_status() -> None:
    """The made-up assessment-demo shows every result and every finding status."""
    ds = khuonha.sample("assessment-demo")
    assert "made up" in ds.title
    results = khuonha.assess_dataset(ds)
    assert {a.result for a in results} == set(AssessmentResult)
    assert {f.status for a in results for f in a.findings} == set(FindingStatus)


@pytest.mark.parametrize("enabled", [True, False])
def test_assess_dataset_pauses_the_collector_and_restores_it(
    enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector is off while assessing and back as it was after, even after an error."""
    import gc

    from khuonha.rules import recognition

    ds = khuonha.sample("assessment-demo")
    seen: list[bool] = []
    real = recognition._assess_dataset

    def spy(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(recognition, "_assess_dataset", spy)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert recognition.assess_dataset(ds) == real(ds, None, None, ())
        with pytest.raises(RulesetNotFoundError):
            recognition.assess_dataset(ds, basis="TT 999/1999")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]


def test_commune_rule_counted_from_records() -> None:
    """The demo commune's tallies come from its areas, organisations, evidence and records."""
    ds = khuonha.sample("assessment-demo")
    done = khuonha.assess_dataset(ds, 2023)
    tallies = {t.unit_type: t for t in tally_subunits(ds, "xa-minh-hoa", 2023, None, done)}
    kdc = tallies[UnitType.KHU_DAN_CU]
    assert (kdc.total, kdc.registered, kdc.registration_unknown) == (4, 3, 1)
    assert (kdc.recognised, kdc.recognition_unknown) == (2, 1)  # thôn Bắc from its record
    assert tallies[UnitType.DOANH_NGHIEP].total == 0  # the small enterprise is excluded
    assert tallies[UnitType.CO_SO_GIAO_DUC].total == 1  # the primary school is excluded
    assert tallies[UnitType.CO_QUAN].total == 1  # the health station, not the UBND
    xa = next(a for a in done if a.unit == "xa-minh-hoa")
    f = _finding(xa, "xa-5-4")
    assert f.status is FindingStatus.UNKNOWN
    assert "4/6 known, 1 unknown; 70% required (5)" in f.reason


def test_khuon_ha_summaries_from_recorded_recognitions() -> None:
    """Khuôn Hà: 10/10 thôn, 3 schools (no total) and the health station, from its records."""
    got = {(s.unit_type, s.recognised, s.total) for s in khuonha.summarise(khuonha.sample())}
    assert got == {
        (UnitType.KHU_DAN_CU, 10, 10),
        (UnitType.CO_SO_GIAO_DUC, 3, None),
        (UnitType.CO_QUAN, 1, None),
    }


def test_dataset_evidence_references_are_checked() -> None:
    """Evidence naming a unit the dataset lacks is a dangling reference."""
    ds = khuonha.sample("assessment-demo")
    bad = Evidence(unit="thon-khong-co", cycle=2023)
    with pytest.raises(InvalidDataError) as err:
        attrs.evolve(ds, evidence=(*ds.evidence, bad))
    assert err.value.code == "dangling_reference"


def test_evidence_round_trips_through_the_codec() -> None:
    """The demo with its evidence survives dumps/loads."""
    ds = khuonha.sample("assessment-demo")
    assert khuonha.loads(khuonha.dumps(ds)) == ds


# ---------------------------------------------------------------- provincial criteria


class _ProvincePlugin:
    """An example plugin: a made-up province 99 adds a camera criterion for KDC."""

    @khuonha.hookimpl
    def khuonha_register_criteria(self) -> list[khuonha.Criterion]:
        return [
            khuonha.Criterion(
                id="tinh-99-camera",
                province="99",
                unit_type=UnitType.KHU_DAN_CU,
                clause="QĐ 1/2023/QĐ-UBND Điều 2 (made up)",
                text_vi="Có ít nhất 01 camera an ninh hoạt động.",
                text_en="At least one security camera operates.",
                checks=(
                    khuonha.Check(
                        kind=khuonha.CheckKind.AT_LEAST,
                        fact="measure:cameras",
                        value=1,
                        label="cameras",
                    ),
                ),
            )
        ]


class _EntryPoint:
    def __init__(self, name: str, plugin: object) -> None:
        self.name, self.value, self.group, self.dist = name, f"{name}:plugin", "khuonha", None
        self._plugin = plugin

    def load(self) -> object:
        return self._plugin


def _host(plugin: object) -> khuonha.PluginHost:
    return khuonha.PluginHost(entry_points=[_EntryPoint("tinh-99", plugin)])


def test_provincial_criteria_from_a_plugin() -> None:
    """A province's plugin adds a criterion; it applies to that province's units under TT 124."""
    host = _host(_ProvincePlugin())
    extra = khuonha.provincial_criteria("99", host)
    assert [c.id for c in extra] == ["tinh-99-camera"]
    assert khuonha.provincial_criteria("08", host) == ()
    thon = UNITS[UnitType.KHU_DAN_CU]
    ev = _evidence(UnitType.KHU_DAN_CU, 2023)
    a = assess(thon, ev, 2023, province="99", criteria=extra)
    f = _finding(a, "tinh-99-camera")
    assert (f.status, a.result) == (FindingStatus.UNKNOWN, AssessmentResult.UNDETERMINED)
    ev = attrs.evolve(ev, measures=(khuonha.Measure(key="cameras", value=2),))
    assert assess(thon, ev, 2023, province="99", criteria=extra).result is AssessmentResult.DAT
    assert all(
        f.criterion != "tinh-99-camera"
        for f in assess(thon, ev, 2023, province="08", criteria=extra).findings
    )
    old = _evidence(UnitType.KHU_DAN_CU, 2021)
    assert all(
        f.criterion != "tinh-99-camera"  # TT 23 has no provincial criteria
        for f in assess(thon, old, 2021, province="99", criteria=extra).findings
    )


def test_assess_dataset_asks_the_default_host() -> None:
    """assess_dataset reads each unit's province and the default host's provincial criteria."""
    from khuonha.plugins.host import set_default_host

    old = set_default_host(_host(_ProvincePlugin()))
    try:
        results = khuonha.assess_dataset(khuonha.sample("assessment-demo"), 2023)
    finally:
        set_default_host(old)
    thon = next(a for a in results if a.unit == "thon-dong")
    assert _finding(thon, "tinh-99-camera").status is FindingStatus.UNKNOWN
    school = next(a for a in results if a.unit == "truong-thcs-minh-hoa")
    assert all(f.criterion != "tinh-99-camera" for f in school.findings)


def test_malformed_criteria_registration_is_a_plugin_failure() -> None:
    """A plugin returning something that is not a Criterion is dropped and reported."""

    class Broken:
        @khuonha.hookimpl
        def khuonha_register_criteria(self) -> list[str]:
            return ["not a criterion"]

    host = khuonha.PluginHost(entry_points=[_EntryPoint("broken", Broken())], strict=False)
    assert host.criteria() == []
    assert [f.plugin for f in host.failures()] == ["broken"]


def test_assessment_as_recognition_record() -> None:
    """A decided assessment becomes a Certification for the unit's history; open ones do not."""
    ds = khuonha.sample("assessment-demo")
    results = {a.unit: a for a in khuonha.assess_dataset(ds, 2023)}
    record = results["thon-dong"].as_certification(
        "cong-nhan-thon-dong-2023", commune="xa-minh-hoa"
    )
    assert record is not None
    assert (record.unit, record.cycle_year, record.result, record.legal_basis) == (
        "thon-dong",
        2023,
        khuonha.Result.DAT,
        TT124,
    )
    failed = results["thon-tay"].as_certification("x")
    assert failed is not None
    assert failed.result is khuonha.Result.CHUA_DAT
    assert results["thon-nam"].as_certification("y") is None
    assert results["cong-ty-minh-hoa"].as_certification("z") is None
    history = attrs.evolve(ds, certifications=(*ds.certifications, record))
    kdc = next(
        s for s in khuonha.summarise(history, [], 2023) if s.unit_type is UnitType.KHU_DAN_CU
    )
    assert kdc.recognised == 2  # thôn Bắc (recorded before) and thôn Đông


def test_demo_validates_against_the_json_schema() -> None:
    """The demo, evidence included, validates against the dataset's JSON Schema."""
    import json

    import jsonschema

    ds = khuonha.sample("assessment-demo")
    jsonschema.validate(json.loads(khuonha.dumps(ds)), khuonha.json_schema())


def test_team_ratings_are_standings() -> None:
    """Every HD 01 team rating has a Standing of the same slug, so Điều 4.5 reads it as it is."""
    assert {r.value for r in khuonha.TaskRating} <= {s.value for s in Standing}


def test_kdc_security_force_cross_rule() -> None:
    """Điều 4.5: "hoàn thành nhiệm vụ" or better with nobody disciplined; unknown without it."""
    thon = UNITS[UnitType.KHU_DAN_CU]
    for rating, status in [
        (Standing.HOAN_THANH_XUAT_SAC, FindingStatus.MET),
        (Standing.HOAN_THANH, FindingStatus.MET),
        (Standing.KHONG_HOAN_THANH, FindingStatus.NOT_MET),
        (None, FindingStatus.UNKNOWN),
    ]:
        ev = _evidence(UnitType.KHU_DAN_CU, 2023, security_force_rating=rating)
        assert _finding(assess(thon, ev, 2023), "kdc-4-5").status is status, rating
    ev = _evidence(UnitType.KHU_DAN_CU, 2023, security_force_disciplined=1)
    f = _finding(assess(thon, ev, 2023), "kdc-4-5")
    assert f.status is FindingStatus.NOT_MET
    assert f.reason_vi == (
        "xếp loại lực lượng bảo vệ ANTT ở cơ sở: Hoàn thành nhiệm vụ; "
        "thành viên bị kỷ luật: 1 > 0 (tối đa)"
    )


def test_conditions_of_the_protection_force_and_sub_unit_rules() -> None:
    """Where emulation titles cannot be reviewed the standing part does not apply; a school
    without a protection force is not held to 7.5; not reporting either keeps a failure open."""
    school, agency = UNITS[UnitType.CO_SO_GIAO_DUC], UNITS[UnitType.CO_QUAN]
    ev = _evidence(
        UnitType.CO_SO_GIAO_DUC,
        2023,
        has_protection_force=False,
        protection_force_standing=None,
        protection_force_disciplined=None,
    )
    f = _finding(assess(school, ev, 2023), "csgd-7-5")
    assert f.status is FindingStatus.NOT_APPLICABLE
    assert f.reason_vi == "không áp dụng (có lực lượng bảo vệ: không)"
    ev = _evidence(
        UnitType.CO_QUAN,
        2023,
        emulation_eligible=False,
        divisions=_FIVE_OF_EIGHT,
        protection_force_standing=Standing.HOAN_THANH,
    )
    a = assess(agency, ev, 2023)
    assert a.result is AssessmentResult.DAT
    assert _finding(a, "cq-6-5").status is FindingStatus.NOT_APPLICABLE
    assert "không áp dụng (đủ điều kiện bình xét danh hiệu thi đua: không)" in (
        _finding(a, "cq-6-4").reason_vi or ""
    )
    ev = _evidence(UnitType.CO_QUAN, 2023, emulation_eligible=None, divisions=_FIVE_OF_EIGHT)
    f = _finding(assess(agency, ev, 2023), "cq-6-5")
    assert f.status is FindingStatus.UNKNOWN
    assert "chưa rõ có áp dụng không" in (f.reason_vi or "")


def test_sub_unit_rule_with_unrated_sub_units_is_unknown_until_decided() -> None:
    """Sub-units not rated yet may still decide: 5 of 8 with 2 open is unknown, with 0 open
    not met; a disciplined member fails the rule whatever the share."""
    agency = UNITS[UnitType.CO_QUAN]
    open_ = (
        DivisionTally(
            kind=DivisionKind.PHONG,
            total=8,
            disciplined=0,
            standings=(
                StandingCount(standing=Standing.HOAN_THANH_TOT, count=5),
                StandingCount(standing=Standing.HOAN_THANH, count=1),
            ),
        ),
    )
    f = _finding(assess(agency, _evidence(UnitType.CO_QUAN, 2023, divisions=open_), 2023), "cq-6-5")
    assert f.status is FindingStatus.UNKNOWN
    assert (
        f.reason_vi == "5/8 phòng đạt: 62,5% < 70% (cần 6), 2 chưa rõ; không có cá nhân bị kỷ luật"
    )
    f = _finding(
        assess(agency, _evidence(UnitType.CO_QUAN, 2023, divisions=_FIVE_OF_EIGHT), 2023), "cq-6-5"
    )
    assert f.reason_vi == "5/8 phòng, ban đạt: 62,5% < 70% (cần 6); không có cá nhân bị kỷ luật"
    assert f.reason == (
        "sub-units: 5/8 departments, boards qualifying: 62.5% < 70% (6 required); "
        "no member disciplined"
    )


def test_deadline_and_authority_findings() -> None:
    """A decision on or after the Điều 9.1 day is late; the 2025 gap in Điều 10 is unknown."""
    thon, xa = UNITS[UnitType.KHU_DAN_CU], UNITS[UnitType.XA]
    ev = _evidence(
        UnitType.KHU_DAN_CU, 2023, dossier_submitted_on=None, recognised_on=date(2023, 11, 15)
    )
    f = _finding(assess(thon, ev, 2023), "han-9-1-a")
    assert f.status is FindingStatus.NOT_MET
    assert f.reason_vi == "quá hạn: công nhận ngày 15/11/2023, hạn trước ngày 15/11/2023"
    ev = _evidence(UnitType.XA, 2023, recognised_on=date(2023, 11, 19))
    a = assess(xa, ev, 2023)
    assert _finding(a, "han-9-1-b").status is FindingStatus.MET
    assert a.result is AssessmentResult.DAT
    late = assess(xa, attrs.evolve(ev, recognised_on=date(2023, 11, 20)), 2023)
    assert _finding(late, "han-9-1-b").status is FindingStatus.NOT_MET
    assert late.result is AssessmentResult.DAT  # the procedure never changes the result
    assert "Ủy ban nhân dân cấp huyện" in (_finding(a, "tham-quyen").reason_vi or "")
    gap = _finding(assess(xa, None, 2025), "tham-quyen")
    assert gap.status is FindingStatus.UNKNOWN
    assert "TT 48/2025/TT-BCA (unverified)" in gap.reason
    agency = _finding(assess(UNITS[UnitType.CO_QUAN], None, 2026), "tham-quyen")
    assert agency.status is FindingStatus.MET
    assert "cấp huyện" not in (agency.reason_vi or "")
    assert "Điều 10 khoản 5" in agency.reason
    assert assess(UNITS[UnitType.XA], None, 2021).procedure == ()  # TT 23: no procedure data


def test_dossier_party_resolution_depends_on_the_party_organisation() -> None:
    """The resolution is asked only where a Party organisation exists; unknown otherwise."""
    agency = UNITS[UnitType.CO_QUAN]
    docs = ("ke-hoach", "ban-dang-ky")
    for has_party, status in [
        (False, FindingStatus.MET),
        (True, FindingStatus.NOT_MET),
        (None, FindingStatus.UNKNOWN),
    ]:
        ev = _evidence(
            UnitType.CO_QUAN,
            2023,
            documents=docs,
            has_party_organization=has_party,
            resolution_in_q1=True,
        )
        assert _finding(assess(agency, ev, 2023), "ho-so-dang-ky").status is status, has_party


def test_a_province_criterion_may_reuse_a_bundled_clause() -> None:
    """A province's own criterion names a TT 124 clause in ``includes``, resolved at assessment."""
    extra = khuonha.Criterion(
        id="tinh-99-xa-4-4",
        province="99",
        unit_type=UnitType.CO_QUAN,
        clause="QĐ 2/2023/QĐ-UBND (made up)",
        text_vi="Cơ quan cũng đạt khoản 4 Điều 4.",
        text_en="Agencies also meet Điều 4 khoản 4.",
        includes=(khuonha.Include(criterion="kdc-4-4"),),
    )
    agency = UNITS[UnitType.CO_QUAN]
    ev = _evidence(UnitType.CO_QUAN, 2023, crimes=5)
    f = _finding(assess(agency, ev, 2023, province="99", criteria=[extra]), "tinh-99-xa-4-4")
    assert f.status is FindingStatus.NOT_MET
    assert "crimes (Điều 4 khoản 4 điểm a–d): 5 > 2 in the previous year" in f.reason


def test_tt124_cites_the_codified_text() -> None:
    """The ruleset names the codification it follows, once, next to the published text."""
    sources = load_ruleset(TT124).sources
    assert len(set(sources)) == len(sources)
    assert any("Bộ pháp điển" in s and "Điều 1.6.TT.20.3–10" in s for s in sources)


def test_unreported_dossier_lists_only_what_is_asked() -> None:
    """Without documents the finding is unknown and names what is asked of this unit."""
    agency = UNITS[UnitType.CO_QUAN]
    ev = _evidence(UnitType.CO_QUAN, 2023, documents=None, has_party_organization=False)
    f = _finding(assess(agency, ev, 2023), "ho-so-dang-ky")
    assert f.status is FindingStatus.UNKNOWN
    assert f.reason_vi == (
        "Hồ sơ đăng ký: chưa báo cáo hồ sơ "
        "(cần: Kế hoạch bảo đảm an ninh, trật tự; Bản đăng ký phấn đấu đạt tiêu chuẩn)"
    )


def test_check_messages_take_the_article_of_the_kind() -> None:
    """ "an at_least check", "a true check": the article follows the kind's first sound."""
    with pytest.raises(InvalidDataError, match="fact: an at_least check needs a fact"):
        khuonha.Check(kind=khuonha.CheckKind.AT_LEAST, fact="x")
    with pytest.raises(InvalidDataError, match="fact: a true check needs a fact"):
        khuonha.Check(kind=khuonha.CheckKind.TRUE, fact="x")
