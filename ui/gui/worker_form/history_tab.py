"""Riwayat: every change to this worker and their heirs, who made it and from which computer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from services.audit.query import worker_history
from ui.gui.app_context import AppContext
from ui.gui.audit.audit_table_model import HISTORY_COLUMNS, AuditTableModel
from ui.gui.audit.audit_table_view import AuditTableView
from ui.gui.audit.change_text import ChangeText, detail_text
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner


class HistoryTab(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.text = ChangeText(app)
        self.model = AuditTableModel(self.text, HISTORY_COLUMNS, self)
        self.table = AuditTableView(self.model, self)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Pilih satu baris untuk melihat semua perubahannya.")
        self.note = QLabel(self)
        self.banner = NoticeBanner(self)
        self.worker_id: int | None = None
        self.loaded = False
        self._lay_out()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

    def show_worker(self, worker_id: int | None) -> None:
        """Forget what was read; it is read again when the tab is next looked at."""
        self.worker_id = worker_id
        self.loaded = False
        self.model.set_rows([])
        self.detail.clear()

    def load(self) -> None:
        if self.worker_id is None:
            self.note.setText("Riwayat tersedia setelah data peserta disimpan.")
            return
        worker_id = self.worker_id
        rows = call_or_show(self, self.banner, lambda: worker_history(self._app.ctx, worker_id))
        if rows is FAILED:
            return
        self.banner.clear_message()
        self.model.set_rows(rows)
        self.loaded = True
        self.note.setText(f"{len(rows)} catatan, terbaru di atas.")

    def _show_detail(self) -> None:
        row = self.table.selected_row()
        entry = self.model.record(row) if row is not None else None
        self.detail.setPlainText(detail_text(entry, self.text) if entry else "")

    def _lay_out(self) -> None:
        self.note.setStyleSheet("color:#5f6368")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
