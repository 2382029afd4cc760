"""Qt's own model checks (QAbstractItemModelTester, through pytest-qt's qtmodeltester) on
the table models, over a real register: row counts, indexes, roles and the signals of a
reload all as the views expect. A Qt warning from the tester fails the test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.enums import HeirRelation, Role
from services.accounts.service import list_users
from services.audit.query import AuditFilter, search_audit
from services.core.context import ServiceContext
from services.core.input_rules import err
from services.core.permissions import Principal
from services.excel_import import ColumnMapping, RowResult, RowStatus, SourceTable
from services.workers.service import WorkerService
from services.workers.types import HeirInput, WorkerQuery
from tests.ui.helpers import seed
from ui.gui.app_context import AppContext
from ui.gui.audit.audit_table_model import AUDIT_COLUMNS, AuditTableModel
from ui.gui.audit.change_text import ChangeText
from ui.gui.excel_import.grid_preview import GridPreviewModel
from ui.gui.excel_import.row_model import ImportRowModel
from ui.gui.tasks import Tasks
from ui.gui.users.user_table_model import UserTableModel
from ui.gui.widgets.record_table import Column, RecordTableModel
from ui.gui.worker_form.heir_table_model import HIDDEN, HeirTableModel
from ui.gui.worker_list.worker_table_model import WorkerTableModel

ADMIN = Principal(user_id=0, username="admin", full_name="Admin Kabupaten", role=Role.ADMIN)


def test_the_worker_list_model_passes_while_pages_arrive_and_the_filter_changes(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_ctx: ServiceContext
) -> None:
    workers = WorkerService(sqlite_ctx)
    seed(workers, 7)
    tasks = Tasks()
    model = WorkerTableModel(workers, page_size=2, tasks=tasks)
    model.reload()
    qtmodeltester.check(model)
    for row in range(model.rowCount()):  # later pages come from the background
        model.data(model.index(row, 0))
    qtbot.waitUntil(lambda: all(model.worker_at(r) for r in range(7)), timeout=10000)
    with qtbot.waitSignal(model.total_changed):
        model.set_query(WorkerQuery(text="tidak ada orang ini"))
    assert model.rowCount() == 0
    tasks.wait()


def test_the_audit_and_user_models_pass(
    qtmodeltester: ModelTester, sqlite_ctx: ServiceContext
) -> None:
    seed(WorkerService(sqlite_ctx), 3)
    admin = ServiceContext.for_engine(sqlite_ctx.engine, principal=ADMIN)
    app = AppContext.create(admin)
    audit = AuditTableModel(ChangeText(app), AUDIT_COLUMNS)
    audit.set_rows(search_audit(admin, AuditFilter()))
    assert audit.rowCount() >= 3
    qtmodeltester.check(audit)
    audit.set_rows([])

    users = UserTableModel(app.regions)
    users.set_rows(list_users(admin))
    qtmodeltester.check(users)


@dataclass(frozen=True)
class Payment:
    reference: str
    amount: int


def test_the_record_model_passes_with_checkboxes(qtmodeltester: ModelTester) -> None:
    columns: list[Column[Payment]] = [
        Column("Nomor", lambda p: p.reference),
        Column("Jumlah", lambda p: str(p.amount), numeric=True),
    ]
    model = RecordTableModel(columns, checkable=True)
    model.set_rows([Payment("BPJS-1", 16_800), Payment("BPJS-2", 33_600)])
    qtmodeltester.check(model)
    model.set_all_checked(True)
    assert [p.reference for p in model.checked()] == ["BPJS-1", "BPJS-2"]
    model.set_rows([Payment("BPJS-3", 1)])
    assert model.rowCount() == 1 and model.checked() == []


def test_the_heir_model_passes_while_heirs_come_change_hide_and_go(
    qtmodeltester: ModelTester,
) -> None:
    model = HeirTableModel()
    qtmodeltester.check(model)  # the tester stays and checks every change below
    model.add(HeirInput("Ahli Satu", HeirRelation.SPOUSE, nik="3201010101800001"))
    model.add(HeirInput("Ahli Dua", HeirRelation.CHILD))
    model.replace(1, HeirInput("Ahli Dua", HeirRelation.CHILD, phone="081200000000"))
    model.set_problems([err("heir_nik", "heirs[0].nik", "NIK ahli waris tidak sah.")])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "NIK ahli waris tidak sah."
    model.set_masked(True)
    assert model.data(model.index(0, 2)) == HIDDEN
    model.remove(0)
    assert model.rowCount() == 1 and model.heir(0).full_name == "Ahli Dua"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None


def test_the_import_models_pass_while_the_filter_and_the_sheet_change(
    qtmodeltester: ModelTester,
) -> None:
    rows = ImportRowModel()
    qtmodeltester.check(rows)
    rows.show_result(
        (
            RowResult(8, RowStatus.NEW, "5303055207850001", "ANA"),
            RowResult(9, RowStatus.REJECTED, None, None, ("NIK wajib diisi",)),
        )
    )
    rows.set_status(RowStatus.REJECTED)
    assert rows.rowCount() == 1
    assert rows.data(rows.index(0, 4), Qt.ItemDataRole.ToolTipRole) == "NIK wajib diisi"
    rows.set_status(None)
    assert rows.rowCount() == 2 and rows.data(rows.index(0, 0)) == "8"

    grid = GridPreviewModel()
    qtmodeltester.check(grid)
    cells: list[list[object]] = [["Daftar peserta"], ["NIK", "Nama"], [5303055207850001.0, "Ana"]]
    grid.set_source(
        SourceTable(
            Path("daftar.csv"),
            "daftar.csv",
            "",
            "csv",
            None,
            (),
            cells,
            1,
            2,
            ("NIK", "Nama"),
            ColumnMapping(),
        )
    )
    assert grid.data(grid.index(2, 0)) == "5303055207850001" and grid.data(grid.index(0, 1)) == ""
    grid.set_source(None)
    assert grid.rowCount() == 0
