"""Text lengths the same on both engines: SQLite refuses what PostgreSQL's VARCHAR refuses.

Revision ID: 0013
Revises: 0008
Create Date: 2026-12-07

PostgreSQL enforces every ``VARCHAR(n)``; SQLite stores any length, so a register
that worked on one workstation failed after moving to the shared server (a 100 kB
claim place, a 5,000-digit bank account). The services check the lengths first
(``services/text/limits.py``, from the models' String lengths, with a message naming
the field); these triggers are the wall for writes that bypass them.

Triggers, not CHECK constraints: SQLite adds a CHECK only by rebuilding the table
(batch mode), which would drop the tables' own triggers (the append-only audit
log, the name index) and, with foreign keys on, cascade deletes from a dropped
parent table. ``BEFORE INSERT``/``BEFORE UPDATE`` triggers need no rebuild.
The lengths are frozen here as they are in this revision's models.
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# table -> column -> the longest text its VARCHAR takes (characters)
LIMITS: dict[str, dict[str, int]] = {
    "app_user": {
        "username": 32,
        "full_name": 120,
        "role": 16,
        "password_hash": 200,
        "created_by": 64,
        "updated_by": 64,
    },
    "audit_log": {
        "user_name": 64,
        "workstation": 100,
        "action": 20,
        "entity": 30,
        "entity_id": 40,
        "parent_entity": 30,
        "parent_id": 40,
        "summary": 300,
    },
    "bpjs_list": {"file_name": 255, "file_sha256": 64, "sheet_name": 100, "imported_by": 64},
    "bpjs_list_entry": {"nik": 16, "kpj": 20, "full_name": 120},
    "budget_allocation": {"funding": 16, "budget_code": 60, "note": 200, "updated_by": 64},
    "card_key": {"secret": 64},
    "card_print": {
        "kind": 16,
        "reprint_reason": 16,
        "status": 16,
        "recipient": 16,
        "recipient_name": 120,
        "handed_over_by": 64,
        "note": 200,
    },
    "card_print_batch": {
        "created_by": 64,
        "workstation": 64,
        "selection": 200,
        "layout": 16,
        "pdf_sha256": 64,
    },
    "claim": {
        "claim_type": 16,
        "status": 16,
        "event_place": 200,
        "accident_context": 16,
        "treatment_place": 200,
        "police_report_number": 60,
        "jkk_outcome": 16,
        "cause_of_death": 200,
        "ineligible_reason": 300,
        "letter_number": 80,
        "decision_note": 300,
        "paid_to_name": 120,
        "paid_bank_name": 60,
        "paid_account_number": 30,
        "paid_account_holder": 120,
        "created_by": 64,
        "updated_by": 64,
    },
    "claim_benefit_rate": {
        "code": 40,
        "label": 200,
        "condition": 40,
        "basis": 16,
        "education_level": 16,
        "updated_by": 64,
    },
    "claim_checklist_item": {
        "claim_type": 16,
        "code": 40,
        "label": 200,
        "hint": 300,
        "condition": 80,
        "updated_by": 64,
    },
    "claim_document": {
        "item_code": 40,
        "note": 300,
        "file_name": 255,
        "content_type": 40,
        "file_sha256": 64,
        "attached_by": 64,
        "updated_by": 64,
    },
    "claim_heir": {
        "full_name": 120,
        "nik": 16,
        "relation": 16,
        "phone": 20,
        "address": 200,
        "bank_name": 60,
        "bank_account_number": 30,
        "bank_account_holder": 120,
        "education_level": 16,
        "note": 200,
    },
    "claim_status_change": {"from_status": 16, "to_status": 16, "changed_by": 64, "note": 300},
    "document_template": {"key": 64, "updated_by": 64},
    "heir": {
        "full_name": 120,
        "nik": 16,
        "relation": 16,
        "phone": 20,
        "bank_name": 60,
        "bank_account_number": 30,
        "bank_account_holder": 120,
    },
    "import_batch": {
        "file_name": 255,
        "file_sha256": 64,
        "sheet_name": 100,
        "options_key": 64,
        "on_existing": 16,
        "status": 16,
        "created_by": 64,
        "approved_by": 64,
        "committed_by": 64,
        "undone_by": 64,
    },
    "import_batch_row": {"nik": 16, "action": 16},
    "import_column_map": {"signature": 64, "updated_by": 64},
    "issued_document": {
        "number": 120,
        "series": 32,
        "kind": 16,
        "subject": 300,
        "addressee": 300,
        "sifat": 16,
        "signatory_name": 120,
        "page_size": 16,
        "sha256": 64,
        "status": 16,
        "status_reason": 300,
        "status_by": 64,
        "created_by": 64,
        "workstation": 64,
    },
    "letter_counter": {"series": 32},
    "occupation": {"code": 32, "name": 64},
    "premium_bill": {
        "funding": 16,
        "bill_number": 60,
        "note": 200,
        "created_by": 64,
        "updated_by": 64,
    },
    "premium_payment": {"reference": 60, "note": 200, "created_by": 64},
    "premium_rate": {"funding": 16, "note": 200, "updated_by": 64},
    "region": {"code": 13, "name": 100, "search_key": 100, "parent_code": 13, "village_type": 10},
    "region_code_change": {"old_code": 13, "old_name": 100, "new_code": 13},
    "setting": {"key": 64, "updated_by": 64},
    "signatory": {
        "name": 120,
        "position": 200,
        "rank": 80,
        "nip": 18,
        "on_behalf_of": 200,
        "created_by": 64,
        "updated_by": 64,
    },
    "twin_review": {
        "worker_nik": 16,
        "other_nik": 16,
        "full_name": 120,
        "village_code": 13,
        "status": 16,
        "note": 200,
        "created_by": 64,
        "decided_by": 64,
    },
    "user_kecamatan": {"kecamatan_code": 8},
    "worker": {
        "nik": 16,
        "kk_number": 16,
        "full_name": 120,
        "name_key": 120,
        "birth_place": 80,
        "gender": 16,
        "address": 200,
        "rt": 3,
        "rw": 3,
        "village_code": 13,
        "kecamatan_code": 8,
        "phone": 20,
        "kpj": 20,
        "funding": 16,
        "status": 16,
        "status_reason": 200,
        "created_by": 64,
        "updated_by": 64,
    },
}
# The message starts with this marker; services.core.unit_of_work recognises it.
MESSAGE = "sirentan_too_long: isian terlalu panjang di tabel {table}"


def _condition(columns: dict[str, int], row: str) -> str:
    return " OR ".join(f'length({row}."{name}") > {limit}' for name, limit in columns.items())


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # VARCHAR(n) already refuses longer text
    for table, columns in LIMITS.items():
        message = MESSAGE.format(table=table)
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f'CREATE TRIGGER "{table}_text_limits_{event.lower()}" BEFORE {event} ON "{table}" '
                f"FOR EACH ROW WHEN {_condition(columns, 'NEW')} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in LIMITS:
        for event in ("insert", "update"):
            op.execute(f'DROP TRIGGER IF EXISTS "{table}_text_limits_{event}"')
