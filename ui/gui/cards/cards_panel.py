"""Kartu: the print log, the cards still to hand over, the card check and printer calibration."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.cards import PrintResult, list_print_batches
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.cards.calibration_dialog import CalibrationDialog
from ui.gui.cards.card_columns import BATCH_COLUMNS
from ui.gui.cards.pending_cards import PendingCards
from ui.gui.cards.print_dialog import CardPrintDialog
from ui.gui.cards.verify_strip import VerifyStrip
from ui.gui.formats import thousands
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import RecordTableModel, RecordTableView


def open_print_dialog(
    app: AppContext,
    parent: QWidget,
    selected_ids: tuple[int, ...] = (),
    kecamatan_code: str | None = None,
    village_code: str | None = None,
) -> CardPrintDialog:
    """The print dialog, shown without blocking: the clerk may work on while cards render."""
    dialog = CardPrintDialog(app, selected_ids, kecamatan_code, village_code, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class CardsPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.can_print = app.can(Permission.PRINT_CARDS)
        self.print_button = QPushButton("Cetak kartu…", self)
        self.calibrate_button = QPushButton("Kalibrasi printer…", self)
        self.reload_button = QPushButton("Muat ulang", self)
        self.verify = VerifyStrip(app, self)
        self.banner = NoticeBanner(self)
        self.batches = RecordTableModel(BATCH_COLUMNS, parent=self)
        self.batch_table = RecordTableView(self.batches, self)
        self.batch_count = QLabel(self)
        self.pending = PendingCards(app, self.can_print, self)
        self._lay_out()
        self._connect()
        self.reload()

    def reload(self) -> bool:
        """Read the log and the hand-over list again, keeping the chosen batch."""
        chosen = self.chosen_batch()
        batches = call_or_show(self, self.banner, lambda: list_print_batches(self._app.ctx))
        if batches is FAILED:
            return False
        self.batches.set_rows(batches)
        self.batch_count.setText(
            f"{thousands(len(batches))} cetakan, terbaru di atas"
            if batches
            else "Belum ada kartu yang dicetak."
        )
        row = next((i for i, b in enumerate(batches) if b.id == chosen), None)
        if row is not None:
            self.batch_table.selectRow(row)  # the pending list follows the selection
        else:
            self.pending.reload()
        return True

    def chosen_batch(self) -> int | None:
        row = self.batch_table.selected_row()
        batch = self.batches.record(row) if row is not None else None
        return batch.id if batch else None

    def open_print(self) -> CardPrintDialog:
        dialog = open_print_dialog(
            self._app, self, (), self.pending.kecamatan.value(), self.pending.village.value()
        )
        dialog.recorded.connect(self._printed)
        return dialog

    def open_calibration(self) -> CalibrationDialog:
        dialog = CalibrationDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.reload()  # others may have printed or handed over meanwhile

    def _printed(self, result: PrintResult) -> None:
        self.reload()
        self.banner.show_message(f"Cetakan #{result.batch_id} dicatat di log.", Tone.INFO)

    def _batch_chosen(self) -> None:
        batch_id = self.chosen_batch()
        if batch_id is not None:
            self.pending.show_batch(batch_id)

    def _village_chosen(self) -> None:
        self.batch_table.clearSelection()

    def _lay_out(self) -> None:
        title = QLabel("Kartu peserta", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.print_button.setToolTip("Cetak kartu per desa, kecamatan, atau yang belum dicetak")
        self.calibrate_button.setToolTip("Atur geser cetakan printer komputer ini")
        for button in (self.print_button, self.calibrate_button):
            button.setVisible(self.can_print)
        self.verify.setVisible(self._app.can(Permission.SEE_FULL_IDENTITY))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.calibrate_button)
        top.addWidget(self.reload_button)

        log = QGroupBox("Log cetak", self)
        self.batch_count.setStyleSheet("color:#5f6368")
        log_layout = QVBoxLayout(log)
        log_layout.addWidget(self.batch_count)
        log_layout.addWidget(self.batch_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(log)
        split.addWidget(self.pending)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.verify)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)

    def _connect(self) -> None:
        self.print_button.clicked.connect(self.open_print)
        self.calibrate_button.clicked.connect(self.open_calibration)
        self.reload_button.clicked.connect(self.reload)
        self.batch_table.selectionModel().selectionChanged.connect(lambda *_: self._batch_chosen())
        self.pending.village_chosen.connect(self._village_chosen)
        self.pending.handed_over.connect(lambda _count: self.reload())
