"""Cek kepesertaan: the front-desk question, always at the top of the window (Ctrl+K).

A number is checked here. A name (any letter typed) goes to the Peserta list's search,
where names are found despite spelling. Under TIDAK TERDAFTAR, "Daftarkan peserta" opens
the new-worker form with the NIK filled in. The field and the answer clear by themselves
after CLEAR_AFTER_MS (and on Esc), so the next visitor does not see the last one's NIK.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.workers.front_desk import check_coverage
from services.workers.types import CoverageResult
from ui.gui.app_context import AppContext
from ui.gui.coverage_result_panel import CoverageResultPanel
from ui.gui.retry import with_retry
from ui.gui.signals import emit

PLACEHOLDER = "Cek kepesertaan: ketik NIK, No. KPJ atau nama lalu Enter (Ctrl+K)"
CLEAR_AFTER_MS = 60_000


class CoverageEdit(QLineEdit):
    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            emit(self.escape_pressed)
            return
        super().keyPressEvent(event)


class CoverageBar(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.edit = CoverageEdit(self)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            "NIK 16 angka atau No. KPJ dari kartu BPJS Ketenagakerjaan; nama dicari di daftar "
            "Peserta. Esc mengosongkan."
        )
        self.result_panel = CoverageResultPanel(self)
        self.result_panel.can_register = app.can(Permission.EDIT_WORKERS)
        # The last visitor's number does not wait for the next one.
        self.clear_timer = QTimer(self, singleShot=True, interval=CLEAR_AFTER_MS)
        self._lay_out()
        self.edit.returnPressed.connect(self.check)
        self.edit.escape_pressed.connect(self.clear)
        self.clear_timer.timeout.connect(self.clear)
        self.result_panel.closed.connect(self.hide_result)
        self.result_panel.open_requested.connect(self._open_worker)
        self.result_panel.register_requested.connect(self._register)

    def focus_input(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def check(self) -> CoverageResult | None:
        self.edit.selectAll()  # the next card can be typed over at once
        self.clear_timer.start()
        text = self.edit.text()
        if any(ch.isalpha() for ch in text):
            # A name: the list's search finds it despite spelling; the check needs a number.
            self.hide_result()
            emit(self._app.events.name_search_requested, " ".join(text.split()))
            return None
        try:
            result = with_retry(
                self, lambda: check_coverage(self._app.ctx, self._app.regions, text)
            )
        except SiRentanError as error:
            self.result_panel.show_failure(error.message)
            return None
        self.result_panel.show_result(result)
        return result

    def hide_result(self) -> None:
        self.result_panel.hide()

    def clear(self) -> None:
        """Empty the field and put the answer away (Esc, or the pause after a check)."""
        self.clear_timer.stop()
        self.edit.clear()
        self.hide_result()

    def _lay_out(self) -> None:
        label = QLabel("Cek kepesertaan", self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(self.edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(row)
        layout.addWidget(self.result_panel)
        fm = self.edit.fontMetrics()
        self.edit.setMinimumWidth(fm.horizontalAdvance(PLACEHOLDER) + 48)

    def _open_worker(self, worker_id: int) -> None:
        emit(self._app.events.open_worker_requested, worker_id)

    def _register(self, number: str) -> None:
        self.clear()
        emit(self._app.events.register_requested, number)
