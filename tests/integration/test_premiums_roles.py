"""Who may record the money, on PostgreSQL enforced by the database's own grants: clerks
signed in with their own login roles, as in the office."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from models.enums import FundingSource, Gender, Role
from services.core.context import ServiceContext
from services.core.permissions import PermissionDeniedError
from services.premiums import (
    AllocationInput,
    BillInput,
    Month,
    PaymentInput,
    RateInput,
    drilldown,
    monthly_premium,
    record_bill,
    record_payment,
    set_allocation,
    set_rate,
)
from services.premiums.bpjs_list import import_bpjs_list
from services.reports import ReportFilter, ReportKind, dashboard
from services.reports.service import build_report
from services.workers.service import WorkerService
from tests.factories import make_nik, worker_input
from tests.integration.test_premiums_reconciliation import bpjs_file
from tests.integration.trust_helpers import clerk, first_admin

KAB = FundingSource.APBD_KABUPATEN
TODAY = date(2026, 11, 24)
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgresql"], indirect=True),
]


@pytest.fixture
def office(ctx: ServiceContext, database_url: str) -> ServiceContext:
    """An administrator, two workers in Kota Kefamenanu and one in Kecamatan 53.03.06."""
    admin = first_admin(ctx, database_url)
    workers = WorkerService(admin)
    for serial in (1, 2):
        workers.create(worker_input(serial, coverage_start=date(2025, 1, 1), coverage_end=None))
    birth = date(1985, 7, 12)
    workers.create(
        worker_input(
            3,
            coverage_start=date(2025, 1, 1),
            coverage_end=None,
            village_code="53.03.06.2001",
            nik=make_nik(birth, Gender.FEMALE, 3, "530306"),
        )
    )
    return admin


def _denied(ctx: ServiceContext, statement: str) -> None:
    with pytest.raises(sa_exc.ProgrammingError) as caught, ctx.engine.begin() as conn:
        conn.execute(text(statement))
    assert "permission denied" in str(caught.value), statement


def test_an_operator_records_the_money_but_not_the_rates(
    office: ServiceContext, database_url: str, tmp_path: Path
) -> None:
    operator = clerk(office, database_url, "bendahara", Role.OPERATOR)
    bill = record_bill(
        operator, BillInput(Month(2025, 1), KAB, "T-01", date(2025, 2, 1), 3, 50_400)
    )
    record_payment(operator, PaymentInput(bill.id, date(2025, 2, 9), 50_400, "SP2D 1"))
    set_allocation(operator, AllocationInput(2025, KAB, 600_000))
    result = import_bpjs_list(operator, bill.id, bpjs_file(tmp_path / "daftar.xlsx"))
    assert result.rows == 6
    assert drilldown(operator, bill.id).counted_workers == 3
    with pytest.raises(PermissionDeniedError):
        set_rate(operator, RateInput(KAB, Month(2026, 1), 1, 1))
    _denied(operator, "UPDATE premium_rate SET jkk = 1")
    _denied(operator, "DELETE FROM audit_log")


def test_a_viewer_reads_figures_but_not_the_billed_people(
    office: ServiceContext, database_url: str
) -> None:
    bill = record_bill(office, BillInput(Month(2025, 1), KAB, "T-01", date(2025, 2, 1), 3, 50_400))
    viewer = clerk(office, database_url, "pengamat", Role.VIEWER)
    board = dashboard(viewer, TODAY)
    assert board.active_total == 3 and board.premium_workers == 3
    report = build_report(viewer, ReportKind.PREMIUM, ReportFilter(), TODAY)
    assert report.row_count == 3
    with pytest.raises(PermissionDeniedError):
        record_bill(viewer, BillInput(Month(2025, 2), KAB, "T-02", date(2025, 3, 1), 1, 1))
    for statement in (
        "SELECT nik FROM bpjs_list_entry",
        f"UPDATE premium_bill SET amount = 0 WHERE id = {bill.id}",
        "INSERT INTO budget_allocation (year, funding, amount, updated_at) "
        "VALUES (2025, 'apbd_kab', 1, now())",
    ):
        _denied(viewer, statement)
    with viewer.engine.connect() as conn:
        assert conn.execute(text("SELECT sum(amount) FROM premium_bill")).scalar() == 50_400
    # Every report reads only what the viewer's grants allow (masked NIKs, no bank data).
    for kind in ReportKind:
        built = build_report(viewer, kind, ReportFilter(kecamatan_code="53.03.05"), TODAY)
        assert built.kind is kind


def test_a_kecamatan_clerk_counts_only_their_kecamatan(
    office: ServiceContext, database_url: str
) -> None:
    local = clerk(office, database_url, "kota_iuran", Role.OPERATOR, ["53.03.05"])
    premium = monthly_premium(local, Month(2025, 1))
    assert premium.workers == 2
    assert premium.scope_note == (
        "Hanya peserta di kecamatan yang boleh dilihat akun ini: Kota Kefamenanu."
    )
    assert dashboard(local, TODAY).active_total == 2
