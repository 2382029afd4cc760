"""The print log: batches, each worker's card history, and handing cards over."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models import CardPrint, CardPrintBatch, Region, Worker
from models.enums import CardStatus, Recipient
from services.cards.types import CardRecord, HandOver, PrintBatchInfo
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.office_time import office_date, office_today, office_zone, on_office_clock
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.text.formatting import long_date
from services.workers.search import Scope

MAX_LIST = 5000


def list_print_batches(ctx: ServiceContext, limit: int = 200) -> list[PrintBatchInfo]:
    """Newest first, with how many of each batch's cards have been handed over."""
    ctx.require(Permission.READ_WORKERS)
    handed = (
        select(func.count())
        .where(
            CardPrint.batch_id == CardPrintBatch.id,
            CardPrint.status == CardStatus.HANDED_OVER,
        )
        .scalar_subquery()
    )
    stmt = (
        select(CardPrintBatch, handed)
        .order_by(CardPrintBatch.created_at.desc(), CardPrintBatch.id.desc())
        .limit(limit)
    )
    with read_session(ctx) as session:
        zone = office_zone(session)
        return [
            PrintBatchInfo(
                id=b.id,
                created_at=on_office_clock(b.created_at, zone),
                created_by=b.created_by,
                selection=b.selection,
                layout=b.layout,
                backs=b.backs,
                card_count=b.card_count,
                reprint_count=b.reprint_count,
                skipped_count=b.skipped_count,
                page_count=b.page_count,
                handed_over_count=count,
            )
            for b, count in session.execute(stmt)
        ]


def card_history(ctx: ServiceContext, worker_id: int) -> list[CardRecord]:
    """Every card printed for one worker, newest first."""
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        stmt = _records(ctx).where(CardPrint.worker_id == worker_id)
        return _read(session, stmt)


def list_cards(
    ctx: ServiceContext,
    *,
    batch_id: int | None = None,
    village_code: str | None = None,
    status: CardStatus | None = CardStatus.PRINTED,
    limit: int = MAX_LIST,
) -> list[CardRecord]:
    """Cards to hand over (by default those printed and not yet handed over)."""
    ctx.require(Permission.READ_WORKERS)
    stmt = _records(ctx)
    if batch_id is not None:
        stmt = stmt.where(CardPrint.batch_id == batch_id)
    if village_code:
        stmt = stmt.where(Worker.village_code == village_code)
    if status is not None:
        stmt = stmt.where(CardPrint.status == status)
    with read_session(ctx) as session:
        return _read(session, stmt.limit(limit))


def hand_over(ctx: ServiceContext, handover: HandOver, today: date | None = None) -> int:
    """Mark printed cards as handed over, all or none; returns how many."""
    ctx.require(Permission.PRINT_CARDS)
    name = handover.recipient_name.strip()
    with unit_of_work(ctx) as session:
        problems = _handover_problems(handover, name, today or office_today(session))
        if problems:
            raise ValidationError(problems, record="Serah terima kartu")
        rows = session.execute(
            select(CardPrint, Worker.full_name)
            .join(Worker, Worker.id == CardPrint.worker_id)
            .where(CardPrint.id.in_(handover.card_ids))
        ).all()
        problems = _card_problems(handover, rows, office_zone(session))
        if problems:
            raise ValidationError(problems, record="Serah terima kartu")
        for card, worker_name in rows:
            card.status = CardStatus.HANDED_OVER
            card.handed_over_on = handover.on
            card.recipient = handover.recipient
            card.recipient_name = (name or worker_name)[:120]
            card.handed_over_by = ctx.user_name
            card.note = handover.note.strip()[:200] or None
    return len(rows)


def _handover_problems(handover: HandOver, name: str, today: date) -> list[Problem]:
    problems = []
    if not handover.card_ids:
        problems.append(Problem("no_cards", "cards", "Pilih kartu yang diserahkan."))
    if handover.on > today:
        problems.append(
            Problem(
                "future_date",
                "on",
                f"Tanggal serah terima {long_date(handover.on)} belum lewat; "
                "isi tanggal hari ini atau sebelumnya.",
            )
        )
    if handover.recipient == Recipient.VILLAGE_OFFICE and not name:
        problems.append(
            Problem(
                "recipient_name",
                "recipient_name",
                "Isi nama petugas desa yang menerima kartu.",
            )
        )
    return problems


def _card_problems(handover: HandOver, rows: Sequence[Any], zone: tzinfo) -> list[Problem]:
    problems = []
    found = {card.id for card, _ in rows}
    for missing in sorted(set(handover.card_ids) - found):
        problems.append(
            Problem("card_not_found", "cards", f"Kartu #{missing} tidak ada di daftar cetak.")
        )
    for card, worker_name in rows:
        if card.status == CardStatus.HANDED_OVER:
            problems.append(
                Problem(
                    "already_handed_over",
                    "cards",
                    f"Kartu {worker_name} sudah diserahkan {long_date(card.handed_over_on)} "
                    f"kepada {card.recipient_name}; hapus dari pilihan.",
                )
            )
        elif card.status == CardStatus.SUPERSEDED:
            problems.append(
                Problem(
                    "superseded",
                    "cards",
                    f"Kartu {worker_name} sudah diganti cetak ulang; serahkan kartu yang baru.",
                )
            )
        elif (printed_on := office_date(card.printed_at, zone)) > handover.on:
            problems.append(
                Problem(
                    "before_print",
                    "on",
                    f"Kartu {worker_name} baru dicetak {long_date(printed_on)}; "
                    "tanggal serah terima tidak boleh sebelum tanggal cetak.",
                )
            )
    return problems


def _records(ctx: ServiceContext) -> Any:
    scope = Scope.of(ctx.principal)
    village = aliased(Region)
    stmt = (
        select(
            CardPrint.id,
            CardPrint.batch_id,
            CardPrint.worker_id,
            Worker.full_name,
            village.name,
            CardPrint.kind,
            CardPrint.reprint_reason,
            CardPrint.status,
            CardPrint.printed_at,
            CardPrintBatch.created_by,
            CardPrint.handed_over_on,
            CardPrint.recipient,
            CardPrint.recipient_name,
            CardPrint.handed_over_by,
            CardPrint.note,
        )
        .join(Worker, Worker.id == CardPrint.worker_id)
        .join(CardPrintBatch, CardPrintBatch.id == CardPrint.batch_id)
        .join(village, village.code == Worker.village_code)
        .order_by(CardPrint.printed_at.desc(), CardPrint.id.desc())
    )
    if scope.kecamatan_codes:
        stmt = stmt.where(Worker.kecamatan_code.in_(sorted(scope.kecamatan_codes)))
    return stmt


def _read(session: Session, stmt: Any) -> list[CardRecord]:
    zone = office_zone(session)
    return [
        replace(record, printed_at=on_office_clock(record.printed_at, zone))
        for record in (CardRecord(*row) for row in session.execute(stmt))
    ]
