"""The review list of possible twins: two NIKs, one name, one birth date, one village.

A clerk decides each pair: two different people (the pair is not raised
again by later imports), or one person registered twice. A merge keeps one
worker; the other's NIK goes into the audit entry of both, and the duplicate
is deleted when nothing refers to it (no heirs, no later records), otherwise
it is made inactive with the reason.
"""

from __future__ import annotations

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Heir, TwinReview, Worker
from models.base import utc_now
from models.enums import TwinDecision, WorkerStatus
from services.audit.trail import record_event
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, SiRentanError
from services.core.office_time import office_today
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.excel_import.types import TwinPair
from services.workers.regions import RegionDirectory

ACTION_MERGE = "merge"
ACTION_DIFFERENT = "twin_different"


def list_twin_reviews(
    ctx: ServiceContext, status: TwinDecision | None = TwinDecision.OPEN, limit: int = 500
) -> list[TwinPair]:
    ctx.require(Permission.SEE_FULL_IDENTITY)
    regions = RegionDirectory(ctx)
    with read_session(ctx) as session:
        statement = select(TwinReview).order_by(TwinReview.id).limit(limit)
        if status is not None:
            statement = statement.where(TwinReview.status == status)
        return [_pair(r, regions) for r in session.scalars(statement)]


def mark_twins_different(ctx: ServiceContext, review_id: int, note: str | None = None) -> TwinPair:
    """Two people after all: recorded, and later imports no longer warn about the pair."""
    principal = ctx.require(Permission.READ_WORKERS)
    if not principal.can(Permission.APPROVE):
        ctx.require(Permission.EDIT_WORKERS)
    regions = RegionDirectory(ctx)
    with unit_of_work(ctx) as session:
        review = _open_review(session, review_id)
        _decide(review, TwinDecision.DIFFERENT, note, ctx.user_name)
        record_event(
            session,
            ACTION_DIFFERENT,
            "worker",
            review.worker_id,
            f"Bukan orang yang sama: NIK {review.worker_nik} dan NIK {review.other_nik}",
            {"worker_nik": review.worker_nik, "other_nik": review.other_nik, "note": note},
        )
        session.flush()
        return _pair(review, regions)


def merge_twins(
    ctx: ServiceContext, review_id: int, keep_worker_id: int, note: str | None = None
) -> TwinPair:
    """One person registered twice: keep ``keep_worker_id``, retire the other record."""
    ctx.require(Permission.EDIT_WORKERS)
    regions = RegionDirectory(ctx)
    with unit_of_work(ctx) as session:
        review = _open_review(session, review_id)
        first, second = review.worker_id, review.other_worker_id
        if first is None or second is None or keep_worker_id not in (first, second):
            raise SiRentanError(
                "Pilih salah satu dari kedua peserta pasangan ini untuk dipertahankan."
            )
        duplicate_id = second if keep_worker_id == first else first
        kept = _worker(session, keep_worker_id)
        duplicate = _worker(session, duplicate_id)
        removed = _retire(session, duplicate, kept)
        details = {
            "kept_nik": kept.nik,
            "merged_nik": duplicate.nik,
            "merged_worker_id": duplicate_id,
            "merged_name": duplicate.full_name,
            "removed": removed,
            "note": note,
        }
        for worker_id in (kept.id, duplicate_id):
            record_event(
                session,
                ACTION_MERGE,
                "worker",
                worker_id,
                f"Data ganda digabung: NIK {duplicate.nik} ke NIK {kept.nik}",
                details,
            )
        _decide(review, TwinDecision.MERGED, note, ctx.user_name)
        session.flush()
        return _pair(review, regions)


def _retire(session: Session, duplicate: Worker, kept: Worker) -> bool:
    """Delete the duplicate if nothing refers to it; else make it inactive. True if deleted."""
    heirs = session.scalar(select(func.count()).where(Heir.worker_id == duplicate.id))
    if not heirs:
        try:
            with session.begin_nested():
                session.delete(duplicate)
                session.flush()
            return True
        except sa_exc.IntegrityError:
            # A record added later (a claim, a card) still points at it.
            session.refresh(duplicate)
    duplicate.status = WorkerStatus.INACTIVE
    duplicate.status_reason = f"Data ganda; digabung ke NIK {kept.nik}"[:200]
    duplicate.status_date = office_today(session)
    duplicate.updated_at = utc_now()
    session.flush()
    return False


def _open_review(session: Session, review_id: int) -> TwinReview:
    review = session.get(TwinReview, review_id)
    if review is None:
        raise NotFoundError(f"Pasangan data kembar #{review_id} tidak ditemukan.")
    if review.status is not TwinDecision.OPEN:
        raise SiRentanError(
            f"Pasangan #{review_id} sudah diputuskan oleh {review.decided_by or 'pengguna lain'}."
        )
    return review


def _worker(session: Session, worker_id: int) -> Worker:
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotFoundError(f"Peserta dengan nomor data {worker_id} tidak ditemukan.")
    return worker


def _decide(review: TwinReview, decision: TwinDecision, note: str | None, user: str | None) -> None:
    review.status = decision
    review.note = (note or "").strip()[:200] or None
    review.decided_at = utc_now()
    review.decided_by = user


def _pair(review: TwinReview, regions: RegionDirectory) -> TwinPair:
    return TwinPair(
        id=review.id,
        worker_id=review.worker_id,
        worker_nik=review.worker_nik,
        other_worker_id=review.other_worker_id,
        other_nik=review.other_nik,
        full_name=review.full_name,
        birth_date=review.birth_date,
        village_code=review.village_code,
        village_name=regions.name(review.village_code),
        batch_id=review.batch_id,
        status=review.status.value,
        note=review.note,
        decided_by=review.decided_by,
    )
