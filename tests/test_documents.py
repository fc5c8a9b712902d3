"""Dataset.document: the report as an NĐ 30/2020 document, validated with ``$.path`` errors."""

from __future__ import annotations

import json
import unicodedata

import attrs
import pytest
from hypothesis import given, settings

import khuonha
from khuonha import Addressee, Person, Post, ReportDocument, SigningAuthority
from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.testing.strategies import datasets


def _doc(**document: object) -> bytes:
    data = json.loads(khuonha.dumps(khuonha.sample()))
    data["posts"].append({"id": "pho-chu-tich", "label": "Phó Chủ tịch UBND xã"})
    data["document"] = document
    return json.dumps(data, ensure_ascii=False).encode()


def test_a_full_document_round_trips() -> None:
    ds = khuonha.loads(
        _doc(
            number=5,
            symbol="BC-UBND",
            superior="ubnd-huyen-lam-binh",
            recipients=[
                {"name": "Như trên"},
                {"organization": "ubnd-huyen-lam-binh", "purpose": "b/c"},
            ],
            archived_with=["CAX"],
            authority="kt",
            signing_for="chu-tich-ubnd-xa-khuon-ha",
            signing_post="pho-chu-tich",
            signer="dang-van-sinh",
        )
    )
    assert ds.document is not None
    assert ds.document.number_line() == "05/BC-UBND"
    assert ds.document.authority is SigningAuthority.KT
    assert khuonha.loads(khuonha.dumps(ds)) == ds


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"number": 0}, "$.document.number: expected a document number from 1 to 999999"),
        ({"number": "05"}, "$.document.number"),
        ({"symbol": "BC UBND"}, "$.document.symbol: expected a document symbol"),
        ({"symbol": "15/BC-UBND"}, "$.document.symbol"),
        ({"superior": "no-such-body"}, "$.document.superior: no organisation 'no-such-body'"),
        ({"recipients": [{"purpose": "b/c"}]}, "$.document.recipients[0]: a recipient needs"),
        ({"recipients": [{"organization": "xa-khuon-ha"}]}, "there is an administrative unit"),
        ({"archived_with": [" "]}, "$.document.archived_with[0]"),
        ({"authority": "kt", "signing_post": "pho-chu-tich"}, "$.document.signing_for"),
        ({"signing_for": "ubnd-xa-khuon-ha"}, "$.document.signing_for: with no authority"),
        ({"authority": "q", "signing_for": "pho-chu-tich", "signing_post": "pho-chu-tich"}, "'q'"),
        (
            {"authority": "tm", "signing_for": "pho-chu-tich", "signing_post": "pho-chu-tich"},
            "$.document.signing_for: authority 'tm' signs for an organisation",
        ),
        (
            {"authority": "kt", "signing_for": "ubnd-xa-khuon-ha", "signing_post": "pho-chu-tich"},
            "$.document.signing_for: authority 'kt' signs for the head's post",
        ),
        ({"authority": "tm", "signing_for": "ubnd-xa-khuon-ha"}, "$.document.signing_post"),
        ({"signer": "ubnd-xa-khuon-ha"}, "$.document.signer: no person"),
        ({"authority": "ky_thay"}, "$.document.authority"),
        ({"number_": 1}, "$.document: unknown key 'number_'"),
    ],
)
def test_bad_documents_name_the_path(document: dict[str, object], message: str) -> None:
    with pytest.raises(DecodeError) as err:
        khuonha.loads(_doc(**document))
    assert message in str(err.value)


def test_a_private_person_cannot_sign() -> None:
    """The signer signs in office; ``private`` means not acting in an official post."""
    ds = khuonha.sample()
    private = Person(id="p", name="Nguyễn Văn B", private=True)
    with pytest.raises(InvalidDataError) as err:
        attrs.evolve(ds, people=(*ds.people, private), document=ReportDocument(signer="p"))
    assert err.value.problems[0][0] == "document.signer"
    assert "private" in err.value.problems[0][1]


def test_text_is_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Thường trực Đảng uỷ xã")
    item = Addressee(name=nfd, purpose=unicodedata.normalize("NFD", "để báo cáo"))
    assert item.name == "Thường trực Đảng uỷ xã"
    assert item.purpose == "để báo cáo"
    doc = ReportDocument(symbol=unicodedata.normalize("NFD", "BC-BCĐ"))
    assert doc.symbol == "BC-BCĐ"


def test_a_draft_number_line() -> None:
    assert ReportDocument().number_line("BC-BCĐ") == "/BC-BCĐ"
    assert ReportDocument(number=12).number_line("BC") == "12/BC"
    assert ReportDocument(number=3, symbol="BC-CAX").number_line("BC-BCĐ") == "03/BC-CAX"


def test_the_document_can_sign_with_a_post_of_the_data() -> None:
    ds = khuonha.sample()
    post = Post(
        id="truong-cong-an-xa", label="Trưởng Công an xã", organization="cong-an-xa-khuon-ha"
    )
    ds = attrs.evolve(ds, posts=(*ds.posts, post), document=ReportDocument(signing_post=post.id))
    assert khuonha.loads(khuonha.dumps(ds)).document == ds.document


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_generated_documents_keep_their_rules(ds: khuonha.Dataset) -> None:
    """Every generated document is valid: signers public, TM. for bodies, KT. for posts."""
    doc = ds.document
    if doc is None:
        return
    if doc.signer is not None:
        assert not ds.find(doc.signer).private
    if doc.authority is SigningAuthority.TM:
        assert doc.signing_for in {o.id for o in ds.organizations}
    assert khuonha.loads(khuonha.dumps(ds)) == ds


def test_an_empty_document_is_no_document() -> None:
    """``{}`` says nothing: it is ``None``, so every format round-trips it alike."""
    ds = attrs.evolve(khuonha.sample(), document=ReportDocument())
    assert ds.document is None
    assert khuonha.loads(_doc()).document is None


def test_a_document_must_be_a_report_document() -> None:
    with pytest.raises(InvalidDataError, match="expected a ReportDocument"):
        attrs.evolve(khuonha.sample(), document="05/BC-UBND")
