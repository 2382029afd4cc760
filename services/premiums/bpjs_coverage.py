"""What BPJS's returned list says about coverage: each matched row's KPJ and TMT
(tanggal mulai tertanggung) open or move the worker's coverage period.

Rows that already agree with the register cost nothing (one bulk read); the others go
through ``services.coverage_history`` one worker at a time, with its checks. A row
the history refuses (a death before the TMT, an overlap) is reported, not forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CoveragePeriod, Worker
from models.enums import CoverageSource
from models.premium import BpjsListEntry
from services import coverage_history
from services.core.errors import ValidationError
from services.coverage_history.periods import is_empty, worker_periods
from services.text.formatting import long_date


@dataclass
class Registration:
    periods_opened: int = 0
    periods_moved: int = 0
    kpj_recorded: int = 0
    refused: list[str] = field(default_factory=list)


def apply_registrations(session: Session, list_id: int, actor: str | None) -> Registration:
    """Open or move periods and record KPJs from a stored, matched list."""
    e = BpjsListEntry.__table__
    rows = session.execute(
        select(e.c.row_number, e.c.worker_id, e.c.kpj, e.c.tmt)
        .where(e.c.list_id == list_id, e.c.worker_id.is_not(None))
        .where((e.c.tmt.is_not(None)) | (e.c.kpj.is_not(None)))
        .order_by(e.c.row_number)
    ).all()
    ids = sorted({r.worker_id for r in rows})
    covered = _starts(session, ids)
    kpjs = dict(session.execute(select(Worker.id, Worker.kpj).where(Worker.id.in_(ids))).all())
    taken = set(
        session.scalars(select(Worker.kpj).where(Worker.kpj.in_([r.kpj for r in rows if r.kpj])))
    )
    result = Registration()
    ref = f"daftar BPJS #{list_id}"
    for row in rows:
        needs_kpj = row.kpj and not kpjs.get(row.worker_id) and row.kpj not in taken
        needs_period = row.tmt is not None and row.tmt not in covered.get(row.worker_id, ())
        if not (needs_kpj or needs_period):
            continue
        worker = session.get(Worker, row.worker_id)
        if worker is None:
            continue
        if needs_kpj:
            worker.kpj = row.kpj
            taken.add(row.kpj)
            result.kpj_recorded += 1
        if needs_period:
            try:
                moved = _register(session, worker, row.tmt, row.kpj, ref, actor)
            except ValidationError as error:
                texts = "; ".join(p.text for p in error.problems)
                who = f"{worker.full_name}, TMT {long_date(row.tmt)}"
                result.refused.append(f"Baris {row.row_number} ({who}): {texts}")
                continue
            if moved:
                result.periods_moved += 1
            else:
                result.periods_opened += 1
    session.flush()
    return result


def _starts(session: Session, ids: list[int]) -> dict[int, set[date]]:
    """Per worker the days a TMT needs no change on: the first day of a period."""
    p = CoveragePeriod.__table__
    starts: dict[int, set[date]] = {}
    for worker_id, start in session.execute(
        select(p.c.worker_id, p.c.start_date).where(p.c.worker_id.in_(ids))
    ):
        starts.setdefault(worker_id, set()).add(start)
    return starts


def _register(
    session: Session, worker: Worker, tmt: date, kpj: str | None, ref: str, actor: str | None
) -> bool:
    """True when an existing period's start moved to the TMT, False when one was opened."""
    real = [p for p in worker_periods(session, worker.id) if not is_empty(p)]
    latest: Any = real[-1] if real else None
    # BPJS's TMT for the current period: that period starts then (unless cut by a status).
    if (
        latest is not None
        and latest.ended_by_event_id is None
        and (latest.end_date is None or tmt <= latest.end_date)
        and (len(real) < 2 or (real[-2].end_date or date.max) < tmt)
    ):
        coverage_history.change_period(session, worker, latest, start=tmt, actor=actor)
        latest.source_ref = latest.source_ref or ref
        return True
    coverage_history.open_period(
        session, worker, tmt, kpj=kpj, source=CoverageSource.BPJS, source_ref=ref, actor=actor
    )
    return False
