"""Plugin loading, failures, conflicts, the environment variables and lookup."""

from __future__ import annotations

import csv
import importlib.metadata
import inspect
import io
import logging
import os
import subprocess
import sys
import tomllib
import types
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import pytest

import khuonha
from khuonha.exceptions import (
    DuplicateExporterError,
    ExporterNotFoundError,
    PluginLoadError,
)
from khuonha.plugins import hookspecs
from khuonha.plugins.exporter import Exporter, ExportOptions, Language
from khuonha.plugins.host import PluginHost, PluginLoadFailure, set_default_host
from khuonha.testing.plugins import FakeEntryPoint

ROOT = Path(__file__).parent.parent
EXAMPLE = Path(__file__).parent / "example_plugin"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_LOAD_PLUGINS", "KHUONHA_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)


def make_exporter(name: str, suffixes: tuple[str, ...] = (), **attrs_: Any) -> Exporter[Any]:
    """An exporter class with *name* that writes its name; instantiated."""

    def write(self: Any, obj: Any, stream: BinaryIO, options: Any) -> None:
        stream.write(name.encode())

    body = {
        "name": name,
        "description": f"test exporter {name}",
        "media_type": "text/plain",
        "suffixes": suffixes or (f".{name}",),
        "can_export": lambda self, obj: isinstance(obj, khuonha.Dataset),
        "write": write,
        **attrs_,
    }
    return type(f"Exporter_{name}", (Exporter,), body)()  # type: ignore[return-value]


def plugin(*exporters: Any, hook: str = "khuonha_register_exporters") -> types.ModuleType:
    """A plugin module whose hook (by default the right one) returns *exporters*."""
    module = types.ModuleType(f"fake_plugin_{id(exporters)}")

    def register() -> Any:
        return list(exporters)

    register.__name__ = hook
    setattr(module, hook, khuonha.hookimpl(register))
    return module


def raising_plugin(exc: BaseException) -> types.ModuleType:
    """A plugin whose hook raises *exc*."""
    module = types.ModuleType("fake_raising_plugin")

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        raise exc

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]
    return module


def returning(value: Any) -> types.ModuleType:
    """A plugin whose hook returns *value* as is."""
    module = types.ModuleType("fake_returning_plugin")

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        return value

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]
    return module


def ep(name: str, obj: object = None, dist: str | None = None, **kw: Any) -> FakeEntryPoint:
    return FakeEntryPoint(name, distribution=dist, plugin=obj, **kw)


def test_builtins_only() -> None:
    """With entry_points=False only the built-in json and jsonl exporters load."""
    host = PluginHost(entry_points=False)
    assert [e.name for e in host.exporters()] == ["json", "jsonl"]
    assert [p.name for p in host.plugins()] == ["khuonha"]
    assert host.failures() == []
    assert {r.plugin.name for r in host.registrations()} == {"khuonha"}


def test_import_khuonha_loads_no_plugin_machinery() -> None:
    """`import khuonha` imports neither pluggy, importlib.metadata nor any plugin."""
    code = (
        "import sys, khuonha; khuonha.Dataset; "
        "bad = [m for m in sys.modules if m.startswith(('pluggy', 'importlib.metadata', "
        "'khuonha.plugins', 'khuonha_'))]; print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    "code",
    [
        "import khuonha; khuonha.exporters(); import khuonha.plugins.exporter; "
        "print(len(khuonha.exporters()) > 0, khuonha.plugins.exporter.Exporter.__name__)",
        "import khuonha.plugins.exporter, khuonha; "
        "print(len(khuonha.exporters()) > 0, khuonha.plugins.exporter.Exporter.__name__)",
        "from khuonha import exporters; import khuonha.plugins.exporter as m; "
        "print(len(exporters()) > 0, m.Exporter.__name__)",
    ],
)
def test_exporters_function_and_module_share_the_name(code: str) -> None:
    """`khuonha.exporters()` lists exporters whatever was imported first."""
    env = {**os.environ, "KHUONHA_LOAD_PLUGINS": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.split() == ["True", "Exporter"]


def test_loading_is_lazy_and_once() -> None:
    """Entry points load on the first lookup only, and only once."""
    calls = []
    module = plugin(make_exporter("csv"))

    class Counting(FakeEntryPoint):
        def load(self) -> Any:
            calls.append(self.name)
            return module

    host = PluginHost(entry_points=[Counting("csv", plugin=module)])
    assert calls == []
    for _ in range(3):
        host.get_exporter("csv")
        host.exporters()
    assert calls == ["csv"]


def test_import_failure_is_recorded_and_reported_once(caplog: pytest.LogCaptureFixture) -> None:
    """A plugin that fails to import is recorded; one warning; the rest works."""
    good = plugin(make_exporter("csv"))
    host = PluginHost(
        entry_points=[
            FakeEntryPoint("broken", "khuonha_no_such_module_xyz", "khuonha-broken", "0.3"),
            ep("csv", good),
        ]
    )
    with caplog.at_level(logging.WARNING, logger="khuonha.plugins"):
        assert host.get_exporter("csv").name == "csv"
        host.exporters()
        host.failures()
    (failure,) = host.failures()
    assert (failure.plugin, failure.distribution, failure.version) == (
        "broken",
        "khuonha-broken",
        "0.3",
    )
    assert isinstance(failure.error, ModuleNotFoundError)
    assert "khuonha_no_such_module_xyz" in failure.message
    warnings = [r for r in caplog.records if r.name == "khuonha.plugins"]
    assert len(warnings) == 1
    assert "'broken' (khuonha-broken 0.3) failed to load" in warnings[0].getMessage()
    assert [p.name for p in host.plugins()] == ["khuonha", "csv"]


def test_exception_inside_hook_drops_only_that_plugin() -> None:
    """A hook that raises drops its plugin; other plugins and built-ins keep working."""
    host = PluginHost(
        entry_points=[
            ep("boom", raising_plugin(RuntimeError("no font"))),
            ep("csv", plugin(make_exporter("csv"))),
        ]
    )
    assert [e.name for e in host.exporters()] == ["csv", "json", "jsonl"]
    (failure,) = host.failures()
    assert failure.plugin == "boom"
    assert failure.message == "RuntimeError: no font"
    assert "boom" not in [p.name for p in host.plugins()]


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ("json", "return a list of Exporter instances"),
        (None, "returned None"),
        ([object()], "which is not an Exporter"),
        ([42], "which is not an Exporter"),
        ({"name": "csv"}, "return a list of Exporter instances"),
    ],
)
def test_malformed_registration(result: Any, expected: str) -> None:
    """A hook returning anything but Exporter instances is a malformed registration."""
    host = PluginHost(entry_points=[ep("bad", returning(result))])
    (failure,) = host.failures()
    assert "malformed registration" in failure.message
    assert expected in failure.message
    assert [e.name for e in host.exporters()] == ["json", "jsonl"]


def test_class_instead_of_instance_is_malformed() -> None:
    """Returning the exporter class, not an instance, names the fix."""
    cls = type(make_exporter("csv"))
    (failure,) = PluginHost(entry_points=[ep("bad", returning([cls]))]).failures()
    assert f"the class {cls.__name__}; return an instance" in failure.message


def test_invalid_metadata_is_malformed() -> None:
    """An exporter with an invalid name or suffix is refused with the problem named."""
    bad = make_exporter("Bad Name", suffixes=("csv",))
    (failure,) = PluginHost(entry_points=[ep("bad", plugin(bad))]).failures()
    assert "name must be an ASCII slug" in failure.message
    assert "suffixes must be" in failure.message


def test_misspelled_hook_is_a_load_failure() -> None:
    """A hookimpl whose name is no hook is that plugin's failure, naming the real hooks."""
    module = plugin(make_exporter("csv"), hook="khuonha_register_exporter")
    (failure,) = PluginHost(entry_points=[ep("typo", module)]).failures()
    assert "unknown hook khuonha_register_exporter" in failure.message
    assert "khuonha_register_exporters" in failure.message


def test_plugin_without_hooks_is_a_load_failure() -> None:
    """A module with no marked hook function is reported, not silently ignored."""
    module = types.ModuleType("nothing_marked")
    module.khuonha_register_exporters = list  # type: ignore[attr-defined]
    (failure,) = PluginHost(entry_points=[ep("unmarked", module)]).failures()
    assert "@khuonha.hookimpl" in failure.message


def test_duplicate_name_against_builtin_json() -> None:
    """Two exporters named json: looking json up names both plugins; jsonl still works."""
    rival = make_exporter("json", suffixes=(".json2",))
    host = PluginHost(entry_points=[ep("rival", plugin(rival), "khuonha-rival")])
    with pytest.raises(DuplicateExporterError) as err:
        host.get_exporter("json")
    message = str(err.value)
    assert "plugin 'khuonha' (khuonha " in message
    assert "plugin 'rival' (khuonha-rival 1.0)" in message
    assert "KHUONHA_LOAD_PLUGINS" in message
    assert err.value.key == "json"
    assert host.get_exporter("jsonl").name == "jsonl"
    assert host.exporter_for_path("a.json2") is rival
    assert "json" not in [e.name for e in host.exporters()]
    assert len(host.conflicts()) == 1


def test_duplicate_suffix_fails_only_suffix_lookup() -> None:
    """Two exporters claiming .json: lookup by suffix fails, lookup by name works."""
    rival = make_exporter("json5", suffixes=(".json",))
    host = PluginHost(entry_points=[ep("json5", plugin(rival))])
    with pytest.raises(DuplicateExporterError, match=r"'\.json' is claimed by two exporters"):
        host.exporter_for_path("out.json")
    assert host.get_exporter("json").name == "json"
    assert host.get_exporter("json5") is rival


def test_strict_mode_raises_load_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    """KHUONHA_STRICT_PLUGINS=1 turns a failure into PluginLoadError, cause chained."""
    monkeypatch.setenv("KHUONHA_STRICT_PLUGINS", "1")
    host = PluginHost(entry_points=[ep("boom", raising_plugin(ValueError("bad")))])
    with pytest.raises(PluginLoadError) as err:
        host.exporters()
    assert isinstance(err.value.__cause__, ValueError)
    assert err.value.plugin == "boom"
    with pytest.raises(PluginLoadError):  # and it stays an error
        host.get_exporter("json")


def test_strict_mode_raises_conflicts_at_load() -> None:
    """In strict mode a duplicate name is an error at load time, not at lookup."""
    host = PluginHost(
        entry_points=[ep("rival", plugin(make_exporter("jsonl", (".x",))))], strict=True
    )
    with pytest.raises(DuplicateExporterError):
        host.get_exporter("json")


def test_allow_list(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """KHUONHA_LOAD_PLUGINS loads only the named entry points; the others are not imported."""
    loaded = []

    class Tracking(FakeEntryPoint):
        def load(self) -> Any:
            loaded.append(self.name)
            return super().load()

    eps = [
        Tracking("csv", plugin=plugin(make_exporter("csv"))),
        Tracking("tsv", plugin=plugin(make_exporter("tsv"))),
    ]
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", " csv , ghost")
    with caplog.at_level(logging.WARNING, logger="khuonha.plugins"):
        names = [e.name for e in PluginHost(entry_points=eps).exporters()]
    assert names == ["csv", "json", "jsonl"]
    assert loaded == ["csv"]
    assert "'ghost', but no installed plugin has it" in caplog.text


def test_empty_allow_list_loads_builtins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """KHUONHA_LOAD_PLUGINS="" loads no third-party plugin; built-ins always load."""
    monkeypatch.setenv("KHUONHA_LOAD_PLUGINS", "")
    boom = FakeEntryPoint("broken", "khuonha_no_such_module_xyz")
    host = PluginHost(entry_points=[boom])
    assert [e.name for e in host.exporters()] == ["json", "jsonl"]
    assert host.failures() == []


def test_same_distribution_seen_twice_is_one_plugin() -> None:
    """The same distribution listed twice (symlinked site-packages) is no conflict."""
    module = plugin(make_exporter("csv"))
    eps = [ep("csv", module, "khuonha-csv"), ep("csv", module, "khuonha_CSV")]
    host = PluginHost(entry_points=eps)
    assert host.conflicts() == []
    assert host.failures() == []
    assert [p.name for p in host.plugins()] == ["khuonha", "csv"]


def test_entry_points_discovered_through_importlib_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """By default the host reads importlib.metadata's entry points once, keeping its groups."""
    calls = []

    class Installed(list[FakeEntryPoint]):
        def select(self, *, group: str) -> list[FakeEntryPoint]:
            return [e for e in self if e.group == group]

    def fake_entry_points(**kwargs: Any) -> Installed:
        calls.append(kwargs)
        return Installed(
            [
                ep("csv", plugin(make_exporter("csv"))),
                FakeEntryPoint("other", "other_module", group="console_scripts"),
            ]
        )

    monkeypatch.setattr(importlib.metadata, "entry_points", fake_entry_points)
    host = PluginHost()
    assert host.get_exporter("csv").name == "csv"
    assert [p.name for p in host.plugins()] == ["khuonha", "csv"]
    assert calls == [{}]


def test_broken_metadata_does_not_stop_the_builtins(monkeypatch: pytest.MonkeyPatch) -> None:
    """When listing entry points itself fails, the built-ins still load."""

    def broken(**_kwargs: Any) -> Any:
        raise OSError("corrupt RECORD")

    monkeypatch.setattr(importlib.metadata, "entry_points", broken)
    assert [e.name for e in PluginHost().exporters()] == ["json", "jsonl"]


def test_print_while_loading_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """A plugin printing while it loads or registers writes to stderr, never stdout."""
    module = types.ModuleType("chatty")

    @khuonha.hookimpl
    def khuonha_register_exporters() -> Any:
        print("hello from a chatty plugin")
        return [make_exporter("csv")]

    module.khuonha_register_exporters = khuonha_register_exporters  # type: ignore[attr-defined]

    class Chatty(FakeEntryPoint):
        def load(self) -> Any:
            print("importing chatty")
            return module

    PluginHost(entry_points=[Chatty("chatty")]).load()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "importing chatty" in captured.err
    assert "hello from a chatty plugin" in captured.err


def test_trace_logs_every_hook_call(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """KHUONHA_TRACE_PLUGINS=1 logs loading steps and each hook call."""
    monkeypatch.setenv("KHUONHA_TRACE_PLUGINS", "1")
    with caplog.at_level(logging.INFO, logger="khuonha.plugins"):
        PluginHost(entry_points=[ep("csv", plugin(make_exporter("csv")))]).load()
    assert "calling khuonha_register_exporters() of khuonha.plugins.json_exporters" in caplog.text
    assert "calling khuonha_register_exporters() of csv" in caplog.text
    assert "plugin 'csv' (khuonha-csv 1.0): loading" in caplog.text


def test_not_found_lists_available_and_failures() -> None:
    """An unknown name lists the available exporters, the failed plugins and a pip hint."""
    host = PluginHost(entry_points=[FakeEntryPoint("rss", "khuonha_rss_missing_xyz")])
    with pytest.raises(ExporterNotFoundError) as err:
        host.get_exporter("rss")
    message = str(err.value)
    assert "available: json, jsonl" in message
    assert "plugin 'rss'" in message
    assert "pip install khuonha-rss" in message


def test_lookup_by_suffix() -> None:
    """Suffix lookup ignores case and prefers the longest suffix."""
    geo = make_exporter("geojson", suffixes=(".geo.json",))
    host = PluginHost(entry_points=[ep("geo", plugin(geo))])
    assert host.exporter_for_path("a/B.JSON").name == "json"
    assert host.exporter_for_path("x.geo.json") is geo
    with pytest.raises(ExporterNotFoundError, match=r"'\.xyz'"):
        host.exporter_for_path("report.xyz")


def test_exporters_for_offers_only_working_formats() -> None:
    """exporters_for leaves out exporters that decline the object or whose check raises."""

    def broken_check(self: Any, obj: object) -> bool:
        raise RuntimeError

    picky = make_exporter("picky", can_export=lambda self, obj: False)
    broken = make_exporter("broken", can_export=broken_check)
    host = PluginHost(entry_points=[ep("p", plugin(picky, broken))])
    names = [e.name for e in host.exporters_for(khuonha.sample())]
    assert names == ["json", "jsonl"]
    assert host.exporters_for(object()) == []


def test_default_host_is_replaceable() -> None:
    """The module-level functions use the default host, which can be swapped."""
    host = PluginHost(entry_points=[ep("csv", plugin(make_exporter("csv")))])
    old = set_default_host(host)
    try:
        assert khuonha.get_exporter("csv").name == "csv"
        assert "csv" in [e.name for e in khuonha.exporters()]
        buf = io.BytesIO()
        khuonha.export(khuonha.sample(), "csv", buf)
        assert buf.getvalue() == b"csv"
    finally:
        set_default_host(old)


def test_failure_record_fields() -> None:
    """PluginLoadFailure carries plugin, distribution, version and the error itself."""
    error = ImportError("x")
    failure = PluginLoadFailure("a", "khuonha-a", "1.2", error)
    assert failure.as_error().__cause__ is error
    assert str(failure) == "plugin 'a' (khuonha-a 1.2) failed to load: ImportError: x"


def test_every_hook_is_documented_with_its_signature() -> None:
    """docs/plugins.md has a heading with each hook's exact signature."""
    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    hooks = [n for n in dir(hookspecs) if n.startswith("khuonha_")]
    assert hooks
    for name in hooks:
        signature = inspect.signature(getattr(hookspecs, name))
        heading = f"`{name}{signature}`".replace("'", "")
        assert any(line.startswith("#") and heading in line for line in doc.splitlines()), heading


def test_example_plugin_loads_from_its_entry_point() -> None:
    """The documented example plugin loads through its pyproject entry point and conforms."""
    meta = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    ((name, value),) = meta["project"]["entry-points"]["khuonha"].items()
    sys.path.insert(0, str(EXAMPLE / "src"))
    try:
        host = PluginHost(
            entry_points=[
                FakeEntryPoint(name, value, meta["project"]["name"], meta["project"]["version"])
            ],
            strict=True,
        )
        exporter = host.get_exporter(name)
        from khuonha.testing import check_exporter

        def read_csv(data: bytes) -> str:
            rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
            return "\n".join(" ".join(row) for row in rows)

        outputs = check_exporter(exporter, read_csv)
        assert outputs["sample"] is not None
        assert outputs["empty"] is None  # no activity: refused
    finally:
        sys.path.remove(str(EXAMPLE / "src"))


def test_example_plugin_is_included_in_the_docs() -> None:
    """Every file of the example plugin is included in docs/plugins.md, so they stay in sync."""
    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for path in ("pyproject.toml", "src/khuonha_csv/__init__.py", "tests/test_csv.py"):
        assert f"```{{literalinclude}} ../tests/example_plugin/{path}" in doc, path


def test_installed_plugins_load_cleanly() -> None:
    """Integration: whatever is installed loads without failure or conflict."""
    host = PluginHost(strict=True)
    names = [e.name for e in host.exporters()]
    assert {"json", "jsonl"} <= set(names)
    for reg in host.registrations():
        assert reg.exporter.check_metadata() == []
        if reg.exporter.name not in {"json", "jsonl"}:
            assert reg.plugin.name != "khuonha"
    for dist in importlib.metadata.distributions():
        if any(e.group == "khuonha" for e in dist.entry_points):
            assert dist.metadata["Name"] in {p.distribution for p in host.plugins()}


@attrs.frozen(kw_only=True)
class _Opts(ExportOptions):
    level: int = 1


def test_options_decoded_by_codec() -> None:
    """export() decodes option mappings with the codec: wrong types name the JSON path."""
    exporter = make_exporter("lvl", options_type=_Opts)
    host = PluginHost(entry_points=[ep("lvl", plugin(exporter))])
    with pytest.raises(khuonha.DecodeError, match=r"\$\.level: expected an integer"):
        host.export(khuonha.sample(), "lvl", io.BytesIO(), {"level": "3"})
    buf = io.BytesIO()
    host.export(khuonha.sample(), "lvl", buf, ExportOptions(language=Language.EN))
    assert buf.getvalue() == b"lvl"


def test_docs_python_blocks_run() -> None:
    """The Python examples in docs/plugins.md run as written."""
    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```python\n")[1:]]
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/plugins.md", "exec"), {})


# -- BaseException from a plugin is that plugin's failure; Ctrl-C is not -------------


class _ExitOnImport:
    """An entry point whose import raises SystemExit (a plugin calling sys.exit)."""

    name, value, group, dist = "exits", "exits:plugin", "khuonha", None

    def load(self) -> Any:
        raise SystemExit(3)


class _Leave(BaseException):
    """A BaseException that is neither SystemExit nor KeyboardInterrupt."""


@pytest.mark.parametrize("exc", [SystemExit(2), _Leave("bye")])
def test_base_exception_in_a_hook_is_charged_to_the_plugin(exc: BaseException) -> None:
    """SystemExit or another BaseException from a hook: that plugin fails, the rest works."""
    good = make_exporter("good")
    host = PluginHost(entry_points=[ep("bad", raising_plugin(exc)), ep("good", plugin(good))])
    assert [e.name for e in host.exporters()] == ["good", "json", "jsonl"]
    assert [f.plugin for f in host.failures()] == ["bad"]


def test_system_exit_on_import_is_charged_to_the_plugin() -> None:
    """A plugin that exits while it is imported is recorded, not the end of the program."""
    host = PluginHost(entry_points=[_ExitOnImport()])
    assert [f.plugin for f in host.failures()] == ["exits"]
    assert [e.name for e in host.exporters()] == ["json", "jsonl"]


@pytest.mark.parametrize("exc", [SystemExit(1), _Leave("bye")])
def test_base_exception_while_writing_is_an_export_error(exc: BaseException) -> None:
    """An exporter raising SystemExit (or another BaseException) gives ExportError naming it."""

    def write(self: Any, obj: Any, stream: BinaryIO, options: Any) -> None:
        raise exc

    exporter = make_exporter("quits", write=write)
    with pytest.raises(
        khuonha.ExportError, match=f"quits: the exporter failed: {type(exc).__name__}"
    ):
        PluginHost(entry_points=False).export(khuonha.sample(), exporter, io.BytesIO())


def test_ctrl_c_still_stops_loading_and_writing() -> None:
    """KeyboardInterrupt is not a plugin failure: it stops the host and the export."""
    host = PluginHost(entry_points=[ep("bad", raising_plugin(KeyboardInterrupt()))])
    with pytest.raises(KeyboardInterrupt):
        host.load()

    def write(self: Any, obj: Any, stream: BinaryIO, options: Any) -> None:
        raise KeyboardInterrupt

    exporter = make_exporter("interrupted", write=write)
    with pytest.raises(KeyboardInterrupt):
        PluginHost(entry_points=False).export(khuonha.sample(), exporter, io.BytesIO())


# -- khuonha_register_criteria is called only when criteria are asked for -------------


def test_criteria_hook_is_called_only_when_asked() -> None:
    """Loading plugins and exporting never call khuonha_register_criteria; criteria() does, once."""
    calls: list[str] = []

    class Province:
        @khuonha.hookimpl
        def khuonha_register_criteria(self) -> list[Any]:
            calls.append("criteria")
            return []

        @khuonha.hookimpl
        def khuonha_register_exporters(self) -> list[Any]:
            return [make_exporter("tinh")]

    host = PluginHost(entry_points=[ep("tinh", Province())], strict=True)
    host.export(khuonha.sample(), "tinh", io.BytesIO())
    assert calls == []
    assert host.criteria() == []
    assert host.criteria() == []
    assert calls == ["criteria"]


def test_failing_criteria_hook_is_charged_when_asked() -> None:
    """A criteria hook that raises (SystemExit included) is that plugin's failure, at that time."""

    class Broken:
        @khuonha.hookimpl
        def khuonha_register_criteria(self) -> list[Any]:
            raise SystemExit("no criteria today")

        @khuonha.hookimpl
        def khuonha_register_exporters(self) -> list[Any]:
            return [make_exporter("still")]

    host = PluginHost(entry_points=[ep("broken", Broken())])
    assert "still" in [e.name for e in host.exporters()]
    assert host.failures() == []
    assert host.criteria() == []
    assert [f.plugin for f in host.failures()] == ["broken"]
    assert "still" in [e.name for e in host.exporters()]  # its exporters keep working
    strict = PluginHost(entry_points=[ep("broken", Broken())], strict=True)
    strict.load()
    with pytest.raises(PluginLoadError):
        strict.criteria()


# ---------------------------------------------------------------- declared plugins


def declared(
    name: str, module: object, dist: str, **provides: tuple[str, ...]
) -> list[FakeEntryPoint]:
    """Entry point *name* for *module*, and its distribution's declarations (kind -> names)."""
    value = f"fake_{name}"
    found = [FakeEntryPoint(name, value, dist, plugin=module)]
    found[0].value = value
    for kind, names in provides.items():
        found += [
            FakeEntryPoint(n, value, dist, plugin=module, group=f"khuonha.{kind}") for n in names
        ]
        for e in found[-len(names) :]:
            e.value = value
    return found


class Counting:
    """Wraps a plugin module, counting the imports of its entry point."""

    def __init__(self) -> None:
        self.loaded: list[str] = []

    def wrap(self, entry_points: list[FakeEntryPoint]) -> list[FakeEntryPoint]:
        for e in entry_points:
            if e.group == "khuonha":
                original, name = e.load, e.name

                def load(original: Any = original, name: str = name) -> Any:
                    self.loaded.append(name)
                    return original()

                e.load = load  # type: ignore[method-assign]
        return entry_points


def test_a_declared_plugin_is_imported_only_when_one_of_its_formats_is_used() -> None:
    counting = Counting()
    eps = counting.wrap(
        declared(
            "feeds",
            plugin(make_exporter("rss"), make_exporter("atom")),
            "kh-feeds",
            exporters=("rss", "atom"),
        )
        + declared("cal", plugin(make_exporter("ics")), "kh-cal", exporters=("ics",))
    )
    host = PluginHost(entry_points=eps)
    assert host.get_exporter("json").name == "json"
    assert host.exporter_for_path("out/ds.jsonl").name == "jsonl"
    assert counting.loaded == []
    assert host.get_exporter("ATOM").name == "atom"
    assert counting.loaded == ["feeds"]
    assert host.exporter_for_path("lich.ics").name == "ics"
    assert counting.loaded == ["feeds", "cal"]
    assert [p.name for p in host.plugins()] == ["khuonha", "cal", "feeds"]  # discovery order


def test_listing_imports_every_declared_plugin() -> None:
    counting = Counting()
    eps = counting.wrap(declared("cal", plugin(make_exporter("ics")), "kh-cal", exporters=("ics",)))
    host = PluginHost(entry_points=eps)
    assert [e.name for e in host.exporters()] == ["ics", "json", "jsonl"]
    assert counting.loaded == ["cal"]


def test_an_unknown_name_imports_everything_and_lists_it() -> None:
    eps = declared("cal", plugin(make_exporter("ics")), "kh-cal", exporters=("ics",))
    with pytest.raises(ExporterNotFoundError, match="ics"):
        PluginHost(entry_points=eps).get_exporter("csv")


def test_duplicate_names_are_detected_among_declared_plugins() -> None:
    eps = declared("a", plugin(make_exporter("ics")), "kh-a", exporters=("ics",)) + declared(
        "b", plugin(make_exporter("ics")), "kh-b", exporters=("ics",)
    )
    host = PluginHost(entry_points=eps)
    with pytest.raises(DuplicateExporterError) as err:
        host.get_exporter("ics")
    assert "plugin 'a' (kh-a 1.0)" in str(err.value)
    assert "plugin 'b' (kh-b 1.0)" in str(err.value)


def test_a_plugin_that_declares_nothing_still_loads_and_can_contest_a_name() -> None:
    counting = Counting()
    rival = ep("rival", plugin(make_exporter("json", (".json2",))), "kh-rival")
    eps = counting.wrap(
        [*declared("cal", plugin(make_exporter("ics")), "kh-cal", exporters=("ics",)), rival]
    )
    host = PluginHost(entry_points=eps)
    with pytest.raises(DuplicateExporterError):
        host.get_exporter("json")
    assert counting.loaded == ["rival"]  # declares nothing: imported at once; cal is not


def _with_units_hook() -> types.ModuleType:
    module = plugin(make_exporter("ics"))

    @khuonha.hookimpl
    def khuonha_register_units() -> Any:
        return []

    module.khuonha_register_units = khuonha_register_units  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize(
    ("module", "names", "problem"),
    [
        (plugin(make_exporter("ics")), ("ics", "vcs"), "declares the exporters ics, vcs"),
        (plugin(make_exporter("ics", (".ical",))), ("ics",), "first suffix is a dot and its name"),
        (
            plugin(make_exporter("ics", (".ics", ".ical"))),
            ("ics",),
            "each other one is declared in khuonha.suffixes",
        ),
        (_with_units_hook(), ("ics",), "implements khuonha_register_units"),
    ],
)
def test_a_plugin_breaking_its_declaration_is_malformed(
    module: Any, names: tuple[str, ...], problem: str
) -> None:
    host = PluginHost(entry_points=declared("cal", module, "kh-cal", exporters=names))
    with pytest.raises(ExporterNotFoundError):
        host.get_exporter("ics")
    (failure,) = host.failures()
    assert "malformed registration" in failure.message
    assert problem in failure.message


def test_a_declared_extra_suffix_finds_its_format_without_listing_everything() -> None:
    """``htm`` declared in khuonha.suffixes: a ``.htm`` file imports the plugin that reads it."""
    module = plugin(make_exporter("ics", (".ics", ".ical")))
    counting = Counting()
    eps = counting.wrap(declared("cal", module, "kh-cal", exporters=("ics",), suffixes=("ical",)))
    host = PluginHost(entry_points=eps)
    host.get_exporter("json")
    assert counting.loaded == []
    assert host.exporter_for_path("invite.ical").name == "ics"
    assert counting.loaded == ["cal"]
    assert host.failures() == []


@pytest.mark.workspace
def test_export_json_imports_no_plugin_module() -> None:
    """`khuonha export -f json` imports none of the first-party plugins' modules."""
    firsts = [f"khuonha_{p.name.removeprefix('khuonha-')}" for p in ROOT.glob("plugins/khuonha-*")]
    assert len(firsts) >= 6
    for name in firsts:
        importlib.metadata.version(name.replace("_", "-"))  # installed, so this can fail
    code = (
        "import sys\n"
        "from khuonha.cli.main import main\n"
        "code = main(['export', '-f', 'json', '-o', '-'])\n"
        "sys.stdout.flush()\n"
        f"found = sorted(m for m in sys.modules if m.split('.')[0] in {firsts!r})\n"
        "print('\\nMODULES', code, found)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHUONHA_")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.rpartition("\nMODULES ")[2].strip() == "0 []"
    code = code.replace("'json'", "'rss'")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    found = out.rpartition("\nMODULES ")[2]
    assert found.startswith("0 ['khuonha_rss'")
    assert "khuonha_pdf" not in found
