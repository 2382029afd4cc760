"""The front-desk coverage check by NIK or KPJ."""

from __future__ import annotations

from datetime import date

from models.enums import WorkerStatus
from services.core.context import ServiceContext
from services.workers.front_desk import check_coverage
from services.workers.service import WorkerService
from tests.factories import worker_input


def test_registered_kpj_is_covered_within_its_period(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    workers.create(worker_input(1, kpj="12345678901"))
    result = check_coverage(ctx, workers.regions, "123 4567 8901", today=date(2025, 8, 1))
    assert result.found and result.covered_today
    assert result.full_name == "MARIA GORETI TAEK B"
    assert result.village_name == "Aplasi"
    assert "31 Desember 2025" in result.message


def test_coverage_ended_is_not_covered(ctx: ServiceContext, workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    result = check_coverage(ctx, workers.regions, created.nik, today=date(2026, 1, 1))
    assert result.found and not result.covered_today
    assert "berakhir 31 Desember 2025" in result.message


def test_deceased_worker_is_not_covered(ctx: ServiceContext, workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    workers.change_status(
        created.id, WorkerStatus.DECEASED, created.version, status_date=date(2025, 9, 1)
    )
    result = check_coverage(ctx, workers.regions, created.nik, today=date(2025, 9, 2))
    assert not result.covered_today
    assert "meninggal sejak 1 September 2025" in result.message


def test_unknown_number_is_not_registered(ctx: ServiceContext, workers: WorkerService) -> None:
    result = check_coverage(ctx, workers.regions, "5303051207850001")
    assert not result.found
    assert result.message == "NIK 5303051207850001 tidak terdaftar sebagai peserta."
    assert not result.invalid_number


def test_text_that_is_no_number_asks_for_one(ctx: ServiceContext, workers: WorkerService) -> None:
    result = check_coverage(ctx, workers.regions, "maria")
    assert not result.found and "Ketik NIK" in result.message


def test_a_worker_without_a_period_is_not_yet_covered(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    created = workers.create(worker_input(1, coverage_start=None, coverage_end=None)).worker
    result = check_coverage(ctx, workers.regions, created.nik, today=date(2025, 8, 1))
    assert result.found and not result.covered_today and not result.has_periods
    assert result.message == "Belum terlindungi: belum ada periode kepesertaan."
    assert "s.d. -" not in result.message


def test_any_day_can_be_asked(ctx: ServiceContext, workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    workers.change_status(
        created.id, WorkerStatus.INACTIVE, created.version, "pindah", date(2025, 9, 1)
    )
    past = check_coverage(ctx, workers.regions, created.nik, today=date(2025, 8, 15))
    later = check_coverage(ctx, workers.regions, created.nik, today=date(2025, 9, 2))
    assert past.covered_today and past.status is WorkerStatus.ACTIVE
    assert past.coverage_end == date(2025, 9, 1)
    assert not later.covered_today
    assert later.message == "Tidak terlindungi: nonaktif sejak 1 September 2025 (pindah)."


def test_a_number_that_cannot_be_a_nik_or_kpj_is_questioned(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    cases = {
        "53030512078": None,  # 11 digits: a KPJ, asked for
        "530305120785": "berisi 12 angka",
        "5303053207850001": "tanggal lahir",  # day 32
        "9903051207850001": "Kode kecamatan",  # no such region
    }
    for number, fault in cases.items():
        result = check_coverage(ctx, workers.regions, number)
        if fault is None:
            assert result.message == f"No. KPJ {number} tidak terdaftar sebagai peserta."
            continue
        assert result.invalid_number and not result.found, number
        assert result.message.startswith("Periksa nomor: ") and fault in result.message
        assert "tidak terdaftar" not in result.message


def test_a_death_and_an_open_claim_are_mentioned(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    from services import claims
    from tests.integration.claim_helpers import NOW, jkk

    created = workers.create(worker_input(1)).worker
    claims.open_claim(ctx, created.id, jkk(date(2025, 10, 19)), now=NOW)
    open_claim = check_coverage(ctx, workers.regions, created.nik, today=date(2025, 10, 20))
    assert open_claim.covered_today
    assert "Ada klaim JKK yang masih berjalan (kejadian 19 Oktober 2025" in open_claim.message
    died = workers.get(created.id)
    workers.change_status(
        created.id, WorkerStatus.DECEASED, died.version, status_date=date(2025, 11, 2)
    )
    before = check_coverage(ctx, workers.regions, created.nik, today=date(2025, 10, 20))
    assert before.covered_today and "Tercatat meninggal 2 November 2025." in before.message
    assert before.deceased_on == date(2025, 11, 2)
