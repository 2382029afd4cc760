"""Official documents: signatories, the outgoing-letter register, frozen PDFs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the documents work (issue 6)


def downgrade() -> None:
    pass
