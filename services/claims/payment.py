"""Who may be paid, into which account, and how much: the rules of the step to *Dibayar*.

- A death claim is paid to an heir entitled by the legal order (heirs_order.py); with no
  entitled heir at all, only to the person recorded as having arranged the funeral (the
  estimate then holds the funeral cost alone). A claim the worker survives is paid to
  the worker.
- Into an account held by that person (holder_names.same_holder: case, titles,
  punctuation and a letter of spelling apart); another holder needs a verifikator's
  documented approval of that very account (``approve_holder`` in status.py), which
  the audit trail records.
- BPJS's reference of the transfer is always recorded; an amount other than the
  estimate's one-off total also needs a note saying why.

Pure rules: the status service gathers the facts and refuses the step with every
problem at once, leaving the claim as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.claims.heirs_order import SOURCE
from services.claims.holder_names import same_holder
from services.claims.types import StatusChange
from services.core.errors import Problem
from services.core.input_rules import clean_digits, clean_name, err
from services.text.figures import rupiah_whole


@dataclass(frozen=True, slots=True)
class Payee:
    heir_id: int
    full_name: str
    relation: str  # the relation's label, for messages
    entitled: bool
    arranged_funeral: bool
    divorced: bool


@dataclass(frozen=True, slots=True)
class PaymentFacts:
    death_claim: bool
    worker_name: str
    heirs: Sequence[Payee]
    estimate: int | None  # the estimate's one-off total; None when there is none
    override_account: str | None  # the account a verifikator approved, if any
    override_holder: str | None

    def payee(self, heir_id: int | None) -> Payee | None:
        return next((h for h in self.heirs if h.heir_id == heir_id), None)


def payment_problems(change: StatusChange, facts: PaymentFacts) -> list[Problem]:
    problems = _amount_problems(change, facts)
    recipient_problems, name = _recipient_problems(change, facts)
    problems += recipient_problems
    problems += _account_problems(change, facts, name)
    return problems


def recipient_name(change: StatusChange, facts: PaymentFacts) -> str | None:
    if change.recipient_heir_id is None:
        return None if facts.death_claim else facts.worker_name
    payee = facts.payee(change.recipient_heir_id)
    return payee.full_name if payee else None


def _amount_problems(change: StatusChange, facts: PaymentFacts) -> list[Problem]:
    problems = []
    if not change.amount or change.amount <= 0:
        problems.append(
            err("amount_empty", "amount", "Jumlah yang dibayar BPJS wajib diisi (lebih dari Rp0).")
        )
    if not (change.payment_reference or "").strip():
        problems.append(
            err(
                "reference_empty",
                "payment_reference",
                "Nomor referensi pembayaran BPJS wajib diisi (dari bukti transfer atau surat "
                "pemberitahuan pembayaran BPJS Ketenagakerjaan).",
            )
        )
    differs = (
        change.amount
        and change.amount > 0
        and facts.estimate is not None
        and change.amount != facts.estimate
    )
    if differs and not (change.note or "").strip():
        assert change.amount is not None and facts.estimate is not None
        problems.append(
            err(
                "amount_differs_note",
                "note",
                f"Jumlah dibayar {rupiah_whole(change.amount)} berbeda dari perkiraan "
                f"{rupiah_whole(facts.estimate)}: tulis alasannya di Catatan (mis. penjelasan BPJS "
                "atas besaran yang dibayar).",
            )
        )
    return problems


def _recipient_problems(
    change: StatusChange, facts: PaymentFacts
) -> tuple[list[Problem], str | None]:
    field = "recipient_heir_id"
    if change.recipient_heir_id is None:
        if facts.death_claim:
            return [
                err("recipient_empty", field, "Pilih ahli waris yang menerima pembayaran.")
            ], None
        return [], facts.worker_name
    payee = facts.payee(change.recipient_heir_id)
    if payee is None:
        text = "Penerima tidak ada di daftar ahli waris klaim ini; pilih dari daftar itu."
        return [err("recipient_unknown", field, text)], None
    if not facts.death_claim:
        text = (
            f"Klaim ini dibayar kepada peserta sendiri ({facts.worker_name}), bukan kepada "
            f"{payee.full_name} ({payee.relation}): peserta masih hidup."
        )
        return [err("recipient_not_worker", field, text)], payee.full_name
    if payee.entitled:
        return [], payee.full_name
    entitled = [h for h in facts.heirs if h.entitled]
    if not entitled and payee.arranged_funeral:
        return [], payee.full_name
    who = f"{payee.full_name} ({payee.relation})"
    if payee.divorced:
        why = "sudah bercerai dari peserta sebelum peserta meninggal, jadi bukan ahli waris."
    elif entitled:
        names = ", ".join(f"{h.full_name} ({h.relation})" for h in entitled)
        why = f"menurut urutan ahli waris ({SOURCE}) yang berhak adalah {names}."
    else:
        why = (
            "tidak ada ahli waris yang berhak; tanpa ahli waris hanya biaya pemakaman yang "
            "dibayar, kepada orang yang tercatat mengurus pemakaman (tandai di data ahli waris)."
        )
    return [err("recipient_not_entitled", field, f"{who} tidak berhak menerima: {why}")], (
        payee.full_name
    )


def _account_problems(change: StatusChange, facts: PaymentFacts, name: str | None) -> list[Problem]:
    account = clean_digits(change.account_number)
    if not (change.bank_name or "").strip() or not account:
        return [
            err(
                "account_empty",
                "account_number",
                "Rekening tujuan pembayaran wajib diisi: nama bank dan nomor rekening "
                "(bila kosong, diambil dari data ahli waris penerima).",
            )
        ]
    if not account.isdigit():
        return [
            err(
                "account_chars", "account_number", "Nomor rekening tujuan hanya boleh berisi angka."
            )
        ]
    holder = clean_name(change.account_holder) or name
    if name is None or same_holder(holder, name) or approved(facts, account, holder):
        return []
    return [
        err(
            "account_holder_mismatch",
            "account_holder",
            f"Rekening {change.bank_name} {account} atas nama {holder}, bukan atas nama "
            f"penerima {name}. Bayarkan ke rekening atas nama penerima, atau minta verifikator "
            "menyetujui rekening ini dengan alasan dan dokumennya (Setujui rekening).",
        )
    ]


def approved(facts: PaymentFacts, account: str, holder: str | None) -> bool:
    """A verifikator approved exactly this account under exactly this holder's name."""
    return (
        facts.override_account is not None
        and facts.override_account == account
        and clean_name(facts.override_holder) == clean_name(holder)
    )
