"""Riwayat impor: every import batch, approving a large one, undoing a whole one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enums import BatchStatus
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.excel_import import BatchInfo, UndoResult, approve_import, list_batches, undo_import
from ui.gui.app_context import AppContext
from ui.gui.excel_import.batch_table import BATCH_COLUMNS, waits_for_approval
from ui.gui.formats import thousands
from ui.gui.messages import show_error
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.error_text import error_title
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import RecordTableModel

APPROVE = "Setujui"
UNDO = "Batalkan impor"


def ask(parent: QWidget, title: str, text: str, detail: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(detail)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    refuse = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    box.exec()
    return box.clickedButton() is accept


class BatchList(QWidget):
    # Workers were written or removed (an undo): other lists reload.
    changed = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.batches: list[BatchInfo] = []
        self.model: RecordTableModel[BatchInfo] = RecordTableModel(BATCH_COLUMNS, parent=self)
        self.table = QTableView(self)
        self.show_previews = QCheckBox("Tampilkan juga pratinjau yang tidak disimpan", self)
        self.approve_button = QPushButton(f"{APPROVE}…", self)
        self.undo_button = QPushButton(f"{UNDO}…", self)
        self.reload_button = QPushButton("Muat ulang", self)
        self.busy = QProgressBar(self)
        self.banner = NoticeBanner(self)
        self._lay_out()
        self._connect()

    def reload(self) -> None:
        batches = call_or_show(self, self.banner, lambda: list_batches(self._app.ctx))
        if batches is FAILED:
            return
        self.batches = batches
        previews = self.show_previews.isChecked()
        self.model.set_rows(
            [
                b
                for b in self.batches
                if previews or b.status is not BatchStatus.PENDING or b.needs_approval
            ]
        )
        self._follow_selection()

    def selected(self) -> BatchInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def approve_selected(self) -> None:
        batch = self.selected()
        if batch is None or not waits_for_approval(batch):
            return
        counts = batch.counts
        if not ask(
            self,
            "Setujui impor",
            f"Setujui impor #{batch.id} ({batch.file_name}) dari {batch.created_by or '-'}?",
            f"{thousands(counts.new + counts.warning)} baris baru, {thousands(counts.update)} "
            f"sudah terdaftar, {thousands(counts.rejected)} ditolak. Sesudah disetujui, "
            "petugas yang mengimpor dapat menyimpannya.",
            APPROVE,
            "Batal",
        ):
            return
        ctx = self._app.ctx
        self._run(lambda: approve_import(ctx, batch.id), self._approved)

    def undo_selected(self) -> None:
        batch = self.selected()
        if batch is None or batch.status is not BatchStatus.COMMITTED:
            return
        if not ask(
            self,
            UNDO,
            f"Batalkan seluruh impor #{batch.id} ({batch.file_name})?",
            f"{thousands(batch.inserted)} peserta yang didaftarkan impor ini dihapus, "
            f"{thousands(batch.updated)} peserta yang diperbarui dikembalikan ke data sebelum "
            "impor. Tidak dapat dilakukan bila ada peserta yang diubah sesudah impor.",
            UNDO,
            "Jangan batalkan",
        ):
            return
        ctx = self._app.ctx
        self._run(lambda: undo_import(ctx, batch.id), self._undone)

    # -- answers ---------------------------------------------------------------------------

    def _approved(self, batch: BatchInfo) -> None:
        self.reload()
        self.banner.show_message(
            f"Impor #{batch.id} ({batch.file_name}) disetujui. {batch.created_by or 'Petugas'} "
            "dapat menyimpannya sekarang (Periksa persetujuan, lalu Simpan).",
            Tone.INFO,
        )

    def _undone(self, done: UndoResult) -> None:
        self.reload()
        self.banner.show_message(
            f"Impor #{done.batch_id} dibatalkan: {thousands(done.deleted)} peserta dihapus, "
            f"{thousands(done.restored)} dikembalikan ke data sebelumnya.",
            Tone.INFO,
        )
        emit(self.changed)

    def _failed(self, error: SiRentanError) -> None:
        self._set_busy(False)
        self.reload()
        show_error(self, error, error_title(error))

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.banner.clear_message()
        self._set_busy(True)

        def finish(result: Any) -> None:
            self._set_busy(False)
            done(result)

        self.tasks.run(work, finish, self._failed, settle=lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.reload_button.setEnabled(not busy)
        if busy:
            self.approve_button.setEnabled(False)
            self.undo_button.setEnabled(False)
        else:
            self._follow_selection()

    def _follow_selection(self) -> None:
        batch = self.selected()
        idle = not self.busy.isVisible()
        self.approve_button.setEnabled(idle and batch is not None and waits_for_approval(batch))
        self.undo_button.setEnabled(
            idle and batch is not None and batch.status is BatchStatus.COMMITTED
        )

    def _lay_out(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.approve_button.setVisible(self._app.can(Permission.APPROVE))
        self.approve_button.setToolTip("Izinkan impor besar yang menunggu persetujuan disimpan")
        self.undo_button.setVisible(self._app.can(Permission.IMPORT))
        self.undo_button.setToolTip(
            "Hapus peserta baru dari impor ini dan kembalikan yang diperbarui"
        )
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_previews)
        buttons.addStretch(1)
        buttons.addWidget(self.busy)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
        self.model.modelReset.connect(self._follow_selection)
        self.show_previews.toggled.connect(lambda _on: self.reload())
        self.reload_button.clicked.connect(self.reload)
        self.approve_button.clicked.connect(self.approve_selected)
        self.undo_button.clicked.connect(self.undo_selected)
