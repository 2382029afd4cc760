"""Start the desktop app: Qt, logging, the error hook, the sign-in, the main window."""

from __future__ import annotations

import logging
import sys
import time

from ui.gui.collector import collector_paused

# Loaded without the collector's passes, as what the sign-in loads (see ui.gui.collector).
with collector_paused():
    from PySide6.QtWidgets import QApplication

    from services.core.logging_setup import configure_logging, record_native_crashes
    from ui.gui.error_hook import install_error_hook
    from ui.gui.launcher import Launcher
    from ui.gui.single_instance import SingleInstance
    from ui.gui.window_setup import use_indonesian

log = logging.getLogger(__name__)

APP_NAME = "SiRentan"
# Any district's office runs the same app; the district itself is an office setting.
ORGANIZATION = "SiRentan"


def run_gui(database_url: str) -> int:
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


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    return app
