"""The audit trail's summaries in Indonesian and alike on both engines.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

- Coverage periods and status events were summarised by the fallback "<table> #<id>",
  English words a clerk reads in the audit screen ("coverage_period #1"). They now read
  "periode kepesertaan mulai 2025-07-07 s.d. 2026-12-31" and "status meninggal mulai
  2026-03-03": on PostgreSQL in ``sirentan_audit_label`` (0012), on SQLite in the triggers
  ``models.sqlite_audit`` writes.
- The bulk tables' entries said "N baris" on PostgreSQL (a statement trigger counts the
  rows) but "sekumpulan baris" on SQLite, which has only row triggers; SQLite's now count
  the run's rows into one entry too: each further row of a run adds one to the entry the
  run's first row wrote, the one update audit_log's append-only guard now lets through
  (``models.sqlite_audit.append_only_trigger``: the latest entry, of a bulk table,
  written in the last two seconds, only its count one higher).

PostgreSQL: the label function is replaced (its grants and owner are kept by CREATE OR
REPLACE). SQLite: the triggers are recreated from the current columns.
"""

from __future__ import annotations

from alembic import op

from models.sqlite_audit import append_only_trigger, secure_sqlite_tables

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_CASES = """
             WHEN 'worker' THEN (r->>'full_name') || ' (NIK '
               || coalesce(left(r->>'nik', 4) || '********' || right(r->>'nik', 4), '-') || ')'
             WHEN 'heir' THEN 'ahli waris ' || (r->>'full_name')
             WHEN 'setting' THEN r->>'key'
             WHEN 'user' THEN r->>'username'
             WHEN 'user_kecamatan' THEN r->>'kecamatan_code'
             WHEN 'card' THEN 'kartu peserta #' || (r->>'id')
             WHEN 'claim' THEN 'klaim ' || upper(r->>'claim_type') || ' #' || (r->>'id')
             WHEN 'claim_heir' THEN 'ahli waris klaim ' || (r->>'full_name')
             WHEN 'claim_document' THEN 'dokumen ' || (r->>'item_code')
             WHEN 'claim_checklist_item' THEN upper(r->>'claim_type') || ' ' || (r->>'code')
             WHEN 'claim_benefit_rate' THEN (r->>'code') || ' mulai ' || (r->>'valid_from')
             WHEN 'signatory' THEN (r->>'name') || ' (' || (r->>'position') || ')'
             WHEN 'issued_document' THEN (r->>'kind') || ' ' || (r->>'number')
             WHEN 'document_template' THEN r->>'key'
             WHEN 'premium_rate' THEN 'tarif ' || (r->>'funding') || ' mulai ' || (r->>'valid_from')
             WHEN 'premium_bill' THEN 'tagihan ' || (r->>'bill_number')
             WHEN 'premium_payment' THEN 'bayar ' || (r->>'reference')
             WHEN 'budget_allocation' THEN 'pagu ' || (r->>'funding') || ' ' || (r->>'year')"""

_NEW_CASES = """
             WHEN 'coverage_period' THEN 'periode kepesertaan mulai ' || (r->>'start_date')
               || coalesce(' s.d. ' || (r->>'end_date'), '')
             WHEN 'worker_status_event' THEN 'status ' || (r->>'status') || ' mulai '
               || (r->>'effective_date')"""


def _label_function(cases: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION sirentan_audit_label(entity text, r jsonb)
           RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
           SELECT CASE entity{cases}
             ELSE entity || ' #' || coalesce(r->>'id', '?') END $$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(_label_function(_CASES + _NEW_CASES))
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute(append_only_trigger())
        secure_sqlite_tables(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(_label_function(_CASES))
    else:
        # The strict guard again; the bulk triggers then cannot count, so the entries of
        # this version's code would be refused: downgrade the code with the schema.
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
