"""The legal order of heirs and who is entitled (PP 46/2015 Pasal 26 ayat (5))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.enums import ClaimHeirRelation as R
from models.enums import HeirRelation
from services.claims.heirs_order import FROM_REGISTER, entitled_priority, is_entitled, ordered


@dataclass(frozen=True)
class H:
    full_name: str
    relation: R
    birth_date: date | None = None
    married_at_death: bool | None = None


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


def test_blood_relatives_to_the_second_degree_are_one_group_as_the_text_says() -> None:
    heirs = [
        H("CUCU", R.GRANDCHILD),
        H("IBU", R.PARENT),
        H("NENEK", R.GRANDPARENT),
        H("KAKAK", R.SIBLING),
    ]
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == ["CUCU", "IBU", "NENEK"]
    only_sibling = heirs[3:]
    assert [h.full_name for h in only_sibling if is_entitled(h, only_sibling)] == ["KAKAK"]


def test_siblings_before_parents_in_law_before_the_will() -> None:
    heirs = [H("WASIAT", R.NAMED_IN_WILL), H("MERTUA", R.PARENT_IN_LAW)]
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == ["MERTUA"]
    assert entitled_priority([H("WASIAT", R.NAMED_IN_WILL)]) == 5
    heirs.append(H("ADIK", R.SIBLING))
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == ["ADIK"]


def test_a_divorced_spouse_is_no_heir_and_the_children_inherit() -> None:
    former = H("MANTAN ISTRI", R.SPOUSE, married_at_death=False)
    assert entitled_priority([former]) is None and not is_entitled(former, [former])
    heirs = [former, H("IBU", R.PARENT)]
    assert [h.full_name for h in heirs if is_entitled(h, heirs)] == ["IBU"]
    assert [h.full_name for h in ordered(heirs)] == ["IBU", "MANTAN ISTRI"]
    married = H("ISTRI", R.SPOUSE, married_at_death=True)
    assert is_entitled(married, [married, H("IBU", R.PARENT)])


def test_other_relations_are_never_entitled() -> None:
    heirs = [H("TETANGGA", R.OTHER)]
    assert entitled_priority(heirs) is None
    assert not is_entitled(heirs[0], heirs)


def test_every_register_relation_has_its_claim_relation() -> None:
    assert set(FROM_REGISTER) == set(HeirRelation)
