"""Riwayat kepesertaan in the worker form, by keyboard alone, on both screens: add an
earlier period, end the latest, remove one entered by mistake (with a reason), cancel a
status change; refusals under their field; a viewer sees the history read-only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from models.enums import Role, WorkerStatus
from services.core.context import ServiceContext
from services.text.formatting import long_date
from services.workers.front_desk import check_coverage
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import office_day_now
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import covered_now, open_window, shown, wait_rows, worker_list
from tests.ui.screen_check import LAPTOP, SMALL, off_screen, screen_named
from ui.gui.main_window import MainWindow
from ui.gui.widgets.date_field import format_date
from ui.gui.window_setup import build_main_window
from ui.gui.worker_form.period_dialogs import (
    CancelStatusDialog,
    CoverageDialog,
    EndPeriodDialog,
    PeriodDialog,
    RemovePeriodDialog,
)
from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

TODAY = office_day_now()
START, END = TODAY - timedelta(days=30), TODAY + timedelta(days=300)


@pytest.fixture(autouse=True)
def _office_day_as_the_test_starts() -> None:
    """The module's days read again as each test starts: a run that crosses the office's
    midnight (16.00 UTC for a WITA office) would otherwise compare the day the module was
    imported on with the app's, already the next one."""
    global TODAY, START, END
    TODAY = office_day_now()
    START, END = TODAY - timedelta(days=30), TODAY + timedelta(days=300)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def retype(qtbot: QtBot, text: str) -> None:
    """Replace the focused field's text as a clerk does: select all, type."""
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 40) -> None:
    for _ in range(limit):
        if focused() is target:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is target, f"Tab never reached {target!r}"


def window_on(qtbot: QtBot, ctx: ServiceContext, screen: str) -> MainWindow:
    window = build_main_window(ctx, screen=screen_named(screen))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def open_form(qtbot: QtBot, window: MainWindow) -> WorkerFormDialog:
    people = worker_list(window)
    wait_rows(qtbot, people, 1)
    people.table.setFocus()
    people.table.select_row(0)
    qtbot.keyClick(people.table, Qt.Key.Key_Return)
    form = window.worker_form
    assert isinstance(form, WorkerFormDialog) and form.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    form.tabs.setCurrentWidget(form.membership)
    form.membership.kpj.setFocus()
    qtbot.waitUntil(lambda: focused() is form.membership.kpj)
    return form


def open_dialog(qtbot: QtBot, form: WorkerFormDialog, button: QWidget) -> CoverageDialog:
    """Tab from No. KPJ to the button, Enter: the dialog opens with the cursor in its
    first field, and fits the screen with its buttons."""
    tab_to(qtbot, button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(form, CoverageDialog) is not None)
    dialog = shown(form, CoverageDialog)
    assert dialog is not None
    qtbot.waitUntil(
        lambda: (focused := QApplication.focusWidget()) is not None and dialog.isAncestorOf(focused)
    )
    assert off_screen(dialog, form.screen()) == []
    return dialog


def closed(qtbot: QtBot, dialog: CoverageDialog) -> None:
    press(qtbot, Qt.Key.Key_Return)  # Enter in a field presses the default button
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    form = dialog.parent()
    assert isinstance(form, WorkerFormDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.membership.periods)


def message(dialog: CoverageDialog, field: str) -> str:
    shown = dialog.rows.message_for(field)
    assert shown is not None
    return shown.text()


def rows(form: WorkerFormDialog) -> list[str]:
    table = form.membership.periods
    return [present(table.item(r, 0)).text() for r in range(table.rowCount())]


@pytest.mark.parametrize("screen", [LAPTOP, SMALL])
def test_periods_are_added_ended_and_removed_by_keyboard(
    qtbot: QtBot, sqlite_ctx: ServiceContext, screen: str
) -> None:
    workers = WorkerService(sqlite_ctx)
    worker = workers.create(covered_now(1)).worker
    window = window_on(qtbot, sqlite_ctx, screen)
    form = open_form(qtbot, window)
    tab = form.membership
    # A stored worker's dates are its periods', not two loose fields.
    assert not tab.coverage_start.isVisible() and not tab.coverage_end.isVisible()
    assert rows(form) == [f"{long_date(START)} s.d. {long_date(END)}"]
    assert not tab.funding.isEnabled()  # changed per period

    # Tambah periode: an overlapping start is refused under Mulai, then put right.
    dialog = open_dialog(qtbot, form, tab.add_period_button)
    assert isinstance(dialog, PeriodDialog) and focused() is dialog.start
    assert dialog.action_button.isDefault()
    qtbot.keyClicks(dialog.start, format_date(TODAY - timedelta(days=40)))
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.end
    qtbot.keyClicks(dialog.end, format_date(TODAY - timedelta(days=5)))
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.funding
    qtbot.keyClicks(dialog.funding, "Dana")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.kpj
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.action_button  # Tab reaches every field, then the buttons
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "bertumpang tindih" in message(dialog, "coverage_start")
    assert focused() is dialog.start, "the cursor goes to the field to put right"
    earlier_end = START - timedelta(days=1)
    press(qtbot, Qt.Key.Key_Tab)
    retype(qtbot, format_date(earlier_end))
    closed(qtbot, dialog)
    history = workers.coverage_history(worker.id).periods
    assert [(p.start_date, p.end_date, p.funding.value) for p in history] == [
        (TODAY - timedelta(days=40), earlier_end, "dana_desa"),
        (START, END, "apbd_kab"),
    ]
    assert len(rows(form)) == 2

    # Akhiri periode: the latest (chosen by the arrows) ends yesterday.
    press(qtbot, Qt.Key.Key_Down)
    assert tab.selected_period() == history[1]
    dialog = open_dialog(qtbot, form, tab.end_period_button)
    assert isinstance(dialog, EndPeriodDialog) and focused() is dialog.end
    retype(qtbot, format_date(START - timedelta(days=3)))
    press(qtbot, Qt.Key.Key_Return)
    assert "sebelum mulai kepesertaan" in message(dialog, "coverage_end")
    retype(qtbot, format_date(TODAY - timedelta(days=1)))
    closed(qtbot, dialog)
    assert form.detail is not None and form.detail.coverage_end == TODAY - timedelta(days=1)
    assert not check_coverage(sqlite_ctx, workers.regions, worker.nik, today=TODAY).covered_today
    assert workers.count(WorkerQuery(covered_on=TODAY)) == 0

    # Hapus periode: the earlier one, entered by mistake; a reason is required.
    press(qtbot, Qt.Key.Key_Up)
    assert tab.selected_period() == history[0]
    dialog = open_dialog(qtbot, form, tab.remove_period_button)
    assert isinstance(dialog, RemovePeriodDialog) and focused() is dialog.reason
    press(qtbot, Qt.Key.Key_Return)
    assert "Alasan penghapusan periode wajib diisi." in message(dialog, "reason")
    qtbot.keyClicks(dialog.reason, "data ganda")
    closed(qtbot, dialog)
    (left,) = workers.coverage_history(worker.id).periods
    assert (left.start_date, left.end_date) == (START, TODAY - timedelta(days=1))

    # Saving the form afterwards keeps the history as the dialogs left it.
    tab.kpj.setFocus()
    retype(qtbot, "00000000777")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.worker_form is None or not form.isVisible(), timeout=3000)
    (kept,) = workers.coverage_history(worker.id).periods
    assert (kept.start_date, kept.end_date) == (START, TODAY - timedelta(days=1))
    assert workers.get(worker.id).kpj == "00000000777"


@pytest.mark.parametrize("screen", [LAPTOP, SMALL])
def test_a_status_change_is_cancelled_from_the_form(
    qtbot: QtBot, sqlite_ctx: ServiceContext, screen: str
) -> None:
    workers = WorkerService(sqlite_ctx)
    worker = workers.create(covered_now(1)).worker
    cut = TODAY - timedelta(days=2)
    workers.change_status(worker.id, WorkerStatus.INACTIVE, worker.version, "pindah", cut)
    window = window_on(qtbot, sqlite_ctx, screen)
    form = open_form(qtbot, window)
    tab = form.membership
    assert tab.cancel_status_button.isVisible()
    dialog = open_dialog(qtbot, form, tab.cancel_status_button)
    assert isinstance(dialog, CancelStatusDialog) and focused() is dialog.reason
    press(qtbot, Qt.Key.Key_Return)
    assert "Alasan pembatalan wajib diisi." in message(dialog, "status_reason")
    qtbot.keyClicks(dialog.reason, "salah pilih peserta")
    closed(qtbot, dialog)
    stored = workers.get(worker.id)
    assert stored.status is WorkerStatus.ACTIVE and stored.coverage_end == END
    assert rows(form) == [f"{long_date(START)} s.d. {long_date(END)}"]
    assert not tab.cancel_status_button.isVisible()  # nothing left to cancel


@pytest.fixture
def admin(sqlite_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(sqlite_url)
    yield ctx
    ctx.engine.dispose()


def test_a_viewer_sees_the_history_read_only(
    qtbot: QtBot, admin: ServiceContext, sqlite_url: str
) -> None:
    worker = WorkerService(admin).create(covered_now(1)).worker
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    window = open_window(qtbot, viewer)
    form = window.open_worker(worker.id)
    assert isinstance(form, WorkerFormDialog)
    form.tabs.setCurrentWidget(form.membership)
    tab = form.membership
    assert len(rows(form)) == 1
    buttons = [*tab.period_buttons.values(), tab.status_button, tab.cancel_status_button]
    assert not any(b.isVisible() for b in buttons)
    assert form.edit_period("add") is None and form.cancel_status() is None
