"""Writing a classified file: bulk Core inserts and updates in chunks, with their batch
rows and twin reviews, all inside the caller's one transaction.

The database's triggers record each worker in the audit trail (on both engines), so a
worker's history reads the same whether a clerk typed it or an import brought it; the
transaction's note names the batch in their summaries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.orm import Session

from models import ImportBatch, ImportBatchRow, TwinReview, Worker
from models.enums import RowAction, TwinDecision, WorkerStatus
from services.audit.trail import ACTOR_KEY, set_note
from services.core.errors import ConflictError
from services.core.progress import Cancel, Progress
from services.excel_import import periods
from services.excel_import.bulk import check_cancel, chunks, member_of
from services.excel_import.classify import Plan, PlannedUpdate

STAGE_INSERT = "Menyimpan peserta baru"
STAGE_UPDATE = "Memperbarui peserta terdaftar"
# SQLite page cache during an import and SQLite's default after it (negative: KiB).
_IMPORT_CACHE_KIB = -65536
_DEFAULT_CACHE_KIB = -2000
# Written through the worker's coverage periods (services/excel_import/periods.py), whose
# latest one the worker row then caches: never set on the worker row directly.
_PERIOD_ONLY = {"coverage_start"}


class BatchWriter:
    def __init__(
        self,
        session: Session,
        batch: ImportBatch,
        now: datetime,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> None:
        self._session = session
        self._connection = session.connection()
        self._batch = batch
        self._now = now
        self._progress = progress
        self._cancel = cancel
        self._user, _ = session.info.get(ACTOR_KEY, (None, None))
        self._sqlite = self._connection.dialect.name == "sqlite"
        self._ids: dict[str, int] = {}
        # The database's triggers record each worker; this names the batch in their entries.
        set_note(session, f"impor #{batch.id}")

    def write(self, plan: Plan) -> tuple[int, int, int]:
        """Inserted, updated, twin pairs recorded."""
        if self._sqlite:
            # The default 2 MB page cache thrashes once the NIK and name indexes outgrow it.
            self._connection.exec_driver_sql(f"PRAGMA cache_size = {_IMPORT_CACHE_KIB}")
        try:
            inserted = self._insert(plan.inserts)
            updated = self._update(plan.updates)
            twins = self._twins(plan)
        finally:
            if self._sqlite:
                self._connection.exec_driver_sql(f"PRAGMA cache_size = {_DEFAULT_CACHE_KIB}")
        return inserted, updated, twins

    # -- inserts ----------------------------------------------------------------------

    def _insert(self, rows: list[tuple[int, dict[str, Any]]]) -> int:
        done = 0
        for part in chunks(rows):
            check_cancel(self._cancel)
            values = [self._new_worker(v) for _, v in part]
            found = self._insert_workers(values)
            ids = [found[v["nik"]] for v in values]
            periods.open_for_inserted(
                self._connection,
                self._batch.id,
                zip(ids, values, strict=True),
                self._user,
                self._now,
            )
            self._batch_rows(
                [
                    self._batch_row(row, worker_id, v["nik"], RowAction.INSERT, 1, None)
                    for (row, _), worker_id, v in zip(part, ids, values, strict=True)
                ]
            )
            self._ids.update((v["nik"], i) for i, v in zip(ids, values, strict=True))
            done += len(part)
            self._report(STAGE_INSERT, done, len(rows))
        return done

    def _insert_workers(self, values: list[dict[str, Any]]) -> dict[str, int]:
        """Insert one chunk; returns each NIK's new id."""
        table = Worker.__table__
        if self._sqlite:
            # RETURNING makes SQLAlchemy send the chunk as a few multi-row INSERTs (2.4x
            # faster than one statement per row); ids come back paired with their NIK, so
            # their order is free (asking for parameter order means one row per statement).
            statement = insert(table).returning(table.c.nik, table.c.id)
            return dict(self._connection.execute(statement, values).all())
        # PostgreSQL runs psycopg's pipelined executemany faster than multi-row INSERTs
        # with every parameter cast; COPY is not allowed here (row-level security).
        self._connection.execute(insert(table), values)
        niks = [v["nik"] for v in values]
        return dict(
            self._connection.execute(
                select(table.c.nik, table.c.id).where(
                    member_of(table.c.nik, niks, self._connection)
                )
            ).all()
        )

    def _new_worker(self, values: dict[str, Any]) -> dict[str, Any]:
        return {
            **values,
            "status": WorkerStatus.ACTIVE,
            "status_reason": None,
            "status_date": None,
            "coverage_end": None,
            "notes": None,
            "created_at": self._now,
            "created_by": self._user,
            "updated_at": self._now,
            "updated_by": self._user,
            "version": 1,
        }

    # -- updates ----------------------------------------------------------------------

    def _update(self, updates: list[PlannedUpdate]) -> int:
        # executemany needs the same columns in every row: one statement per column set.
        groups: dict[tuple[str, ...], list[PlannedUpdate]] = defaultdict(list)
        for planned in updates:
            groups[tuple(sorted(set(planned.new) - _PERIOD_ONLY))].append(planned)
        done = 0
        for columns, members in groups.items():
            statement = _update_statement(columns)
            for part in chunks(members):
                check_cancel(self._cancel)
                params = [self._update_params(p) for p in part]
                result = self._connection.execute(statement, params)
                if result.rowcount != len(part):
                    raise ConflictError(
                        "Sebagian peserta yang akan diperbarui baru saja diubah oleh pengguna "
                        "lain. Tidak ada yang disimpan; jalankan impor sekali lagi."
                    )
                undo = periods.apply_to_updated(
                    self._connection, self._batch.id, part, self._user, self._now
                )
                periods.refresh_caches(self._connection, (p.worker_id for p in part))
                self._batch_rows(
                    [
                        self._batch_row(
                            p.row,
                            p.worker_id,
                            p.nik,
                            RowAction.UPDATE,
                            p.version + 1,
                            p.old
                            | (
                                {periods.PERIODS_KEY: undo[p.worker_id]}
                                if p.worker_id in undo
                                else {}
                            ),
                        )
                        for p in part
                    ]
                )
                done += len(part)
                self._report(STAGE_UPDATE, done, len(updates))
        return done

    def _update_params(self, planned: PlannedUpdate) -> dict[str, Any]:
        return {
            **{f"v_{k}": v for k, v in planned.new.items() if k not in _PERIOD_ONLY},
            "w_id": planned.worker_id,
            "w_version": planned.version,
            "w_new_version": planned.version + 1,
            "w_now": self._now,
            "w_user": self._user,
        }

    # -- twins ------------------------------------------------------------------------

    def _twins(self, plan: Plan) -> int:
        if not plan.twins:
            return 0
        known = self._known_ids({t.other_nik for t in plan.twins} | {t.nik for t in plan.twins})
        recorded = self._recorded_pairs({t.nik for t in plan.twins})
        rows = []
        for twin in plan.twins:
            if frozenset((twin.nik, twin.other_nik)) in recorded:
                continue
            recorded.add(frozenset((twin.nik, twin.other_nik)))
            rows.append(
                {
                    "worker_id": known.get(twin.nik),
                    "other_worker_id": known.get(twin.other_nik),
                    "worker_nik": twin.nik,
                    "other_nik": twin.other_nik,
                    "full_name": twin.full_name,
                    "birth_date": twin.birth_date,
                    "village_code": twin.village_code,
                    "batch_id": self._batch.id,
                    "status": TwinDecision.OPEN,
                    "created_at": self._now,
                    "created_by": self._user,
                }
            )
        if rows:
            self._connection.execute(insert(TwinReview.__table__), rows)
        return len(rows)

    def _known_ids(self, niks: set[str]) -> dict[str, int]:
        known = {n: i for n, i in self._ids.items() if n in niks}
        missing = sorted(niks - set(known))
        for part in chunks(missing):
            rows = self._connection.execute(
                select(Worker.nik, Worker.id).where(member_of(Worker.nik, part, self._connection))
            )
            known.update((nik, worker_id) for nik, worker_id in rows)
        return known

    def _recorded_pairs(self, niks: set[str]) -> set[frozenset[str]]:
        pairs: set[frozenset[str]] = set()
        table = TwinReview.__table__
        for part in chunks(sorted(niks)):
            rows = self._connection.execute(
                select(table.c.worker_nik, table.c.other_nik).where(
                    member_of(table.c.worker_nik, part, self._connection)
                    | member_of(table.c.other_nik, part, self._connection)
                )
            )
            pairs.update(frozenset(r) for r in rows)
        return pairs

    # -- shared -----------------------------------------------------------------------

    def _batch_row(
        self,
        row: int,
        worker_id: int,
        nik: str,
        action: RowAction,
        version_after: int,
        before: dict[str, Any] | None,
    ) -> dict[str, Any]:
        return {
            "batch_id": self._batch.id,
            "row_number": row,
            "worker_id": worker_id,
            "nik": nik,
            "action": action,
            "version_after": version_after,
            "updated_at_after": self._now,
            "before": None if before is None else json.dumps(_json_dict(before)),
        }

    def _batch_rows(self, rows: list[dict[str, Any]]) -> None:
        self._bulk(ImportBatchRow.__table__, rows)

    def _bulk(self, table: Any, rows: list[dict[str, Any]]) -> None:
        """Rows for the side tables. On PostgreSQL they are under row-level security, which
        refuses COPY: multi-row INSERTs of _BULK_ROWS each (one audit entry per statement)."""
        if not rows:
            return
        if self._sqlite:
            self._connection.execute(insert(table).returning(table.c.id), rows)
            return
        for start in range(0, len(rows), _BULK_ROWS):
            part = [_plain_row(row) for row in rows[start : start + _BULK_ROWS]]
            self._connection.execute(insert(table).values(part))

    def _report(self, stage: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(stage, done, total)


# Rows per multi-row INSERT on PostgreSQL: well below the protocol's 65,535 parameters.
_BULK_ROWS = 1000


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in row.items()}


def _update_statement(columns: tuple[str, ...]) -> Any:
    table = Worker.__table__
    values: dict[Any, Any] = {table.c[name]: bindparam(f"v_{name}") for name in columns}
    values |= {
        table.c.version: bindparam("w_new_version"),
        table.c.updated_at: bindparam("w_now"),
        table.c.updated_by: bindparam("w_user"),
    }
    condition = and_(table.c.id == bindparam("w_id"), table.c.version == bindparam("w_version"))
    return update(table).where(condition).values(values)


def _json(value: Any) -> Any:
    kind = value.__class__
    if kind is str or kind is int or value is None:  # most values: nothing to do
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _json_dict(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _json(v) for k, v in values.items()}
