"""Printing cards: plan who is printed, render the PDF, then record the batch.

Rendering and recording are two steps so the GUI can show the PDF first and
record the batch only when the clerk prints or saves it; the CLI does both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from models import CardKey, CardPrint, CardPrintBatch, Region
from models.enums import CardStatus, PrintKind
from services.audit.trail import Action, record_event
from services.cards.calibration import card_offsets
from services.cards.design import design_from
from services.cards.qr_payload import card_payload
from services.cards.render import CardData, SheetOptions, render_cards
from services.cards.selection import (
    LIVE_CARD,
    CardSource,
    check_request,
    funding_label,
    plan_from,
    read_sources,
)
from services.cards.types import PreparedPrint, PrintPlan, PrintRequest, PrintResult
from services.core.context import ServiceContext
from services.core.errors import ConflictError, Problem, ValidationError
from services.core.office_time import office_today
from services.core.permissions import Permission
from services.core.progress import Cancel, Progress
from services.core.unit_of_work import read_session, unit_of_work
from services.settings.office_images import office_images
from services.settings.store import SettingsService
from services.workers.search import Scope


def prepare_print(
    ctx: ServiceContext,
    request: PrintRequest,
    out: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
) -> PreparedPrint:
    """Render the cards of a request to `out` (PDF). Nothing is recorded yet."""
    ctx.require(Permission.PRINT_CARDS)
    check_request(request)
    settings = SettingsService(ctx).get_all()
    with read_session(ctx) as session:
        today = today or office_today(session)
        secret = session.scalars(select(CardKey.secret)).one()
        sources = list(read_sources(session, request, Scope.of(ctx.principal), today))
        label = _selection_label(session, request)
    plan = plan_from(request, sources, label, today)
    if not plan.worker_ids:
        raise ValidationError(
            [Problem("nothing_to_print", "selection", _nothing_text(plan))], record=label
        )
    printed = set(plan.worker_ids)
    by_id = {s.worker_id: s for s in sources if s.worker_id in printed}
    cards = _card_data(
        (by_id[i] for i in plan.worker_ids),
        secret,
        settings["district.kabupaten_name"],
        settings["district.province_name"],
    )
    offset_x, offset_y = card_offsets()
    options = SheetOptions(
        layout=request.layout,
        backs=request.backs,
        start_position=request.start_position,
        offset_x_mm=offset_x,
        offset_y_mm=offset_y,
    )
    result = render_cards(
        cards,
        design_from(settings, office_images(ctx)),
        options,
        out,
        progress=progress,
        total=len(plan.worker_ids),
        cancel=cancel,
    )
    return PreparedPrint(
        plan=plan,
        pdf_path=out,
        pdf_sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
        pages=result.pages,
        day=today,
        placements={worker: (page, slot) for worker, page, slot in result.placements},
    )


def confirm_print(ctx: ServiceContext, prepared: PreparedPrint) -> PrintResult:
    """Record a rendered batch: one transaction for the batch, its cards and the log entry."""
    ctx.require(Permission.PRINT_CARDS)
    plan = prepared.plan
    request = plan.request
    with unit_of_work(ctx) as session:
        # Asked again inside the transaction: another clerk may have printed meanwhile.
        _refuse_stale_serials(session, plan)
        reprints = _with_live_card(session, plan.worker_ids)
        batch = CardPrintBatch(
            created_by=ctx.user_name,
            workstation=ctx.workstation[:64],
            selection=plan.selection_label[:200],
            layout=request.layout,
            backs=request.backs,
            start_position=request.start_position,
            card_count=len(plan.worker_ids),
            reprint_count=len(reprints),
            skipped_count=len(plan.skipped),
            page_count=prepared.pages,
            pdf_sha256=prepared.pdf_sha256,
        )
        session.add(batch)
        session.flush()
        for chunk in _chunks(sorted(reprints)):
            session.execute(
                update(CardPrint)
                .where(CardPrint.worker_id.in_(chunk), CardPrint.status == CardStatus.PRINTED)
                .values(status=CardStatus.SUPERSEDED)
            )
        session.execute(
            insert(CardPrint),
            [
                {
                    "batch_id": batch.id,
                    "worker_id": worker_id,
                    "kind": PrintKind.REPRINT if worker_id in reprints else PrintKind.FIRST,
                    "reprint_reason": request.reprint_reason if worker_id in reprints else None,
                    "status": CardStatus.PRINTED,
                    "printed_at": batch.created_at,
                }
                for worker_id in plan.worker_ids
            ],
        )
        record_event(
            session,
            Action.PRINT,
            "card_batch",
            batch.id,
            f"Cetak {len(plan.worker_ids)} kartu peserta: {plan.selection_label}"[:300],
            {
                "cards": len(plan.worker_ids),
                "reprints": len(reprints),
                "reprint_reason": request.reprint_reason,
                "skipped": len(plan.skipped),
                "layout": request.layout,
                "pdf_sha256": prepared.pdf_sha256,
            },
        )
        batch_id = batch.id
    return PrintResult(
        batch_id=batch_id,
        cards=len(plan.worker_ids),
        reprints=len(reprints),
        pages=prepared.pages,
        pdf_path=prepared.pdf_path,
        skipped=plan.skipped,
        notice=plan.notice,
    )


def print_cards(
    ctx: ServiceContext,
    request: PrintRequest,
    out: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PrintResult:
    """Render and record in one go (the CLI's path)."""
    return confirm_print(ctx, prepare_print(ctx, request, out, progress, cancel))


def _card_data(
    sources: Iterator[CardSource], secret: str, district: str, province: str
) -> Iterator[CardData]:
    for s in sources:
        yield CardData(
            worker_id=s.worker_id,
            full_name=s.full_name,
            nik=s.nik,
            kpj=s.kpj,
            birth_date=s.birth_date,
            village_name=s.village_name,
            kecamatan_name=s.kecamatan_name,
            funding_label=funding_label(s, district, province),
            programmes="JKK, JKM",
            valid_from=s.coverage_start,  # type: ignore[arg-type]  # plan skips the uncovered
            valid_until=s.coverage_end,
            qr_payload=card_payload(secret, s.nik, s.kpj, s.prints + 1),
        )


def _refuse_stale_serials(session: Session, plan: PrintPlan) -> None:
    """The QR of each rendered card carries its serial: if another clerk printed one of these
    workers since, the serial is taken and the PDF must be made again."""
    expected = dict(zip(plan.worker_ids, plan.serials, strict=True))
    counts: dict[int, int] = {}
    for chunk in _chunks(list(plan.worker_ids)):
        counts.update(
            session.execute(
                select(CardPrint.worker_id, func.count())
                .where(CardPrint.worker_id.in_(chunk))
                .group_by(CardPrint.worker_id)
            ).all()
        )
    stale = [w for w, serial in expected.items() if counts.get(w, 0) != serial - 1]
    if stale:
        raise ConflictError(
            f"{len(stale)} kartu pada cetakan ini sudah dicetak oleh petugas lain sesudah "
            "pratinjau dibuat. Buat pratinjau ulang, lalu cetak atau simpan lagi."
        )


def _with_live_card(session: Session, worker_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(list(worker_ids)):
        found.update(
            session.scalars(
                select(CardPrint.worker_id)
                .where(CardPrint.worker_id.in_(chunk), CardPrint.status.in_(LIVE_CARD))
                .distinct()
            )
        )
    return found


def _chunks(ids: list[int], size: int = 5000) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _selection_label(session: Session, request: PrintRequest) -> str:
    def region(code: str) -> str:
        name = session.scalar(select(Region.name).where(Region.code == code))
        return name or code

    if request.worker_ids or request.niks:
        label = f"{len(request.worker_ids) + len(request.niks)} peserta terpilih"
    elif request.village_code:
        label = f"Desa {region(request.village_code)}"
    elif request.kecamatan_code:
        label = f"Kecamatan {region(request.kecamatan_code)}"
    else:
        label = "Semua peserta"
    if request.not_printed:
        label += ", belum pernah dicetak"
    return label


def _nothing_text(plan: PrintPlan) -> str:
    if not plan.skipped:
        return "Tidak ada peserta pada pilihan ini. Periksa desa/kecamatan atau pilihan peserta."
    return f"Tidak ada kartu yang bisa dicetak. {plan.notice}"
