"""Cek kepesertaan at the top of the window: covered, not covered, not registered."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.enums import Role
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.conftest import office_day_now
from tests.present import present
from tests.ui.helpers import covered_now, open_window, type_into
from ui.gui.worker_list.worker_list_panel import WorkerListPanel


def test_a_registered_kpj_is_answered_covered_today(qtbot: QtBot, ctx: ServiceContext) -> None:
    worker = WorkerService(ctx).create(covered_now(3)).worker
    window = open_window(qtbot, ctx)
    bar = window.coverage
    assert bar.edit.placeholderText().startswith("Cek kepesertaan: ketik NIK, No. KPJ atau nama")

    type_into(qtbot, bar.edit, worker.kpj or "")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    panel = bar.result_panel
    assert panel.isVisible()
    assert panel.badge.text() == "TERLINDUNGI HARI INI"
    assert worker.full_name in panel.details.text()
    assert "Aplasi" in panel.details.text() and "Kota Kefamenanu" in panel.details.text()
    assert panel.open_button.isVisible()

    panel.open_button.click()
    assert window.worker_form is not None and window.worker_form.worker_id == worker.id


def test_an_expired_coverage_is_answered_not_covered(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    ended = office_day_now() - timedelta(days=2)
    start = ended - timedelta(days=200)
    data = covered_now(4, coverage_start=start, coverage_end=ended)
    worker = WorkerService(sqlite_ctx).create(data).worker
    window = open_window(qtbot, sqlite_ctx)
    type_into(qtbot, window.coverage.edit, worker.nik)
    qtbot.keyClick(window.coverage.edit, Qt.Key.Key_Return)
    assert window.coverage.result_panel.badge.text() == "TIDAK TERLINDUNGI"
    assert "berakhir" in window.coverage.result_panel.message.text()


def test_an_unknown_nik_is_not_registered(qtbot: QtBot, ctx: ServiceContext) -> None:
    window = open_window(qtbot, ctx)
    bar = window.coverage
    type_into(qtbot, bar.edit, "5303051207850099")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.result_panel.badge.text() == "TIDAK TERDAFTAR"
    assert "tidak terdaftar" in bar.result_panel.message.text()
    assert not bar.result_panel.open_button.isVisible()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.result_panel.isVisible()


def test_ctrl_k_focuses_the_check_from_anywhere(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    window = open_window(qtbot, sqlite_ctx)
    panel = window.panel("Peserta")
    assert isinstance(panel, WorkerListPanel)
    panel.filters.search.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.coverage.edit


def test_not_registered_offers_to_register_with_the_nik_filled_in(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    bar = window.coverage
    type_into(qtbot, bar.edit, "5303055207850001")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    panel = bar.result_panel
    assert panel.badge.text() == "TIDAK TERDAFTAR"
    assert panel.register_button.isVisible()
    panel.register_button.click()
    form = window.worker_form
    assert form is not None and form.worker_id is None
    assert form.personal.nik.text() == "5303055207850001"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.personal.kk_number)
    assert bar.edit.text() == "" and not panel.isVisible(), "the desk is ready for the next"
    form.reject()


def test_a_mistyped_number_is_questioned_not_offered_for_registration(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    """The quick check's "Periksa nomor" (coverage) comes before "Daftarkan peserta" (front
    desk): a number that cannot be a NIK is never put into a new worker's form."""
    window = open_window(qtbot, sqlite_ctx)
    bar = window.coverage
    type_into(qtbot, bar.edit, "530305520785000")  # 15 digits
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    panel = bar.result_panel
    assert panel.badge.text() == "PERIKSA NOMOR"
    assert panel.message.text().startswith("Periksa nomor")
    assert not panel.register_button.isVisible() and not panel.open_button.isVisible()


def test_a_viewer_is_not_offered_to_register(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    sqlite_ctx.principal = replace(present(sqlite_ctx.principal), role=Role.VIEWER)
    window = open_window(qtbot, sqlite_ctx)
    bar = window.coverage
    type_into(qtbot, bar.edit, "5303055207850001")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.result_panel.badge.text() == "TIDAK TERDAFTAR"
    assert not bar.result_panel.register_button.isVisible()


def test_a_name_goes_to_the_worker_list_search(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    workers = WorkerService(sqlite_ctx)
    for serial in (1, 2):
        workers.create(covered_now(serial))
    window = open_window(qtbot, sqlite_ctx)
    bar = window.coverage
    type_into(qtbot, bar.edit, "maria goreti")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    people = window.panel("Peserta")
    assert window.stack.currentWidget() is people
    assert isinstance(people, WorkerListPanel)
    assert people.filters.search.text() == "maria goreti"
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    assert not bar.result_panel.isVisible()


def test_the_field_clears_after_a_while_and_on_escape(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    bar = window.coverage
    assert bar.clear_timer.interval() == 60_000
    type_into(qtbot, bar.edit, "5303055207850001")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.clear_timer.isActive()
    bar.clear_timer.setInterval(50)  # the minute, shortened for the test
    bar.clear_timer.start()
    qtbot.waitUntil(lambda: bar.edit.text() == "" and not bar.result_panel.isVisible())
    type_into(qtbot, bar.edit, "5303055207850001")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.edit.text() == "" and not bar.result_panel.isVisible()
