"""The assessment fast path: remembered findings are exactly what running the checks gives."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from khuonha import assess
from khuonha.exceptions import InvalidDataError
from khuonha.rules import AssessmentResult, load_ruleset, resolve, unit_type_of
from khuonha.rules.checks import CompiledCriterion, unit_facts
from khuonha.testing import strategies as ks

_UNITS = st.one_of(ks.residential_areas(), ks.organizations(), ks.administrative_units())
_BASES = st.sampled_from([None, "23/2012/TT-BCA", "124/2021/TT-BCA", "48/2025/TT-BCA"])
#: Flags are not type-checked by the constructor: 1 and True must not share a memo entry.
# 0 and 1 are not flags: the models refuse them (a constructor accepts only what exports)
_ODD_FLAGS = st.sampled_from([None, True, False])


@settings(max_examples=300, deadline=None)
@given(
    cases=st.lists(st.tuples(_UNITS, ks.evidence(), _BASES, _ODD_FLAGS, st.booleans()), max_size=6)
)
def test_remembered_findings_match_a_fresh_run(cases: list[tuple[Any, ...]]) -> None:
    """Each finding equals what a newly compiled criterion (no memo) gives, however often seen."""
    for unit, given_ev, basis, flag, odd in cases:
        ev = attrs.evolve(given_ev, unit=unit.id)
        if odd:
            ev = attrs.evolve(ev, has_party_organization=flag, resolution_in_q1=flag)
        try:
            found = [assess(unit, ev, ev.cycle, basis) for _ in range(2)]
        except InvalidDataError:  # not certifiable, or no basis for the cycle
            continue
        assert found[0] == found[1]
        if found[0].result is AssessmentResult.NOT_ELIGIBLE:
            continue
        unit_type = ev.unit_type or unit_type_of(unit)
        criteria = resolve(load_ruleset(found[0].basis)).criteria_for(unit_type)
        fresh = tuple(CompiledCriterion(c).run(ev, unit_facts(unit)) for c in criteria)
        assert found[0].findings == fresh
