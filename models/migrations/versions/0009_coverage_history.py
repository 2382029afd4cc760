"""Coverage history: periods of coverage and dated status events, moved from the worker row.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Every worker with a coverage start or end gets one period (funding and KPJ from the
worker); a worker with only an end starts on the day they were entered (or the end,
if earlier), marked ``source_ref = 'mulai-tidak-tercatat'``. A worker with neither has
no period: from now on they are "Belum terlindungi" everywhere. BPJS's list of billed
participants gets a ``tmt`` column (the start of coverage BPJS returns). An inactive or
deceased worker gets one status event on their status date (without one: the day the
row was last changed, said so in the reason); the event ends the period it cuts on
that day, keeping the planned end, or empties a period that starts after it.

The worker's own columns stay as the cache of the current state that
``services/coverage_history`` writes; the downgrade puts the latest period back in them.

On PostgreSQL both tables follow the worker's kecamatan limit (row-level security)
and are kept by operators and administrators; verifikators and viewers read them.
Status events are never deleted: only their cancellation columns can change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Frozen copy of models.base.NAMING_CONVENTION.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
NEW_TABLES = ("worker_status_event", "coverage_period")
FUNDING = ["apbd_kab", "apbd_prov", "dana_desa", "mandiri"]
STATUSES = ["aktif", "nonaktif", "meninggal"]
SOURCES = ["import", "bpjs", "clerk", "migration", "status", "claim"]
START_UNKNOWN = "mulai-tidak-tercatat"
ACTOR = "migrasi 0009"
CHUNK = 5_000


def _code_enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def number_text(length: int) -> sa.String:
    # Identity numbers compare byte-wise on PostgreSQL (see models.base.number_text).
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    sa.Table(
        "worker",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kpj", sa.String(20)),
        sa.Column("funding", sa.String(16)),
        sa.Column("coverage_start", sa.Date),
        sa.Column("coverage_end", sa.Date),
        sa.Column("status", sa.String(16)),
        sa.Column("status_reason", sa.String(200)),
        sa.Column("status_date", sa.Date),
        sa.Column("created_at", ts),
        sa.Column("updated_at", ts),
    )
    sa.Table(
        "worker_status_event",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "worker_id",
            sa.Integer,
            sa.ForeignKey("worker.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", _code_enum("status", STATUSES), nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("reason", sa.String(200)),
        sa.Column("source", _code_enum("coverage_source", SOURCES), nullable=False),
        sa.Column("source_ref", sa.String(60)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("cancelled_at", ts),
        sa.Column("cancelled_by", sa.String(64)),
        sa.Column("cancel_reason", sa.String(200)),
        sa.Index("ix_worker_status_event_worker_date", "worker_id", "effective_date"),
    )
    sa.Table(
        "coverage_period",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "worker_id",
            sa.Integer,
            sa.ForeignKey("worker.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        sa.Column("funding", _code_enum("funding", FUNDING), nullable=False),
        sa.Column("kpj", number_text(20)),
        sa.Column("source", _code_enum("coverage_source", SOURCES), nullable=False),
        sa.Column("source_ref", sa.String(60)),
        sa.Column("planned_end", sa.Date),
        sa.Column(
            "ended_by_event_id",
            sa.Integer,
            sa.ForeignKey("worker_status_event.id", ondelete="SET NULL"),
        ),
        sa.Column(
            "opened_by_event_id",
            sa.Integer,
            sa.ForeignKey("worker_status_event.id", ondelete="SET NULL"),
        ),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.Index("ix_coverage_period_worker_dates", "worker_id", "start_date", "end_date"),
        sa.Index("ix_coverage_period_source", "source", "source_ref"),
    )


WRITERS = "sirentan_admin, sirentan_operator"
READERS = "sirentan_verifikator, sirentan_viewer"
GROUPS = f"{WRITERS}, {READERS}"


def _policy(table: str) -> str:
    condition = f"EXISTS (SELECT 1 FROM worker w WHERE w.id = {table}.worker_id)"
    return f"CREATE POLICY {table}_visible ON {table} USING ({condition}) WITH CHECK ({condition})"


POSTGRESQL = [
    *(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in NEW_TABLES),
    *(_policy(table) for table in NEW_TABLES),
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON coverage_period TO {WRITERS}",
    f"GRANT SELECT, INSERT ON worker_status_event TO {WRITERS}",
    # A status event is history: only its cancellation is ever written afterwards.
    f"GRANT UPDATE (cancelled_at, cancelled_by, cancel_reason) ON worker_status_event TO {WRITERS}",
    f"GRANT USAGE ON SEQUENCE coverage_period_id_seq, worker_status_event_id_seq TO {WRITERS}",
    f"GRANT SELECT ON coverage_period, worker_status_event TO {READERS}",
]


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    # BPJS's list of participants may carry the TMT (start of coverage) of each row.
    with op.batch_alter_table("bpjs_list_entry", recreate="never") as batch:
        batch.add_column(sa.Column("tmt", sa.Date))
    _move_history(bind, meta)
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def _local_day(value: datetime | None) -> date | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().date()


def _move_history(bind: sa.Connection, meta: sa.MetaData) -> None:
    worker = meta.tables["worker"]
    events = meta.tables["worker_status_event"]
    periods = meta.tables["coverage_period"]
    now = datetime.now(UTC)
    rows = bind.execute(
        sa.select(worker).where(
            sa.or_(
                worker.c.coverage_start.is_not(None),
                worker.c.coverage_end.is_not(None),
                worker.c.status != "aktif",
            )
        )
    ).all()
    event_rows = []
    for w in rows:
        if w.status == "aktif":
            continue
        effective = w.status_date
        reason = w.status_reason
        if effective is None:
            effective = _local_day(w.updated_at) or _local_day(w.created_at) or now.date()
            note = "tanggal status tidak tercatat; diambil dari tanggal perubahan terakhir"
            reason = f"{reason} ({note})" if reason else note.capitalize()
        event_rows.append(
            {
                "worker_id": w.id,
                "status": w.status,
                "effective_date": effective,
                "reason": (reason or None) and reason[:200],
                "source": "migration",
                "source_ref": None,
                "created_at": now,
                "created_by": ACTOR,
            }
        )
    for start in range(0, len(event_rows), CHUNK):
        bind.execute(events.insert(), event_rows[start : start + CHUNK])
    event_of = {
        r.worker_id: (r.id, r.effective_date)
        for r in bind.execute(
            sa.select(events.c.id, events.c.worker_id, events.c.effective_date)
        ).all()
    }
    period_rows = []
    for w in rows:
        if w.coverage_start is None and w.coverage_end is None:
            continue
        start, source_ref = w.coverage_start, None
        if start is None:
            entered = _local_day(w.created_at) or w.coverage_end
            start, source_ref = min(entered, w.coverage_end), START_UNKNOWN
        row: dict[str, Any] = {
            "worker_id": w.id,
            "start_date": start,
            "end_date": w.coverage_end,
            "funding": w.funding,
            "kpj": w.kpj,
            "source": "migration",
            "source_ref": source_ref,
            "planned_end": None,
            "ended_by_event_id": None,
            "opened_by_event_id": None,
            "created_at": now,
            "created_by": ACTOR,
            "updated_at": now,
            "updated_by": ACTOR,
        }
        if w.id in event_of:
            event_id, effective = event_of[w.id]
            cut = _cut_end(start, w.coverage_end, effective)
            if cut is not None:
                row.update(end_date=cut, planned_end=w.coverage_end, ended_by_event_id=event_id)
        period_rows.append(row)
    for start in range(0, len(period_rows), CHUNK):
        bind.execute(periods.insert(), period_rows[start : start + CHUNK])
    # The worker's cache holds its current period with its effective end; a period
    # emptied by an earlier status event is no current period.
    cache = [
        {
            "wid": r["worker_id"],
            "start": None if _empty(r) else r["start_date"],
            "end": None if _empty(r) else r["end_date"],
        }
        for r in period_rows
        if r["ended_by_event_id"] is not None or r["source_ref"] == START_UNKNOWN
    ]
    if cache:
        bind.execute(
            worker.update()
            .where(worker.c.id == sa.bindparam("wid"))
            .values(coverage_start=sa.bindparam("start"), coverage_end=sa.bindparam("end")),
            cache,
        )


def _empty(period: dict[str, Any]) -> bool:
    end = period["end_date"]
    return end is not None and end < period["start_date"]


def _cut_end(start: date, end: date | None, effective: date) -> date | None:
    """The end a status event on ``effective`` gives a period; None when it does not cut it."""
    if end is not None and end < effective:
        return None  # over before the event
    if start > effective:
        return start - timedelta(days=1)  # emptied: it never began
    return effective


def downgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    _restore_worker_fields(bind, meta)
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {', '.join(NEW_TABLES)} FROM {GROUPS}")
    op.drop_table("coverage_period")
    op.drop_table("worker_status_event")
    with op.batch_alter_table("bpjs_list_entry", recreate="never") as batch:
        batch.drop_column("tmt")


def _restore_worker_fields(bind: sa.Connection, meta: sa.MetaData) -> None:
    """One pair of dates per worker again: the latest period, with its planned end."""
    periods = meta.tables["coverage_period"]
    worker = meta.tables["worker"]
    latest: dict[int, Any] = {}
    for p in bind.execute(sa.select(periods).order_by(periods.c.start_date, periods.c.id)):
        latest[p.worker_id] = p
    rows = [
        {
            "wid": worker_id,
            "start": None if p.source_ref == START_UNKNOWN else p.start_date,
            "end": p.planned_end if p.ended_by_event_id is not None else p.end_date,
            "funding": p.funding,
        }
        for worker_id, p in latest.items()
    ]
    if rows:
        bind.execute(
            worker.update()
            .where(worker.c.id == sa.bindparam("wid"))
            .values(
                coverage_start=sa.bindparam("start"),
                coverage_end=sa.bindparam("end"),
                funding=sa.bindparam("funding"),
            ),
            rows,
        )
    # Workers with no period had no dates.
    bind.execute(
        worker.update()
        .where(~sa.exists().where(periods.c.worker_id == worker.c.id))
        .values(coverage_start=None, coverage_end=None)
    )
