"""Trust: clerk accounts, kecamatan limits, the append-only audit trail, database roles.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

On PostgreSQL the database enforces the roles too: group roles with matching
grants, row-level security by kecamatan, a masked view for viewers, and an
audit table that refuses UPDATE, DELETE and TRUNCATE. On SQLite, triggers keep
the audit table append-only; the file's own permissions are the outer wall.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GROUPS = ("sirentan_admin", "sirentan_operator", "sirentan_verifikator", "sirentan_viewer")
ALL_GROUPS = ", ".join(GROUPS)

# Columns a viewer may read: no NIK, No. KK or bank account, on either table.
WORKER_PUBLIC = (
    "id, full_name, name_key, birth_place, birth_date, gender, address, rt, rw, village_code, "
    "kecamatan_code, occupation_id, phone, kpj, funding, coverage_start, coverage_end, status, "
    "status_reason, status_date, notes, created_at, created_by, updated_at, updated_by, version"
)
HEIR_PUBLIC = "id, worker_id, full_name, relation, birth_date, phone, created_at, updated_at"
MASKED_NIK = "substr({col}, 1, 4) || '********' || substr({col}, 13, 4)"


NEW_TABLES = ("app_user", "user_kecamatan", "audit_log")


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    # Only as the target of a foreign key; 0001 made the real table.
    sa.Table("region", meta, sa.Column("code", sa.String(13), primary_key=True))
    sa.Table(
        "app_user",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(32), nullable=False, unique=True),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "operator",
                "verifikator",
                "viewer",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("must_change_password", sa.Boolean, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", ts),
        sa.Column("last_login_at", ts),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.Column("version", sa.Integer, nullable=False),
    )
    sa.Table(
        "user_kecamatan",
        meta,
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("app_user.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kecamatan_code", sa.String(8), sa.ForeignKey("region.code"), primary_key=True),
    )
    sa.Table(
        "audit_log",
        meta,
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("at", ts, nullable=False),
        sa.Column("user_name", sa.String(64)),
        sa.Column("workstation", sa.String(100)),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("entity_id", sa.String(40)),
        sa.Column("parent_entity", sa.String(30)),
        sa.Column("parent_id", sa.String(40)),
        sa.Column("summary", sa.String(300)),
        sa.Column("changes", sa.Text),
        sa.Index("ix_audit_log_entity", "entity", "entity_id"),
        sa.Index("ix_audit_log_parent", "parent_entity", "parent_id"),
        sa.Index("ix_audit_log_at", "at"),
        sa.Index("ix_audit_log_user_name", "user_name"),
    )


def _masked_view(where: str = "") -> str:
    nik = MASKED_NIK.format(col="nik")
    kk = MASKED_NIK.format(col="kk_number")
    return (
        f"CREATE VIEW worker_masked AS SELECT {WORKER_PUBLIC}, {nik} AS nik, "
        f"CASE WHEN kk_number IS NULL THEN NULL ELSE {kk} END AS kk_number FROM worker {where}"
    )


SQLITE = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    _masked_view(),
]

POSTGRESQL = [
    # Group roles are cluster-wide: create them once, reuse them in every database.
    "DO $$ DECLARE g text; BEGIN FOREACH g IN ARRAY ARRAY['"
    + "','".join(GROUPS)
    + "'] LOOP IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN "
    "EXECUTE format('CREATE ROLE %I NOLOGIN', g); END IF; END LOOP; END $$",
    # Audit trail: append-only for everybody, the owner included.
    """CREATE FUNCTION sirentan_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_audit_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION sirentan_audit_append_only()",
    # Kecamatan limits of the signed-in clerk (session_user: the login role).
    """CREATE FUNCTION sirentan_my_kecamatan() RETURNS text[] LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path = public AS $$
       SELECT coalesce(array_agg(uk.kecamatan_code), ARRAY[]::text[])
       FROM user_kecamatan uk JOIN app_user u ON u.id = uk.user_id
       WHERE u.username = session_user $$""",
    # A scalar subquery runs once per statement, not once per row.
    "ALTER TABLE worker ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY worker_by_kecamatan ON worker
       USING (cardinality((SELECT sirentan_my_kecamatan())) = 0
              OR kecamatan_code = ANY ((SELECT sirentan_my_kecamatan())::text[]))
       WITH CHECK (cardinality((SELECT sirentan_my_kecamatan())) = 0
              OR kecamatan_code = ANY ((SELECT sirentan_my_kecamatan())::text[]))""",
    "ALTER TABLE heir ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY heir_by_worker ON heir
       USING (EXISTS (SELECT 1 FROM worker w WHERE w.id = heir.worker_id))
       WITH CHECK (EXISTS (SELECT 1 FROM worker w WHERE w.id = heir.worker_id))""",
    # Clerks see and update their own account; administrators every account.
    "ALTER TABLE app_user ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY app_user_self ON app_user
       USING (username = session_user OR pg_has_role(session_user, 'sirentan_admin', 'MEMBER'))""",
    # The view runs with its owner's rights, so it applies the kecamatan limit itself.
    _masked_view(
        "WHERE cardinality((SELECT sirentan_my_kecamatan())) = 0 "
        "OR kecamatan_code = ANY ((SELECT sirentan_my_kecamatan())::text[])"
    ),
    # A viewer finds a worker by the whole NIK or KPJ, never by guessing prefixes.
    """CREATE FUNCTION sirentan_find_worker(number text) RETURNS SETOF integer LANGUAGE sql
       STABLE SECURITY DEFINER SET search_path = public AS $$
       SELECT id FROM worker WHERE (nik = number OR kpj = number)
       AND (cardinality(sirentan_my_kecamatan()) = 0
            OR kecamatan_code = ANY (sirentan_my_kecamatan())) $$""",
    # A viewer may see a whole NIK, and the database records that they did.
    """CREATE FUNCTION sirentan_reveal_identity(worker integer, station text)
       RETURNS TABLE (nik varchar, kk_number varchar) LANGUAGE plpgsql
       SECURITY DEFINER SET search_path = public AS $$
       BEGIN
         INSERT INTO audit_log (at, user_name, workstation, action, entity, entity_id, summary)
         SELECT now(), session_user, station, 'access', 'worker', w.id::text, 'NIK dibuka'
         FROM worker w WHERE w.id = worker
           AND (cardinality(sirentan_my_kecamatan()) = 0
                OR w.kecamatan_code = ANY (sirentan_my_kecamatan()));
         RETURN QUERY SELECT w.nik, w.kk_number FROM worker w WHERE w.id = worker
           AND (cardinality(sirentan_my_kecamatan()) = 0
                OR w.kecamatan_code = ANY (sirentan_my_kecamatan()));
       END $$""",
    f"GRANT USAGE ON SCHEMA public TO {ALL_GROUPS}",
    f"GRANT SELECT ON region, region_code_change, occupation, setting, alembic_version, "
    f"user_kecamatan, worker_masked TO {ALL_GROUPS}",
    f"GRANT SELECT, INSERT ON audit_log TO {ALL_GROUPS}",
    f"GRANT USAGE ON SEQUENCE audit_log_id_seq TO {ALL_GROUPS}",
    f"GRANT SELECT ON app_user TO {ALL_GROUPS}",
    "GRANT UPDATE (password_hash, must_change_password, failed_attempts, locked_until, "
    f"last_login_at, updated_at, updated_by, version) ON app_user TO {ALL_GROUPS}",
    "GRANT EXECUTE ON FUNCTION sirentan_my_kecamatan(), sirentan_find_worker(text), "
    f"sirentan_reveal_identity(integer, text) TO {ALL_GROUPS}",
    "GRANT INSERT, UPDATE ON app_user TO sirentan_admin",
    "GRANT INSERT, UPDATE, DELETE ON user_kecamatan TO sirentan_admin",
    "GRANT USAGE ON SEQUENCE app_user_id_seq TO sirentan_admin",
    "GRANT INSERT, UPDATE, DELETE ON setting TO sirentan_admin",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON worker, heir TO sirentan_admin, sirentan_operator",
    "GRANT USAGE ON SEQUENCE worker_id_seq, heir_id_seq TO sirentan_admin, sirentan_operator",
    "GRANT SELECT ON worker, heir TO sirentan_verifikator",
    f"GRANT SELECT ({WORKER_PUBLIC}) ON worker TO sirentan_viewer",
    f"GRANT SELECT ({HEIR_PUBLIC}) ON heir TO sirentan_viewer",
]

POSTGRESQL_DOWN = [
    "DROP VIEW IF EXISTS worker_masked",
    "DROP FUNCTION IF EXISTS sirentan_find_worker(text)",
    "DROP FUNCTION IF EXISTS sirentan_reveal_identity(integer, text)",
    "DROP POLICY IF EXISTS worker_by_kecamatan ON worker",
    "DROP POLICY IF EXISTS heir_by_worker ON heir",
    "ALTER TABLE worker DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE heir DISABLE ROW LEVEL SECURITY",
    f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {ALL_GROUPS}",
    f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {ALL_GROUPS}",
    f"REVOKE USAGE ON SCHEMA public FROM {ALL_GROUPS}",
]


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    for statement in SQLITE if bind.dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP VIEW IF EXISTS worker_masked")
    else:
        for statement in POSTGRESQL_DOWN:
            op.execute(statement)
    for table in ("audit_log", "user_kecamatan", "app_user"):
        op.drop_table(table)
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS sirentan_my_kecamatan()")
        op.execute("DROP FUNCTION IF EXISTS sirentan_audit_append_only()")
