"""Kartu: every card printed for this worker, first print or reprint, and its hand-over."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.cards import CardRecord, card_history
from ui.gui.app_context import AppContext
from ui.gui.cards.card_columns import HISTORY_COLUMNS
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner
from ui.gui.widgets.record_table import RecordTableModel, RecordTableView


class CardTab(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.model: RecordTableModel[CardRecord] = RecordTableModel(HISTORY_COLUMNS, parent=self)
        self.table = RecordTableView(self.model, self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#5f6368")
        self.banner = NoticeBanner(self)
        self.worker_id: int | None = None
        self.loaded = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

    def show_worker(self, worker_id: int | None) -> None:
        """Forget what was read; it is read again when the tab is next looked at."""
        self.worker_id = worker_id
        self.loaded = False
        self.model.set_rows([])

    def load(self) -> None:
        if self.worker_id is None:
            self.note.setText("Kartu dapat dicetak setelah data peserta disimpan.")
            return
        worker_id = self.worker_id
        cards = call_or_show(self, self.banner, lambda: card_history(self._app.ctx, worker_id))
        if cards is FAILED:
            return
        self.banner.clear_message()
        self.model.set_rows(cards)
        self.loaded = True
        self.note.setText(
            f"{len(cards)} kartu pernah dicetak, terbaru di atas. Arahkan tetikus ke kolom "
            "Diserahkan untuk melihat siapa yang mencatat dan catatannya."
            if cards
            else "Belum pernah dicetak kartu untuk peserta ini. Cetak dari bagian Peserta "
            "(pilih peserta, lalu Cetak kartu…) atau dari bagian Kartu."
        )
