"""Roll-ups: honest totals, province = sum of communes, cùng kỳ, the 2025 reorganisation."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khuonha
from khuonha import (
    Activity,
    AdministrativeUnit,
    CodeScheme,
    Dataset,
    Period,
    Qualifier,
    Quantity,
    UnitKind,
)
from khuonha.cli import main
from khuonha.rollups import Total, rollup
from khuonha.testing.national import national_dataset


def _q(value: int, qualifier: Qualifier = Qualifier.EXACT) -> Quantity:
    return Quantity(value=value, qualifier=qualifier)


def test_more_than_plus_a_figure_stays_more_than() -> None:
    """ "trên 2.500" plus 300 is "trên 2.800", not 2.800."""
    total = Total.of(_q(2500, Qualifier.MORE_THAN)) + Total.of(_q(300))
    assert (total.qualifier, total.value, total.describe()) == (
        Qualifier.MORE_THAN,
        2800,
        "trên 2.800",
    )


def test_a_nearly_bound_stays_a_bound() -> None:
    """ "gần 300" plus 200 is below 500 and at least 200."""
    total = Total.of(_q(300, Qualifier.NEARLY)) + Total.of(_q(200))
    assert (total.qualifier, total.low, total.high, total.high_open) == (
        Qualifier.NEARLY,
        200,
        500,
        True,
    )
    assert total.describe("en") == "nearly 500 (from 200)"


def test_about_makes_the_total_approximate() -> None:
    """A "khoảng" figure makes the whole total "khoảng"."""
    total = Total.of(_q(100, Qualifier.ABOUT)) + Total.of(_q(20))
    assert total.qualifier is Qualifier.ABOUT
    assert total.describe() == "khoảng 120"


def test_basically_is_an_estimate_too() -> None:
    """ "cơ bản đạt 28/34": not a bound either way, so the total is an estimate."""
    total = Total.of(_q(28, Qualifier.BASICALLY)) + Total.of(_q(2))
    assert (total.qualifier, total.value, total.is_exact) == (Qualifier.ABOUT, 30, False)


_QUALIFIERS = [q for q in Qualifier if q not in (Qualifier.ABOUT, Qualifier.BASICALLY)]


@st.composite
def _figure_and_truth(draw: st.DrawFn) -> tuple[Quantity, int]:
    """A figure as written, and a true value the words allow."""
    value = draw(st.integers(min_value=1, max_value=10_000))
    qualifier = draw(st.sampled_from(_QUALIFIERS))
    truth = {
        Qualifier.EXACT: value,
        Qualifier.MORE_THAN: value + draw(st.integers(1, 1000)),
        Qualifier.AT_LEAST: value + draw(st.integers(0, 1000)),
        Qualifier.NEARLY: value - draw(st.integers(1, value)),
        Qualifier.AT_MOST: value - draw(st.integers(0, value)),
    }[qualifier]
    return _q(value, qualifier), truth


@given(st.lists(_figure_and_truth(), min_size=1, max_size=12))
def test_bounds_never_narrow(figures: list[tuple[Quantity, int]]) -> None:
    """Whatever true values the words allow, their sum lies inside the total."""
    total = Total()
    for quantity, _ in figures:
        total = total + Total.of(quantity)
    assert total.contains(sum(truth for _, truth in figures))
    assert total.count == len(figures)


@settings(max_examples=50, deadline=None)
@given(st.lists(_figure_and_truth(), min_size=1, max_size=8), st.integers(1, 3))
def test_bounds_never_narrow_through_a_rollup(
    figures: list[tuple[Quantity, int]], communes: int
) -> None:
    """Figures spread over communes of one province: at both levels, each total holds the sum
    of whatever true values the words allow."""
    province = AdministrativeUnit(
        id="t", name="Tỉnh", kind=UnitKind.TINH, code="99", scheme=CodeScheme.POST_2025
    )
    units = [province] + [
        AdministrativeUnit(
            id=f"x{n}",
            name=f"Xã {n}",
            kind=UnitKind.XA,
            code=f"9900{n}",
            scheme=CodeScheme.POST_2025,
            parent="t",
        )
        for n in range(communes)
    ]
    activities = tuple(
        Activity(id=f"a{i}", kind="tuyen_truyen", quantity=q, covered=(f"x{i % communes}",))
        for i, (q, _) in enumerate(figures)
    )
    ds = Dataset(slug="d", title="D", units=tuple(units), activities=activities)
    (top,) = rollup([ds], level="province").rows
    assert top.total.contains(sum(truth for _, truth in figures))
    for row in rollup([ds], level="commune").rows:
        n = int(row.unit[-1])
        truth = sum(t for i, (_, t) in enumerate(figures) if i % communes == n)
        assert row.total.contains(truth)


def test_the_sample_rolls_into_the_commune_that_took_khuon_ha_over() -> None:
    """Khuôn Hà (02251) merged into Thượng Lâm (02269) on 1/7/2025: its figures count there."""
    result = rollup([khuonha.sample()], level="commune")
    units = {r.unit for r in result.rows}
    assert units == {"post_2025:02269"}
    audience = result.row("post_2025:02269", "luot_nguoi_nghe").total
    assert (audience.qualifier, audience.value) == (Qualifier.MORE_THAN, 2500)
    assert result.row("post_2025:02269", "buoi_tuyen_truyen").total.describe() == "92"
    # the self-managed group is one record with a count; the fire-safety teams say only
    # "in every village", so no number of them is invented
    assert result.row("post_2025:02269", "mo_hinh_tu_quan").total.describe() == "1"
    with pytest.raises(KeyError):
        result.row("post_2025:02269", "to_dan_phong")


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=0, max_value=50))
def test_a_province_total_is_the_sum_of_its_communes(seed: int) -> None:
    """Per indicator, the province's interval is the sum of its communes' intervals."""
    ds = national_dataset(seed=seed, scale=0.002)
    communes = rollup([ds], level="commune")
    provinces = rollup([ds], level="province")
    parent = {f"{u.scheme.value}:{u.code}": u.parent for u in ds.units}
    by_id = {u.id: u for u in ds.units}
    expected: dict[tuple[str, str], Total] = {}
    for row in communes.rows:
        prov = by_id[parent[row.unit]]
        key = (f"{prov.scheme.value}:{prov.code}", row.indicator.id)
        expected[key] = expected.get(key, Total()) + row.total
    got = {(r.unit, r.indicator.id): r.total for r in provinces.rows}
    assert got == expected
    assert got


def _shift_back(ds: Dataset) -> Dataset:
    def shift(p: Period | None) -> Period | None:
        if p is None or p.end is None:
            return p
        return p.same_period_in(p.end.year - 1)

    return attrs.evolve(
        ds,
        slug=ds.slug + "-truoc",
        activities=tuple(attrs.evolve(a, period=shift(a.period)) for a in ds.activities),
        period=shift(ds.period),
    )


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=0, max_value=50))
def test_cung_ky_of_a_dataset_with_itself_a_year_earlier_is_zero(seed: int) -> None:
    """The same figures a year earlier compare to a difference of zero, 0 %; where a figure is
    a bound, the difference is an interval that holds zero."""
    ds = national_dataset(seed=seed, scale=0.002)
    year = next(a.period for a in ds.activities if a.period is not None).end.year  # type: ignore[union-attr]
    result = rollup(
        [ds, _shift_back(ds)],
        level="province",
        period=Period.year(year),
        compare="cung-ky",
    )
    assert result.previous_period == Period.year(year - 1).same_period_in(year - 1)
    assert result.rows
    for row in result.rows:
        assert row.comparison is not None
        assert row.comparison.previous == row.total
        if row.total.is_exact:
            assert (row.comparison.low, row.comparison.high) == (0, 0)
            assert row.comparison.percent in (0.0, None)
        else:
            assert row.comparison.low is None or row.comparison.low <= 0
            assert row.comparison.high is None or row.comparison.high >= 0


def _units(*units: AdministrativeUnit) -> tuple[AdministrativeUnit, ...]:
    return units


def _commune(uid: str, code: str, name: str, **kw: Any) -> AdministrativeUnit:
    return AdministrativeUnit(
        id=uid, name=name, kind=UnitKind.XA, code=code, scheme=CodeScheme.PRE_2025, **kw
    )


def _post(uid: str, code: str, name: str) -> AdministrativeUnit:
    return AdministrativeUnit(
        id=uid, name=name, kind=UnitKind.XA, code=code, scheme=CodeScheme.POST_2025
    )


def test_a_split_commune_keeps_its_figures_and_says_why() -> None:
    """A commune split between two cannot have its figures divided: they stay, with a note."""
    ds = Dataset(
        slug="tach",
        title="Xã bị chia tách",
        units=_units(
            _commune("xa-a", "01001", "A", successors=("xa-b", "xa-c")),
            _post("xa-b", "01002", "B"),
            _post("xa-c", "01003", "C"),
        ),
        commune="xa-a",
        activities=(Activity(id="hd-1", kind="tuyen_truyen", quantity=_q(10)),),
    )
    result = rollup([ds])
    assert result.row("pre_2025:01001", "buoi_tuyen_truyen").total.describe() == "10"
    assert any("split between B, C" in note for note in result.notes)
    assert {u for u, _ in result.silent} == {"post_2025:01002", "post_2025:01003"}


def test_figures_whose_period_straddles_are_left_out_and_noted() -> None:
    """A figure for 2024–2025 cannot be cut to 2025: it is left out, and the note says so."""
    ds = Dataset(
        slug="vat",
        title="Số liệu vắt qua năm",
        units=_units(_post("xa-b", "01002", "B")),
        commune="xa-b",
        activities=(
            Activity(
                id="hd-1", kind="tuyen_truyen", quantity=_q(10), period=Period.years(2024, 2025)
            ),
            Activity(id="hd-2", kind="tuyen_truyen", quantity=_q(4), period=Period.year(2025)),
        ),
    )
    result = rollup([ds], period=Period.year(2025))
    assert result.row("post_2025:01002", "buoi_tuyen_truyen").total.describe() == "4"
    assert any("straddles" in n for n in result.notes)


def test_cung_ky_needs_a_period() -> None:
    """Comparing with the same period a year earlier needs a period."""
    with pytest.raises(khuonha.InvalidDataError):
        rollup([khuonha.sample()], compare="cung-ky")


def test_the_command_prints_json(tmp_path: Any, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`khuonha rollup FILE --level province --json` prints rows, silent units and notes."""
    path = tmp_path / "khuon-ha.json"
    path.write_bytes(khuonha.dumps(khuonha.sample()))
    code = main(["rollup", str(path), "--level", "province", "--json"])
    assert code == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert data["level"] == "province"
    row = next(r for r in data["rows"] if r["indicator"] == "luot_nguoi_nghe")
    assert (row["unit_code"], row["total"]["qualifier"], row["total"]["text"]) == (
        "08",
        "more_than",
        "trên 2.500",
    )


def test_the_command_refuses_cung_ky_without_a_period(tmp_path: Any) -> None:
    """--compare cung-ky without --period is a usage error (exit 2)."""
    path = tmp_path / "khuon-ha.json"
    path.write_bytes(khuonha.dumps(khuonha.sample()))
    assert main(["rollup", str(path), "--compare", "cung-ky"]) == 2


def test_rollup_dates_are_from_the_data() -> None:
    """The period asked for bounds what counts: a 2022 sample has nothing in 2030."""
    result = rollup([khuonha.sample()], period=Period.year(2030))
    assert result.rows == ()
    assert [name for _, name in result.silent] == ["Thượng Lâm"]
    assert date(2030, 1, 1) in Period.year(2030)


def test_the_bm01_table_has_a_row_per_commune_and_a_total_equal_to_the_province() -> None:
    """TỔNG CỘNG equals the library's own province totals, column by column."""
    from khuonha.rollups import form_table, load_form
    from khuonha.testing.forms import form_province

    ds = form_province(seed=7, communes=6)
    table = form_table([ds], "bm01", period=ds.period)
    assert table.period_text == "Kỳ báo cáo: năm 2026"
    assert len(table.rows) == 6
    assert all(v is None for v in table.rows[-1].values)  # the commune that reported nothing
    province = rollup([ds], level="province", period=ds.period)
    for col, total in zip(load_form("bm01").columns, table.total, strict=True):
        assert total == province.row("post_2025:99", col.indicator).total


def test_a_form_column_names_a_known_indicator() -> None:
    """A form naming an indicator the catalogue lacks is refused, with its column."""
    from khuonha.rollups import Form, FormColumn

    with pytest.raises(khuonha.InvalidDataError, match=r"columns\[0\]"):
        Form(
            id="x",
            title="X",
            period_label="Kỳ",
            unit_header="Đơn vị",
            total_label="Tổng",
            columns=(FormColumn(group="g", header="h", indicator="khong_co"),),
        )


@pytest.mark.workspace
def test_the_command_takes_the_reorganisation_from_the_installed_registry(
    tmp_path: Any, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A pre-2025 commune with no successors in the data still rolls into its successor."""
    ds = Dataset(
        slug="khuon-ha-cu",
        title="Khuôn Hà, chỉ mã cũ",
        units=_units(_commune("xa-khuon-ha", "02251", "Khuôn Hà")),
        commune="xa-khuon-ha",
        activities=(Activity(id="hd-1", kind="tuyen_truyen", quantity=_q(92)),),
    )
    path = tmp_path / "cu.json"
    path.write_bytes(khuonha.dumps(ds))
    assert main(["rollup", str(path), "--json"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    (row,) = data["rows"]
    assert (row["unit"], row["unit_name"], row["total"]["value"]) == (
        "post_2025:02269",
        "Thượng Lâm",
        92,
    )


@pytest.mark.workspace
def test_the_bm01_workbook_opens_with_openpyxl_and_its_total_row_is_the_librarys(
    tmp_path: Any, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`khuonha rollup --form bm01 -o bm01.xlsx`: TỔNG CỘNG equals the province's totals."""
    import openpyxl

    from khuonha.rollups import load_form
    from khuonha.testing.forms import form_province

    ds = form_province(seed=11, communes=5)
    source = tmp_path / "tinh.json"
    source.write_bytes(khuonha.dumps(ds))
    target = tmp_path / "bm01.xlsx"
    code = main(
        ["rollup", str(source), "--form", "bm01", "--period", "năm 2026", "-o", str(target)]
    )
    assert code == 0, capsysbinary.readouterr().err
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Biểu mẫu 01")
    assert rows[1][0] == "Kỳ báo cáo: năm 2026"
    total_row = rows[-1]
    assert total_row[0] == "TỔNG CỘNG"
    assert len(rows) == 4 + 5 + 1  # title, period, two header rows, communes, total
    province = rollup([ds], level="province", period=ds.period)
    for n, col in enumerate(load_form("bm01").columns):
        expected = province.row("post_2025:99", col.indicator).total
        cell = total_row[3 + n]
        assert cell == (expected.value if expected.is_exact else expected.describe())


@pytest.mark.workspace
def test_duckdb_over_the_parquet_export_agrees_with_the_rollup(tmp_path: Any) -> None:
    """Per commune and indicator, DuckDB's sum over the Parquet files is the roll-up's low bound."""
    import duckdb

    from khuonha.testing.forms import form_province

    ds = form_province(seed=5, communes=4)
    khuonha.export(ds, "parquet", tmp_path / "bang")
    rows = duckdb.sql(
        f"""
        SELECT c.code, a.kind, sum(a.quantity.value) AS total
        FROM read_parquet('{tmp_path / "bang" / "activities.parquet"}') AS a
        JOIN read_parquet('{tmp_path / "bang" / "units.parquet"}') AS c ON c.id = a.covered[1]
        GROUP BY c.code, a.kind
        """
    ).fetchall()
    assert rows
    result = rollup([ds], level="commune")
    for code, kind, total in rows:
        assert result.row(f"post_2025:{code}", kind).total.low == total
    assert len(rows) == len(result.rows)


@pytest.mark.workspace
@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=1, max_value=9))
def test_duckdb_over_the_parquet_export_gives_the_province_totals(seed: int, communes: int) -> None:
    """On a generated province, DuckDB's per-indicator sum over the Parquet export is the
    province total's low bound, and its high bound where every figure is exact."""
    import tempfile
    from pathlib import Path

    import duckdb

    from khuonha.testing.forms import form_province

    ds = form_province(seed=seed, communes=communes)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bang"
        khuonha.export(ds, "parquet", folder)
        rows = duckdb.sql(
            f"""
            SELECT p.code, a.kind, sum(a.quantity.value), count(*)
            FROM read_parquet('{folder / "activities.parquet"}') AS a
            JOIN read_parquet('{folder / "units.parquet"}') AS c ON c.id = a.covered[1]
            JOIN read_parquet('{folder / "units.parquet"}') AS p ON p.id = c.parent
            GROUP BY ALL
            """
        ).fetchall()
    result = rollup([ds], level="province", period=ds.period)
    assert len(rows) == len(result.rows)
    for code, kind, total, count in rows:
        got = result.row(f"post_2025:{code}", kind).total
        assert got.low == total
        assert got.count == count
        if got.is_exact:
            assert got.high == total


@pytest.mark.workspace
@pytest.mark.libreoffice
def test_the_bm01_workbook_opens_in_libreoffice_with_the_librarys_totals(
    tmp_path: Any, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """LibreOffice reads the BM01 sheet of a generated province (converted to CSV, headless):
    its TỔNG CỘNG row shows the library's totals, and every exact column adds up to it."""
    import csv
    import shutil
    import subprocess

    from khuonha.rollups import load_form
    from khuonha.testing.forms import form_province

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (apt-get install libreoffice-calc)"
    ds = form_province(seed=13, communes=8)
    source = tmp_path / "tinh.json"
    source.write_bytes(khuonha.dumps(ds))
    target = tmp_path / "bm01.xlsx"
    code = main(
        ["rollup", str(source), "--form", "bm01", "--period", "năm 2026", "-o", str(target)]
    )
    assert code == 0, capsysbinary.readouterr().err
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, double quote, UTF-8
            "--outdir",
            str(out),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    rows = list(csv.reader((out / "bm01.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][0].startswith("Biểu mẫu 01")
    assert rows[1][0] == "Kỳ báo cáo: năm 2026"
    communes, total_row = rows[4:-1], rows[-1]
    assert total_row[0] == "TỔNG CỘNG"
    assert len(communes) == 8
    province = rollup([ds], level="province", period=ds.period)
    columns = load_form("bm01").columns
    exact = [province.row("post_2025:99", c.indicator).total.is_exact for c in columns]
    assert any(exact)
    assert not all(exact)
    for n, col in enumerate(columns):
        expected = province.row("post_2025:99", col.indicator).total
        shown = total_row[3 + n]
        if expected.is_exact:
            assert shown == str(expected.value)
            assert sum(int(r[3 + n] or 0) for r in communes) == expected.value
        else:
            assert shown == expected.describe()
