"""Imports: batches, the rows they wrote, remembered column mappings, twin reviews.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

On PostgreSQL, operators and administrators run imports; a verifikator reads
batches and may approve one (only the approval columns) and decide twin
reviews; a viewer sees that batches happened (no NIKs, no old values).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NEW_TABLES = ("import_batch", "import_batch_row", "import_column_map", "twin_review")


def number_text(length: int) -> sa.String:
    # Identity numbers compare byte-wise on PostgreSQL (see models.base.number_text).
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _code_enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    # Only as targets of foreign keys; earlier migrations made the real tables.
    sa.Table("worker", meta, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "import_batch",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("sheet_name", sa.String(100)),
        sa.Column("options_key", sa.String(64), nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("on_existing", _code_enum("on_existing", ["skip", "update"]), nullable=False),
        sa.Column(
            "status",
            _code_enum("batch_status", ["pending", "approved", "committed", "undone"]),
            nullable=False,
        ),
        sa.Column("needs_approval", sa.Boolean, nullable=False),
        *(
            sa.Column(name, sa.Integer, nullable=False)
            for name in (
                "data_rows",
                "new_count",
                "update_count",
                "warning_count",
                "rejected_count",
                "ignored_count",
                "inserted_count",
                "updated_count",
            )
        ),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("approved_at", ts),
        sa.Column("approved_by", sa.String(64)),
        sa.Column("committed_at", ts),
        sa.Column("committed_by", sa.String(64)),
        sa.Column("undone_at", ts),
        sa.Column("undone_by", sa.String(64)),
    )
    sa.Table(
        "import_batch_row",
        meta,
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "batch_id",
            sa.Integer,
            sa.ForeignKey("import_batch.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column(
            "worker_id", sa.Integer, sa.ForeignKey("worker.id", ondelete="SET NULL"), index=True
        ),
        sa.Column("nik", number_text(16), nullable=False),
        sa.Column("action", _code_enum("row_action", ["insert", "update"]), nullable=False),
        sa.Column("version_after", sa.Integer, nullable=False),
        sa.Column("updated_at_after", ts, nullable=False),
        sa.Column("before", sa.Text),
    )
    sa.Table(
        "import_column_map",
        meta,
        sa.Column("signature", sa.String(64), primary_key=True),
        sa.Column("headers", sa.Text, nullable=False),
        sa.Column("mapping", sa.Text, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
    )
    sa.Table(
        "twin_review",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "worker_id", sa.Integer, sa.ForeignKey("worker.id", ondelete="SET NULL"), index=True
        ),
        sa.Column(
            "other_worker_id",
            sa.Integer,
            sa.ForeignKey("worker.id", ondelete="SET NULL"),
            index=True,
        ),
        sa.Column("worker_nik", number_text(16), nullable=False),
        sa.Column("other_nik", number_text(16), nullable=False),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column(
            "batch_id",
            sa.Integer,
            sa.ForeignKey("import_batch.id", ondelete="SET NULL"),
            index=True,
        ),
        sa.Column(
            "status",
            _code_enum("twin_status", ["open", "different", "merged"]),
            nullable=False,
        ),
        sa.Column("note", sa.String(200)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("decided_at", ts),
        sa.Column("decided_by", sa.String(64)),
        sa.UniqueConstraint("worker_nik", "other_nik"),
    )


WRITERS = "sirentan_admin, sirentan_operator"

POSTGRESQL = [
    f"GRANT SELECT, INSERT, UPDATE ON import_batch, import_column_map, twin_review TO {WRITERS}",
    # Rows are written once and read by undo; nobody edits or deletes them.
    f"GRANT SELECT, INSERT ON import_batch_row TO {WRITERS}",
    f"GRANT DELETE ON twin_review TO {WRITERS}",
    "GRANT USAGE ON SEQUENCE import_batch_id_seq, import_batch_row_id_seq, twin_review_id_seq "
    f"TO {WRITERS}",
    "GRANT SELECT ON import_batch, twin_review TO sirentan_verifikator",
    "GRANT UPDATE (status, approved_at, approved_by) ON import_batch TO sirentan_verifikator",
    "GRANT UPDATE (status, note, decided_at, decided_by) ON twin_review TO sirentan_verifikator",
    # That imports happened and how large they were; no NIKs, no old values.
    "GRANT SELECT ON import_batch TO sirentan_viewer",
]

GROUPS = "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer"


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {', '.join(NEW_TABLES)} FROM {GROUPS}")
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
