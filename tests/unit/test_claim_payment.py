"""Who may be paid, into whose account, and how much (services/claims/payment.py), and the
tolerant account-holder name match (services/claims/holder_names.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.enums import ClaimStatus
from services.claims.holder_names import name_words, same_holder
from services.claims.payment import Payee, PaymentFacts, payment_problems
from services.claims.types import StatusChange

PARENT = Payee(1, "AGUSTINA BANO", "Orang tua", True, False, False)
SIBLING = Payee(2, "PETRUS TAEK", "Saudara kandung", False, False, False)
FORMER_WIFE = Payee(3, "YULIANA SERAN", "Suami/Istri", False, False, True)
NEIGHBOUR = Payee(4, "KORNELIS NAHAK", "Lainnya", False, True, False)
FACTS = PaymentFacts(
    death_claim=True,
    worker_name="MARKUS TAEK",
    heirs=[PARENT, SIBLING, FORMER_WIFE],
    estimate=42_000_000,
    override_account=None,
    override_holder=None,
)
PAY = StatusChange(
    ClaimStatus.PAID,
    amount=42_000_000,
    recipient_heir_id=1,
    bank_name="Bank NTT",
    account_number="0012345678",
    account_holder="AGUSTINA BANO",
    payment_reference="JKM/2025/000123",
)


def problems(change: StatusChange, facts: PaymentFacts = FACTS) -> dict[str, str]:
    return {p.code: p.text for p in payment_problems(change, facts)}


def test_the_entitled_heir_into_her_own_account_with_the_reference_is_accepted() -> None:
    assert problems(PAY) == {}
    spelled = replace(PAY, account_holder="Ibu Agustinah Bano")
    assert problems(spelled) == {}


def test_the_issues_payment_to_a_sibling_is_refused_naming_who_is_entitled() -> None:
    wrong = replace(
        PAY, recipient_heir_id=2, amount=99_000_000, account_holder="ORANG LAIN", note=None
    )
    found = problems(wrong)
    assert set(found) == {
        "recipient_not_entitled",
        "account_holder_mismatch",
        "amount_differs_note",
    }
    assert found["recipient_not_entitled"] == (
        "PETRUS TAEK (Saudara kandung) tidak berhak menerima: menurut urutan ahli waris "
        "(PP 46/2015 Pasal 26 ayat (5)) yang berhak adalah AGUSTINA BANO (Orang tua)."
    )
    assert (
        "atas nama ORANG LAIN, bukan atas nama penerima PETRUS TAEK"
        in (found["account_holder_mismatch"])
    )
    assert "Rp99.000.000 berbeda dari perkiraan Rp42.000.000" in found["amount_differs_note"]


def test_a_divorced_spouse_is_refused_as_no_heir() -> None:
    found = problems(replace(PAY, recipient_heir_id=3, account_holder="YULIANA SERAN"))
    assert "sudah bercerai dari peserta" in found["recipient_not_entitled"]


def test_without_any_entitled_heir_only_the_funeral_arranger_is_paid() -> None:
    no_heir = replace(FACTS, heirs=[NEIGHBOUR], estimate=10_000_000)
    to_neighbour = replace(
        PAY, recipient_heir_id=4, amount=10_000_000, account_holder="KORNELIS NAHAK"
    )
    assert problems(to_neighbour, no_heir) == {}
    # With an entitled heir present, the funeral arranger is not paid.
    with_heir = replace(FACTS, heirs=[PARENT, NEIGHBOUR])
    assert "recipient_not_entitled" in problems(replace(to_neighbour, amount=42_000_000), with_heir)
    # Nobody entitled and nobody who arranged the funeral: the message says what to record.
    lonely = replace(FACTS, heirs=[replace(SIBLING, entitled=False)])
    text = problems(replace(PAY, recipient_heir_id=2, account_holder="PETRUS TAEK"), lonely)
    assert "orang yang tercatat mengurus pemakaman" in text["recipient_not_entitled"]


def test_a_living_worker_is_paid_himself() -> None:
    living = replace(FACTS, death_claim=False, estimate=None)
    himself = replace(PAY, recipient_heir_id=None, account_holder="Markus Taek", amount=5_000)
    assert problems(himself, living) == {}
    assert "recipient_not_worker" in problems(PAY, living)


def test_another_amount_needs_a_note_and_every_payment_the_bpjs_reference() -> None:
    less = replace(PAY, amount=40_000_000)
    assert set(problems(less)) == {"amount_differs_note"}
    assert problems(replace(less, note="BPJS memotong iuran tertunggak")) == {}
    assert set(problems(replace(PAY, payment_reference=" "))) == {"reference_empty"}


def test_a_verifikators_approval_covers_exactly_that_account_and_holder() -> None:
    guardian = replace(PAY, account_holder="YOSEF BANO")
    assert set(problems(guardian)) == {"account_holder_mismatch"}
    approved = replace(FACTS, override_account="0012345678", override_holder="YOSEF BANO")
    assert problems(guardian, approved) == {}
    assert set(problems(replace(guardian, account_number="0099999999"), approved)) == {
        "account_holder_mismatch"
    }


@pytest.mark.parametrize(
    ("holder", "person", "same"),
    [
        ("YOHANES TAEK", "Yohanis Taek", True),
        ("Dra. Maria Goreti Taek, S.Pd.", "MARIA GORETI TAEK", True),
        ("M. GORETI TAEK", "MARIA GORETI TAEK", True),
        ("BPK. FRANSISKUS X. SERAN", "FRANSISCUS XAVERIUS SERAN", True),
        ("MARIAGORETI TAEK", "MARIA GORETI TAEK", True),
        ("ORANG LAIN", "MARIA BANO", False),
        ("MARTA TAEK", "MARIA TAEK", False),  # sisters, not a spelling
        ("MARIA TAEK", "MARIA GORETI TAEK", False),
        ("", "MARIA TAEK", False),
    ],
)
def test_holder_names_match_across_case_titles_punctuation_and_spelling(
    holder: str, person: str, same: bool
) -> None:
    assert same_holder(holder, person) is same


def test_name_words_drop_titles_and_accents() -> None:
    assert name_words("Sdri. Maríà-Goreti, S.Pd") == ["MARIAGORETI"]
