"""Participant cards: print batches, the cards printed, their hand-over, the QR key.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

On PostgreSQL, operators and administrators print and hand over cards; a
verifikator and a viewer read the log.
The QR key is readable by those who print or verify cards, never by a viewer.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NEW_TABLES = ("card_print_batch", "card_print", "card_key")


def _code_enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    sa.Table("worker", meta, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "card_print_batch",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("workstation", sa.String(64)),
        sa.Column("selection", sa.String(200), nullable=False),
        sa.Column("layout", _code_enum("card_layout", ["a4", "cr80"]), nullable=False),
        sa.Column("backs", sa.Boolean, nullable=False),
        *(
            sa.Column(name, sa.Integer, nullable=False)
            for name in (
                "start_position",
                "card_count",
                "reprint_count",
                "skipped_count",
                "page_count",
            )
        ),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
    )
    sa.Table(
        "card_print",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "batch_id",
            sa.Integer,
            sa.ForeignKey("card_print_batch.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "worker_id",
            sa.Integer,
            sa.ForeignKey("worker.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", _code_enum("print_kind", ["first", "reprint"]), nullable=False),
        sa.Column(
            "reprint_reason", _code_enum("reprint_reason", ["hilang", "rusak", "data_diperbaiki"])
        ),
        sa.Column(
            "status",
            _code_enum("card_status", ["printed", "handed_over", "superseded"]),
            nullable=False,
        ),
        sa.Column("printed_at", ts, nullable=False),
        sa.Column("handed_over_on", sa.Date),
        sa.Column("recipient", _code_enum("recipient", ["worker", "village_office"])),
        sa.Column("recipient_name", sa.String(120)),
        sa.Column("handed_over_by", sa.String(64)),
        sa.Column("note", sa.String(200)),
        sa.Index("ix_card_print_worker_status", "worker_id", "status"),
    )
    sa.Table(
        "card_key",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("secret", sa.String(64), nullable=False),
    )


WRITERS = "sirentan_admin, sirentan_operator"

POSTGRESQL = [
    f"GRANT SELECT, INSERT ON card_print_batch TO {WRITERS}",
    f"GRANT SELECT, INSERT, UPDATE ON card_print TO {WRITERS}",
    f"GRANT USAGE ON SEQUENCE card_print_batch_id_seq, card_print_id_seq TO {WRITERS}",
    # The log holds no identity numbers: whoever may open a worker may see its cards.
    "GRANT SELECT ON card_print_batch, card_print TO sirentan_verifikator, sirentan_viewer",
    f"GRANT SELECT ON card_key TO {WRITERS}, sirentan_verifikator",
]

GROUPS = "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer"


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    # Each register gets its own key: a card made for another register never verifies here.
    op.bulk_insert(meta.tables["card_key"], [{"id": 1, "secret": secrets.token_hex(32)}])
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {', '.join(NEW_TABLES)} FROM {GROUPS}")
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
