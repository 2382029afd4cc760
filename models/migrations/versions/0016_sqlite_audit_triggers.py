"""SQLite's audit trail written by the database: triggers on every audited table.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

SQLite only (on PostgreSQL migration 0012's triggers write the trail already): AFTER INSERT,
UPDATE and DELETE triggers on the tables 0012 audits record old and new values as JSON, the
clerk and workstation the app gives its connection (models.sqlite_audit) or "(tanpa
aplikasi)" for any other client, and the database's clock. The app's flush listener, which
saw only changes made through the ORM (not cascades, not raw clients), is gone.

Later migrations that add or rebuild a table, or add a column to an audited one, call
``models.sqlite_audit.secure_sqlite_tables(op.get_bind())`` on SQLite, as they call
``sirentan_secure_worker_tables()`` on PostgreSQL.
"""

from __future__ import annotations

from alembic import op

from models.sqlite_audit import drop_sqlite_triggers, secure_sqlite_tables

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        secure_sqlite_tables(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        drop_sqlite_triggers(bind)
