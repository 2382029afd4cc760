"""The village list a village head signs and BPJS's collective registration export name the
workers covered on their date by the coverage history, with that day's funding and
period: not the worker row's status (aktif with no period, or a period that ended) nor
its cached current funding (a back-dated list of a worker whose funding moved). Both
engines; the PDF read back with pypdf and the workbook with openpyxl."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text, update

from models import Worker
from models.enums import FundingSource, WorkerStatus
from services import coverage_history
from services.core.context import ServiceContext
from services.core.unit_of_work import unit_of_work
from services.excel_export import ExportFormat, export_workers
from services.reports import ReportFilter, ReportKind
from services.reports.service import build_report, write_report
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.integration.premium_helpers import add_worker, end_worker
from tests.integration.test_reports import pdf_text

APLASI = "53.03.05.1002"
BACK = date(2025, 5, 1)  # a back-dated list
NOW = date(2026, 11, 24)


@dataclass(frozen=True)
class Register:
    """NIKs of the five workers, all with status aktif today."""

    no_period: str  # entered by hand without a coverage start
    ended: str  # 1 January - 30 June 2025
    moved: str  # Dana Desa in 2025, APBD Kabupaten from 1 January 2026
    plain: str  # APBD Kabupaten from 1 January 2025, open
    back: str  # deactivated 1 March 2025, reactivated 1 September 2025


@pytest.fixture
def register(ctx: ServiceContext) -> Register:
    service = WorkerService(ctx)

    def nik(worker_id: int) -> str:
        return service.get(worker_id).nik

    no_period = add_worker(ctx, 1, None, village_code=APLASI)
    ended = add_worker(ctx, 2, date(2025, 1, 1), date(2025, 6, 30), village_code=APLASI)
    moved = add_worker(
        ctx, 3, date(2025, 1, 1), date(2025, 12, 31), FundingSource.DANA_DESA, village_code=APLASI
    )
    with unit_of_work(ctx) as session:
        worker = session.get(Worker, moved)
        assert worker is not None
        coverage_history.open_period(
            session, worker, date(2026, 1, 1), funding=FundingSource.APBD_KABUPATEN
        )
    plain = add_worker(ctx, 4, date(2025, 1, 1), village_code=APLASI)
    back = add_worker(ctx, 5, date(2025, 1, 1), village_code=APLASI)
    end_worker(ctx, back, WorkerStatus.INACTIVE, date(2025, 3, 1))
    service.change_status(
        back, WorkerStatus.ACTIVE, service.get(back).version, status_date=date(2025, 9, 1)
    )
    made = Register(nik(no_period), nik(ended), nik(moved), nik(plain), nik(back))
    for worker_id in (no_period, ended, moved, plain, back):
        assert service.get(worker_id).status is WorkerStatus.ACTIVE
    return made


def _village_list(ctx: ServiceContext, day: date, funding: FundingSource | None = None) -> dict:
    """NIK -> (funding label, start) as the village list prints them."""
    report = build_report(
        ctx, ReportKind.VILLAGE_LIST, ReportFilter(village_code=APLASI, funding=funding), day
    )
    [section] = report.sections
    [table] = section.tables
    assert report.row_count == len(table.rows)
    return {row[2]: (row[8], row[9]) for row in table.rows}


def _bpjs(ctx: ServiceContext, path: Path, day: date, funding: FundingSource | None = None) -> dict:
    """NIK -> (funding label, start) as the BPJS registration list holds them."""
    query = WorkerQuery(village_code=APLASI, funding=funding)
    result = export_workers(ctx, path, query, ExportFormat.BPJS, today=day)
    sheet = openpyxl.load_workbook(result.path).worksheets[0]
    # The title lines (with the filter) above the header row.
    first = next(r[0].row for r in sheet.iter_rows() if r[0].value == "NIK")
    headers = [c.value for c in sheet[first]]
    rows = [
        dict(zip(headers, (c.value for c in r), strict=True)) for r in sheet.iter_rows(first + 1)
    ]
    assert result.rows == len(rows)
    return {r["NIK"]: (r["SUMBER DANA"], _as_date(r["TANGGAL MULAI KEPESERTAAN"])) for r in rows}


def _as_date(value: object) -> object:
    return value.date() if isinstance(value, datetime) else value


def test_the_village_list_names_who_is_covered_on_its_date(
    ctx: ServiceContext, register: Register, tmp_path: Path
) -> None:
    r = register
    assert _village_list(ctx, NOW) == {
        r.moved: ("APBD Kabupaten", date(2026, 1, 1)),
        r.plain: ("APBD Kabupaten", date(2025, 1, 1)),
        r.back: ("APBD Kabupaten", date(2025, 9, 1)),
    }
    # Back-dated: the ended period still ran, the moved worker was funded by Dana Desa
    # and the reactivated one was out.
    assert _village_list(ctx, BACK) == {
        r.ended: ("APBD Kabupaten", date(2025, 1, 1)),
        r.moved: ("Dana Desa", date(2025, 1, 1)),
        r.plain: ("APBD Kabupaten", date(2025, 1, 1)),
    }
    # The funding filter is the funding on the list's date.
    assert set(_village_list(ctx, BACK, FundingSource.DANA_DESA)) == {r.moved}
    assert set(_village_list(ctx, NOW, FundingSource.DANA_DESA)) == set()
    # The PDF the head signs says the same.
    path = tmp_path / "desa.pdf"
    write_report(ctx, ReportKind.VILLAGE_LIST, path, ReportFilter(village_code=APLASI), BACK)
    text = pdf_text(path)
    assert "Jumlah peserta terlindungi : 3 orang" in text
    assert "Peserta yang terlindungi pada 1 Mei 2025" in text
    for listed in (r.ended, r.moved, r.plain):
        assert listed in text
    for absent in (r.no_period, r.back):
        assert absent not in text


def test_the_bpjs_registration_list_names_who_is_covered_on_its_date(
    ctx: ServiceContext, register: Register, tmp_path: Path
) -> None:
    """Who needs registering on the list's date: covered that day by a period the district
    pays (APBD Kabupaten here), with no KPJ yet, as the surat pengantar names them."""
    r = register
    assert len(_bpjs(ctx, tmp_path / "kpj.xlsx", NOW)) == 0  # every one has a KPJ
    with ctx.engine.begin() as conn:
        conn.execute(update(Worker).values(kpj=None))
        conn.execute(text("UPDATE coverage_period SET kpj = NULL"))
    assert _bpjs(ctx, tmp_path / "now.xlsx", NOW) == {
        r.moved: ("APBD Kabupaten", date(2026, 1, 1)),
        r.plain: ("APBD Kabupaten", date(2025, 1, 1)),
        r.back: ("APBD Kabupaten", date(2025, 9, 1)),
    }
    # Back-dated: the ended period still ran; the moved worker was funded by Dana Desa,
    # which the district does not pay, so is not for this list.
    assert _bpjs(ctx, tmp_path / "back.xlsx", BACK) == {
        r.ended: ("APBD Kabupaten", date(2025, 1, 1)),
        r.plain: ("APBD Kabupaten", date(2025, 1, 1)),
    }
    assert set(_bpjs(ctx, tmp_path / "dd.xlsx", BACK, FundingSource.DANA_DESA)) == set()
    assert set(_bpjs(ctx, tmp_path / "kab.xlsx", BACK, FundingSource.APBD_KABUPATEN)) == {
        r.ended,
        r.plain,
    }
