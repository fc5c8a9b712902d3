"""Personal data is removed from public views, and nothing else changes."""

from __future__ import annotations

import time
import unicodedata
from datetime import date

import attrs
import pytest
from hypothesis import given

import khuonha
from khuonha import Activity, Dataset, Person, Quantity
from khuonha.plugins.privacy import (
    PRIVATE_NAME,
    mask_private_names,
    public_view,
    redact,
    sensitive_fields,
)
from khuonha.testing.strategies import datasets


def _planted() -> Dataset:
    return Dataset(
        slug="x",
        title="X",
        people=(
            Person(
                id="p1",
                name="Lò Văn Bí Mật",
                private=True,
                address="Số 7 ngõ Kín",
                birth_year=1990,
                honorific="ông",
            ),
            Person(id="p2", name="Đặng Văn Sình", note="ghi chú riêng tư"),
        ),
        activities=(
            Activity(id="a", kind="gap_go_giao_duc", quantity=Quantity(value=1), subjects=("p1",)),
        ),
    )


def test_redact_removes_planted_personal_data() -> None:
    """Private names, addresses, birth years, notes and activity subjects are gone."""
    public = redact(_planted())
    text = khuonha.dumps(public).decode()
    for secret in ("Lò Văn Bí Mật", "Số 7 ngõ Kín", "1990", "ghi chú riêng tư"):
        assert secret not in text
    assert public.people[0].name == PRIVATE_NAME
    assert public.activities[0].subjects == ()
    assert public.people[1].name == "Đặng Văn Sình"


def test_redact_keeps_records_without_personal_data() -> None:
    """The sample has no personal data: redact returns the very same object."""
    ds = khuonha.sample()
    assert redact(ds) is ds


def test_sensitive_fields_are_declared() -> None:
    """The model marks its personal-data fields."""
    assert {n for n, _ in sensitive_fields(Person)} == {"birth_year", "address", "note"}
    assert [n for n, _ in sensitive_fields(Activity)] == ["subjects"]


@given(datasets())
def test_redacted_has_no_sensitive_values(ds: Dataset) -> None:
    """After redaction no sensitive field holds a value and no private person keeps a name."""
    public = redact(ds)
    for person in public.people:
        assert person.address is None
        assert person.birth_year is None
        if person.private:
            assert person.name == PRIVATE_NAME
    assert all(a.subjects == () for a in public.activities)
    assert len(public.activities) == len(ds.activities)
    assert attrs.evolve(public) == public


# -- private names in free text ------------------------------------------------------


def _with_texts(*texts: str) -> Dataset:
    """A dataset with one private person and *texts* as news titles."""
    news = tuple(
        khuonha.NewsItem(id=f"n{i}", title=text, published_on=date(2024, 1, 1))
        for i, text in enumerate(texts)
    )
    person = Person(id="p", name="Hoàng Thị Thuỷ", private=True)
    return Dataset(slug="x", title="X", people=(person,), news=news)


@pytest.mark.parametrize(
    "typed",
    [
        "Hoàng Thị Thuỷ",
        "Hoàng Thị Thủy",  # the other tone-mark placement
        "HOÀNG THỊ THỦY",
        "hoàng   thị\tthuỷ",
        "Hoàng\u00a0Thị\u00a0Thuỷ",
        "HoàngThịThuỷ",
        unicodedata.normalize("NFD", "Hoàng Thị Thủy"),
    ],
)
def test_private_names_are_masked_in_any_spelling(typed: str) -> None:
    """The name is found whatever its case, spacing, tone-mark placement or normal form."""
    masked, paths = mask_private_names(_with_texts(f"Thăm bà {typed}, thôn Nà Mặn"))
    assert masked.news[0].title == f"Thăm bà {PRIVATE_NAME}, thôn Nà Mặn"
    assert paths == ("news[0].title",)


@pytest.mark.parametrize(
    "text",
    ["Hoàng Thị Thu", "Hoàng Thị Thuỷa", "Hoang Thi Thuy", "Hoàng Thị", "xHoàng Thị Thuỷ"],
)
def test_other_words_are_kept(text: str) -> None:
    """Another name, a longer word, the name without marks or cut short: left as written."""
    masked, paths = mask_private_names(_with_texts(text))
    assert masked.news[0].title == text
    assert paths == ()


def test_public_view_masks_after_redacting() -> None:
    """public_view redacts, then masks names in free text; ids and URLs are not touched."""
    ds = attrs.evolve(
        _with_texts("Hoàng Thị Thuỷ phát biểu"),
        title="Tin về hoàng thị thuỷ",
    )
    view = public_view(ds)
    assert view.masked == ("title", "news[0].title")
    assert view.data.people[0].name == PRIVATE_NAME
    assert public_view(view.data).masked == ()  # idempotent
    assert view.data.news[0].id == "n0"


def test_masking_is_fast_on_large_datasets() -> None:
    """Linear: 50,000 news items with a few private names take well under a few seconds."""
    texts = [f"Tin số {i}: người dân thôn {i % 97} tham gia" for i in range(50_000)]
    texts[12_345] = "Bà Hoàng Thị Thủy nhận quà"
    ds = _with_texts(*texts)
    started = time.perf_counter()
    _masked, paths = mask_private_names(ds)
    assert paths == ("news[12345].title",)
    assert time.perf_counter() - started < 5


def test_names_sharing_syllables_are_all_found() -> None:
    """Names sharing a family name, or one the start of another, are each masked."""
    people = (
        Person(id="a", name="Nguyễn Văn Riêng", private=True),
        Person(id="b", name="Nguyễn Văn Riêng Tư", private=True),
        Person(id="c", name="Nguyễn Thị Kín", private=True),
        Person(id="d", name="Nguyễn Văn Công", private=False),
    )
    text = "Nguyễn Văn Riêng, nguyễn văn riêng tư, NGUYỄN THỊ KÍN và Nguyễn Văn Công"
    ds = Dataset(slug="x", title=text, people=people)
    masked, paths = mask_private_names(ds)
    assert masked.title == f"{PRIVATE_NAME}, {PRIVATE_NAME}, {PRIVATE_NAME} và Nguyễn Văn Công"
    assert paths == ("title",)
