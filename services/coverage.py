"""The front-desk question: is the person with this NIK or KPJ covered today?"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from models.enums import WorkerStatus
from services.context import ServiceContext
from services.formatting import long_date
from services.labels import FUNDING, WORKER_STATUS
from services.permissions import Permission
from services.regions import RegionDirectory
from services.unit_of_work import read_session
from services.worker_search import Scope, digits_of, exact_number_condition, filters
from services.worker_types import CoverageResult, WorkerQuery

NIK_LENGTH = 16


def check_coverage(
    ctx: ServiceContext, regions: RegionDirectory, text: str, today: date | None = None
) -> CoverageResult:
    today = today or date.today()
    number = digits_of(text)
    if not number or len(number) > NIK_LENGTH:
        return CoverageResult(
            found=False,
            query=text,
            message="Ketik NIK (16 angka) atau No. KPJ peserta, lalu tekan Enter.",
        )
    ctx.require(Permission.READ_WORKERS)
    scope = Scope.of(ctx.principal)
    src = scope.source
    with read_session(ctx) as session:
        conditions = filters(session, WorkerQuery(), scope)
        worker = session.execute(
            select(src).where(exact_number_condition(session, number, scope), *conditions).limit(1)
        ).first()
    if worker is None:
        return CoverageResult(
            found=False, query=number, message=f"{number} tidak terdaftar sebagai peserta."
        )
    covered, message = coverage_today(worker, today)
    return CoverageResult(
        found=True,
        query=number,
        message=message,
        worker_id=worker.id,
        nik=worker.nik,
        kpj=worker.kpj,
        full_name=worker.full_name,
        village_name=regions.name(worker.village_code),
        kecamatan_name=regions.name(worker.kecamatan_code),
        status=worker.status,
        funding=worker.funding,
        coverage_start=worker.coverage_start,
        coverage_end=worker.coverage_end,
        covered_today=covered,
    )


def coverage_today(worker: Any, today: date) -> tuple[bool, str]:
    if worker.status is not WorkerStatus.ACTIVE:
        since = f" sejak {long_date(worker.status_date)}" if worker.status_date else ""
        return False, f"Tidak terlindungi: status {WORKER_STATUS[worker.status].lower()}{since}."
    if worker.coverage_start and today < worker.coverage_start:
        return False, f"Belum terlindungi: kepesertaan mulai {long_date(worker.coverage_start)}."
    if worker.coverage_end and today > worker.coverage_end:
        return False, f"Tidak terlindungi: kepesertaan berakhir {long_date(worker.coverage_end)}."
    until = f" s.d. {long_date(worker.coverage_end)}" if worker.coverage_end else ""
    return True, f"Terlindungi JKK dan JKM{until} ({FUNDING[worker.funding]})."
