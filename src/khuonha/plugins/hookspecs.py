"""Hook specifications: every hook a khuonha plugin may implement.

A plugin is a module (or any object) with functions marked by
:data:`hookimpl` and named after the specifications below. It is found
through the entry-point group ``khuonha``::

    [project.entry-points.khuonha]
    csv = "khuonha_csv"

The built-in exporters (``json``, ``jsonl``) are plugins too: they register
through the same hooks, before any installed plugin.

Rules for every hook here:

- the name starts with ``khuonha_``; the signature is typed and exact;
- an implementation may declare fewer arguments than its specification
  (adding an argument is a minor change, removing or renaming one a major one);
- hooks are called by :class:`khuonha.plugins.host.PluginHost` only, one plugin at
  a time, so a failure is charged to the plugin that caused it.

Hooks are grouped under banner comments, one section per concern.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from khuonha.plugins.exporter import Exporter
    from khuonha.plugins.units import UnitRegistry
    from khuonha.rules import Criterion

__all__ = ["PROJECT", "hookimpl", "hookspec"]

#: The pluggy project name; also the entry-point group plugins are found in.
PROJECT = "khuonha"

#: Marks a hook specification (used only in this module).
hookspec = pluggy.HookspecMarker(PROJECT)

#: Marks a plugin's hook implementation; re-exported as :data:`khuonha.hookimpl`,
#: so a plugin never imports pluggy itself.
hookimpl = pluggy.HookimplMarker(PROJECT)


# ---------------------------------------------------------------------------
# Exporters: output formats
# ---------------------------------------------------------------------------


@hookspec
def khuonha_register_exporters() -> Iterable[Exporter[Any]]:  # type: ignore[empty-body]
    """Return the exporters this plugin provides.

    Called once per plugin host, on the first exporter lookup (never at
    ``import khuonha``), and once for each plugin on its own.

    :returns: :class:`~khuonha.plugins.exporter.Exporter` *instances* (a list or a
        tuple); each exporter's ``name`` and each of its ``suffixes`` must be
        unique across everything installed, the built-in ``json`` and
        ``jsonl`` included. Anything else in the result (a class, ``None``,
        an exporter whose metadata is invalid) is a malformed registration:
        the plugin is dropped and reported, and the other plugins keep working.

    Implemented by: any plugin that adds an output format.

    Example::

        from khuonha import hookimpl

        @hookimpl
        def khuonha_register_exporters():
            return [CsvExporter()]

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------------------
# New hooks go below, each concern under its own banner like the one above:
# a typed spec, a docstring with :returns:, "Implemented by:" and
# ".. versionadded::", a heading with the exact signature in docs/plugins.md,
# and a test.
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Criteria: a province's own certification criteria (TT 124/2021/TT-BCA Điều 8.1)
# ---------------------------------------------------------------------------


@hookspec
def khuonha_register_criteria() -> Iterable[Criterion]:  # type: ignore[empty-body]
    """Return the certification criteria a province adds to the standard.

    TT 124/2021/TT-BCA Điều 8.1 judges units on its own criteria plus any the
    provincial People's Committee sets. Called once per plugin host, the
    first time provincial criteria are asked for (:func:`khuonha.assess`
    with ``province=``, :func:`khuonha.assess_dataset`), never at
    ``import khuonha``, and once for each plugin on its own.

    :returns: :class:`~khuonha.rules.Criterion` *instances* (a list or a
        tuple). Set each one's ``province`` to the two-digit code of the
        province whose decision adds it (a criterion without a province
        applies in every province), its ``clause`` to that decision's
        reference, and give it an ``id`` no ruleset uses. The criteria apply
        only under bases that allow provincial criteria (TT 124 and its
        amendments), to units of their ``unit_type``. Anything else in the
        result is a malformed registration: the plugin is dropped and
        reported, and the other plugins keep working.

    Implemented by: a plugin carrying one province's rules.

    Example::

        from khuonha import Check, CheckKind, Criterion, UnitType, hookimpl

        @hookimpl
        def khuonha_register_criteria():
            return [
                Criterion(
                    id="tq-camera", province="08", unit_type=UnitType.KHU_DAN_CU,
                    clause="QĐ …/QĐ-UBND Điều 2",
                    text_vi="Có camera an ninh hoạt động.",
                    text_en="Security cameras operate.",
                    checks=(Check(kind=CheckKind.AT_LEAST,
                                  fact="measure:cameras", value=1),),
                ),
            ]

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------------------
# Units: registries of administrative units (names → codes, old → new)
# ---------------------------------------------------------------------------


@hookspec
def khuonha_register_units() -> Iterable[UnitRegistry]:  # type: ignore[empty-body]
    """Return the administrative-unit registries this plugin provides.

    Called once per plugin host, when plugins load (never at
    ``import khuonha``), and once for each plugin on its own. Keep the call
    cheap: a registry should read its data on its first query, so a command
    that never asks about units never pays for them. The host merges every
    registry in load order (:meth:`khuonha.PluginHost.unit_registry`); a
    unit's scheme and code are listed once, from the first registry that
    knows it.

    :returns: objects implementing :class:`~khuonha.UnitRegistry` (``resolve``,
        ``get`` and ``find``), a list or a tuple. Their units are
        :class:`~khuonha.AdministrativeUnit` records whose ``parent``,
        ``successors`` and ``predecessors`` are ids the same registry's ``get``
        answers. Anything else in the result is a malformed registration: the
        plugin is dropped and reported, and the other plugins keep working.

    Implemented by: ``khuonha-units`` (the national lists before and after
    1/7/2025), and any plugin that adds units, such as a province's own list.

    Example::

        from khuonha import hookimpl

        @hookimpl
        def khuonha_register_units():
            return [ProvinceUnits("tuyen-quang-2026.json")]

    .. versionadded:: 0.1
    """
