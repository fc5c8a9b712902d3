"""The subcommands of the ``khuonha`` command line.

Each subcommand module in :mod:`khuonha.cli` has ``register(subparsers)``, which
adds its parser and sets ``func`` to a function taking the parsed arguments and
returning an exit code.

:data:`COMMANDS` is a static table of the commands and their one-line help, so
``khuonha --help`` lists every command without importing a single command
module; a command's module is imported only when that command runs (or its own
``--help`` is asked for). Each module takes its help line from this table.
Modules import heavy dependencies inside ``func``, so a command's ``--help``
stays fast too.
"""

from __future__ import annotations

#: Subcommand module name -> its help line, in the order ``khuonha --help`` lists them.
COMMANDS: dict[str, str] = {
    "sample": "print a bundled dataset as JSON (default: the Khuôn Hà 2022 article)",
    "validate": "check dataset files; print FILE: $.path: reason per problem",
    "schema": "print the JSON Schema (draft 2020-12) of a dataset",
    "export": "export a dataset in one or more formats (default: the sample, every format)",
    "assess": 'assess units against "An toàn về an ninh, trật tự" (default: the bundled sample)',
    "plugins": "list exporters, importers, plugins and plugins that failed to load",
    "period": "read a period ('8 tháng đầu năm 2022') and print its dates",
    "rollup": "total the figures of datasets per commune or province (with cùng kỳ)",
    "unit": "resolve an administrative unit's name ('xã Khuôn Hà') to its codes",
    "enrich": "fill in the codes of units a dataset names without them, from the unit registries",
    "scan": "find every quantity and period in running text",
    "extract": "read a report or an article (.txt, .html, .docx) into a draft dataset",
}
