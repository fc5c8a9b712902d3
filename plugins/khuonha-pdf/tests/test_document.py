"""The report as an NĐ 30/2020 document: superior body, number line, "Nơi nhận", signature."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
import pytest

import khuonha
from khuonha import Addressee, Membership, Person, Post, ReportDocument, SigningAuthority

Render = Callable[..., bytes]
ReadText = Callable[[bytes], str]


def squash(text: str) -> str:
    return " ".join(text.split())


# Test data, not facts: the bundled sample names no signer (its article gives none).
SIGNER = Person(id="nguoi-ky", name="Nguyễn Văn A")
HEAD = Post(id="chu-tich-ubnd-xa", label="Chủ tịch UBND xã", organization="ubnd-xa-khuon-ha")
DEPUTY = Post(
    id="pho-chu-tich-ubnd-xa", label="Phó Chủ tịch UBND xã", organization="ubnd-xa-khuon-ha"
)
POLICE_HEAD = Post(
    id="truong-cong-an-xa", label="Trưởng Công an xã", organization="cong-an-xa-khuon-ha"
)


def _with(document: ReportDocument, *, signer: Person = SIGNER) -> khuonha.Dataset:
    ds = khuonha.sample()
    return attrs.evolve(
        ds,
        people=(*ds.people, signer),
        posts=(*ds.posts, HEAD, DEPUTY, POLICE_HEAD),
        memberships=(*ds.memberships, Membership(person=signer.id, post=DEPUTY.id)),
        document=document,
    )


FULL = ReportDocument(
    number=5,
    superior="ubnd-xa-khuon-ha",
    recipients=(
        Addressee(name="Như trên"),
        Addressee(organization="ubnd-huyen-lam-binh", purpose="b/c"),
        Addressee(organization="cong-an-huyen-lam-binh"),
    ),
    archived_with=("BCĐ",),
    authority=SigningAuthority.KT,
    signing_for=HEAD.id,
    signing_post=DEPUTY.id,
    signer=SIGNER.id,
)


def test_the_full_layout_reads_in_the_order_of_decree_30(
    render: Render, read_text: ReadText
) -> None:
    """Superior body, issuing body, number; … sections …; Nơi nhận and the signature last."""
    text = squash(read_text(render(_with(FULL))))
    order = [
        "UBND XÃ",
        "BAN CHỈ ĐẠO PHÒNG, CHỐNG",
        "Số: 05/BC-BCĐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "I. KẾT QUẢ HOẠT ĐỘNG",
        "Nơi nhận:",
        "- Như trên;",
        "- UBND huyện (b/c);",
        "- Công an huyện;",
        "- Lưu: VT, BCĐ.",
    ]
    at = [text.find(part) for part in order]
    assert -1 not in at, [p for p, i in zip(order, at, strict=True) if i < 0]
    assert at == sorted(at)
    for line in ("KT. CHỦ TỊCH UBND XÃ", "PHÓ CHỦ TỊCH UBND XÃ", "Nguyễn Văn A"):
        assert line in text
    assert text.index("KT. CHỦ TỊCH UBND XÃ") < text.index("PHÓ CHỦ TỊCH UBND XÃ")
    assert text.index("PHÓ CHỦ TỊCH UBND XÃ") < text.index("Nguyễn Văn A")
    assert text.index("Nơi nhận:") > text.index("I. KẾT QUẢ HOẠT ĐỘNG")


def test_a_draft_keeps_the_blank_number_and_the_archive_line(
    sample_pdf: bytes, read_text: ReadText
) -> None:
    """The sample has no document data: "Số: … /BC-BCĐ" with a blank, "- Lưu: VT." last."""
    text = read_text(sample_pdf)
    assert re.search(r"Số:[\s\u00a0]{3,}/BC-BCĐ", text)
    closing = squash(text[text.index("Nơi nhận:") :])
    assert closing.startswith("Nơi nhận: - Lưu: VT.")
    assert "Đặng Văn Sình" not in closing  # no signer is invented


def test_a_head_signs_in_their_own_post(render: Render, read_text: ReadText) -> None:
    """No authority: one post line ("TRƯỞNG CÔNG AN XÃ") and the name."""
    doc = ReportDocument(signing_post=POLICE_HEAD.id, signer=SIGNER.id)
    closing = squash(read_text(render(_with(doc))).split("Nơi nhận:")[1])
    assert "TRƯỞNG CÔNG AN XÃ" in closing
    assert "Nguyễn Văn A" in closing
    assert "KT." not in closing


@pytest.mark.parametrize(
    ("authority", "signing_for", "first_line"),
    [
        (SigningAuthority.TM, "ubnd-xa-khuon-ha", "TM. UBND XÃ"),
        (SigningAuthority.TL, HEAD.id, "TL. CHỦ TỊCH UBND XÃ"),
        (SigningAuthority.TUQ, HEAD.id, "TUQ. CHỦ TỊCH UBND XÃ"),
        (SigningAuthority.Q, None, "Q. PHÓ CHỦ TỊCH UBND XÃ"),
    ],
)
def test_every_authority_mark(
    render: Render,
    read_text: ReadText,
    authority: SigningAuthority,
    signing_for: str | None,
    first_line: str,
) -> None:
    """TM., TL., TUQ. name what is signed for; Q. stands before the post itself."""
    doc = ReportDocument(
        authority=authority, signing_for=signing_for, signing_post=DEPUTY.id, signer=SIGNER.id
    )
    closing = squash(read_text(render(_with(doc))).split("Nơi nhận:")[1])
    assert first_line in closing


def test_the_superior_defaults_to_the_issuing_body_s_parent(
    render: Render, read_text: ReadText
) -> None:
    """Without ``document.superior`` the issuing body's ``parent`` is printed above it."""
    ds = khuonha.sample()
    orgs = tuple(
        attrs.evolve(o, parent="ubnd-xa-khuon-ha") if o.id == "bcd-xa-khuon-ha" else o
        for o in ds.organizations
    )
    text = squash(read_text(render(attrs.evolve(ds, organizations=orgs))))
    assert text.index("UBND XÃ") < text.index("BAN CHỈ ĐẠO")


def test_the_option_overrides_the_number_and_english_labels(
    render: Render, read_text: ReadText
) -> None:
    """``document_number`` wins over the data; English labels word the closing block."""
    text = squash(read_text(render(_with(FULL), document_number="15/BC-UBND", language="en")))
    assert "No.: 15/BC-UBND" in text
    assert "Recipients:" in text
    assert "- Filed: VT, BCĐ." in text


def test_a_public_report_names_its_signer(render: Render, read_text: ReadText) -> None:
    """The signer acts in office: the public profile prints the name (a private one is refused)."""
    assert "Nguyễn Văn A" in read_text(render(_with(FULL)))
    with pytest.raises(khuonha.InvalidDataError, match=r"document\.signer"):
        _with(FULL, signer=attrs.evolve(SIGNER, private=True))
