"""Participant cards: print batches, the cards printed, their hand-over.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the cards work (issue 5)


def downgrade() -> None:
    pass
