"""A worker of the register chosen inside a form: type a NIK, KPJ or name, pick from the
matches (found in the background with the worker list's own search)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import SiRentanError
from services.text.formatting import short_date
from services.workers.types import WorkerDetail, WorkerPage, WorkerRow
from ui.gui.app_context import AppContext
from ui.gui.retry import with_retry
from ui.gui.signals import emit
from ui.gui.widgets.worker_search_field import WorkerSearchField, matches_text

SHOWN = 20
NOTHING_CHOSEN = "Belum ada peserta yang dipilih."


def row_label(worker: WorkerRow) -> str:
    kpj = f", KPJ {worker.kpj}" if worker.kpj else ""
    return (
        f"{worker.full_name} — NIK {worker.nik}{kpj}, lahir {short_date(worker.birth_date)}, "
        f"{worker.village_name}, {worker.kecamatan_name}"
    )


def detail_label(worker: WorkerDetail) -> str:
    kpj = f", KPJ {worker.kpj}" if worker.kpj else ""
    return (
        f"<b>{worker.full_name}</b> — NIK {worker.nik}{kpj}<br>"
        f"{worker.village_name}, Kecamatan {worker.kecamatan_name}"
    )


class WorkerChooser(QWidget):
    # The chosen worker changed (None: the choice was cleared).
    chosen = Signal(object)  # WorkerDetail | None

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.search = WorkerSearchField(app, SHOWN, min_chars=3, parent=self)
        self.search.setPlaceholderText("Cari peserta: ketik NIK, No. KPJ atau nama…")
        self.matches = QListWidget(self)
        self.matches.setMaximumHeight(self.matches.fontMetrics().height() * 7)
        self.matches.hide()
        self.hint = QLabel(self)
        self.choice = QLabel(NOTHING_CHOSEN, self)
        self.clear_button = QPushButton("Hapus pilihan", self)
        self.worker: WorkerDetail | None = None
        self._rows: list[WorkerRow] = []
        self._lay_out()
        self._connect()

    def worker_id(self) -> int | None:
        return self.worker.id if self.worker else None

    def set_worker_id(self, worker_id: int | None) -> None:
        """Show a worker already known by id (a correction): read from the register."""
        if worker_id is None:
            self._set(None)
            return
        workers = self._app.workers
        try:
            detail = with_retry(self, lambda: workers.get(worker_id))
        except SiRentanError as error:
            self._set(None)
            self.hint.setText(error.message)
            return
        self._set(detail)

    def pick(self, row: int) -> bool:
        """Choose the match in ``row`` of the list."""
        if not 0 <= row < len(self._rows):
            return False
        worker_id = self._rows[row].id
        self._show_rows([])
        self.search.clear()
        self.hint.clear()
        self.set_worker_id(worker_id)
        return self.worker is not None

    def clear(self) -> None:
        self.search.clear()
        self._show_rows([])
        self.hint.clear()
        self._set(None)

    def _set(self, worker: WorkerDetail | None) -> None:
        self.worker = worker
        self.choice.setText(detail_label(worker) if worker else NOTHING_CHOSEN)
        self.clear_button.setVisible(worker is not None)
        emit(self.chosen, worker)

    def _found(self, page: WorkerPage) -> None:
        self._show_rows(page.rows)
        self.hint.setText(matches_text(page, " Klik dua kali untuk memilih."))

    def _too_short(self, hint: str) -> None:
        self._show_rows([])
        self.hint.setText(hint)

    def _show_rows(self, rows: list[WorkerRow]) -> None:
        self._rows = list(rows)
        self.matches.clear()
        for worker in self._rows:
            self.matches.addItem(QListWidgetItem(row_label(worker)))
        self.matches.setVisible(bool(self._rows))

    def _lay_out(self) -> None:
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#5f6368")
        self.choice.setWordWrap(True)
        self.choice.setTextFormat(Qt.TextFormat.RichText)
        self.choice.setStyleSheet(
            "QLabel { background:#f1f3f4; border:1px solid #dadce0; border-radius:4px; "
            "padding:4px 6px; }"
        )
        self.clear_button.setAutoDefault(False)
        self.clear_button.hide()
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.choice, 1)
        chosen_row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.hint)
        layout.addLayout(chosen_row)
        self.setFocusProxy(self.search)

    def _connect(self) -> None:
        self.search.found.connect(self._found)
        self.search.failed.connect(self.hint.setText)
        self.search.too_short.connect(self._too_short)
        self.matches.itemActivated.connect(lambda item: self.pick(self.matches.row(item)))
        self.clear_button.clicked.connect(self.clear)
