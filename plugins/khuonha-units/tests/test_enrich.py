"""`khuonha enrich` with the national registry, on the corpus documents (tests/corpus/*.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from khuonha_units import NationalRegistry, national_registry

import khuonha
from khuonha import CodeScheme, CodeSource, Dataset
from khuonha.cli import main
from khuonha.plugins.enrich import REVIEW_MARK, enrich_units

REPO = Path(__file__).resolve().parents[3]
CORPUS = sorted((REPO / "tests" / "corpus").glob("[0-9][0-9].json"))
OLD, NEW = CodeScheme.PRE_2025, CodeScheme.POST_2025

#: What each corpus document's units are, by id: (scheme, code). Checked by hand against
#: the names, parents and dates the articles give (INDEX.md of the shared corpus).
EXPECTED: dict[str, dict[str, tuple[CodeScheme, str]]] = {
    "01": {
        "tinh-dong-thap": (OLD, "87"),
        "huyen-hong-ngu": (OLD, "870"),
        "xa-thuong-thoi-hau-a": (OLD, "29962"),
        "huyen-tan-hong": (OLD, "869"),
        "huyen-tam-nong": (OLD, "871"),
        "binh-phu": (OLD, "29935"),
        "phu-thanh-a": (OLD, "30034"),
    },
    "02": {
        "tinh-nam-dinh": (OLD, "36"),
        "huyen-nam-truc": (OLD, "362"),
        "xa-nam-tien": (OLD, "14017"),
    },
    "03": {"tinh-son-la": (NEW, "14"), "xa-van-ho": (NEW, "04048")},
    "04": {"tinh-lao-cai": (NEW, "15"), "xa-gia-phu": (NEW, "02923")},
    # 05: phường Nguyễn Phúc is known to the source only as a former name of phường Hồng Hà
    # (04264): its province and city are filled, the ward is left for review (see below).
    "05": {"tinh-yen-bai": (OLD, "15"), "thanh-pho-yen-bai": (OLD, "132")},
    "06": {
        "tinh-dak-lak": (OLD, "66"),
        "thi-xa-buon-ho": (OLD, "644"),
        "phuong-an-lac": (OLD, "24305"),
    },
    "07": {
        "tinh-tien-giang": (OLD, "82"),
        "huyen-cho-gao": (OLD, "822"),
        "xa-phu-kiet": (OLD, "28609"),
    },
    "08": {"tinh-phu-tho": (NEW, "25"), "phuong-ky-son": (NEW, "04894")},
    "09": {"tinh-hung-yen": (NEW, "33"), "xa-bac-dong-quan": (NEW, "12745")},
    "10": {
        "tinh-lang-son": (OLD, "20"),
        "tp-lang-son": (OLD, "178"),
        "xa-quang-lac": (OLD, "05989"),
    },
    "11": {
        "tinh-lao-cai": (OLD, "10"),
        "huyen-bat1-xat1": (OLD, "082"),
        "huyen-bao3-yen": (OLD, "087"),
        "huyen-muong2-khuong": (OLD, "083"),
        "huyen-si-ma-cai": (OLD, "084"),
        "huyen-van-ban2": (OLD, "089"),
        "la-pan-tan": (OLD, "02791"),
        "ta-ngai-cho": (OLD, "02755"),
        "ta-gia-khau": (OLD, "02767"),
        "pho-rang": (OLD, "02947"),
        "bao-ha": (OLD, "02989"),
        "minh-luong": (OLD, "03112"),
        "san-chai": (OLD, "02812"),
        "sin-cheng": (OLD, "02824"),
        "a-mu-sung": (OLD, "02686"),
        "coc-my": (OLD, "02704"),
        "y-ty": (OLD, "02701"),
    },
    "12": {"tinh-lam-dong": (OLD, "68")},
    "13": {
        "tinh-lai-chau": (OLD, "12"),
        "tp-lai-chau": (OLD, "105"),
        "xa-sung-phai": (OLD, "03403"),
    },
    "14": {
        "tinh-long-an": (OLD, "80"),
        "huyen-ben-luc": (OLD, "803"),
        "xa-long-hiep": (OLD, "28024"),
    },
    "15": {"tinh-ca-mau": (OLD, "96"), "huyen-thoi-binh": (OLD, "967")},
}

#: Units left for review, by document: the ward known only by a former name.
REVIEW = {"05": {"phuong-nguyen-phuc"}}


@pytest.fixture(scope="module")
def registry() -> NationalRegistry:
    return national_registry()


def corpus(number: str) -> Dataset:
    return khuonha.load(REPO / "tests" / "corpus" / f"{number}.json")


def test_the_expectations_cover_every_corpus_document() -> None:
    assert sorted(EXPECTED) == [p.stem for p in CORPUS]


def test_a_ward_known_by_a_former_name_is_left_for_review(registry: NationalRegistry) -> None:
    """Corpus 05: phường Nguyễn Phúc (2023) became part of phường Hồng Hà (04264); never filled."""
    result = enrich_units(corpus("05"), registry)
    assert {f.unit.id for f in result.review} == REVIEW["05"]
    assert [c.code for f in result.review for c in f.candidates] == ["04264"]
    ward = result.dataset.find("phuong-nguyen-phuc")
    assert ward.code is None
    assert ward.note is not None
    assert REVIEW_MARK in ward.note
    assert "04264" in ward.note
    got = {u.id: (u.scheme, u.code) for u in result.dataset.units if u.code}
    assert got == EXPECTED["05"]


@pytest.mark.parametrize("number", sorted(set(EXPECTED) - set(REVIEW)))
def test_every_corpus_unit_gets_its_code(number: str, registry: NationalRegistry) -> None:
    """Each uncoded unit of the document is filled in from the registry, marked as such."""
    dataset = corpus(number)
    assert {u.id for u in dataset.units if u.code is None} == set(EXPECTED[number])
    result = enrich_units(dataset, registry)
    assert result.review == ()
    assert result.not_found == ()
    got = {u.id: (u.scheme, u.code) for u in result.dataset.units}
    assert got == EXPECTED[number]
    for unit in result.dataset.units:
        assert unit.code_source is CodeSource.REGISTRY
        official = registry.find(unit.code, unit.scheme)  # type: ignore[arg-type]
        assert official is not None
        assert official.level is unit.level
        assert unit.kind in (None, official.kind)  # a kind the source did not give stays unknown
        assert official.name == unit.name
        assert unit.note is None or REVIEW_MARK not in unit.note
    # Everything else is as it was.
    plain = attrs.evolve(
        result.dataset,
        units=tuple(
            attrs.evolve(u, code=None, scheme=None, code_source=None) for u in result.dataset.units
        ),
    )
    assert plain == dataset
    # A second run finds nothing left to do.
    again = enrich_units(result.dataset, registry)
    assert again.fills == ()
    assert again.dataset == result.dataset


def _in_2025(dataset: Dataset) -> Dataset:
    """*dataset* dated only "2025", a year across the reorganisation of 1/7/2025."""
    year = khuonha.ReducedDate(year=2025)
    return attrs.evolve(
        dataset,
        period=None,
        report_date=None,
        news=tuple(attrs.evolve(n, published_in=None, published_on=None) for n in dataset.news),
        events=tuple(attrs.evolve(e, start_on=None, start_in=year) for e in dataset.events),
    )


def test_the_date_picks_the_code_list(registry: NationalRegistry) -> None:
    """Corpus 04 (xã Gia Phú, Lào Cai, July 2025) dated 2022: the pre-2025 Gia Phú of Bảo Thắng."""
    dataset = corpus("04")
    news = tuple(
        attrs.evolve(n, published_in=None, published_on=date(2022, 8, 1)) for n in dataset.news
    )
    result = enrich_units(attrs.evolve(dataset, news=news), registry)
    got = {u.id: (u.scheme, u.code) for u in result.dataset.units}
    assert got == {"tinh-lao-cai": (OLD, "10"), "xa-gia-phu": (OLD, "02923")}
    assert [a.name for a in registry.ancestors("pre_2025:02923")] == ["Bảo Thắng", "Lào Cai"]


def test_a_year_across_the_reform_leaves_both_lists_for_review(registry: NationalRegistry) -> None:
    """Corpus 04 dated only "2025": Lào Cai and Gia Phú exist in both lists that year; both are
    left for review with both candidates in their note, and the codes stay empty."""
    dataset = _in_2025(corpus("04"))
    result = enrich_units(dataset, registry)
    assert result.filled == ()
    assert result.span == (date(2025, 1, 1), date(2025, 12, 31))
    assert [f.unit.id for f in result.review] == ["tinh-lao-cai", "xa-gia-phu"]
    gia_phu = result.review[1]
    assert [(c.scheme, c.code) for c in gia_phu.candidates] == [(OLD, "02923"), (NEW, "02923")]
    unit = result.dataset.find("xa-gia-phu")
    assert unit.code is None
    assert unit.code_source is None
    assert unit.note.startswith(REVIEW_MARK)
    assert "pre_2025 02923 Gia Phú (xa; Bảo Thắng, Lào Cai)" in unit.note
    assert "post_2025 02923 Gia Phú (xa; Lào Cai)" in unit.note
    # Run again: the review line is replaced, not repeated.
    again = enrich_units(result.dataset, registry).dataset
    assert again == result.dataset


def test_an_ambiguous_name_lists_every_candidate(registry: NationalRegistry) -> None:
    """Corpus 01's "Bình Phú" put straight under the province: still one (the province narrows);
    with no province either, every xã Bình Phú of 2022 is a candidate."""
    dataset = corpus("01")
    at = {u.id: i for i, u in enumerate(dataset.units)}
    units = list(dataset.units)
    units[at["binh-phu"]] = attrs.evolve(units[at["binh-phu"]], parent="tinh-dong-thap")
    result = enrich_units(attrs.evolve(dataset, units=tuple(units)), registry)
    assert result.dataset.find("binh-phu").code == "29935"
    units[at["binh-phu"]] = attrs.evolve(units[at["binh-phu"]], parent=None)
    result = enrich_units(attrs.evolve(dataset, units=tuple(units)), registry)
    (review,) = result.review
    everywhere = registry.resolve("Bình Phú", on=date(2022, 8, 15))
    assert len(review.candidates) == len(everywhere) > 5
    assert review.path == f"$.units[{at['binh-phu']}]"
    assert review.reason == f"{len(everywhere)} units fit the name 'Bình Phú'"


def test_a_former_name_is_for_review_not_filled(registry: NationalRegistry) -> None:
    """Phường Nguyễn Phúc (corpus 05, TP Yên Bái, 2023) is known to the source only as a former
    name of phường Hồng Hà (04264): a candidate for review, never filled in."""
    dataset = Dataset(
        slug="nguyen-phuc",
        title="Ngày hội phường Nguyễn Phúc",
        report_date=date(2023, 8, 17),
        commune="p",
        units=(
            khuonha.AdministrativeUnit(id="t", name="Yên Bái", kind=khuonha.UnitKind.TINH),
            khuonha.AdministrativeUnit(
                id="tp", name="Yên Bái", kind=khuonha.UnitKind.THANH_PHO_THUOC_TINH, parent="t"
            ),
            khuonha.AdministrativeUnit(
                id="p", name="Nguyễn Phúc", kind=khuonha.UnitKind.PHUONG, parent="tp"
            ),
        ),
    )
    result = enrich_units(dataset, registry)
    assert [f.unit.id for f in result.filled] == ["t", "tp"]
    (review,) = result.review
    assert [(c.scheme, c.code, c.name) for c in review.candidates] == [(OLD, "04264", "Hồng Hà")]
    assert "former name" in review.reason
    assert result.dataset.find("p").code is None


# -- the command ---------------------------------------------------------------------------


def test_cli_writes_the_document_and_reports(tmp_path: Path, capsys: Any) -> None:
    """`khuonha enrich FILE -o OUT`: exit 0, OUT is the enriched document, stderr says what."""
    out = tmp_path / "out.json"
    assert main(["enrich", str(REPO / "tests" / "corpus" / "14.json"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert (
        "khuonha enrich: $.units[2] 'Long Hiệp': filled in pre_2025 28024 Long Hiệp "
        "(xa; Bến Lức, Long An)" in err
    )
    assert "filled in 3 of 3 unit(s) without a code; 0 left for review, 0 not found" in err
    written = khuonha.load(out)
    assert [u.code for u in written.units] == ["80", "803", "28024"]
    assert json.loads(out.read_text(encoding="utf-8"))["units"][2]["code_source"] == "registry"


def test_cli_lists_the_candidates_on_stderr(tmp_path: Path, capsys: Any) -> None:
    """An ambiguous unit: its candidates on stderr and in its note; exit 0; stdout the document."""
    source = tmp_path / "in.json"
    source.write_bytes(khuonha.dumps(_in_2025(corpus("04"))))
    assert main(["enrich", str(source)]) == 0
    captured = capsys.readouterr()
    assert "$.units[1] 'Gia Phú': review: 2 units fit the name 'Gia Phú'" in captured.err
    assert "candidate post_2025 02923 Gia Phú (xa; Lào Cai)" in captured.err
    written = khuonha.loads(captured.out)
    assert REVIEW_MARK in written.find("xa-gia-phu").note
