"""Start the desktop app: Qt, logging, the error hook, the sign-in, the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from services.core.context import ServiceContext
from services.core.logging_setup import configure_logging, record_native_crashes
from ui.gui.app_context import AppContext
from ui.gui.error_hook import install_error_hook
from ui.gui.main_window import MainWindow
from ui.gui.qt_indonesian import IndonesianQtTexts
from ui.gui.screen_fit import install_screen_fitter

log = logging.getLogger(__name__)

APP_NAME = "SiRentan"
# Any district's office runs the same app; the district itself is an office setting.
ORGANIZATION = "SiRentan"
DEFAULT_SIZE = (1280, 800)


def run_gui(database_url: str) -> int:
    from ui.gui.launcher import Launcher
    from ui.gui.single_instance import SingleInstance

    app = _application()
    log_path = configure_logging()
    record_native_crashes()
    guard = SingleInstance(parent=app)
    if not guard.claim():
        log.info("SiRentan already runs for this user; its window was asked to come forward")
        return 0
    install_error_hook(log_path)
    use_indonesian()
    # Signing out closes the window before the sign-in shows: that must not end the app.
    app.setQuitOnLastWindowClosed(False)
    launcher = Launcher(database_url, log_path, app)
    guard.show_requested.connect(launcher.bring_to_front)
    started = time.perf_counter()
    window = launcher.start()
    if window is None:
        log.info("closed at the sign-in")
        return 0
    # The start-up budget is 0.8 s to the first rows (sign-in time included here).
    log.info(
        "signed in and main window shown in %.0f ms (%s)",
        (time.perf_counter() - started) * 1000,
        window.app.ctx.database_label,
    )
    return app.exec()


def build_main_window(
    ctx: ServiceContext, log_path: Path | None = None, screen: QScreen | None = None
) -> MainWindow:
    """The main window over a signed-in register (tests build it the same way), fitted to
    ``screen`` (by default the primary one)."""
    use_indonesian()
    install_screen_fitter()
    window = MainWindow(AppContext.create(ctx, log_path))
    if screen is not None:
        window.setScreen(screen)
    fit_to_screen(window)
    return window


def fit_to_screen(window: QWidget) -> None:
    """The preferred size where the screen has room for it; maximised where it has not.

    An office laptop's 1366×768 or an old 1024×768 screen is smaller than the preferred
    1280×800: there the window takes the whole work area, so the status bar and the
    window's own buttons stay on screen.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    width, height = DEFAULT_SIZE
    if width <= area.width() and height <= area.height():
        window.resize(width, height)
        window.move(area.center() - window.rect().center())
        return
    window.resize(min(width, area.width()), min(height, area.height()))
    window.move(area.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


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
