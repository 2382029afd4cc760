"""The claim's payment and verification columns move only with their step; holes found by
probing the register with raw clients are closed.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-07

PostgreSQL only (SQLite has no roles; the app is the only writer there):

- ``claim``: a new claim starts as a draft with no step recorded. The payment columns
  (``paid_*``) change only in the step to *dibayar* (filled, checked) and in the step
  back to *disetujui* (cleared); the decision columns only in the steps to and back from
  *disetujui*/*ditolak*. The approval of an account held under another name
  (``holder_override_*``) is a verifikator's or an administrator's, checked and stamped
  with the login role and the server's clock, and only before the claim is paid. Who may
  take each status step stays 0012's ``sirentan_guard_claim``.
- ``claim_status_change``: a history line is written only with the claim's own step, in
  the same transaction, naming the status the claim now has.
- ``issued_document``: checked at commit, a cancelled or replaced letter has its reason, a
  letter is replaced only in the transaction that issues its correction, and a
  correction marks the letter it replaces.
- Who created a record and when (``created_by``, ``created_at``, which the audit trigger
  leaves out) are kept as they were on every update by a clerk.
- Every ``sirentan_*`` function has its ``search_path`` pinned (0002's and 0005's trigger
  functions had none).
- Each clerk's login holds at most ``CONNECTION_LIMIT`` sessions (set by
  ``sirentan_account_sync`` from now on, and on the existing logins), so one raw client
  cannot take the server's connections from everyone else. There is no per-account
  lockout on PostgreSQL: the server authenticates, and a lockout anyone could trigger by
  guessing would lock clerks out; README's server guide slows and blocks guessing instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

PAYMENT = (
    "paid_on",
    "paid_amount",
    "paid_to_name",
    "paid_bank_name",
    "paid_account_number",
    "paid_account_holder",
    "paid_reference",
    "paid_to_heir_id",
)
DECISION = ("decided_on", "decision_note")
OVERRIDE = (
    "holder_override_account",
    "holder_override_holder",
    "holder_override_reason",
    "holder_override_by",
    "holder_override_at",
)


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)


def _all_null(columns: tuple[str, ...]) -> str:
    return " AND ".join(f"NEW.{c} IS NULL" for c in columns)


def _member_of(kinds: tuple[str, ...]) -> str:
    """Is the session's login directly in one of this register's named groups?"""
    names = ", ".join(f"'{k}'" for k in kinds)
    return (
        "EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member JOIN public.register_group rg "
        f"ON rg.rolname = g.rolname WHERE u.rolname = session_user AND rg.kind IN ({names}))"
    )


GUARD_CLAIM_COLUMNS = f"""CREATE FUNCTION sirentan_guard_claim_columns() RETURNS trigger
   LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
   DECLARE recipient text;
   BEGIN
     IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
     IF TG_OP = 'INSERT' THEN
       IF NEW.status <> 'draft' OR NOT ({_all_null(PAYMENT + DECISION + OVERRIDE)}) THEN
         RAISE EXCEPTION 'permission denied: a new claim starts as a draft with no step taken'
           USING ERRCODE = '42501';
       END IF;
       RETURN NEW;
     END IF;
     -- Paid: filled in the step to dibayar, cleared in the step back, never edited.
     IF {_changed(PAYMENT)} THEN
       IF OLD.status = 'dibayar' AND NEW.status = 'disetujui' THEN
         IF NOT ({_all_null(PAYMENT)}) THEN
           RAISE EXCEPTION 'permission denied: the step back from dibayar clears the payment'
             USING ERRCODE = '42501';
         END IF;
       ELSIF OLD.status = 'disetujui' AND NEW.status = 'dibayar' THEN
         IF NEW.paid_on IS NULL OR coalesce(NEW.paid_amount, 0) <= 0
            OR coalesce(btrim(NEW.paid_reference), '') = ''
            OR coalesce(btrim(NEW.paid_bank_name), '') = ''
            OR coalesce(NEW.paid_account_number, '') !~ '^[0-9]{{1,30}}$'
            OR coalesce(btrim(NEW.paid_account_holder), '') = '' THEN
           RAISE EXCEPTION 'invalid payment: date, amount, bank, account (digits), holder '
             'and BPJS reference are required' USING ERRCODE = '22023';
         END IF;
         -- The recipient is one of this claim's heirs, or the worker, by their own name.
         IF NEW.paid_to_heir_id IS NULL THEN
           SELECT w.full_name INTO recipient FROM public.worker w WHERE w.id = NEW.worker_id;
         ELSE
           SELECT h.full_name INTO recipient FROM public.claim_heir h
             WHERE h.id = NEW.paid_to_heir_id AND h.claim_id = NEW.id;
         END IF;
         IF recipient IS NULL OR recipient IS DISTINCT FROM NEW.paid_to_name THEN
           RAISE EXCEPTION 'invalid payment: the recipient is this claim''s heir or worker'
             USING ERRCODE = '22023';
         END IF;
       ELSE
         RAISE EXCEPTION 'permission denied: a claim''s payment is recorded only by the step '
           'to dibayar' USING ERRCODE = '42501';
       END IF;
     END IF;
     -- Decided: only with the decision step or its step back.
     IF ({_changed(DECISION)})
        AND NOT (OLD.status = 'diajukan' AND NEW.status IN ('disetujui', 'ditolak'))
        AND NOT (OLD.status IN ('disetujui', 'ditolak') AND NEW.status = 'diajukan'
                 AND {_all_null(DECISION)}) THEN
       RAISE EXCEPTION 'permission denied: a claim''s decision is recorded only by its step'
         USING ERRCODE = '42501';
     END IF;
     -- Another holder's account: a verifikator's (or administrator's) documented approval.
     IF {_changed(OVERRIDE)} THEN
       IF NOT {_member_of(("admin", "verifikator"))} THEN
         RAISE EXCEPTION 'permission denied: only a verifikator approves another holder''s '
           'account' USING ERRCODE = '42501';
       END IF;
       IF OLD.status NOT IN ('draft', 'berkas_lengkap', 'diajukan', 'disetujui')
          OR NEW.status IS DISTINCT FROM OLD.status THEN
         RAISE EXCEPTION 'permission denied: an account is approved before the claim is paid'
           USING ERRCODE = '42501';
       END IF;
       IF NEW.holder_override_account IS NULL THEN
         NEW.holder_override_holder := NULL;
         NEW.holder_override_reason := NULL;
         NEW.holder_override_by := NULL;
         NEW.holder_override_at := NULL;
       ELSE
         IF NEW.holder_override_account !~ '^[0-9]{{1,30}}$'
            OR coalesce(btrim(NEW.holder_override_holder), '') = ''
            OR length(btrim(coalesce(NEW.holder_override_reason, ''))) < 10 THEN
           RAISE EXCEPTION 'invalid approval: account (digits), holder and a reason of at '
             'least 10 letters are required' USING ERRCODE = '22023';
         END IF;
         NEW.holder_override_by := sirentan_actor();
         NEW.holder_override_at := now();
       END IF;
     END IF;
     RETURN NEW;
   END $$"""

# A history line is the claim's own step: the claim was written in this transaction and
# now has the status the line names.
GUARD_STATUS_CHANGE = """CREATE FUNCTION sirentan_guard_claim_history() RETURNS trigger
   LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
   BEGIN
     IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
     IF NOT EXISTS (SELECT 1 FROM public.claim c WHERE c.id = NEW.claim_id
         AND c.status = NEW.to_status AND c.xmin = pg_current_xact_id()::xid) THEN
       RAISE EXCEPTION 'permission denied: a claim''s history is written by its step'
         USING ERRCODE = '42501';
     END IF;
     RETURN NEW;
   END $$"""

# A letter's status, checked when its transaction commits (the app marks the old letter
# replaced before it inserts the correction): a cancellation has a reason, a replaced
# letter has its correction, and a correction marks the letter it replaces.
CHECK_LETTER_STATUS = """CREATE FUNCTION sirentan_check_letter_status() RETURNS trigger
   LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
   BEGIN
     IF NOT sirentan_is_clerk() THEN RETURN NULL; END IF;
     IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status THEN
       IF coalesce(btrim(NEW.status_reason), '') = '' THEN
         RAISE EXCEPTION 'permission denied: a letter is cancelled or replaced with a reason'
           USING ERRCODE = '42501';
       END IF;
       IF NEW.status = 'diganti' AND NOT EXISTS (SELECT 1 FROM public.issued_document d
           WHERE d.replaces_id = NEW.id AND d.xmin = pg_current_xact_id()::xid) THEN
         RAISE EXCEPTION 'permission denied: a letter is replaced only by issuing its '
           'correction' USING ERRCODE = '42501';
       END IF;
     END IF;
     IF TG_OP = 'INSERT' AND NEW.replaces_id IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM public.issued_document d WHERE d.id = NEW.replaces_id
           AND d.status = 'diganti' AND d.xmin = pg_current_xact_id()::xid) THEN
       RAISE EXCEPTION 'permission denied: a correction marks the letter it replaces'
         USING ERRCODE = '42501';
     END IF;
     RETURN NULL;
   END $$"""

# 0012's "who" columns, frozen here.
WHO_COLUMNS = (
    "created_by",
    "updated_by",
    "changed_by",
    "attached_by",
    "decided_by",
    "handed_over_by",
    "status_by",
    "committed_by",
    "undone_by",
    "imported_by",
)
# Who made a record and when stay as they were: the audit trigger leaves these bookkeeping
# columns out, so a raw client blanking them would have left no trace.
KEPT = ("created_by", "created_at")


def _stamp_who(keep: tuple[str, ...]) -> str:
    """0012's stamp (a clerk writes only their own name in a "who" column), with ``keep``
    restored to the old row's values on every update by a clerk."""
    who = "ARRAY[" + ", ".join(f"'{c}'" for c in WHO_COLUMNS) + "]"
    kept = "ARRAY[" + ", ".join(f"'{c}'" for c in keep) + "]::text[]"
    return f"""CREATE OR REPLACE FUNCTION sirentan_stamp_who() RETURNS trigger
       LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
       DECLARE new_row jsonb; old_row jsonb; stamp jsonb := '{{}}'::jsonb; k text;
               actor text;
       BEGIN
         IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
         actor := sirentan_actor();
         new_row := to_jsonb(NEW);
         old_row := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
         IF old_row IS NOT NULL THEN
           FOREACH k IN ARRAY {kept} LOOP
             CONTINUE WHEN NOT new_row ? k OR old_row->k IS NOT DISTINCT FROM new_row->k;
             stamp := stamp || jsonb_build_object(k, old_row->k);
           END LOOP;
         END IF;
         FOREACH k IN ARRAY {who} LOOP
           CONTINUE WHEN stamp ? k;
           CONTINUE WHEN NOT new_row ? k OR new_row->>k IS NULL;
           CONTINUE WHEN old_row IS NOT NULL AND old_row->k IS NOT DISTINCT FROM new_row->k;
           stamp := stamp || jsonb_build_object(k, actor);
         END LOOP;
         IF stamp <> '{{}}'::jsonb THEN NEW := jsonb_populate_record(NEW, stamp); END IF;
         RETURN NEW;
       END $$"""


POSTGRESQL = [
    _stamp_who(KEPT),
    GUARD_CLAIM_COLUMNS,
    "CREATE TRIGGER sirentan_guard_columns BEFORE INSERT OR UPDATE ON claim "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_claim_columns()",
    GUARD_STATUS_CHANGE,
    "CREATE TRIGGER sirentan_guard BEFORE INSERT ON claim_status_change "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_claim_history()",
    CHECK_LETTER_STATUS,
    "CREATE CONSTRAINT TRIGGER sirentan_letter_status AFTER INSERT OR UPDATE "
    "ON issued_document DEFERRABLE INITIALLY DEFERRED "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_check_letter_status()",
    # Trigger functions: nobody calls them; the groups run them as the triggers fire.
    """DO $$ DECLARE g record; BEGIN
       REVOKE EXECUTE ON FUNCTION sirentan_guard_claim_columns(),
         sirentan_guard_claim_history(), sirentan_check_letter_status() FROM PUBLIC;
       FOR g IN SELECT rolname FROM register_group
                WHERE kind IN ('admin', 'operator', 'verifikator', 'viewer', 'owner', 'manager')
       LOOP
         EXECUTE format('GRANT EXECUTE ON FUNCTION sirentan_guard_claim_columns(), '
           'sirentan_guard_claim_history(), sirentan_check_letter_status() TO %I',
           g.rolname);
       END LOOP;
       END $$""",
    # The trigger functions of 0002 and 0005 ran with the caller's search path; every
    # function of the register gets its path pinned (a clerk can create no schema or temp
    # object to shadow a name today, but a later grant must not make that a hole).
    r"""DO $$ DECLARE f record; BEGIN
       FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND p.proname LIKE 'sirentan\_%'
           AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c
             WHERE c LIKE 'search\_path=%'), false)
       LOOP
         EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, public, pg_temp',
           f.sig);
       END LOOP;
       END $$""",
]

# One clerk's login holds at most this many sessions (the app's pool opens up to 15), so
# a raw client cannot take every connection of the server from the other clerks. Only
# authenticated sessions count: guessing a clerk's password cannot use up their share.
CONNECTION_LIMIT = 20
# 0012's account function, edited in place (as 0015 edits the audit function): new and
# synchronised logins get the limit. (old, new) pairs of its body's text.
_ACCOUNT_EDITS = (
    (
        "'NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L'",
        f"'NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT {CONNECTION_LIMIT} PASSWORD %L'",
    ),
    (
        "CASE WHEN u.active THEN 'LOGIN' ELSE 'NOLOGIN' END);",
        "CASE WHEN u.active THEN 'LOGIN' ELSE 'NOLOGIN' END "
        f"|| ' CONNECTION LIMIT {CONNECTION_LIMIT}');",
    ),
)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _edit_account_function(edits: tuple[tuple[str, str], ...]) -> str:
    body = "pg_get_functiondef('public.sirentan_account_sync(text, text)'::regprocedure)"
    for old, new in edits:
        body = f"replace({body}, {_quote(old)}, {_quote(new)})"
    return f"DO $$ BEGIN EXECUTE {body}; END $$"


def _limit_logins(limit: int) -> str:
    """The register's existing clerk logins (members of its clerk marker role)."""
    return f"""DO $$ DECLARE r record; BEGIN
       FOR r IN SELECT u.rolname FROM pg_roles u JOIN pg_auth_members m ON m.member = u.oid
         JOIN pg_roles c ON c.oid = m.roleid JOIN public.register_group g
           ON g.rolname = c.rolname AND g.kind = 'clerk'
         WHERE NOT u.rolsuper
       LOOP EXECUTE format('ALTER ROLE %I CONNECTION LIMIT {limit}', r.rolname); END LOOP;
       END $$"""


POSTGRESQL += [_edit_account_function(_ACCOUNT_EDITS), _limit_logins(CONNECTION_LIMIT)]

DOWNGRADE = [
    _stamp_who(()),
    _limit_logins(-1),
    _edit_account_function(tuple((new, old) for old, new in _ACCOUNT_EDITS)),
    "DROP TRIGGER sirentan_letter_status ON issued_document",
    "DROP FUNCTION sirentan_check_letter_status()",
    "DROP TRIGGER sirentan_guard ON claim_status_change",
    "DROP TRIGGER sirentan_guard_columns ON claim",
    "DROP FUNCTION sirentan_guard_claim_history()",
    "DROP FUNCTION sirentan_guard_claim_columns()",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in POSTGRESQL:
        op.execute(sa.text(statement))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(sa.text(statement))
