"""Printing cards from the register: who is printed, the print log, hand-over, QR check."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader
from sqlalchemy import func, select

from models import AuditEntry, CardPrint, CardPrintBatch
from models.enums import (
    CardLayout,
    CardStatus,
    PrintKind,
    Recipient,
    ReprintReason,
    Role,
    WorkerStatus,
)
from services.cards import (
    HandOver,
    PrintRequest,
    card_history,
    confirm_print,
    hand_over,
    list_cards,
    list_print_batches,
    prepare_print,
    print_cards,
    verify_card,
)
from services.core.context import ServiceContext
from services.core.errors import ConflictError, ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from services.core.progress import CancelledError
from services.core.unit_of_work import read_session
from services.workers.service import WorkerService
from services.workers.types import CardFilter, WorkerQuery
from tests.conftest import office_day_now
from tests.factories import VILLAGE, worker_input

COVERED = {"coverage_end": date(2030, 12, 31)}


def _register(workers: WorkerService, count: int, first: int = 1) -> list[int]:
    return [
        workers.create(worker_input(serial, **COVERED)).worker.id
        for serial in range(first, first + count)
    ]


def _pdf_text(path: Path, page: int) -> str:
    return PdfReader(path).pages[page - 1].extract_text()


def _scan(path: Path, page: int) -> list[str]:
    image = pdfium.PdfDocument(path)[page - 1].render(scale=300 / 72).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image)]


def _count(ctx: ServiceContext, model: type) -> int:
    with read_session(ctx) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_village_prints_its_covered_workers_and_says_who_is_left_out(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    ids = _register(workers, 5)
    inactive = workers.get(ids[3])
    workers.change_status(
        inactive.id, WorkerStatus.INACTIVE, inactive.version, "Pindah", date(2025, 9, 1)
    )
    dead = workers.get(ids[4])
    workers.change_status(
        dead.id, WorkerStatus.DECEASED, dead.version, reason="Sakit", status_date=date(2025, 9, 1)
    )
    out = tmp_path / "desa.pdf"

    result = print_cards(ctx, PrintRequest(village_code=VILLAGE), out)

    assert (result.cards, result.reprints, len(result.skipped)) == (3, 0, 2)
    assert "1 tidak aktif" in result.notice and "1 meninggal" in result.notice
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages == 1
    text = _pdf_text(out, 1)
    for worker_id in ids[:3]:
        detail = workers.get(worker_id)
        assert detail.full_name in text and detail.nik in text
    assert workers.get(ids[3]).full_name not in text
    batches = list_print_batches(ctx)
    assert [(b.card_count, b.skipped_count, b.selection) for b in batches] == [
        (3, 2, "Desa Aplasi")
    ]
    with read_session(ctx) as session:
        event = session.scalars(select(AuditEntry).where(AuditEntry.action == "print")).one()
    assert event.entity == "card_batch" and "3 kartu" in (event.summary or "")


def test_cards_only_for_workers_covered_on_the_print_date_valid_for_their_period(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    covered = workers.create(worker_input(1, **COVERED)).worker
    ended = workers.create(worker_input(2, coverage_end=date(2025, 12, 31))).worker
    never = workers.create(worker_input(3, coverage_start=None, coverage_end=None)).worker
    request = PrintRequest(worker_ids=(covered.id, ended.id, never.id), layout=CardLayout.CR80)
    prepared = prepare_print(ctx, request, tmp_path / "kartu.pdf", today=date(2026, 1, 15))
    assert prepared.plan.worker_ids == (covered.id,)
    assert [(s.worker_id, s.reason) for s in prepared.plan.skipped] == [
        (ended.id, "tidak terlindungi pada 15 Januari 2026"),
        (never.id, "belum terlindungi: belum ada periode kepesertaan"),
    ]
    text = " ".join(_pdf_text(prepared.pdf_path, 1).split())
    assert "7 Juli 2025 s.d. 31 Desember 2030" in text
    assert "bukan kartu resmi BPJS Ketenagakerjaan" in text


def test_a_second_print_needs_a_reason_and_replaces_the_unhanded_card(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    [worker_id] = _register(workers, 1)
    request = PrintRequest(worker_ids=(worker_id,))
    print_cards(ctx, request, tmp_path / "first.pdf")

    with pytest.raises(ValidationError) as refused:
        print_cards(ctx, request, tmp_path / "again.pdf")
    assert "cetak ulang perlu alasan" in refused.value.message

    again = replace(request, reprint_reason=ReprintReason.DAMAGED)
    result = print_cards(ctx, again, tmp_path / "again.pdf")
    assert result.reprints == 1
    history = card_history(ctx, worker_id)
    assert [(c.kind, c.status, c.reprint_reason) for c in history] == [
        (PrintKind.REPRINT, CardStatus.PRINTED, ReprintReason.DAMAGED),
        (PrintKind.FIRST, CardStatus.SUPERSEDED, None),
    ]


def test_not_printed_and_nik_selections(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    ids = _register(workers, 3)
    first = workers.get(ids[0])
    print_cards(ctx, PrintRequest(niks=(first.nik,)), tmp_path / "one.pdf")

    rest = print_cards(ctx, PrintRequest(not_printed=True), tmp_path / "rest.pdf")
    assert rest.cards == 2

    with pytest.raises(ValidationError) as unknown:
        print_cards(ctx, PrintRequest(niks=("5303054112850099",)), tmp_path / "x.pdf")
    assert "5303054112850099 tidak terdaftar" in unknown.value.message
    assert not (tmp_path / "x.pdf").exists()


def test_bad_requests_are_refused_with_the_field_named(ctx: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as nothing:
        print_cards(ctx, PrintRequest(), tmp_path / "x.pdf")
    assert "Pilih peserta" in nothing.value.message
    with pytest.raises(ValidationError) as start:
        print_cards(ctx, PrintRequest(village_code=VILLAGE, start_position=11), tmp_path / "x.pdf")
    assert "Posisi awal" in start.value.message


def test_a_preview_records_nothing_and_a_cancel_leaves_no_file(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    _register(workers, 12)
    prepared = prepare_print(ctx, PrintRequest(village_code=VILLAGE), tmp_path / "preview.pdf")
    assert prepared.pages == 2 and len(prepared.placements) == 12
    assert _count(ctx, CardPrintBatch) == 0

    stop = threading.Event()

    def progress(_stage: str, done: int, _total: int) -> None:
        if done >= 5:
            stop.set()

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(CancelledError):
        print_cards(ctx, PrintRequest(village_code=VILLAGE), out, progress, stop.is_set)
    assert not out.exists()
    assert _count(ctx, CardPrint) == 0


def test_hand_over_moves_printed_cards_and_the_list_filters_follow(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    ids = _register(workers, 3)
    result = print_cards(ctx, PrintRequest(worker_ids=tuple(ids[:2])), tmp_path / "c.pdf")
    pending = list_cards(ctx, batch_id=result.batch_id)
    assert len(pending) == 2

    today = office_day_now()
    with pytest.raises(ValidationError) as no_name:
        hand_over(ctx, HandOver((pending[0].id,), today, Recipient.VILLAGE_OFFICE))
    assert "nama petugas desa" in no_name.value.message
    with pytest.raises(ValidationError) as future:
        hand_over(ctx, HandOver((pending[0].id,), today + timedelta(days=1), Recipient.WORKER))
    assert "belum lewat" in future.value.message

    assert hand_over(ctx, HandOver((pending[0].id,), today, Recipient.WORKER)) == 1
    with pytest.raises(ValidationError) as twice:
        hand_over(ctx, HandOver((pending[0].id, pending[1].id), today, Recipient.WORKER))
    assert "sudah diserahkan" in twice.value.message
    assert len(list_cards(ctx)) == 1  # the refused pair changed nothing

    def matching(card: CardFilter) -> set[int]:
        return {row.id for row in workers.search(WorkerQuery(card=card)).rows}

    assert matching(CardFilter.NOT_PRINTED) == {ids[2]}
    assert matching(CardFilter.PRINTED_NOT_HANDED_OVER) == {pending[1].worker_id}
    assert matching(CardFilter.HANDED_OVER) == {pending[0].worker_id}
    handed = card_history(ctx, pending[0].worker_id)[0]
    assert (handed.status, handed.recipient_name) == (CardStatus.HANDED_OVER, pending[0].full_name)


def test_the_qr_on_a_printed_card_verifies_against_the_register(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    [worker_id] = _register(workers, 1)
    no_kpj = workers.create(worker_input(2, kpj=None, **COVERED)).worker
    out = tmp_path / "cr80.pdf"
    result = print_cards(
        ctx, PrintRequest(worker_ids=(worker_id, no_kpj.id), layout=CardLayout.CR80), out
    )
    # No card without BPJS's number: the worker is named with the reason.
    assert [(s.worker_id, s.reason) for s in result.skipped] == [
        (no_kpj.id, "belum punya No. KPJ dari BPJS (kartu dicetak sesudah nomornya ada)")
    ]

    [payload] = _scan(out, 1)
    assert payload.startswith("SIRENTAN2:K") and ":1:" in payload
    check = verify_card(ctx, payload)
    assert check.authentic and check.worker_id == worker_id and check.covered_today
    assert "Kartu asli (kartu ke-1)" in check.message

    forged = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    assert not verify_card(ctx, forged).authentic
    assert "bukan kode kartu" in verify_card(ctx, "https://example.org").message
    # Someone changing the serial of a real card breaks its check value.
    bumped = payload.replace(":1:", ":2:")
    assert not verify_card(ctx, bumped).authentic


def test_a_reprint_gets_a_new_serial_and_the_lost_card_verifies_as_replaced(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    [worker_id] = _register(workers, 1)
    first = tmp_path / "pertama.pdf"
    print_cards(ctx, PrintRequest(worker_ids=(worker_id,), layout=CardLayout.CR80), first)
    [lost] = _scan(first, 1)
    with read_session(ctx) as session:
        card_ids = tuple(
            session.scalars(select(CardPrint.id).where(CardPrint.worker_id == worker_id))
        )
    hand_over(ctx, HandOver(card_ids, office_day_now(), Recipient.WORKER))
    again = tmp_path / "ulang.pdf"
    print_cards(
        ctx,
        PrintRequest(
            worker_ids=(worker_id,), layout=CardLayout.CR80, reprint_reason=ReprintReason.LOST
        ),
        again,
    )
    [new] = _scan(again, 1)
    assert new != lost and ":2:" in new
    replaced = verify_card(ctx, lost)
    assert not replaced.authentic and replaced.replaced
    assert replaced.message.startswith("DIGANTI: kartu ke-1")
    assert "diganti dengan kartu ke-2" in replaced.message
    current = verify_card(ctx, new)
    assert current.authentic and not current.replaced


def test_a_rendered_batch_is_refused_when_another_clerk_printed_meanwhile(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    [worker_id] = _register(workers, 1)
    request = PrintRequest(worker_ids=(worker_id,), layout=CardLayout.CR80)
    mine = prepare_print(ctx, request, tmp_path / "saya.pdf")
    print_cards(ctx, request, tmp_path / "lain.pdf")  # the other clerk was quicker
    with pytest.raises(ConflictError) as caught:
        confirm_print(ctx, mine)
    assert "Buat pratinjau ulang" in caught.value.message


def test_a_viewer_cannot_print(ctx: ServiceContext, workers: WorkerService, tmp_path: Path) -> None:
    _register(workers, 1)
    viewer = Principal(user_id=0, username="lihat", full_name="Pengamat", role=Role.VIEWER)
    as_viewer = ServiceContext(ctx.engine, ctx.session_factory, viewer)
    with pytest.raises(PermissionDeniedError):
        print_cards(as_viewer, PrintRequest(village_code=VILLAGE), tmp_path / "v.pdf")
