"""The front-desk coverage check by NIK or KPJ."""

from __future__ import annotations

from datetime import date

from models.enums import WorkerStatus
from services.context import ServiceContext
from services.coverage import check_coverage
from services.workers import WorkerService
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
    assert result.message == "5303051207850001 tidak terdaftar sebagai peserta."


def test_text_that_is_no_number_asks_for_one(ctx: ServiceContext, workers: WorkerService) -> None:
    result = check_coverage(ctx, workers.regions, "maria")
    assert not result.found and "Ketik NIK" in result.message
