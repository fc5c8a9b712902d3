"""Movement classification (QĐ 510) and the Tổ bảo vệ ANTT rating (HD 01), as data."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khuonha import MovementLevel, TaskRating, TeamCandidate, UnitType, classify, rate_teams
from khuonha.exceptions import InvalidDataError
from khuonha.rules.classification import movement_rules, team_rating_rules

T = {"xuat_sac": 90, "kha": 70, "trung_binh": 50}
FULL = {"1": 3, "2": 3, "3": 5, "4a": 1}


def _sheet(rest: float) -> dict[str, float]:
    return {**FULL, "con-lai": rest}


def test_sheets_are_100_points_and_cite_their_source() -> None:
    """Every bundled sheet adds up to 100 and the decision is cited."""
    rules = movement_rules()
    assert rules.basis == "510/QĐ-BCA-V05"
    assert rules.sources
    for sheet in rules.sheets:
        assert sum(i.points for i in sheet.items) == 100
    agencies = rules.sheet_for(UnitType.DOANH_NGHIEP)
    assert [i.points for i in agencies.items][:4] == [3, 3, 5, 1]
    assert agencies.deadline(2023) == date(2023, 11, 30)
    assert rules.sheet_for("khu_dan_cu").deadline(2023) == date(2023, 11, 20)


def test_unverified_items_are_marked() -> None:
    """Thresholds, the yếu level, the KDC/xã sheets and items after 4a are unverified data."""
    rules = movement_rules()
    assert all(r.unverified and r.min_points is None for r in rules.levels)
    assert MovementLevel.YEU in {r.level for r in rules.levels}
    assert rules.sheet_for("xa").unverified
    assert rules.sheet_for("khu_dan_cu").unverified
    items = {i.id: i for i in rules.sheet_for("co_quan").items}
    assert items["con-lai"].unverified
    assert not items["4a"].unverified


@pytest.mark.parametrize(
    ("rest", "level"),
    [
        (78, MovementLevel.XUAT_SAC),
        (77.5, MovementLevel.KHA),
        (58, MovementLevel.KHA),
        (57, MovementLevel.TRUNG_BINH),
        (38, MovementLevel.TRUNG_BINH),
    ],
)
def test_levels_at_their_thresholds(rest: float, level: MovementLevel) -> None:
    """A total equal to a threshold reaches that level; half a point less does not."""
    c = classify(_sheet(rest), "co_quan", thresholds=T)
    assert c.level is level
    assert c.points == 12 + rest


def test_below_every_level_without_yeu() -> None:
    """Below trung bình there is no level unless a (unverified) yếu threshold is given."""
    low = classify(_sheet(20), "co_quan", thresholds=T)
    assert low.level is None
    assert "yếu" in low.reason
    c = classify(_sheet(20), "co_quan", thresholds={**T, "yeu": 0})
    assert c.level is MovementLevel.YEU
    assert c.unverified


def test_no_thresholds_no_level() -> None:
    """With the bundled data (no official cut-offs) classify gives no level, and says why."""
    c = classify(_sheet(88), "doanh_nghiep")
    assert c.level is None
    assert "unverified" in c.reason


def test_missing_items_leave_the_level_open_unless_it_cannot_change() -> None:
    """Unknown items are open: a level is given only when every outcome leads to it."""
    open_ = classify(FULL, "co_quan", thresholds=T)
    assert open_.level is None
    assert open_.missing == ("con-lai",)
    assert open_.possible == 100
    sure = classify({"con-lai": 88, "1": 3}, "co_quan", thresholds=T)
    assert sure.level is MovementLevel.XUAT_SAC  # 91 already; at most 100


@pytest.mark.parametrize("points", [{"9": 1}, {"1": 4}, {"1": -1}])
def test_bad_points_are_refused(points: dict[str, float]) -> None:
    """Unknown items and points above an item's maximum are errors."""
    with pytest.raises(InvalidDataError):
        classify(points, "co_quan", thresholds=T)


def test_thresholds_must_fall() -> None:
    """Thresholds out of order, or unknown levels, are errors."""
    with pytest.raises(InvalidDataError):
        classify(FULL, "co_quan", thresholds={"xuat_sac": 60, "kha": 70})
    with pytest.raises(InvalidDataError):
        classify(FULL, "co_quan", thresholds={"gioi": 60})


# ---------------------------------------------------------------- Tổ bảo vệ ANTT


def _team(
    i: int, rating: TaskRating, *, since: date = date(2024, 7, 1), done: float | None = 99
) -> TeamCandidate:
    return TeamCandidate(id=f"to-{i}", proposed=rating, since=since, tasks_done_percent=done)


def test_window_is_15_11_to_14_11() -> None:
    """The rating window of 2025 runs from 15/11/2024 to 14/11/2025 (data, HD 01)."""
    window = team_rating_rules().window(2025)
    assert (window.start, window.end) == (date(2024, 11, 15), date(2025, 11, 14))
    assert team_rating_rules().min_months == 9
    assert "UNVERIFIED" in " ".join(team_rating_rules().notes)


def test_nine_month_rule_boundary() -> None:
    """Exactly 9 months by 14/11 is rated; one day less is not rated (and not a failure)."""
    ok = rate_teams([_team(0, TaskRating.HOAN_THANH_TOT, since=date(2025, 2, 15))], 2025)[0]
    assert ok.rating is TaskRating.HOAN_THANH_TOT
    short = rate_teams([_team(0, TaskRating.HOAN_THANH_TOT, since=date(2025, 2, 16))], 2025)[0]
    assert short.rating is None
    assert short.excluded
    assert "8 months" in short.reason


def test_new_teams_of_july_2024_are_not_rated_in_2024() -> None:
    """Tổ created on 1/7/2024 have 4 months by 14/11/2024: not rated that year."""
    r = rate_teams([_team(0, TaskRating.HOAN_THANH_TOT)], 2024)[0]
    assert (r.rating, r.excluded) == (None, True)


def test_pending_complaint_and_unknown_facts() -> None:
    """A pending complaint excludes; an unknown start or task share leaves the rating open."""
    c = attrs.evolve(_team(0, TaskRating.HOAN_THANH), pending_complaint=True)
    assert rate_teams([c], 2025)[0].excluded
    unknown = attrs.evolve(_team(1, TaskRating.HOAN_THANH), since=None)
    r = rate_teams([unknown], 2025)[0]
    assert (r.rating, r.excluded) == (None, False)
    open_ = rate_teams([_team(2, TaskRating.HOAN_THANH_XUAT_SAC, done=None)], 2025)[0]
    assert (open_.rating, open_.excluded) == (None, False)


def test_excellent_needs_more_than_95_percent() -> None:
    """Exactly 95% of tasks done is not enough for xuất sắc: it becomes hoàn thành tốt."""
    teams = [_team(i, TaskRating.HOAN_THANH_TOT) for i in range(10)]
    r = rate_teams([*teams, _team(10, TaskRating.HOAN_THANH_XUAT_SAC, done=95)], 2025)
    assert r[-1].rating is TaskRating.HOAN_THANH_TOT
    r = rate_teams([*teams, _team(10, TaskRating.HOAN_THANH_XUAT_SAC, done=95.5)], 2025)
    assert r[-1].rating is TaskRating.HOAN_THANH_XUAT_SAC


def test_twenty_percent_quota_keeps_the_best() -> None:
    """10 tốt + 3 xuất sắc: 2 may stay (2 ≤ 20% × 11); the one with fewest tasks done drops."""
    teams = [_team(i, TaskRating.HOAN_THANH_TOT) for i in range(10)]
    teams += [
        _team(10, TaskRating.HOAN_THANH_XUAT_SAC, done=97),
        _team(11, TaskRating.HOAN_THANH_XUAT_SAC, done=99),
        _team(12, TaskRating.HOAN_THANH_XUAT_SAC, done=98),
    ]
    r = {x.id: x for x in rate_teams(teams, 2025)}
    assert r["to-10"].rating is TaskRating.HOAN_THANH_TOT
    assert "quota" in r["to-10"].reason
    assert r["to-11"].rating is r["to-12"].rating is TaskRating.HOAN_THANH_XUAT_SAC


def test_quota_base_is_configurable() -> None:
    """4 tốt + 1 xuất sắc: 1 > 20% × 4 drops it; counting xuất sắc in the base (5) keeps it."""
    teams = [
        *(_team(i, TaskRating.HOAN_THANH_TOT) for i in range(4)),
        _team(4, TaskRating.HOAN_THANH_XUAT_SAC),
    ]
    assert rate_teams(teams, 2025)[-1].rating is TaskRating.HOAN_THANH_TOT
    inclusive = attrs.evolve(team_rating_rules(), quota_base_includes_excellent=True)
    assert rate_teams(teams, 2025, inclusive)[-1].rating is TaskRating.HOAN_THANH_XUAT_SAC


@settings(max_examples=80)
@given(
    st.lists(st.tuples(st.sampled_from(TaskRating), st.floats(90, 100)), max_size=30), st.booleans()
)
def test_quota_always_holds(proposals: list[tuple[TaskRating, float]], inclusive: bool) -> None:
    """However many are proposed, xuất sắc never exceed 20% of the base after rating."""
    rules = attrs.evolve(team_rating_rules(), quota_base_includes_excellent=inclusive)
    teams = [_team(i, p, done=d) for i, (p, d) in enumerate(proposals)]
    ratings = [r.rating for r in rate_teams(teams, 2025, rules)]
    excellent = ratings.count(TaskRating.HOAN_THANH_XUAT_SAC)
    good = ratings.count(TaskRating.HOAN_THANH_TOT)
    base = good + excellent if inclusive else good
    assert excellent * 5 <= base
