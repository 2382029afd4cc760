"""PostgreSQL: doors a clerk's own login role still had, closed.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07

- ``must_change_password``: only an administrator clears it, or the clerk's own password
  change through ``sirentan_change_own_password(verifier)``, a definer function of the
  register's manager role that sets the new password and clears the flag in one call. The
  other groups lose their UPDATE on the column, so a clerk cannot keep the password an
  administrator gave them by clearing the flag with psql (``ALTER ROLE CURRENT_USER
  PASSWORD`` still works for anyone; it just leaves the flag set).
- ``claim.eligible`` is a stored copy of what the app's rules (services/claims/
  eligibility.py: coverage history, premiums, the office's settings and clock) work out on
  every write of the claim or its worker, by whichever clerk writes: no role decides it, so
  no role can be refused it. What the database can hold is its agreement with
  ``ineligible_reason`` (eligible exactly when no reason is recorded): a clerk cannot flip
  the flag alone, and a forged pair names a reason the audit trail shows beside the login.
- Large objects: nobody but the server's administrator creates them (``lo_create``,
  ``lo_creat``, ``lo_from_bytea``, ``lo_import`` are no longer PUBLIC's in this database);
  the app stores none, and pg_dump/pg_restore run as the owner or a superuser.
- Paying another holder's account: the step to *dibayar* now repeats the app's holder-name
  match (services/claims/holder_names.py) in SQL: ``sirentan_name_words`` (NFKD, the two
  letters whose capital is ASCII, titles dropped) and ``sirentan_same_holder`` (an initial,
  one or two letters of spelling on long words), IMMUTABLE with a pinned search_path.
  A holder the match refuses needs the verifikator's approval of that very account.
- ``worker_name_search`` (0021) needs nothing here: a whole restore creates the triggers
  after the data, and a data-only restore is correct only with ``--disable-triggers``
  (with them enabled every audited row would be recorded again and collide with the
  restored trail, before the copy's primary key refuses a second row); either way the copy
  comes from the same snapshot as worker (tests/integration/test_backup.py restores both).

SQLite has no roles (the app is the only writer, with its own guards): nothing to do.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

SCRAM = r"^SCRAM-SHA-256\$[0-9]{4,7}:[A-Za-z0-9+/=]{16,64}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$"

CHANGE_OWN_PASSWORD = f"""CREATE FUNCTION sirentan_change_own_password(verifier text)
   RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
   SET search_path = pg_catalog, public, pg_temp AS $$
   BEGIN
     IF verifier IS NULL OR verifier !~ '{SCRAM}' THEN
       RAISE EXCEPTION 'a password is given as a SCRAM-SHA-256 verifier'
         USING ERRCODE = '22023';
     END IF;
     IF NOT sirentan_is_clerk() OR NOT EXISTS (SELECT 1 FROM public.app_user a
         WHERE a.username = session_user AND a.active) THEN
       RAISE EXCEPTION 'permission denied: only a clerk of this register changes their own '
         'password here' USING ERRCODE = '42501';
     END IF;
     EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, verifier);
     UPDATE public.app_user SET must_change_password = false
       WHERE username = session_user AND must_change_password;
   END $$"""

# Titles and forms of address, as services/claims/holder_names._TITLES holds them today
# (copied, not imported: a migration stays what it was; a test compares the two).
TITLES = (
    "BPK", "BAPAK", "IBU", "SDR", "SDRI", "SAUDARA", "SAUDARI", "TN", "TUAN", "NY",
    "NYONYA", "NN", "NONA", "ALM", "ALMH", "ALMARHUM", "ALMARHUMAH", "H", "HJ", "HAJI",
    "HAJJAH", "DR", "DRS", "DRA", "IR", "PROF", "SE", "SH", "SPD", "SPDI", "SKM", "SKEP",
    "SAG", "SSOS", "SST", "SIP", "SKOM", "ST", "MM", "MSI", "MPD", "MH", "AMD", "AMKEP",
    "AMDKEP", "PDT", "RM", "SR", "FR", "BR", "PASTOR",
)  # fmt: skip

# name_words: Python decomposes (NFKD), drops combining marks, capitalises, drops dots,
# keeps A-Z, 0-9, space and comma, splits on both. Only ASCII survives, so capitals in the
# "C" collation (ASCII only) suffice, but for the two letters left after NFKD whose
# capital Python writes in ASCII: ß (SS) and dotless ı (I). Combining marks go with every
# other non-ASCII letter in the filter.
NAME_WORDS = f"""CREATE FUNCTION sirentan_name_words(name text) RETURNS text[]
   LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
   SELECT coalesce(array_agg(w ORDER BY n), ARRAY[]::text[])
   FROM regexp_split_to_table(
     replace(regexp_replace(replace(upper(replace(replace(
       normalize(coalesce(name, ''), NFKD), 'ß', 'SS'), 'ı', 'I') COLLATE "C"), '.', ''),
       '[^A-Z0-9 ,]', '', 'g'), ',', ' '), ' +') WITH ORDINALITY AS t(w, n)
   WHERE w <> '' AND NOT w = ANY (ARRAY[{", ".join(f"'{t}'" for t in TITLES)}]) $$"""

WORD_DISTANCE = """CREATE FUNCTION sirentan_word_distance(a text, b text) RETURNS integer
   LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
   SET search_path = pg_catalog, pg_temp AS $$
   DECLARE previous integer[]; current integer[]; i integer; j integer;
   BEGIN
     previous := ARRAY(SELECT generate_series(0, length(b)));
     FOR i IN 1 .. length(a) LOOP
       current := ARRAY[i];
       FOR j IN 1 .. length(b) LOOP
         current := current || least(previous[j + 1] + 1, current[j] + 1,
           previous[j] + CASE WHEN substr(a, i, 1) = substr(b, j, 1) THEN 0 ELSE 1 END);
       END LOOP;
       previous := current;
     END LOOP;
     RETURN previous[length(b) + 1];
   END $$"""

# same_holder: the spacing alone apart, or word by word alike (an initial stands for its
# word; words of 6 letters may differ by one, of 10 by two).
SAME_HOLDER = """CREATE FUNCTION sirentan_same_holder(holder text, person text)
   RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
   SET search_path = pg_catalog, public, pg_temp AS $$
   DECLARE first text[] := sirentan_name_words(holder);
           second text[] := sirentan_name_words(person);
           a text; b text; shorter integer; allowed integer; i integer;
   BEGIN
     IF cardinality(first) = 0 OR cardinality(second) = 0 THEN RETURN false; END IF;
     IF array_to_string(first, '') = array_to_string(second, '') THEN RETURN true; END IF;
     IF cardinality(first) <> cardinality(second) THEN RETURN false; END IF;
     FOR i IN 1 .. cardinality(first) LOOP
       a := first[i]; b := second[i];
       CONTINUE WHEN a = b;
       IF length(a) = 1 OR length(b) = 1 THEN
         IF left(a, 1) <> left(b, 1) THEN RETURN false; END IF;
         CONTINUE;
       END IF;
       shorter := least(length(a), length(b));
       allowed := CASE WHEN shorter >= 10 THEN 2 WHEN shorter >= 6 THEN 1 ELSE 0 END;
       IF sirentan_word_distance(a, b) > allowed THEN RETURN false; END IF;
     END LOOP;
     RETURN true;
   END $$"""

# 0017's claim guard, edited in place (as 0017 edits the account function): after the
# recipient check of the step to dibayar, the holder check; before the decision check, the
# eligibility flag's agreement with its reason. (old, new) pairs of its body's text.
_HOLDER_AND_FLAG = """-- Into an account held by the recipient (services/claims/holder_names.py),
     -- or one a verifikator approved under exactly this number and holder.
     IF recipient IS NOT NULL AND NOT sirentan_same_holder(NEW.paid_account_holder, recipient)
        AND NOT (NEW.holder_override_account IS NOT NULL
                 AND NEW.holder_override_account = NEW.paid_account_number
                 AND upper(regexp_replace(btrim(NEW.holder_override_holder), '\\s+', ' ', 'g'))
                   = upper(regexp_replace(btrim(NEW.paid_account_holder), '\\s+', ' ', 'g')))
     THEN
       RAISE EXCEPTION 'invalid payment: the account is held by someone else than the '
         'recipient; a verifikator approves such an account first' USING ERRCODE = '22023';
     END IF;
     -- The app stores eligibility with its reasons: eligible exactly when there are none.
     IF NEW.eligible IS DISTINCT FROM (NEW.ineligible_reason IS NULL)
        AND (NEW.eligible IS DISTINCT FROM OLD.eligible
             OR NEW.ineligible_reason IS DISTINCT FROM OLD.ineligible_reason) THEN
       RAISE EXCEPTION 'permission denied: a claim''s eligibility is stored with its reasons '
         '(eligible exactly when none)' USING ERRCODE = '42501';
     END IF;
     """
_MARK = "-- Decided: only with the decision step or its step back."
_GUARD_EDITS = ((_MARK, _HOLDER_AND_FLAG + _MARK),)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _edit_guard(edits: tuple[tuple[str, str], ...]) -> str:
    body = "pg_get_functiondef('public.sirentan_guard_claim_columns()'::regprocedure)"
    for old, new in edits:
        body = f"replace({body}, {_quote(old)}, {_quote(new)})"
    # The edit must have taken: a body without the mark would silently leave the hole.
    return f"""DO $$ DECLARE body text := {body}; BEGIN
       IF body = pg_get_functiondef('public.sirentan_guard_claim_columns()'::regprocedure)
       THEN RAISE EXCEPTION 'sirentan_guard_claim_columns is not 0017''s'; END IF;
       EXECUTE body; END $$"""


LARGE_OBJECTS = (
    "lo_create(oid)",
    "lo_creat(integer)",
    "lo_from_bytea(oid, bytea)",
    "lo_import(text)",
    "lo_import(text, oid)",
)

NEW_FUNCTIONS = (
    "sirentan_name_words(text)",
    "sirentan_word_distance(text, text)",
    "sirentan_same_holder(text, text)",
)

UPGRADE = [
    CHANGE_OWN_PASSWORD,
    NAME_WORDS,
    WORD_DISTANCE,
    SAME_HOLDER,
    _edit_guard(_GUARD_EDITS),
    "REVOKE EXECUTE ON FUNCTION sirentan_change_own_password(text), "
    + ", ".join(NEW_FUNCTIONS)
    + " FROM PUBLIC",
    f"REVOKE EXECUTE ON FUNCTION {', '.join(LARGE_OBJECTS)} FROM PUBLIC",
    """DO $$ DECLARE g record; BEGIN
       FOR g IN SELECT kind, rolname FROM register_group
                WHERE kind IN ('admin', 'operator', 'verifikator', 'viewer', 'owner', 'manager')
       LOOP
         -- The guard runs as the clerk who pays; the functions it calls are theirs to run.
         EXECUTE format('GRANT EXECUTE ON FUNCTION sirentan_name_words(text), '
           'sirentan_word_distance(text, text), sirentan_same_holder(text, text) TO %I',
           g.rolname);
         IF g.kind IN ('admin', 'operator', 'verifikator', 'viewer') THEN
           EXECUTE format('GRANT EXECUTE ON FUNCTION sirentan_change_own_password(text) '
             'TO %I', g.rolname);
         END IF;
         IF g.kind IN ('operator', 'verifikator', 'viewer') THEN
           EXECUTE format('REVOKE UPDATE (must_change_password) ON app_user FROM %I',
             g.rolname);
         END IF;
         IF g.kind = 'manager' THEN
           EXECUTE format('GRANT UPDATE (must_change_password) ON app_user TO %I',
             g.rolname);
           EXECUTE format('ALTER FUNCTION sirentan_change_own_password(text) OWNER TO %I',
             g.rolname);
         END IF;
       END LOOP;
       END $$""",
]

DOWNGRADE = [
    f"GRANT EXECUTE ON FUNCTION {', '.join(LARGE_OBJECTS[:3])} TO PUBLIC",
    """DO $$ DECLARE g record; BEGIN
       FOR g IN SELECT kind, rolname FROM register_group
                WHERE kind IN ('operator', 'verifikator', 'viewer', 'manager')
       LOOP
         IF g.kind = 'manager' THEN
           EXECUTE format('REVOKE UPDATE (must_change_password) ON app_user FROM %I',
             g.rolname);
         ELSE
           EXECUTE format('GRANT UPDATE (must_change_password) ON app_user TO %I',
             g.rolname);
         END IF;
       END LOOP;
       END $$""",
    _edit_guard(tuple((new, old) for old, new in _GUARD_EDITS)),
    "DROP FUNCTION sirentan_same_holder(text, text)",
    "DROP FUNCTION sirentan_word_distance(text, text)",
    "DROP FUNCTION sirentan_name_words(text)",
    "DROP FUNCTION sirentan_change_own_password(text)",
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
