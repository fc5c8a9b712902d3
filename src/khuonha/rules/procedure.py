"""The procedure of a basis held against a unit's evidence: dossiers, deadlines, authority.

TT 124 Điều 9.2 lists the documents of the registration and recognition
dossiers, Điều 9.1 the day recognition must be decided before, and Điều 10
who decides. They are ruleset data (:class:`~khuonha.rules.Procedure`);
this module turns them into findings next to the criteria's. Procedure
findings never change the assessment's result: a missing document or a
late decision is reported, the criteria decide đạt or chưa đạt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from khuonha.model.certification import UnitType
from khuonha.model.evidence import Evidence
from khuonha.rules.checks import Finding, FindingStatus
from khuonha.rules.criteria import Dossier, DossierDocument, Procedure

__all__ = ["AUTHORITY_ID", "procedure_findings"]

#: The id of the finding that names who decides recognition.
AUTHORITY_ID = "tham-quyen"
_MEMO_SIZE = 4096


def _vi_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _dossier(dossier: Dossier, unit_type: UnitType) -> Callable[[Evidence], Finding] | None:
    documents = dossier.documents_for(unit_type)
    required = [d for d in documents if d.required]
    if not required:
        return None

    def finding(status: FindingStatus, en: str, vi: str) -> Finding:
        return Finding(
            criterion=dossier.id, clause=dossier.clause, status=status, reason=en, reason_vi=vi
        )

    def run(ev: Evidence) -> Finding:
        held = ev.documents
        if held is None:
            asked = [d for d in required if d.when is None or getattr(ev, d.when) is not False]
            needs_en = "; ".join(d.text_en for d in asked)
            needs_vi = "; ".join(d.text_vi for d in asked)
            return finding(
                FindingStatus.UNKNOWN,
                f"{dossier.text_en}: documents not reported (needs: {needs_en})",
                f"{dossier.text_vi}: chưa báo cáo hồ sơ (cần: {needs_vi})",
            )
        missing: list[DossierDocument] = []
        maybe: list[DossierDocument] = []
        for doc in required:
            if doc.id in held:
                continue
            applies = None if doc.when is None else getattr(ev, doc.when)
            if applies is False:
                continue
            (maybe if doc.when is not None and applies is None else missing).append(doc)
        if missing:
            return finding(
                FindingStatus.NOT_MET,
                f"{dossier.text_en}: missing: {'; '.join(d.text_en for d in missing)}",
                f"{dossier.text_vi}: thiếu: {'; '.join(d.text_vi for d in missing)}",
            )
        if maybe:
            return finding(
                FindingStatus.UNKNOWN,
                f"{dossier.text_en}: missing if it applies: {'; '.join(d.text_en for d in maybe)}",
                f"{dossier.text_vi}: thiếu nếu thuộc diện: {'; '.join(d.text_vi for d in maybe)}",
            )
        return finding(
            FindingStatus.MET,
            f"{dossier.text_en}: complete ({len(required)} documents)",
            f"{dossier.text_vi}: đủ ({len(required)} tài liệu)",
        )

    return run


def _deadline(
    procedure: Procedure, unit_type: UnitType, cycle: int
) -> Callable[[Evidence], Finding] | None:
    deadline = procedure.deadline_for(unit_type)
    if deadline is None:
        return None
    due = deadline.day(cycle)
    due_en, due_vi = due.isoformat(), _vi_date(due)

    def finding(status: FindingStatus, en: str, vi: str) -> Finding:
        return Finding(
            criterion=deadline.id, clause=deadline.clause, status=status, reason=en, reason_vi=vi
        )

    def run(ev: Evidence) -> Finding:
        dates = [
            ("dossier sent", "gửi hồ sơ", ev.dossier_submitted_on),
            ("recognised", "công nhận", ev.recognised_on),
        ]
        known = [(en, vi, d) for en, vi, d in dates if d is not None]
        if not known:
            return finding(
                FindingStatus.UNKNOWN,
                f"no dates reported; recognition is due before {due_en}",
                f"chưa báo cáo ngày; hạn công nhận trước ngày {due_vi}",
            )
        late = [(en, vi, d) for en, vi, d in known if d >= due]
        if late:
            return finding(
                FindingStatus.NOT_MET,
                "deadline passed: "
                + ", ".join(f"{en} on {d.isoformat()}" for en, _, d in late)
                + f", due before {due_en}",
                "quá hạn: "
                + ", ".join(f"{vi} ngày {_vi_date(d)}" for _, vi, d in late)
                + f", hạn trước ngày {due_vi}",
            )
        return finding(
            FindingStatus.MET,
            ", ".join(f"{en} on {d.isoformat()}" for en, _, d in known) + f", before {due_en}",
            ", ".join(f"{vi} ngày {_vi_date(d)}" for _, vi, d in known) + f", trước ngày {due_vi}",
        )

    return run


def _authority(procedure: Procedure, unit_type: UnitType, cycle: int) -> Finding | None:
    if not procedure.authorities:
        return None
    deadline = procedure.deadline_for(unit_type)
    day = deadline.day(cycle) if deadline is not None else date(cycle, 12, 31)
    found = procedure.authorities_for(unit_type, day)
    deciding = [a for a in found if not a.delegation]
    delegation = [a for a in found if a.delegation]
    if not deciding:
        return Finding(
            criterion=AUTHORITY_ID,
            clause="Điều 10",
            status=FindingStatus.UNKNOWN,
            reason=f"who decides on {day.isoformat()} is not established: "
            f"{procedure.gap_en or 'no authority listed'}",
            reason_vi=f"chưa xác định được cấp có thẩm quyền công nhận vào ngày {_vi_date(day)}: "
            f"{procedure.gap_vi or 'chưa có quy định'}",
        )
    en = "; ".join(f"{a.text_en} ({a.clause})" for a in deciding)
    vi = "; ".join(f"{a.text_vi} ({a.clause})" for a in deciding)
    if delegation:
        en += "; " + "; ".join(f"{a.text_en} ({a.clause})" for a in delegation)
        vi += "; " + "; ".join(f"{a.text_vi} ({a.clause})" for a in delegation)
    return Finding(
        criterion=AUTHORITY_ID,
        clause="Điều 10",
        status=FindingStatus.MET,
        reason=f"decided by: {en}",
        reason_vi=f"cấp công nhận: {vi}",
    )


def procedure_findings(
    procedure: Procedure | None, unit_type: UnitType, cycle: int
) -> Callable[[Evidence], tuple[Finding, ...]] | None:
    """``findings(ev)``: the dossier, deadline and authority findings of a unit of *unit_type*.

    ``None`` when the basis has no procedure data. Findings are remembered
    by the facts they read, so a national run builds few of them.
    """
    if procedure is None:
        return None
    runs = [r for r in (_dossier(d, unit_type) for d in procedure.dossiers) if r is not None]
    deadline = _deadline(procedure, unit_type, cycle)
    if deadline is not None:
        runs.append(deadline)
    authority = _authority(procedure, unit_type, cycle)
    fixed = () if authority is None else (authority,)
    if not runs:
        return lambda _ev: fixed
    memo: dict[Any, tuple[Finding, ...]] = {}
    flags = sorted({doc.when for d in procedure.dossiers for doc in d.documents if doc.when})

    def findings(ev: Evidence) -> tuple[Finding, ...]:
        key = (
            ev.documents,
            ev.dossier_submitted_on,
            ev.recognised_on,
            *[getattr(ev, f) for f in flags],
        )
        found = memo.get(key)
        if found is None:
            found = (*(run(ev) for run in runs), *fixed)
            if len(memo) < _MEMO_SIZE:
                memo[key] = found
        return found

    return findings
