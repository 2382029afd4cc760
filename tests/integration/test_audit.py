"""The audit trail: every change with exact old and new values, and nothing can erase it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from models.enums import HeirRelation, Role, WorkerStatus
from services.audit.query import AuditFilter, export_audit, search_audit, worker_history
from services.core.context import ServiceContext
from services.settings.store import SettingsService
from services.workers.service import WorkerService
from services.workers.types import HeirInput, WorkerQuery
from tests.factories import worker_input
from tests.integration.trust_helpers import clerk, first_admin


@pytest.fixture
def admin(ctx: ServiceContext, database_url: str) -> ServiceContext:
    return first_admin(ctx, database_url)


def test_create_records_every_field(admin: ServiceContext) -> None:
    created = WorkerService(admin).create(worker_input(1)).worker
    period, heir, entry = worker_history(admin, created.id)
    assert (entry.action, entry.entity, entry.entity_id) == ("create", "worker", str(created.id))
    # The form's dates open the worker's first coverage period, recorded under the worker.
    assert (period.action, period.entity) == ("create", "coverage_period")
    assert period.changes["start_date"] == (None, "2025-07-07")
    assert (heir.entity, heir.entity_id) == ("heir", str(created.heirs[0].id))
    assert entry.user_name == admin.user_name and entry.workstation == admin.workstation
    assert entry.changes["nik"] == (None, created.nik)
    assert entry.changes["birth_date"] == (None, "1985-07-12")
    assert entry.changes["funding"] == (None, "apbd_kab")
    assert "version" not in entry.changes and "name_key" not in entry.changes


def test_every_new_context_records_changes(admin: ServiceContext) -> None:
    """Contexts come and go (sign-in, a reconnect, each CLI call); a new one whose session
    factory reuses the memory of a freed one must still be audited."""
    for serial in range(1, 41):
        fresh = ServiceContext.for_engine(admin.engine, principal=admin.principal)
        created = WorkerService(fresh).create(worker_input(serial)).worker
        del fresh
        entries = [e for e in worker_history(admin, created.id) if e.entity == "worker"]
        assert [e.action for e in entries] == ["create"], f"worker {serial} not audited"


def test_update_records_exact_old_and_new_values_only(admin: ServiceContext) -> None:
    workers = WorkerService(admin)
    created = workers.create(worker_input(1)).worker
    data = replace(created.to_input(), address="Jl. El Tari 5", phone="081399990000")
    workers.update(created.id, data, created.version)
    entry = worker_history(admin, created.id)[0]
    assert entry.action == "update"
    assert entry.changes == {
        "address": ("Jl. Sonbai", "Jl. El Tari 5"),
        "phone": ("081234567890", "081399990000"),
    }


def test_status_change_and_heirs_are_in_the_workers_history(admin: ServiceContext) -> None:
    workers = WorkerService(admin)
    created = workers.create(worker_input(1)).worker
    data = created.to_input()
    data.heirs.append(HeirInput(full_name="Anna Taek", relation=HeirRelation.CHILD))
    updated = workers.update(created.id, data, created.version).worker
    workers.change_status(
        created.id,
        WorkerStatus.DECEASED,
        updated.version,
        status_date=date(2025, 9, 1),
        reason="Sakit",
    )
    history = worker_history(admin, created.id)
    # The death ends the coverage period on its day, in the same transaction.
    assert sorted((e.action, e.entity) for e in history[:3]) == [
        ("create", "worker_status_event"),
        ("status", "worker"),
        ("update", "coverage_period"),
    ]
    status = next(e for e in history if e.entity == "worker" and e.action == "status")
    assert status.changes["status"] == ("aktif", "meninggal")
    cut = next(e for e in history if e.entity == "coverage_period" and e.action == "update")
    assert cut.changes["end_date"] == ("2025-12-31", "2025-09-01")
    heir = next(e for e in history if e.entity == "heir")
    assert heir.changes["full_name"] == (None, "ANNA TAEK")


def test_delete_records_the_old_values(admin: ServiceContext) -> None:
    workers = WorkerService(admin)
    created = workers.create(worker_input(1)).worker
    workers.delete(created.id, created.version)
    deleted = [e for e in worker_history(admin, created.id) if e.action == "delete"]
    # PostgreSQL's triggers also record the coverage periods the delete cascades to.
    assert {e.entity for e in deleted} - {"coverage_period"} == {"worker", "heir"}
    worker_entry = next(e for e in deleted if e.entity == "worker")
    assert worker_entry.changes["nik"] == (created.nik, None)


def test_settings_and_accounts_are_audited_without_secrets(admin: ServiceContext) -> None:
    SettingsService(admin).set("office.phone", "(0388) 31234")
    setting = search_audit(admin, AuditFilter(entity="setting"))[0]
    assert setting.changes["value"] == (None, "(0388) 31234")
    account = search_audit(admin, AuditFilter(entity="user", action="create"))[0]
    assert account.changes["password_hash"] == (None, "***")


def test_a_viewer_opening_a_full_nik_is_recorded(admin: ServiceContext, database_url: str) -> None:
    created = WorkerService(admin).create(worker_input(1, kk_number="5303051207150003")).worker
    viewer = clerk(admin, database_url, "pengamat", Role.VIEWER)
    seen = WorkerService(viewer).get(created.id)
    assert seen.nik == created.nik[:4] + "********" + created.nik[-4:]
    assert seen.kk_number == "5303********0003"
    assert seen.heirs[0].bank_account_number is None
    row = WorkerService(viewer).search(WorkerQuery()).rows[0]
    assert "*" in row.nik
    assert WorkerService(viewer).reveal_identity(created.id) == (created.nik, "5303051207150003")
    access = search_audit(admin, AuditFilter(action="access"))
    assert [(e.user_name, e.entity_id) for e in access] == [(viewer.user_name, str(created.id))]


def test_an_operator_reading_a_nik_leaves_no_access_entry(admin: ServiceContext) -> None:
    created = WorkerService(admin).create(worker_input(1)).worker
    assert WorkerService(admin).reveal_identity(created.id)[0] == created.nik
    assert search_audit(admin, AuditFilter(action="access")) == []


def test_the_audit_table_refuses_update_and_delete(
    admin: ServiceContext, ctx: ServiceContext
) -> None:
    WorkerService(admin).create(worker_input(1))
    statements = ("UPDATE audit_log SET user_name = 'x'", "DELETE FROM audit_log")
    # ctx connects as the database owner: the trigger stops even the owner. On
    # PostgreSQL the clerk's own role is stopped earlier, by its grants.
    for engine, refusal in (
        (ctx.engine, "append-only"),
        (admin.engine, "append-only" if admin.is_sqlite else "permission denied"),
    ):
        for statement in statements:
            with pytest.raises(sa_exc.DatabaseError) as caught, engine.begin() as conn:
                conn.execute(text(statement))
            assert refusal in str(caught.value)
    assert search_audit(admin, AuditFilter(entity="worker"))[0].user_name == admin.user_name


def test_export_writes_the_rows_and_is_itself_recorded(
    admin: ServiceContext, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    created = WorkerService(admin).create(worker_input(1, address="=HYPERLINK(1)")).worker
    path = tmp_path / "audit.xlsx"
    count = export_audit(admin, AuditFilter(entity="worker"), path)
    sheet = load_workbook(path).active
    assert count == 1 and sheet.max_row == 2
    assert sheet["A1"].value == "Waktu" and sheet["E2"].value == "Peserta"
    assert sheet["F2"].value == str(created.id)
    changes = sheet["H2"].value
    assert "Alamat: - → =HYPERLINK(1)" in changes and sheet["H2"].data_type == "s"
    exported = search_audit(admin, AuditFilter(action="export"))[0]
    assert exported.entity == "audit_log" and "audit.xlsx" in (exported.summary or "")
