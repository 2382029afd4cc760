"""The seam to the letter register (services/documents): the recommendation letter's fields
filled from the claim, so the clerk types nothing twice.

The GUI or CLI then issues the letter and submits the claim with its number:

    fields = claim_letter(ctx, claim_id)
    issued = issue_letter(ctx, LetterRequest(fields, signatory_id=..., document_date=day))
    change_status(ctx, claim_id, StatusChange(ClaimStatus.SUBMITTED, on=day,
                  letter_number=issued.number, letter_date=day), version)
"""

from __future__ import annotations

from typing import Any

from models.enums import ClaimType
from services.claims.detail import is_death_claim
from services.claims.labels import HEIR_RELATION
from services.claims.letter_parties import WORKER_HIMSELF
from services.claims.query import get_claim
from services.claims.types import ClaimDetail, HeirEntry
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.input_rules import err
from services.core.permissions import Permission
from services.documents.letters.fields import ClaimLetter, ClaimProgramme
from services.workers.service import WorkerService
from services.workers.types import WorkerDetail

_PROGRAMMES = {ClaimType.JKM: ClaimProgramme.JKM, ClaimType.JKK: ClaimProgramme.JKK}


def claim_letter(
    ctx: ServiceContext, claim_id: int, claimant_heir_id: int | None = None
) -> ClaimLetter:
    """The letter's fields. The claimant: the heir chosen; for a death, else the first
    entitled heir; an injured worker claims for themselves."""
    ctx.require(Permission.CLAIMS)
    detail = get_claim(ctx, claim_id)
    worker = WorkerService(ctx).get(detail.worker.id)
    heir = _claimant(detail, claimant_heir_id)
    event = detail.event
    about = event.cause_of_death if detail.claim_type is ClaimType.JKM else event.description
    common: dict[str, Any] = {
        "programme": _PROGRAMMES[detail.claim_type],
        "worker_name": worker.full_name,
        "worker_nik": worker.nik,
        "event_date": event.death_date or event.event_date,
        "kpj": worker.kpj or "",
        "occupation": worker.occupation_name,
        "worker_address": _address(worker),
        "event_description": about or "",
        "documents": tuple(d.label for d in detail.documents if d.received),
        "worker_id": worker.id,
        "claim_id": detail.id,
    }
    if heir is None:
        return ClaimLetter(
            **common,
            claimant_name=worker.full_name,
            claimant_relation=WORKER_HIMSELF,
            claimant_nik=worker.nik,
            claimant_address=_address(worker),
            claimant_phone=worker.phone or "",
        )
    return ClaimLetter(
        **common,
        claimant_name=heir.full_name,
        claimant_relation=HEIR_RELATION[heir.relation],
        claimant_nik=heir.nik or "",
        claimant_address=heir.address or "",
        claimant_phone=heir.phone or "",
    )


def _claimant(detail: ClaimDetail, heir_id: int | None) -> HeirEntry | None:
    record = f"surat klaim #{detail.id}"
    if heir_id is not None:
        chosen = next((h for h in detail.heirs if h.id == heir_id), None)
        if chosen is None:
            raise ValidationError(
                [
                    err(
                        "claimant_unknown",
                        "claimant_heir_id",
                        "Pemohon tidak ada di daftar ahli waris klaim ini; pilih dari daftar itu.",
                    )
                ],
                record=record,
            )
        return chosen
    if not is_death_claim(detail.claim_type, detail.event.jkk_outcome):
        return None
    entitled = next((h for h in detail.heirs if h.entitled), None)
    if entitled is None:
        raise ValidationError(
            [
                err(
                    "claimant_missing",
                    "heirs",
                    "Klaim kematian perlu ahli waris yang berhak sebagai pemohon; isi di "
                    "bagian Ahli waris.",
                )
            ],
            record=record,
        )
    return entitled


def _address(worker: WorkerDetail) -> str:
    parts = [worker.address or ""]
    if worker.rt or worker.rw:
        parts.append(f"RT {worker.rt or '-'}/RW {worker.rw or '-'}")
    parts += [f"Desa/Kel. {worker.village_name}", f"Kec. {worker.kecamatan_name}"]
    return ", ".join(p for p in parts if p)
