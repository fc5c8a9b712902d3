"""The activity chart: what it draws (results, counts), one number per line, any finite value."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from khuonha_pdf._chart import MAX_BARS, activity_chart, charted
from khuonha_pdf._fonts import register_fonts
from khuonha_pdf._labels import labels_for
from reportlab.graphics import renderPDF

from khuonha import Activity, KindLabel, Quantity, StatisticRole
from khuonha.text.fields import MAX_NUMBER

VI = labels_for("vi")


def _activity(i: int, value: float, *, unit: str | None = "lượt", **kw: Any) -> Activity:
    return Activity(
        id=f"a{i}",
        kind=f"kind_{i}",
        label=KindLabel(vi=f"Việc {i}"),
        quantity=Quantity(value=value, unit=unit),
        **kw,
    )


def _bars(activities: list[Activity]) -> list[str]:
    drawing = activity_chart(activities, VI, 450)
    assert drawing is not None
    chart = drawing.contents[0]
    return list(chart.categoryAxis.categoryNames)


def test_percentages_never_share_the_axis_with_counts() -> None:
    """A percentage is not charted beside counts (nor summed): the table keeps it."""
    acts = [_activity(1, 92), _activity(2, 100, unit="%"), _activity(3, 2500, unit="lượt người")]
    assert _bars(acts) == ["Việc 3", "Việc 1"]
    assert not charted(acts[1])
    assert activity_chart([acts[1]], VI, 450) is None


@pytest.mark.parametrize("role", [r for r in StatisticRole if r is not StatisticRole.RESULT])
def test_only_results_are_charted(role: StatisticRole) -> None:
    """Targets, baselines and profile figures are not what was done: no bar."""
    acts = [_activity(1, 5), _activity(2, 50, role=role)]
    assert _bars(acts) == ["Việc 1"]


def test_a_bar_label_does_not_repeat_its_figure() -> None:
    """A kind label that holds the figure as written loses it: the number is at the bar's end."""
    act = Activity(
        id="a",
        kind="trao_qua",
        label=KindLabel(vi="Trao 100 phần quà cho người dân"),
        quantity=Quantity(value=100, unit="phần quà", text="100 phần quà"),
    )
    assert _bars([act]) == ["Trao cho người dân"]


def test_at_most_max_bars() -> None:
    """A province's many kinds make at most MAX_BARS bars, the largest totals."""
    acts = [_activity(i, i + 1) for i in range(MAX_BARS + 5)]
    names = _bars(acts)
    assert len(names) == MAX_BARS
    assert "Việc 0" not in names


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([0, 5e-324, 1e-300, 1e-12, 0.004, 1, 2**53 - 1]),
            st.floats(0, MAX_NUMBER, allow_nan=False, allow_infinity=False),
            st.integers(0, MAX_NUMBER),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_finite_figure_draws(values: list[float]) -> None:
    """Every value a Quantity accepts draws: tiny ones (5e-324) once broke reportlab's axis."""
    register_fonts()
    drawing = activity_chart([_activity(i, v) for i, v in enumerate(values)], VI, 450)
    assert drawing is not None
    assert renderPDF.drawToString(drawing).startswith(b"%PDF")
