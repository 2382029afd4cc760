"""Names found despite spelling: a phonetic key beside the folded name, indexed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

``worker.name_phonetic`` holds the name as it sounds ("Johana", "Yohanna" and "YOHANA"
give one key), filled here for every existing worker with a frozen copy of
``models.text_keys.name_phonetic`` (a migration must not import code that may change).
It is indexed like ``name_key``: a trigram FTS5 table kept in step by triggers on SQLite,
a pg_trgm GIN index on PostgreSQL. The viewer's masked view and column grant gain it.

On PostgreSQL (after 0012) the grant goes to this register's own viewer group, named in
``register_group``; the masked view stays a ``security_barrier`` view limited to the clerk's
kecamatan; and the database's audit trigger skips the key as it skips ``name_key`` (before
the fill, so filling writes no trail entry per worker).
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Frozen copy of models.text_keys.name_key and name_phonetic as of this revision.
_STEPS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z0-9]+", " "),
        (r"dj", "j"),
        (r"tj", "c"),
        (r"sj", "sy"),
        (r"nj", "ny"),
        (r"oe", "u"),
        (r"sch", "s"),
        (r"ch", "k"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"kh", "k"),
        (r"gh", "g"),
        (r"j", "y"),
        (r"c(?=[aoulr]|$)", "k"),
        (r"c", "s"),
        (r"q", "k"),
        (r"x", "ks"),
        (r"v", "f"),
        (r"z", "s"),
        (r"(?<=[aeiou])h\b", ""),
        (r"([a-z])\1+", r"\1"),
        (r" +", " "),
    )
)


def _phonetic(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    key = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    key = re.sub(r"\s+", " ", key).strip()
    for pattern, replacement in _STEPS:
        key = pattern.sub(replacement, key)
    return key.strip()


SQLITE_PHONETIC_SEARCH = [
    "CREATE VIRTUAL TABLE worker_phonetic_fts USING fts5("
    "name_phonetic, content='worker', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER worker_phonetic_fts_ai AFTER INSERT ON worker BEGIN "
    "INSERT INTO worker_phonetic_fts(rowid, name_phonetic) VALUES (new.id, new.name_phonetic); "
    "END",
    "CREATE TRIGGER worker_phonetic_fts_ad AFTER DELETE ON worker BEGIN "
    "INSERT INTO worker_phonetic_fts(worker_phonetic_fts, rowid, name_phonetic) "
    "VALUES ('delete', old.id, old.name_phonetic); END",
    "CREATE TRIGGER worker_phonetic_fts_au AFTER UPDATE OF name_phonetic ON worker BEGIN "
    "INSERT INTO worker_phonetic_fts(worker_phonetic_fts, rowid, name_phonetic) "
    "VALUES ('delete', old.id, old.name_phonetic); "
    "INSERT INTO worker_phonetic_fts(rowid, name_phonetic) VALUES (new.id, new.name_phonetic); "
    "END",
    "INSERT INTO worker_phonetic_fts(worker_phonetic_fts) VALUES ('rebuild')",
]

# The columns of migration 0002's masked view, then the new one (CREATE OR REPLACE VIEW
# may only add columns at the end).
WORKER_PUBLIC = (
    "id, full_name, name_key, birth_place, birth_date, gender, address, rt, rw, village_code, "
    "kecamatan_code, occupation_id, phone, kpj, funding, coverage_start, coverage_end, status, "
    "status_reason, status_date, notes, created_at, created_by, updated_at, updated_by, version"
)
MASKED_NIK = "substr({col}, 1, 4) || '********' || substr({col}, 13, 4)"
# 0012's row filter: a clerk limited to kecamatan sees only theirs.
PG_LIMIT = (
    "WHERE (cardinality((SELECT sirentan_my_kecamatan())) = 0 "
    "OR kecamatan_code = ANY ((SELECT sirentan_my_kecamatan())::text[]))"
)
# The viewer's column grant, to this register's own viewer group (0012's register_group).
PG_GRANT_VIEWER = """DO $$ DECLARE g record; BEGIN
   FOR g IN SELECT rolname FROM public.register_group WHERE kind = 'viewer' LOOP
     EXECUTE format('GRANT SELECT (name_phonetic) ON worker TO %I', g.rolname);
   END LOOP; END $$"""
# 0012's audit trigger function skips bookkeeping columns listed in an array literal that
# starts with 'name_key'; the phonetic key is bookkeeping too. Edited in place, so this
# migration carries no copy of the whole function (owner and grants are kept by REPLACE).
_SKIP_FROM = "'name_key', "
_SKIP_TO = "'name_key', 'name_phonetic', "


def _audit_skip(old: str, new: str) -> str:
    return f"""DO $$ DECLARE body text; BEGIN
       body := pg_get_functiondef('public.sirentan_audit_row()'::regprocedure);
       IF position({_quote(new)} IN body) = 0 THEN
         EXECUTE replace(body, {_quote(old)}, {_quote(new)});
       END IF;
     END $$"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _masked_view(create: str, where: str, phonetic: bool) -> str:
    nik = MASKED_NIK.format(col="nik")
    kk = MASKED_NIK.format(col="kk_number")
    extra = ", name_phonetic" if phonetic else ""
    # On PostgreSQL (0012) a cheap function in a caller's WHERE must not see rows first.
    barrier = " WITH (security_barrier)" if where else ""
    return (
        f"{create} worker_masked{barrier} AS SELECT {WORKER_PUBLIC}, {nik} AS nik, "
        f"CASE WHEN kk_number IS NULL THEN NULL ELSE {kk} END AS kk_number{extra} "
        f"FROM worker {where}"
    )


def _fill(bind: sa.Connection) -> None:
    worker = sa.table(
        "worker", sa.column("id", sa.Integer), sa.column("full_name"), sa.column("name_phonetic")
    )
    rows = bind.execute(sa.select(worker.c.id, worker.c.full_name)).all()
    statement = (
        sa.update(worker)
        .where(worker.c.id == sa.bindparam("w_id"))
        .values(name_phonetic=sa.bindparam("w_sound"))
    )
    for start in range(0, len(rows), 5000):
        part = rows[start : start + 5000]
        bind.execute(statement, [{"w_id": i, "w_sound": _phonetic(n or "")} for i, n in part])


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    column = sa.Column("name_phonetic", sa.String(160), nullable=False, server_default="")
    if sqlite:
        # ADD COLUMN in place: batch mode's table copy would cascade-delete heirs and claims.
        op.execute("DROP VIEW IF EXISTS worker_masked")
        op.add_column("worker", column)
        _fill(bind)
        for statement in SQLITE_PHONETIC_SEARCH:
            op.execute(statement)
        op.execute(_masked_view("CREATE VIEW", "", phonetic=True))
        return
    op.add_column("worker", column)
    op.execute(_audit_skip(_SKIP_FROM, _SKIP_TO))
    _fill(bind)
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE INDEX ix_worker_name_phonetic_trgm ON worker "
        "USING gin (name_phonetic gin_trgm_ops)"
    )
    op.execute(_masked_view("CREATE OR REPLACE VIEW", PG_LIMIT, phonetic=True))
    op.execute(PG_GRANT_VIEWER)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP VIEW IF EXISTS worker_masked")
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS worker_phonetic_fts_{name}")
        op.execute("DROP TABLE IF EXISTS worker_phonetic_fts")
        op.drop_column("worker", "name_phonetic")
        op.execute(_masked_view("CREATE VIEW", "", phonetic=False))
        return
    # The view depends on the column: back to 0012's view first, with the grants it had.
    readers = bind.execute(
        sa.text(
            "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
            "WHERE table_schema = 'public' AND table_name = 'worker_masked' "
            "AND privilege_type = 'SELECT' AND grantee <> current_user"
        )
    ).scalars()
    quote = bind.dialect.identifier_preparer.quote
    grantees = [quote(name) for name in readers]
    op.execute("DROP VIEW worker_masked")
    op.execute(_masked_view("CREATE VIEW", PG_LIMIT, phonetic=False))
    if grantees:
        op.execute("GRANT SELECT ON worker_masked TO " + ", ".join(grantees))
    op.execute(_audit_skip(_SKIP_TO, _SKIP_FROM))
    op.execute("DROP INDEX IF EXISTS ix_worker_name_phonetic_trgm")
    op.drop_column("worker", "name_phonetic")
