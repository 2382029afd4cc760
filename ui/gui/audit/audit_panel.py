"""Jejak audit: the administrators' view of the trail, its detail, and its Excel export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.accounts.service import list_users
from services.audit.query import MAX_ROWS, AuditFilter, export_audit, search_audit
from services.core.errors import SiRentanError
from ui.gui.app_context import AppContext
from ui.gui.audit.audit_filter_bar import AuditFilterBar
from ui.gui.audit.audit_table_model import AUDIT_COLUMNS, AuditTableModel
from ui.gui.audit.audit_table_view import AuditTableView
from ui.gui.audit.change_text import ChangeText, detail_text
from ui.gui.formats import thousands
from ui.gui.retry import FAILED, call_or_show
from ui.gui.tasks import Tasks
from ui.gui.widgets.file_dialogs import ask_save_file
from ui.gui.widgets.notice_banner import NoticeBanner, Tone


class AuditPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.text = ChangeText(app)
        self.filters = AuditFilterBar(self)
        self.model = AuditTableModel(self.text, AUDIT_COLUMNS, self)
        self.table = AuditTableView(self.model, self)
        self.detail = QPlainTextEdit(self)
        self.count = QLabel(self)
        self.banner = NoticeBanner(self)
        self.export_button = QPushButton("Ekspor ke Excel…", self)
        self.progress = QProgressBar(self)
        self._lay_out()
        self._connect()
        self._load_users()
        self.search()

    def search(self) -> bool:
        criteria = self.filters.criteria()
        rows = call_or_show(self, self.banner, lambda: search_audit(self._app.ctx, criteria))
        if rows is FAILED:
            return False
        self.banner.clear_message()
        self.model.set_rows(rows)
        limit = f" (hanya {thousands(MAX_ROWS)} terbaru)" if len(rows) >= MAX_ROWS else ""
        self.count.setText(f"{thousands(len(rows))} catatan{limit}, terbaru di atas")
        self._show_detail()
        return True

    def export(self, path: Path | None = None) -> bool:
        """Ask where, then write the filtered trail as .xlsx off the GUI thread."""
        path = path or self._ask_path()
        if path is None:
            return False
        self._export(self.filters.criteria(), path)
        return True

    def _export(self, criteria: AuditFilter, path: Path) -> None:
        ctx = self._app.ctx
        self._set_exporting(True)
        self.tasks.run(
            lambda: export_audit(ctx, criteria, path),
            lambda count: self._exported(count, path),
            self.banner,
            settle=lambda: self._set_exporting(False),
        )

    def _exported(self, count: int, path: Path) -> None:
        self._set_exporting(False)
        self.banner.show_message(f"{thousands(count)} baris diekspor ke {path}.", Tone.INFO)

    def _ask_path(self) -> Path | None:
        start = Path.home() / f"jejak-audit-{self._app.office_today():%Y%m%d}.xlsx"
        return ask_save_file(
            self, "Ekspor jejak audit", start, "Buku kerja Excel (*.xlsx)", suffix="xlsx"
        )

    def _set_exporting(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)

    def _load_users(self) -> None:
        try:
            users = list_users(self._app.ctx)
        except SiRentanError:
            return  # the filter then offers "all users" only; the trail itself still shows
        self.filters.set_users([u.username for u in users])

    def _show_detail(self) -> None:
        row = self.table.selected_row()
        entry = self.model.record(row) if row is not None else None
        self.detail.setPlainText(detail_text(entry, self.text) if entry else "")

    def _lay_out(self) -> None:
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Pilih satu catatan untuk melihat semua perubahannya.")
        self.progress.setRange(0, 0)  # busy: the export reports no steps
        self.progress.setMaximumWidth(160)
        self.progress.setFormat("Mengekspor…")
        self.progress.hide()
        title = QLabel("Jejak audit", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(self.export_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)

    def _connect(self) -> None:
        self.filters.submitted.connect(self.search)
        self.export_button.clicked.connect(lambda: self.export())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
