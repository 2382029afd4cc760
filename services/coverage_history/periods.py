"""Opening, changing, ending and removing coverage periods, with their checks.

Functions take the caller's session (the caller's transaction and permission check)
and the acting clerk's name; every refusal is a ``ValidationError`` naming the worker
and the field. After each change the worker row's cache of its current period
(``coverage_start``, ``coverage_end``, ``funding``) is refreshed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CoveragePeriod, Worker, WorkerStatusEvent
from models.base import utc_now
from models.enums import CoverageSource, FundingSource, WorkerStatus
from services.core.errors import Problem, Severity, ValidationError
from services.text.formatting import long_date

FIELD_START = "coverage_start"
FIELD_END = "coverage_end"


class _Unset(Enum):
    UNSET = "unset"


# change_period's "not given" (None is a value there: no end, no KPJ).
_UNSET: Final = _Unset.UNSET


def worker_label(worker: Worker) -> str:
    return f"{worker.full_name} (NIK {worker.nik})"


def refuse(worker: Worker, code: str, field: str, text: str) -> ValidationError:
    return ValidationError(
        [Problem(code, field, text, Severity.ERROR)], record=worker_label(worker)
    )


def span_text(start: date, end: date | None) -> str:
    return f"{long_date(start)} s.d. {long_date(end) if end else 'seterusnya'}"


def worker_periods(session: Session, worker_id: int) -> list[CoveragePeriod]:
    return list(
        session.scalars(
            select(CoveragePeriod)
            .where(CoveragePeriod.worker_id == worker_id)
            .order_by(CoveragePeriod.start_date, CoveragePeriod.id)
        )
    )


def latest_period(session: Session, worker_id: int) -> CoveragePeriod | None:
    """The worker's period that starts last (the one the worker form's dates show)."""
    return session.scalars(
        select(CoveragePeriod)
        .where(CoveragePeriod.worker_id == worker_id)
        .order_by(CoveragePeriod.start_date.desc(), CoveragePeriod.id.desc())
        .limit(1)
    ).first()


def is_empty(period: CoveragePeriod) -> bool:
    return period.end_date is not None and period.end_date < period.start_date


def current_event(session: Session, worker_id: int) -> WorkerStatusEvent | None:
    """The worker's status event in force now: the last one not cancelled."""
    return session.scalars(
        select(WorkerStatusEvent)
        .where(WorkerStatusEvent.worker_id == worker_id, WorkerStatusEvent.cancelled_at.is_(None))
        .order_by(WorkerStatusEvent.effective_date.desc(), WorkerStatusEvent.id.desc())
        .limit(1)
    ).first()


def check_span(
    session: Session,
    worker: Worker,
    start: date | None,
    end: date | None,
    others: Sequence[CoveragePeriod],
) -> None:
    """Order, overlap with the worker's other periods, and the worker's status."""
    if start is None:
        raise refuse(
            worker, "coverage_start_empty", FIELD_START, "Tanggal mulai kepesertaan wajib diisi."
        )
    if end is not None and end < start:
        raise refuse(
            worker,
            "coverage_order",
            FIELD_END,
            f"Akhir kepesertaan ({long_date(end)}) sebelum mulai kepesertaan "
            f"({long_date(start)}). Periksa kedua tanggal itu.",
        )
    for other in others:
        if is_empty(other):
            continue
        if other.start_date <= (end or date.max) and (other.end_date or date.max) >= start:
            raise refuse(
                worker,
                "coverage_overlap",
                FIELD_START,
                f"Periode {span_text(start, end)} bertumpang tindih dengan periode "
                f"{span_text(other.start_date, other.end_date)} yang sudah tercatat. "
                "Akhiri atau ubah periode itu dulu.",
            )
    event = current_event(session, worker.id) if worker.id is not None else None
    if event is None or event.status is WorkerStatus.ACTIVE:
        return
    if end is None or end > event.effective_date:
        state = "meninggal" if event.status is WorkerStatus.DECEASED else "nonaktif"
        what = (
            "Periode tidak dapat berlanjut sesudah tanggal itu."
            if event.status is WorkerStatus.DECEASED
            else "Aktifkan kembali pesertanya lewat Ubah status, yang membuka periode baru."
        )
        raise refuse(
            worker,
            "coverage_after_status",
            FIELD_END,
            f"Peserta tercatat {state} sejak {long_date(event.effective_date)}. {what}",
        )


def open_period(
    session: Session,
    worker: Worker,
    start: date | None,
    end: date | None = None,
    *,
    funding: FundingSource | None = None,
    kpj: str | None = None,
    source: CoverageSource = CoverageSource.CLERK,
    source_ref: str | None = None,
    actor: str | None = None,
) -> CoveragePeriod:
    """A new period for the worker (funding and KPJ default to the worker's own)."""
    check_span(session, worker, start, end, worker_periods(session, worker.id) if worker.id else [])
    assert start is not None  # checked above
    period = CoveragePeriod(
        worker_id=worker.id,
        start_date=start,
        end_date=end,
        funding=funding or worker.funding,
        kpj=kpj if kpj is not None else worker.kpj,
        source=source,
        source_ref=source_ref,
        created_by=actor,
        updated_by=actor,
    )
    session.add(period)
    session.flush()
    refresh_worker_cache(session, worker)
    return period


def change_period(
    session: Session,
    worker: Worker,
    period: CoveragePeriod,
    *,
    start: date | Literal[_Unset.UNSET] | None = _UNSET,
    end: date | Literal[_Unset.UNSET] | None = _UNSET,
    funding: FundingSource | None = None,
    kpj: str | Literal[_Unset.UNSET] | None = _UNSET,
    actor: str | None = None,
) -> CoveragePeriod:
    """Change what is given of one period; a period cut by a status event keeps its end."""
    _own(worker, period)
    new_start = period.start_date if start is _UNSET else start
    new_end = period.end_date if end is _UNSET else end
    if period.ended_by_event_id is not None and (
        new_end != period.end_date or new_start != period.start_date
    ):
        raise refuse(
            worker,
            "coverage_cut_by_status",
            FIELD_END,
            f"Periode {span_text(period.start_date, period.end_date)} diakhiri oleh perubahan "
            "status; batalkan perubahan status itu dulu bila tanggalnya salah.",
        )
    others = [p for p in worker_periods(session, worker.id) if p.id != period.id]
    if period.ended_by_event_id is None:
        check_span(session, worker, new_start, new_end, others)
    # check_span refuses an empty start; a cut period keeps its own (checked above).
    period.start_date = new_start  # type: ignore[assignment]
    period.end_date = new_end
    if funding is not None:
        period.funding = funding
    if kpj is not _UNSET:
        period.kpj = kpj
    period.updated_at = utc_now()
    period.updated_by = actor
    session.flush()
    refresh_worker_cache(session, worker)
    return period


def end_period(
    session: Session, worker: Worker, period: CoveragePeriod, end: date, actor: str | None = None
) -> CoveragePeriod:
    """End a period on ``end`` (its last covered day)."""
    return change_period(session, worker, period, end=end, actor=actor)


def remove_period(
    session: Session, worker: Worker, period: CoveragePeriod, actor: str | None = None
) -> None:
    """Delete a period entered by mistake (or by an import being undone)."""
    _own(worker, period)
    if period.opened_by_event_id is not None:
        raise refuse(
            worker,
            "coverage_opened_by_status",
            FIELD_START,
            f"Periode {span_text(period.start_date, period.end_date)} dibuka oleh pengaktifan "
            "kembali; batalkan perubahan status itu untuk menghapusnya.",
        )
    session.delete(period)
    session.flush()
    refresh_worker_cache(session, worker)


def _own(worker: Worker, period: CoveragePeriod) -> None:
    if period.worker_id != worker.id:
        raise ValueError("period of another worker")


def refresh_worker_cache(session: Session, worker: Worker) -> None:
    """The worker row's copy of its current period: the latest one that covers a day."""
    real = [p for p in worker_periods(session, worker.id) if not is_empty(p)]
    latest = real[-1] if real else None
    start = latest.start_date if latest else None
    end = latest.end_date if latest else None
    changed = (worker.coverage_start, worker.coverage_end) != (start, end)
    worker.coverage_start = start
    worker.coverage_end = end
    if latest is not None and worker.funding != latest.funding:
        worker.funding = latest.funding
        changed = True
    if changed:
        worker.updated_at = utc_now()
