"""The import graph of ``src/khuonha``: no cycle, no import against the layers.

The layers, lowest first: ``exceptions`` ← ``text`` ← ``model`` ← ``codec`` ←
``rules`` ← ``rollups`` ← ``plugins`` ← ``labels`` ← ``cli`` ← ``testing``. A module may import
its own layer and the layers below it, never one above, and no chain of
imports may lead back to where it started. Top-level and function-local
imports count alike; imports under ``if TYPE_CHECKING:`` never run, so they
count for the layers but not for cycles. A function-local import must say,
on its own line, why it is not at the top of the module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

SRC = Path(__file__).parent.parent / "src"

#: Layer of each part of the package, lowest first; a module takes the layer of the
#: longest prefix of its dotted name found here.
LAYERS: dict[str, int] = {
    "khuonha.exceptions": 0,
    "khuonha.data": 0,
    "khuonha._version": 0,
    "khuonha.text": 1,
    "khuonha.model": 2,
    "khuonha.codec": 3,
    "khuonha.rules": 4,
    "khuonha.rollups": 5,
    "khuonha.plugins": 6,
    "khuonha.labels": 7,
    "khuonha.cli": 8,
    "khuonha.__main__": 8,
    "khuonha.testing": 9,
    "khuonha": 10,  # the lazy public face: resolves names on first use only
}


@attrs.frozen
class Import:
    """One import statement's target, as the graph sees it."""

    source: str
    target: str
    line: int
    local: bool
    type_only: bool
    reason: bool


def module_name(root: Path, path: Path) -> str:
    """``khuonha.text.periods`` for ``<root>/khuonha/text/periods.py``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer of *module* (``None`` for a module outside the package)."""
    best = None
    for prefix in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and (
            best is None or len(prefix) > len(best)
        ):
            best = prefix
    return None if best is None else LAYERS[best]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(
    node: ast.AST, *, local: bool, type_only: bool
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, local, type_only
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(child, local=True, type_only=type_only)
        elif isinstance(child, ast.If) and _is_type_checking(child):
            for item in child.body:
                yield from _walk(
                    ast.Module(body=[item], type_ignores=[]), local=local, type_only=True
                )
            for item in child.orelse:
                yield from _walk(
                    ast.Module(body=[item], type_ignores=[]), local=local, type_only=type_only
                )
        else:
            yield from _walk(child, local=local, type_only=type_only)


def imports(root: Path) -> list[Import]:
    """Every import of a module of the package by a module of the package under *root*."""
    files = {module_name(root, p): p for p in sorted(root.rglob("*.py"))}
    found: list[Import] = []
    for module, path in files.items():
        source = path.read_text("utf-8")
        lines = source.splitlines()
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node, local, type_only in _walk(ast.parse(source), local=False, type_only=False):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in files else base)
            line = lines[node.lineno - 1]
            comment = line.partition("#")[2]
            reason = bool(comment.replace("noqa: PLC0415", "").strip(" -—:"))
            for target in dict.fromkeys(targets):
                if target in files and target != module:
                    found.append(Import(module, target, node.lineno, local, type_only, reason))
    return found


def layer_violations(found: list[Import]) -> list[str]:
    """Imports that run against the layers."""
    out = []
    for imp in found:
        low, high = layer_of(imp.source), layer_of(imp.target)
        if low is not None and high is not None and high > low:
            out.append(f"{imp.source}:{imp.line} imports {imp.target} (a higher layer)")
    return out


def cycles(found: list[Import]) -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), over imports that run."""
    graph: dict[str, set[str]] = {}
    for imp in found:
        if not imp.type_only:
            graph.setdefault(imp.source, set()).add(imp.target)
            graph.setdefault(imp.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def unexplained_local_imports(found: list[Import]) -> list[str]:
    """Function-local imports without a reason on their line."""
    return [
        f"{imp.source}:{imp.line} imports {imp.target} inside a function without a reason"
        for imp in found
        if imp.local and not imp.type_only and not imp.reason
    ]


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    return imports(SRC)


def test_no_import_runs_against_the_layers(graph: list[Import]) -> None:
    """No module imports a higher layer, function-local and type-only imports included."""
    assert layer_violations(graph) == []


def test_the_import_graph_has_no_cycle(graph: list[Import]) -> None:
    """No chain of imports that run leads back to where it started."""
    assert cycles(graph) == []


def test_every_function_local_import_says_why(graph: list[Import]) -> None:
    """A function-local import carries its reason (start-up time, say) on its line."""
    assert unexplained_local_imports(graph) == []


def test_every_module_has_a_layer(graph: list[Import]) -> None:
    """Each module of the package falls in a layer, so none escapes the check."""
    modules = {module_name(SRC, p) for p in SRC.rglob("*.py")}
    assert sorted(m for m in modules if layer_of(m) is None) == []


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "khuonha" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def test_the_checks_catch_a_planted_cycle_and_a_planted_upward_import(tmp_path: Path) -> None:
    """The checks are not vacuous: a planted cycle, upward import and bare local import fail."""
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "exceptions.py": "",
            "text/__init__.py": "",
            "text/a.py": "from khuonha.text import b\n",
            "text/b.py": "def f():\n    from khuonha.text.a import x  # noqa: PLC0415\n",
            "model/__init__.py": "",
            "model/m.py": "from khuonha.plugins.host import PluginHost\n",
            "plugins/__init__.py": "",
            "plugins/host.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from khuonha.cli import main\n"
            ),
            "cli/__init__.py": "",
        },
    )
    found = imports(root)
    assert cycles(found) == [["khuonha.text.a", "khuonha.text.b"]]
    assert layer_violations(found) == [
        "khuonha.model.m:1 imports khuonha.plugins.host (a higher layer)",
        "khuonha.plugins.host:3 imports khuonha.cli (a higher layer)",
    ]
    assert unexplained_local_imports(found) == [
        "khuonha.text.b:2 imports khuonha.text.a inside a function without a reason"
    ]


def test_a_type_only_import_makes_no_cycle(tmp_path: Path) -> None:
    """Imports under ``if TYPE_CHECKING:`` never run, so they close no cycle."""
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "text/__init__.py": "",
            "text/a.py": "from khuonha.text.b import y\n",
            "text/b.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from khuonha.text.a import x\n"
            ),
        },
    )
    assert cycles(imports(root)) == []
