"""Kepesertaan: the BPJS card, who pays, the period covered, and the worker's status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.enums import WorkerStatus
from services.text.formatting import long_date
from services.text.labels import FUNDING, WORKER_STATUS
from services.workers.types import CoverageHistory, WorkerDetail, WorkerInput
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.worker_form.form_tab import FormTab, text_or_none

SOURCE_LABELS = {
    "import": "Impor",
    "bpjs": "Daftar BPJS",
    "clerk": "Petugas",
    "migration": "Data lama",
    "status": "Aktif kembali",
    "claim": "Klaim",
}


class MembershipTab(FormTab):
    change_status_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpj = QLineEdit(self)
        self.kpj.setPlaceholderText("11 angka pada kartu BPJS Ketenagakerjaan")
        self.kpj.setMaxLength(20)
        self.watch(self.kpj, "kpj")
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(v, k) for k, v in FUNDING.items()], "— pilih —")
        self.watch(self.funding, "funding")
        # The worker's latest coverage period; saving opens or changes it through the
        # coverage history (services/workers/service.py), earlier periods are listed below.
        self.coverage_start = self.date_field("coverage_start", "Mulai kepesertaan")
        self.coverage_end = self.date_field("coverage_end", "Akhir kepesertaan")
        self.periods = QTableWidget(0, 4, self)
        self.periods.setHorizontalHeaderLabels(["Periode", "Sumber dana", "Asal", "Keterangan"])
        self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.periods.verticalHeader().hide()
        # Read-only: Tab goes on to the next field (and page) instead of from cell to cell,
        # so the form is still filled by Tab and Enter alone; arrows still scroll the list.
        self.periods.setTabKeyNavigation(False)
        header = self.periods.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = QLabel(self)
        self.status_button = QPushButton("Ubah status…", self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere
        self.notes.setPlaceholderText("Catatan petugas (tidak dicetak pada kartu)")
        self.watch(self.notes, "notes")
        self.status_button.clicked.connect(self.change_status_requested)
        self._lay_out()
        self.show_status(None)

    def load(self, data: WorkerInput) -> None:
        self.kpj.setText(data.kpj or "")
        self.funding.set_value(data.funding)
        self.coverage_start.set_value(data.coverage_start)
        self.coverage_end.set_value(data.coverage_end)
        self.notes.setPlainText(data.notes or "")

    def collect(self, data: WorkerInput) -> None:
        data.kpj = text_or_none(self.kpj)
        data.funding = self.funding.value()
        data.coverage_start = self.coverage_start.value()
        data.coverage_end = self.coverage_end.value()
        data.notes = self.notes.toPlainText().strip() or None

    def show_status(self, detail: WorkerDetail | None) -> None:
        if detail is None:
            self.status.setText("Aktif (peserta baru)")
            self.status_button.setEnabled(False)
            self.status_button.setToolTip("Simpan data peserta dulu, lalu status dapat diubah.")
            return
        text = f"<b>{WORKER_STATUS[detail.status]}</b>"
        if detail.status is not WorkerStatus.ACTIVE:
            since = f" sejak {long_date(detail.status_date)}" if detail.status_date else ""
            reason = f" — {detail.status_reason}" if detail.status_reason else ""
            text += f"{since}{reason}"
        self.status.setText(text)
        self.status_button.setEnabled(True)
        self.status_button.setToolTip("Nonaktifkan, catat meninggal, atau aktifkan kembali")

    def show_history(self, history: CoverageHistory | None) -> None:
        """The worker's coverage periods, oldest first, and what cut or opened them."""
        periods = history.periods if history else ()
        events = {e.id: e for e in history.events} if history else {}
        self.periods.setRowCount(len(periods))
        for row, p in enumerate(periods):
            end = long_date(p.end_date) if p.end_date else "seterusnya"
            note = ""
            if p.empty:
                note = "dibatalkan oleh perubahan status"
            elif p.ended_by_event_id in events:
                e = events[p.ended_by_event_id]
                note = f"diakhiri: {WORKER_STATUS[e.status].lower()} {long_date(e.effective_date)}"
            elif p.opened_by_event_id is not None:
                note = "dibuka oleh pengaktifan kembali"
            cells = [
                f"{long_date(p.start_date)} s.d. {end}",
                FUNDING[p.funding],
                SOURCE_LABELS.get(p.source.value, p.source.value),
                note,
            ]
            for column, text in enumerate(cells):
                self.periods.setItem(row, column, QTableWidgetItem(text))
        if not periods:
            self.periods.setRowCount(1)
            self.periods.setItem(0, 0, QTableWidgetItem("Belum ada periode kepesertaan"))

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.status_button.setVisible(not read_only)

    def _lay_out(self) -> None:
        card = QGroupBox("Kartu dan iuran", self)
        rows = FieldRows(card)
        card.setLayout(rows.layout)
        rows.add("No. KPJ", self.kpj, "kpj")
        rows.add("Sumber dana", self.funding, "funding")
        rows.add("Mulai periode terakhir", self.coverage_start, "coverage_start")
        rows.add("Akhir periode terakhir", self.coverage_end, "coverage_end")
        status_row = QWidget(self)
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.status, 1)
        status_layout.addWidget(self.status_button)
        rows.add("Status", status_row, "status")
        rows.add("Catatan", self.notes, "notes")
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)
        for date_widget in (self.coverage_start, self.coverage_end):
            date_widget.setMaximumWidth(date_widget.minimumWidth() + 40)
        rows.finish()
        self.rows = [rows]
        history = QGroupBox("Riwayat kepesertaan", self)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.periods)
        layout = QVBoxLayout(self)
        layout.addWidget(card)
        layout.addWidget(history, 1)
