"""Moving a claim along its workflow (services/claims/workflow.py), one step per call.

Marking a death claim paid also records the worker as deceased on the date of death,
through the worker row itself, so the audit trail has it in the same transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from models import Claim, ClaimHeir, ClaimStatusChange, Worker
from models.claim import ClaimStatus
from models.enums import CoverageSource, WorkerStatus
from services import coverage_history
from services.claims import records
from services.claims.conflicts import ClaimKey, DuplicateGuard, conflict_problems
from services.claims.detail import is_death_claim, load_rates, read_detail
from services.claims.eligibility import as_utc
from services.claims.labels import CLAIM_STATUS, rupiah
from services.claims.refresh import refresh_worker_claims
from services.claims.rules import WITA, read_rules
from services.claims.types import VOIDED, ClaimDetail, StatusChange
from services.claims.workflow import (
    Step,
    StepFacts,
    find_step,
    may_take,
    no_such_step,
    step_problems,
)
from services.context import ServiceContext
from services.errors import ValidationError
from services.permissions import ROLE_LABELS, Permission, PermissionDeniedError
from services.unit_of_work import unit_of_work
from services.worker_validation import clean_digits, clean_name, clean_text, err

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
    today = now.astimezone(WITA).date()
    with DuplicateGuard(ctx) as guard, unit_of_work(ctx) as session:
        rules, rates = read_rules(session), load_rates(session)
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
        facts = StepFacts(
            event_date=claim.event_date,
            submitted_on=claim.submitted_on,
            decided_on=claim.decided_on,
            missing_documents=[d.label for d in before.missing_documents],
            death_claim=is_death_claim(claim.claim_type, claim.jkk_outcome),
            heir_ids=[h.id for h in claim.heirs],
            entitled_heir_count=sum(1 for h in before.heirs if h.entitled),
        )
        problems = step_problems(step, change, facts, today)
        if claim.status in VOIDED and step.target not in VOIDED:
            # Taking a cancelled or rejected claim up again: another may have replaced it.
            problems += conflict_problems(session, worker, ClaimKey.of(claim))
        if problems:
            raise ValidationError(problems, record=record)
        on = change.on or today
        note = _apply(claim, worker, step, change, on, recipient)
        if step.target is S.PAID and facts.death_claim:
            _record_death(session, worker, claim, ctx)
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
        if step.target is S.PAID and facts.death_claim:
            # The worker's other open claims now meet a deceased worker.
            refresh_worker_claims(session, ctx, worker, now)
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
        return _joined(f"Dibayar {rupiah(change.amount)} kepada {claim.paid_to_name}", note)
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


def _record_death(session: Session, worker: Worker, claim: Claim, ctx: ServiceContext) -> None:
    """The paid death claim documents the death: recorded through the coverage history,
    so the worker's periods end on the day of death in this same transaction."""
    if worker.status is WorkerStatus.DECEASED and worker.status_date is not None:
        return
    coverage_history.record_status(
        session,
        worker,
        WorkerStatus.DECEASED,
        claim.death_date or claim.event_date,
        f"Klaim {claim.claim_type.upper()} #{claim.id} dibayar",
        CoverageSource.CLAIM,
        ctx.user_name,
        source_ref=str(claim.id),
    )


def _joined(head: str, note: str) -> str:
    return f"{head}. {note}" if note else head
