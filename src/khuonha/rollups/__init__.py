"""Roll-ups: totals per unit and indicator, from village to province, with cùng kỳ.

Above the rules and below the plugins: roll-ups read datasets (model), the
indicator catalogue (data read through the codec) and periods (text). A unit
registry plugin can hand in the 2025 reorganisation (old code → new codes).

>>> import khuonha
>>> r = khuonha.rollup([khuonha.sample()], level="province")
>>> r.row("post_2025:08", "buoi_tuyen_truyen").total.describe()
'92'
"""

from __future__ import annotations

from khuonha.rollups.bounds import Total
from khuonha.rollups.core import Comparison, Rollup, RollupRow, rollup
from khuonha.rollups.forms import Form, FormColumn, FormRow, FormTable, form_table, load_form
from khuonha.rollups.indicators import Catalogue, Indicator, Source, indicator_catalogue

__all__ = [
    "Catalogue",
    "Comparison",
    "Form",
    "FormColumn",
    "FormRow",
    "FormTable",
    "Indicator",
    "Rollup",
    "RollupRow",
    "Source",
    "Total",
    "form_table",
    "indicator_catalogue",
    "load_form",
    "rollup",
]
