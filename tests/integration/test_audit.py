"""The audit trail: every change with exact old and new values, and nothing can erase it."""

from __future__ import annotations

import importlib.util
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, text

from models import AuditEntry, schema
from models.enums import HeirRelation, Role, WorkerStatus
from models.sqlite_audit import AUDITED, BULK_AUDITED, NO_APP, SECRET, SKIPPED, TRIGGER_PREFIX
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
    # The database's triggers record what the delete cascades to, on both engines.
    assert {e.entity for e in deleted} == {"worker", "heir", "coverage_period"}
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


def test_only_a_bulk_runs_count_may_change_in_the_trail(
    admin: ServiceContext, ctx: ServiceContext
) -> None:
    """SQLite's bulk row triggers count each row into their run's entry ("N baris", as
    PostgreSQL's statement trigger writes it): the one update audit_log's guard lets
    through there. Another count, another column, or an older entry are refused, and
    PostgreSQL refuses every update."""
    WorkerService(admin).create(worker_input(1))
    with ctx.engine.begin() as conn:
        conn.execute(
            insert(AuditEntry).values(
                at=datetime.now(UTC),
                user_name="uji",
                action="create",
                entity="twin_review",
                summary="3 baris",
            )
        )
    latest = "(SELECT max(id) FROM audit_log)"
    refused = (
        f"UPDATE audit_log SET summary = '9 baris' WHERE id = {latest}",
        f"UPDATE audit_log SET summary = '4 baris', user_name = 'x' WHERE id = {latest}",
        "UPDATE audit_log SET summary = '2 baris' WHERE id = (SELECT min(id) FROM audit_log)",
    )
    for statement in refused:
        with pytest.raises(sa_exc.DatabaseError) as caught, ctx.engine.begin() as conn:
            conn.execute(text(statement))
        assert "append-only" in str(caught.value), statement
    counted = f"UPDATE audit_log SET summary = '4 baris' WHERE id = {latest}"
    if ctx.is_sqlite:
        with ctx.engine.begin() as conn:
            conn.execute(text(counted))
        assert search_audit(admin, AuditFilter(entity="twin_review"))[0].summary == "4 baris"
    else:
        with pytest.raises(sa_exc.DatabaseError), ctx.engine.begin() as conn:
            conn.execute(text(counted))


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
    # Times on the office's clock (the default district, TTU: WITA), which the header names.
    assert sheet["A1"].value == "Waktu (WITA)" and sheet["E2"].value == "Peserta"
    entry = search_audit(admin, AuditFilter(entity="worker"))[0]
    assert entry.at.utcoffset() == timedelta(hours=8)
    assert abs(sheet["A2"].value - entry.at.replace(tzinfo=None)) < timedelta(seconds=1)
    assert sheet["F2"].value == str(created.id)
    changes = sheet["H2"].value
    assert "Alamat: - → =HYPERLINK(1)" in changes and sheet["H2"].data_type == "s"
    exported = search_audit(admin, AuditFilter(action="export"))[0]
    assert exported.entity == "audit_log" and "audit.xlsx" in (exported.summary or "")


# What one clerk's day leaves in the trail, identical on SQLite and PostgreSQL: entity,
# action, the fields changed and the summary (never a whole NIK). Cascaded rows included.
WORKER_FIELDS = (
    "address", "birth_date", "birth_place", "coverage_end", "coverage_start", "full_name",
    "funding", "gender", "id", "kecamatan_code", "kpj", "nik", "occupation_id", "phone", "rt",
    "rw", "status", "village_code",
)  # fmt: skip
HEIR_FIELDS = ("full_name", "id", "relation", "worker_id")
PERIOD_FIELDS = ("end_date", "funding", "id", "kpj", "source", "start_date", "worker_id")
EVENT_FIELDS = ("effective_date", "id", "reason", "source", "status", "worker_id")
WORKER_LABEL = "MARIA GORETI TAEK B (NIK 5303********0001)"
EXPECTED_TRAIL = [
    ("setting", "create", ("key", "value"), "office.phone"),
    ("worker", "create", WORKER_FIELDS, WORKER_LABEL),
    ("heir", "create", HEIR_FIELDS, "ahli waris YOHANES TAEK"),
    (
        "coverage_period",
        "create",
        PERIOD_FIELDS,
        "periode kepesertaan mulai 2025-07-07 s.d. 2025-12-31",
    ),
    ("worker", "update", ("address", "phone"), WORKER_LABEL),
    ("heir", "create", HEIR_FIELDS, "ahli waris ANNA TAEK"),
    ("worker_status_event", "create", EVENT_FIELDS, "status meninggal mulai 2025-09-01"),
    (
        "coverage_period",
        "update",
        ("end_date", "ended_by_event_id", "planned_end"),
        "periode kepesertaan mulai 2025-07-07 s.d. 2025-09-01",
    ),
    (
        "worker",
        "status",
        ("coverage_end", "status", "status_date", "status_reason"),
        WORKER_LABEL,
    ),
    ("setting", "update", ("value",), "office.phone"),
    # The delete and everything it cascades to (the engines fire them in another order).
    ("heir", "delete", HEIR_FIELDS, "ahli waris YOHANES TAEK"),
    ("heir", "delete", HEIR_FIELDS, "ahli waris ANNA TAEK"),
    (
        "coverage_period",
        "delete",
        tuple(sorted((*PERIOD_FIELDS, "ended_by_event_id", "planned_end"))),
        "periode kepesertaan mulai 2025-07-07 s.d. 2025-09-01",
    ),
    ("worker_status_event", "delete", EVENT_FIELDS, "status meninggal mulai 2025-09-01"),
    (
        "worker",
        "delete",
        tuple(sorted((*WORKER_FIELDS, "status_date", "status_reason"))),
        WORKER_LABEL,
    ),
]


def test_both_engines_record_the_same_trail(admin: ServiceContext) -> None:
    start = max(e.id for e in search_audit(admin, AuditFilter()))
    workers = WorkerService(admin)
    settings = SettingsService(admin)
    settings.set("office.phone", "(0388) 31234")
    created = workers.create(worker_input(1)).worker
    data = replace(created.to_input(), address="Jl. El Tari 5", phone="081399990000")
    data.heirs.append(HeirInput(full_name="Anna Taek", relation=HeirRelation.CHILD))
    updated = workers.update(created.id, data, created.version).worker
    dead = workers.change_status(
        created.id,
        WorkerStatus.DECEASED,
        updated.version,
        status_date=date(2025, 9, 1),
        reason="Sakit",
    )
    settings.set("office.phone", "(0388) 31235")
    workers.delete(created.id, dead.version)
    trail = [e for e in search_audit(admin, AuditFilter()) if e.id > start]
    seen = [(e.entity, e.action, tuple(sorted(e.changes)), e.summary) for e in trail]
    assert Counter(seen) == Counter(EXPECTED_TRAIL)
    assert {(e.user_name, e.workstation) for e in trail} == {(admin.user_name, admin.workstation)}
    # The database's clock, read back as the app reads its own times.
    assert all(abs(e.at - datetime.now(UTC)) < timedelta(minutes=5) for e in trail)
    dead_entry = next(e for e in trail if e.entity == "worker" and e.action == "status")
    assert dead_entry.changes["status"] == ("aktif", "meninggal")
    assert dead_entry.changes["status_date"] == (None, "2025-09-01")


def _register_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_a_change_without_the_app_is_recorded_on_sqlite(
    sqlite_ctx: ServiceContext, sqlite_url: str
) -> None:
    admin = first_admin(sqlite_ctx, sqlite_url)
    created = WorkerService(admin).create(worker_input(1)).worker
    start = max(e.id for e in search_audit(admin, AuditFilter()))
    raw = sqlite3.connect(_register_file(sqlite_url))
    try:
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("UPDATE worker SET phone = '081300000001' WHERE id = ?", (created.id,))
        raw.execute(
            "INSERT INTO setting (key, value, updated_at) "
            "VALUES ('office.phone', '(0388) 31111', '2026-01-01 00:00:00.000000')"
        )
        raw.execute("DELETE FROM heir WHERE worker_id = ?", (created.id,))
        raw.commit()
    finally:
        raw.close()
    trail = sorted(
        (e for e in search_audit(admin, AuditFilter()) if e.id > start), key=lambda e: e.id
    )
    assert [(e.entity, e.action, e.user_name, e.workstation) for e in trail] == [
        ("worker", "update", NO_APP, None),
        ("setting", "create", NO_APP, None),
        ("heir", "delete", NO_APP, None),
    ]
    assert trail[0].changes == {"phone": ("081234567890", "081300000001")}
    assert trail[0].summary == f"{created.full_name} (NIK 5303********0001)"
    assert trail[2].changes["full_name"] == ("YOHANES TAEK", None)
    # The app's own next change still names its clerk.
    SettingsService(admin).set("office.phone", "(0388) 32222")
    latest = search_audit(admin, AuditFilter(entity="setting"))[0]
    assert (latest.user_name, latest.changes["value"]) == (
        admin.user_name,
        ("(0388) 31111", "(0388) 32222"),
    )


def _migration(name: str) -> ModuleType:
    path = next(schema.MIGRATIONS_DIR.glob(f"versions/{name}_*.py"))
    spec = importlib.util.spec_from_file_location(f"migration_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sqlite_audits_the_tables_and_columns_postgresql_does(sqlite_url: str) -> None:
    wall = _migration("0012")
    assert AUDITED == wall.AUDITED and BULK_AUDITED == wall.BULK_AUDITED
    assert set(SKIPPED) == {*wall.SKIPPED, "name_phonetic"}
    assert SECRET == wall.SECRET
    # Every audited table of this schema has its three triggers, and they know every column
    # a migration added since (a later migration must call secure_sqlite_tables again).
    conn = sqlite3.connect(_register_file(sqlite_url))
    try:
        triggers = dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                (TRIGGER_PREFIX + "%",),
            ).fetchall()
        )
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            if (
                table not in AUDITED
                and table not in BULK_AUDITED
                and ("worker_id" not in columns or table == "audit_log")
            ):
                continue
            for op in ("insert", "update", "delete"):
                body = triggers.get(f"{TRIGGER_PREFIX}{table}_{op}")
                assert body is not None, f"{table} has no audit trigger on {op}"
                if table in BULK_AUDITED:
                    continue
                missing = [c for c in columns if c not in SKIPPED and f'"{c}"' not in body]
                assert not missing, f"{table}'s {op} trigger misses {missing}"
    finally:
        conn.close()
