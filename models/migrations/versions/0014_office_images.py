"""Office images: the district emblem, the regional head's and the card logo in the database.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-07

Until now the kop and the cards took their images from file paths in the settings
(``letterhead.emblem_path``, ``letterhead.regional_head_emblem_path``,
``cards.logo_path``), which each workstation had to hold at the same path. The images
now live in ``office_image``, so every workstation prints the same; the path settings
are dropped (nothing in the app could set them).

On PostgreSQL everyone reads the images (every clerk prints a card or a report with the
kop); only administrators change them, as they change the settings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

OLD_PATH_KEYS = (
    "letterhead.emblem_path",
    "letterhead.regional_head_emblem_path",
    "cards.logo_path",
)
GROUPS = "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer"
POSTGRESQL = [
    f"GRANT SELECT ON office_image TO {GROUPS}",
    "GRANT INSERT, UPDATE, DELETE ON office_image TO sirentan_admin",
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
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON office_image FROM {GROUPS}")
    op.drop_table("office_image")
