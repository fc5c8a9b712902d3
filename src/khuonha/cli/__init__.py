"""The ``khuonha`` command line: one module per subcommand, exit codes decided in one place.

See :mod:`khuonha.cli.main` for the exit codes; :data:`~khuonha.cli.commands.COMMANDS`
lists the subcommand modules.
"""

from __future__ import annotations

from khuonha.cli.main import main, run

__all__ = ["main", "run"]
