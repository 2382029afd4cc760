"""The legal order of heirs and who is entitled (domain notes, section 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.claim import ClaimHeirRelation as R
from models.enums import HeirRelation
from services.claims.heirs_order import FROM_REGISTER, entitled_priority, is_entitled, ordered


@dataclass(frozen=True)
class H:
    full_name: str
    relation: R
    birth_date: date | None = None


def test_everyone_in_the_legal_order_spouse_first_then_eldest() -> None:
    heirs = [
        H("WASIAT", R.NAMED_IN_WILL),
        H("MERTUA", R.PARENT_IN_LAW),
        H("ADIK", R.SIBLING),
        H("NENEK", R.GRANDPARENT),
        H("CUCU", R.GRANDCHILD),
        H("AYAH", R.PARENT),
        H("ANAK MUDA", R.CHILD, date(2010, 1, 1)),
        H("ANAK SULUNG", R.CHILD, date(2005, 1, 1)),
        H("ISTRI", R.SPOUSE),
        H("TETANGGA", R.OTHER),
    ]
    names = [h.full_name for h in ordered(heirs)]
    assert names == [
        "ISTRI",
        "ANAK SULUNG",
        "ANAK MUDA",
        "AYAH",
        "CUCU",
        "NENEK",
        "ADIK",
        "MERTUA",
        "WASIAT",
        "TETANGGA",
    ]
    assert entitled_priority(heirs) == 1
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == [
        "ANAK MUDA",
        "ANAK SULUNG",
        "ISTRI",
    ]


def test_without_spouse_or_children_the_parents_inherit_before_grandchildren() -> None:
    heirs = [H("CUCU", R.GRANDCHILD), H("IBU", R.PARENT), H("KAKAK", R.SIBLING)]
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == ["IBU"]
    no_parents = heirs[:1] + heirs[2:]
    assert [h.full_name for h in no_parents if is_entitled(h, no_parents)] == ["CUCU"]


def test_siblings_before_parents_in_law_before_the_will() -> None:
    heirs = [H("WASIAT", R.NAMED_IN_WILL), H("MERTUA", R.PARENT_IN_LAW)]
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == ["MERTUA"]
    assert entitled_priority([H("WASIAT", R.NAMED_IN_WILL)]) == 7


def test_other_relations_are_never_entitled() -> None:
    heirs = [H("TETANGGA", R.OTHER)]
    assert entitled_priority(heirs) is None
    assert not is_entitled(heirs[0], heirs)


def test_every_register_relation_has_its_claim_relation() -> None:
    assert set(FROM_REGISTER) == set(HeirRelation)
