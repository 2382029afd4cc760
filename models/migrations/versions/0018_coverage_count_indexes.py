"""Coverage counts read indexes alone: the period's funding joins its dates in the index.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

``ix_coverage_period_worker_dates`` (worker, start, end) becomes
``ix_coverage_period_worker_span`` (worker, start, end, funding): "covered on D, funded by
whom" and a month's count joined to the worker read the index without the table rows.
``ix_coverage_period_funding_span`` (funding, start, end, worker) lets the whole-register
month counts (Beranda's twelve months, the premium series) group the periods by funding
and dates in index order, one pass and no sort (SQLite), on both engines. Indexes only: no
table, column or trigger changes, so the audit and the database wall are untouched.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_coverage_period_worker_span",
        "coverage_period",
        ["worker_id", "start_date", "end_date", "funding"],
    )
    op.drop_index("ix_coverage_period_worker_dates", table_name="coverage_period")
    op.create_index(
        "ix_coverage_period_funding_span",
        "coverage_period",
        ["funding", "start_date", "end_date", "worker_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_coverage_period_funding_span", table_name="coverage_period")
    op.create_index(
        "ix_coverage_period_worker_dates",
        "coverage_period",
        ["worker_id", "start_date", "end_date"],
    )
    op.drop_index("ix_coverage_period_worker_span", table_name="coverage_period")
