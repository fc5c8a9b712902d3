"""`khuonha enrich` and `enrich_units` against small registries: narrowing, review, hostile input.

The national registry and the corpus documents are tested by the khuonha-units plugin
(plugins/khuonha-units/tests/test_enrich.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import khuonha
from khuonha import AdministrativeUnit, CodeScheme, CodeSource, Dataset, UnitKind
from khuonha.cli import main
from khuonha.plugins import PluginHost, set_default_host
from khuonha.plugins.enrich import REVIEW_MARK, dataset_span, enrich_units, same_name
from khuonha.plugins.units import check_units
from khuonha.testing.plugins import FakeEntryPoint
from khuonha.text import match_key

OLD, NEW = CodeScheme.PRE_2025, CodeScheme.POST_2025
HOSTILE = Path(__file__).parent / "hostile"


class TreeRegistry:
    """A registry of a few units with parents; names match by match_key, level word optional."""

    def __init__(self, *units: AdministrativeUnit) -> None:
        self.units = units

    def resolve(
        self, name: str, *, on: date | None = None, province: str | None = None
    ) -> list[AdministrativeUnit]:
        found = [u for u in self.units if same_name(name, u.name)]
        if on is not None:
            found = [u for u in found if u.valid_on(on)]
        if province is not None:
            found = [u for u in found if self._province(u) in (province, None)]
        return found

    def _province(self, unit: AdministrativeUnit) -> str | None:
        while unit.parent is not None:
            above = self.get(unit.parent)
            if above is None:
                return None
            unit = above
        return unit.code

    def get(self, id: str) -> AdministrativeUnit | None:
        return next((u for u in self.units if u.id == id), None)

    def find(self, code: str, scheme: CodeScheme) -> AdministrativeUnit | None:
        return next((u for u in self.units if (u.code, u.scheme) == (code, scheme)), None)


def official(
    code: str, name: str, kind: UnitKind, parent: str | None = None, scheme: CodeScheme = OLD
) -> AdministrativeUnit:
    until, start = (date(2025, 6, 30), None) if scheme is OLD else (None, date(2025, 7, 1))
    return AdministrativeUnit(
        id=f"{scheme.value}:{code}",
        name=name,
        kind=kind,
        code=code,
        scheme=scheme,
        parent=None if parent is None else f"{scheme.value}:{parent}",
        valid_from=start,
        valid_until=until,
    )


#: Two provinces, each with a huyện, and a "Tân Phú" in both; Tân Phú of 08 also after 2025.
REGISTRY = TreeRegistry(
    official("08", "Tuyên Quang", UnitKind.TINH),
    official("071", "Lâm Bình", UnitKind.HUYEN, "08"),
    official("02251", "Khuôn Hà", UnitKind.XA, "071"),
    official("02270", "Tân Phú", UnitKind.XA, "071"),
    official("75", "Đồng Nai", UnitKind.TINH),
    official("731", "Tân Phú", UnitKind.HUYEN, "75"),
    official("26200", "Tân Phú", UnitKind.XA, "731"),
    official("08", "Tuyên Quang", UnitKind.TINH, scheme=NEW),
    official("02270", "Tân Phú", UnitKind.XA, "08", scheme=NEW),
)


def dataset(*units: AdministrativeUnit, **kw: Any) -> Dataset:
    kw.setdefault("report_date", date(2022, 8, 10))
    return Dataset(slug="d", title="D", units=units, **kw)


def named(id: str, name: str, kind: UnitKind | None, parent: str | None = None, **kw: Any) -> Any:
    level = None if kind is not None else kw.pop("level")
    return AdministrativeUnit(id=id, name=name, kind=kind, level=level, parent=parent, **kw)  # type: ignore[arg-type]


def test_a_unique_unit_is_filled_in_and_marked() -> None:
    """Khuôn Hà under Tuyên Quang on 10/8/2022: one unit fits; code, scheme and the mark."""
    ds = dataset(
        named("tq", "Tuyên Quang", UnitKind.TINH),
        named("kh", "xã Khuôn Hà", UnitKind.XA, "tq"),
    )
    result = enrich_units(ds, REGISTRY)
    unit = result.dataset.find("kh")
    assert (unit.code, unit.scheme, unit.code_source) == ("02251", OLD, CodeSource.REGISTRY)
    assert unit.name == "xã Khuôn Hà"  # the source's words are kept
    assert [f.outcome for f in result.fills] == ["filled", "filled"]
    assert result.span == (date(2022, 8, 10), date(2022, 8, 10))


def test_the_province_the_parent_and_the_date_narrow() -> None:
    """ "Tân Phú" is a xã of Tuyên Quang, a huyện and a xã of Đồng Nai, and a post-2025 xã."""
    ds = dataset(
        named("dn", "Đồng Nai", UnitKind.TINH),
        named("h", "Tân Phú", UnitKind.HUYEN, "dn"),
        named("x", "Tân Phú", UnitKind.XA, "h"),
        named("tq", "Tuyên Quang", UnitKind.TINH),
        named("x2", "Tân Phú", UnitKind.XA, "tq"),
    )
    got = {u.id: u.code for u in enrich_units(ds, REGISTRY).dataset.units}
    assert got == {"dn": "75", "h": "731", "x": "26200", "tq": "08", "x2": "02270"}
    after = enrich_units(attrs.evolve(ds, report_date=date(2026, 1, 1)), REGISTRY).dataset
    assert after.find("x2").scheme is NEW
    assert after.find("x").code is None  # no xã Tân Phú in Đồng Nai after 2025 here


def test_what_enrich_fills_in_validates_against_the_registry() -> None:
    """check_units (validate --units) has nothing to say about codes enrich filled in, even for
    a unit known by its level only (no "is a xa, not a None"); a wrong code still warns."""
    ds = dataset(
        named("tq", "Tuyên Quang", UnitKind.TINH),
        named("lb", "Lâm Bình", None, "tq", level=khuonha.UnitLevel.DISTRICT),
        named("kh", "Khuôn Hà", None, "lb", level=khuonha.UnitLevel.COMMUNE),
    )
    enriched = enrich_units(ds, REGISTRY).dataset
    assert [u.code for u in enriched.units] == ["08", "071", "02251"]
    assert check_units(enriched, REGISTRY) == []
    wrong = attrs.evolve(
        enriched,
        units=(
            *enriched.units[:2],
            attrs.evolve(enriched.units[2], code="071", level=khuonha.UnitLevel.DISTRICT),
        ),
    )
    assert check_units(wrong, REGISTRY) == [
        "$.units[2].name: 'Khuôn Hà' is not the name of pre_2025 unit 071 ('Lâm Bình', huyen)"
    ]


def test_an_ambiguous_unit_is_left_for_review_with_its_candidates() -> None:
    """A xã Tân Phú with no parent: two candidates, listed in the note; nothing else changes."""
    ds = dataset(named("x", "Tân Phú", UnitKind.XA, note="Ghi chú của người nhập."))
    result = enrich_units(ds, REGISTRY)
    (fill,) = result.review
    assert fill.path == "$.units[0]"
    assert [c.code for c in fill.candidates] == ["02270", "26200"]
    unit = result.dataset.find("x")
    assert unit.code is None
    assert unit.code_source is None
    first, second = unit.note.split("\n")
    assert first == "Ghi chú của người nhập."
    assert second == (
        f"{REVIEW_MARK} code not filled in: 2 units fit the name 'Tân Phú'; candidates: "
        "pre_2025 02270 Tân Phú (xa; Lâm Bình, Tuyên Quang); "
        "pre_2025 26200 Tân Phú (xa; Tân Phú, Đồng Nai)"
    )
    # Enriching again replaces the review line; once the parent is given, it goes away.
    assert enrich_units(result.dataset, REGISTRY).dataset == result.dataset
    fixed = attrs.evolve(
        result.dataset,
        units=(named("dn", "Đồng Nai", UnitKind.TINH), attrs.evolve(unit, parent="dn")),
    )
    done = enrich_units(fixed, REGISTRY).dataset.find("x")
    assert done.code == "26200"
    assert done.note == "Ghi chú của người nhập."


def test_a_parent_that_contradicts_every_candidate_is_for_review() -> None:
    """Khuôn Hà put under Đồng Nai: the one Khuôn Hà is not there, so a person must look."""
    ds = dataset(
        named("dn", "Đồng Nai", UnitKind.TINH),
        named("h", "Tân Phú", UnitKind.HUYEN, "dn"),
        named("kh", "Khuôn Hà", UnitKind.XA, "h"),
    )
    fill = next(f for f in enrich_units(ds, REGISTRY).fills if f.unit.id == "kh")
    assert fill.outcome == "not_found"
    assert fill.reason == "no xa named 'Khuôn Hà' in province 75 in the unit registries"


def test_unknown_names_kinds_and_dates() -> None:
    """No such name, a kind that differs, a unit gone on the dataset's date."""
    ds = dataset(
        named("a", "Không Có", UnitKind.XA),
        named("b", "Khuôn Hà", UnitKind.PHUONG),
        named("c", "Khuôn Hà", None, level=khuonha.UnitLevel.COMMUNE),
        report_date=date(2026, 1, 1),
    )
    result = enrich_units(ds, REGISTRY)
    assert [(f.unit.id, f.outcome) for f in result.fills] == [
        ("a", "not_found"),
        ("b", "not_found"),
        ("c", "review"),
    ]
    assert "existed on the dataset's date (2026-01-01)" in result.fills[2].reason
    assert result.dataset.find("c").code is None


def test_the_dataset_span() -> None:
    """report_date, period end, news and event days, a month or year, the period's start."""
    reduced = khuonha.ReducedDate(year=2023, month=8)
    news = khuonha.NewsItem(id="n", title="T", published_in=reduced)
    assert dataset_span(dataset(news=(news,), report_date=None)) == (
        date(2023, 8, 1),
        date(2023, 8, 31),
    )
    period = khuonha.Period(
        start=date(2022, 1, 1), precision=khuonha.Precision.OPEN_END, label="Từ đầu năm"
    )
    assert dataset_span(dataset(period=period, report_date=None)) == (
        date(2022, 1, 1),
        date(2022, 1, 1),
    )
    assert dataset_span(dataset(report_date=None)) is None


def test_a_parent_cycle_and_codes_already_given_are_safe() -> None:
    """Units whose parents form a cycle are each looked at once; coded units stay as they are."""
    ds = dataset(
        named("a", "Khuôn Hà", UnitKind.XA, "b"),
        named("b", "Lâm Bình", UnitKind.HUYEN, "a"),
        AdministrativeUnit(id="c", name="Sai Tên", kind=UnitKind.XA, code="02251", scheme=OLD),
    )
    result = enrich_units(ds, REGISTRY)
    assert sorted(f.unit.id for f in result.fills) == ["a", "b"]
    assert result.dataset.find("c") == ds.find("c")


# -- the command -----------------------------------------------------------------------


@pytest.fixture
def with_registry() -> Iterator[None]:
    module = type(khuonha)("fake_units_for_enrich")

    @khuonha.hookimpl
    def khuonha_register_units() -> Any:
        return [REGISTRY]

    module.khuonha_register_units = khuonha_register_units  # type: ignore[attr-defined]
    old = set_default_host(
        PluginHost(entry_points=[FakeEntryPoint("units", plugin=module)], strict=False)
    )
    try:
        yield
    finally:
        set_default_host(old)


def test_cli_without_a_registry_exits_1(tmp_path: Path, capsys: Any) -> None:
    """No unit registry installed: a clear message, exit 1, no output file."""
    source = tmp_path / "in.json"
    source.write_bytes(khuonha.dumps(dataset(named("x", "Tân Phú", UnitKind.XA))))
    old = set_default_host(PluginHost(entry_points=False))
    try:
        assert main(["enrich", str(source), "-o", str(tmp_path / "out.json")]) == 1
    finally:
        set_default_host(old)
    assert "enrich needs a unit registry, and none is installed" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.usefixtures("with_registry")
def test_cli_output_and_report(tmp_path: Path, capsys: Any) -> None:
    """-o OUT gets the document; stderr names each unit by its path; stdout stays empty."""
    source = tmp_path / "in.json"
    source.write_bytes(
        khuonha.dumps(
            dataset(named("tq", "Tuyên Quang", UnitKind.TINH), named("x", "Tân Phú", UnitKind.XA))
        )
    )
    out = tmp_path / "out.json"
    assert main(["enrich", str(source), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "khuonha enrich: $.units[0] 'Tuyên Quang': filled in pre_2025 08 Tuyên Quang (tinh)",
        "khuonha enrich: $.units[1] 'Tân Phú': review: 2 units fit the name 'Tân Phú'",
        "khuonha enrich:     candidate pre_2025 02270 Tân Phú (xa; Lâm Bình, Tuyên Quang)",
        "khuonha enrich:     candidate pre_2025 26200 Tân Phú (xa; Tân Phú, Đồng Nai)",
        "khuonha enrich: filled in 1 of 2 unit(s) without a code; 1 left for review, 0 not found",
    ]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["units"][0]["code_source"] == "registry"
    assert REVIEW_MARK in data["units"][1]["note"]
    # Enriching the output again, in place, changes nothing: the review line is not repeated.
    before = out.read_bytes()
    assert main(["enrich", str(out), "-o", str(out)]) == 0
    assert out.read_bytes() == before


@pytest.mark.usefixtures("with_registry")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("invalid-json.json", "$: invalid JSON"),
        ("garbage.bin", "$: not UTF-8 text"),
        ("top-level-array.json", "$: expected an object (Dataset), got array"),
        ("dangling-reference.json", "no person 'khong-ton-tai'"),
        ("future-schema.json", "$.schema_version: this document uses schema '9.0'"),
    ],
)
def test_cli_refuses_bad_input_and_writes_nothing(
    name: str, expected: str, tmp_path: Path, capsys: Any
) -> None:
    """Bad input: exit 1, the file and JSON path on stderr, no traceback, no output file."""
    path = str(HOSTILE / name)
    assert main(["enrich", path, "-o", str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err
    assert f"khuonha: error: {path}: " in err
    assert expected in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("with_registry")
def test_cli_shows_hostile_names_escaped_and_fails_cleanly_on_output(
    tmp_path: Path, capsys: Any
) -> None:
    """A name with terminal escapes is shown escaped; an unwritable -o exits 1, nothing left."""
    source = tmp_path / "in.json"
    evil = "Tân Phú\x1b[2J\u202e"
    source.write_bytes(khuonha.dumps(dataset(named("x", evil, UnitKind.XA))))
    assert main(["enrich", str(source), "-o", str(tmp_path / "out.json")]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\\x1b[2J\\u202e" in err
    assert match_key(khuonha.load(tmp_path / "out.json").units[0].name) == match_key(evil)
    missing = tmp_path / "no-such-dir" / "out.json"
    assert main(["enrich", str(source), "-o", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "khuonha: error:" in err
    assert "Traceback" not in err
    assert not missing.parent.exists()
    with pytest.raises(SystemExit) as usage:
        main(["enrich"])
    assert usage.value.code == 2
