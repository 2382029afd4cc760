"""Figures from the card (issue 5) and claim (issue 7) tables, read only where they exist.

Reports and the dashboard must work on a register without those tables, so
nothing here imports their models: the tables are reflected from the database
and read through the column names below. When a table or a column is missing,
the part is None and the caller shows that the figure is not available.
Align these names with models/card.py and models/claim.py if those change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, MetaData, Table, and_, case, func, inspect, select
from sqlalchemy.orm import Session

CARD_TABLE = "card_print"
CARD_COLUMNS = ("worker_id", "status")
CARD_PRINTED = "printed"  # printed, not yet handed over
CARD_HANDED_OVER = "handed_over"

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
)
# Present once the claims store their benefit estimate; until then the report says so.
CLAIM_ESTIMATE = "estimated_amount"
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


def status_label(code: str) -> str:
    """ "berkas_lengkap" -> "Berkas lengkap"."""
    return code.replace("_", " ").capitalize()


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


def card_tiles(
    session: Session, src: Table, conditions: list[ColumnElement[bool]]
) -> CardTiles | None:
    cards = reflect(session, CARD_TABLE, CARD_COLUMNS)
    if cards is None:
        return None
    row = session.execute(
        select(
            func.count(
                func.distinct(
                    case((cards.c.status.in_([CARD_PRINTED, CARD_HANDED_OVER]), cards.c.worker_id))
                )
            ),
            func.coalesce(func.sum(case((cards.c.status == CARD_PRINTED, 1), else_=0)), 0),
        )
        .join(src, src.c.id == cards.c.worker_id)
        .where(*conditions)
    ).one()
    return CardTiles(int(row[0] or 0), int(row[1] or 0))


def overdue_condition(claims: Table, now: datetime) -> ColumnElement[bool]:
    return and_(
        claims.c.claim_type == "jkk",
        claims.c.status.in_(CLAIM_OPEN),
        claims.c.first_report_at.is_(None),
        claims.c.report_deadline_at < now,
    )


def claim_tiles(
    session: Session, src: Table, conditions: list[ColumnElement[bool]], now: datetime
) -> ClaimTiles | None:
    claims = reflect(session, CLAIM_TABLE, CLAIM_COLUMNS)
    if claims is None:
        return None
    rows = session.execute(
        select(claims.c.status, func.count())
        .join(src, src.c.id == claims.c.worker_id)
        .where(*conditions, claims.c.status.in_(CLAIM_OPEN))
        .group_by(claims.c.status)
    ).all()
    found = dict(rows)
    overdue = session.scalar(
        select(func.count())
        .select_from(claims)
        .join(src, src.c.id == claims.c.worker_id)
        .where(*conditions, overdue_condition(claims, now))
    )
    return ClaimTiles(tuple((s, int(found.get(s, 0))) for s in CLAIM_OPEN), int(overdue or 0))


def event_between(claims: Table, first: date, last: date) -> ColumnElement[bool]:
    return and_(claims.c.event_date >= first, claims.c.event_date <= last)
