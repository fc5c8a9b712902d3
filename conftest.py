"""Test configuration shared by the core and every plugin's tests."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fast",
    deadline=None,
    max_examples=15,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("fast" if os.environ.get("KHUONHA_FAST") else "ci")

# ---------------------------------------------------------------------------
# Docs examples (Sybil): every ```python block in the Markdown docs and the
# READMEs (doctest-style when it starts with >>>, plain code otherwise) and
# every doctest in the docstrings of the core and of the plugins runs as a
# test, so the docs cannot rot.
# ---------------------------------------------------------------------------

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE  # noqa: E402

from sybil import Sybil  # noqa: E402
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser  # noqa: E402
from sybil.parsers.rest import DocTestParser  # noqa: E402

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE


def workspace_plugins() -> str:
    """The entry-point names of the workspace's own plugins (``plugins/*/pyproject.toml``).

    The docs' examples see only these and the built-ins, so installing a
    third-party plugin cannot break them.
    """
    import tomllib  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    names: list[str] = []
    for project in sorted(Path(__file__).parent.glob("plugins/*/pyproject.toml")):
        meta = tomllib.loads(project.read_text(encoding="utf-8"))
        names += meta.get("project", {}).get("entry-points", {}).get("khuonha", {})
    return ",".join(names)


WORKSPACE_PLUGINS = workspace_plugins()


def _docs_setup(namespace: dict[str, object]) -> None:
    from khuonha.plugins.host import PluginHost, set_default_host  # noqa: PLC0415

    namespace["_khuonha_saved"] = set_default_host(PluginHost(load_plugins=WORKSPACE_PLUGINS))


def _docs_teardown(namespace: dict[str, object]) -> None:
    from khuonha.plugins.host import set_default_host  # noqa: PLC0415

    set_default_host(namespace.pop("_khuonha_saved"))  # type: ignore[arg-type]


_markdown = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=_FLAGS), SkipParser()],
    patterns=["docs/*.md", "docs/*/*.md"],
    filenames=["README.md"],
    excludes=["docs/_build/*", "docs/_build/*/*"],
    name="markdown",
    setup=_docs_setup,
    teardown=_docs_teardown,
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_FLAGS)],
    # PurePath.match is anchored on the right and reads ** as one level: list the depths.
    patterns=[
        "src/khuonha/*.py",
        "src/khuonha/*/*.py",
        "plugins/*/src/*/*.py",
        "plugins/*/src/*/*/*.py",
    ],
    excludes=["**/__main__.py"],
    name="docstrings",
    setup=_docs_setup,
    teardown=_docs_teardown,
)

pytest_collect_file = (_markdown + _docstrings).pytest()
