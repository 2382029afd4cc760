"""The claim workflow: allowed and refused steps, who may take them, what each needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.enums import ClaimStatus as S
from models.enums import Role
from services.claims.payment import Payee, PaymentFacts
from services.claims.types import StatusChange
from services.claims.workflow import StepFacts, find_step, next_steps, no_such_step, step_problems
from services.core.permissions import Principal

TODAY = date(2025, 10, 20)
FACTS = StepFacts(
    event_date=date(2025, 10, 1),
    submitted_on=date(2025, 10, 10),
    decided_on=date(2025, 10, 15),
    missing_documents=[],
    death_claim=True,
    heir_ids=[7],
    entitled_heir_count=1,
)


PAYING = replace(
    FACTS,
    payment=PaymentFacts(
        death_claim=True,
        worker_name="PESERTA",
        heirs=[Payee(7, "MARIA", "Suami/Istri", True, False, False)],
        estimate=42_000_000,
        override_account=None,
        override_holder=None,
    ),
)


def clerk(role: Role) -> Principal:
    return Principal(user_id=1, username="u", full_name="U", role=role)


ALLOWED = [
    (S.DRAFT, S.COMPLETE),
    (S.COMPLETE, S.SUBMITTED),
    (S.SUBMITTED, S.APPROVED),
    (S.SUBMITTED, S.REJECTED),
    (S.APPROVED, S.PAID),
    (S.PAID, S.CLOSED),
    (S.DRAFT, S.CANCELLED),
    (S.APPROVED, S.CANCELLED),
    (S.COMPLETE, S.DRAFT),
    (S.CLOSED, S.PAID),
    (S.CANCELLED, S.DRAFT),
]
REFUSED = [
    (S.DRAFT, S.SUBMITTED),
    (S.DRAFT, S.PAID),
    (S.COMPLETE, S.APPROVED),
    (S.REJECTED, S.PAID),
    (S.PAID, S.CANCELLED),
    (S.CLOSED, S.CANCELLED),
    (S.CANCELLED, S.SUBMITTED),
    (S.DRAFT, S.DRAFT),
]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_allowed_steps(source: S, target: S) -> None:
    assert find_step(source, target) is not None


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_refused_steps_say_what_is_possible(source: S, target: S) -> None:
    assert find_step(source, target) is None
    assert "Langkah yang mungkin" in no_such_step(source, target)


def test_refusal_text_names_both_statuses_and_the_options() -> None:
    assert no_such_step(S.DRAFT, S.PAID) == (
        "Klaim berstatus Draf tidak dapat diubah langsung menjadi Dibayar. "
        "Langkah yang mungkin: Berkas lengkap, Dibatalkan."
    )


def test_who_may_take_which_step() -> None:
    assert next_steps(S.DRAFT, clerk(Role.OPERATOR)) == (S.COMPLETE, S.CANCELLED)
    assert next_steps(S.DRAFT, clerk(Role.VERIFIKATOR)) == (S.COMPLETE,)
    assert next_steps(S.COMPLETE, clerk(Role.VERIFIKATOR)) == (S.DRAFT,)
    assert next_steps(S.SUBMITTED, clerk(Role.VERIFIKATOR)) == ()
    assert next_steps(S.DRAFT, clerk(Role.VIEWER)) == ()
    assert next_steps(S.APPROVED, clerk(Role.ADMIN)) == (S.PAID, S.CANCELLED, S.SUBMITTED)
    assert next_steps(S.DRAFT, None) == ()


def test_a_step_back_needs_a_reason() -> None:
    step = find_step(S.SUBMITTED, S.COMPLETE)
    assert step is not None and step.back
    problems = step_problems(step, StatusChange(S.COMPLETE), FACTS, TODAY)
    assert [p.code for p in problems] == ["note_empty"]
    assert "perlu alasan" in problems[0].text
    assert (
        step_problems(step, StatusChange(S.COMPLETE, note="Dikembalikan BPJS"), FACTS, TODAY) == []
    )


def test_rejection_and_cancellation_need_a_reason() -> None:
    for source, target in ((S.SUBMITTED, S.REJECTED), (S.DRAFT, S.CANCELLED)):
        step = find_step(source, target)
        assert step is not None
        codes = [p.code for p in step_problems(step, StatusChange(target), FACTS, TODAY)]
        assert codes == ["note_empty"]


def test_complete_only_when_every_required_item_is_received_and_an_heir_is_entitled() -> None:
    step = find_step(S.DRAFT, S.COMPLETE)
    assert step is not None
    facts = StepFacts(
        event_date=FACTS.event_date,
        submitted_on=None,
        decided_on=None,
        missing_documents=["Kartu Keluarga", "Buku tabungan penerima"],
        death_claim=True,
        heir_ids=[],
        entitled_heir_count=0,
    )
    problems = step_problems(step, StatusChange(S.COMPLETE), facts, TODAY)
    assert [p.code for p in problems] == ["documents_missing", "heirs_missing"]
    assert "Kartu Keluarga; Buku tabungan penerima" in problems[0].text


def test_submission_needs_the_letter_number() -> None:
    step = find_step(S.COMPLETE, S.SUBMITTED)
    assert step is not None
    problems = step_problems(step, StatusChange(S.SUBMITTED), FACTS, TODAY)
    assert [p.code for p in problems] == ["letter_number_empty"]


def test_step_dates_are_not_in_the_future_nor_before_the_previous_step() -> None:
    step = find_step(S.SUBMITTED, S.APPROVED)
    assert step is not None
    future = StatusChange(S.APPROVED, on=date(2025, 10, 21))
    assert [p.code for p in step_problems(step, future, FACTS, TODAY)] == ["step_date_future"]
    early = StatusChange(S.APPROVED, on=date(2025, 10, 9))
    problems = step_problems(step, early, FACTS, TODAY)
    assert [p.code for p in problems] == ["step_date_early"]
    assert "tanggal pengajuan ke BPJS (10 Oktober 2025)" in problems[0].text


def test_payment_needs_amount_reference_recipient_and_account() -> None:
    step = find_step(S.APPROVED, S.PAID)
    assert step is not None
    codes = [p.code for p in step_problems(step, StatusChange(S.PAID), PAYING, TODAY)]
    assert codes == ["amount_empty", "reference_empty", "recipient_empty", "account_empty"]
    stranger = StatusChange(
        S.PAID,
        amount=42_000_000,
        recipient_heir_id=99,
        bank_name="Bank NTT",
        account_number="12a",
        payment_reference="BPJS-1",
    )
    codes = [p.code for p in step_problems(step, stranger, PAYING, TODAY)]
    assert codes == ["recipient_unknown", "account_chars"]
    good = replace(stranger, recipient_heir_id=7, account_number="0012")
    assert step_problems(step, good, PAYING, TODAY) == []
