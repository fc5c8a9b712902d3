"""``khuonha plugins [--json]``: exporters, importers, plugins, failures and conflicts."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khuonha.cli._io import print_json, write_text
from khuonha.cli._show import shown
from khuonha.cli.commands import COMMANDS


def register(sub: Any) -> None:
    """Add the ``plugins`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "plugins",
        help=COMMANDS["plugins"],
        description="List every exporter and importer (built-ins included: their plugin is "
        "'khuonha'), "
        "the plugins loaded with their versions, the plugins that failed to load and any "
        "name or suffix two exporters claim. Exit 0 when the list could be made, failures "
        "included; 1 when KHUONHA_STRICT_PLUGINS=1 and a plugin failed or conflicts.",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object with keys exporters, importers, plugins, failures, conflicts",
    )
    p.set_defaults(func=run)


def report(host: Any) -> dict[str, Any]:
    """The ``--json`` report of a loaded :class:`~khuonha.plugins.host.PluginHost`."""
    regs = sorted(host.registrations(), key=lambda r: (r.exporter.name, r.plugin.name))
    return {
        "exporters": [
            {
                "name": r.exporter.name,
                "suffixes": list(r.exporter.suffixes),
                "media_type": r.exporter.media_type,
                "plugin": r.plugin.name,
            }
            for r in regs
        ],
        "importers": [
            {
                "name": r.importer.name,
                "suffixes": list(r.importer.suffixes),
                "media_type": r.importer.media_type,
                "plugin": r.plugin.name,
            }
            for r in sorted(
                host.importer_registrations(), key=lambda r: (r.importer.name, r.plugin.name)
            )
        ],
        "plugins": [{"name": p.name, "version": p.version} for p in host.plugins()],
        "failures": [{"plugin": f.plugin, "error": f.message} for f in host.failures()],
        "conflicts": [
            {"key": c.key, "claimants": [c.first, c.second]}
            for c in [*host.conflicts(), *host.importer_conflicts()]
        ],
    }


def _print_text(host: Any) -> None:
    regs = sorted(host.registrations(), key=lambda r: (r.exporter.name, r.plugin.name))
    lines = ["Exporters:"]
    for r in regs:
        e = r.exporter
        lines.append(
            f"  {e.name:<8} {' '.join(e.suffixes):<10} {e.media_type:<24} "
            f"{r.plugin.name} {r.plugin.version}  {e.description}"
        )
    lines.append("Importers:")
    for i in sorted(host.importer_registrations(), key=lambda r: (r.importer.name, r.plugin.name)):
        m = i.importer
        lines.append(
            f"  {m.name:<8} {' '.join(m.suffixes):<10} {m.media_type:<24} "
            f"{i.plugin.name} {i.plugin.version}  {m.description}"
        )
    lines.append("Plugins:")
    lines.extend(f"  {p.name} {p.version} ({p.distribution})" for p in host.plugins())
    failures = host.failures()
    if failures:
        lines.append("Failed to load:")
        lines.extend(f"  {f}" for f in failures)
    conflicts = [*host.conflicts(), *host.importer_conflicts()]
    if conflicts:
        lines.append("Conflicts:")
        lines.extend(f"  {c}" for c in conflicts)
    write_text("".join(shown(line) + "\n" for line in lines))


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 only in strict mode with a failure or a conflict."""
    from khuonha.plugins.host import PluginHost  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    host = PluginHost(strict=False)
    host.load()
    if args.json:
        print_json(report(host))
    else:
        _print_text(host)
    conflicts = [*host.conflicts(), *host.importer_conflicts()]
    if PluginHost().strict and (host.failures() or conflicts):
        count = len(host.failures()) + len(conflicts)
        print(
            f"khuonha: error: {count} plugin problem(s) and KHUONHA_STRICT_PLUGINS is set",
            file=sys.stderr,
        )
        return 1
    return 0
