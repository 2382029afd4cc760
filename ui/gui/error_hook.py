"""Last line of defence: no traceback ever reaches a clerk, every bug reaches the log.

Exception messages may carry a NIK or a name (a KeyError on a NIK, a service
message naming the worker), so the log gets the exception type and the stack,
never the message text.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from services.core.errors import SiRentanError
from services.core.file_output import disk_trouble

# Re-exported: the GUI's other loggers import it from here.
from services.core.logging_setup import safe_traceback as safe_traceback

log = logging.getLogger("sirentan.gui.crash")


def unexpected_message(log_path: Path | None) -> str:
    where = f" di {log_path}" if log_path else ""
    return f"Terjadi kesalahan tak terduga. Rincian sudah dicatat{where}."


class ErrorHook:
    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self._showing = False

    def __call__(
        self,
        exc_type: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        if isinstance(error, SiRentanError):
            log.warning("expected error reached the top level: %s", exc_type.__name__)
            self._show(QMessageBox.Icon.Warning, error.message)
            return
        disk = disk_trouble(error)
        if disk is not None:
            log.warning("disk trouble reached the top level\n%s", safe_traceback(error))
            self._show(QMessageBox.Icon.Warning, disk)
            return
        log.error("unexpected error\n%s", safe_traceback(error))
        self._show(QMessageBox.Icon.Critical, unexpected_message(self.log_path))

    def _show(self, icon: QMessageBox.Icon, text: str) -> None:
        # A failing paint would raise again while the box is open: one box is enough.
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            box = QMessageBox(icon, "SiRentan", text, parent=QApplication.activeWindow())
            box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
            box.exec()
        finally:
            self._showing = False


def install_error_hook(log_path: Path | None) -> ErrorHook:
    hook = ErrorHook(log_path)
    sys.excepthook = hook
    return hook
