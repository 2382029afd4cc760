"""What every claim write shares: loading the claim for change, the derived columns, the
refusal of a closed claim, and a flush that turns a lost race into a clear message."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from models import Claim, Worker
from models.base import utc_now
from models.enums import ClaimStatus
from services.claims.detail import benefit_of, eligibility_of, not_found, record_label
from services.claims.labels import CLAIM_STATUS
from services.claims.rules import ClaimRules
from services.claims.types import RateRow
from services.core.context import ServiceContext
from services.core.errors import ConflictError, ValidationError
from services.core.input_rules import err
from services.core.office_time import as_utc

LOCKED = frozenset({ClaimStatus.CLOSED, ClaimStatus.CANCELLED})


def load_claim(
    session: Session, ctx: ServiceContext, claim_id: int, expected_version: int | None = None
) -> tuple[Claim, Worker]:
    # Heirs up front: the estimate reads them after the changes, where a lazy load would
    # flush half of the change into an audit entry of its own.
    claim = session.get(Claim, claim_id, options=[selectinload(Claim.heirs)])
    worker = session.get(Worker, claim.worker_id) if claim is not None else None
    principal = ctx.principal
    if claim is None or worker is None:
        raise not_found(claim_id)
    if principal is not None and not principal.sees_kecamatan(worker.kecamatan_code):
        raise not_found(claim_id)
    if expected_version is not None and claim.version != expected_version:
        raise ConflictError(
            f"{label(claim, worker).capitalize()} sudah diubah oleh "
            f"{claim.updated_by or 'pengguna lain'} setelah Anda membukanya. "
            "Muat ulang untuk melihat perubahan itu, lalu ulangi."
        )
    return claim, worker


def label(claim: Claim, worker: Worker) -> str:
    return f"{record_label(claim.claim_type, claim.id, worker.full_name)} (NIK {worker.nik})"


def refuse_locked(claim: Claim, worker: Worker) -> None:
    if claim.status in LOCKED:
        raise ValidationError(
            [
                err(
                    "claim_locked",
                    "status",
                    f"Klaim berstatus {CLAIM_STATUS[claim.status]} tidak dapat diubah lagi. "
                    "Bila perlu, kembalikan dulu statusnya (langkah mundur, dengan alasan).",
                )
            ],
            record=label(claim, worker),
        )


def refresh_derived(
    session: Session,
    claim: Claim,
    worker: Worker,
    rules: ClaimRules,
    now: datetime,
    rates: Sequence[RateRow],
) -> bool:
    """The columns lists and reports read: eligibility, the first-report deadline and the
    estimate's one-off total (None when no one-off amount can be estimated). True when
    any of them changed."""
    eligibility = eligibility_of(
        session, claim, worker, rules, now, submitted_on=claim.submitted_on
    )
    benefit = benefit_of(claim, eligibility, claim.heirs, rates, rules)
    values = {
        "eligible": eligibility.eligible,
        "ineligible_reason": "; ".join(eligibility.reasons)[:300] or None,
        "estimated_benefit": (
            benefit.total if any(line.counted for line in benefit.lines) else None
        ),
    }
    changed = [name for name, value in values.items() if getattr(claim, name) != value]
    for name in changed:
        setattr(claim, name, values[name])
    return set_moment(claim, "report_deadline_at", eligibility.report_deadline) or bool(changed)


def set_moment(obj: object, name: str, moment: datetime | None) -> bool:
    """True when the moment changed. SQLite hands back naive UTC: compared as UTC, an
    unchanged time writes nothing."""
    old = getattr(obj, name)
    same = (old is None and moment is None) or (
        old is not None and moment is not None and as_utc(old) == as_utc(moment)
    )
    if not same:
        setattr(obj, name, moment)
    return not same


def touch(claim: Claim, ctx: ServiceContext) -> None:
    claim.updated_at = utc_now()
    claim.updated_by = ctx.user_name


def flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        raise ConflictError(
            "Klaim ini baru saja diubah oleh pengguna lain. Muat ulang untuk melihat "
            "perubahan itu, lalu ulangi."
        ) from error
