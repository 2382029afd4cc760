"""A name search's matches sorted by name from a small index, not from the worker rows.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

``ix_worker_id_name_key`` on ``worker (id, name_key)``: the trigram index gives a name
search its matching ids, and sorting them by name needs each match's ``name_key``. Read
from the worker table that is one wide row per match (~5 µs each on 150,000 workers, the
page of a 5,000-match search took ~15 ms); read from this index, which holds nothing
else, the same sort takes ~2 ms (SQLite, which the search names ``INDEXED BY``: its
planner, without ANALYZE, always prefers the table). Both engines have it, so the models
describe one schema; PostgreSQL can answer the same look-up with an index-only scan.

Index only: no table, column or trigger changes, so nothing to secure or backfill (the
index is built from the existing rows).
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_worker_id_name_key", "worker", ["id", "name_key"])


def downgrade() -> None:
    op.drop_index("ix_worker_id_name_key", table_name="worker")
