"""Claims: the stored eligibility of open claims recomputed under the new JKK lapse default.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07

The default of ``claims.jkk_lapse_months`` went from 24 to 60 months (PP 82/2019 Pasal 26).
An open claim stores its eligibility as last computed (``claim.eligible``,
``claim.ineligible_reason``); one computed under the old default may still read
"Kedaluwarsa" although under the new rule it is not, and only its next write would say so.
Nothing in the schema changes: this revision marks that the stored flags need a refresh,
which ``services.core.bootstrap.upgrade_schema`` runs right after the upgrade, once, in one
audited transaction (it needs the claims rules, which a migration must not import).
"""

from __future__ import annotations

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
