"""A worker's coverage on one day, with the reason in words, read from the history.

This is the Python twin of ``sql.covered_on``: the property tests hold them equal on
random histories. It reads the worker's few periods and events (two indexed queries).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from models import CoveragePeriod, WorkerStatusEvent
from models.enums import CoverageSource, FundingSource, WorkerStatus
from services.text.formatting import long_date
from services.text.labels import FUNDING


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    id: int
    start_date: date
    end_date: date | None  # the effective end (None: open)
    funding: FundingSource
    kpj: str | None
    source: CoverageSource
    source_ref: str | None
    planned_end: date | None  # the end before a status event cut the period
    ended_by_event_id: int | None
    opened_by_event_id: int | None

    @property
    def empty(self) -> bool:
        """Emptied by a status event dated before it began: it covers no day."""
        return self.end_date is not None and self.end_date < self.start_date

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


@dataclass(frozen=True, slots=True)
class StatusEventInfo:
    id: int
    status: WorkerStatus
    effective_date: date
    reason: str | None
    source: CoverageSource
    source_ref: str | None
    created_at: datetime | None
    created_by: str | None
    cancelled_at: datetime | None
    cancelled_by: str | None
    cancel_reason: str | None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


@dataclass(frozen=True, slots=True)
class CoverageFact:
    """Covered on ``day`` or not, by which period, and why, in Indonesian."""

    worker_id: int
    day: date
    covered: bool
    reason: str
    funding: FundingSource | None = None
    kpj: str | None = None
    period_start: date | None = None
    period_end: date | None = None  # None while covered: open-ended
    status: WorkerStatus = WorkerStatus.ACTIVE  # the status on that day
    status_since: date | None = None
    status_reason: str | None = None
    has_periods: bool = False
    next_start: date | None = None  # a later period's first day, when not covered
    last_end: date | None = None  # the last covered day before ``day``, when not covered


# Built once: the quick check answers in a few milliseconds, and building a statement
# costs more than running it on a worker's handful of rows.
_P = CoveragePeriod.__table__
_E = WorkerStatusEvent.__table__
_PERIODS = select(_P).where(_P.c.worker_id == bindparam("wid")).order_by(_P.c.start_date, _P.c.id)
_EVENTS = (
    select(_E).where(_E.c.worker_id == bindparam("wid")).order_by(_E.c.effective_date, _E.c.id)
)


def periods_of(session: Session, worker_id: int) -> list[PeriodInfo]:
    rows = session.execute(_PERIODS, {"wid": worker_id}).all()
    return [period_info(p) for p in rows]


def period_info(p: Any) -> PeriodInfo:
    """From a ``CoveragePeriod`` or a row of its table."""
    return PeriodInfo(
        id=p.id,
        start_date=p.start_date,
        end_date=p.end_date,
        funding=FundingSource(p.funding),
        kpj=p.kpj,
        source=CoverageSource(p.source),
        source_ref=p.source_ref,
        planned_end=p.planned_end,
        ended_by_event_id=p.ended_by_event_id,
        opened_by_event_id=p.opened_by_event_id,
    )


def events_of(session: Session, worker_id: int) -> list[StatusEventInfo]:
    """Every status event, cancelled ones included, in the order they take effect."""
    rows = session.execute(_EVENTS, {"wid": worker_id}).all()
    return [
        StatusEventInfo(
            id=e.id,
            status=WorkerStatus(e.status),
            effective_date=e.effective_date,
            reason=e.reason,
            source=CoverageSource(e.source),
            source_ref=e.source_ref,
            created_at=e.created_at,
            created_by=e.created_by,
            cancelled_at=e.cancelled_at,
            cancelled_by=e.cancelled_by,
            cancel_reason=e.cancel_reason,
        )
        for e in rows
    ]


def status_on(events: Sequence[StatusEventInfo], day: date) -> StatusEventInfo | None:
    """The event in force on ``day``: the last one not cancelled that took effect by then."""
    current = None
    for event in events:
        if not event.cancelled and event.effective_date <= day:
            current = event
    return current


def coverage_on(session: Session, worker_id: int, day: date) -> CoverageFact:
    """Whether the worker is covered on ``day``, funded by whom, under which KPJ, and why."""
    return fact_from(worker_id, day, periods_of(session, worker_id), events_of(session, worker_id))


def fact_from(
    worker_id: int,
    day: date,
    periods: Sequence[PeriodInfo],
    events: Sequence[StatusEventInfo],
) -> CoverageFact:
    """The fact from an already read history (lists and tests build it without a query)."""
    real = [p for p in periods if not p.empty]
    event = status_on(events, day)
    status = event.status if event else WorkerStatus.ACTIVE
    status_fields: dict[str, Any] = {
        "status": status,
        "status_since": event.effective_date if event else None,
        "status_reason": event.reason if event else None,
        "has_periods": bool(real),
    }
    period = next((p for p in real if p.covers(day)), None)
    if period is not None:
        until = f" s.d. {long_date(period.end_date)}" if period.end_date else ""
        return CoverageFact(
            worker_id=worker_id,
            day=day,
            covered=True,
            reason=f"Terlindungi JKK dan JKM{until} ({FUNDING[period.funding]}).",
            funding=period.funding,
            kpj=period.kpj,
            period_start=period.start_date,
            period_end=period.end_date,
            **status_fields,
        )
    later = [p.start_date for p in real if p.start_date > day]
    earlier = [p.end_date for p in real if p.end_date is not None and p.end_date < day]
    next_start = min(later) if later else None
    last_end = max(earlier) if earlier else None
    return CoverageFact(
        worker_id=worker_id,
        day=day,
        covered=False,
        reason=_uncovered_reason(event, real, next_start, last_end),
        next_start=next_start,
        last_end=last_end,
        **status_fields,
    )


def _uncovered_reason(
    event: StatusEventInfo | None,
    real: Sequence[PeriodInfo],
    next_start: date | None,
    last_end: date | None,
) -> str:
    if event is not None and event.status is WorkerStatus.DECEASED:
        return f"Tidak terlindungi: meninggal sejak {long_date(event.effective_date)}."
    if event is not None and event.status is WorkerStatus.INACTIVE:
        why = f" ({event.reason})" if event.reason else ""
        return f"Tidak terlindungi: nonaktif sejak {long_date(event.effective_date)}{why}."
    if not real:
        return "Belum terlindungi: belum ada periode kepesertaan."
    if last_end is None:
        return f"Belum terlindungi: kepesertaan mulai {long_date(next_start)}."
    then = f"; periode berikutnya mulai {long_date(next_start)}" if next_start else ""
    return f"Tidak terlindungi: kepesertaan berakhir {long_date(last_end)}{then}."
