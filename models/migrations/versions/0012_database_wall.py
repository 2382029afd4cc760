"""The database is the wall: one register, its own roles; definer functions that check who
calls them; an audit trail the database writes; two-person rules and row-level security on
every table holding a worker's data.

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-07

Both engines: ``issued_document.worker_id``, whom a letter is about (for row-level security).

PostgreSQL only (SQLite has no roles; its file's permissions are the wall):

- Group roles of this database alone (``<db>_admin``, ``_operator``, ``_verifikator``,
  ``_viewer``), a marker role ``<db>_clerk`` every clerk's login belongs to, a NOLOGIN
  ``<db>_owner`` owning the definer functions and a NOLOGIN ``<db>_manager`` (CREATEROLE)
  owning the account functions. Their names are kept in ``register_group``. The grants the
  earlier migrations gave the server-wide ``sirentan_*`` groups are copied to them and
  revoked from the old groups in this database; this register's clerks move over.
- ``REVOKE CONNECT, TEMP ON DATABASE … FROM PUBLIC``; CONNECT for the four groups only.
- Every function: owned by the owner or manager role, ``EXECUTE`` revoked from PUBLIC,
  granted to the groups that need it, ``search_path`` pinned, arguments checked.
- The audit trail: a trigger on every audited table writes old and new values, the login
  role as actor and the server's clock; clerks cannot write ``audit_log``; non-administrators
  read ``audit_log_masked``.
- ``sirentan_secure_worker_tables()`` puts row-level security, the audit trigger and the
  "who" stamp on every table with a ``worker_id`` column; later migrations adding such a
  table call it again (``SELECT sirentan_secure_worker_tables()``).
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ROLE_KINDS = ("admin", "operator", "verifikator", "viewer")
SERVICE_KINDS = ("owner", "manager", "clerk")
LEGACY = {kind: f"sirentan_{kind}" for kind in ROLE_KINDS}
MAX_SUFFIX = len("_verifikator")


def role_prefix(database: str) -> str:
    """The database's name, shortened with a hash when a role name would pass 63 bytes."""
    if len(database.encode()) + MAX_SUFFIX <= 63:
        return database
    digest = hashlib.md5(database.encode()).hexdigest()[:8]
    cut = database.encode()[: 63 - MAX_SUFFIX - 9].decode(errors="ignore")
    return f"{cut}_{digest}"


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


# Audited tables: entity name in the trail, its parent entity and the parent's column.
# A table not named here but holding worker_id is audited as itself under its worker.
AUDITED = {
    "worker": ("worker", None, None),
    "heir": ("heir", "worker", "worker_id"),
    "setting": ("setting", None, None),
    "app_user": ("user", None, None),
    "user_kecamatan": ("user_kecamatan", "user", "user_id"),
    "card_print": ("card", "worker", "worker_id"),
    "claim": ("claim", "worker", "worker_id"),
    "claim_heir": ("claim_heir", "claim", "claim_id"),
    "claim_document": ("claim_document", "claim", "claim_id"),
    "claim_checklist_item": ("claim_checklist_item", None, None),
    "claim_benefit_rate": ("claim_benefit_rate", None, None),
    "signatory": ("signatory", None, None),
    "issued_document": ("issued_document", None, None),
    "document_template": ("document_template", None, None),
    "premium_rate": ("premium_rate", None, None),
    "premium_bill": ("premium_bill", None, None),
    "premium_payment": ("premium_payment", "premium_bill", "bill_id"),
    "budget_allocation": ("budget_allocation", None, None),
}
# Bulk tables holding worker_id: one entry per statement (table, action, row count), so a
# raw client's change leaves a trace without doubling a 15,000-row import in the trail.
BULK_AUDITED = ("import_batch_row", "bpjs_list_entry", "twin_review")
NOT_AUDITED = (*BULK_AUDITED, "audit_log")
# Bookkeeping columns the trail leaves out (as the app's listener did), and bulky ones.
SKIPPED = (
    "version",
    "updated_at",
    "updated_by",
    "created_at",
    "created_by",
    "name_key",
    "failed_attempts",
    "locked_until",
    "last_login_at",
    "pdf",
    "content",
    "estimated_benefit",
)
SECRET = ("password_hash",)
# Columns naming who did something: a clerk may only ever write their own name there.
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
# Values masked for everyone but administrators when they read the trail (and any key naming
# a bank or an account number).
MASKED_KEYS = ("nik", "kk_number", "worker_nik", "other_nik", "heir_nik")


def _names(prefix: str) -> dict[str, str]:
    return {kind: f"{prefix}_{kind}" for kind in ROLE_KINDS + SERVICE_KINDS}


def _groups_array(names: dict[str, str]) -> str:
    return "ARRAY[" + ", ".join(_lit(names[k]) for k in ROLE_KINDS) + "]::text[]"


def _roles(db: str, names: dict[str, str]) -> list[str]:
    stmts = []
    for kind in ROLE_KINDS + SERVICE_KINDS:
        options = {"owner": "NOLOGIN BYPASSRLS", "manager": "NOLOGIN CREATEROLE BYPASSRLS"}.get(
            kind, "NOLOGIN"
        )
        name = names[kind]
        # A role of that name left by a dropped register, or a login another register's
        # administrator named so, would hand this register to its members: refuse it.
        stmts.append(
            f"""DO $$ DECLARE r record; BEGIN
            SELECT * INTO r FROM pg_roles WHERE rolname = {_lit(name)};
            IF NOT FOUND THEN CREATE ROLE {_ident(name)} {options};
            ELSIF r.rolcanlogin OR r.rolsuper
               OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid)
               OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid) THEN
              RAISE EXCEPTION 'role % already exists as a login or with members (another '
                'register''s, or a dropped one''s): drop it before creating this register',
                r.rolname USING ERRCODE = '42710';
            END IF; END $$"""
        )
    stmts += [
        f"REVOKE CONNECT, TEMPORARY ON DATABASE {_ident(db)} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {_ident(db)} TO "
        + ", ".join(_ident(names[k]) for k in ROLE_KINDS),
        "CREATE TABLE register_group (kind varchar(16) PRIMARY KEY, rolname varchar(63) "
        "NOT NULL UNIQUE)",
        "INSERT INTO register_group VALUES "
        + ", ".join(f"({_lit(k)}, {_lit(names[k])})" for k in ROLE_KINDS + SERVICE_KINDS),
    ]
    return stmts


def _move_legacy(db: str, names: dict[str, str]) -> list[str]:
    """Copy the old groups' grants in this database to the new groups, then revoke them."""
    pairs = ", ".join(f"({_lit(LEGACY[k])}, {_lit(names[k])})" for k in ROLE_KINDS)
    return [
        f"""DO $$
        DECLARE p record; old_name text; new_name text;
        BEGIN
          FOR old_name, new_name IN SELECT * FROM (VALUES {pairs}) v(o, n) LOOP
            CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = old_name);
            -- Table, view and sequence privileges.
            FOR p IN
              SELECT c.relname, c.relkind, a.privilege_type
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                   LATERAL aclexplode(c.relacl) a
              WHERE n.nspname = 'public' AND a.grantee = old_name::regrole
            LOOP
              EXECUTE format('GRANT %s ON %s %I TO %I', p.privilege_type,
                CASE WHEN p.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, p.relname, new_name);
            END LOOP;
            -- Column privileges.
            FOR p IN
              SELECT c.relname, att.attname, a.privilege_type
              FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace,
                   LATERAL aclexplode(att.attacl) a
              WHERE n.nspname = 'public' AND a.grantee = old_name::regrole
                AND NOT att.attisdropped
            LOOP
              EXECUTE format('GRANT %s (%I) ON TABLE %I TO %I', p.privilege_type,
                p.attname, p.relname, new_name);
            END LOOP;
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', old_name);
            EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', old_name);
            EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM %I', old_name);
            FOR p IN
              SELECT c.relname, att.attname
              FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace,
                   LATERAL aclexplode(att.attacl) a
              WHERE n.nspname = 'public' AND a.grantee = old_name::regrole
                AND NOT att.attisdropped
            LOOP
              EXECUTE format('REVOKE ALL (%I) ON TABLE %I FROM %I', p.attname, p.relname,
                old_name);
            END LOOP;
            EXECUTE format('REVOKE ALL ON SCHEMA public FROM %I', old_name);
            EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', {_lit(db)}, old_name);
            -- This register's clerks move to the new group and lose CREATEROLE.
            FOR p IN
              SELECT u.username FROM app_user u
              JOIN pg_roles r ON r.rolname = u.username
              WHERE pg_has_role(r.oid, old_name::regrole, 'MEMBER')
                AND NOT r.rolsuper
            LOOP
              EXECUTE format('GRANT %I, %I TO %I', new_name, {_lit(names["clerk"])},
                p.username);
              EXECUTE format('REVOKE %I FROM %I', old_name, p.username);
              EXECUTE format('ALTER ROLE %I NOCREATEROLE', p.username);
            END LOOP;
          END LOOP;
        END $$""",
    ]


def _kecamatan_filter(column: str) -> str:
    return (
        "(cardinality((SELECT sirentan_my_kecamatan())) = 0 "
        f"OR {column} = ANY ((SELECT sirentan_my_kecamatan())::text[]))"
    )


def _functions(names: dict[str, str]) -> list[str]:
    groups = _groups_array(names)
    admin = _lit(names["admin"])
    skipped = "ARRAY[" + ", ".join(_lit(c) for c in SKIPPED) + "]"
    secret = "ARRAY[" + ", ".join(_lit(c) for c in SECRET) + "]"
    who = "ARRAY[" + ", ".join(_lit(c) for c in WHO_COLUMNS) + "]"
    return [
        # Is the session a clerk of this register (directly in one of its groups)?
        # pg_has_role would say yes for a superuser; the catalogue says what was granted.
        f"""CREATE FUNCTION sirentan_is_clerk() RETURNS boolean LANGUAGE sql STABLE
           SET search_path = pg_catalog, pg_temp AS $$
           SELECT EXISTS (SELECT 1 FROM pg_auth_members m
             JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
             WHERE u.rolname = session_user AND g.rolname = ANY ({groups})) $$""",
        f"""CREATE FUNCTION sirentan_is_admin() RETURNS boolean LANGUAGE sql STABLE
           SET search_path = pg_catalog, pg_temp AS $$
           SELECT EXISTS (SELECT 1 FROM pg_auth_members m
             JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
             WHERE u.rolname = session_user AND g.rolname = {admin}) $$""",
        # Who acts: a clerk is their login role, whatever the app says; the database's
        # owner or a superuser (migrations, tests, the server administrator) may name the
        # clerk the app signed in, because they could write anything anyway.
        """CREATE FUNCTION sirentan_actor() RETURNS text LANGUAGE sql STABLE
           SET search_path = pg_catalog, public, pg_temp AS $$
           SELECT CASE WHEN sirentan_is_clerk() THEN session_user::text
             ELSE coalesce(nullif(current_setting('sirentan.user', true), ''),
                           session_user::text) END $$""",
        """CREATE FUNCTION sirentan_workstation() RETURNS text LANGUAGE sql STABLE
           SET search_path = pg_catalog, pg_temp AS $$
           SELECT left(nullif(current_setting('sirentan.workstation', true), ''), 100) $$""",
        # The kecamatan limits of the signed-in clerk.
        """CREATE OR REPLACE FUNCTION sirentan_my_kecamatan() RETURNS text[] LANGUAGE sql STABLE
           SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
           SELECT coalesce(array_agg(uk.kecamatan_code::text), ARRAY[]::text[])
           FROM public.user_kecamatan uk JOIN public.app_user u ON u.id = uk.user_id
           WHERE u.username = session_user $$""",
        # A viewer finds a worker by a whole NIK or KPJ, never by a prefix or a pattern.
        f"""CREATE OR REPLACE FUNCTION sirentan_find_worker(number text) RETURNS SETOF integer
           LANGUAGE plpgsql STABLE SECURITY DEFINER
           SET search_path = pg_catalog, public, pg_temp AS $$
           BEGIN
             IF number IS NULL OR number !~ '^[0-9]{{8,20}}$' THEN RETURN; END IF;
             RETURN QUERY SELECT w.id FROM public.worker w
               WHERE (w.nik = number OR w.kpj = number) AND {_kecamatan_filter("w.kecamatan_code")};
           END $$""",
        # One worker's whole NIK per call, always recorded; one worker per transaction, and
        # at most 200 an hour per clerk, so no statement can sweep the register.
        f"""CREATE OR REPLACE FUNCTION sirentan_reveal_identity(worker integer, station text)
           RETURNS TABLE (nik varchar, kk_number varchar) LANGUAGE plpgsql VOLATILE
           SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE actor text := sirentan_actor();
           BEGIN
             IF worker IS NULL OR worker <= 0 THEN
               RAISE EXCEPTION 'invalid worker' USING ERRCODE = '22023';
             END IF;
             -- The trail itself says what this transaction opened: no setting to reset.
             IF EXISTS (SELECT 1 FROM public.audit_log a WHERE a.action = 'access'
                 AND a.user_name = actor AND a.entity = 'worker'
                 AND a.xmin = pg_current_xact_id()::xid
                 AND a.entity_id <> worker::text) THEN
               RAISE EXCEPTION 'one worker per transaction' USING ERRCODE = '42501';
             END IF;
             IF (SELECT count(*) FROM public.audit_log a WHERE a.action = 'access'
                 AND a.user_name = actor AND a.at > now() - interval '1 hour') >= 200 THEN
               RAISE EXCEPTION 'too many identities opened' USING ERRCODE = '42501';
             END IF;
             IF NOT EXISTS (SELECT 1 FROM public.worker w WHERE w.id = worker
                            AND {_kecamatan_filter("w.kecamatan_code")}) THEN
               RETURN;
             END IF;
             INSERT INTO public.audit_log (at, user_name, workstation, action, entity, entity_id,
               parent_entity, parent_id, summary)
             VALUES (clock_timestamp(), actor,
               coalesce(sirentan_workstation(), left(station, 100)), 'access', 'worker',
               worker::text, NULL, NULL, 'NIK dibuka');
             RETURN QUERY SELECT w.nik, w.kk_number FROM public.worker w WHERE w.id = worker;
           END $$""",
        # Events the app records (exports, prints, approvals): the actor and the clock are
        # the database's; the action and entity are plain names.
        """CREATE FUNCTION sirentan_audit_event(action text, entity text, entity_id text,
             summary text, changes text) RETURNS void LANGUAGE plpgsql VOLATILE
           SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
           BEGIN
             -- Who and when are the database's; what happened is the app's word.
             IF action IS NULL OR action !~ '^[a-z_]{1,20}$' THEN
               RAISE EXCEPTION 'unknown audit event' USING ERRCODE = '22023';
             END IF;
             IF entity IS NULL OR entity !~ '^[a-z_]{1,30}$' THEN
               RAISE EXCEPTION 'invalid audit entity' USING ERRCODE = '22023';
             END IF;
             IF changes IS NOT NULL THEN PERFORM changes::jsonb; END IF;
             INSERT INTO public.audit_log (at, user_name, workstation, action, entity, entity_id,
               summary, changes)
             VALUES (clock_timestamp(), sirentan_actor(), sirentan_workstation(), action, entity,
               left(entity_id, 40), left(summary, 300), changes);
           END $$""",
        # A short label of the record, never with a whole identity number.
        """CREATE FUNCTION sirentan_audit_label(entity text, r jsonb) RETURNS text
           LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
           SELECT CASE entity
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
             WHEN 'budget_allocation' THEN 'pagu ' || (r->>'funding') || ' ' || (r->>'year')
             ELSE entity || ' #' || coalesce(r->>'id', '?') END $$""",
        # The trail written by the database: arguments are the entity, the parent entity,
        # the parent column and the primary key columns (comma separated).
        f"""CREATE FUNCTION sirentan_audit_row() RETURNS trigger LANGUAGE plpgsql
           SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE
             old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
             new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
             cur jsonb := coalesce(new_row, old_row);
             diff jsonb := '{{}}'::jsonb;
             k text; o jsonb; n jsonb;
             act text;
             note text := nullif(current_setting('sirentan.note', true), '');
             label text;
           BEGIN
             FOR k IN SELECT jsonb_object_keys(cur) LOOP
               CONTINUE WHEN k = ANY ({skipped});
               o := CASE WHEN old_row IS NULL THEN 'null'::jsonb ELSE old_row->k END;
               n := CASE WHEN new_row IS NULL THEN 'null'::jsonb ELSE new_row->k END;
               CONTINUE WHEN o IS NOT DISTINCT FROM n;
               IF k = ANY ({secret}) THEN
                 o := CASE WHEN o = 'null'::jsonb THEN 'null'::jsonb ELSE '"***"'::jsonb END;
                 n := '"***"'::jsonb;
               END IF;
               diff := diff || jsonb_build_object(k, jsonb_build_array(o, n));
             END LOOP;
             IF TG_OP = 'UPDATE' AND diff = '{{}}'::jsonb THEN RETURN NULL; END IF;
             act := CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'DELETE' THEN 'delete'
                    ELSE CASE WHEN diff ? 'status' THEN 'status' ELSE 'update' END END;
             label := sirentan_audit_label(TG_ARGV[0], cur);
             IF note IS NOT NULL THEN label := coalesce(label, '') || ' [' || note || ']'; END IF;
             INSERT INTO public.audit_log (at, user_name, workstation, action, entity,
               entity_id, parent_entity, parent_id, summary, changes)
             VALUES (clock_timestamp(), sirentan_actor(), sirentan_workstation(), act,
               TG_ARGV[0],
               (SELECT string_agg(cur->>c, '/') FROM unnest(string_to_array(TG_ARGV[3], ','))
                  AS c),
               nullif(TG_ARGV[1], ''),
               CASE WHEN TG_ARGV[2] <> '' THEN cur->>TG_ARGV[2] END,
               left(label, 300), diff::text);
             RETURN NULL;
           END $$""",
        # One entry per statement on the bulk tables: how many rows were written.
        """CREATE FUNCTION sirentan_audit_bulk() RETURNS trigger LANGUAGE plpgsql
           SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE n bigint;
           BEGIN
             IF TG_OP = 'DELETE' THEN SELECT count(*) INTO n FROM old_rows;
             ELSE SELECT count(*) INTO n FROM new_rows; END IF;
             IF n = 0 THEN RETURN NULL; END IF;
             INSERT INTO public.audit_log (at, user_name, workstation, action, entity, summary)
             VALUES (clock_timestamp(), sirentan_actor(), sirentan_workstation(),
               CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'DELETE' THEN 'delete'
                 ELSE 'update' END,
               left(TG_TABLE_NAME, 30), n || ' baris'
                 || coalesce(' [' || nullif(current_setting('sirentan.note', true), '') || ']',
                             ''));
             RETURN NULL;
           END $$""",
        # A clerk may write only their own name in a "who" column.
        f"""CREATE FUNCTION sirentan_stamp_who() RETURNS trigger LANGUAGE plpgsql
           SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE new_row jsonb; old_row jsonb; stamp jsonb := '{{}}'::jsonb; k text;
                   actor text;
           BEGIN
             IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
             actor := sirentan_actor();
             new_row := to_jsonb(NEW);
             old_row := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
             FOREACH k IN ARRAY {who} LOOP
               CONTINUE WHEN NOT new_row ? k OR new_row->>k IS NULL;
               CONTINUE WHEN old_row IS NOT NULL AND old_row->k IS NOT DISTINCT FROM new_row->k;
               stamp := stamp || jsonb_build_object(k, actor);
             END LOOP;
             IF stamp <> '{{}}'::jsonb THEN NEW := jsonb_populate_record(NEW, stamp); END IF;
             RETURN NEW;
           END $$""",
    ]


def _secure_worker_tables() -> str:
    """A procedure later migrations call again: every table with worker_id gets row-level
    security by the worker's kecamatan, the audit trigger and the "who" stamp."""
    audited = ", ".join(
        f"({_lit(t)}, {_lit(e)}, {_lit(p or '')}, {_lit(c or '')})"
        for t, (e, p, c) in AUDITED.items()
    )
    not_audited = "ARRAY[" + ", ".join(_lit(t) for t in NOT_AUDITED) + "]"
    who = "ARRAY[" + ", ".join(_lit(c) for c in WHO_COLUMNS) + "]"
    bulk = "ARRAY[" + ", ".join(_lit(t) for t in BULK_AUDITED) + "]"
    return f"""CREATE FUNCTION sirentan_secure_worker_tables() RETURNS void LANGUAGE plpgsql
       SET search_path = pg_catalog, public, pg_temp AS $$
       DECLARE t record; spec record; pk text;
       BEGIN
         -- Row-level security: a worker's rows follow the worker's kecamatan.
         FOR t IN SELECT c.relname FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'worker_id'
               AND NOT a.attisdropped
           WHERE n.nspname = 'public' AND c.relkind = 'r'
         LOOP
           EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
           IF NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.relname::regclass) THEN
             EXECUTE format('CREATE POLICY %I ON %I USING (cardinality((SELECT '
               'sirentan_my_kecamatan())) = 0 OR EXISTS (SELECT 1 FROM worker w '
               'WHERE w.id = %I.worker_id)) WITH CHECK (cardinality((SELECT '
               'sirentan_my_kecamatan())) = 0 OR EXISTS (SELECT 1 FROM worker w '
               'WHERE w.id = %I.worker_id))', t.relname || '_by_worker', t.relname,
               t.relname, t.relname);
           END IF;
         END LOOP;
         -- The audit trigger on the named tables and on any other table with worker_id.
         FOR spec IN
           SELECT v.t, v.e, v.p, v.c FROM (VALUES {audited}) v(t, e, p, c)
             WHERE to_regclass('public.' || v.t) IS NOT NULL
           UNION
           SELECT c.relname, c.relname, 'worker', 'worker_id' FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'worker_id'
               AND NOT a.attisdropped
           WHERE n.nspname = 'public' AND c.relkind = 'r'
             AND NOT (c.relname = ANY ({not_audited}))
             AND c.relname NOT IN (SELECT v.t FROM (VALUES {audited}) v(t, e, p, c))
         LOOP
           CONTINUE WHEN EXISTS (SELECT 1 FROM pg_trigger g
             WHERE g.tgrelid = ('public.' || spec.t)::regclass AND g.tgname = 'sirentan_audit');
           SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))
             INTO pk FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
               AND a.attnum = ANY (i.indkey)
             WHERE i.indrelid = ('public.' || spec.t)::regclass AND i.indisprimary;
           EXECUTE format('CREATE TRIGGER sirentan_audit AFTER INSERT OR UPDATE OR DELETE '
             'ON %I FOR EACH ROW EXECUTE FUNCTION sirentan_audit_row(%L, %L, %L, %L)',
             spec.t, spec.e, spec.p, spec.c, coalesce(pk, 'id'));
         END LOOP;
         -- The bulk tables: one entry per statement.
         FOR t IN SELECT c.relname FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = ANY ({bulk})
         LOOP
           CONTINUE WHEN EXISTS (SELECT 1 FROM pg_trigger g
             WHERE g.tgrelid = ('public.' || t.relname)::regclass
               AND g.tgname = 'sirentan_audit_insert');
           EXECUTE format('CREATE TRIGGER sirentan_audit_insert AFTER INSERT ON %I '
             'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
             'EXECUTE FUNCTION sirentan_audit_bulk()', t.relname);
           EXECUTE format('CREATE TRIGGER sirentan_audit_update AFTER UPDATE ON %I '
             'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
             'EXECUTE FUNCTION sirentan_audit_bulk()', t.relname);
           EXECUTE format('CREATE TRIGGER sirentan_audit_delete AFTER DELETE ON %I '
             'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
             'EXECUTE FUNCTION sirentan_audit_bulk()', t.relname);
         END LOOP;
         -- "Who" columns: stamped with the acting clerk on every table that has one.
         FOR t IN SELECT DISTINCT c.relname FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = ANY ({who})
               AND NOT a.attisdropped
           WHERE n.nspname = 'public' AND c.relkind = 'r'
         LOOP
           CONTINUE WHEN EXISTS (SELECT 1 FROM pg_trigger g
             WHERE g.tgrelid = ('public.' || t.relname)::regclass AND g.tgname = 'sirentan_who');
           EXECUTE format('CREATE TRIGGER sirentan_who BEFORE INSERT OR UPDATE ON %I '
             'FOR EACH ROW EXECUTE FUNCTION sirentan_stamp_who()', t.relname);
         END LOOP;
       END $$"""


def _masking(names: dict[str, str]) -> list[str]:
    masked_keys = "ARRAY[" + ", ".join(_lit(k) for k in MASKED_KEYS) + "]"
    groups = ", ".join(_ident(names[k]) for k in ROLE_KINDS)
    return [
        # The masked view stops a cheap function in a caller's WHERE from seeing rows first.
        "DROP VIEW worker_masked",
        "CREATE VIEW worker_masked WITH (security_barrier) AS SELECT "
        "id, full_name, name_key, birth_place, birth_date, gender, address, rt, rw, "
        "village_code, kecamatan_code, occupation_id, phone, kpj, funding, coverage_start, "
        "coverage_end, status, status_reason, status_date, notes, created_at, created_by, "
        "updated_at, updated_by, version, "
        "substr(nik, 1, 4) || '********' || substr(nik, 13, 4) AS nik, "
        "CASE WHEN kk_number IS NULL THEN NULL ELSE substr(kk_number, 1, 4) || '********' || "
        f"substr(kk_number, 13, 4) END AS kk_number FROM worker WHERE "
        f"{_kecamatan_filter('kecamatan_code')}",
        f"GRANT SELECT ON worker_masked TO {groups}",
        # The trail for everyone but administrators: identity and bank numbers masked,
        # only entries about workers of the clerk's kecamatan when they are limited.
        f"""CREATE FUNCTION sirentan_mask_value(k text, v jsonb) RETURNS jsonb LANGUAGE sql
           IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
           SELECT CASE
             WHEN jsonb_typeof(v) <> 'string' THEN v
             WHEN k = ANY ({masked_keys}) THEN
               to_jsonb(left(v #>> '{{}}', 4) || '********' || right(v #>> '{{}}', 4))
             WHEN (k LIKE '%bank%' OR k LIKE '%account%')
                  AND k NOT LIKE '%name%' AND k NOT LIKE '%holder%' THEN
               to_jsonb('****' || right(v #>> '{{}}', 4))
             ELSE v END $$""",
        """CREATE FUNCTION sirentan_mask_changes(changes text) RETURNS text LANGUAGE sql
           IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
           SELECT CASE WHEN changes IS NULL OR changes = '' THEN changes ELSE (
             SELECT coalesce(jsonb_object_agg(e.key, CASE WHEN jsonb_typeof(e.value) = 'array'
               THEN (SELECT jsonb_agg(sirentan_mask_value(e.key, x.v) ORDER BY x.i)
                     FROM jsonb_array_elements(e.value) WITH ORDINALITY x(v, i))
               ELSE sirentan_mask_value(e.key, e.value) END), '{}'::jsonb)::text
             FROM jsonb_each(changes::jsonb) e) END $$""",
        """CREATE FUNCTION sirentan_audit_worker(entity text, entity_id text,
             parent_entity text, parent_id text) RETURNS integer LANGUAGE sql STABLE
           SET search_path = pg_catalog, public, pg_temp AS $$
           SELECT CASE
             WHEN entity = 'worker' AND entity_id ~ '^[0-9]{1,9}$' THEN entity_id::integer
             WHEN parent_entity = 'worker' AND parent_id ~ '^[0-9]{1,9}$' THEN parent_id::integer
             WHEN parent_entity = 'claim' AND parent_id ~ '^[0-9]{1,9}$' THEN
               (SELECT c.worker_id FROM public.claim c WHERE c.id = parent_id::integer)
             END $$""",
        f"""CREATE VIEW audit_log_masked WITH (security_barrier) AS
           SELECT a.id, a.at, a.user_name, a.workstation, a.action, a.entity, a.entity_id,
             a.parent_entity, a.parent_id, a.summary, sirentan_mask_changes(a.changes) AS changes
           FROM audit_log a
           WHERE cardinality((SELECT sirentan_my_kecamatan())) = 0
              OR EXISTS (SELECT 1 FROM worker w
                WHERE w.id = sirentan_audit_worker(a.entity, a.entity_id, a.parent_entity,
                                                   a.parent_id)
                  AND {_kecamatan_filter("w.kecamatan_code")})""",
        f"GRANT SELECT ON audit_log_masked TO {groups}",
    ]


def _grants(names: dict[str, str]) -> list[str]:
    admin, operator, verifier, viewer = (_ident(names[k]) for k in ROLE_KINDS)
    groups = f"{admin}, {operator}, {verifier}, {viewer}"
    owner, manager = _ident(names["owner"]), _ident(names["manager"])
    user_columns = (
        "id, username, full_name, role, active, must_change_password, failed_attempts, "
        "locked_until, last_login_at, created_at, created_by, updated_at, updated_by, version"
    )
    return [
        # The trail: nobody writes it but the database's own functions; admins read it.
        f"REVOKE ALL ON audit_log FROM {groups}",
        f"REVOKE ALL ON SEQUENCE audit_log_id_seq FROM {groups}",
        f"GRANT SELECT ON audit_log TO {admin}",
        # Accounts: no hash to read; each column a group may change, named.
        f"REVOKE ALL ON app_user FROM {groups}",
        f"GRANT SELECT ({user_columns}) ON app_user TO {groups}",
        f"GRANT INSERT ON app_user TO {admin}",
        "GRANT UPDATE (full_name, role, active, must_change_password, failed_attempts, "
        f"locked_until, last_login_at, updated_at, updated_by, version) ON app_user TO {admin}",
        "GRANT UPDATE (must_change_password, last_login_at, updated_at, updated_by, version) "
        f"ON app_user TO {operator}, {verifier}, {viewer}",
        "DROP POLICY app_user_self ON app_user",
        "CREATE POLICY app_user_self ON app_user USING "
        "(username = session_user OR sirentan_is_admin())",
        # Whom a letter is about is as public as the rest of its register line.
        f"GRANT SELECT (worker_id) ON issued_document TO {viewer}",
        # Letter numbers come from sirentan_next_letter_number only.
        f"REVOKE INSERT, UPDATE, DELETE ON letter_counter FROM {groups}",
        # The service roles: the owner runs the definer functions, the manager the accounts.
        f"GRANT USAGE ON SCHEMA public TO {owner}, {manager}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {owner}",
        f"GRANT INSERT ON audit_log TO {owner}",
        f"GRANT USAGE ON SEQUENCE audit_log_id_seq TO {owner}",
        f"GRANT UPDATE (status, approved_at, approved_by) ON import_batch TO {owner}",
        f"GRANT INSERT, UPDATE ON letter_counter TO {owner}",
        f"GRANT SELECT ON app_user, register_group TO {manager}",
        f"GRANT SELECT ON register_group TO {groups}",
        f"GRANT USAGE ON SCHEMA public TO {groups}",
    ]


def _two_person(names: dict[str, str]) -> list[str]:
    owner = _lit(names["owner"])
    admin, operator, verifier = (_lit(names[k]) for k in ("admin", "operator", "verifikator"))
    return [
        # An import's approval: a verifikator or an administrator, never its own importer.
        f"""CREATE FUNCTION sirentan_approve_import(batch integer) RETURNS void
           LANGUAGE plpgsql VOLATILE SECURITY DEFINER
           SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE b public.import_batch; actor text := sirentan_actor();
           BEGIN
             IF sirentan_is_clerk() AND NOT EXISTS (SELECT 1 FROM pg_auth_members m
                 JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                 WHERE u.rolname = session_user AND g.rolname IN ({admin}, {verifier})) THEN
               RAISE EXCEPTION 'permission denied: only a verifikator approves an import'
                 USING ERRCODE = '42501';
             END IF;
             SELECT * INTO b FROM public.import_batch WHERE id = batch FOR UPDATE;
             IF NOT FOUND OR b.status <> 'pending' THEN
               RAISE EXCEPTION 'import batch is not pending' USING ERRCODE = '22023';
             END IF;
             IF b.created_by = actor THEN
               RAISE EXCEPTION 'permission denied: an import is approved by another clerk'
                 USING ERRCODE = '42501';
             END IF;
             PERFORM set_config('sirentan.approving', batch::text, true);
             UPDATE public.import_batch SET status = 'approved', approved_at = now(),
               approved_by = actor WHERE id = batch;
             PERFORM set_config('sirentan.approving', '', true);
           END $$""",
        # The approval columns move only inside that function; a batch that needs approval
        # is committed only once approved.
        f"""CREATE FUNCTION sirentan_guard_import() RETURNS trigger LANGUAGE plpgsql
           SET search_path = pg_catalog, public, pg_temp AS $$
           BEGIN
             IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
             IF TG_OP = 'INSERT' THEN
               IF NEW.status <> 'pending' OR NEW.approved_by IS NOT NULL
                  OR NEW.approved_at IS NOT NULL THEN
                 RAISE EXCEPTION 'permission denied: a new import batch starts pending'
                   USING ERRCODE = '42501';
               END IF;
               RETURN NEW;
             END IF;
             IF (NEW.approved_by IS DISTINCT FROM OLD.approved_by
                 OR NEW.approved_at IS DISTINCT FROM OLD.approved_at
                 OR (NEW.status = 'approved' AND OLD.status <> 'approved'))
                AND (current_user::text <> {owner}
                     OR coalesce(current_setting('sirentan.approving', true), '')
                        <> NEW.id::text) THEN
               RAISE EXCEPTION 'permission denied: approve an import with sirentan_approve_import'
                 USING ERRCODE = '42501';
             END IF;
             -- A verifikator moves a batch only by approving it.
             IF NEW.status IS DISTINCT FROM OLD.status AND current_user::text <> {owner}
                AND NOT EXISTS (SELECT 1 FROM pg_auth_members m
                  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                  WHERE u.rolname = session_user AND g.rolname IN ({admin}, {operator})) THEN
               RAISE EXCEPTION 'permission denied: a verifikator only approves an import'
                 USING ERRCODE = '42501';
             END IF;
             IF OLD.needs_approval AND NOT NEW.needs_approval THEN
               RAISE EXCEPTION 'permission denied: an import that needs approval keeps needing it'
                 USING ERRCODE = '42501';
             END IF;
             -- As in the app: an administrator's or verifikator's own import needs no
             -- second person; an operator's waits for one.
             IF NEW.status = 'committed' AND OLD.status <> 'committed' AND OLD.needs_approval
                AND OLD.status <> 'approved' AND NOT EXISTS (SELECT 1 FROM pg_auth_members m
                  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                  WHERE u.rolname = session_user AND g.rolname IN ({admin}, {verifier})) THEN
               RAISE EXCEPTION 'permission denied: this import waits for approval'
                 USING ERRCODE = '42501';
             END IF;
             RETURN NEW;
           END $$""",
        "CREATE TRIGGER sirentan_guard BEFORE INSERT OR UPDATE ON import_batch "
        "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_import()",
        # A letter's number: taken from the counter by this function only, remembered for
        # the one insert of the register line in the same transaction.
        f"""CREATE FUNCTION sirentan_next_letter_number(letter_series text, letter_year integer)
           RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER
           SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE n integer;
           BEGIN
             IF sirentan_is_clerk() AND NOT EXISTS (SELECT 1 FROM pg_auth_members m
                 JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                 WHERE u.rolname = session_user AND g.rolname IN ({admin}, {operator})) THEN
               RAISE EXCEPTION 'permission denied: letters are numbered by operators'
                 USING ERRCODE = '42501';
             END IF;
             IF letter_series IS NULL OR length(letter_series) NOT BETWEEN 1 AND 32
                OR letter_year IS NULL OR letter_year NOT BETWEEN 2000 AND 2200 THEN
               RAISE EXCEPTION 'invalid letter series or year' USING ERRCODE = '22023';
             END IF;
             INSERT INTO public.letter_counter AS c (series, year, last_number)
             VALUES (letter_series, letter_year, 1)
             ON CONFLICT (series, year) DO UPDATE SET last_number = c.last_number + 1
             RETURNING c.last_number INTO n;
             PERFORM set_config('sirentan.letter',
               letter_series || '|' || letter_year || '|' || n, true);
             RETURN n;
           END $$""",
        # A register line is inserted once per number taken, by the clerk who took it, now;
        # its status moves only forward, stamped with who and when.
        """CREATE FUNCTION sirentan_guard_document() RETURNS trigger LANGUAGE plpgsql
           SET search_path = pg_catalog, public, pg_temp AS $$
           BEGIN
             IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
             IF TG_OP = 'INSERT' THEN
               -- The number just taken: the setting says so, and the counter agrees (a
               -- setting alone could be written by anyone; the counter only by the function).
               IF coalesce(current_setting('sirentan.letter', true), '')
                  <> NEW.series || '|' || NEW.year || '|' || NEW.sequence
                  OR NOT EXISTS (SELECT 1 FROM public.letter_counter c
                    WHERE c.series = NEW.series AND c.year = NEW.year
                      AND c.last_number = NEW.sequence
                      AND c.xmin = pg_current_xact_id()::xid) THEN
                 RAISE EXCEPTION 'permission denied: a letter is issued with a number taken '
                   'by sirentan_next_letter_number' USING ERRCODE = '42501';
               END IF;
               PERFORM set_config('sirentan.letter', '', true);
               IF NEW.status <> 'terbit' OR NEW.status_by IS NOT NULL THEN
                 RAISE EXCEPTION 'permission denied: a new letter is issued, not cancelled'
                   USING ERRCODE = '42501';
               END IF;
               NEW.created_at := now();
               NEW.created_by := sirentan_actor();
               RETURN NEW;
             END IF;
             IF NEW.status IS DISTINCT FROM OLD.status THEN
               IF OLD.status <> 'terbit' THEN
                 RAISE EXCEPTION 'permission denied: a cancelled or replaced letter stays so'
                   USING ERRCODE = '42501';
               END IF;
               NEW.status_at := now();
               NEW.status_by := sirentan_actor();
             ELSIF NEW.status_reason IS DISTINCT FROM OLD.status_reason
                OR NEW.status_at IS DISTINCT FROM OLD.status_at
                OR NEW.status_by IS DISTINCT FROM OLD.status_by THEN
               RAISE EXCEPTION 'permission denied: a letter''s status record is kept'
                 USING ERRCODE = '42501';
             END IF;
             RETURN NEW;
           END $$""",
        "CREATE TRIGGER sirentan_guard BEFORE INSERT OR UPDATE ON issued_document "
        "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_document()",
        # The PDF of a letter: stored once, in the transaction that issued the letter, and
        # only the bytes whose checksum the register line holds.
        """CREATE FUNCTION sirentan_guard_document_file() RETURNS trigger LANGUAGE plpgsql
           SET search_path = pg_catalog, public, pg_temp AS $$
           BEGIN
             IF NOT sirentan_is_clerk() THEN RETURN NEW; END IF;
             IF NOT EXISTS (SELECT 1 FROM public.issued_document d
                 WHERE d.id = NEW.document_id AND d.xmin = pg_current_xact_id()::xid
                   AND d.sha256 = encode(sha256(NEW.pdf), 'hex')) THEN
               RAISE EXCEPTION 'permission denied: a letter''s file is stored when it is issued'
                 USING ERRCODE = '42501';
             END IF;
             RETURN NEW;
           END $$""",
        "CREATE TRIGGER sirentan_guard BEFORE INSERT ON document_file "
        "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_document_file()",
    ]


# The claim workflow of services/claims/workflow.py, frozen here: (from, to, verifikator?).
CLAIM_STEPS = [
    ("draft", "berkas_lengkap", True),
    ("berkas_lengkap", "diajukan", False),
    ("diajukan", "disetujui", False),
    ("diajukan", "ditolak", False),
    ("disetujui", "dibayar", False),
    ("dibayar", "selesai", False),
    *((s, "dibatalkan", False) for s in ("draft", "berkas_lengkap", "diajukan", "disetujui")),
    ("berkas_lengkap", "draft", True),
    ("diajukan", "berkas_lengkap", False),
    ("disetujui", "diajukan", False),
    ("ditolak", "diajukan", False),
    ("dibayar", "disetujui", False),
    ("selesai", "dibayar", False),
    ("dibatalkan", "draft", False),
]


def _claim_steps(names: dict[str, str]) -> list[str]:
    """A claim moves only along the workflow; a verifikator takes only the verification step."""
    steps = ", ".join(f"({_lit(a)}, {_lit(b)}, {str(v).lower()})" for a, b, v in CLAIM_STEPS)
    keepers = f"{_lit(names['admin'])}, {_lit(names['operator'])}"
    return [
        f"""CREATE FUNCTION sirentan_guard_claim() RETURNS trigger LANGUAGE plpgsql
           SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE keeper boolean; verify boolean;
           BEGIN
             IF NOT sirentan_is_clerk() OR NEW.status IS NOT DISTINCT FROM OLD.status THEN
               RETURN NEW;
             END IF;
             SELECT v.verify INTO verify FROM (VALUES {steps}) v(source, target, verify)
               WHERE v.source = OLD.status AND v.target = NEW.status;
             IF NOT FOUND THEN
               RAISE EXCEPTION 'permission denied: no claim step from % to %', OLD.status,
                 NEW.status USING ERRCODE = '42501';
             END IF;
             keeper := EXISTS (SELECT 1 FROM pg_auth_members m
               JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
               WHERE u.rolname = session_user AND g.rolname IN ({keepers}));
             IF NOT keeper AND NOT verify THEN
               RAISE EXCEPTION 'permission denied: a verifikator takes only the verification '
                 'step' USING ERRCODE = '42501';
             END IF;
             RETURN NEW;
           END $$""",
        "CREATE TRIGGER sirentan_guard BEFORE UPDATE ON claim "
        "FOR EACH ROW EXECUTE FUNCTION sirentan_guard_claim()",
    ]


def _accounts(names: dict[str, str]) -> list[str]:
    """Accounts through the manager role: only this register's clerks, only by its admins."""
    clerk = _lit(names["clerk"])
    groups = _groups_array(names)
    service = "ARRAY[" + ", ".join(_lit(names[k]) for k in ROLE_KINDS + SERVICE_KINDS) + "]"
    return [
        f"""CREATE FUNCTION sirentan_account_sync(username text, verifier text)
           RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
           SET search_path = pg_catalog, public, pg_temp AS $$
           DECLARE u record; r record; target_group text; g text;
           BEGIN
             IF NOT (sirentan_is_admin()
                     OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)) THEN
               RAISE EXCEPTION 'permission denied: accounts are managed by this register''s '
                 'administrators' USING ERRCODE = '42501';
             END IF;
             IF username IS NULL OR username !~ '^[a-z][a-z0-9_]{{2,31}}$'
                OR username = ANY ({service}) OR username LIKE 'pg\\_%' THEN
               RAISE EXCEPTION 'invalid account name' USING ERRCODE = '22023';
             END IF;
             IF verifier IS NOT NULL AND verifier !~
                '^SCRAM-SHA-256\\$[0-9]{{4,7}}:[A-Za-z0-9+/=]{{16,64}}\\$[A-Za-z0-9+/=]{{44}}:[A-Za-z0-9+/=]{{44}}$'
             THEN
               RAISE EXCEPTION 'a password is given as a SCRAM-SHA-256 verifier'
                 USING ERRCODE = '22023';
             END IF;
             SELECT a.role, a.active INTO u FROM public.app_user a WHERE a.username = $1;
             IF NOT FOUND THEN
               RAISE EXCEPTION 'no such account in this register' USING ERRCODE = '22023';
             END IF;
             SELECT rolname INTO target_group FROM public.register_group WHERE kind = u.role;
             SELECT * INTO r FROM pg_roles WHERE rolname = username;
             IF NOT FOUND THEN
               IF verifier IS NULL THEN
                 RAISE EXCEPTION 'a new account needs a password' USING ERRCODE = '22023';
               END IF;
               EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                 'NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L', username, verifier);
               EXECUTE format('GRANT %I TO %I', {clerk}, username);
             ELSE
               -- Only a login of this register: in its clerk marker, in none of another's
               -- roles, with no power of its own, and nobody's group.
               IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication
                  OR r.rolbypassrls
                  OR NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles c
                      ON c.oid = m.roleid WHERE m.member = r.oid AND c.rolname = {clerk})
                  OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles c
                      ON c.oid = m.roleid WHERE m.member = r.oid
                      AND NOT (c.rolname = ANY ({service})))
                  OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid) THEN
                 RAISE EXCEPTION 'permission denied: % is not a login of this register',
                   username USING ERRCODE = '42501';
               END IF;
               IF verifier IS NOT NULL THEN
                 EXECUTE format('ALTER ROLE %I PASSWORD %L', username, verifier);
               END IF;
             END IF;
             FOREACH g IN ARRAY {groups} LOOP
               IF g <> target_group THEN EXECUTE format('REVOKE %I FROM %I', g, username);
               END IF;
             END LOOP;
             EXECUTE format('GRANT %I TO %I', target_group, username);
             EXECUTE format('ALTER ROLE %I %s', username,
               CASE WHEN u.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
           END $$""",
    ]


def _function_rights(names: dict[str, str]) -> list[str]:
    owner, manager = _ident(names["owner"]), _ident(names["manager"])
    admin, operator, verifier, viewer = (_ident(names[k]) for k in ROLE_KINDS)
    groups = f"{admin}, {operator}, {verifier}, {viewer}"
    owned_by_owner = (
        "sirentan_my_kecamatan()",
        "sirentan_find_worker(text)",
        "sirentan_reveal_identity(integer, text)",
        "sirentan_audit_event(text, text, text, text, text)",
        "sirentan_audit_row()",
        "sirentan_audit_bulk()",
        "sirentan_approve_import(integer)",
        "sirentan_next_letter_number(text, integer)",
    )
    stmts = [
        # Nothing of this register runs for PUBLIC; each group gets what it needs.
        """DO $$ DECLARE f record; BEGIN
           FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
             JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.proname LIKE 'sirentan\\_%'
           LOOP EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f.sig); END LOOP;
           END $$""",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
        *(f"ALTER FUNCTION {sig} OWNER TO {owner}" for sig in owned_by_owner),
        f"ALTER FUNCTION sirentan_account_sync(text, text) OWNER TO {manager}",
        "GRANT EXECUTE ON FUNCTION sirentan_is_clerk(), sirentan_is_admin(), sirentan_actor(), "
        "sirentan_workstation(), sirentan_my_kecamatan(), sirentan_find_worker(text), "
        "sirentan_reveal_identity(integer, text), "
        "sirentan_audit_event(text, text, text, text, text), sirentan_audit_label(text, jsonb), "
        "sirentan_stamp_who(), sirentan_guard_import(), sirentan_guard_document(), "
        "sirentan_guard_document_file(), sirentan_guard_claim(), "
        "sirentan_mask_value(text, jsonb), "
        "sirentan_mask_changes(text), sirentan_audit_worker(text, text, text, text) "
        f"TO {groups}, {owner}, {manager}",
        f"GRANT EXECUTE ON FUNCTION sirentan_approve_import(integer) TO {admin}, {verifier}",
        "GRANT EXECUTE ON FUNCTION sirentan_next_letter_number(text, integer) "
        f"TO {admin}, {operator}",
        f"GRANT EXECUTE ON FUNCTION sirentan_account_sync(text, text) TO {admin}",
    ]
    return stmts


def _letter_worker(postgresql: bool) -> None:
    """issued_document.worker_id: whom a letter is about, from its issue's audit entry."""
    op.add_column("issued_document", sa.Column("worker_id", sa.Integer))
    op.create_index("ix_issued_document_worker_id", "issued_document", ["worker_id"])
    value = (
        "(a.changes::jsonb ->> 'worker_id')::integer"
        if postgresql
        else "CAST(json_extract(a.changes, '$.worker_id') AS INTEGER)"
    )
    pattern = "'^[0-9]{1,9}$'" if postgresql else None
    where = (
        f"AND (a.changes::jsonb ->> 'worker_id') ~ {pattern}"
        if postgresql
        else "AND json_valid(a.changes)"
    )
    op.execute(
        f"UPDATE issued_document SET worker_id = (SELECT {value} FROM audit_log a "
        "WHERE a.entity = 'issued_document' AND a.action = 'print' "
        "AND a.entity_id = CAST(issued_document.id AS VARCHAR(40)) "
        f"AND a.changes LIKE '%worker_id%' {where} ORDER BY a.id LIMIT 1)"
    )


# Letters not about one worker (PKS, covering letters) stay visible to every clerk; a
# letter's PDF follows its register line.
LETTER_POLICIES = [
    "ALTER TABLE issued_document ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY issued_document_by_worker ON issued_document USING (worker_id IS NULL "
    "OR cardinality((SELECT sirentan_my_kecamatan())) = 0 "
    "OR EXISTS (SELECT 1 FROM worker w WHERE w.id = issued_document.worker_id)) "
    "WITH CHECK (worker_id IS NULL OR cardinality((SELECT sirentan_my_kecamatan())) = 0 "
    "OR EXISTS (SELECT 1 FROM worker w WHERE w.id = issued_document.worker_id))",
    "ALTER TABLE document_file ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY document_file_by_letter ON document_file USING (EXISTS "
    "(SELECT 1 FROM issued_document d WHERE d.id = document_file.document_id))",
]


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    _letter_worker(postgresql)
    if not postgresql:
        return
    db = bind.execute(sa.text("SELECT current_database()")).scalar_one()
    names = _names(role_prefix(db))
    statements = [
        *_roles(db, names),
        *_move_legacy(db, names),
        *_functions(names),
        *_masking(names),
        *_two_person(names),
        *_accounts(names),
        *_claim_steps(names),
        *LETTER_POLICIES,
        _secure_worker_tables(),
        "SELECT sirentan_secure_worker_tables()",
        *_grants(names),
        *_function_rights(names),
    ]
    for statement in statements:
        op.execute(sa.text(statement))


def _downgrade_postgresql(db: str, names: dict[str, str]) -> list[str]:
    """Back to 0008: the server-wide groups get this register's grants again, the register's
    own roles and everything 0012 made are dropped."""
    back = {kind: names[kind] for kind in ROLE_KINDS}
    legacy = {k: LEGACY[k] for k in ROLE_KINDS}
    pairs = ", ".join(f"({_lit(back[k])}, {_lit(legacy[k])})" for k in ROLE_KINDS)
    groups = ", ".join(legacy[k] for k in ROLE_KINDS)
    own = [names[k] for k in ROLE_KINDS + SERVICE_KINDS]
    return [
        # Old groups exist on a server that has seen 0002; make sure.
        *(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_lit(g)}) "
            f"THEN CREATE ROLE {_ident(g)} NOLOGIN; END IF; END $$"
            for g in legacy.values()
        ),
        "DROP VIEW IF EXISTS audit_log_masked",
        r"""DO $$ DECLARE t record; BEGIN
           FOR t IN SELECT g.tgname, c.relname FROM pg_trigger g
             JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND NOT g.tgisinternal
               AND g.tgname IN ('sirentan_audit', 'sirentan_audit_insert',
                 'sirentan_audit_update', 'sirentan_audit_delete', 'sirentan_who',
                 'sirentan_guard')
           LOOP EXECUTE format('DROP TRIGGER %I ON %I', t.tgname, t.relname); END LOOP;
           FOR t IN SELECT p.polname, c.relname FROM pg_policy p
             JOIN pg_class c ON c.oid = p.polrelid
             WHERE (p.polname LIKE '%\_by\_worker' AND c.relname <> 'heir')
                OR p.polname = 'document_file_by_letter'
           LOOP
             EXECUTE format('DROP POLICY %I ON %I', t.polname, t.relname);
             EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t.relname);
           END LOOP;
           END $$""",
        # The grants of the register's groups go back to the server-wide ones.
        f"""DO $$
        DECLARE p record; old_name text; new_name text;
        BEGIN
          FOR old_name, new_name IN SELECT * FROM (VALUES {pairs}) v(o, n) LOOP
            FOR p IN
              SELECT c.relname, c.relkind, a.privilege_type
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                   LATERAL aclexplode(c.relacl) a
              WHERE n.nspname = 'public' AND a.grantee = old_name::regrole
            LOOP
              EXECUTE format('GRANT %s ON %s %I TO %I', p.privilege_type,
                CASE WHEN p.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, p.relname, new_name);
            END LOOP;
            FOR p IN
              SELECT c.relname, att.attname, a.privilege_type
              FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
                   JOIN pg_namespace n ON n.oid = c.relnamespace,
                   LATERAL aclexplode(att.attacl) a
              WHERE n.nspname = 'public' AND a.grantee = old_name::regrole
                AND NOT att.attisdropped
            LOOP
              EXECUTE format('GRANT %s (%I) ON TABLE %I TO %I', p.privilege_type,
                p.attname, p.relname, new_name);
            END LOOP;
            FOR p IN SELECT u.username FROM app_user u JOIN pg_roles r ON r.rolname = u.username
              WHERE pg_has_role(r.oid, old_name::regrole, 'MEMBER') AND NOT r.rolsuper
            LOOP
              EXECUTE format('GRANT %I TO %I', new_name, p.username);
            END LOOP;
          END LOOP;
        END $$""",
        f"GRANT USAGE ON SCHEMA public TO {groups}",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {_ident(db)} TO PUBLIC",
        # What 0012 took from every group (0002, 0005).
        f"GRANT SELECT, INSERT ON audit_log TO {groups}",
        f"GRANT USAGE ON SEQUENCE audit_log_id_seq TO {groups}",
        f"GRANT SELECT ON app_user TO {groups}",
        "GRANT UPDATE (password_hash, must_change_password, failed_attempts, locked_until, "
        f"last_login_at, updated_at, updated_by, version) ON app_user TO {groups}",
        "GRANT INSERT, UPDATE ON app_user TO sirentan_admin",
        "GRANT SELECT, INSERT, UPDATE ON letter_counter TO sirentan_admin, sirentan_operator",
        "DROP POLICY app_user_self ON app_user",
        "CREATE POLICY app_user_self ON app_user USING "
        "(username = session_user OR pg_has_role(session_user, 'sirentan_admin', 'MEMBER'))",
        # Functions 0002 made go back to the migrating role and to the groups.
        *(
            f"ALTER FUNCTION {sig} OWNER TO CURRENT_USER"
            for sig in (
                "sirentan_my_kecamatan()",
                "sirentan_find_worker(text)",
                "sirentan_reveal_identity(integer, text)",
            )
        ),
        "GRANT EXECUTE ON FUNCTION sirentan_my_kecamatan(), sirentan_find_worker(text), "
        f"sirentan_reveal_identity(integer, text) TO {groups}",
        "DROP FUNCTION sirentan_secure_worker_tables()",
        *(
            f"DROP FUNCTION {sig}"
            for sig in (
                "sirentan_account_sync(text, text)",
                "sirentan_approve_import(integer)",
                "sirentan_next_letter_number(text, integer)",
                "sirentan_guard_import()",
                "sirentan_guard_document()",
                "sirentan_guard_document_file()",
                "sirentan_guard_claim()",
                "sirentan_audit_row()",
                "sirentan_audit_bulk()",
                "sirentan_audit_event(text, text, text, text, text)",
                "sirentan_audit_label(text, jsonb)",
                "sirentan_stamp_who()",
                "sirentan_audit_worker(text, text, text, text)",
                "sirentan_mask_changes(text)",
                "sirentan_mask_value(text, jsonb)",
            )
        ),
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO PUBLIC",
        "DROP TABLE register_group",
        *(f"REVOKE ALL ON DATABASE {_ident(db)} FROM {_ident(r)}" for r in own),
        *(f"DROP OWNED BY {_ident(r)}" for r in own),
        # The actor functions go last: the masked view and the policies used them.
        "DROP FUNCTION sirentan_actor()",
        "DROP FUNCTION sirentan_workstation()",
        "DROP FUNCTION sirentan_is_admin()",
        "DROP FUNCTION sirentan_is_clerk()",
        *(f"DROP ROLE {_ident(r)}" for r in own),
    ]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        db = bind.execute(sa.text("SELECT current_database()")).scalar_one()
        for statement in _downgrade_postgresql(db, _names(role_prefix(db))):
            op.execute(sa.text(statement))
    op.drop_index("ix_issued_document_worker_id", table_name="issued_document")
    with op.batch_alter_table("issued_document", recreate="never") as batch:
        batch.drop_column("worker_id")
