"""Checks compiled from ruleset data into closures, and the findings they produce.

A ruleset is compiled once (see :mod:`khuonha.rules.engine`): every check becomes
a closure reading the evidence through a precomputed accessor, so assessing a
unit neither parses JSON nor inspects types.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from enum import StrEnum
from fractions import Fraction
from operator import attrgetter
from typing import Any

import attrs

from khuonha.model.evidence import (
    DivisionKind,
    DivisionTally,
    Evidence,
    FactKind,
    Standing,
    SubunitTally,
    fact_kind,
)
from khuonha.model.people import Organization
from khuonha.model.places import ResidentialArea
from khuonha.rules.criteria import Check, CheckKind, Condition, Criterion
from khuonha.rules.plan import key_reader

__all__ = ["EMPTY", "CompiledCriterion", "Finding", "FindingStatus", "unit_facts"]


class FindingStatus(StrEnum):
    """Status of one criterion for one unit."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    """The evidence it needs is missing."""
    NOT_APPLICABLE = "not_applicable"


@attrs.frozen(kw_only=True)
class Finding:
    """One criterion's status for one unit, with a reason that cites the numbers."""

    criterion: str
    """The criterion's id in its ruleset."""
    clause: str
    status: FindingStatus
    reason: str
    """Why, in English, citing the numbers."""
    unverified: bool = False
    """The criterion's clause is unverified (see the ruleset's notes)."""
    reason_vi: str | None = None
    """Why, in Vietnamese (numbers written the Vietnamese way: "62,5%")."""


# ---------------------------------------------------------------- compiling

#: A check's outcome: status, English reason, Vietnamese reason.
_Outcome = tuple[int, str, str]
_Facts = Callable[[Evidence, dict[str, Any]], Any]
_CheckFn = Callable[[Evidence, dict[str, Any]], _Outcome]

# Checks return small ints (fast to compare); findings carry the enum.
MET, NOT_MET, UNKNOWN, NA = 0, 1, 2, 3
_STATUS = (
    FindingStatus.MET,
    FindingStatus.NOT_MET,
    FindingStatus.UNKNOWN,
    FindingStatus.NOT_APPLICABLE,
)
#: Findings remembered per criterion (a national run has a few thousand distinct ones).
_MEMO_SIZE = 16384
_RANK = {
    FindingStatus.MET: 0,
    FindingStatus.NOT_APPLICABLE: 0,
    FindingStatus.UNKNOWN: 1,
    FindingStatus.NOT_MET: 2,
}
#: Evidence with no fact at all (every criterion unknown).
EMPTY = Evidence(unit="none", cycle=2000)

#: How reasons name a standing, in running text (Vietnamese, English).
STANDING_WORDS: dict[Standing, tuple[str, str]] = {
    Standing.TAP_THE_LAO_DONG_XUAT_SAC: (
        "Tập thể lao động xuất sắc",
        "Excellent Labour Collective",
    ),
    Standing.TAP_THE_LAO_DONG_TIEN_TIEN: (
        "Tập thể lao động tiên tiến",
        "Advanced Labour Collective",
    ),
    Standing.HOAN_THANH_XUAT_SAC: (
        "Hoàn thành xuất sắc nhiệm vụ",
        "tasks completed with distinction",
    ),
    Standing.HOAN_THANH_TOT: ("Hoàn thành tốt nhiệm vụ", "tasks completed well"),
    Standing.HOAN_THANH: ("Hoàn thành nhiệm vụ", "tasks completed"),
    Standing.KHONG_HOAN_THANH: ("Không hoàn thành nhiệm vụ", "tasks not completed"),
}
#: How reasons name a kind of sub-unit (Vietnamese, English).
DIVISION_WORDS: dict[DivisionKind, tuple[str, str]] = {
    DivisionKind.PHONG: ("phòng", "departments"),
    DivisionKind.BAN: ("ban", "boards"),
    DivisionKind.TO: ("tổ", "teams"),
    DivisionKind.DOI: ("đội", "squads"),
    DivisionKind.KHOA: ("khoa", "faculties"),
    DivisionKind.TO_CHUYEN_MON: ("tổ chuyên môn", "subject groups"),
}
#: How reasons name the facts conditions test (Vietnamese, English).
_CONDITION_WORDS: dict[str, tuple[str, str]] = {
    "has_party_organization": ("có tổ chức Đảng", "has a Party organisation"),
    "has_protection_force": ("có lực lượng bảo vệ", "has a protection force"),
    "emulation_eligible": (
        "đủ điều kiện bình xét danh hiệu thi đua",
        "eligible for emulation titles",
    ),
    "education_level": ("cấp học", "education level"),
    "organization_kind": ("loại tổ chức", "organisation kind"),
    "enterprise_size": ("quy mô doanh nghiệp", "enterprise size"),
}


def _accessor(name: str) -> _Facts:
    kind = fact_kind(name)
    if kind == FactKind.UNIT:
        return lambda _ev, unit: unit.get(name)
    if kind == FactKind.MEASURE:
        return lambda ev, _unit: ev.fact(name)
    get = attrgetter(name)
    if name == "households":

        def households(ev: Evidence, unit: dict[str, Any]) -> Any:
            value = ev.households
            return unit.get("households") if value is None else value

        return households
    return lambda ev, _unit: get(ev)


def _num(value: float) -> str:
    if type(value) is int:
        return str(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:g}"


def num_vi(value: float) -> str:
    """*value* as Vietnamese writes it: "." between thousands, "," before decimals.

    >>> num_vi(2500), num_vi(62.5), num_vi(7)
    ('2.500', '62,5', '7')
    """
    if type(value) is int or value.is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def _pct(part: int, whole: int) -> str:
    shown = f"{part * 100 / whole:.1f}"
    return f"{shown[:-2] if shown.endswith('.0') else shown}%"


def _pct_vi(part: int, whole: int) -> str:
    return _pct(part, whole).replace(".", ",")


def _points(codes: tuple[str, ...]) -> str:
    """Point letters as the law writes them ("dd" is đ)."""
    return ", ".join("đ" if c == "dd" else c for c in codes)


def _condition(cond: Condition) -> Callable[[Evidence, dict[str, Any]], bool | None]:
    """Whether *cond* holds: ``True``, ``False`` or ``None`` (not known)."""
    get = _accessor(cond.fact)
    wanted = frozenset(cond.one_of)

    def holds(ev: Evidence, unit: dict[str, Any]) -> bool | None:
        value = get(ev, unit)
        if value is not None and not isinstance(value, bool):
            return getattr(value, "value", value) in wanted
        return value

    return holds


def _compile_check(check: Check, criterion_id: str) -> _CheckFn:
    label = check.label or (check.fact or criterion_id).replace("_", " ")
    label_vi = check.label_vi or label
    body = _BUILDERS[check.kind](check, label, label_vi, criterion_id)
    if check.when is None:
        return body
    holds = _condition(check.when)
    cond_vi, cond_en = _CONDITION_WORDS.get(check.when.fact, (check.when.fact,) * 2)
    cond_en = cond_en.replace("_", " ")

    def conditional(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = holds(ev, unit)
        if value is False:
            return (
                NA,
                f"{label}: not applicable ({cond_en}: no)",
                f"{label_vi}: không áp dụng ({cond_vi}: không)",
            )
        status, reason, reason_vi = body(ev, unit)
        if value is None and status != MET:
            return (
                UNKNOWN,
                f"{reason} (whether it applies is not reported: {cond_en})",
                f"{reason_vi} (chưa rõ có áp dụng không: {cond_vi})",
            )
        return status, reason, reason_vi

    return conditional


def _true(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    yes: _Outcome = (MET, f"{label}: yes", f"{vi}: có")
    no: _Outcome = (NOT_MET, f"{label}: no", f"{vi}: không")
    unknown: _Outcome = (UNKNOWN, f"{label}: not reported", f"{vi}: chưa báo cáo")

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = get(ev, unit)
        return unknown if value is None else yes if value else no

    return fn


def _bound(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    limit = check.value if check.value is not None else 0
    at_least = check.kind is CheckKind.AT_LEAST
    shown, shown_vi = _num(limit), num_vi(limit)

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = get(ev, unit)
        if value is None:
            sign = "≥" if at_least else "≤"
            return (
                UNKNOWN,
                f"{label}: not reported ({sign} {shown} needed)",
                f"{vi}: chưa báo cáo (cần {sign} {shown_vi})",
            )
        got, got_vi = _num(value), num_vi(value)
        if at_least:
            if value >= limit:
                return MET, f"{label}: {got} ≥ {shown} required", f"{vi}: {got_vi} ≥ {shown_vi}"
            return (
                NOT_MET,
                f"{label}: {got} < {shown} required",
                f"{vi}: {got_vi} < {shown_vi} (tối thiểu)",
            )
        if value <= limit:
            return MET, f"{label}: {got} ≤ {shown} allowed", f"{vi}: {got_vi} ≤ {shown_vi}"
        return (
            NOT_MET,
            f"{label}: {got} > {shown} allowed",
            f"{vi}: {got_vi} > {shown_vi} (tối đa)",
        )

    return fn


def _judge(
    labels: tuple[str, str], known: int, maybe: int, total: int, share: tuple[int, int, str]
) -> _Outcome:
    label, vi = labels
    if total == 0:
        return (
            MET,
            f"{label}: none to count (0 required)",
            f"{vi}: không có đơn vị nào để tính",
        )
    num, den, shown = share
    # required = ceil(share × total), exactly (0.7 × 10 is 7, not 7.000000000000001)
    required = -(-num * total // den)
    need = f"{shown} required ({required})"
    need_vi = f"{shown.replace('.', ',')} (cần {required})"
    pct, pct_vi = _pct(known, total), _pct_vi(known, total)
    if known >= required:
        return (
            MET,
            f"{label}: {known}/{total} = {pct} ≥ {need}",
            f"{vi}: {known}/{total} = {pct_vi} ≥ {need_vi}",
        )
    if known + maybe < required:
        extra = f", {maybe} unknown" if maybe else ""
        extra_vi = f", {maybe} chưa rõ" if maybe else ""
        return (
            NOT_MET,
            f"{label}: {known}/{total} = {pct}{extra} < {need}",
            f"{vi}: {known}/{total} = {pct_vi}{extra_vi} < {need_vi}",
        )
    return (
        UNKNOWN,
        f"{label}: {known}/{total} known, {maybe} unknown; {need}",
        f"{vi}: {known}/{total} đã rõ, {maybe} chưa rõ; cần {need_vi}",
    )


def _share_of(check: Check) -> tuple[int, int, str]:
    exact = Fraction(str(check.value))
    return exact.numerator, exact.denominator, _pct(exact.numerator, exact.denominator)


def _share(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    part_get, whole_get = _accessor(check.fact or ""), _accessor(check.of or "")
    share = _share_of(check)
    shown = share[2]
    shown_vi = shown.replace(".", ",")

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        part, whole = part_get(ev, unit), whole_get(ev, unit)
        if part is None or whole is None:
            return (
                UNKNOWN,
                f"{label}: not reported ({shown} required)",
                f"{vi}: chưa báo cáo (cần {shown_vi})",
            )
        if part > whole:  # a measure can break this; counts are validated
            return (
                UNKNOWN,
                f"{label}: {_num(part)} exceeds its total {_num(whole)}",
                f"{vi}: {num_vi(part)} vượt quá tổng số {num_vi(whole)}",
            )
        return _judge((label, vi), int(part), 0, int(whole), share)

    return fn


def _no_increase(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    now_get, before_get = _accessor(check.fact or ""), _accessor(check.of or "")

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        now, before = now_get(ev, unit), before_get(ev, unit)
        if now is None or before is None:
            return (
                UNKNOWN,
                f"{label}: this year or the previous year not reported",
                f"{vi}: chưa báo cáo số năm nay hoặc năm trước",
            )
        if now <= before:
            return (
                MET,
                f"{label}: {_num(now)} ≤ {_num(before)} in the previous year",
                f"{vi}: {num_vi(now)} ≤ {num_vi(before)} của năm trước",
            )
        return (
            NOT_MET,
            f"{label}: {_num(now)} > {_num(before)} in the previous year",
            f"{vi}: {num_vi(now)} > {num_vi(before)} của năm trước",
        )

    return fn


def _none_of(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    scope = f" (points {_points(check.points)})" if check.points else ""
    scope_vi = f" (điểm {_points(check.points)})" if check.points else ""
    covered = frozenset(check.points)

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        codes = get(ev, unit)
        if codes is None:
            return UNKNOWN, f"{label}: not reported{scope}", f"{vi}: chưa báo cáo{scope_vi}"
        if covered:
            codes = tuple(c for c in codes if c in covered)
        if not codes:
            return MET, f"{label}: none occurred{scope}", f"{vi}: không xảy ra{scope_vi}"
        return (
            NOT_MET,
            f"{label}: {len(codes)} occurred (points {_points(codes)})",
            f"{vi}: xảy ra {len(codes)} trường hợp (điểm {_points(codes)})",
        )

    return fn


def _subunits(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    types = check.unit_types
    share = _share_of(check)
    shown = share[2]
    shown_vi = shown.replace(".", ",")
    registered = check.kind is CheckKind.REGISTERED_SHARE
    counted = "registered" if registered else "recognised"
    unknown_field = "registration_unknown" if registered else "recognition_unknown"

    def fn(ev: Evidence, _unit: dict[str, Any]) -> _Outcome:
        tallies: tuple[SubunitTally, ...] | None = ev.subunits
        if tallies is None:
            return (
                UNKNOWN,
                f"{label}: no tally of managed units ({shown} required)",
                f"{vi}: chưa có số liệu đơn vị thuộc quyền quản lý (cần {shown_vi})",
            )
        by_type = {t.unit_type: t for t in tallies}
        missing = [t.value for t in types if t not in by_type]
        if missing:
            return (
                UNKNOWN,
                f"{label}: no tally of {', '.join(missing)}",
                f"{vi}: chưa có số liệu {', '.join(missing)}",
            )
        total = known = maybe = 0
        for unit_type in types:
            tally = by_type[unit_type]
            if tally.total is None:
                return (
                    UNKNOWN,
                    f"{label}: total of {unit_type.value} not reported",
                    f"{vi}: chưa báo cáo tổng số {unit_type.value}",
                )
            count = getattr(tally, counted)
            total += tally.total
            if count is None:
                maybe += tally.total
            else:
                known += count
                maybe += min(getattr(tally, unknown_field), tally.total - count)
        return _judge((label, vi), known, maybe, total, share)

    return fn


def _confirmed(_check: Check, _label: str, _vi: str, cid: str) -> _CheckFn:
    def fn(ev: Evidence, _unit: dict[str, Any]) -> _Outcome:
        if cid in ev.confirmed:
            return MET, "recorded as met by the assessing body", "cơ quan đánh giá ghi nhận đạt"
        if cid in ev.refuted:
            return (
                NOT_MET,
                "recorded as not met by the assessing body",
                "cơ quan đánh giá ghi nhận không đạt",
            )
        return (
            UNKNOWN,
            f"not recorded (list {cid!r} in the evidence's confirmed or refuted)",
            f"chưa ghi nhận (ghi {cid!r} vào confirmed hoặc refuted của số liệu)",
        )

    return fn


def _standings_text(ratings: tuple[Standing, ...], index: int) -> str:
    words = [f"“{STANDING_WORDS[r][index]}”" for r in ratings]
    joiner = " hoặc " if index == 0 else " or "
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + joiner + words[-1]


def _rated(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    get = _accessor(check.fact or "")
    wanted = frozenset(check.ratings)
    need_en, need_vi = _standings_text(check.ratings, 1), _standings_text(check.ratings, 0)

    def fn(ev: Evidence, unit: dict[str, Any]) -> _Outcome:
        value = get(ev, unit)
        if value is None:
            return (
                UNKNOWN,
                f"{label}: not reported (needs {need_en})",
                f"{vi}: chưa báo cáo (cần {need_vi})",
            )
        got_vi, got_en = STANDING_WORDS[Standing(value)]
        if value in wanted:
            return MET, f"{label}: {got_en}", f"{vi}: {got_vi}"
        return (
            NOT_MET,
            f"{label}: {got_en}, not {need_en}",
            f"{vi}: {got_vi}, chưa đạt {need_vi}",
        )

    return fn


def _divisions(check: Check, label: str, vi: str, _cid: str) -> _CheckFn:
    kinds = check.divisions
    wanted = tuple(check.ratings)
    share = _share_of(check)
    num, den, shown = share
    shown_vi = shown.replace(".", ",")
    all_vi = ", ".join(DIVISION_WORDS[k][0] for k in kinds)

    def fn(ev: Evidence, _unit: dict[str, Any]) -> _Outcome:
        tallies: tuple[DivisionTally, ...] | None = ev.divisions
        if tallies is None:
            return (
                UNKNOWN,
                f"{label}: no tally of sub-units ({shown} required)",
                f"{vi}: chưa có số liệu {all_vi} (cần {shown_vi})",
            )
        by_kind = {t.kind: t for t in tallies}
        present = [by_kind[k] for k in kinds if k in by_kind]
        if not present or any(t.total is None for t in present):
            return (
                UNKNOWN,
                f"{label}: total of sub-units not reported",
                f"{vi}: chưa báo cáo tổng số {all_vi}",
            )
        shown_kinds = [t for t in present if t.total] or present
        words_vi = ", ".join(DIVISION_WORDS[t.kind][0] for t in shown_kinds)
        words_en = ", ".join(DIVISION_WORDS[t.kind][1] for t in shown_kinds)
        total = sum(t.total or 0 for t in present)
        known = sum(t.counted(wanted) for t in present)
        maybe = sum(t.unrated for t in present)
        disciplined = [t.disciplined for t in present]
        punished = sum(d for d in disciplined if d)
        if total == 0:
            status, en, vi_text = (
                MET,
                f"{label}: no sub-units to count",
                f"{vi}: không có {all_vi} để tính",
            )
        else:
            required = -(-num * total // den)
            pct, pct_vi = _pct(known, total), _pct_vi(known, total)
            head_en = f"{label}: {known}/{total} {words_en} qualifying"
            head_vi = f"{known}/{total} {words_vi} đạt"
            if known >= required:
                status, sign = MET, "≥"
            elif known + maybe < required:
                status, sign = NOT_MET, "<"
            else:
                status, sign = UNKNOWN, "<"
            open_en = f", {maybe} not rated yet" if maybe and status != MET else ""
            open_vi = f", {maybe} chưa rõ" if maybe and status != MET else ""
            en = f"{head_en}: {pct} {sign} {shown} ({required} required){open_en}"
            vi_text = f"{head_vi}: {pct_vi} {sign} {shown_vi} (cần {required}){open_vi}"
        if punished:
            return (
                NOT_MET,
                f"{en}; {punished} members disciplined at warning or above",
                f"{vi_text}; {punished} cá nhân bị kỷ luật từ cảnh cáo trở lên",
            )
        if any(d is None for d in disciplined):
            unknown_en = f"{en}; discipline of members not reported"
            unknown_vi = f"{vi_text}; chưa báo cáo kỷ luật cá nhân"
            return (NOT_MET if status is NOT_MET else UNKNOWN), unknown_en, unknown_vi
        return (
            status,
            f"{en}; no member disciplined",
            f"{vi_text}; không có cá nhân bị kỷ luật",
        )

    return fn


_BUILDERS: dict[CheckKind, Callable[[Check, str, str, str], _CheckFn]] = {
    CheckKind.TRUE: _true,
    CheckKind.AT_LEAST: _bound,
    CheckKind.AT_MOST: _bound,
    CheckKind.SHARE: _share,
    CheckKind.NO_INCREASE: _no_increase,
    CheckKind.NONE_OF: _none_of,
    CheckKind.REGISTERED_SHARE: _subunits,
    CheckKind.RECOGNISED_SHARE: _subunits,
    CheckKind.CONFIRMED: _confirmed,
    CheckKind.RATED: _rated,
    CheckKind.DIVISION_SHARE: _divisions,
}


def unit_facts(unit: object) -> dict[str, Any]:
    """The properties of an assessed record that checks may read (``FactKind.UNIT``, households)."""
    if isinstance(unit, ResidentialArea):
        return {"households": unit.households}
    if isinstance(unit, Organization):
        return {
            "organization_kind": unit.kind,
            "education_level": unit.education_level,
            "enterprise_size": unit.enterprise_size,
        }
    return {}


class CompiledCriterion:
    __slots__ = (
        "applies",
        "checks",
        "clause",
        "criterion",
        "id",
        "key",
        "key_uses_unit",
        "memo",
        "province",
        "source",
        "unverified",
        "values",
        "when_words",
    )

    def __init__(self, criterion: Criterion) -> None:
        self.criterion = criterion
        self.source = criterion  # what it was compiled from (a province's, before its includes)
        self.id = criterion.id
        self.clause = criterion.clause
        self.unverified = criterion.unverified
        self.province = criterion.province
        self.checks = tuple(_compile_check(c, criterion.id) for c in criterion.all_checks)
        when = criterion.when
        self.applies = None if when is None else _condition(when)
        self.when_words = (
            ("", "") if when is None else _CONDITION_WORDS.get(when.fact, (when.fact,) * 2)
        )
        # Findings are immutable: identical ones (most of them) are built once.
        self.memo: dict[tuple[str, str], Finding] = {}
        # ... and remembered, with their rank, under the facts they were computed from.
        self.values: dict[Any, tuple[Finding, int]] = {}
        self.key, self.key_uses_unit = key_reader(criterion)

    def miss(self, ev: Evidence, unit: object) -> tuple[Finding, int]:
        """The finding for *ev* and the assessed record *unit*, and its rank, remembered.

        The rank is 0 (met, not applicable), 1 (unknown) or 2 (not met).
        """
        found = self.run(ev, unit_facts(unit))
        entry = (found, _RANK[found.status])
        key = self.key
        if key is not None and len(self.values) < _MEMO_SIZE:
            with suppress(TypeError):  # an unhashable value (not from the codec): not remembered
                self.values[key(ev, unit) if self.key_uses_unit else key(ev)] = entry
        return entry

    def run(self, ev: Evidence, unit: dict[str, Any]) -> Finding:
        applies = None if self.applies is None else self.applies(ev, unit)
        cond_vi, cond_en = self.when_words
        if applies is False:
            return self._finding(
                NA, f"not applicable ({cond_en}: no)", f"không áp dụng ({cond_vi}: không)"
            )
        failed = unknown = False
        applicable = False
        reasons, reasons_vi = [], []
        for check in self.checks:
            status, reason, reason_vi = check(ev, unit)
            reasons.append(reason)
            reasons_vi.append(reason_vi)
            if status == NOT_MET:
                failed = True
            elif status == UNKNOWN:
                unknown = True
            elif status == MET:
                applicable = True
        text = reasons[0] if len(reasons) == 1 else "; ".join(reasons)
        text_vi = reasons_vi[0] if len(reasons_vi) == 1 else "; ".join(reasons_vi)
        status = NOT_MET if failed else UNKNOWN if unknown else MET if applicable else NA
        if applies is None and self.applies is not None and status != MET:
            status = UNKNOWN if status == NOT_MET else status
            text += f" (whether it applies is not reported: {cond_en})"
            text_vi += f" (chưa rõ có áp dụng không: {cond_vi})"
        return self._finding(status, text, text_vi)

    def _finding(self, status: int, text: str, text_vi: str) -> Finding:
        found = self.memo.get((text, text_vi))
        if found is not None:
            return found
        finding = Finding(
            criterion=self.id,
            clause=self.clause,
            status=_STATUS[status],
            reason=text,
            reason_vi=text_vi,
            unverified=self.unverified,
        )
        if len(self.memo) < _MEMO_SIZE:
            self.memo[(text, text_vi)] = finding
        return finding
