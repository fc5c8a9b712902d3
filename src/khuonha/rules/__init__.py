"""Rules of the standard "An toàn về an ninh, trật tự": rulesets as data, run by a small engine.

One ruleset per legal basis (TT 23/2012/TT-BCA, TT 124/2021/TT-BCA, and the
amending TT 48/2025/TT-BCA) lives in ``khuonha/rulesets/*.json``; each
criterion has an id, its clause, its text in Vietnamese and English and the
evidence it needs. A clause that refers to another (a commune meets Điều 4
khoản 2–4) names it in ``includes``, resolved when the ruleset is loaded.
:func:`assess` returns every finding with a reason in English and in
Vietnamese that cites the numbers; missing evidence gives ``unknown``, never
``not_met``. The procedure of the basis (dossiers, deadlines, who decides)
gives findings of its own, which never change the result.

>>> from khuonha import AreaKind, Evidence, ResidentialArea, Standing, assess
>>> thon = ResidentialArea(id="thon-1", name="Thôn 1", kind=AreaKind.THON, households=80)
>>> ev = Evidence(unit="thon-1", cycle=2023, resolution_in_q1=True, registered_in_q1=True,
...               households_registered=80, laws_implemented=True, prohibited_events=(),
...               crimes=1, crimes_previous=2, social_evils=0, social_evils_previous=0,
...               incidents=(), security_force_rating=Standing.HOAN_THANH,
...               security_force_disciplined=0)
>>> a = assess(thon, ev, 2023)
>>> a.result.value, a.basis, a.window.start.isoformat()
('dat', '124/2021/TT-BCA', '2022-11-01')
>>> a.findings[-1].reason_vi
'xếp loại lực lượng bảo vệ ANTT ở cơ sở: Hoàn thành nhiệm vụ; thành viên bị kỷ luật: 0 ≤ 0'
>>> assess(thon, None, 2023).result.value
'undetermined'

A province's own criteria (TT 124 Điều 8.1) come from plugins through the
``khuonha_register_criteria`` hook; the rules never reach the plugin host, so
the caller hands them in (:func:`khuonha.assess` does, with ``province=``).
"""

from __future__ import annotations

from khuonha.model.evidence import (
    FACTS,
    DivisionKind,
    DivisionTally,
    Evidence,
    Measure,
    Standing,
    StandingCount,
    SubunitTally,
)
from khuonha.rules.classification import (
    Classification,
    LevelRule,
    MovementLevel,
    MovementRules,
    ScoreItem,
    ScoreSheet,
    TaskRating,
    TeamCandidate,
    TeamRating,
    TeamRatingRules,
    classify,
    movement_rules,
    rate_teams,
    team_rating_rules,
)
from khuonha.rules.criteria import (
    Authority,
    AuthorityLevel,
    Check,
    CheckKind,
    Condition,
    Criterion,
    Deadline,
    Dossier,
    DossierDocument,
    DossierStage,
    Exclusion,
    Include,
    Procedure,
    Ruleset,
)
from khuonha.rules.engine import (
    Assessment,
    AssessmentResult,
    Finding,
    FindingStatus,
    Unit,
    assess,
    unit_type_of,
)
from khuonha.rules.recognition import RecognitionSummary, assess_dataset, summarise, tally_subunits
from khuonha.rules.rulesets import (
    basis_key,
    default_ruleset,
    list_rulesets,
    load_ruleset,
    resolve,
)
from khuonha.rules.windows import ASSESSMENT_RULES, AssessmentRule, assessment_window

__all__ = [
    "ASSESSMENT_RULES",
    "FACTS",
    "Assessment",
    "AssessmentResult",
    "AssessmentRule",
    "Authority",
    "AuthorityLevel",
    "Check",
    "CheckKind",
    "Classification",
    "Condition",
    "Criterion",
    "Deadline",
    "DivisionKind",
    "DivisionTally",
    "Dossier",
    "DossierDocument",
    "DossierStage",
    "Evidence",
    "Exclusion",
    "Finding",
    "FindingStatus",
    "Include",
    "LevelRule",
    "Measure",
    "MovementLevel",
    "MovementRules",
    "Procedure",
    "RecognitionSummary",
    "Ruleset",
    "ScoreItem",
    "ScoreSheet",
    "Standing",
    "StandingCount",
    "SubunitTally",
    "TaskRating",
    "TeamCandidate",
    "TeamRating",
    "TeamRatingRules",
    "Unit",
    "assess",
    "assess_dataset",
    "assessment_window",
    "basis_key",
    "classify",
    "default_ruleset",
    "list_rulesets",
    "load_ruleset",
    "movement_rules",
    "rate_teams",
    "resolve",
    "summarise",
    "tally_subunits",
    "team_rating_rules",
    "unit_type_of",
]
