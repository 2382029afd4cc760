"""Start the desktop app: Qt, logging, the error hook, the register, the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from services.bootstrap import open_register
from services.context import ServiceContext
from services.errors import SiRentanError
from services.logging_setup import configure_logging
from ui.gui.app_context import AppContext
from ui.gui.error_hook import install_error_hook
from ui.gui.main_window import MainWindow
from ui.gui.qt_indonesian import IndonesianQtTexts

log = logging.getLogger(__name__)

APP_NAME = "SiRentan"
ORGANIZATION = "Pemerintah Kabupaten Timor Tengah Utara"
DEFAULT_SIZE = (1280, 800)


def run_gui(database_url: str) -> int:
    started = time.perf_counter()
    app = _application()
    log_path = configure_logging()
    install_error_hook(log_path)
    try:
        ctx = open_register(database_url)
    except SiRentanError as error:
        log.warning("register not opened: %s", type(error).__name__)
        return _startup_failed(error, database_url)
    window = build_main_window(ctx, log_path)
    window.show()
    # The start-up budget is 0.8 s to the first rows; the log shows where a slow PC stands.
    log.info(
        "register opened and main window shown in %.0f ms (%s)",
        (time.perf_counter() - started) * 1000,
        ctx.database_label,
    )
    return app.exec()


def build_main_window(ctx: ServiceContext, log_path: Path | None = None) -> MainWindow:
    """The main window over an open register (tests build it the same way)."""
    use_indonesian()
    window = MainWindow(AppContext.create(ctx, log_path))
    window.resize(*DEFAULT_SIZE)
    return window


def use_indonesian() -> None:
    """Calendar month names, and Qt's own buttons and edit menus, in Indonesian."""
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    app = QApplication.instance()
    if app is not None and not app.findChildren(IndonesianQtTexts):
        QApplication.installTranslator(IndonesianQtTexts(app))


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    return app


def _startup_failed(error: SiRentanError, database_url: str) -> int:
    use_indonesian()
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, error.message)
    box.setInformativeText("SiRentan tidak dapat membuka basis data dan akan ditutup.")
    settings = box.addButton("Pengaturan koneksi", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Tutup", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is settings:
        from ui.gui.connection_dialog import ConnectionDialog

        ConnectionDialog(None, database_url).exec()
    return 1
