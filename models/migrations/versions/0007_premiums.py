"""Premiums and budget: rates with validity dates, BPJS bills, payments, allocations.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

The rates table is seeded with the BPU package every funding source pays today:
JKK Rp10,000 (1 % of the lowest income band) and JKM Rp6,800 per worker per
month (PP 44/2015 as amended by PP 82/2019; procedures Permenaker 5/2021, in
force 1 April 2021). Rates stay editable: a later row of the same source takes
over from its first month.

On PostgreSQL, administrators change rates; operators and administrators record
bills, payments, allocations and BPJS's billed-participant lists; a verifikator
reads all of it; a viewer reads the money but not the lists (NIKs of people).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NEW_TABLES = (
    "premium_rate",
    "premium_bill",
    "premium_payment",
    "budget_allocation",
    "bpjs_list",
    "bpjs_list_entry",
)
FUNDING = ["apbd_kab", "apbd_prov", "dana_desa", "mandiri"]
SEED_FROM = date(2021, 4, 1)
SEED_JKK = 10_000
SEED_JKM = 6_800


def number_text(length: int) -> sa.String:
    # Identity numbers compare byte-wise on PostgreSQL (see models.base.number_text).
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _funding() -> sa.Enum:
    return sa.Enum(*FUNDING, name="funding", native_enum=False, create_constraint=True, length=16)


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    money = sa.BigInteger
    # Only as the target of a foreign key; 0001 made the real table.
    sa.Table("worker", meta, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "premium_rate",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("funding", _funding(), nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("jkk", sa.Integer, nullable=False),
        sa.Column("jkm", sa.Integer, nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.UniqueConstraint("funding", "valid_from"),
        sa.CheckConstraint("jkk >= 0 AND jkm >= 0", name="rate_not_negative"),
    )
    sa.Table(
        "premium_bill",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("period", sa.Date, nullable=False, index=True),
        sa.Column("funding", _funding(), nullable=False),
        sa.Column("bill_number", sa.String(60), nullable=False),
        sa.Column("bill_date", sa.Date, nullable=False),
        sa.Column("workers_billed", sa.Integer, nullable=False),
        sa.Column("amount", money, nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.UniqueConstraint("funding", "bill_number"),
        sa.CheckConstraint("workers_billed >= 0 AND amount >= 0", name="bill_not_negative"),
    )
    sa.Table(
        "premium_payment",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "bill_id", sa.Integer, sa.ForeignKey("premium_bill.id"), nullable=False, index=True
        ),
        sa.Column("paid_on", sa.Date, nullable=False),
        sa.Column("amount", money, nullable=False),
        sa.Column("reference", sa.String(60), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.CheckConstraint("amount > 0", name="payment_positive"),
    )
    sa.Table(
        "budget_allocation",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("funding", _funding(), nullable=False),
        sa.Column("amount", money, nullable=False),
        sa.Column("budget_code", sa.String(60)),
        sa.Column("note", sa.String(200)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.UniqueConstraint("year", "funding"),
        sa.CheckConstraint("amount >= 0", name="allocation_not_negative"),
    )
    sa.Table(
        "bpjs_list",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "bill_id",
            sa.Integer,
            sa.ForeignKey("premium_bill.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("sheet_name", sa.String(100)),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("unreadable_count", sa.Integer, nullable=False),
        sa.Column("imported_at", ts, nullable=False),
        sa.Column("imported_by", sa.String(64)),
    )
    sa.Table(
        "bpjs_list_entry",
        meta,
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "list_id",
            sa.Integer,
            sa.ForeignKey("bpjs_list.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("nik", number_text(16)),
        sa.Column("kpj", number_text(20)),
        sa.Column("full_name", sa.String(120)),
        sa.Column(
            "worker_id", sa.Integer, sa.ForeignKey("worker.id", ondelete="SET NULL"), index=True
        ),
        sa.Index("ix_bpjs_list_entry_list_worker", "list_id", "worker_id"),
    )


WRITERS = "sirentan_admin, sirentan_operator"
MONEY_TABLES = "premium_bill, premium_payment, budget_allocation, bpjs_list"

POSTGRESQL = [
    "GRANT SELECT ON premium_rate TO "
    "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer",
    "GRANT INSERT, UPDATE, DELETE ON premium_rate TO sirentan_admin",
    "GRANT USAGE ON SEQUENCE premium_rate_id_seq TO sirentan_admin",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {MONEY_TABLES}, bpjs_list_entry TO {WRITERS}",
    "GRANT USAGE ON SEQUENCE premium_bill_id_seq, premium_payment_id_seq, "
    f"budget_allocation_id_seq, bpjs_list_id_seq, bpjs_list_entry_id_seq TO {WRITERS}",
    f"GRANT SELECT ON {MONEY_TABLES}, bpjs_list_entry TO sirentan_verifikator",
    # The amounts, not the people: the entries carry NIKs.
    f"GRANT SELECT ON {MONEY_TABLES} TO sirentan_viewer",
]

GROUPS = "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer"


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    now = datetime.now(UTC)
    op.bulk_insert(
        meta.tables["premium_rate"],
        [
            {
                "funding": funding,
                "valid_from": SEED_FROM,
                "jkk": SEED_JKK,
                "jkm": SEED_JKM,
                "note": "BPU upah terendah Rp1.000.000 (PP 82/2019, Permenaker 5/2021)",
                "updated_at": now,
                "updated_by": None,
            }
            for funding in FUNDING
        ],
    )
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {', '.join(NEW_TABLES)} FROM {GROUPS}")
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
