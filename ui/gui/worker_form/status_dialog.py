"""Ubah status: deactivate a worker, record a death, or make them active again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.enums import WorkerStatus
from services.text.labels import WORKER_STATUS
from services.workers.service import WorkerService
from services.workers.types import WorkerDetail
from ui.gui.retry import FAILED, call_or_place
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner

_HINTS = {
    WorkerStatus.ACTIVE: "Peserta kembali aktif; alasan dan tanggal status sebelumnya dihapus.",
    WorkerStatus.INACTIVE: "Peserta tidak lagi dilindungi sejak tanggal ini. Alasan wajib diisi.",
    WorkerStatus.DECEASED: "Isi tanggal meninggal sesuai surat keterangan kematian.",
}


class StatusDialog(QDialog):
    status_changed = Signal(object)  # the WorkerDetail after the change

    def __init__(
        self, workers: WorkerService, worker: WorkerDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ubah status peserta")
        self._workers = workers
        self._worker = worker
        self.status = ChoiceCombo(self)
        others = [(label, s) for s, label in WORKER_STATUS.items() if s is not worker.status]
        self.status.set_choices(others, None)
        self.status_date = DateField(self)
        self.status_date.set_value(workers.office_today())
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.banner = NoticeBanner(self)
        self._lay_out()
        self.status.currentIndexChanged.connect(self._follow_status)
        self._follow_status()

    def accept(self) -> None:
        status: WorkerStatus = self.status.value()
        typed_date = self.status_date.problem("status_date", "Tanggal status")
        if typed_date is not None:
            self.rows.show([typed_date])
            return
        worker, reason = self._worker, self.reason.text().strip() or None
        when = self.status_date.value()
        detail = call_or_place(
            self,
            self.banner,
            self.rows.show,
            lambda: self._workers.change_status(
                worker.id, status, worker.version, reason=reason, status_date=when
            ),
        )
        if detail is FAILED:
            return
        emit(self.status_changed, detail)
        super().accept()

    def _lay_out(self) -> None:
        current = QLabel(f"Status sekarang: <b>{WORKER_STATUS[self._worker.status]}</b>", self)
        rows = FieldRows(self)
        rows.add("Status baru", self.status, "status")
        rows.add("Tanggal", self.status_date, "status_date")
        rows.add("Alasan", self.reason, "status_reason")
        self.rows = rows
        buttons = accept_buttons(self, "Simpan status")
        layout = QVBoxLayout(self)
        layout.addWidget(current)
        layout.addLayout(rows.layout)
        layout.addWidget(self.hint)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _follow_status(self) -> None:
        status = self.status.value()
        active = status is WorkerStatus.ACTIVE
        self.status_date.setEnabled(not active)
        self.reason.setEnabled(not active)
        self.reason.setPlaceholderText(
            "misalnya pindah domisili, tidak bekerja lagi" if not active else ""
        )
        self.hint.setText(_HINTS.get(status, ""))
