"""A death documented in a claim ends the worker's coverage, in the claim's own transaction.

A death claim (JKM, or JKK with a fatal outcome) documents the death once its death
certificate (checklist item ``akta_kematian``) is ticked received. From then on the
worker is *meninggal* from the date of death through the one coverage model
(``services.coverage_history.record_status``, source ``claim``, the claim's number as
its reference): coverage ends that day, so next month's premium, the cards and the
front desk follow at once. Un-ticking the certificate, cancelling the claim (with its
reason), or a change of the death date or of the JKK outcome cancels or moves that
status event again (``cancel_status_event``), restoring the coverage it cut.

A death already in the register (recorded by a clerk, or through another claim) is left
as it is: this claim then records nothing of its own.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Claim, ClaimDocument, Worker, WorkerStatusEvent
from models.enums import ClaimStatus, CoverageSource, WorkerStatus
from services.claims.detail import is_death_claim
from services.core.context import ServiceContext
from services.coverage_history import cancel_status_event, record_status

DEATH_CERTIFICATE = "akta_kematian"


def claim_death_event(session: Session, claim: Claim) -> WorkerStatusEvent | None:
    """The status event this claim recorded and that still stands."""
    return session.scalar(
        select(WorkerStatusEvent).where(
            WorkerStatusEvent.worker_id == claim.worker_id,
            WorkerStatusEvent.source == CoverageSource.CLAIM,
            WorkerStatusEvent.source_ref == str(claim.id),
            WorkerStatusEvent.cancelled_at.is_(None),
        )
    )


def death_documented(session: Session, claim: Claim) -> bool:
    """The certificate is received, or BPJS paid the death benefit, on a claim that stands."""
    if claim.status is ClaimStatus.CANCELLED:
        return False
    if not is_death_claim(claim.claim_type, claim.jkk_outcome):
        return False
    if claim.status in (ClaimStatus.PAID, ClaimStatus.CLOSED):
        return True
    return bool(
        session.scalar(
            select(ClaimDocument.received).where(
                ClaimDocument.claim_id == claim.id,
                ClaimDocument.item_code == DEATH_CERTIFICATE,
            )
        )
    )


def death_date(claim: Claim) -> date:
    return claim.death_date or claim.event_date


def sync_claim_death(
    session: Session,
    ctx: ServiceContext,
    claim: Claim,
    worker: Worker,
    today: date,
    why: str,
) -> bool:
    """Bring the worker's status in line with what the claim documents; True when it
    changed. ``why`` is the reason written on a cancelled event (in Indonesian)."""
    session.flush()  # the document or status change just made must be visible here
    event = claim_death_event(session, claim)
    wanted = death_documented(session, claim)
    if event is not None and wanted and event.effective_date == death_date(claim):
        return False
    changed = False
    if event is not None:
        cancel_status_event(session, event.id, why, ctx.user_name, worker=worker)
        changed = True
    if wanted and worker.status is not WorkerStatus.DECEASED:
        record_status(
            session,
            worker,
            WorkerStatus.DECEASED,
            death_date(claim),
            f"Akta kematian diterima pada klaim {claim.claim_type.upper()} #{claim.id}",
            CoverageSource.CLAIM,
            ctx.user_name,
            source_ref=str(claim.id),
            today=today,
        )
        changed = True
    return changed
