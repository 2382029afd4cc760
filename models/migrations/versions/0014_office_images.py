"""Office images: the district emblem, the regional head's and the card logo in the database.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-07

Until now the kop and the cards took their images from file paths in the settings
(``letterhead.emblem_path``, ``letterhead.regional_head_emblem_path``,
``cards.logo_path``), which each workstation had to hold at the same path. The images
now live in ``office_image``, so every workstation prints the same; the path settings
are dropped (nothing in the app could set them).

On PostgreSQL (after 0012: the register's own group roles, named in ``register_group``)
everyone reads the images (every clerk prints a card or a report with the kop); only
administrators change them, as they change the settings. The database writes the audit
trail of the table, as 0012's triggers do for the others: the file's name, type, size and
hash, the content as its size only ("12.345 bita"), labelled like the app's own trail.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

OLD_PATH_KEYS = (
    "letterhead.emblem_path",
    "letterhead.regional_head_emblem_path",
    "cards.logo_path",
)
IMAGE_LABELS = {
    "lambang": "lambang daerah (kop surat)",
    "lambang_kepala_daerah": "lambang kop kepala daerah",
    "logo_kartu": "logo kartu peserta",
}
_LABELS_SQL = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in IMAGE_LABELS.items())
POSTGRESQL = [
    # Grants to this register's groups (0012), whatever the database is called.
    """DO $$ DECLARE g record; BEGIN
       FOR g IN SELECT kind, rolname FROM public.register_group LOOP
         IF g.kind IN ('admin', 'operator', 'verifikator', 'viewer', 'owner') THEN
           EXECUTE format('GRANT SELECT ON office_image TO %I', g.rolname);
         END IF;
         IF g.kind = 'admin' THEN
           EXECUTE format('GRANT INSERT, UPDATE, DELETE ON office_image TO %I', g.rolname);
         END IF;
       END LOOP; END $$""",
    # The trail, written by the database (the app's listener does not run on PostgreSQL).
    f"""CREATE FUNCTION sirentan_audit_office_image() RETURNS trigger LANGUAGE plpgsql
       SECURITY DEFINER SET search_path = pg_catalog, public AS $$
       DECLARE
         old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
         new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
         cur jsonb := coalesce(new_row, old_row);
         diff jsonb := '{{}}'::jsonb;
         k text; o jsonb; n jsonb;
       BEGIN
         FOREACH k IN ARRAY ARRAY['file_name', 'media_type', 'width', 'height', 'size_bytes',
                                   'sha256', 'content'] LOOP
           o := CASE WHEN old_row IS NULL THEN 'null'::jsonb ELSE old_row->k END;
           n := CASE WHEN new_row IS NULL THEN 'null'::jsonb ELSE new_row->k END;
           CONTINUE WHEN o IS NOT DISTINCT FROM n;
           IF k = 'content' THEN
             o := CASE WHEN old_row IS NULL THEN 'null'::jsonb ELSE to_jsonb(replace(
               to_char((old_row->>'size_bytes')::bigint, 'FM999,999,999,999'), ',', '.')
               || ' bita') END;
             n := CASE WHEN new_row IS NULL THEN 'null'::jsonb ELSE to_jsonb(replace(
               to_char((new_row->>'size_bytes')::bigint, 'FM999,999,999,999'), ',', '.')
               || ' bita') END;
           END IF;
           diff := diff || jsonb_build_object(k, jsonb_build_array(o, n));
         END LOOP;
         IF TG_OP = 'UPDATE' AND diff = '{{}}'::jsonb THEN RETURN NULL; END IF;
         INSERT INTO public.audit_log (at, user_name, workstation, action, entity, entity_id,
           summary, changes)
         VALUES (clock_timestamp(), sirentan_actor(), sirentan_workstation(),
           CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'DELETE' THEN 'delete' ELSE 'update' END,
           'office_image', cur->>'kind',
           CASE cur->>'kind' {_LABELS_SQL} ELSE cur->>'kind' END, diff::text);
         RETURN NULL;
       END $$""",
    "REVOKE EXECUTE ON FUNCTION sirentan_audit_office_image() FROM PUBLIC",
    """DO $$ DECLARE owner_role text; BEGIN
       SELECT rolname INTO owner_role FROM public.register_group WHERE kind = 'owner';
       EXECUTE format('ALTER FUNCTION sirentan_audit_office_image() OWNER TO %I', owner_role);
       END $$""",
    "CREATE TRIGGER sirentan_audit AFTER INSERT OR UPDATE OR DELETE ON office_image "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_audit_office_image()",
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS sirentan_audit ON office_image",
    "DROP FUNCTION IF EXISTS sirentan_audit_office_image()",
    """DO $$ DECLARE g record; BEGIN
       FOR g IN SELECT rolname FROM public.register_group LOOP
         EXECUTE format('REVOKE ALL ON office_image FROM %I', g.rolname);
       END LOOP; END $$""",
]


def _table(meta: sa.MetaData) -> sa.Table:
    return sa.Table(
        "office_image",
        meta,
        sa.Column("kind", sa.String(30), primary_key=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(20), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(64)),
    )


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _table(meta).create(bind)
    setting = sa.table("setting", sa.column("key", sa.String))
    op.execute(setting.delete().where(setting.c.key.in_(OLD_PATH_KEYS)))
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL_DOWN:
            op.execute(sa.text(statement))
    op.drop_table("office_image")
