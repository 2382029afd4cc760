"""Moving a claim along its workflow (services/claims/workflow.py), one step per call.

A death claim documents the death (death_record.py): the worker's status follows it in
the step's own transaction (cancelling the claim restores the coverage the death cut).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from models import Claim, ClaimHeir, ClaimStatusChange, Worker
from models.enums import ClaimHeirRelation, ClaimStatus
from services.claims import records
from services.claims.conflicts import ClaimKey, DuplicateGuard, conflict_problems
from services.claims.death_record import sync_claim_death
from services.claims.detail import is_death_claim, load_rates, read_detail
from services.claims.labels import CLAIM_STATUS, HEIR_RELATION
from services.claims.payment import Payee, PaymentFacts
from services.claims.rules import read_rules
from services.claims.types import VOIDED, ClaimDetail, HolderOverride, StatusChange
from services.claims.workflow import (
    Step,
    StepFacts,
    find_step,
    may_take,
    no_such_step,
    step_problems,
)
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.follow import follow_now
from services.core.input_rules import clean_digits, clean_name, clean_text, err
from services.core.office_time import as_utc
from services.core.permissions import ROLE_LABELS, Permission, PermissionDeniedError
from services.core.unit_of_work import unit_of_work
from services.text.figures import rupiah_whole

S = ClaimStatus


def change_status(
    ctx: ServiceContext,
    claim_id: int,
    change: StatusChange,
    expected_version: int,
    now: datetime | None = None,
) -> ClaimDetail:
    principal = ctx.principal
    verifier = (
        principal is not None
        and principal.can(Permission.APPROVE)
        and not principal.can(Permission.CLAIMS)
    )
    ctx.require(Permission.APPROVE if verifier else Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with DuplicateGuard(ctx) as guard, unit_of_work(ctx) as session:
        rules, rates = read_rules(session), load_rates(session)
        today = now.astimezone(rules.zone).date()
        claim, worker = records.load_claim(session, ctx, claim_id, expected_version)
        record = records.label(claim, worker)
        guard.watch(ClaimKey.of(claim), record)
        step = find_step(claim.status, change.target)
        if step is None:
            raise ValidationError(
                [err("step_unknown", "status", no_such_step(claim.status, change.target))],
                record=record,
            )
        if not may_take(principal, step):
            assert principal is not None
            raise PermissionDeniedError(
                f"Akun {principal.username} ({ROLE_LABELS[principal.role]}) tidak berwenang "
                f"mengubah klaim menjadi {CLAIM_STATUS[step.target]}."
            )
        before = read_detail(session, ctx, claim.id, rules, now)
        recipient = next((h for h in claim.heirs if h.id == change.recipient_heir_id), None)
        change = _with_account(change, recipient)
        death_claim = is_death_claim(claim.claim_type, claim.jkk_outcome)
        facts = StepFacts(
            event_date=claim.event_date,
            submitted_on=claim.submitted_on,
            decided_on=claim.decided_on,
            missing_documents=[d.label for d in before.missing_documents],
            death_claim=death_claim,
            heir_ids=[h.id for h in claim.heirs],
            entitled_heir_count=sum(1 for h in before.heirs if h.entitled),
            payment=payment_facts(claim, worker, before) if step.target is S.PAID else None,
            funeral_arranger=any(h.arranged_funeral for h in before.heirs),
        )
        problems = step_problems(step, change, facts, today)
        if claim.status in VOIDED and step.target not in VOIDED:
            # Taking a cancelled or rejected claim up again: another may have replaced it.
            problems += conflict_problems(session, worker, ClaimKey.of(claim))
        if problems:
            raise ValidationError(problems, record=record)
        on = change.on or today
        note = _apply(claim, worker, step, change, on, recipient)
        claim.status = step.target
        claim.status_since = now
        records.refresh_derived(session, claim, worker, rules, now, rates)
        records.touch(claim, ctx)
        session.add(
            ClaimStatusChange(
                claim_id=claim.id,
                from_status=step.source,
                to_status=step.target,
                step_back=step.back,
                changed_at=now,
                changed_by=ctx.user_name,
                note=note[:300] or None,
            )
        )
        why = f"Klaim {claim.claim_type.upper()} #{claim.id} {CLAIM_STATUS[step.target].lower()}"
        if sync_claim_death(session, ctx, claim, worker, today, _joined(why, note)):
            # The worker's open claims (this one too) now meet the status that follows.
            follow_now(session, now)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def _with_account(change: StatusChange, recipient: ClaimHeir | None) -> StatusChange:
    """Payment to a heir: their account unless the clerk typed another."""
    if change.target is not S.PAID or recipient is None:
        return change
    return replace(
        change,
        bank_name=change.bank_name or recipient.bank_name,
        account_number=change.account_number or recipient.bank_account_number,
        account_holder=change.account_holder or recipient.bank_account_holder,
    )


def _apply(
    claim: Claim,
    worker: Worker,
    step: Step,
    change: StatusChange,
    on: date,
    recipient: ClaimHeir | None,
) -> str:
    """The step's own columns; returns the history note."""
    note = clean_text(change.note) or ""
    if step.back:
        _undo(claim, step.source)
        return note
    if step.target is S.SUBMITTED:
        claim.submitted_on = on
        claim.letter_number = clean_text(change.letter_number)
        claim.letter_date = change.letter_date or on
        return _joined(f"Surat {claim.letter_number}", note)
    if step.target in (S.APPROVED, S.REJECTED):
        claim.decided_on = on
        claim.decision_note = note[:300] or None
    elif step.target is S.PAID:
        assert change.amount is not None
        claim.paid_on = on
        claim.paid_amount = change.amount
        claim.paid_to_name = recipient.full_name if recipient else worker.full_name
        claim.paid_bank_name = clean_text(change.bank_name)
        claim.paid_account_number = clean_digits(change.account_number)
        claim.paid_account_holder = clean_name(change.account_holder) or claim.paid_to_name
        claim.paid_reference = clean_text(change.payment_reference)
        claim.paid_to_heir_id = recipient.id if recipient else None
        head = (
            f"Dibayar {rupiah_whole(change.amount)} kepada {claim.paid_to_name} ke rekening "
            f"{claim.paid_bank_name} {claim.paid_account_number} a.n. "
            f"{claim.paid_account_holder}, ref. BPJS {claim.paid_reference}"
        )
        return _joined(head, note)
    return note


def _undo(claim: Claim, source: ClaimStatus) -> None:
    """A step back clears what the undone step recorded (the audit trail keeps it)."""
    if source is S.SUBMITTED:
        claim.submitted_on = claim.letter_number = claim.letter_date = None
    elif source in (S.APPROVED, S.REJECTED):
        claim.decided_on = None
        claim.decision_note = None
    elif source is S.PAID:
        claim.paid_on = claim.paid_amount = None
        claim.paid_to_name = claim.paid_bank_name = None
        claim.paid_account_number = claim.paid_account_holder = None
        claim.paid_reference = claim.paid_to_heir_id = None


def payment_facts(claim: Claim, worker: Worker, detail: ClaimDetail) -> PaymentFacts:
    """Who may be paid and the estimate to compare with, as the clerk sees the claim."""
    one_off = any(line.counted for line in detail.benefit.lines)
    return PaymentFacts(
        death_claim=is_death_claim(claim.claim_type, claim.jkk_outcome),
        worker_name=worker.full_name,
        heirs=[
            Payee(
                heir_id=h.id,
                full_name=h.full_name,
                relation=HEIR_RELATION[h.relation],
                entitled=h.entitled,
                arranged_funeral=h.arranged_funeral,
                divorced=h.relation is ClaimHeirRelation.SPOUSE and h.married_at_death is False,
            )
            for h in detail.heirs
        ],
        estimate=detail.benefit.total if one_off else None,
        override_account=claim.holder_override_account,
        override_holder=claim.holder_override_holder,
    )


def approve_holder(
    ctx: ServiceContext,
    claim_id: int,
    approval: HolderOverride,
    expected_version: int,
    now: datetime | None = None,
) -> ClaimDetail:
    """A verifikator approves paying into an account held under another name than the
    recipient's (a guardian's account for a child, a name the bank spells its own way),
    with the reason and the document that shows it. Recorded on the claim, and so in the
    audit trail; a new approval replaces the old, an empty account withdraws it."""
    ctx.require(Permission.APPROVE)
    now = as_utc(now or datetime.now(UTC))
    with unit_of_work(ctx) as session:
        rules = read_rules(session)
        claim, worker = records.load_claim(session, ctx, claim_id, expected_version)
        record = records.label(claim, worker)
        if claim.status not in (S.APPROVED, S.SUBMITTED, S.COMPLETE, S.DRAFT):
            raise ValidationError(
                [
                    err(
                        "override_status",
                        "status",
                        f"Klaim berstatus {CLAIM_STATUS[claim.status]}: rekening hanya dapat "
                        "disetujui sebelum klaim dibayar.",
                    )
                ],
                record=record,
            )
        account = clean_digits(approval.account_number)
        holder = clean_name(approval.account_holder)
        reason = clean_text(approval.reason) or ""
        if account:
            problems = []
            if not account.isdigit():
                problems.append(
                    err("account_chars", "account_number", "Nomor rekening hanya angka.")
                )
            if not holder:
                problems.append(
                    err(
                        "holder_empty",
                        "account_holder",
                        "Nama pemilik rekening wajib diisi, persis seperti di buku tabungan.",
                    )
                )
            if len(reason) < 10:
                problems.append(
                    err(
                        "override_reason_empty",
                        "reason",
                        "Tulis alasan dan dokumen yang menunjukkannya (mis. surat perwalian "
                        "anak, surat keterangan bank), paling sedikit 10 huruf.",
                    )
                )
            if problems:
                raise ValidationError(problems, record=record)
        claim.holder_override_account = account or None
        claim.holder_override_holder = holder or None if account else None
        claim.holder_override_reason = reason[:300] or None if account else None
        claim.holder_override_by = ctx.user_name if account else None
        claim.holder_override_at = now if account else None
        records.touch(claim, ctx)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def _joined(head: str, note: str) -> str:
    return f"{head}. {note}" if note else head
