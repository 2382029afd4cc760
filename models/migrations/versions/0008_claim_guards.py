"""Claims: the stored benefit estimate, the event time as a time, and indexes that refuse a
duplicate claim even when two clerks save it in the same second.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24

``claim.estimated_benefit`` is filled for existing claims right after the upgrade by
``services.core.bootstrap.upgrade_schema`` (it needs the claims rules, which a migration must not
import).

On SQLite the time column is replaced in place (add, copy, drop, rename) rather than by
batch mode's copy of the whole table: with foreign keys on, dropping the old ``claim``
table would cascade and delete every claim's heirs, documents and history.
On PostgreSQL the column changes type, which keeps the viewer's column grant on it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NOT_VOIDED = "status NOT IN ('dibatalkan', 'ditolak')"
DEATH = "(claim_type = 'jkm' OR jkk_outcome = 'meninggal')"
# The estimate is as public as the eligibility it comes with (migration 0006's lists).
POSTGRESQL = [
    "GRANT SELECT (estimated_benefit) ON claim TO sirentan_viewer",
    "GRANT UPDATE (estimated_benefit) ON claim TO sirentan_verifikator",
]


def _where(condition: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.add_column("claim", sa.Column("estimated_benefit", sa.BigInteger))
    if postgresql:
        op.alter_column(
            "claim",
            "event_time",
            type_=sa.Time(),
            postgresql_using="NULLIF(event_time, '')::time",
        )
        for statement in POSTGRESQL:
            op.execute(statement)
    else:
        _sqlite_time_column()
    op.create_index(
        "uq_claim_open_event",
        "claim",
        ["worker_id", "claim_type", "event_date"],
        unique=True,
        **_where(NOT_VOIDED),
    )
    op.create_index(
        "uq_claim_one_death",
        "claim",
        ["worker_id"],
        unique=True,
        **_where(f"{DEATH} AND {NOT_VOIDED}"),
    )


def _sqlite_time_column() -> None:
    with op.batch_alter_table("claim", recreate="never") as batch:
        batch.add_column(sa.Column("event_clock", sa.Time))
    # SQLAlchemy keeps a SQLite TIME as "HH:MM:SS.ffffff".
    op.execute(
        sa.text(
            "UPDATE claim SET event_clock = event_time || :seconds "
            "WHERE event_time IS NOT NULL AND event_time <> ''"
        ).bindparams(seconds=":00.000000")
    )
    with op.batch_alter_table("claim", recreate="never") as batch:
        batch.drop_column("event_time")
        batch.alter_column("event_clock", new_column_name="event_time")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.drop_index("uq_claim_one_death", "claim")
    op.drop_index("uq_claim_open_event", "claim")
    if postgresql:
        op.alter_column(
            "claim",
            "event_time",
            type_=sa.String(5),
            postgresql_using="to_char(event_time, 'HH24:MI')",
        )
    else:
        with op.batch_alter_table("claim", recreate="never") as batch:
            batch.add_column(sa.Column("event_text", sa.String(5)))
        op.execute("UPDATE claim SET event_text = substr(event_time, 1, 5)")
        with op.batch_alter_table("claim", recreate="never") as batch:
            batch.drop_column("event_time")
            batch.alter_column("event_text", new_column_name="event_time")
    # Dropping the column drops its column grants with it.
    op.drop_column("claim", "estimated_benefit")
