"""A worker's coverage history: periods of coverage and dated status events.

The periods ARE the effective coverage: a status change to nonaktif or meninggal
ends the periods it cuts (keeping ``planned_end`` and the event that ended them),
a reactivation opens a new period, and cancelling the event restores both. So
"covered on day D" is one EXISTS over ``coverage_period``
(``services/coverage_history``); the worker row keeps only a cache of the
current state, written by the same module.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, code_enum, number_text
from models.enums import CoverageSource, FundingSource, WorkerStatus


class CoveragePeriod(Base):
    """Covered on every day from ``start_date`` to ``end_date`` (inclusive; NULL: open).

    A period emptied by a status event that came before it has ``end_date`` one day
    before ``start_date``: it covers no day, and cancelling the event gives it back.
    """

    __tablename__ = "coverage_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    funding: Mapped[FundingSource] = mapped_column(code_enum(FundingSource, "funding"))
    kpj: Mapped[str | None] = mapped_column(number_text(20))
    source: Mapped[CoverageSource] = mapped_column(code_enum(CoverageSource, "coverage_source"))
    # Where it came from: an import batch's id, a BPJS list's id, a status event's id.
    source_ref: Mapped[str | None] = mapped_column(String(60))
    # The end before a status event cut the period, restored when the event is cancelled.
    planned_end: Mapped[date | None] = mapped_column(Date)
    ended_by_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("worker_status_event.id", ondelete="SET NULL")
    )
    # A reactivation's period: removed again when the reactivation is cancelled.
    opened_by_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("worker_status_event.id", ondelete="SET NULL")
    )
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        # "Covered on D, funded by whom" reads this index alone: worker, the two dates,
        # the funding.
        Index("ix_coverage_period_worker_span", "worker_id", "start_date", "end_date", "funding"),
        # Whole-register month counts group by funding and dates in this index's order.
        Index("ix_coverage_period_funding_span", "funding", "start_date", "end_date", "worker_id"),
        # Import undo finds the periods of a batch.
        Index("ix_coverage_period_source", "source", "source_ref"),
    )


class WorkerStatusEvent(Base):
    """A dated change of status; cancelled events stay, with who cancelled them and why."""

    __tablename__ = "worker_status_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    status: Mapped[WorkerStatus] = mapped_column(code_enum(WorkerStatus, "status"))
    effective_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[CoverageSource] = mapped_column(code_enum(CoverageSource, "coverage_source"))
    source_ref: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by: Mapped[str | None] = mapped_column(String(64))
    cancel_reason: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_worker_status_event_worker_date", "worker_id", "effective_date"),)


__all__ = ["CoveragePeriod", "WorkerStatusEvent"]
