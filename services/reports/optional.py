"""The claims report's view of the claim table (issue 7), read only where it exists, and
the dashboard's card and claim tiles.

The claims report must work on a register without that table, so it is reflected
from the database and read through the column names below; when the table or a
column is missing the report says the claims are not available. Align these names
with models/claim.py if those change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, MetaData, Table, and_, inspect
from sqlalchemy.orm import Session

CLAIM_TABLE = "claim"
CLAIM_COLUMNS = (
    "id",
    "worker_id",
    "claim_type",
    "status",
    "event_date",
    "first_report_at",
    "report_deadline_at",
    "paid_amount",
    "estimated_benefit",
)
# The one-off benefit total the claims service stores; NULL when none can be estimated.
CLAIM_ESTIMATE = "estimated_benefit"
CLAIM_STATUSES = (
    "draft",
    "berkas_lengkap",
    "diajukan",
    "disetujui",
    "ditolak",
    "dibayar",
    "selesai",
    "dibatalkan",
)
CLAIM_OPEN = ("draft", "berkas_lengkap", "diajukan", "disetujui")
CLAIM_TYPES = ("jkk", "jkm")


def reflect(session: Session, name: str, columns: tuple[str, ...]) -> Table | None:
    """The table as the database has it, when it exists with every column named."""
    bind = session.connection()
    if not inspect(bind).has_table(name):
        return None
    table = Table(name, MetaData(), autoload_with=bind)
    return table if all(c in table.c for c in columns) else None


@dataclass(frozen=True, slots=True)
class CardTiles:
    workers_with_card: int  # workers with a card printed (handed over or not)
    not_handed_over: int  # cards printed and still at the office


@dataclass(frozen=True, slots=True)
class ClaimTiles:
    open_by_status: tuple[tuple[str, int], ...]  # (status code, count), workflow order
    overdue: int  # open JKK claims past the reporting deadline without a first report

    @property
    def open_total(self) -> int:
        return sum(n for _, n in self.open_by_status)


def overdue_condition(claims: Table, now: datetime) -> ColumnElement[bool]:
    return and_(
        claims.c.claim_type == "jkk",
        claims.c.status.in_(CLAIM_OPEN),
        claims.c.first_report_at.is_(None),
        claims.c.report_deadline_at < now,
    )


def event_between(claims: Table, first: date, last: date) -> ColumnElement[bool]:
    return and_(claims.c.event_date >= first, claims.c.event_date <= last)
