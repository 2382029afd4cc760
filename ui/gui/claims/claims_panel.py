"""Klaim: every JKK and JKM claim, newest first, with counts per status, filters, and the
claims that need attention (a late first report, a file waiting too long) marked."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from services import claims
from services.claims import ClaimPage
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.claims.claim_dialog import ClaimDialog, open_claim_dialog
from ui.gui.claims.claim_events import claim_events
from ui.gui.claims.claim_filter_bar import ClaimFilterBar
from ui.gui.claims.claim_header import ClaimOwner
from ui.gui.claims.claim_table import ClaimTableModel, claim_columns, waiting_days
from ui.gui.claims.claim_texts import (
    LATE_BACKGROUND,
    LATE_TEXT,
    WAITING_BACKGROUND,
    WAITING_TEXT,
)
from ui.gui.claims.status_chips import StatusChips
from ui.gui.claims.worker_picker import WorkerPickerDialog
from ui.gui.formats import thousands
from ui.gui.tasks import Tasks
from ui.gui.widgets.flow_layout import FlowLayout, spacer
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import RecordTableView


class ClaimsPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.waiting_days = waiting_days(app)
        self.chips = StatusChips(self)
        self.filters = ClaimFilterBar(app.regions, self.waiting_days, self)
        self.model = ClaimTableModel(claim_columns(self.waiting_days), parent=self)
        self.table = RecordTableView(self.model, self)
        self.count = QLabel(self)
        self.banner = NoticeBanner(self)
        self.legend = QLabel(self)
        self.new_button = QPushButton("Klaim baru…", self)
        self.open_button = QPushButton("Buka", self)
        self.reference_button = QPushButton("Tabel referensi…", self)
        self.page: ClaimPage | None = None
        self.loading = False
        self._asked = 0
        self._lay_out()
        self._connect()
        self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self, *_args: object) -> None:
        query = replace(self.filters.query(), status=self.chips.status())
        ctx = self._app.ctx
        self._asked += 1
        asked = self._asked
        self.loading = True
        self.count.setText("memuat…")
        self.tasks.run(
            lambda: claims.list_claims(ctx, query),
            lambda page: self._loaded(page, asked),
            lambda error: self._failed(error, asked),
            wanted=lambda: asked == self._asked,
            settle=lambda: self._settle(asked),
        )

    def _loaded(self, page: ClaimPage, asked: int) -> None:
        if asked != self._asked:
            return
        keep = self.selected_claim_id()
        self.loading = False
        self.page = page
        self.banner.clear_message()
        self.model.set_rows(page.rows)
        self.chips.show_counts(page.counts_by_status)
        shown = len(page.rows)
        more = f", {thousands(shown)} terbaru ditampilkan" if page.total > shown else ""
        self.count.setText(f"{thousands(page.total)} klaim{more}")
        ids = [r.id for r in page.rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))

    def _failed(self, error: SiRentanError, asked: int) -> None:
        if asked == self._asked:
            self.loading = False
            self.count.clear()
            self.banner.show_message(error.message, Tone.ERROR)

    def _settle(self, asked: int) -> None:
        if asked == self._asked:
            self.loading = False

    def showEvent(self, event: QShowEvent) -> None:
        # Claims change from the worker form too; coming back shows them as they are now.
        super().showEvent(event)
        if self.page is not None and not self.loading:
            self.reload()

    # -- actions --------------------------------------------------------------------------

    def selected_claim_id(self) -> int | None:
        row = self.table.selected_row()
        record = self.model.record(row) if row is not None else None
        return record.id if record is not None else None

    def open_selected(self) -> ClaimDialog | None:
        claim_id = self.selected_claim_id()
        return self.open_claim(claim_id) if claim_id is not None else None

    def open_claim(self, claim_id: int) -> ClaimDialog | None:
        return open_claim_dialog(self._app, self, claim_id=claim_id)

    def new_claim(self) -> WorkerPickerDialog | None:
        if not self._app.can(Permission.CLAIMS):
            return None
        picker = WorkerPickerDialog(self._app, self)
        picker.picked.connect(self._open_new)
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def open_reference(self) -> QDialog | None:
        if not self._app.can(Permission.MANAGE_SETTINGS):
            return None
        # Imported when asked for: only administrators ever open it.
        from ui.gui.claims.reference_dialog import ReferenceDialog

        dialog = ReferenceDialog(self._app, self)
        dialog.finished.connect(dialog.deleteLater)
        # The estimates of open claims may have changed with the table.
        dialog.finished.connect(self.reload)
        dialog.open()
        return dialog

    def _open_new(self, owner: ClaimOwner) -> None:
        open_claim_dialog(self._app, self, owner=owner)

    def _open_index(self, index: QModelIndex) -> None:
        record = self.model.record(index.row())
        if record is not None:
            self.open_claim(record.id)

    # -- building -------------------------------------------------------------------------

    def _lay_out(self) -> None:
        title = QLabel("Klaim JKK dan JKM", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.new_button.setToolTip("Buka klaim baru: cari pesertanya dengan NIK, KPJ atau nama")
        self.new_button.setVisible(self._app.can(Permission.CLAIMS))
        self.open_button.setToolTip("Buka klaim yang dipilih (Enter atau klik dua kali)")
        self.open_button.setEnabled(False)
        self.reference_button.setToolTip(
            "Daftar dokumen klaim dan tabel manfaat (hanya administrator)"
        )
        self.reference_button.setVisible(self._app.can(Permission.MANAGE_SETTINGS))
        for button in (self.new_button, self.open_button, self.reference_button):
            button.setAutoDefault(False)
        self.legend.setText(
            f"Kolom Perhatian: <span style='background:{LATE_BACKGROUND}; color:{LATE_TEXT}'>"
            "&nbsp;baris merah&nbsp;</span> laporan tahap I (JKK, 2 × 24 jam) terlambat; "
            f"<span style='background:{WAITING_BACKGROUND}; color:{WAITING_TEXT}'>&nbsp;baris "
            f"kuning&nbsp;</span> draf menunggu dokumen lebih dari {self.waiting_days} hari; "
            "klaim yang tidak memenuhi syarat tetap dicatat, dengan alasannya."
        )
        self.legend.setStyleSheet("color:#5f6368")
        self.legend.setWordWrap(True)
        # Wraps on a narrow screen: the buttons move under the title instead of off-screen.
        top = FlowLayout()
        top.addWidget(title)
        top.addWidget(self.count)
        top.addWidget(spacer(self))
        top.addWidget(self.reference_button)
        top.addWidget(self.open_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.chips)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)

    def _connect(self) -> None:
        self.chips.changed.connect(self.reload)
        self.filters.changed.connect(self.reload)
        self.table.activated.connect(self._open_index)  # Enter or a double click
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.open_button.setEnabled(self.selected_claim_id() is not None)
        )
        self.model.modelReset.connect(lambda: self.open_button.setEnabled(False))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_claim)
        self.reference_button.clicked.connect(self.open_reference)
        claim_events(self._app).claim_changed.connect(self.reload)
        self._app.events.workers_changed.connect(self.reload)
