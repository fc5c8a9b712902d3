"""The bar chart of activity figures, drawn with reportlab's own graphics.

Figures are summed by activity kind, so a province's hundreds of rows make
one bar per kind. Every label and axis names its font.

What is charted, and why:

- only results: targets, baselines and profile figures are not what was done;
- only counts: a percentage ("100% số hộ") is never put on the same axis as
  counts, and percentages of different wholes do not add up, so they are not
  charted at all (the table above the chart lists them);
- each figure's number is written once on its line: at the end of its bar,
  never again in the bar's label, which names the kind only.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from khuonha import Activity, StatisticRole
from khuonha_pdf._fonts import BOLD, REGULAR
from khuonha_pdf._format import activity_name, format_number
from khuonha_pdf._labels import Labels
from khuonha_pdf._text import clip, plain

__all__ = ["MAX_BARS", "activity_chart", "charted"]

PERCENT = "%"

#: At most this many bars (the largest totals); the rest stay in the table.
MAX_BARS = 16
_LABEL_CHARS = 42
_BAR = 15.0
_LEFT = 190.0


def charted(activity: Activity) -> bool:
    """Whether *activity* has a bar: a result counted in units, not a percentage."""
    return activity.role is StatisticRole.RESULT and activity.quantity.unit != PERCENT


def _totals(activities: Iterable[Activity]) -> tuple[dict[str, float], dict[str, Activity]]:
    """Totals of the charted figures by kind (see :func:`charted`)."""
    totals: dict[str, float] = {}
    first: dict[str, Activity] = {}
    for activity in activities:
        if not charted(activity):
            continue
        totals[activity.kind] = totals.get(activity.kind, 0) + activity.quantity.value
        first.setdefault(activity.kind, activity)
    return totals, first


def activity_chart(activities: Iterable[Activity], labels: Labels, width: float) -> Drawing | None:
    """A horizontal bar chart of the figures by kind, or ``None`` without activities."""
    totals, first = _totals(activities)
    if not totals:
        return None
    order = list(totals)
    largest = sorted(order, key=lambda k: -totals[k])[:MAX_BARS]
    kinds = [k for k in order if k in largest]
    # The category axis draws from the bottom up; reverse so the table's order reads down.
    kinds.reverse()
    values = [float(totals[k]) for k in kinds]
    top = max(values)

    height = 34 + _BAR * 1.6 * len(kinds) + 16
    drawing = Drawing(width, height)
    # The renderer starts every drawing in this font; reportlab's default is Helvetica.
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = 8.5
    chart = HorizontalBarChart()
    chart.x = _LEFT
    chart.y = 16
    chart.width = width - _LEFT - 70
    chart.height = _BAR * 1.6 * len(kinds)
    chart.data = [values]
    chart.bars[0].fillColor = colors.HexColor("#8a1c1c")
    chart.bars[0].strokeColor = None
    chart.barWidth = _BAR
    chart.groupSpacing = _BAR * 0.6

    chart.categoryAxis.categoryNames = [_bar_name(first[k], labels) for k in kinds]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.black

    chart.valueAxis.valueMin = 0
    # At least 1: reportlab divides by a tick step derived from the range, and a range of
    # 5e-324 makes that step 0 (every total is a finite number from 0 to 2**53 - 1).
    chart.valueAxis.valueMax = max(top * 1.15, 1.0)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#cccccc")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.labelTextFormat = lambda v: _short(v, labels)
    chart.valueAxis.strokeColor = colors.black

    chart.barLabelFormat = lambda v: _short(v, labels)
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.nudge = 0

    drawing.add(chart)
    drawing.add(
        String(
            width / 2,
            height - 12,
            labels["chart_title"],
            fontName=BOLD,
            fontSize=10.5,
            textAnchor="middle",
        )
    )
    return drawing


def _bar_name(activity: Activity, labels: Labels) -> str:
    """The bar's label: the kind, without the figure (its number is at the bar's end)."""
    return clip(plain(activity_name(activity, labels), 200), _LABEL_CHARS)


def _short(value: float, labels: Labels) -> str:
    """A chart label: the number in the report's notation, short enough to fit."""
    if value >= 1e12:
        return clip(f"{value:.3g}", 12)
    text = format_number(round(value, 2), english=labels.en)
    return clip(text, 18)
