"""Cards printed and not yet handed over, for one batch or one village, ticked and handed over."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.cards import CardRecord, list_cards
from services.cards.records import MAX_LIST
from ui.gui.app_context import AppContext
from ui.gui.cards.card_columns import PENDING_COLUMNS
from ui.gui.cards.hand_over_dialog import HandOverDialog
from ui.gui.formats import thousands
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import RecordTableModel, RecordTableView

ALL_KECAMATAN = "Semua kecamatan"
ALL_VILLAGES = "Semua desa/kelurahan"


class PendingCards(QGroupBox):
    # The clerk chose a village: the batch chosen in the log no longer applies.
    village_chosen = Signal()
    handed_over = Signal(int)

    def __init__(self, app: AppContext, can_hand_over: bool, parent: QWidget | None = None):
        super().__init__("Kartu belum diserahkan", parent)
        self._app = app
        self._batch_id: int | None = None
        self.source = QLabel(self)
        self.kecamatan = ChoiceCombo(self)
        self.village = ChoiceCombo(self)
        self.model: RecordTableModel[CardRecord] = RecordTableModel(
            PENDING_COLUMNS, checkable=can_hand_over, parent=self
        )
        self.table = RecordTableView(self.model, self)
        self.count = QLabel(self)
        self.banner = NoticeBanner(self)
        self.check_all_button = QPushButton("Centang semua", self)
        self.uncheck_button = QPushButton("Hapus centang", self)
        self.hand_over_button = QPushButton("Serahkan…", self)
        for button in (self.check_all_button, self.uncheck_button, self.hand_over_button):
            button.setVisible(can_hand_over)
        self._fill()
        self._lay_out()
        self._connect()
        self._follow_checks()

    def show_batch(self, batch_id: int) -> None:
        self._batch_id = batch_id
        self._set_region(None, None)
        self.reload()

    def reload(self) -> bool:
        batch, village = self._batch_id, self.village.value()
        ctx = self._app.ctx
        cards = call_or_show(
            self, self.banner, lambda: list_cards(ctx, batch_id=batch, village_code=village)
        )
        if cards is FAILED:
            return False
        # Ticked off against the village's paper list: by village, then name.
        self.model.set_rows(sorted(cards, key=lambda c: (c.village_name, c.full_name, c.id)))
        self.source.setText(self._source_text())
        capped = f" (hanya {thousands(MAX_LIST)} pertama)" if len(cards) >= MAX_LIST else ""
        self.count.setText(f"{thousands(len(cards))} kartu belum diserahkan{capped}")
        return True

    def open_hand_over(self) -> HandOverDialog | None:
        cards = self.model.checked()
        if not cards:
            return None
        dialog = HandOverDialog(self._app, cards, self)
        dialog.accepted.connect(lambda: self._handed(dialog.handed))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _handed(self, count: int) -> None:
        """The section reloads the log and this list (handed_over)."""
        self.banner.show_message(f"{thousands(count)} kartu dicatat sudah diserahkan.", Tone.INFO)
        emit(self.handed_over, count)

    def _source_text(self) -> str:
        if self._batch_id is not None:
            return f"Dari cetakan #{self._batch_id} (dipilih di log cetak)."
        village = self.village.value()
        if village:
            return f"Di {self._app.regions.name(village)}, dari semua cetakan."
        return "Dari semua cetakan. Pilih satu cetakan di log, atau satu desa:"

    def _set_region(self, kecamatan: str | None, village: str | None) -> None:
        for combo in (self.kecamatan, self.village):
            combo.blockSignals(True)
        self.kecamatan.set_value(kecamatan)
        self._follow_kecamatan()
        self.village.set_value(village)
        for combo in (self.kecamatan, self.village):
            combo.blockSignals(False)

    def _fill(self) -> None:
        self.kecamatan.set_choices(
            [(k.name, k.code) for k in self._app.regions.kecamatan()], ALL_KECAMATAN
        )
        self._follow_kecamatan()

    def _follow_kecamatan(self) -> None:
        code = self.kecamatan.value()
        villages = self._app.regions.villages(code) if code else []
        blocked = self.village.signalsBlocked()
        self.village.blockSignals(True)
        self.village.set_choices([(v.label, v.code) for v in villages], ALL_VILLAGES)
        self.village.blockSignals(blocked)
        self.village.setEnabled(bool(code))

    def _on_kecamatan(self, _index: int) -> None:
        had_village = self.village.value() is not None
        self._follow_kecamatan()
        if had_village:
            self._on_village(0)

    def _on_village(self, _index: int) -> None:
        self._batch_id = None
        emit(self.village_chosen)
        self.banner.clear_message()
        self.reload()

    def _follow_checks(self) -> None:
        checked = len(self.model.checked())
        self.hand_over_button.setEnabled(checked > 0)
        self.hand_over_button.setText(f"Serahkan {checked} kartu…" if checked else "Serahkan…")

    def _lay_out(self) -> None:
        self.source.setStyleSheet("color:#5f6368")
        self.count.setStyleSheet("color:#5f6368")
        self.kecamatan.setMinimumContentsLength(14)
        self.village.setMinimumContentsLength(len(ALL_VILLAGES))
        self.hand_over_button.setToolTip("Catat serah terima kartu yang dicentang")
        filters = QHBoxLayout()
        filters.addWidget(self.source)
        filters.addWidget(self.kecamatan)
        filters.addWidget(self.village)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addStretch(1)
        buttons.addWidget(self.check_all_button)
        buttons.addWidget(self.uncheck_button)
        buttons.addWidget(self.hand_over_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.kecamatan.currentIndexChanged.connect(self._on_kecamatan)
        self.village.currentIndexChanged.connect(self._on_village)
        self.model.checks_changed.connect(self._follow_checks)
        self.check_all_button.clicked.connect(lambda: self.model.set_all_checked(True))
        self.uncheck_button.clicked.connect(lambda: self.model.set_all_checked(False))
        self.hand_over_button.clicked.connect(self.open_hand_over)
        self.table.doubleClicked.connect(self._open_worker)

    def _open_worker(self, index: QModelIndex) -> None:
        card = self.model.record(index.row())
        if card is not None:
            emit(self._app.events.open_worker_requested, card.worker_id)
