"""Meta-tests of the documentation: public names, hooks, exceptions and the CLI guide's output.

Set ``KHUONHA_UPDATE_DOCS=1`` to rewrite the outputs shown in ``docs/guides/cli.md``
from what the commands print now (then review the diff).
"""

from __future__ import annotations

import contextlib
import doctest
import inspect
import os
import re
import shlex
import tomllib
from pathlib import Path

import pytest

import khuonha
import khuonha.exceptions
import khuonha.plugins.hookspecs
import khuonha.testing
from khuonha.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
API_PAGES = ("reference/api.md", "reference/exceptions.md")
HOOK_PAGES = ("plugins.md", "reference/hooks.md")
CONSTANTS = {"SCHEMA_VERSION", "__version__"}


def _documented_names(*pages: str) -> set[str]:
    """Names that an autodoc or py: directive documents on *pages*."""
    names: set[str] = set()
    directive = re.compile(r"^\.\. (?:auto\w+|py:\w+):: (?:khuonha\.(?:testing\.)?)?([\w]+)")
    for page in pages:
        for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
            found = directive.match(line.strip())
            if found:
                names.add(found.group(1))
    return names


def test_every_public_name_is_in_the_api_reference() -> None:
    """Each name of khuonha.__all__ has an autodoc (or py:) entry in the API reference pages."""
    missing = sorted(set(khuonha.__all__) - _documented_names(*API_PAGES))
    assert missing == []


def test_every_testing_name_is_in_the_api_reference() -> None:
    """Each name of khuonha.testing.__all__ is documented in the API reference."""
    missing = sorted(set(khuonha.testing.__all__) - _documented_names("reference/api.md"))
    assert missing == []


@pytest.mark.parametrize("name", sorted(set(khuonha.__all__) - CONSTANTS))
def test_every_public_name_has_its_own_docstring(name: str) -> None:
    """Each public class or function has a docstring of its own, not one it inherits."""
    obj = getattr(khuonha, name)
    doc = vars(obj).get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    assert doc, f"khuonha.{name} has no docstring"
    assert doc.strip()


def _hooks() -> list[str]:
    return sorted(
        name
        for name, value in vars(khuonha.plugins.hookspecs).items()
        if name.startswith("khuonha_") and callable(value)
    )


def _signature(name: str) -> str:
    """The exact signature ``name(params) -> return`` as the hook spec declares it."""
    sig = inspect.signature(getattr(khuonha.plugins.hookspecs, name))
    params = []
    for p in sig.parameters.values():
        params.append(f"{p.name}: {p.annotation}" if p.annotation is not p.empty else p.name)
    return f"{name}({', '.join(params)}) -> {sig.return_annotation}"


def test_hooks_are_found() -> None:
    """The hook discovery finds the exporter hook, so the hook meta-tests check something."""
    assert "khuonha_register_exporters" in _hooks()


@pytest.mark.parametrize("hook", _hooks())
def test_every_hook_has_a_heading_with_its_exact_signature(hook: str) -> None:
    """Each hook has a Markdown heading showing its exact signature on a plugin docs page."""
    wanted = _signature(hook)
    headings = [
        line
        for page in HOOK_PAGES
        for line in (DOCS / page).read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]
    assert any(f"`{wanted}`" in line for line in headings), wanted


@pytest.mark.parametrize("hook", _hooks())
def test_every_hook_is_documented_by_autodoc(hook: str) -> None:
    """The hook reference renders each hook's docstring with autofunction."""
    text = (DOCS / "reference/hooks.md").read_text(encoding="utf-8")
    assert f".. autofunction:: khuonha.plugins.hookspecs.{hook}" in text


@pytest.mark.parametrize("hook", _hooks())
def test_every_hook_is_exercised_by_a_test(hook: str) -> None:
    """Some test (core or plugin) other than this file names each hook."""
    files = [*ROOT.glob("tests/**/*.py"), *ROOT.glob("plugins/*/tests/**/*.py")]
    using = [f for f in files if f.name != "test_docs.py" and hook in f.read_text("utf-8")]
    assert using, f"no test exercises {hook}"


def _exceptions() -> list[type[BaseException]]:
    return [getattr(khuonha.exceptions, name) for name in khuonha.exceptions.__all__]


@pytest.mark.parametrize("exc", _exceptions(), ids=lambda e: e.__name__)
def test_every_exception_has_a_docstring_and_its_own_code(exc: type[BaseException]) -> None:
    """Each exception class has its own docstring and its own stable code."""
    assert vars(exc).get("__doc__"), exc.__name__
    code = vars(exc).get("code")
    assert isinstance(code, str), exc.__name__
    assert re.fullmatch(r"[a-z][a-z_]*", code)


def test_exception_codes_are_unique() -> None:
    """No two exception classes share a code, so a UI can pick a message by code."""
    codes = [vars(exc)["code"] for exc in _exceptions()]
    assert len(codes) == len(set(codes))


def test_every_exception_is_on_the_exceptions_page() -> None:
    """The exceptions page documents every class of khuonha.exceptions and its code."""
    text = (DOCS / "reference/exceptions.md").read_text(encoding="utf-8")
    for exc in _exceptions():
        assert f".. autoexception:: {exc.__name__}" in text
        assert f"`{vars(exc)['code']}`" in text


def test_public_api_file_matches_all() -> None:
    """tests/public_api.txt lists exactly khuonha.__all__, sorted, one name a line."""
    lines = (ROOT / "tests/public_api.txt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert lines == sorted(khuonha.__all__)


def test_docs_build_needs_no_network() -> None:
    """The Sphinx configuration loads no intersphinx (builds must not reach the network)."""
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert "sphinx.ext.intersphinx" not in conf
    assert "intersphinx_mapping" not in conf


# ---------------------------------------------------------------------------
# docs/guides/cli.md: every command shown is run, and its output compared
# ---------------------------------------------------------------------------

CLI_PAGE = DOCS / "guides/cli.md"
_CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
_FILE = re.compile(r"```\{code-block\} \w+\n:caption: (\S+)\n\n(.*?)```", re.DOTALL)
_MAX_LINES = 60
_KEEP_LINES = 19


def _workspace_plugins() -> str:
    """The entry-point names of the workspace's own plugins, from their pyproject files."""
    names: list[str] = []
    for project in sorted(ROOT.glob("plugins/*/pyproject.toml")):
        meta = tomllib.loads(project.read_text(encoding="utf-8"))
        names += meta.get("project", {}).get("entry-points", {}).get("khuonha", {})
    return ",".join(names)


def _commands(block: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` pairs of one console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        else:
            pairs[-1][1].append(line)
    return [(cmd, "".join(f"{line}\n" for line in out)) for cmd, out in pairs]


def _run(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Run one ``khuonha …`` command in-process; write ``> FILE`` redirects to the file."""
    words = shlex.split(command)
    assert words[0] == "khuonha", command
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    with contextlib.suppress(SystemExit):  # --help exits
        main(words[1:])
    captured = capsys.readouterr()
    if target is not None:
        Path(target).write_text(captured.out, encoding="utf-8")
        return captured.err
    return captured.out + captured.err


def _shown(output: str) -> str:
    """What the page shows of *output*: long outputs are cut, with an ellipsis."""
    lines = output.splitlines()
    if len(lines) > _MAX_LINES:
        lines = [*lines[:_KEEP_LINES], "..."]
    return "".join(f"{line}\n" for line in lines)


@pytest.mark.workspace
def test_cli_guide_shows_real_output_with_workspace_plugins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command in the CLI guide prints what the guide shows (needs the workspace plugins)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    # The workspace's plugins only: an installed third-party plugin must not change the page.
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", _workspace_plugins())
    page = CLI_PAGE.read_text(encoding="utf-8")
    for name, content in _FILE.findall(page):
        (tmp_path / name).write_text(content, encoding="utf-8")
    update = bool(os.environ.get("KHUONHA_UPDATE_DOCS"))
    checker = doctest.OutputChecker()
    blocks = _CONSOLE.findall(page)
    assert len(blocks) >= 10
    problems = []
    new_blocks = []
    for block in blocks:
        new = []
        for command, expected in _commands(block):
            got = _run(command, capsys)
            if not checker.check_output(expected, got, doctest.ELLIPSIS):
                problems.append(f"$ {command}\n--- shown:\n{expected}--- printed:\n{got}")
            new.append(f"$ {command}\n{_shown(got)}")
        new_blocks.append("".join(new))
    if update:
        parts = iter(new_blocks)
        CLI_PAGE.write_text(
            _CONSOLE.sub(lambda _m: f"```console\n{next(parts)}```", page), encoding="utf-8"
        )
        return
    assert problems == [], "\n\n".join(problems)
