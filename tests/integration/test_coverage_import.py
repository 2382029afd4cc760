"""Coverage comes in through imports: TMT columns and --coverage-start open periods, an
update opens or moves them, and undoing the import takes them back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from models.enums import CoverageSource, FundingSource, OnExisting, WorkerStatus
from services.core.context import ServiceContext
from services.excel_import import ImportOptions, commit_import, read_import_file, undo_import
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.factories import worker_input
from tests.integration.test_import_reading import save_workbook
from tests.present import present

HEADER = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan", "TMT", "No. KPJ"]


def _row(serial: int, start: date | None, kpj: str = "") -> list[object]:
    data = worker_input(serial)
    return [
        data.nik,
        data.full_name,
        data.birth_date,
        "P",
        "Aplasi",
        "Kota Kefamenanu",
        "petani",
        start,
        kpj,
    ]


def _id(workers: WorkerService, nik: str) -> int:
    (row,) = workers.search(WorkerQuery(text=nik)).rows
    return row.id


def _periods(workers: WorkerService, nik: str) -> list[tuple[object, ...]]:
    worker = _id(workers, nik)
    return [
        (p.start_date, p.end_date, p.source, p.funding)
        for p in workers.coverage_history(worker).periods
    ]


def test_import_opens_periods_and_undo_removes_them(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    path = save_workbook(
        tmp_path / "desa.xlsx",
        [HEADER, _row(1, date(2026, 1, 1), "12345678901"), _row(2, None)],
    )
    options = ImportOptions(coverage_start=date(2026, 2, 1))
    result = commit_import(ctx, read_import_file(path), options=options)
    first, second = (worker_input(s).nik for s in (1, 2))
    kab = FundingSource.APBD_KABUPATEN
    assert _periods(workers, first) == [(date(2026, 1, 1), None, CoverageSource.IMPORT, kab)]
    assert _periods(workers, second) == [(date(2026, 2, 1), None, CoverageSource.IMPORT, kab)]
    (period,) = workers.coverage_history(_id(workers, first)).periods
    assert period.source_ref == str(result.batch_id) and period.kpj == "12345678901"

    undo_import(ctx, present(result.batch_id))
    assert workers.search(WorkerQuery(text=first)).total == 0


def test_an_update_opens_a_period_after_the_last_one_and_undo_restores(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    created = workers.create(worker_input(1)).worker  # 7 July - 31 December 2025
    bare = workers.create(worker_input(2, coverage_start=None, coverage_end=None)).worker
    path = save_workbook(
        tmp_path / "bpjs.xlsx", [HEADER, _row(1, date(2026, 1, 1)), _row(2, date(2026, 3, 1))]
    )
    options = ImportOptions(on_existing=OnExisting.UPDATE)
    result = commit_import(ctx, read_import_file(path), options=options)
    assert [p[:3] for p in _periods(workers, created.nik)] == [
        (date(2025, 7, 7), date(2025, 12, 31), CoverageSource.CLERK),
        (date(2026, 1, 1), None, CoverageSource.IMPORT),
    ]
    assert [p[:2] for p in _periods(workers, bare.nik)] == [(date(2026, 3, 1), None)]
    updated = workers.get(created.id)
    assert (updated.coverage_start, updated.coverage_end) == (date(2026, 1, 1), None)

    undo_import(ctx, present(result.batch_id))
    assert [p[:2] for p in _periods(workers, created.nik)] == [
        (date(2025, 7, 7), date(2025, 12, 31))
    ]
    assert _periods(workers, bare.nik) == []
    restored = workers.get(created.id)
    assert (restored.coverage_start, restored.coverage_end) == (
        date(2025, 7, 7),
        date(2025, 12, 31),
    )
    assert workers.get(bare.id).coverage_start is None


def test_bpjs_returned_list_opens_and_moves_periods(
    ctx: ServiceContext, workers: WorkerService, tmp_path: Path
) -> None:
    from services.premiums import BillInput, record_bill
    from services.premiums.bpjs_list import import_bpjs_list
    from services.premiums.months import Month

    bare = workers.create(worker_input(1, kpj=None, coverage_start=None, coverage_end=None)).worker
    late = workers.create(worker_input(2, coverage_start=date(2025, 8, 1))).worker
    dead = workers.create(worker_input(3, coverage_start=None, coverage_end=None)).worker
    workers.change_status(
        dead.id, WorkerStatus.DECEASED, dead.version, status_date=date(2025, 6, 1)
    )
    bill = record_bill(
        ctx, BillInput(Month(2025, 7), FundingSource.APBD_KABUPATEN, "T-7", date(2025, 8, 5), 3, 1)
    )
    rows: list[list[Any]] = [
        ["No", "No KPJ", "NIK", "Nama", "TMT"],
        [1, "77700000001", bare.nik, bare.full_name, date(2025, 7, 1)],
        [2, late.kpj, late.nik, late.full_name, date(2025, 7, 7)],
        [3, None, dead.nik, dead.full_name, date(2025, 7, 1)],
    ]
    path = save_workbook(tmp_path / "bpjs.xlsx", rows, text_columns=[1, 2])
    result = import_bpjs_list(ctx, bill.id, path)
    assert (result.periods_opened, result.periods_moved, result.kpj_recorded) == (1, 1, 1)
    assert len(result.coverage_refused) == 1
    assert "Baris 4" in result.coverage_refused[0]
    assert "meninggal sejak 1 Juni 2025" in result.coverage_refused[0]
    opened = workers.coverage_history(bare.id).periods
    assert [(p.start_date, p.end_date, p.source, p.kpj) for p in opened] == [
        (date(2025, 7, 1), None, CoverageSource.BPJS, "77700000001")
    ]
    assert workers.get(bare.id).kpj == "77700000001"
    (moved,) = workers.coverage_history(late.id).periods
    assert (moved.start_date, moved.end_date) == (date(2025, 7, 7), date(2025, 12, 31))
