"""The subcommands of the ``khuonha`` command line.

Each subcommand module in :mod:`khuonha.cli` has ``register(subparsers)``, which
adds its parser and sets ``func`` to a function taking the parsed arguments and
returning an exit code.
Modules import heavy dependencies inside ``func``, so ``khuonha --help`` stays fast.
"""

from __future__ import annotations

#: Subcommand modules, in the order ``khuonha --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "sample",
    "validate",
    "schema",
    "export",
    "assess",
    "plugins",
    "period",
    "rollup",
    "unit",
    "scan",
    "extract",
)
