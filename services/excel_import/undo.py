"""Undoing a whole import batch while none of its workers has changed since.

A worker the batch inserted is deleted; a worker it updated gets its old
values back (kept in the batch rows). If any of them was edited, merged or
deleted after the import, undo refuses and names them: undoing would
silently throw that later work away.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, and_, bindparam, delete, select, update
from sqlalchemy.orm import Session

from models import ImportBatch, ImportBatchRow, TwinReview, Worker
from models.base import utc_now
from models.enums import BatchStatus, FundingSource, Gender, RowAction
from models.text_keys import name_phonetic
from services.audit.trail import ACTOR_KEY, record_event, set_note
from services.core.context import ServiceContext
from services.core.errors import ConflictError, NotFoundError, SiRentanError
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work
from services.excel_import import periods
from services.excel_import.batches import ACTION_UNDO, STATUS_LABELS
from services.excel_import.bulk import chunks
from services.excel_import.periods import PERIODS_KEY
from services.excel_import.types import UndoResult

_SHOWN_CHANGED = 5
_DATES = {"birth_date", "coverage_start"}
_ENUMS = {"gender": Gender, "funding": FundingSource}


def undo_import(ctx: ServiceContext, batch_id: int) -> UndoResult:
    ctx.require(Permission.IMPORT)
    with unit_of_work(ctx) as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError(f"Impor #{batch_id} tidak ditemukan.")
        if batch.status is not BatchStatus.COMMITTED:
            raise SiRentanError(
                f"Impor #{batch_id} tidak dapat dibatalkan: statusnya "
                f"{STATUS_LABELS[batch.status]}."
            )
        set_note(session, f"pembatalan impor #{batch_id}")
        rows = _rows_with_current_state(session, batch_id)
        _refuse_if_changed(batch, rows)
        now = utc_now()
        session.execute(delete(TwinReview).where(TwinReview.batch_id == batch_id))
        deleted = _delete_inserted(
            session, batch, [r for r in rows if r.action == RowAction.INSERT]
        )
        updated_rows = [r for r in rows if r.action == RowAction.UPDATE]
        changed_periods = [
            item for r in updated_rows for item in json.loads(r.before or "{}").get(PERIODS_KEY, [])
        ]
        periods.undo_batch(session.connection(), batch_id, changed_periods)
        restored = _restore_updated(session, batch, updated_rows, now)
        periods.refresh_caches(session.connection(), (r.worker_id for r in updated_rows))
        batch.status = BatchStatus.UNDONE
        batch.undone_at, batch.undone_by = now, ctx.user_name
        record_event(
            session,
            ACTION_UNDO,
            "import_batch",
            batch.id,
            f"Impor {batch.file_name} dibatalkan: {deleted} dihapus, {restored} dipulihkan"[:300],
        )
    return UndoResult(batch_id, deleted, restored)


def _rows_with_current_state(session: Session, batch_id: int) -> list[Any]:
    rows = ImportBatchRow.__table__
    worker = Worker.__table__
    statement = (
        select(
            rows.c.row_number,
            rows.c.worker_id,
            rows.c.nik,
            rows.c.action,
            rows.c.version_after,
            rows.c.updated_at_after,
            rows.c.before,
            worker.c.id.label("current_id"),
            worker.c.version.label("current_version"),
            worker.c.updated_at.label("current_updated_at"),
        )
        .select_from(rows.outerjoin(worker, worker.c.id == rows.c.worker_id))
        .where(rows.c.batch_id == batch_id)
        .order_by(rows.c.id)
    )
    return list(session.execute(statement))


def _refuse_if_changed(batch: ImportBatch, rows: list[Any]) -> None:
    changed = [
        r
        for r in rows
        if r.current_id is None
        or r.current_version != r.version_after
        or r.current_updated_at != r.updated_at_after
    ]
    if not changed:
        return
    shown = ", ".join(f"NIK {r.nik} (baris {r.row_number})" for r in changed[:_SHOWN_CHANGED])
    more = f" dan {len(changed) - _SHOWN_CHANGED} lainnya" if len(changed) > _SHOWN_CHANGED else ""
    raise ConflictError(
        f"Impor #{batch.id} ({batch.file_name}) tidak dapat dibatalkan karena {len(changed)} "
        f"peserta sudah diubah, digabung atau dihapus setelah impor: {shown}{more}. "
        "Perbaiki data itu satu per satu bila perlu."
    )


def _delete_inserted(session: Session, batch: ImportBatch, rows: list[Any]) -> int:
    table = Worker.__table__
    ids = [r.worker_id for r in rows]
    for part in chunks(ids):
        session.execute(delete(table).where(table.c.id.in_(part)))
    return len(ids)


def _restore_updated(session: Session, batch: ImportBatch, rows: list[Any], now: Any) -> int:
    table = Worker.__table__
    user, _ = session.info.get(ACTOR_KEY, (None, None))
    groups: dict[tuple[str, ...], list[tuple[Any, dict[str, Any]]]] = defaultdict(list)
    for row in rows:
        old = json.loads(row.before or "{}")
        old.pop(PERIODS_KEY, None)
        if "full_name" in old and "name_phonetic" not in old:
            # A batch imported before the phonetic key existed (migration 0015).
            old["name_phonetic"] = name_phonetic(old["full_name"])
        groups[tuple(sorted(old))].append((row, old))
    for columns, members in groups.items():
        values: dict[Any, Any] = {table.c[n]: bindparam(f"v_{n}") for n in columns}
        values |= {
            table.c.version: bindparam("w_new_version"),
            table.c.updated_at: bindparam("w_now"),
            table.c.updated_by: bindparam("w_user"),
        }
        statement = (
            update(table)
            .where(and_(table.c.id == bindparam("w_id"), table.c.version == bindparam("w_version")))
            .values(values)
        )
        for part in chunks(members):
            params = [
                {
                    **{f"v_{n}": _restore(n, old[n]) for n in columns},
                    "w_id": r.worker_id,
                    "w_version": r.version_after,
                    "w_new_version": r.version_after + 1,
                    "w_now": now,
                    "w_user": user,
                }
                for r, old in part
            ]
            done = cast(CursorResult[Any], session.execute(statement, params))
            if done.rowcount != len(part):
                raise ConflictError(
                    "Peserta dari impor ini baru saja diubah pengguna lain; pembatalan tidak "
                    "disimpan. Coba lagi."
                )
    return len(rows)


def _restore(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _DATES:
        return date.fromisoformat(value)
    if name in _ENUMS:
        return _ENUMS[name](value)
    return value
