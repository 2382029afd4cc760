"""Klaim: this worker's JKK and JKM claims, and a new claim opened from the worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services import claims
from services.claims import ClaimQuery, ClaimRow
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.claims.claim_events import claim_events
from ui.gui.claims.claim_header import ClaimOwner
from ui.gui.claims.claim_table import ClaimTableModel, claim_columns, waiting_days
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner
from ui.gui.widgets.record_table import RecordTableView

if TYPE_CHECKING:
    from ui.gui.claims.claim_dialog import ClaimDialog


def _open(
    app: AppContext, parent: QWidget, claim_id: int | None = None, owner: ClaimOwner | None = None
) -> ClaimDialog | None:
    # Imported when first used: the claim dialog brings the PDF viewer, and the worker
    # form should open fast.
    from ui.gui.claims.claim_dialog import open_claim_dialog

    return open_claim_dialog(app, parent, claim_id=claim_id, owner=owner)


class ClaimTab(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        columns = claim_columns(waiting_days(app), with_worker=False)
        self.model = ClaimTableModel(columns, parent=self)
        self.table = RecordTableView(self.model, self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#5f6368")
        self.banner = NoticeBanner(self)
        self.new_button = QPushButton("Klaim baru untuk peserta ini…", self)
        self.open_button = QPushButton("Buka klaim", self)
        self.worker_id: int | None = None
        self.loaded = False
        self._lay_out()
        self._connect()

    def show_worker(self, worker_id: int | None) -> None:
        """Forget what was read; it is read again when the tab is next looked at."""
        self.worker_id = worker_id
        self.loaded = False
        self.model.set_rows([])
        self.new_button.setEnabled(worker_id is not None)
        self.open_button.setEnabled(False)

    def load(self) -> None:
        if self.worker_id is None:
            self.note.setText("Klaim dapat dibuka setelah data peserta disimpan.")
            return
        ctx, query = self._app.ctx, ClaimQuery(worker_id=self.worker_id)
        page = call_or_show(self, self.banner, lambda: claims.list_claims(ctx, query))
        if page is FAILED:
            return
        self.banner.clear_message()
        self.model.set_rows(page.rows)
        self.loaded = True
        self.note.setText(
            f"{len(page.rows)} klaim, terbaru di atas. Klik dua kali untuk membuka berkasnya."
            if page.rows
            else "Belum ada klaim JKK atau JKM untuk peserta ini."
        )

    def new_claim(self) -> ClaimDialog | None:
        worker_id = self.worker_id
        if worker_id is None:
            return None
        worker = call_or_show(self, self.banner, lambda: self._app.workers.get(worker_id))
        if worker is FAILED:
            return None
        return _open(self._app, self, owner=ClaimOwner.of(worker))

    def open_selected(self) -> ClaimDialog | None:
        row = self.table.selected_row()
        record: ClaimRow | None = self.model.record(row) if row is not None else None
        if record is None:
            return None
        return _open(self._app, self, claim_id=record.id)

    def _open_index(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def _on_claim_changed(self, _claim_id: int, worker_id: int) -> None:
        if worker_id == self.worker_id and self.loaded:
            self.load()

    def _lay_out(self) -> None:
        self.new_button.setVisible(self._app.can(Permission.CLAIMS))
        self.new_button.setToolTip("Klaim JKK (kecelakaan kerja) atau JKM (kematian)")
        for button in (self.new_button, self.open_button):
            button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.open_button.setEnabled(self.table.selected_row() is not None)
        )
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_claim)
        claim_events(self._app).claim_changed.connect(self._on_claim_changed)
