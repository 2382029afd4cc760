"""Stage, progress bar and "Batal" for a screen's cancellable job; hidden while none runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.gui.formats import thousands

if TYPE_CHECKING:
    from ui.gui.tasks import Tasks


class ProgressStrip(QWidget):
    def __init__(
        self,
        tasks: Tasks,
        parent: QWidget | None = None,
        unit: str = "",
        cancel_tip: str = "Hentikan; tidak ada data yang diubah",
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._unit = f" {unit}" if unit else ""
        self.stage = QLabel(self)
        self.bar = QProgressBar(self)
        self.cancel_button = QPushButton("Batal", self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setToolTip(cancel_tip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        tasks.progressed.connect(self._show)
        tasks.busy_changed.connect(self._follow_busy)
        self.hide()

    def cancel(self) -> None:
        if not self._tasks.busy:
            return
        self._tasks.cancel()
        self.cancel_button.setEnabled(False)
        self.stage.setText("Menghentikan…")

    def _show(self, stage: str, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(f"{thousands(done)} dari {thousands(total)}{self._unit}")
        else:
            self.bar.setRange(0, 0)  # busy, no steps known yet
        if not self._tasks.cancelling:
            self.stage.setText(f"{stage}…")

    def _follow_busy(self, busy: bool) -> None:
        self.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.bar.setRange(0, 0)
            self.bar.setFormat("")
