"""The app's life between sign-ins: sign in, show the window, sign out, sign in again."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from services.core.context import ServiceContext
from ui.gui.main_window import MainWindow
from ui.gui.signin.signin_flow import sign_in_flow
from ui.gui.startup_checks import start_daily_backup, warn_about_network_storage
from ui.gui.tasks import wait_for_all

log = logging.getLogger(__name__)


class Launcher(QObject):
    def __init__(
        self, url: str, log_path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.log_path = log_path
        self.window: MainWindow | None = None
        self.storage_notice: str | None = None
        self._storage_checked = False

    def start(self, notice: str = "") -> MainWindow | None:
        """Sign in and show the main window; None when the clerk closed SiRentan instead."""
        signed = sign_in_flow(self.url, notice)
        if signed is None:
            return None
        self.url = signed.url
        return self._show(signed.ctx)

    def _show(self, ctx: ServiceContext) -> MainWindow:
        from ui.gui.window_setup import build_main_window

        window = build_main_window(ctx, self.log_path)
        window.signed_out.connect(self._on_signed_out)
        window.closed.connect(self._on_closed)
        self.window = window
        window.show()
        # After the first paint: neither check may hold up the first rows.
        # The window as context: a window closed before then cancels the checks.
        QTimer.singleShot(0, window, lambda: self._after_shown(window))
        return window

    def _after_shown(self, window: MainWindow) -> None:
        if not self._storage_checked:
            self._storage_checked = True  # once per start of the app, not per sign-in
            self.storage_notice = warn_about_network_storage(window)
        start_daily_backup(window)

    def bring_to_front(self) -> None:
        """Another start of SiRentan asked for this copy: show its window (or the sign-in)."""
        # The main window, then whatever dialog it has open on top; before a sign-in,
        # the sign-in dialog itself.
        targets = [w for w in (self.window, QApplication.activeModalWidget()) if w is not None]
        if not targets:
            targets = [w for w in QApplication.topLevelWidgets() if w.isVisible()][:1]
        for target in targets:
            if target.isMinimized():
                target.setWindowState(target.windowState() & ~Qt.WindowState.WindowMinimized)
            target.show()
            target.raise_()
            target.activateWindow()

    def _on_signed_out(self, notice: str) -> None:
        self._retire_window()
        # Outside the close event: the sign-in runs its own modal loop.
        QTimer.singleShot(0, self, lambda: self._sign_in_again(notice))

    def _sign_in_again(self, notice: str) -> None:
        if self.start(notice) is None:
            QApplication.quit()

    def _on_closed(self) -> None:
        self._retire_window()
        QApplication.quit()

    def _retire_window(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        wait_for_all()  # the window's queues and its panels' own
        window.app.ctx.engine.dispose()  # the next sign-in opens its own connections
        window.deleteLater()
