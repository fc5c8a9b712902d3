"""What the command line imports to start: ``--help`` and ``--version`` stay cheap.

``khuonha --help`` lists the commands from a static table
(:data:`khuonha.cli.commands.COMMANDS`) and imports none of their modules;
``khuonha --version`` reads a constant, not :mod:`importlib.metadata`; a command
imports only its own module. Each check runs in a fresh interpreter and reads
``sys.modules`` at exit.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys

import pytest

import khuonha
from khuonha.cli.commands import COMMANDS
from khuonha.cli.main import build_parser, command_named

#: Runs the command line in-process with *argv*, then prints the modules it imported as JSON
#: on the last line of stdout.
PROBE = """
import json, sys
before = set(sys.modules)
from khuonha.cli.main import main
try:
    code = main({argv!r})
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print(json.dumps({{"code": code, "modules": sorted(set(sys.modules) - before)}}))
"""


def imported_by(*argv: str) -> tuple[int, set[str]]:
    """The exit code of ``khuonha ARGV`` and the modules it imported, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=list(argv))],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    found = json.loads(out.splitlines()[-1])
    return found["code"], set(found["modules"])


#: Imported by no ``--help`` and no ``--version``: the codec, models, plugin host, metadata.
HEAVY = (
    "khuonha.codec",
    "khuonha.model",
    "khuonha.plugins",
    "khuonha.rules",
    "attrs",
    "cattrs",
    "pluggy",
    "dateutil",
    "importlib.metadata",
    "typing",
    "shutil",
)


@pytest.mark.parametrize("argv", [("--help",), ("-h",), ("--version",)])
def test_help_and_version_import_no_command_and_nothing_heavy(argv: tuple[str, ...]) -> None:
    code, modules = imported_by(*argv)
    assert code == 0
    commands = {f"khuonha.cli.{name}" for name in COMMANDS} & modules
    assert commands == set()
    heavy = {m for m in modules if m.startswith(HEAVY)}
    if argv == ("--version",):  # the output helpers of khuonha.cli._io use typing
        heavy -= {m for m in heavy if m.partition(".")[0] == "typing"}
    assert heavy == set()


@pytest.mark.parametrize("name", ["sample", "period", "schema"])
def test_a_command_imports_only_its_own_module(name: str) -> None:
    code, modules = imported_by(name, "--help")
    assert code == 0
    assert {m for m in modules if m.removeprefix("khuonha.cli.") in COMMANDS} == {
        f"khuonha.cli.{name}"
    }


def test_help_lists_every_command_as_the_full_parser_does() -> None:
    """The static table gives the same ``--help`` as importing every command module."""
    listed = build_parser(()).format_help()
    assert listed == build_parser().format_help()
    for name, line in COMMANDS.items():
        assert name in listed
        assert " ".join(line.split()[:3]) in " ".join(listed.split())


def test_every_command_takes_its_help_line_from_the_table() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helps = {a.dest: a.help for a in sub._get_subactions()}
    assert helps == COMMANDS


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        ([], None),
        (["--help"], None),
        (["--debug", "export", "-f", "json"], "export"),
        (["--version", "--debug"], None),
        (["sample", "--pretty"], "sample"),
        (["--", "scan"], "scan"),
        (["--"], None),
        (["-", "x"], "-"),
        (["bogus"], "bogus"),
    ],
)
def test_command_named(argv: list[str], name: str | None) -> None:
    assert command_named(argv) == name


def test_an_unknown_command_is_a_usage_error_listing_the_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from khuonha.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["bogus"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err
    assert all(repr(name) in err for name in COMMANDS)


def test_version_is_the_distribution_version(capsys: pytest.CaptureFixture[str]) -> None:
    from khuonha.cli.main import main

    assert main(["--version"]) == 0
    expected = importlib.metadata.version("khuonha")
    assert capsys.readouterr().out == f"khuonha {expected}\n"
    assert khuonha.__version__ == expected
