"""Claims pay the right person: the payment's BPJS reference and recipient, a verifikator's
documented approval of an account held under another name, the spouse's marriage at the
death, the person who arranged the funeral, and the benefit table's funeral lines and
sources (with the Permenaker 1/2025 change of the JKM benefit in the first three months).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Every change adds columns (no table is rebuilt), so SQLite needs no batch copy.
On PostgreSQL a verifikator may write the approval columns (and nothing else new), and
a viewer may read whether a spouse was still married and who arranged the funeral (the
heirs' entitlement follows from them), never the payment's account or reference.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PP_82_2019 = date(2019, 12, 2)
# Permenaker 1/2025 amends Permenaker 5/2021: a death within the first three months of
# membership pays the funeral cost Rp10,000,000 only (BPJS KC Sulawesi Tengah, 23 July
# 2025). The day it took effect is not in the texts found; a public copy is dated
# 26 February 2025, so the row starts then (an administrator corrects it in the table).
PERMENAKER_1_2025 = date(2025, 2, 26)
SOURCE_PP = "PP 82/2019 (perubahan PP 44/2015) Lampiran"
SOURCE_2025 = "Permenaker 1/2025 (perubahan Permenaker 5/2021); tanggal berlaku perlu dicek"
FUNERAL_CODES = ("jkm_biaya_pemakaman", "jkm_awal_pemakaman", "jkk_biaya_pemakaman")

CLAIM_COLUMNS: list[sa.Column[Any]] = [
    sa.Column("paid_reference", sa.String(80)),
    sa.Column("paid_to_heir_id", sa.Integer),
    sa.Column("holder_override_account", sa.String(30)),
    sa.Column("holder_override_holder", sa.String(120)),
    sa.Column("holder_override_reason", sa.String(300)),
    sa.Column("holder_override_by", sa.String(64)),
    sa.Column("holder_override_at", sa.DateTime(timezone=True)),
]
HEIR_COLUMNS: list[sa.Column[Any]] = [
    sa.Column("married_at_death", sa.Boolean),
    sa.Column("arranged_funeral", sa.Boolean, nullable=False, server_default=sa.false()),
]
RATE_COLUMNS: list[sa.Column[Any]] = [
    sa.Column("funeral", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("source", sa.String(200)),
]
POSTGRESQL = [
    "GRANT UPDATE (holder_override_account, holder_override_holder, holder_override_reason, "
    "holder_override_by, holder_override_at) ON claim TO sirentan_verifikator",
    "GRANT SELECT (married_at_death, arranged_funeral) ON claim_heir TO sirentan_viewer",
]


def upgrade() -> None:
    for column in CLAIM_COLUMNS:
        op.add_column("claim", column)
    for column in HEIR_COLUMNS:
        op.add_column("claim_heir", column)
    for column in RATE_COLUMNS:
        op.add_column("claim_benefit_rate", column)
    bind = op.get_bind()
    # A spouse already on a claim was entered as the worker's spouse: married at the death
    # until a clerk says otherwise.
    op.execute("UPDATE claim_heir SET married_at_death = TRUE WHERE relation = 'suami_istri'")
    rates = sa.table(
        "claim_benefit_rate",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("label", sa.String),
        sa.column("condition", sa.String),
        sa.column("basis", sa.String),
        sa.column("amount", sa.BigInteger),
        sa.column("valid_from", sa.Date),
        sa.column("valid_to", sa.Date),
        sa.column("sort_order", sa.Integer),
        sa.column("funeral", sa.Boolean),
        sa.column("source", sa.String),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("updated_by", sa.String),
    )
    bind.execute(rates.update().where(rates.c.valid_from == PP_82_2019).values(source=SOURCE_PP))
    bind.execute(rates.update().where(rates.c.code.in_(FUNERAL_CODES)).values(funeral=True))
    _permenaker_1_2025(bind, rates)
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def _permenaker_1_2025(bind: sa.Connection, rates: sa.TableClause) -> None:
    """End the seeded Rp8 M + Rp2 M rows of the first months; one Rp10 M funeral row follows.
    Left alone when an administrator already changed those rows."""
    open_rows = bind.execute(
        sa.select(rates.c.code, rates.c.sort_order).where(
            rates.c.code.in_(("jkm_awal_santunan", "jkm_awal_pemakaman")),
            rates.c.valid_from == PP_82_2019,
            rates.c.valid_to.is_(None),
        )
    ).all()
    if len(open_rows) != 2:
        return
    order = {code: sort_order for code, sort_order in open_rows}
    bind.execute(
        rates.update()
        .where(rates.c.code.in_(("jkm_awal_santunan", "jkm_awal_pemakaman")))
        .where(rates.c.valid_from == PP_82_2019)
        .values(valid_to=date(2025, 2, 25))
    )
    bind.execute(
        rates.insert().values(
            code="jkm_awal_pemakaman",
            label="Biaya pemakaman (kepesertaan < 3 bulan)",
            condition="jkm_awal",
            basis="tetap",
            amount=10_000_000,
            valid_from=PERMENAKER_1_2025,
            valid_to=None,
            sort_order=order["jkm_awal_pemakaman"],
            funeral=True,
            source=SOURCE_2025,
            updated_at=datetime.now(UTC),
            updated_by=None,
        )
    )


def downgrade() -> None:
    bind = op.get_bind()
    rates = sa.table(
        "claim_benefit_rate",
        sa.column("code", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("valid_to", sa.Date),
    )
    bind.execute(
        rates.delete().where(
            rates.c.code == "jkm_awal_pemakaman", rates.c.valid_from == PERMENAKER_1_2025
        )
    )
    bind.execute(
        rates.update()
        .where(rates.c.code.in_(("jkm_awal_santunan", "jkm_awal_pemakaman")))
        .where(rates.c.valid_from == PP_82_2019)
        .values(valid_to=None)
    )
    # Dropping the columns drops their column grants with them.
    for table, columns in (
        ("claim_benefit_rate", RATE_COLUMNS),
        ("claim_heir", HEIR_COLUMNS),
        ("claim", CLAIM_COLUMNS),
    ):
        with op.batch_alter_table(table, recreate="never") as batch:
            for column in reversed(columns):
                batch.drop_column(column.name)
