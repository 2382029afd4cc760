"""Signatories: the basis of their authority, a Kepala Dinas's delegation and their office's
address, so an agreement names them from the record instead of leaving blanks.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-07

Plain nullable columns: ``ADD COLUMN`` on both engines, no table copy. On PostgreSQL the
table-wide grants of migration 0005 cover the new columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = (("authority", 300), ("delegation", 300), ("office_address", 200))


def upgrade() -> None:
    for name, length in COLUMNS:
        op.add_column("signatory", sa.Column(name, sa.String(length)))


def downgrade() -> None:
    with op.batch_alter_table("signatory", recreate="never") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
