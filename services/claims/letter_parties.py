"""What a claim letter may state about its claim: who may sign as claimant (the worker, or
one of the claim's heirs), which documents the office has received, the programme and the
event's day. The letter register (services/documents/letters/claim.py) refuses a letter
bearing a claim's id that says otherwise, whichever screen or command wrote it.

Read straight from the claim's rows, not through ``get_claim``: a clerk whose NIKs are
masked must still have a full NIK checked against the heir's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from models import Claim, ClaimChecklistItem, ClaimDocument, ClaimHeir, Worker
from models.enums import ClaimType
from services.claims.detail import is_death_claim
from services.claims.labels import HEIR_RELATION
from services.core.context import ServiceContext
from services.core.permissions import Permission
from services.core.unit_of_work import read_session

WORKER_HIMSELF = "Peserta sendiri"


@dataclass(frozen=True, slots=True)
class LetterParty:
    name: str
    nik: str  # "" when none is recorded
    relation: str  # as the letter prints it: "Suami/Istri", "Peserta sendiri"


@dataclass(frozen=True, slots=True)
class ClaimLetterFacts:
    claim_id: int
    worker_id: int
    claim_type: ClaimType
    event_date: date  # the death's day when there is one, else the accident's
    # Who may sign as claimant: the claim's heirs, and the worker unless they died.
    parties: tuple[LetterParty, ...]
    received: tuple[str, ...]  # the checklist labels of the documents received


def claim_letter_facts(ctx: ServiceContext, claim_id: int) -> ClaimLetterFacts | None:
    """None when there is no such claim (or it is outside the clerk's kecamatan)."""
    principal = ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        query = (
            select(Claim, Worker.full_name, Worker.nik)
            .join(Worker, Worker.id == Claim.worker_id)
            .where(Claim.id == claim_id)
        )
        if principal.kecamatan_codes:
            query = query.where(Worker.kecamatan_code.in_(sorted(principal.kecamatan_codes)))
        found = session.execute(query).first()
        if found is None:
            return None
        claim, worker_name, worker_nik = found
        heirs = session.execute(
            select(ClaimHeir.full_name, ClaimHeir.nik, ClaimHeir.relation)
            .where(ClaimHeir.claim_id == claim_id)
            .order_by(ClaimHeir.id)
        ).all()
        received = session.scalars(
            select(ClaimChecklistItem.label)
            .join(
                ClaimDocument,
                (ClaimDocument.item_code == ClaimChecklistItem.code)
                & (ClaimChecklistItem.claim_type == claim.claim_type),
            )
            .where(ClaimDocument.claim_id == claim_id, ClaimDocument.received.is_(True))
        ).all()
        return ClaimLetterFacts(
            claim_id=claim.id,
            worker_id=claim.worker_id,
            claim_type=claim.claim_type,
            event_date=claim.death_date or claim.event_date,
            parties=(
                *(
                    ()
                    if is_death_claim(claim.claim_type, claim.jkk_outcome)
                    else (LetterParty(worker_name, worker_nik, WORKER_HIMSELF),)
                ),
                *(LetterParty(h.full_name, h.nik or "", HEIR_RELATION[h.relation]) for h in heirs),
            ),
            received=tuple(received),
        )
