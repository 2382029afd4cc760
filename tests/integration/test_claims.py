"""Claim files on SQLite and PostgreSQL: opening, bad input, the workflow to payment,
heirs, the list with its filters and counts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from models import AuditEntry, Claim, ClaimStatusChange
from models.enums import (
    ClaimHeirRelation,
    ClaimStatus,
    ClaimType,
    EducationLevel,
    Gender,
    JkkOutcome,
    WorkerStatus,
)
from services import claims
from services.core.context import ServiceContext
from services.core.errors import ConflictError, NotFoundError, ReferencedError, ValidationError
from services.workers.service import WorkerService
from tests.factories import make_nik
from tests.integration.claim_helpers import (
    NOW,
    TODAY,
    heir_with_account,
    jkk,
    jkm,
    make_worker,
    paid_jkm,
    receive_everything,
    step,
)
from tests.present import present

S = ClaimStatus


def _counts(ctx: ServiceContext) -> tuple[int, int, int]:
    with ctx.session_factory() as session:
        return (
            session.scalar(select(func.count()).select_from(Claim)) or 0,
            session.scalar(select(func.count()).select_from(ClaimStatusChange)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_a_jkm_claim_opens_with_the_workers_heirs_eligibility_and_estimate(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    assert detail.status is S.DRAFT and detail.claim_type is ClaimType.JKM
    assert detail.event.death_date == date(2025, 10, 10)
    assert [(h.full_name, h.relation, h.entitled) for h in detail.heirs] == [
        ("YOHANES TAEK", ClaimHeirRelation.SPOUSE, True)
    ]
    # Coverage from 7 July 2025: three months exactly on 7 October, so the full benefit.
    assert detail.eligibility.eligible and not detail.eligibility.reduced_benefit
    assert detail.benefit.total == 42_000_000
    marriage = next(d for d in detail.documents if d.item_code == "buku_nikah")
    assert marriage.applicable and marriage.missing  # the heir is the spouse
    assert not next(d for d in detail.documents if d.item_code == "npwp").applicable
    assert [(h.from_status, h.to_status, h.by) for h in detail.history] == [
        (None, S.DRAFT, "petugas1")
    ]
    assert detail.next_steps == (S.COMPLETE, S.CANCELLED)
    with ctx.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "claim")).one()
    assert (entry.action, entry.parent_entity, entry.parent_id) == (
        "create",
        "worker",
        str(worker_id),
    )
    assert entry.summary == f"klaim JKM #{detail.id}"


def test_the_live_check_shows_eligibility_before_anything_is_saved(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    check = claims.check_claim(ctx, worker_id, jkm(date(2025, 10, 6)), now=NOW)
    assert check.problems == []
    assert check.eligibility is not None and check.eligibility.reduced_benefit
    assert _counts(ctx)[0] == 0


@pytest.mark.parametrize(
    ("data", "code", "text"),
    [
        (
            jkm(date(2025, 10, 21)),
            "event_date_future",
            "Tanggal meninggal (21 Oktober 2025) ada di masa depan.",
        ),
        (
            jkm(date(1985, 7, 11)),
            "event_before_birth",
            "sebelum tanggal lahir peserta (12 Juli 1985)",
        ),
        (jkk(event_time=time(11, 0), event_date=TODAY), "event_time_future", "Jam kecelakaan"),
        (jkk(accident_context=None), "context_empty", "saat bekerja atau dalam perjalanan"),
    ],
)
def test_bad_event_input_is_refused_and_changes_nothing(
    ctx: ServiceContext, data: claims.ClaimInput, code: str, text: str
) -> None:
    worker_id = make_worker(ctx)
    before = _counts(ctx)
    with pytest.raises(ValidationError) as caught:
        claims.open_claim(ctx, worker_id, data, now=NOW)
    assert [p.code for p in caught.value.problems if p.is_error] == [code]
    assert text in caught.value.message
    assert caught.value.message.startswith("Data klaim baru MARIA GORETI TAEK B (NIK ")
    assert _counts(ctx) == before


def test_a_second_claim_for_the_same_event_is_refused(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    first = claims.open_claim(ctx, worker_id, jkk(), now=NOW)
    before = _counts(ctx)
    with pytest.raises(ValidationError) as caught:
        claims.open_claim(ctx, worker_id, jkk(description="Jatuh lagi"), now=NOW)
    assert caught.value.problems[0].code == "claim_duplicate"
    assert f"sudah punya klaim JKK #{first.id} untuk kejadian 19 Oktober 2025" in (
        caught.value.message
    )
    assert _counts(ctx) == before
    # Once the first is cancelled, the event may be claimed again.
    step(ctx, first, S.CANCELLED, note="Salah jenis klaim")
    assert claims.open_claim(ctx, worker_id, jkk(), now=NOW).status is S.DRAFT


def test_a_jkm_claim_for_a_worker_who_died_under_another_claim_is_refused(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx, heirs=[heir_with_account()])
    paid = paid_jkm(ctx, worker_id)
    before = _counts(ctx)
    with pytest.raises(ValidationError) as caught:
        claims.open_claim(ctx, worker_id, jkm(date(2025, 10, 12)), now=NOW)
    assert caught.value.problems[0].code == "death_already_claimed"
    assert (
        f"sudah tercatat meninggal (10 Oktober 2025) melalui klaim JKM #{paid.id}"
        in caught.value.message
    )
    assert _counts(ctx) == before


def test_an_ineligible_claim_is_recorded_with_its_reason(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx, coverage_end=date(2025, 10, 9))
    detail = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    reason = "Tidak terlindungi pada 10 Oktober 2025: kepesertaan berakhir 9 Oktober 2025."
    assert not detail.eligibility.eligible and detail.eligibility.reasons == [reason]
    row = claims.list_claims(ctx, now=NOW).rows[0]
    assert (row.eligible, row.ineligible_reason) == (False, reason)


def test_from_draft_to_paid_and_closed_the_jkm_worker_becomes_deceased(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx, heirs=[heir_with_account()])
    version_before = WorkerService(ctx).get(worker_id).version
    detail = paid_jkm(ctx, worker_id)
    assert detail.status is S.PAID
    assert (detail.paid_amount, detail.paid_to_name) == (42_000_000, "YOHANES TAEK")
    assert (detail.paid_bank_name, detail.paid_account_number) == ("Bank NTT", "0012345678")
    assert detail.letter_number == "500.15.14.2/7/Nakertrans/X/2025"
    assert [h.to_status for h in detail.history] == [
        S.DRAFT,
        S.COMPLETE,
        S.SUBMITTED,
        S.APPROVED,
        S.PAID,
    ]
    assert detail.history[-1].note == (
        "Dibayar Rp42.000.000 kepada YOHANES TAEK ke rekening Bank NTT 0012345678 a.n. "
        "YOHANES TAEK, ref. BPJS JKM/KC-ATB/2025/000123"
    )
    assert (detail.paid_reference, detail.paid_to_heir_id) == (
        "JKM/KC-ATB/2025/000123",
        detail.heirs[0].id,
    )
    worker = WorkerService(ctx).get(worker_id)
    assert (worker.status, worker.status_date) == (WorkerStatus.DECEASED, date(2025, 10, 10))
    # The death was recorded when its certificate was ticked received (test_claims_death).
    assert worker.status_reason == f"Akta kematian diterima pada klaim JKM #{detail.id}"
    assert worker.version > version_before
    with ctx.session_factory() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "worker", AuditEntry.action == "status")
        ).one()
    assert json.loads(present(entry.changes))["status"] == ["aktif", "meninggal"]
    closed = step(ctx, detail, S.CLOSED)
    assert closed.status is S.CLOSED and closed.next_steps == (S.PAID,)


def test_a_fatal_jkk_claim_paid_also_records_the_death(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx, heirs=[heir_with_account()])
    fatal = jkk(jkk_outcome=JkkOutcome.DEATH, death_date=date(2025, 10, 19))
    detail = receive_everything(ctx, claims.open_claim(ctx, worker_id, fatal, now=NOW))
    assert detail.benefit.total == 70_000_000
    # Rp70 M, above the NPWP threshold: JKK/JKM benefits are no income (UU PPh Pasal 4
    # ayat (3) huruf e), so the NPWP holds no file unless the office turns it on.
    assert not next(d for d in detail.documents if d.item_code == "npwp").applicable
    detail = step(ctx, detail, S.COMPLETE)
    detail = step(ctx, detail, S.SUBMITTED, letter_number="1/2025")
    detail = step(ctx, detail, S.APPROVED)
    step(
        ctx,
        detail,
        S.PAID,
        amount=70_000_000,
        recipient_heir_id=detail.heirs[0].id,
        payment_reference="JKK/2025/9",
    )
    worker = WorkerService(ctx).get(worker_id)
    assert (worker.status, worker.status_date) == (WorkerStatus.DECEASED, date(2025, 10, 19))


def test_refused_steps_change_nothing(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    before = _counts(ctx)
    with pytest.raises(ValidationError) as skipped:
        step(ctx, detail, S.SUBMITTED, letter_number="1/2025")
    assert "tidak dapat diubah langsung menjadi Diajukan ke BPJS" in skipped.value.message
    with pytest.raises(ValidationError) as incomplete:
        step(ctx, detail, S.COMPLETE)
    assert [p.code for p in incomplete.value.problems] == ["documents_missing"]
    assert "Kartu peserta BPJS Ketenagakerjaan; e-KTP peserta yang meninggal" in (
        incomplete.value.message
    )
    assert _counts(ctx) == before
    assert claims.get_claim(ctx, detail.id, now=NOW).status is S.DRAFT


def test_a_step_back_needs_a_reason_and_clears_the_undone_step(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    detail = receive_everything(ctx, claims.open_claim(ctx, worker_id, jkm(), now=NOW))
    detail = step(ctx, detail, S.COMPLETE)
    detail = step(ctx, detail, S.SUBMITTED, letter_number="2/2025", on=date(2025, 10, 15))
    with pytest.raises(ValidationError) as caught:
        step(ctx, detail, S.COMPLETE)
    assert "Langkah mundur ke Berkas lengkap perlu alasan" in caught.value.message
    back = step(ctx, detail, S.COMPLETE, note="BPJS minta akta kematian asli")
    assert (back.status, back.submitted_on, back.letter_number) == (S.COMPLETE, None, None)
    last = back.history[-1]
    assert (last.step_back, last.note) == (True, "BPJS minta akta kematian asli")


def test_rejection_keeps_its_reason_and_a_cancelled_claim_is_locked(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    detail = receive_everything(ctx, claims.open_claim(ctx, worker_id, jkm(), now=NOW))
    detail = step(ctx, detail, S.COMPLETE)
    detail = step(ctx, detail, S.SUBMITTED, letter_number="3/2025")
    rejected = step(ctx, detail, S.REJECTED, note="Iuran bulan Oktober belum dibayar")
    assert (rejected.decided_on, rejected.decision_note) == (
        TODAY,
        "Iuran bulan Oktober belum dibayar",
    )
    other = claims.open_claim(ctx, make_worker(ctx, 2), jkm(), now=NOW)
    cancelled = step(ctx, other, S.CANCELLED, note="Keluarga menarik klaim")
    with pytest.raises(ValidationError) as caught:
        claims.update_claim(ctx, other.id, other.event, cancelled.version, now=NOW)
    assert "Klaim berstatus Dibatalkan tidak dapat diubah lagi" in caught.value.message
    reopened = step(ctx, cancelled, S.DRAFT, note="Keluarga datang lagi")
    assert reopened.status is S.DRAFT


def test_editing_the_event_recomputes_eligibility_and_refuses_a_type_change(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    earlier = claims.update_claim(
        ctx, detail.id, replace(detail.event, event_date=date(2025, 8, 1)), detail.version, now=NOW
    )
    assert earlier.eligibility.reduced_benefit and earlier.benefit.total == 10_000_000
    assert claims.list_claims(ctx, now=NOW).rows[0].event_date == date(2025, 8, 1)
    with pytest.raises(ValidationError) as caught:
        changed = replace(earlier.event, claim_type=ClaimType.JKK)
        claims.update_claim(ctx, detail.id, changed, earlier.version, now=NOW)
    assert "claim_type_changed" in {p.code for p in caught.value.problems}
    with pytest.raises(ConflictError):
        claims.update_claim(ctx, detail.id, earlier.event, detail.version, now=NOW)


def test_heirs_are_ordered_by_law_and_only_the_worker_own_can_be_picked(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(), heirs=[], now=NOW)
    heirs = [
        claims.ClaimHeirInput("ibu kandung", ClaimHeirRelation.PARENT),
        claims.ClaimHeirInput(
            "anak kedua",
            ClaimHeirRelation.CHILD,
            birth_date=date(2012, 3, 1),
            education_level=EducationLevel.SMP,
        ),
        claims.ClaimHeirInput(
            "anak pertama",
            ClaimHeirRelation.CHILD,
            birth_date=date(2009, 5, 1),
            nik=make_nik(date(2009, 5, 1), Gender.MALE, 9),
            bank_name="Bank NTT",
            bank_account_number="001-234-567",
        ),
    ]
    detail = claims.set_heirs(ctx, detail.id, heirs, detail.version, now=NOW)
    assert [(h.full_name, h.priority, h.entitled) for h in detail.heirs] == [
        ("ANAK PERTAMA", 1, True),
        ("ANAK KEDUA", 1, True),
        ("IBU KANDUNG", 2, False),
    ]
    assert detail.heirs[0].bank_account_number == "001234567"
    other_worker = make_worker(ctx, 2)
    stranger = WorkerService(ctx).get(other_worker).heirs[0].id
    picked = claims.ClaimHeirInput("YOHANES TAEK", ClaimHeirRelation.SPOUSE, heir_id=stranger)
    inputs = [h.to_input() for h in detail.heirs] + [picked]
    with pytest.raises(ValidationError) as caught:
        claims.set_heirs(ctx, detail.id, inputs, detail.version, now=NOW)
    assert [p.code for p in caught.value.problems] == ["heir_not_of_worker"]
    own = claims.worker_heir_choices(ctx, worker_id)
    assert [(h.full_name, h.relation) for h in own] == [("YOHANES TAEK", ClaimHeirRelation.SPOUSE)]


def test_claim_heirs_pass_the_registers_heir_checks(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    worker_nik = WorkerService(ctx).get(worker_id).nik
    detail = claims.open_claim(ctx, worker_id, jkm(), heirs=[], now=NOW)
    heirs = [
        claims.ClaimHeirInput("MARIA 2", None, nik=worker_nik, bank_account_number="12AB"),
        claims.ClaimHeirInput("", ClaimHeirRelation.CHILD, birth_date=TODAY + timedelta(1)),
    ]
    with pytest.raises(ValidationError) as caught:
        claims.set_heirs(ctx, detail.id, heirs, detail.version, now=NOW)
    found = {(p.code, p.field): p.text for p in caught.value.problems}
    assert set(found) == {
        ("name_chars", "heirs[0].full_name"),
        ("heir_relation_empty", "heirs[0].relation"),
        ("heir_nik_is_worker", "heirs[0].nik"),
        ("heir_account_chars", "heirs[0].bank_account_number"),
        ("name_empty", "heirs[1].full_name"),
        ("heir_birth_future", "heirs[1].birth_date"),
    }
    assert found["heir_relation_empty", "heirs[0].relation"] == (
        "Ahli waris ke-1 (MARIA 2): hubungan dengan peserta wajib dipilih."
    )
    assert found["name_empty", "heirs[1].full_name"] == (
        "Ahli waris ke-2: nama wajib diisi, sesuai KTP."
    )


def test_the_list_filters_flags_and_counts(ctx: ServiceContext) -> None:
    kota = make_worker(ctx, 1)
    elsewhere = make_worker(
        ctx,
        2,
        village_code="53.03.06.2001",
        nik=make_nik(date(1985, 7, 12), Gender.FEMALE, 2, "530306"),
    )
    old = claims.open_claim(ctx, kota, jkm(date(2025, 9, 25)), now=NOW - timedelta(days=20))
    running = claims.open_claim(ctx, elsewhere, jkk(), now=NOW)
    overdue = claims.open_claim(ctx, kota, jkk(date(2025, 10, 15)), now=NOW)
    reported = claims.open_claim(
        ctx, elsewhere, jkk(date(2025, 10, 16), first_report_at=NOW - timedelta(days=4)), now=NOW
    )
    step(ctx, reported, S.CANCELLED, note="Dobel")

    def ids(**filters: Any) -> list[int]:
        return [r.id for r in claims.list_claims(ctx, claims.ClaimQuery(**filters), now=NOW).rows]

    assert ids() == [reported.id, overdue.id, running.id, old.id]
    assert ids(status=S.DRAFT) == [overdue.id, running.id, old.id]
    assert ids(claim_type=ClaimType.JKM) == [old.id]
    assert ids(kecamatan_code="53.03.06") == [reported.id, running.id]
    assert ids(deadline_state=claims.DeadlineState.RUNNING) == [running.id]
    assert ids(deadline_state=claims.DeadlineState.LATE) == [overdue.id]
    assert ids(deadline_state=claims.DeadlineState.ON_TIME) == [reported.id]
    assert ids(deadline_state=claims.DeadlineState.NOT_APPLICABLE) == [old.id]
    assert ids(waiting_documents_only=True) == [old.id]
    assert ids(worker_id=kota) == [overdue.id, old.id]
    assert ids(text="530306") == [reported.id, running.id]  # the worker list's search
    assert ids(text="goreti taek c", status=S.DRAFT) == [running.id]
    page = claims.list_claims(ctx, claims.ClaimQuery(claim_type=ClaimType.JKK), now=NOW)
    assert page.counts_by_status[S.DRAFT] == 2 and page.counts_by_status[S.CANCELLED] == 1
    assert sum(page.counts_by_status.values()) == page.total == 3
    rows = {r.id: r for r in page.rows}
    assert rows[overdue.id].report_overdue and not rows[running.id].report_overdue
    assert rows[running.id].report_deadline is not None
    assert not rows[reported.id].report_overdue  # cancelled claims no longer count
    assert claims.list_claims(ctx, now=NOW).rows[-1].waiting_documents


def test_a_missing_claim_is_a_clear_not_found(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError) as caught:
        claims.get_claim(ctx, 999, now=NOW)
    assert "Klaim nomor 999 tidak ditemukan" in caught.value.message


def test_a_worker_with_a_claim_cannot_be_deleted(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    workers = WorkerService(ctx)
    with pytest.raises(ReferencedError) as caught:
        workers.delete(worker_id, workers.get(worker_id).version)
    assert "masih dipakai oleh data lain (misalnya klaim" in caught.value.message
    assert claims.list_claims(ctx, now=NOW).total == 1


def test_the_stored_event_saves_back_unchanged(ctx: ServiceContext) -> None:
    reported = NOW - timedelta(hours=20)  # 14.00 WITA, the afternoon of the accident
    detail = claims.open_claim(ctx, make_worker(ctx), jkk(first_report_at=reported), now=NOW)
    assert detail.event.first_report_at == reported
    again = claims.update_claim(ctx, detail.id, detail.event, detail.version, now=NOW)
    assert again.event == detail.event
    assert again.eligibility.deadline_state is claims.DeadlineState.ON_TIME
    with ctx.session_factory() as session:
        changes = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "claim", AuditEntry.action == "update")
        ).all()
    assert changes == []  # nothing changed, so nothing in the trail
