"""Klaim baru: whose claim? The worker is found by NIK, KPJ or name with the worker list's
own search, in the background while the clerk types."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.text.formatting import short_date
from services.text.labels import WORKER_STATUS
from services.workers.types import WorkerPage, WorkerRow
from ui.gui.app_context import AppContext
from ui.gui.claims.claim_header import ClaimOwner
from ui.gui.signals import emit
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView
from ui.gui.widgets.worker_search_field import WorkerSearchField, matches_text

SHOWN = 50
TYPE_TO_SEARCH = "Ketik untuk mencari."

WORKER_COLUMNS: tuple[Column[WorkerRow], ...] = (
    Column("Nama", lambda w: w.full_name),
    Column("NIK", lambda w: w.nik),
    Column("No. KPJ", lambda w: w.kpj or "-"),
    Column("Tgl lahir", lambda w: short_date(w.birth_date)),
    Column("Desa/kelurahan", lambda w: w.village_name),
    Column("Kecamatan", lambda w: w.kecamatan_name),
    Column("Status", lambda w: WORKER_STATUS[w.status]),
)


class WorkerPickerDialog(QDialog):
    # The clerk chose the worker the new claim is for.
    picked = Signal(object)  # ClaimOwner

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Klaim baru — pilih peserta")
        self.search = WorkerSearchField(app, SHOWN, parent=self)
        self.search.setPlaceholderText("Ketik NIK, No. KPJ atau nama peserta…")
        self.model: RecordTableModel = RecordTableModel(WORKER_COLUMNS, parent=self)
        self.table = RecordTableView(self.model, self)
        self.count = QLabel(self)
        self.banner = NoticeBanner(self)
        self.choose_button = QPushButton("Pilih", self)
        self.cancel_button = QPushButton("Batal", self)
        self._lay_out()
        self._connect()

    def choose(self) -> ClaimOwner | None:
        row = self.table.selected_row()
        worker = self.model.record(row) if row is not None else None
        if worker is None:
            return None
        owner = ClaimOwner.of(worker)
        emit(self.picked, owner)
        self.accept()
        return owner

    def _choose_first(self) -> None:
        if self.model.rowCount() == 1:
            self.table.selectRow(0)
            self.choose()

    def done(self, code: int) -> None:
        self.search.tasks.wait()
        super().done(code)

    def _found(self, page: WorkerPage) -> None:
        self.banner.clear_message()
        self.model.set_rows(page.rows)
        if page.rows:
            self.table.selectRow(0)
        self.count.setText(matches_text(page))

    def _emptied(self, _hint: str) -> None:
        self.model.set_rows([])
        self.count.setText(TYPE_TO_SEARCH)

    def _follow_selection(self) -> None:
        self.choose_button.setEnabled(self.table.selected_row() is not None)

    def _lay_out(self) -> None:
        # No default button: Enter in the search box searches, Enter in the list chooses.
        self.choose_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.choose_button.setEnabled(False)
        note = QLabel(
            "Klaim dibuka dari data peserta. Cari pesertanya, pilih, lalu isi kejadiannya.", self
        )
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.search)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 460)
        self.count.setText(TYPE_TO_SEARCH)

    def _connect(self) -> None:
        self.search.found.connect(self._found)
        self.search.failed.connect(lambda text: self.banner.show_message(text, Tone.ERROR))
        self.search.too_short.connect(self._emptied)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
        self.table.activated.connect(lambda _index: self.choose())
        # Enter in the search box with exactly one match chooses it.
        self.search.single_match.connect(lambda _row: self._choose_first())
        self.choose_button.clicked.connect(self.choose)
        self.cancel_button.clicked.connect(self.reject)
