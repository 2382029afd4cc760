"""Every section and every main dialog fits a 1366×768 laptop and a 1024×768 screen.

The offscreen platform gives the tests two screens (tests/ui/screens.json); the main
window is built on one of them, as the app builds it on the clerk's, and every section
and dialog is opened there. Each visible button must lie inside the screen's work area.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from models.database import make_engine
from models.enums import ClaimType, Role, WorkerStatus
from services import claims
from services.claims import ClaimInput
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.workers.service import WorkerService
from services.workers.types import PeriodInput
from tests.conftest import office_day_now
from tests.present import present
from tests.ui.helpers import covered_now, wait_rows, worker_list
from tests.ui.screen_check import LAPTOP, SMALL, off_screen, screen_named
from ui.gui.cards.print_dialog import PREVIEW_PAGE, CardPrintDialog
from ui.gui.claims.claim_dialog import open_claim_dialog
from ui.gui.claims.claims_panel import ClaimsPanel
from ui.gui.excel_import.import_panel import ImportPanel
from ui.gui.main_window import MainWindow
from ui.gui.window_setup import build_main_window
from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

ADMIN = Principal(user_id=0, username="admin", full_name="Admin Kabupaten", role=Role.ADMIN)
SCREENS = [LAPTOP, SMALL]


@pytest.fixture
def admin_ctx(sqlite_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(sqlite_url), principal=ADMIN)
    yield context
    context.engine.dispose()


def _window_on(qtbot: QtBot, ctx: ServiceContext, screen_name: str) -> MainWindow:
    window = build_main_window(ctx, screen=screen_named(screen_name))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(30)


def _keep_screenshot(widget: QWidget, name: str) -> None:
    """With SIRENTAN_SCREENSHOTS=folder, each screen is saved there to be looked at."""
    folder = os.environ.get("SIRENTAN_SCREENSHOTS")
    if folder:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
        widget.grab().save(str(Path(folder) / f"{safe}.png"))


@pytest.mark.parametrize("screen_name", SCREENS)
def test_every_section_fits_the_screen(
    qtbot: QtBot, admin_ctx: ServiceContext, screen_name: str
) -> None:
    WorkerService(admin_ctx).create(covered_now(1))
    window = _window_on(qtbot, admin_ctx, screen_name)
    screen = screen_named(screen_name)
    assert window.isMaximized(), "smaller than 1280×800: the window takes the whole screen"
    for title in window.section_titles():
        window.show_section(title)
        _settle(qtbot)
        _keep_screenshot(window, f"{screen_name}_{title}")
        assert off_screen(window, screen) == [], title
    # Visiting every section did not leave the window wider than the screen.
    assert window.frameGeometry().width() <= screen.availableGeometry().width()


def _worker_form(window: MainWindow, worker_id: int | None) -> QWidget:
    form = window.open_worker(worker_id)
    assert form is not None
    return form


def _coverage_tab(window: MainWindow, ctx: ServiceContext, worker_id: int) -> QWidget:
    """The form's Kepesertaan page with a history of three periods and its buttons."""
    workers = WorkerService(ctx)
    for start, end in ((date(2023, 1, 1), date(2023, 12, 31)), (date(2024, 1, 1), None)):
        worker = workers.get(worker_id)
        if end is None:
            end = present(worker.coverage_start) - timedelta(days=1)
        workers.add_period(worker_id, PeriodInput(start, end, worker.funding), worker.version)
    form = window.open_worker(worker_id)
    assert isinstance(form, WorkerFormDialog)
    form.tabs.setCurrentWidget(form.membership)
    return form


def _period_dialog(
    window: MainWindow, ctx: ServiceContext, worker_id: int, action: str, qtbot: QtBot
) -> QWidget:
    """Riwayat kepesertaan's dialogs, over the worker form (the status one after a change)."""
    if action == "cancel":
        worker = WorkerService(ctx).get(worker_id)
        when = office_day_now() - timedelta(days=1)
        WorkerService(ctx).change_status(
            worker_id, WorkerStatus.INACTIVE, worker.version, "pindah domisili", when
        )
    form = window.open_worker(worker_id)
    assert isinstance(form, WorkerFormDialog)
    form.tabs.setCurrentWidget(form.membership)
    qtbot.waitUntil(lambda: form.screen() is window.screen())  # the form is up, then a dialog
    dialog = form.cancel_status() if action == "cancel" else form.edit_period(action)
    assert dialog is not None
    return dialog


def _claim_dialog(window: MainWindow, ctx: ServiceContext, worker_id: int) -> QWidget:
    window.show_section("Klaim")
    panel = window.panel("Klaim")
    assert isinstance(panel, ClaimsPanel)
    event = ClaimInput(
        ClaimType.JKM, office_day_now() - timedelta(days=2), event_place="Desa Aplasi"
    )
    detail = claims.open_claim(ctx, worker_id, replace(event, cause_of_death="Sakit"))
    dialog = open_claim_dialog(window.app, panel, claim_id=detail.id)
    assert dialog is not None
    return dialog


def _claim_picker(window: MainWindow) -> QWidget:
    window.show_section("Klaim")
    panel = window.panel("Klaim")
    assert isinstance(panel, ClaimsPanel)
    picker = panel.new_claim()
    assert picker is not None
    return picker


def _reference(window: MainWindow) -> QWidget:
    window.show_section("Klaim")
    panel = window.panel("Klaim")
    assert isinstance(panel, ClaimsPanel)
    dialog = panel.open_reference()
    assert dialog is not None
    return dialog


def _card_preview(window: MainWindow, qtbot: QtBot) -> QWidget:
    people = worker_list(window)
    people.table.select_row(0)
    dialog = people.print_cards()
    assert isinstance(dialog, CardPrintDialog)
    assert dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == PREVIEW_PAGE, timeout=30000)
    return dialog


def _import_wizard(window: MainWindow) -> QWidget:
    window.show_section("Impor")
    panel = window.panel("Impor")
    assert isinstance(panel, ImportPanel)
    return panel.open_wizard()


DIALOGS: dict[str, Callable[[MainWindow, ServiceContext, int, QtBot], QWidget]] = {
    "peserta baru": lambda w, _c, _i, _q: _worker_form(w, None),
    "data peserta": lambda w, _c, worker_id, _q: _worker_form(w, worker_id),
    "data peserta, kepesertaan": lambda w, c, worker_id, _q: _coverage_tab(w, c, worker_id),
    "tambah periode": lambda w, c, worker_id, q: _period_dialog(w, c, worker_id, "add", q),
    "ubah periode": lambda w, c, worker_id, q: _period_dialog(w, c, worker_id, "edit", q),
    "akhiri periode": lambda w, c, worker_id, q: _period_dialog(w, c, worker_id, "end", q),
    "hapus periode": lambda w, c, worker_id, q: _period_dialog(w, c, worker_id, "remove", q),
    "batalkan status": lambda w, c, worker_id, q: _period_dialog(w, c, worker_id, "cancel", q),
    "berkas klaim": lambda w, c, worker_id, _q: _claim_dialog(w, c, worker_id),
    "pilih peserta klaim": lambda w, _c, _i, _q: _claim_picker(w),
    "tabel referensi klaim": lambda w, _c, _i, _q: _reference(w),
    "pratinjau kartu": lambda w, _c, _i, qtbot: _card_preview(w, qtbot),
    "impor": lambda w, _c, _i, _q: _import_wizard(w),
    "cadangan": lambda w, _c, _i, _q: w.open_backup_dialog(),
    "kata sandi": lambda w, _c, _i, _q: w.change_password(),
    "bantuan": lambda w, _c, _i, _q: w.show_help(),
}


@pytest.mark.parametrize("screen_name", SCREENS)
@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_main_dialog_fits_the_screen(
    qtbot: QtBot, admin_ctx: ServiceContext, screen_name: str, name: str
) -> None:
    worker = WorkerService(admin_ctx).create(covered_now(1)).worker
    window = _window_on(qtbot, admin_ctx, screen_name)
    wait_rows(qtbot, worker_list(window), 1)
    dialog = DIALOGS[name](window, admin_ctx, worker.id, qtbot)
    qtbot.waitUntil(dialog.isVisible)
    _settle(qtbot)
    screen = screen_named(screen_name)
    _keep_screenshot(dialog, f"{screen_name}_{name}")
    assert dialog.screen() is screen
    assert off_screen(dialog, screen) == []
    if isinstance(dialog, QDialog):
        dialog.reject()
