"""Personal data is removed from public views, and nothing else changes."""

from __future__ import annotations

import attrs
from hypothesis import given

import khuonha
from khuonha import Activity, Dataset, Person, Quantity
from khuonha.plugins.privacy import PRIVATE_NAME, redact, sensitive_fields
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
