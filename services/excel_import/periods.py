"""An import's coverage: the periods its rows open or change, and their undo.

A new worker with a "Mulai kepesertaan"/TMT date gets an open period from it
(source ``import``, ``source_ref`` the batch id). A registered worker gets one too
when they have none or their last period ended before the date; a different start
of their current period moves that start; a new funding source goes onto it. What
an update changed in an existing period is kept in the batch row (``_periods``), so
undoing the import deletes the batch's periods and puts the changed ones back.
The worker row's cache of its current period is refreshed here in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from models import CoveragePeriod, Worker
from models.enums import CoverageSource
from services.excel_import.bulk import chunks
from services.excel_import.classify import PlannedUpdate

PERIODS_KEY = "_periods"  # in a batch row's "before": period changes to undo
_LATEST = date(9999, 12, 31)


def _base(batch_id: int, user: str | None, now: datetime) -> dict[str, Any]:
    return {
        "end_date": None,
        "source": CoverageSource.IMPORT,
        "source_ref": str(batch_id),
        "planned_end": None,
        "ended_by_event_id": None,
        "opened_by_event_id": None,
        "created_at": now,
        "created_by": user,
        "updated_at": now,
        "updated_by": user,
    }


def open_for_inserted(
    connection: Connection,
    batch_id: int,
    rows: Iterable[tuple[int, dict[str, Any]]],
    user: str | None,
    now: datetime,
) -> None:
    """An open period for every new worker whose row gave a coverage start."""
    base = _base(batch_id, user, now)
    periods = [
        base
        | {
            "worker_id": worker_id,
            "start_date": v["coverage_start"],
            "funding": v["funding"],
            "kpj": v.get("kpj"),
        }
        for worker_id, v in rows
        if v.get("coverage_start") is not None
    ]
    if periods:
        connection.execute(insert(CoveragePeriod.__table__), periods)


def apply_to_updated(
    connection: Connection,
    batch_id: int,
    updates: list[PlannedUpdate],
    user: str | None,
    now: datetime,
) -> dict[int, list[dict[str, Any]]]:
    """Open or change periods for updated workers; returns per worker what to undo."""
    wanted = [u for u in updates if "coverage_start" in u.new or "funding" in u.new]
    if not wanted:
        return {}
    table = CoveragePeriod.__table__
    ids = [u.worker_id for u in wanted]
    by_worker: dict[int, list[Any]] = {}
    for row in connection.execute(
        select(table).where(table.c.worker_id.in_(ids)).order_by(table.c.start_date, table.c.id)
    ):
        if row.end_date is None or row.end_date >= row.start_date:
            by_worker.setdefault(row.worker_id, []).append(row)
    fundings = dict(
        connection.execute(select(Worker.id, Worker.funding).where(Worker.id.in_(ids))).all()
    )
    base = _base(batch_id, user, now)
    opened: list[dict[str, Any]] = []
    undo: dict[int, list[dict[str, Any]]] = {}
    for planned in wanted:
        real = by_worker.get(planned.worker_id, [])
        latest = real[-1] if real else None
        start = planned.new.get("coverage_start")
        funding = planned.new.get("funding") or fundings[planned.worker_id]
        kpj = planned.new.get("kpj")
        if start is not None and (
            latest is None or (latest.end_date is not None and latest.end_date < start)
        ):
            opened.append(
                base
                | {"worker_id": planned.worker_id, "start_date": start, "funding": funding}
                | {"kpj": kpj}
            )
            continue
        if latest is None or latest.ended_by_event_id is not None:
            continue  # a period a status change cut belongs to that change
        change: dict[str, Any] = {}
        earlier_end = real[-2].end_date if len(real) > 1 else None
        if (
            start is not None
            and start != latest.start_date
            and (latest.end_date is None or start <= latest.end_date)
            and (earlier_end is None or earlier_end < start)
        ):
            change["start_date"] = start
        if "funding" in planned.new and planned.new["funding"] != latest.funding:
            change["funding"] = planned.new["funding"]
        if not change:
            continue
        connection.execute(
            update(table)
            .where(table.c.id == latest.id)
            .values(**change, updated_at=now, updated_by=user)
        )
        undo[planned.worker_id] = [
            {"id": latest.id, **{k: _plain(getattr(latest, k)) for k in change}}
        ]
    if opened:
        connection.execute(insert(table), opened)
    return undo


def undo_batch(connection: Connection, batch_id: int, changed: list[dict[str, Any]]) -> None:
    """Delete the periods the batch opened; put the ones it changed back."""
    table = CoveragePeriod.__table__
    connection.execute(
        delete(table).where(
            table.c.source == CoverageSource.IMPORT, table.c.source_ref == str(batch_id)
        )
    )
    for item in changed:
        values = {k: _restored(k, v) for k, v in item.items() if k != "id"}
        connection.execute(update(table).where(table.c.id == item["id"]).values(**values))


def refresh_caches(connection: Connection, worker_ids: Iterable[int]) -> None:
    """The worker rows' copy of their latest period (start, end, funding), in bulk."""
    ids = sorted(set(worker_ids))
    if not ids:
        return
    w = Worker.__table__
    p = CoveragePeriod.__table__.alias("latest_period")

    def latest(column: Any) -> Any:
        return (
            select(column)
            .where(
                p.c.worker_id == w.c.id,
                func.coalesce(p.c.end_date, _LATEST) >= p.c.start_date,
            )
            .order_by(p.c.start_date.desc(), p.c.id.desc())
            .limit(1)
            .scalar_subquery()
        )

    statement = (
        update(w)
        .where(w.c.id.in_(bindparam("ids", expanding=True)))
        .values(
            coverage_start=latest(p.c.start_date),
            coverage_end=latest(p.c.end_date),
            funding=func.coalesce(latest(p.c.funding), w.c.funding),
        )
    )
    for part in chunks(ids):
        connection.execute(statement, {"ids": part})


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def _restored(name: str, value: Any) -> Any:
    if name in {"start_date", "end_date"} and value is not None:
        return date.fromisoformat(value)
    return value
