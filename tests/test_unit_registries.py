"""Unit registries as plugins: the khuonha_register_units hook, merging, failures, the CLI."""

from __future__ import annotations

import json
import types
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import attrs
import pytest

import khuonha
from khuonha import AdministrativeUnit, CodeScheme, UnitKind, UnitRegistry, match_key
from khuonha.cli import main
from khuonha.exceptions import PluginLoadError
from khuonha.plugins import PluginHost, set_default_host
from khuonha.plugins.units import check_units
from khuonha.testing.plugins import FakeEntryPoint


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KHUONHA_STRICT_PLUGINS", "KHUONHA_LOAD_PLUGINS", "KHUONHA_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)


class ListRegistry:
    """A registry over a list of units; counts its queries to show it is read lazily."""

    def __init__(self, *units: AdministrativeUnit) -> None:
        self.units = units
        self.queries = 0

    def resolve(
        self, name: str, *, on: date | None = None, province: str | None = None
    ) -> Sequence[AdministrativeUnit]:
        self.queries += 1
        return [
            u
            for u in self.units
            if match_key(u.name) == match_key(name) and (on is None or u.valid_on(on))
        ]

    def get(self, id: str) -> AdministrativeUnit | None:
        self.queries += 1
        return next((u for u in self.units if u.id == id), None)

    def find(self, code: str, scheme: CodeScheme) -> AdministrativeUnit | None:
        self.queries += 1
        return next((u for u in self.units if (u.code, u.scheme) == (code, scheme)), None)


def unit(code: str, name: str, scheme: CodeScheme, **kw: Any) -> AdministrativeUnit:
    kind = UnitKind.XA if len(code) == 5 else UnitKind.TINH
    return AdministrativeUnit(
        id=f"{scheme.value}:{code}", name=name, kind=kind, code=code, scheme=scheme, **kw
    )


OLD, NEW = CodeScheme.PRE_2025, CodeScheme.POST_2025
TQ_OLD = unit("08", "Tuyên Quang", OLD, valid_until=date(2025, 6, 30), successors=("post_2025:08",))
TQ_NEW = unit("08", "Tuyên Quang", NEW, valid_from=date(2025, 7, 1))
KHUON_HA = unit(
    "02251",
    "Khuôn Hà",
    OLD,
    parent="pre_2025:08",
    valid_until=date(2025, 6, 30),
    successors=("post_2025:02269",),
)
THUONG_LAM = unit("02269", "Thượng Lâm", NEW, parent="post_2025:08", valid_from=date(2025, 7, 1))


def units_plugin(*registries: Any) -> types.ModuleType:
    """A plugin module whose khuonha_register_units returns *registries* in a list."""
    module = types.ModuleType(f"fake_units_{id(registries)}")

    @khuonha.hookimpl
    def khuonha_register_units() -> Any:
        return list(registries)

    module.khuonha_register_units = khuonha_register_units  # type: ignore[attr-defined]
    return module


def host_with(*plugins: tuple[str, object], strict: bool = False) -> PluginHost:
    eps = [FakeEntryPoint(name, plugin=obj) for name, obj in plugins]
    return PluginHost(entry_points=eps, strict=strict)


def test_a_plain_class_satisfies_the_protocol() -> None:
    """UnitRegistry is structural: a class with resolve, get and find is one."""
    assert isinstance(ListRegistry(), UnitRegistry)
    assert not isinstance(object(), UnitRegistry)


def test_registries_are_merged_in_load_order_and_read_lazily() -> None:
    """Two plugins' registries merge; loading asks them nothing; a unit is listed once."""
    national = ListRegistry(TQ_OLD, TQ_NEW, KHUON_HA, THUONG_LAM)
    province = ListRegistry(
        unit("02251", "Khuôn Hà", OLD, note="a province's copy, listed after the first"),
        unit("02299", "Khuôn Hà", OLD, note="a unit only the province knows"),
    )
    host = host_with(("a-national", units_plugin(national)), ("b-province", units_plugin(province)))
    host.load()
    assert host.unit_registries() == [national, province]
    assert national.queries == province.queries == 0
    merged = host.unit_registry()
    found = merged.resolve("Khuôn Hà")
    assert [(u.code, u.note) for u in found] == [
        ("02251", None),
        ("02299", "a unit only the province knows"),
    ]
    assert merged.get("post_2025:02269") == THUONG_LAM
    assert merged.find("02299", OLD) is not None
    assert merged.find("99999", OLD) is None
    assert merged.get("nothing") is None


def test_on_reaches_every_registry() -> None:
    """The day and the province are passed to every registry."""
    host = host_with(("units", units_plugin(ListRegistry(TQ_OLD, TQ_NEW))))
    merged = host.unit_registry()
    assert [u.scheme for u in merged.resolve("Tuyên Quang", on=date(2022, 8, 10))] == [OLD]
    assert [u.scheme for u in merged.resolve("Tuyên Quang", on=date(2025, 7, 1))] == [NEW]


def test_no_registry_gives_an_empty_merge() -> None:
    """With no unit plugin, the merged registry answers nothing."""
    host = PluginHost(entry_points=False)
    assert host.unit_registries() == []
    assert host.unit_registry().resolve("Khuôn Hà") == []


@pytest.mark.parametrize(
    "value",
    ["pre_2025:02251", ListRegistry, [object()], [ListRegistry], None, 42, {"units": []}],
    ids=["string", "class", "not-a-registry", "class-in-list", "none", "int", "mapping"],
)
def test_a_malformed_registration_drops_only_that_plugin(value: object) -> None:
    """Anything but a list of registries is the plugin's failure; the others keep working."""
    good = ListRegistry(KHUON_HA)
    bad = types.ModuleType("bad_units")

    @khuonha.hookimpl
    def khuonha_register_units() -> Any:
        return value

    bad.khuonha_register_units = khuonha_register_units  # type: ignore[attr-defined]
    host = host_with(("bad", bad), ("good", units_plugin(good)))
    assert host.unit_registries() == [good]
    [failure] = host.failures()
    assert failure.plugin == "bad"
    assert "khuonha_register_units" in failure.message
    assert [e.name for e in host.exporters()] == ["json", "jsonl"]
    with pytest.raises(PluginLoadError, match="khuonha_register_units"):
        host_with(("bad", bad), strict=True).load()


# -- the command line -----------------------------------------------------------------


@pytest.fixture
def with_units() -> Iterator[ListRegistry]:
    registry = ListRegistry(TQ_OLD, TQ_NEW, KHUON_HA, THUONG_LAM)
    old = set_default_host(host_with(("units", units_plugin(registry))))
    yield registry
    set_default_host(old)


def test_cli_json_contract(with_units: ListRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    """`khuonha unit NAME --on DAY --json`: one object per candidate, references as codes."""
    assert main(["unit", "Khuôn Hà", "--on", "2022-08-10", "--json"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert {k: found[k] for k in found if k not in ("id", "within")} == {
        "code": "02251",
        "name": "Khuôn Hà",
        "kind": "xa",
        "scheme": "pre_2025",
        "valid_from": None,
        "valid_until": "2025-06-30",
        "parent": "08",
        "successors": ["02269"],
        "note": None,
    }
    assert found["within"] == ["Tuyên Quang"]


def test_cli_table_and_misses(with_units: ListRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json a table; exit 1 and a message when nothing is found; bad date exits 2."""
    assert main(["unit", "Tuyên Quang"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "code",
        "name",
        "kind",
        "scheme",
        "valid",
        "successors",
        "within",
    ]
    assert "pre_2025" in out
    assert "post_2025" in out
    assert main(["unit", "Khuôn Hà", "--on", "2026-01-01", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "no unit named 'Khuôn Hà' on 2026-01-01" in captured.err
    assert main(["unit", "Khuôn Hà", "--on", "10/8/2022"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_cli_by_code(with_units: ListRegistry, capsys: pytest.CaptureFixture[str]) -> None:
    """A code gives the unit of that code in each list, narrowed by --on and --province."""
    assert main(["unit", "08", "--json"]) == 0
    assert [u["scheme"] for u in json.loads(capsys.readouterr().out)] == ["pre_2025", "post_2025"]
    assert main(["unit", " 08 ", "--on", "2025-08-01", "--json"]) == 0
    assert [u["scheme"] for u in json.loads(capsys.readouterr().out)] == ["post_2025"]
    assert main(["unit", "02251", "--province", "Tuyên Quang", "--json"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert (found["name"], found["successors"]) == ("Khuôn Hà", ["02269"])
    assert main(["unit", "02269", "--province", "08", "--json"]) == 0
    assert [u["name"] for u in json.loads(capsys.readouterr().out)] == ["Thượng Lâm"]
    assert main(["unit", "02269", "--province", "Hà Nội"]) == 1
    assert "no unit with code '02269' in province 'Hà Nội'" in capsys.readouterr().err
    assert main(["unit", "99999"]) == 1
    assert "no unit with code '99999'" in capsys.readouterr().err


def test_cli_without_a_registry(capsys: pytest.CaptureFixture[str]) -> None:
    """With no unit plugin the command says what is missing and exits 1."""
    old = set_default_host(PluginHost(entry_points=False))
    try:
        assert main(["unit", "Khuôn Hà"]) == 1
    finally:
        set_default_host(old)
    assert "no unit registry is installed" in capsys.readouterr().err


# -- validate --units --------------------------------------------------------------------


def _dataset(**changes: Any) -> khuonha.Dataset:
    return attrs.evolve(khuonha.sample(), **changes)


def test_check_units_agrees_with_a_matching_registry() -> None:
    """The sample's units agree with a registry that holds the same units."""
    sample = khuonha.sample()
    registry = ListRegistry(*[_as_registry_unit(u) for u in sample.units])
    assert check_units(sample, registry) == []


def _as_registry_unit(u: AdministrativeUnit) -> AdministrativeUnit:
    return attrs.evolve(
        u, id=f"{u.scheme.value}:{u.code}", parent=None, successors=(), predecessors=()
    )


def test_check_units_reports_name_kind_code_and_date() -> None:
    """A wrong name, a wrong kind, an unknown code and a commune gone on the report date."""
    sample = khuonha.sample()
    registry = ListRegistry(*[_as_registry_unit(u) for u in sample.units])
    units = list(sample.units)
    at = {u.id: i for i, u in enumerate(units)}
    units[at["xa-khuon-ha"]] = attrs.evolve(units[at["xa-khuon-ha"]], name="Thượng Lâm")
    units[at["huyen-lam-binh"]] = attrs.evolve(units[at["huyen-lam-binh"]], kind=UnitKind.QUAN)
    units.append(unit("99999", "Không Có", OLD))
    changed = attrs.evolve(sample, units=tuple(units), report_date=date(2026, 1, 29))
    warnings = check_units(changed, registry)
    k, h = at["xa-khuon-ha"], at["huyen-lam-binh"]
    assert warnings == [
        f"$.units[{h}].kind: pre_2025 unit 071 'Lâm Bình' is a huyen, not a quan",
        f"$.units[{k}].name: 'Thượng Lâm' is not the name of pre_2025 unit 02251 ('Khuôn Hà', xa)",
        f"$.units[{k}]: pre_2025 unit 02251 'Khuôn Hà' did not exist on the dataset's date "
        "2026-01-29 (valid … – 2025-06-30)",
        f"$.units[{len(units) - 1}].code: no pre_2025 unit has code '99999' in the installed "
        "unit registries",
    ]


def test_validate_units_prints_warnings_and_keeps_exit_0(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """`khuonha validate --units`: warnings on stdout, exit 0; no registry: exit 1."""
    sample = khuonha.sample()
    path = tmp_path / "d.json"
    path.write_bytes(khuonha.dumps(_dataset(report_date=date(2026, 1, 29))))
    registry = ListRegistry(*[_as_registry_unit(u) for u in sample.units])
    old = set_default_host(host_with(("units", units_plugin(registry))))
    try:
        assert main(["validate", "--units", str(path)]) == 0
    finally:
        set_default_host(old)
    out = capsys.readouterr().out
    assert f"{path}: $.units[3]: warning: pre_2025 unit 02251 'Khuôn Hà' did not exist" in out
    old = set_default_host(PluginHost(entry_points=False))
    try:
        assert main(["validate", "--units", str(path)]) == 1
        assert main(["validate", str(path)]) == 0
    finally:
        set_default_host(old)
    assert "--units needs a unit registry" in capsys.readouterr().err
