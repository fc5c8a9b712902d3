"""Rating of Tổ bảo vệ an ninh, trật tự and their members (HD 01/HD-BCA-V05), as data.

The rules (window, the 9-month rule, the 20 % quota on "xuất sắc", the task
share "xuất sắc" needs) live in ``rulesets/hd-01-bca-v05.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from functools import cache
from importlib.resources import files
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from khuonha.codec.core import loads
from khuonha.exceptions import InvalidDataError
from khuonha.model.fields import check_date, id_field, text, text_tuple
from khuonha.text.periods import Convention, Period

__all__ = [
    "TaskRating",
    "TeamCandidate",
    "TeamRating",
    "TeamRatingRules",
    "rate_teams",
    "team_rating_rules",
]

_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z")


class TaskRating(StrEnum):
    """Rating of a Tổ bảo vệ ANTT or of a member (mức xếp loại)."""

    HOAN_THANH_XUAT_SAC = "hoan_thanh_xuat_sac"
    """Hoàn thành xuất sắc nhiệm vụ."""
    HOAN_THANH_TOT = "hoan_thanh_tot"
    """Hoàn thành tốt nhiệm vụ."""
    HOAN_THANH = "hoan_thanh"
    """Hoàn thành nhiệm vụ."""
    KHONG_HOAN_THANH = "khong_hoan_thanh"
    """Không hoàn thành nhiệm vụ."""


def _month_day(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _MONTH_DAY.match(value):
        raise InvalidDataError(f"expected MM-DD, got {value!r:.40}", field=attribute.name)


def _fraction(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) not in (int, float) or not 0 <= value <= 1:  # type: ignore[operator]
        raise InvalidDataError(f"expected a fraction 0–1, got {value!r:.40}", field=attribute.name)


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 0 < value <= 120:
        raise InvalidDataError(f"expected months (1–120), got {value!r:.40}", field=attribute.name)


def _percent(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) not in (int, float) or not 0 <= value <= 100):  # type: ignore[operator]
        raise InvalidDataError(
            f"expected a percentage 0–100, got {value!r:.40}", field=attribute.name
        )


@attrs.frozen(kw_only=True)
class TeamRatingRules:
    """The rating rules of HD 01/HD-BCA-V05, as cited data.

    The window of cycle ``Y`` runs from ``window_start`` (MM-DD) in ``Y - 1``
    to ``window_end`` in ``Y``; a Tổ or member active fewer than
    ``min_months`` months by its end is not rated; at most
    ``excellent_share`` × the number rated "hoàn thành tốt" may be rated
    "xuất sắc", which also needs more than ``excellent_min_task_percent`` %
    of tasks done.
    """

    basis: str = text()
    title: str = text()
    valid_from: date | None = attrs.field(default=None, validator=check_date)
    sources: tuple[str, ...] = text_tuple()
    notes: tuple[str, ...] = text_tuple()
    window_start: str = attrs.field(validator=_month_day)
    window_end: str = attrs.field(validator=_month_day)
    min_months: int = attrs.field(validator=_positive)
    excellent_share: float = attrs.field(validator=_fraction)
    quota_base_includes_excellent: bool = False
    excellent_min_task_percent: float = attrs.field(validator=_percent)

    def window(self, cycle: int) -> Period:
        """The rating window of *cycle* (15/11 of the year before to 14/11 by default).

        >>> w = team_rating_rules().window(2025)
        >>> w.start, w.end
        (datetime.date(2024, 11, 15), datetime.date(2025, 11, 14))
        """
        sm, sd = (int(x) for x in self.window_start.split("-"))
        em, ed = (int(x) for x in self.window_end.split("-"))
        return Period(
            start=date(cycle - 1, sm, sd),
            end=date(cycle, em, ed),
            label=f"xếp loại Tổ bảo vệ ANTT {cycle} ({self.basis})",
            convention=Convention.ASSESSMENT,
        )


@cache
def team_rating_rules() -> TeamRatingRules:
    """The bundled rules (``rulesets/hd-01-bca-v05.json``)."""

    raw = files("khuonha").joinpath("rulesets", "hd-01-bca-v05.json").read_bytes()
    return loads(raw, TeamRatingRules)


@attrs.frozen(kw_only=True)
class TeamCandidate:
    """A Tổ (or a member) proposed for a rating.

    ``since`` is when the Tổ started operating or the member started serving
    (``None``: unknown); ``tasks_done_percent`` the share of tasks done across
    the law's task groups (``None``: unknown).
    """

    id: str = id_field()
    proposed: TaskRating
    since: date | None = attrs.field(default=None, validator=check_date)
    pending_complaint: bool = False
    """Involved in a complaint or denunciation not yet settled."""
    tasks_done_percent: float | None = attrs.field(default=None, validator=_percent)


@attrs.frozen(kw_only=True)
class TeamRating:
    """The rating :func:`rate_teams` gives one candidate.

    ``rating`` is ``None`` when the candidate is not rated (``excluded``) or
    when missing facts leave it open.
    """

    id: str
    proposed: TaskRating
    rating: TaskRating | None
    excluded: bool
    reason: str


def rate_teams(
    candidates: Iterable[TeamCandidate], cycle: int, rules: TeamRatingRules | None = None
) -> tuple[TeamRating, ...]:
    """Apply the rating rules to the proposals of one cycle (rate Tổ and members separately).

    Candidates involved in a pending complaint, or active fewer than
    ``min_months`` months by the window's end, are not rated. "Xuất sắc" needs
    more than ``excellent_min_task_percent`` % of tasks done, and the quota
    keeps the ones with the most tasks done (ties: input order); the others
    become "hoàn thành tốt".

    >>> from datetime import date
    >>> teams = [TeamCandidate(id=f"to-{i}", proposed=TaskRating.HOAN_THANH_TOT,
    ...                        since=date(2024, 7, 1)) for i in range(5)]
    >>> teams.append(TeamCandidate(id="to-5", proposed=TaskRating.HOAN_THANH_XUAT_SAC,
    ...                            since=date(2024, 7, 1), tasks_done_percent=98))
    >>> [r.rating.value for r in rate_teams(teams, 2025)][-1]
    'hoan_thanh_xuat_sac'
    >>> rate_teams(teams, 2024)[0].reason
    'not rated: active 4 months by 2024-11-14, fewer than 9'
    """
    rules = rules or team_rating_rules()
    window = rules.window(cycle)
    end = window.end or date(cycle, 12, 31)
    out: list[list[Any]] = []
    for c in candidates:
        rating, excluded, reason = _first_pass(c, rules, end)
        out.append([c, rating, excluded, reason])
    _apply_quota(out, rules)
    return tuple(
        TeamRating(id=c.id, proposed=c.proposed, rating=r, excluded=x, reason=why)
        for c, r, x, why in out
    )


def _first_pass(
    c: TeamCandidate, rules: TeamRatingRules, end: date
) -> tuple[TaskRating | None, bool, str]:
    if c.pending_complaint:
        return None, True, "not rated: involved in a pending complaint or denunciation"
    if c.since is None:
        return None, False, f"open: start date unknown ({rules.min_months}-month rule)"
    if c.since > end:
        return None, True, f"not rated: started after the window ({end.isoformat()})"
    span = relativedelta(end + timedelta(days=1), c.since)
    months = span.years * 12 + span.months
    if months < rules.min_months:
        return (
            None,
            True,
            (
                f"not rated: active {months} months by {end.isoformat()}, "
                f"fewer than {rules.min_months}"
            ),
        )
    if c.proposed is TaskRating.HOAN_THANH_XUAT_SAC:
        need = rules.excellent_min_task_percent
        done = c.tasks_done_percent
        if done is None:
            return None, False, f"open: share of tasks done unknown (> {need:g}% needed)"
        if done <= need:
            return (
                TaskRating.HOAN_THANH_TOT,
                False,
                (f"hoàn thành tốt: {done:g}% of tasks done, xuất sắc needs > {need:g}%"),
            )
        return c.proposed, False, f"as proposed: {done:g}% of tasks done > {need:g}%"
    return c.proposed, False, "as proposed"


def _apply_quota(rows: list[list[Any]], rules: TeamRatingRules) -> None:
    excellent = [r for r in rows if r[1] is TaskRating.HOAN_THANH_XUAT_SAC]
    good = sum(1 for r in rows if r[1] is TaskRating.HOAN_THANH_TOT)
    share = Fraction(str(rules.excellent_share))
    pool = good + len(excellent)
    if rules.quota_base_includes_excellent:
        allowed = int(share * pool)
    else:  # k ≤ share × (good + demoted) with demoted = len(excellent) − k
        allowed = int(share * pool / (1 + share))
    if len(excellent) <= allowed:
        return
    ranked = sorted(range(len(excellent)), key=lambda i: -(excellent[i][0].tasks_done_percent or 0))
    keep = set(ranked[:allowed])
    for i, row in enumerate(excellent):
        if i not in keep:
            row[1] = TaskRating.HOAN_THANH_TOT
            row[3] = (
                f"hoàn thành tốt: the {_pct(share)} quota allows {allowed} xuất sắc "
                f"for {pool - allowed} hoàn thành tốt"
            )


def _pct(share: Fraction) -> str:
    return f"{float(share) * 100:g}%"
