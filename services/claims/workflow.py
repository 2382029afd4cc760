"""The claim's status workflow: which steps exist, who may take them, what each needs.

draft → berkas_lengkap → diajukan → disetujui | ditolak; disetujui → dibayar → selesai;
draft, berkas_lengkap, diajukan and disetujui may be cancelled (dibatalkan). Every step
has its way back to the step before (a cancelled claim back to draft), and a step back
needs a reason. Checking that the file is complete (and sending it back to draft) is a
verification step: a verifikator (Permission.APPROVE) may take it as well as the clerks
who keep claims (Permission.CLAIMS); every other step is for the latter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.enums import ClaimStatus
from services.claims.labels import CLAIM_STATUS
from services.claims.payment import PaymentFacts, payment_problems
from services.claims.types import StatusChange
from services.core.errors import Problem
from services.core.input_rules import err
from services.core.permissions import Permission, Principal
from services.text.formatting import long_date

S = ClaimStatus
CLAIM_STEPS = frozenset({Permission.CLAIMS})
VERIFY_STEPS = frozenset({Permission.CLAIMS, Permission.APPROVE})


@dataclass(frozen=True, slots=True)
class Step:
    source: ClaimStatus
    target: ClaimStatus
    back: bool
    permissions: frozenset[Permission]


_FORWARD = [
    (S.DRAFT, S.COMPLETE, VERIFY_STEPS),
    (S.COMPLETE, S.SUBMITTED, CLAIM_STEPS),
    (S.SUBMITTED, S.APPROVED, CLAIM_STEPS),
    (S.SUBMITTED, S.REJECTED, CLAIM_STEPS),
    (S.APPROVED, S.PAID, CLAIM_STEPS),
    (S.PAID, S.CLOSED, CLAIM_STEPS),
    *((s, S.CANCELLED, CLAIM_STEPS) for s in (S.DRAFT, S.COMPLETE, S.SUBMITTED, S.APPROVED)),
]
_BACK = [
    (S.COMPLETE, S.DRAFT, VERIFY_STEPS),
    (S.SUBMITTED, S.COMPLETE, CLAIM_STEPS),
    (S.APPROVED, S.SUBMITTED, CLAIM_STEPS),
    (S.REJECTED, S.SUBMITTED, CLAIM_STEPS),
    (S.PAID, S.APPROVED, CLAIM_STEPS),
    (S.CLOSED, S.PAID, CLAIM_STEPS),
    (S.CANCELLED, S.DRAFT, CLAIM_STEPS),
]
STEPS = {
    (source, target): Step(source, target, back, permissions)
    for back, steps in ((False, _FORWARD), (True, _BACK))
    for source, target, permissions in steps
}


def find_step(source: ClaimStatus, target: ClaimStatus) -> Step | None:
    return STEPS.get((source, target))


def may_take(principal: Principal | None, step: Step) -> bool:
    if principal is None or principal.must_change_password:
        return False
    return any(principal.can(p) for p in step.permissions)


def next_steps(status: ClaimStatus, principal: Principal | None) -> tuple[ClaimStatus, ...]:
    return tuple(s.target for s in STEPS.values() if s.source is status and may_take(principal, s))


def no_such_step(source: ClaimStatus, target: ClaimStatus) -> str:
    possible = [CLAIM_STATUS[s.target] for s in STEPS.values() if s.source is source]
    options = ", ".join(possible) if possible else "tidak ada"
    return (
        f"Klaim berstatus {CLAIM_STATUS[source]} tidak dapat diubah langsung menjadi "
        f"{CLAIM_STATUS[target]}. Langkah yang mungkin: {options}."
    )


@dataclass(frozen=True, slots=True)
class StepFacts:
    """What the step checks need to know about the claim."""

    event_date: date
    submitted_on: date | None
    decided_on: date | None
    missing_documents: Sequence[str]  # labels of required items not received
    death_claim: bool
    heir_ids: Sequence[int]
    entitled_heir_count: int
    payment: PaymentFacts | None = None  # the step to paid: who may be paid, the estimate
    funeral_arranger: bool = False  # someone is recorded as having arranged the funeral


def step_problems(step: Step, change: StatusChange, facts: StepFacts, today: date) -> list[Problem]:
    problems = _note_problems(step, change) + _date_problems(step, change, facts, today)
    target = step.target
    if target is S.COMPLETE and not step.back:
        problems += _completeness(facts)
    elif target is S.SUBMITTED and not step.back and not (change.letter_number or "").strip():
        problems.append(
            err(
                "letter_number_empty",
                "letter_number",
                "Nomor surat pengantar/rekomendasi ke BPJS wajib diisi (dari register surat).",
            )
        )
    elif target is S.PAID and not step.back:
        assert facts.payment is not None, "a payment step needs the payment facts"
        problems += payment_problems(change, facts.payment)
    return problems


def _note_problems(step: Step, change: StatusChange) -> list[Problem]:
    if (change.note or "").strip():
        return []
    if step.back:
        text = (
            f"Langkah mundur ke {CLAIM_STATUS[step.target]} perlu alasan: tulis mengapa "
            "statusnya dikembalikan."
        )
    elif step.target is S.REJECTED:
        text = "Alasan penolakan dari BPJS wajib diisi."
    elif step.target is S.CANCELLED:
        text = "Alasan pembatalan klaim wajib diisi."
    else:
        return []
    return [err("note_empty", "note", text)]


def _date_problems(
    step: Step, change: StatusChange, facts: StepFacts, today: date
) -> list[Problem]:
    on = change.on or today
    label = CLAIM_STATUS[step.target].lower()
    if on > today:
        return [err("step_date_future", "on", f"Tanggal {label} tidak boleh di masa depan.")]
    if step.back:
        return []
    earliest, what = facts.event_date, "tanggal kejadian"
    if step.target in (S.APPROVED, S.REJECTED) and facts.submitted_on:
        earliest, what = facts.submitted_on, "tanggal pengajuan ke BPJS"
    if step.target is S.PAID and facts.decided_on:
        earliest, what = facts.decided_on, "tanggal persetujuan"
    if on < earliest:
        return [
            err(
                "step_date_early",
                "on",
                f"Tanggal {label} ({long_date(on)}) tidak boleh sebelum {what} "
                f"({long_date(earliest)}).",
            )
        ]
    return []


def _completeness(facts: StepFacts) -> list[Problem]:
    problems = []
    if facts.missing_documents:
        problems.append(
            err(
                "documents_missing",
                "documents",
                "Berkas belum lengkap; belum diterima: "
                + "; ".join(facts.missing_documents)
                + ". Tandai dokumen yang sudah diterima, atau cetak daftar kekurangan untuk "
                "keluarga.",
            )
        )
    if facts.death_claim and facts.entitled_heir_count == 0 and not facts.funeral_arranger:
        problems.append(
            err(
                "heirs_missing",
                "heirs",
                "Klaim kematian perlu minimal satu ahli waris yang berhak; isi di bagian "
                "Ahli waris. Bila memang tidak ada ahli waris, catat orang yang mengurus "
                "pemakaman (ia menerima biaya pemakaman saja).",
            )
        )
    return problems
