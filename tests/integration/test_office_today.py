"""Every default day is the office's, whatever day the workstation's own clock says.

The workstation is put on the office's previous day (``workstation_on_another_day``, no
mocked clock: a real TZ), as a Kupang laptop left on Jakarta time is at 00.30 WITA. Each
check below would give yesterday's answer if it took the workstation's ``date.today()``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from models.database import make_engine
from models.enums import FundingSource, Role, WorkerStatus
from services.accounts.auth import sign_in
from services.core.context import ServiceContext
from services.core.office_time import (
    WIB,
    WITA,
    forget_office_zone,
    office_now,
    office_today,
    office_today_of,
    office_zone_of,
)
from services.core.permissions import Principal
from services.core.unit_of_work import read_session
from services.premiums.ledger import record_bill
from services.premiums.months import Month
from services.premiums.types import BillInput
from services.reports.dashboard import dashboard
from services.settings.district import DistrictSetup, apply_district
from services.workers.front_desk import check_coverage
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.conftest import OPERATOR
from tests.factories import worker_input
from tests.ui.accounts import PASSWORD, make_first_admin
from ui.cli.main import run

JAKARTA = DistrictSetup(
    kabupaten_code="31.71",  # Kota Jakarta Pusat: WIB
    office={"office.address": "Jl. Medan Merdeka Selatan 8, Jakarta Pusat"},
)
ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)


def _starting_today(workers: WorkerService, serial: int, office: date) -> int:
    """A worker whose coverage begins on the office's day: covered today, not yesterday."""
    data = worker_input(serial, coverage_start=office, coverage_end=None)
    return workers.create(data).worker.id


def test_the_front_desk_answers_for_the_offices_day(
    ctx: ServiceContext, workers: WorkerService, workstation_on_another_day: date
) -> None:
    office = workstation_on_another_day
    worker_id = _starting_today(workers, 1, office)
    nik = workers.get(worker_id).nik

    result = check_coverage(ctx, workers.regions, nik)

    assert result.day == office and result.day_is_today
    assert result.covered_today, result.message  # yesterday it was not yet covered
    # A number that is no NIK still names the office's day.
    assert check_coverage(ctx, workers.regions, "12").day == office


def test_service_defaults_take_the_offices_day(
    ctx: ServiceContext, workers: WorkerService, workstation_on_another_day: date
) -> None:
    office = workstation_on_another_day
    worker_id = _starting_today(workers, 2, office)

    # The status date may be today, the office's: for the workstation it is tomorrow.
    detail = workers.get(worker_id)
    left = workers.change_status(
        worker_id, WorkerStatus.INACTIVE, detail.version, "Pindah", status_date=office
    )
    assert left.status is WorkerStatus.INACTIVE and left.status_date == office
    # A bill dated today is no bill "from the future".
    bill = record_bill(
        ctx, BillInput(Month.of(office), FundingSource.APBD_KABUPATEN, "TG-1", office, 1, 16_800)
    )
    assert bill.bill_date == office
    # Beranda counts on the office's day.
    assert dashboard(ctx).today == office
    assert office_today_of(ctx) == office


def test_the_command_line_checks_on_the_offices_day(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    workstation_on_another_day: date,
) -> None:
    office = workstation_on_another_day
    admin_name = make_first_admin(database_url)
    admin = sign_in(database_url, admin_name, PASSWORD)
    try:
        workers = WorkerService(admin, RegionDirectory(admin))
        nik = workers.get(_starting_today(workers, 3, office)).nik
    finally:
        admin.engine.dispose()
    monkeypatch.setenv("SIRENTAN_HOME", str(tmp_path))
    monkeypatch.setenv("SIRENTAN_USER", admin_name)
    monkeypatch.setenv("SIRENTAN_PASSWORD", PASSWORD)
    capsys.readouterr()

    code = run(["--database", database_url, "workers", "check", nik, "--json"])

    answer = json.loads(capsys.readouterr().out)
    assert (code, answer["date"], answer["covered"]) == (0, office.isoformat(), True)


def test_the_zone_is_read_once_then_asked_without_a_query(ctx: ServiceContext) -> None:
    """The front desk asks on every lookup: after the first read no statement is sent."""
    statements: list[str] = []
    forget_office_zone()
    event.listen(ctx.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with read_session(ctx) as session:
        first = office_today(session)
        read = len(statements)
        for _ in range(100):
            assert office_today(session) == first
        assert len(statements) == read
    assert read >= 1  # the first ask did read the district
    before = len(statements)
    assert office_zone_of(ctx) is WITA and len(statements) == before  # no session either


def test_a_new_district_is_the_offices_clock_at_once(database_url: str) -> None:
    """Kept for a minute, but a district written in this process counts at once, for every
    context on the register (each has an engine of its own, as two screens or tests do)."""
    clerk = ServiceContext.for_engine(make_engine(database_url), principal=OPERATOR)
    admin = ServiceContext.for_engine(make_engine(database_url), principal=ADMIN)
    try:
        assert office_zone_of(clerk) is WITA  # now kept
        apply_district(admin, JAKARTA)
        assert office_zone_of(clerk) is WIB
        assert office_today_of(clerk) == office_now(WIB).date()
    finally:
        clerk.engine.dispose()
        admin.engine.dispose()
