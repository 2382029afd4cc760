"""Starting the app, the main window's chrome, and the last-resort error hook."""

from __future__ import annotations

import ast
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from services.core.context import ServiceContext
from services.core.errors import DatabaseUnavailableError, SiRentanError
from services.workers.service import WorkerService
from tests.logfail import ExpectLog
from tests.ui.accounts import PASSWORD, make_first_admin
from tests.ui.helpers import open_window, seed, submenu, worker_list
from tests.ui.modal import ModalAnswers, click
from tests.ui.signin_steps import sign_in_as
from ui.gui import app as app_module
from ui.gui.about_dialog import AboutDialog
from ui.gui.connection_dialog import ConnectionDialog
from ui.gui.error_hook import ErrorHook, unexpected_message
from ui.gui.main_window import TITLE, MainWindow
from ui.gui.settings.district_wizard import DistrictWizard
from ui.gui.signals import emit, emit_is_faulty
from ui.gui.signin import signin_flow
from ui.gui.signin.login_dialog import LoginDialog
from ui.gui.worker_list.worker_table_model import WorkerTableModel

GUI_DIR = Path(app_module.__file__).parent
NIK = "5303055207850001"


@pytest.fixture
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes "shown" modally, answered at once with their first button."""
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_an_unexpected_error_is_logged_without_personal_data_and_explained_briefly(
    qtbot: QtBot, shown_boxes: list[QMessageBox], caplog: pytest.LogCaptureFixture
) -> None:
    hook = ErrorHook(Path("/data/logs/sirentan.log"))
    try:
        raise KeyError(f"{NIK} MARIA GORETI TAEK")
    except KeyError as error:
        with caplog.at_level(logging.ERROR):
            hook(type(error), error, error.__traceback__)
    logged = caplog.text
    assert "KeyError" in logged and "test_gui_app.py" in logged
    assert NIK not in logged and "MARIA" not in logged
    assert [box.text() for box in shown_boxes] == [
        unexpected_message(Path("/data/logs/sirentan.log"))
    ]
    assert (
        "Terjadi kesalahan tak terduga. Rincian sudah dicatat di /data/logs"
        in shown_boxes[0].text()
    )


def test_an_expected_error_reaching_the_hook_shows_its_own_message(
    qtbot: QtBot, shown_boxes: list[QMessageBox], caplog: pytest.LogCaptureFixture
) -> None:
    error = DatabaseUnavailableError(f"Data {NIK} belum disimpan.")
    with caplog.at_level(logging.WARNING):
        ErrorHook(None)(type(error), error, None)
    assert shown_boxes[0].text() == error.message
    assert NIK not in caplog.text


def test_run_gui_signs_in_and_shows_the_first_rows(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    name = make_first_admin(sqlite_url)
    shown: list[Any] = []

    def one_look(*_args: Any) -> int:
        # Instead of the event loop: note what is on screen, as the clerk would see it.
        shown.extend(w for w in QApplication.topLevelWidgets() if w.isVisible())
        return 0

    # Qt's real exec() leaves the test application closing; later tests need it alive.
    monkeypatch.setattr(QApplication, "exec", one_look)
    answers = (
        ModalAnswers()
        .then(LoginDialog, sign_in_as(name, PASSWORD))
        # A new register's district was never chosen: the administrator puts it off.
        .then(DistrictWizard, lambda wizard: wizard.later_button.click())
    )
    try:
        assert app_module.run_gui(sqlite_url) == 0
    finally:
        _restore_app()
    answers.check()
    assert isinstance(sys.excepthook, ErrorHook)
    windows = [w for w in shown if isinstance(w, MainWindow)]
    assert len(windows) == 1 and windows[0].windowTitle() == TITLE
    assert worker_list(windows[0]).count.text() == "0 peserta"
    qtbot.wait(20)  # the checks after the first paint (network folder, daily backup)
    windows[0].tasks.wait()
    windows[0].app.ctx.engine.dispose()
    windows[0].deleteLater()


def test_closing_the_sign_in_ends_the_app_quietly(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    make_first_admin(sqlite_url)
    answers = ModalAnswers().then(LoginDialog, lambda dialog: dialog.close_button.click())
    try:
        assert app_module.run_gui(sqlite_url) == 0
    finally:
        _restore_app()
    answers.check()


def test_the_installer_check_mode_ends_the_app_at_its_sign_in(
    qtbot: QtBot,
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # packaging/windows/ci_check.sh starts the installed program so: it must end by itself.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv(signin_flow.EXIT_AT_SIGNIN_ENV, "1")
    make_first_admin(sqlite_url)
    caplog.set_level(logging.INFO)
    try:
        assert app_module.run_gui(sqlite_url) == 0
    finally:
        _restore_app()
    assert signin_flow.SIGNIN_SHOWN in caplog.text
    assert "closed at the sign-in" in caplog.text
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in shown if isinstance(w, LoginDialog)]


def test_a_register_that_cannot_be_opened_offers_the_connection_settings(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expect_log: ExpectLog
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    message = "Berkas basis data tidak dapat dibuka atau disk penuh."

    def refuse(_url: str) -> None:
        raise SiRentanError(message)

    opened: list[str] = []
    monkeypatch.setattr(signin_flow, "open_register", refuse)

    def exec_dialog(dialog: ConnectionDialog) -> int:
        opened.append(dialog.url())
        return 0

    monkeypatch.setattr("ui.gui.connection_dialog.ConnectionDialog.exec", exec_dialog)
    seen: list[QMessageBox] = []

    def settings(box: QMessageBox) -> None:
        seen.append(box)
        click("Pengaturan koneksi")(box)

    url = f"sqlite:///{tmp_path / 'rusak.db'}"
    answers = ModalAnswers().then(QMessageBox, settings)
    try:
        with expect_log(logging.WARNING, "register not opened: SiRentanError"):
            assert app_module.run_gui(url) == 0
    finally:
        _restore_app()
    answers.check()
    assert seen[0].text() == message
    assert {b.text() for b in seen[0].buttons()} == {"Pengaturan koneksi", "Tutup"}
    assert opened == [url], "the connection dialog opens on the database that failed"


def test_the_main_window_shows_the_database_and_the_clerk(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    assert window.windowTitle() == "SiRentan — Sistem Informasi Pekerja Rentan"
    assert window.database_label.text() == sqlite_ctx.database_label
    assert window.clerk_label.text() == "Petugas: Petugas Satu (Operator)"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Berkas", "&Akun", "Ba&ntuan"]
    file_actions = [a.text() for a in submenu(window.menuBar().actions()[0]).actions()]
    assert file_actions == ["&Koneksi basis data…", "&Cadangan data…", "", "&Tutup aplikasi"]
    account_actions = [a.text() for a in submenu(window.menuBar().actions()[1]).actions()]
    assert account_actions == ["&Ganti kata sandi…", "&Keluar"]
    # An operator works on workers; accounts and the audit trail are the administrator's.
    assert window.section_titles() == [
        "Beranda",
        "Peserta",
        "Impor",
        "Kartu",
        "Klaim",
        "Surat & PKS",
        "Laporan",
        "Iuran & anggaran",
    ]
    window.set_clerk(None)
    assert not window.clerk_label.isVisible()
    # Qt's own texts (edit menus, standard buttons) speak Indonesian too.
    assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Salin"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QCoreApplication.translate("QLineEdit", "Some other text") == "Some other text"


def test_about_and_connection_dialogs_open_from_the_menus(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    seed(WorkerService(sqlite_ctx), 2)
    window = open_window(qtbot, sqlite_ctx)
    window.show_about()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    text = " ".join(label.text() for label in about.findChildren(QLabel))
    assert "Sistem Informasi Pekerja Rentan" in text
    assert sqlite_ctx.database_label in text
    window.open_connection_dialog()
    assert window.findChild(ConnectionDialog) is not None


def test_no_gui_module_touches_sqlalchemy_or_emits_directly() -> None:
    for path in GUI_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            assert not any(n.split(".")[0] == "sqlalchemy" for n in names), path
            is_emit = isinstance(node, ast.Attribute) and node.attr == "emit"
            assert not is_emit or path.name == "signals.py", f"{path}: use ui.gui.signals.emit"


def test_emitting_many_signals_leaves_true_alone(qtbot: QtBot) -> None:
    # Only its signals are emitted: the model needs no service.
    model = WorkerTableModel(None)  # type: ignore[arg-type]
    before = sys.getrefcount(True)
    for _ in range(2000):
        emit(model.total_changed, 0)
    assert sys.getrefcount(True) >= before - 50, f"emit is faulty: {emit_is_faulty()}"


def _restore_app() -> None:
    """What run_gui set for a real session, undone for the tests that follow."""
    _remove_file_logging()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(True)


def _remove_file_logging() -> None:
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()
