"""PostgreSQL: the letter doors a clerk's own login role still had, closed.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07

- A claim's submission letter (``letter_number``, ``letter_date``, ``submitted_on``) is
  written only by the step to *diajukan*, which needs them, and cleared only by its step
  back, as services/claims/status.py does; an operator could otherwise renumber or blank
  the letter of a claim already submitted, decided or paid with psql. (Which number it
  is stays the clerk's word, as in the app: the step asks only that one is given.)
- A signatory other than the regional head keeps an NIP of 18 digits and a rank
  (services/documents/signatories.check_signatory asks for both on every save, and
  issuing refuses an official without them): a clerk cannot blank a Kepala Dinas's NIP
  or add an official without one. Only rows written with those columns are checked, so
  a record kept from before the rule can still be switched off.

Everything else a raw client tried on the letter register was already refused (0005's
grants, 0012 and 0017's triggers): tests/integration/test_security_probes.py.

SQLite has no roles (the app is the only writer, with its own guards): nothing to do.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_SUBMISSION = """-- Submitted: the letter is recorded by the step to diajukan (which needs one)
     -- and cleared by its step back, never edited.
     IF OLD.status = 'berkas_lengkap' AND NEW.status = 'diajukan' THEN
       IF coalesce(btrim(NEW.letter_number), '') = '' OR NEW.letter_date IS NULL
          OR NEW.submitted_on IS NULL THEN
         RAISE EXCEPTION 'invalid submission: a claim is submitted with its letter''s number '
           'and date' USING ERRCODE = '22023';
       END IF;
     ELSIF (NEW.letter_number IS DISTINCT FROM OLD.letter_number
            OR NEW.letter_date IS DISTINCT FROM OLD.letter_date
            OR NEW.submitted_on IS DISTINCT FROM OLD.submitted_on)
        AND NOT (OLD.status = 'diajukan' AND NEW.status = 'berkas_lengkap'
                 AND NEW.letter_number IS NULL AND NEW.letter_date IS NULL
                 AND NEW.submitted_on IS NULL) THEN
       RAISE EXCEPTION 'permission denied: a claim''s submission letter is recorded only by '
         'its step' USING ERRCODE = '42501';
     END IF;
     """
_MARK = "-- Decided: only with the decision step or its step back."
_INSERT_OLD = "IF NEW.status <> 'draft' OR NOT ("
_INSERT_NEW = (
    "IF NEW.status <> 'draft' OR NEW.letter_number IS NOT NULL OR NEW.letter_date IS NOT NULL "
    "OR NEW.submitted_on IS NOT NULL OR NOT ("
)
_GUARD_EDITS = ((_MARK, _SUBMISSION + _MARK), (_INSERT_OLD, _INSERT_NEW))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _edit_guard(edits: tuple[tuple[str, str], ...]) -> str:
    """0017's claim guard edited in place, as 0022 does; each edit must take."""
    original = "pg_get_functiondef('public.sirentan_guard_claim_columns()'::regprocedure)"
    checks = []
    body = original
    for old, new in edits:
        checks.append(
            f"IF strpos(body, {_quote(new)}) = 0 THEN RAISE EXCEPTION "
            "'sirentan_guard_claim_columns is not 0022''s'; END IF;"
        )
        body = f"replace({body}, {_quote(old)}, {_quote(new)})"
    return f"""DO $$ DECLARE body text := {body}; BEGIN
       {" ".join(checks)}
       EXECUTE body; END $$"""


GUARD_SIGNATORY = """CREATE FUNCTION sirentan_guard_signatory() RETURNS trigger
   LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
   BEGIN
     IF NOT sirentan_is_clerk() OR NEW.regional_head THEN RETURN NEW; END IF;
     IF TG_OP = 'UPDATE' AND NEW.nip IS NOT DISTINCT FROM OLD.nip
        AND NEW.rank IS NOT DISTINCT FROM OLD.rank
        AND NEW.regional_head IS NOT DISTINCT FROM OLD.regional_head THEN
       RETURN NEW;
     END IF;
     IF coalesce(NEW.nip, '') !~ '^[0-9]{18}$' OR coalesce(btrim(NEW.rank), '') = '' THEN
       RAISE EXCEPTION 'invalid signatory: an official other than the regional head has an '
         'NIP of 18 digits and a rank' USING ERRCODE = '22023';
     END IF;
     RETURN NEW;
   END $$"""

UPGRADE = [
    _edit_guard(_GUARD_EDITS),
    GUARD_SIGNATORY,
    "REVOKE EXECUTE ON FUNCTION sirentan_guard_signatory() FROM PUBLIC",
    """DO $$ DECLARE g record; BEGIN
       FOR g IN SELECT rolname FROM register_group
                WHERE kind IN ('admin', 'operator', 'verifikator', 'viewer', 'owner', 'manager')
       LOOP
         EXECUTE format('GRANT EXECUTE ON FUNCTION sirentan_guard_signatory() TO %I',
           g.rolname);
       END LOOP;
       END $$""",
    "CREATE TRIGGER sirentan_guard BEFORE INSERT OR UPDATE ON signatory "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_signatory()",
]

DOWNGRADE = [
    "DROP TRIGGER sirentan_guard ON signatory",
    "DROP FUNCTION sirentan_guard_signatory()",
    _edit_guard(tuple((new, old) for old, new in reversed(_GUARD_EDITS))),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(sa.text(statement))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(sa.text(statement))
