"""The audit trail as the administrator reads it, its export, and a worker's history tab."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from models.enums import Role
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import cell, choose, open_window, seed, type_into
from ui.gui.audit.audit_panel import AuditPanel
from ui.gui.main_window import MainWindow
from ui.gui.sections import AUDIT
from ui.gui.worker_form.worker_form_dialog import HISTORY_TITLE

NEW_PHONE = "081399998888"


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(database_url)
    yield ctx
    ctx.engine.dispose()


def audit_panel(window: MainWindow) -> AuditPanel:
    window.show_section(AUDIT)
    panel = window.panel(AUDIT)
    assert isinstance(panel, AuditPanel)
    return panel


def change_phone(ctx: ServiceContext, worker_id: int) -> None:
    workers = WorkerService(ctx)
    current = workers.get(worker_id)
    workers.update(worker_id, replace(current.to_input(), phone=NEW_PHONE), current.version)


def test_the_audit_view_lists_an_update_with_old_and_new_values_and_exports_it(
    qtbot: QtBot, admin: ServiceContext, database_url: str, tmp_path: Path
) -> None:
    operator = clerk_session(admin, database_url, "op_audit", Role.OPERATOR)
    worker = seed(WorkerService(operator), 1)[0]
    change_phone(operator, worker.id)
    panel = audit_panel(open_window(qtbot, admin))

    choose(panel.filters.action, "update")
    updates = panel.model.rows()
    assert [(r.user_name, r.entity, r.entity_id) for r in updates] == [
        (operator.user_name, "worker", str(worker.id))
    ]
    row = 0
    assert cell(panel.model, row, "Tindakan") == "Ubah"
    assert cell(panel.model, row, "Pengguna") == operator.user_name
    assert cell(panel.model, row, "Komputer") == operator.workstation
    assert cell(panel.model, row, "Data") == f"Peserta {worker.id}"
    assert cell(panel.model, row, "Perubahan") == f"No. HP: 081234567890 → {NEW_PHONE}"
    assert panel.count.text() == "1 catatan, terbaru di atas"
    panel.table.selectRow(row)
    assert f"No. HP: 081234567890 → {NEW_PHONE}" in panel.detail.toPlainText()

    target = tmp_path / "keluar" / "jejak.xlsx"
    target.parent.mkdir()  # a missing folder is refused, not made (atomic outputs)
    assert panel.export(target)
    qtbot.waitUntil(lambda: panel.export_button.isEnabled() and target.exists(), timeout=10000)
    assert panel.banner.text() == f"1 baris diekspor ke {target}."
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Perubahan"
    assert rows[1][1] == operator.user_name
    assert rows[1][3] == "Ubah"
    assert rows[1][-1] == f"No. HP: 081234567890 → {NEW_PHONE}"
    operator.engine.dispose()


def test_filters_narrow_the_trail(qtbot: QtBot, admin: ServiceContext) -> None:
    seed(WorkerService(admin), 2)
    panel = audit_panel(open_window(qtbot, admin))
    everything = panel.model.rowCount()
    assert everything >= 4  # sign-in, two workers, their heirs
    choose(panel.filters.entity, "heir")
    assert {r.entity for r in panel.model.rows()} == {"heir"}
    choose(panel.filters.entity, None)
    type_into(qtbot, panel.filters.text, "YOHANES")
    panel.filters.search_button.click()
    assert panel.model.rowCount() == 2
    assert cell(panel.model, 0, "Keterangan") == "ahli waris YOHANES TAEK"
    type_into(qtbot, panel.filters.date_from, "01-01-2000")
    type_into(qtbot, panel.filters.date_to, "31-12-2000")
    panel.filters.search_button.click()
    assert panel.model.rowCount() == 0
    assert panel.count.text() == "0 catatan, terbaru di atas"


def test_the_history_tab_lists_a_save_with_who_where_and_what(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    worker = seed(WorkerService(ctx), 1)[0]
    window = open_window(qtbot, ctx)
    form = window.open_worker(worker.id)
    assert form is not None
    type_into(qtbot, form.personal.phone, NEW_PHONE)
    assert form.save()

    form = window.open_worker(worker.id)
    assert form is not None
    titles = [form.tabs.tabText(i) for i in range(form.tabs.count())]
    assert titles[-1] == HISTORY_TITLE
    form.tabs.setCurrentWidget(form.history)
    history = form.history
    assert history.loaded
    newest = history.model.rows()[0]
    assert (newest.action_label, newest.user_name) == ("Ubah", "petugas1")
    assert cell(history.model, 0, "Komputer") == ctx.workstation
    assert cell(history.model, 0, "Perubahan") == f"No. HP: 081234567890 → {NEW_PHONE}"
    added = [(r.action_label, r.entity) for r in history.model.rows()]
    assert added[0] == ("Ubah", "worker")
    assert sorted(added[1:]) == [
        ("Tambah", "coverage_period"),
        ("Tambah", "heir"),
        ("Tambah", "worker"),
    ], "the worker, the heir and the coverage period were added first"
    history.table.selectRow(0)
    assert f"No. HP: 081234567890 → {NEW_PHONE}" in history.detail.toPlainText()


def test_a_viewer_reads_the_history_with_numbers_masked(
    qtbot: QtBot, admin: ServiceContext, database_url: str
) -> None:
    worker = seed(WorkerService(admin), 1)[0]
    viewer = clerk_session(admin, database_url, "pengamat_h", Role.VIEWER)
    form = open_window(qtbot, viewer).open_worker(worker.id)
    assert form is not None
    form.tabs.setCurrentWidget(form.history)
    created = form.history.model.rows()[-1]
    assert created.entity == "worker"
    last = len(form.history.model.rows()) - 1
    text = cell(form.history.model, last, "Perubahan")
    assert "NIK: - → 5303********0001" in text
    assert worker.nik not in text
    assert cell(form.history.model, last, "Keterangan").endswith("(NIK 5303********0001)")
    viewer.engine.dispose()
