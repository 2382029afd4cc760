"""The only way a worker's status changes: a dated event that cuts or opens periods.

- nonaktif / meninggal on X: every period covering X ends on X (a worker is covered on
  the day they die), a period starting after X is emptied; each keeps its planned end
  and the event that cut it.
- aktif on Y (after a nonaktif event): a new period from Y, with the funding and KPJ
  of the period the nonaktif event cut and its planned end (or open).
- cancelling the latest event restores what it did; earlier events are cancelled only
  after the later ones, so every restore is exact.

The worker row's ``status``, ``status_date`` and ``status_reason`` are a cache of the
event in force, written only here.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from models import CoveragePeriod, Worker, WorkerStatusEvent
from models.base import utc_now
from models.enums import CoverageSource, FundingSource, WorkerStatus
from services.core.errors import NotFoundError, Problem, ValidationError
from services.core.office_time import office_today
from services.coverage_history.periods import (
    check_span,
    current_event,
    is_empty,
    refresh_worker_cache,
    refuse,
    worker_label,
    worker_periods,
)
from services.text.formatting import long_date
from services.text.labels import WORKER_STATUS

FIELD_STATUS = "status"
FIELD_DATE = "status_date"
FIELD_REASON = "status_reason"


def record_status(
    session: Session,
    worker: Worker,
    status: WorkerStatus,
    effective_date: date | None,
    reason: str | None,
    source: CoverageSource = CoverageSource.CLERK,
    actor: str | None = None,
    *,
    source_ref: str | None = None,
    today: date | None = None,
    funding: FundingSource | None = None,
) -> WorkerStatusEvent:
    """Record a status change effective on ``effective_date``; periods follow it.

    ``funding`` chooses the funding of a reactivation's new period (default: that of the
    period the inactivation cut, else the worker's)."""
    today = today or office_today(session)
    reason = (reason or "").strip() or None
    label = WORKER_STATUS[status].lower()
    problems = []
    if effective_date is None:
        problems.append(Problem("status_date_empty", FIELD_DATE, f"Tanggal {label} wajib diisi."))
    elif effective_date > today:
        problems.append(
            Problem("status_date_future", FIELD_DATE, f"Tanggal {label} tidak boleh di masa depan.")
        )
    if status is WorkerStatus.INACTIVE and not reason:
        problems.append(
            Problem("status_reason_empty", FIELD_REASON, "Alasan penonaktifan wajib diisi.")
        )
    if problems:
        raise ValidationError(problems, record=worker_label(worker))
    assert effective_date is not None
    current = current_event(session, worker.id)
    current_status = current.status if current else WorkerStatus.ACTIVE
    _check_transition(worker, status, effective_date, current, current_status)
    event = WorkerStatusEvent(
        worker_id=worker.id,
        status=status,
        effective_date=effective_date,
        reason=reason,
        source=source,
        source_ref=source_ref,
        created_by=actor,
    )
    session.add(event)
    session.flush()
    if status is WorkerStatus.ACTIVE:
        _reopen(session, worker, event, current, funding, actor)
    else:
        _cut(session, worker, event, actor)
    _write_status_cache(worker, event, actor)
    session.flush()
    return event


def _check_transition(
    worker: Worker,
    status: WorkerStatus,
    day: date,
    current: WorkerStatusEvent | None,
    current_status: WorkerStatus,
) -> None:
    if current_status is WorkerStatus.DECEASED:
        # A deceased status is only ever set by an event, so ``current`` is that event.
        raise refuse(
            worker,
            "status_after_death",
            FIELD_STATUS,
            f"Peserta tercatat meninggal sejak {long_date(current.effective_date)}"  # type: ignore[union-attr]
            ". Bila itu keliru, batalkan status meninggal itu dulu.",
        )
    if status is current_status:
        raise refuse(
            worker,
            "status_unchanged",
            FIELD_STATUS,
            f"Peserta sudah berstatus {WORKER_STATUS[status].lower()}.",
        )
    if current is None:
        return
    too_early = (
        day <= current.effective_date
        if status is WorkerStatus.ACTIVE
        else (day < current.effective_date)
    )
    if too_early:
        raise refuse(
            worker,
            "status_date_order",
            FIELD_DATE,
            f"Tanggal {WORKER_STATUS[status].lower()} ({long_date(day)}) harus sesudah "
            f"perubahan status terakhir ({WORKER_STATUS[current.status].lower()} "
            f"{long_date(current.effective_date)}). Bila tanggal itu salah, batalkan dulu "
            "perubahan status tersebut.",
        )


def _cut(session: Session, worker: Worker, event: WorkerStatusEvent, actor: str | None) -> None:
    day = event.effective_date
    for period in worker_periods(session, worker.id):
        if is_empty(period) or (period.end_date is not None and period.end_date < day):
            continue
        period.planned_end = period.end_date
        period.ended_by_event_id = event.id
        period.end_date = day if period.start_date <= day else period.start_date - timedelta(1)
        period.updated_at = utc_now()
        period.updated_by = actor
    session.flush()
    refresh_worker_cache(session, worker)


def _reopen(
    session: Session,
    worker: Worker,
    event: WorkerStatusEvent,
    inactivation: WorkerStatusEvent | None,
    funding: FundingSource | None,
    actor: str | None,
) -> None:
    """What the inactivation ended comes back from the reactivation day: the period in force
    on the inactivation day resumes (under the funding chosen now, if any) up to its planned
    end; periods planned to start later come back as planned, from their own start (never
    earlier: a plan for March does not cover January because the worker came back then)."""
    periods = worker_periods(session, worker.id)
    ended = [p for p in periods if inactivation and p.ended_by_event_id == inactivation.id]
    if inactivation is None or not ended:
        return  # nothing was cut: the worker had no coverage to resume
    day = event.effective_date
    for model in ended:
        start = max(day, model.start_date)
        end = model.planned_end
        if end is not None and end < start:
            continue  # the plan had run out by then: nothing to resume
        in_force = model.start_date <= inactivation.effective_date
        check_span(session, worker, start, end, periods)
        period = CoveragePeriod(
            worker_id=worker.id,
            start_date=start,
            end_date=end,
            funding=(funding or model.funding) if in_force else model.funding,
            kpj=model.kpj,
            source=CoverageSource.STATUS,
            source_ref=str(event.id),
            opened_by_event_id=event.id,
            created_by=actor,
            updated_by=actor,
        )
        session.add(period)
        session.flush()
        periods.append(period)
    refresh_worker_cache(session, worker)


def _write_status_cache(worker: Worker, event: WorkerStatusEvent | None, actor: str | None) -> None:
    worker.status = event.status if event else WorkerStatus.ACTIVE
    if event is None or event.status is WorkerStatus.ACTIVE:
        worker.status_date, worker.status_reason = None, None
    else:
        worker.status_date, worker.status_reason = event.effective_date, event.reason
    worker.updated_at = utc_now()
    worker.updated_by = actor


def cancel_status_event(
    session: Session,
    event_id: int,
    reason: str | None,
    actor: str | None = None,
    *,
    worker: Worker | None = None,
) -> WorkerStatusEvent:
    """Cancel the worker's latest status event (e.g. a death claim found mistaken):
    the periods it cut get their planned end back, a reactivation's period goes."""
    event = session.get(WorkerStatusEvent, event_id)
    worker = worker or (session.get(Worker, event.worker_id) if event else None)
    if event is None or worker is None or event.worker_id != worker.id:
        raise NotFoundError(f"Perubahan status nomor {event_id} tidak ditemukan.")
    if event.cancelled_at is not None:
        raise refuse(
            worker,
            "status_event_cancelled",
            FIELD_STATUS,
            f"Perubahan status {long_date(event.effective_date)} sudah dibatalkan.",
        )
    reason = (reason or "").strip()
    if not reason:
        raise refuse(worker, "status_cancel_reason", FIELD_REASON, "Alasan pembatalan wajib diisi.")
    latest = current_event(session, worker.id)
    if latest is not None and latest.id != event.id:
        raise refuse(
            worker,
            "status_event_not_latest",
            FIELD_STATUS,
            f"Sesudah perubahan ini tercatat status {WORKER_STATUS[latest.status].lower()} "
            f"{long_date(latest.effective_date)}; batalkan yang terakhir itu dulu.",
        )
    event.cancelled_at = utc_now()
    event.cancelled_by = actor
    event.cancel_reason = reason[:200]
    periods = worker_periods(session, worker.id)
    for period in periods:
        if period.opened_by_event_id == event.id:
            session.delete(period)
    session.flush()
    kept = [p for p in periods if p.opened_by_event_id != event.id]
    restored = [p for p in kept if p.ended_by_event_id == event.id]
    for period in restored:
        # Checked against the status now in force (the event is cancelled above; a
        # refusal rolls the whole action back).
        others = [p for p in kept if p not in restored]
        check_span(session, worker, period.start_date, period.planned_end, others)
    for period in restored:
        period.end_date = period.planned_end
        period.planned_end = None
        period.ended_by_event_id = None
        period.updated_at = utc_now()
        period.updated_by = actor
    session.flush()
    _write_status_cache(worker, current_event(session, worker.id), actor)
    refresh_worker_cache(session, worker)
    session.flush()
    return event
