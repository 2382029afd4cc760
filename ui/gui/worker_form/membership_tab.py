"""Kepesertaan: the BPJS card, who pays, the periods covered, and the worker's status.

A new worker's first period is typed here with the rest of the form (saving opens it);
a stored worker's periods are changed one at a time through Riwayat kepesertaan's
buttons (period_dialogs.py), each its own transaction, never through two loose dates."""

from __future__ import annotations

from itertools import pairwise

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
from services.coverage_history import PeriodInfo, StatusEventInfo
from services.text.formatting import long_date
from services.text.labels import FUNDING, WORKER_STATUS
from services.workers.types import CoverageHistory, WorkerDetail, WorkerInput
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.keyboard import enter_clicks
from ui.gui.worker_form.form_tab import FormTab, text_or_none

SOURCE_LABELS = {
    "import": "Impor",
    "bpjs": "Daftar BPJS",
    "clerk": "Petugas",
    "migration": "Data lama",
    "status": "Aktif kembali",
    "claim": "Klaim",
}


class PeriodAction:
    ADD = "add"
    EDIT = "edit"
    END = "end"
    REMOVE = "remove"


class MembershipTab(FormTab):
    change_status_requested = Signal()
    cancel_status_requested = Signal()
    period_requested = Signal(str)  # a PeriodAction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpj = QLineEdit(self)
        self.kpj.setPlaceholderText("11 angka pada kartu BPJS Ketenagakerjaan")
        self.kpj.setMaxLength(20)
        self.watch(self.kpj, "kpj")
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(v, k) for k, v in FUNDING.items()], "— pilih —")
        self.watch(self.funding, "funding")
        # A new worker's first period (saving opens it). For a stored worker these rows
        # are hidden and only carry the stored latest period back, unchanged.
        self.coverage_start = self.date_field("coverage_start", "Mulai kepesertaan")
        self.coverage_end = self.date_field("coverage_end", "Akhir kepesertaan")
        self.periods = QTableWidget(0, 5, self)
        self.periods.setHorizontalHeaderLabels(
            ["Periode", "Sumber dana", "No. KPJ", "Asal", "Keterangan"]
        )
        self.periods.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.periods.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.periods.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.periods.verticalHeader().hide()
        # Tab goes on to the buttons (and the next page) instead of from cell to cell, so
        # the form is still worked by Tab and Enter alone; arrows choose a period.
        self.periods.setTabKeyNavigation(False)
        self.shown_periods: tuple[PeriodInfo, ...] = ()
        self.shown_events: tuple[StatusEventInfo, ...] = ()
        self.add_period_button = QPushButton("Tambah periode…", self)
        self.edit_period_button = QPushButton("Ubah periode…", self)
        self.end_period_button = QPushButton("Akhiri periode…", self)
        self.remove_period_button = QPushButton("Hapus periode…", self)
        self.period_buttons = {
            PeriodAction.ADD: self.add_period_button,
            PeriodAction.EDIT: self.edit_period_button,
            PeriodAction.END: self.end_period_button,
            PeriodAction.REMOVE: self.remove_period_button,
        }
        for action, button in self.period_buttons.items():
            button.clicked.connect(lambda _=False, a=action: emit(self.period_requested, a))
        self.periods.itemSelectionChanged.connect(self._follow_selection)
        self.stored = False
        header = self.periods.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = QLabel(self)
        self.status_button = QPushButton("Ubah status…", self)
        self.cancel_status_button = QPushButton("Batalkan status terakhir…", self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere
        self.notes.setPlaceholderText("Catatan petugas (tidak dicetak pada kartu)")
        self.watch(self.notes, "notes")
        self.status_button.clicked.connect(self.change_status_requested)
        buttons = [*self.period_buttons.values(), self.status_button, self.cancel_status_button]
        for button in buttons:
            button.setAutoDefault(False)  # Enter in a form field must not press them
        enter_clicks(self, *buttons)  # but Enter on the focused button does
        self.cancel_status_button.clicked.connect(self.cancel_status_requested)
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
        self.stored = detail is not None
        self._show_first_period_rows(detail is None)
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

    def follow_coverage(self, detail: WorkerDetail) -> None:
        """After a period or status change: the hidden rows carry the new latest period
        (and the worker's funding, a cache of it) so a later save writes them unchanged."""
        self.coverage_start.set_value(detail.coverage_start)
        self.coverage_end.set_value(detail.coverage_end)
        self.funding.set_value(detail.funding)

    def selected_period(self) -> PeriodInfo | None:
        rows = self.periods.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.shown_periods):
            return None
        return self.shown_periods[rows[0].row()]

    def latest_event(self) -> StatusEventInfo | None:
        """The status change a cancellation would undo: the latest not cancelled."""
        live = [e for e in self.shown_events if not e.cancelled]
        return live[-1] if live else None

    def show_history(self, history: CoverageHistory | None) -> None:
        """The worker's coverage periods, oldest first, and what cut or opened them."""
        periods = history.periods if history else ()
        self.shown_periods = tuple(periods)
        self.shown_events = tuple(history.events) if history else ()
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
                p.kpj or "-",
                SOURCE_LABELS.get(p.source.value, p.source.value),
                note,
            ]
            for column, text in enumerate(cells):
                self.periods.setItem(row, column, QTableWidgetItem(text))
        if not periods:
            self.periods.setRowCount(1)
            empty = (
                "Belum ada periode kepesertaan" if self.stored else "Periode pertama diisi di atas"
            )
            self.periods.setItem(0, 0, QTableWidgetItem(empty))
        else:
            self.periods.selectRow(len(periods) - 1)  # the latest: what is usually changed
        self._follow_selection()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.status_button.setVisible(not read_only)
        self._follow_selection()

    def _follow_selection(self) -> None:
        """Buttons only for a clerk who may edit a stored worker; those about one period
        only while one is chosen; cancelling only when there is a change to cancel."""
        editable = self.stored and not self.read_only
        chosen = self.selected_period() is not None
        for action, button in self.period_buttons.items():
            button.setVisible(editable)
            button.setEnabled(action == PeriodAction.ADD or chosen)
        self.cancel_status_button.setVisible(editable and self.latest_event() is not None)
        # A stored worker's funding is each period's (the worker row's is a cache of the
        # latest): changed with Ubah periode, so a save cannot contradict the history.
        by_period = self.stored and bool(self.shown_periods)
        self.funding.setEnabled(not self.read_only and not by_period)
        self.funding.setToolTip(
            "Sumber dana diubah per periode: Ubah periode…" if by_period else ""
        )

    def _show_first_period_rows(self, visible: bool) -> None:
        for widget in (self.coverage_start, self.coverage_end):
            widget.setVisible(visible)
            for label in self.findChildren(QLabel):
                if label.buddy() is widget:
                    label.setVisible(visible)

    def _lay_out(self) -> None:
        card = QGroupBox("Kartu dan iuran", self)
        rows = FieldRows(card)
        card.setLayout(rows.layout)
        rows.add("No. KPJ", self.kpj, "kpj")
        rows.add("Sumber dana", self.funding, "funding")
        rows.add("Mulai kepesertaan", self.coverage_start, "coverage_start")
        rows.add("Akhir kepesertaan", self.coverage_end, "coverage_end")
        status_row = QWidget(self)
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.status, 1)
        status_layout.addWidget(self.status_button)
        status_layout.addWidget(self.cancel_status_button)
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
        buttons = QHBoxLayout()
        for button in self.period_buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        history_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(card)
        layout.addWidget(history, 1)
        # Tab follows the page from top to bottom (fields, status, notes, then the history).
        order = [self.kpj, self.funding, self.coverage_start, self.coverage_end,
                 self.status_button, self.cancel_status_button, self.notes, self.periods,
                 *self.period_buttons.values()]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
