"""What makes assessing many units fast: findings remembered by their facts, and generated runners.

A criterion's finding depends only on the facts its checks read, so each
compiled criterion remembers its findings under the tuple of those raw
values (:func:`key_reader`): a unit seen before costs one C-level attribute
read and one dict lookup, with no formatting. Evidence attributes are read
with one ``attrgetter``; the rest (the unit record's properties, measures, a
condition's outcome) by small functions.

:func:`compile_runner` then turns the criteria of one unit type, cycle and
basis into one generated function that looks every finding up and builds the
:class:`~khuonha.Assessment`, with no loop and no per-criterion call when
the findings are known. What it returns is what running every check gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, Protocol

from khuonha.model.evidence import Evidence, FactKind, fact_kind
from khuonha.model.people import Organization
from khuonha.model.places import ResidentialArea
from khuonha.rules.criteria import CheckKind, Condition, Criterion

__all__ = ["compile_runner", "key_reader"]

KeyPart = Callable[[Evidence, Any], Any]


class Remembering(Protocol):
    """What :func:`compile_runner` needs of a compiled criterion."""

    key: Callable[..., Any] | None
    key_uses_unit: bool
    values: dict[Any, tuple[Any, int]]

    def miss(self, ev: Evidence, unit: Any) -> tuple[Any, int]:
        """The finding and its rank, computed and remembered."""


# ---------------------------------------------------------------- keys


def _unit_households(_ev: Evidence, unit: Any) -> Any:
    return unit.households if isinstance(unit, ResidentialArea) else None


def _unit_property(name: str) -> KeyPart:
    attribute = "kind" if name == "organization_kind" else name

    def get(_ev: Evidence, unit: Any) -> Any:
        return getattr(unit, attribute) if isinstance(unit, Organization) else None

    return get


def _evidence_attr(name: str) -> KeyPart:
    get = attrgetter(name)
    return lambda ev, _unit: get(ev)


def _measure(name: str) -> KeyPart:
    return lambda ev, _unit: ev.fact(name)


def _condition_outcome(when: Condition) -> KeyPart:
    """What a condition decides: ``None`` (unknown), ``True`` or ``False``."""
    name = when.fact
    read = _unit_property(name) if fact_kind(name) == FactKind.UNIT else _evidence_attr(name)
    wanted = frozenset(when.one_of)

    def outcome(ev: Evidence, unit: Any) -> Any:
        value = read(ev, unit)
        if value is not None and not isinstance(value, bool):
            return getattr(value, "value", value) in wanted
        return None if value is None else value is True

    return outcome


def _key_parts(criterion: Criterion) -> tuple[tuple[str, ...], tuple[KeyPart, ...]] | None:
    """The evidence attributes and other parts a criterion's finding depends on.

    ``None`` when it is not worth remembering (a commune's tallies differ per commune).
    """
    plain: dict[str, None] = {}
    parts: list[KeyPart] = []
    if criterion.when is not None:
        parts.append(_condition_outcome(criterion.when))
    for check in criterion.all_checks:
        if check.kind in (CheckKind.REGISTERED_SHARE, CheckKind.RECOGNISED_SHARE):
            return None
        if check.kind is CheckKind.CONFIRMED:
            plain.update(dict.fromkeys(("confirmed", "refuted")))
        if check.when is not None:
            parts.append(_condition_outcome(check.when))
        for name in (check.fact, check.of):
            if name is None:
                continue
            kind = fact_kind(name)
            if kind == FactKind.SUBUNITS:
                return None
            if kind == FactKind.UNIT:
                parts.append(_unit_property(name))
            elif kind == FactKind.MEASURE:
                parts.append(_measure(name))
            else:
                plain[name] = None
                if name == "households":  # defaults to the residential area's count
                    parts.append(_unit_households)
    return tuple(plain), tuple(parts)


def key_reader(criterion: Criterion) -> tuple[Callable[..., Any] | None, bool]:
    """``(read, uses_unit)``: the memo key of *criterion*'s finding, ``read(ev[, unit])``.

    ``read`` is ``None`` when findings are not remembered; ``uses_unit`` says
    whether it also takes the assessed record.
    """
    found = _key_parts(criterion)
    if found is None:
        return None, False
    names, parts = found
    plain: Callable[[Evidence], Any] = attrgetter(*names) if names else (lambda _ev: ())
    if not parts:
        return plain, False
    if len(parts) == 1:
        (part,) = parts
        return (lambda ev, unit: (plain(ev), part(ev, unit))), True
    return (lambda ev, unit: (plain(ev), *[p(ev, unit) for p in parts])), True


# ---------------------------------------------------------------- runners


def compile_runner(
    criteria: Sequence[Remembering],
    make: Callable[..., Any],
    constants: dict[str, Any],
    extras: dict[str, Callable[[Evidence], Any]] | None = None,
) -> Callable[[Any, Evidence], Any]:
    """``run(unit, ev)``: ``make(unit=unit.id, findings=..., result=..., **constants)``.

    Each of *extras* adds ``name=fn(ev)`` to the call (the procedure's findings).

    Each finding comes from its criterion's memo, or from ``miss`` (which
    computes and remembers it). The result is ``results[r0 | r1 | ...]`` of
    the findings' ranks (``constants["results"]``, not passed to *make*):
    0 met or not applicable, 1 unknown, 2 not met.
    """
    env: dict[str, Any] = {"make": make, **constants}
    lines = ["def run(unit, ev):"]
    for i, criterion in enumerate(criteria):
        env[f"m{i}"] = criterion.miss
        if criterion.key is None:
            lines.append(f"    f{i}, r{i} = m{i}(ev, unit)")
            continue
        env[f"v{i}"], env[f"k{i}"] = criterion.values, criterion.key
        read = f"k{i}(ev, unit)" if criterion.key_uses_unit else f"k{i}(ev)"
        lines += [
            "    try:",
            f"        f{i}, r{i} = v{i}[{read}]",
            "    except (KeyError, TypeError):",  # not seen yet, or an unhashable value
            f"        f{i}, r{i} = m{i}(ev, unit)",
        ]
    findings = "".join(f"f{i}, " for i in range(len(criteria)))
    rank = " | ".join(f"r{i}" for i in range(len(criteria))) or "1"
    rest = ", ".join(f"{k}={k}" for k in constants if k != "results")
    for name, fn in (extras or {}).items():
        env[f"x_{name}"] = fn
        rest += f", {name}=x_{name}(ev)"
    lines.append(
        f"    return make(unit=unit.id, findings=({findings}), result=results[{rank}], {rest})"
    )
    exec(compile("\n".join(lines), "<khuonha assessment runner>", "exec"), env)  # noqa: S102
    run: Callable[[Any, Evidence], Any] = env["run"]
    return run
