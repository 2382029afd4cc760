"""PostgreSQL: a name search reads a narrow copy of the names, not the wide worker rows.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07

The trigram index gives a name's candidates, but PostgreSQL must recheck each one on
its row: a name with ~3,800 matches visited ~2,700 of the worker table's ~5,200 pages
(~16 ms of a search's time). ``worker_name_search (id, kecamatan_code, name_key)`` holds
only what the search needs (~1,100 pages for 150,000 workers), with its own trigram
index: the same look-up visits ~2.5 times fewer pages. SQLite needs no such table: its
FTS5 trigram table (0014) already is a narrow copy, kept by triggers.

The copy is the database's, not the app's: triggers on worker keep it true for every
write (a raw psql one included), through a definer function owned by the register's
owner role (clerks hold no write grant on it). It is limited by the same row-level
security as worker (the clerk's kecamatan), and readable by every clerk group: it shows
nothing a clerk cannot already read of worker (id, name_key and kecamatan_code are
columns even a viewer may read).
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

# The same condition as worker's policy (0002): no kecamatan set means the whole register.
VISIBLE = (
    "cardinality((SELECT sirentan_my_kecamatan())) = 0 "
    "OR kecamatan_code = ANY ((SELECT sirentan_my_kecamatan())::text[])"
)

UPGRADE = [
    """CREATE TABLE worker_name_search (
         id integer PRIMARY KEY,
         kecamatan_code varchar(8) NOT NULL,
         name_key varchar(120) NOT NULL
       )""",
    "CREATE INDEX ix_worker_name_search_trgm ON worker_name_search "
    "USING gin (name_key gin_trgm_ops)",
    # A name range beside the trigram index: the page beyond the cap is bounded by name.
    "CREATE INDEX ix_worker_name_search_name ON worker_name_search (name_key, id)",
    "INSERT INTO worker_name_search (id, kecamatan_code, name_key) "
    "SELECT id, kecamatan_code, name_key FROM worker",
    # Statistics now, not at autovacuum's next pass: until then the planner would guess.
    "ANALYZE worker_name_search",
    """CREATE FUNCTION sirentan_sync_name_search() RETURNS trigger LANGUAGE plpgsql
       SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           DELETE FROM worker_name_search;
           RETURN NULL;
         END IF;
         IF TG_OP = 'DELETE' THEN
           DELETE FROM worker_name_search WHERE id = OLD.id;
           RETURN OLD;
         END IF;
         IF TG_OP = 'UPDATE' THEN
           DELETE FROM worker_name_search WHERE id = OLD.id;
         END IF;
         INSERT INTO worker_name_search (id, kecamatan_code, name_key)
           VALUES (NEW.id, NEW.kecamatan_code, NEW.name_key);
         RETURN NEW;
       END $$""",
    "CREATE TRIGGER sirentan_name_search AFTER INSERT OR DELETE ON worker "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_sync_name_search()",
    # Only the columns the copy holds: other updates cost the worker table nothing more.
    "CREATE TRIGGER sirentan_name_search_update AFTER UPDATE OF id, kecamatan_code, name_key "
    "ON worker FOR EACH ROW EXECUTE FUNCTION sirentan_sync_name_search()",
    # TRUNCATE fires no row trigger (tests empty the register that way, an administrator
    # might): the copy is emptied with it.
    "CREATE TRIGGER sirentan_name_search_truncate AFTER TRUNCATE ON worker "
    "FOR EACH STATEMENT EXECUTE FUNCTION sirentan_sync_name_search()",
    "ALTER TABLE worker_name_search ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY worker_name_search_by_kecamatan ON worker_name_search USING ({VISIBLE}) "
    f"WITH CHECK ({VISIBLE})",
    # A trigger function: nobody calls it; the groups' writes to worker fire it.
    "REVOKE EXECUTE ON FUNCTION sirentan_sync_name_search() FROM PUBLIC",
    """DO $$ DECLARE g record; BEGIN
       FOR g IN SELECT kind, rolname FROM register_group
                WHERE kind IN ('admin', 'operator', 'verifikator', 'viewer', 'owner')
       LOOP
         EXECUTE format('GRANT SELECT ON worker_name_search TO %I', g.rolname);
         IF g.kind = 'owner' THEN
           EXECUTE format('GRANT INSERT, DELETE ON worker_name_search TO %I', g.rolname);
           EXECUTE format('ALTER FUNCTION sirentan_sync_name_search() OWNER TO %I',
             g.rolname);
         END IF;
       END LOOP;
       END $$""",
]

DOWNGRADE = [
    "DROP TRIGGER sirentan_name_search_truncate ON worker",
    "DROP TRIGGER sirentan_name_search_update ON worker",
    "DROP TRIGGER sirentan_name_search ON worker",
    "DROP FUNCTION sirentan_sync_name_search()",
    "DROP TABLE worker_name_search",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(statement)
