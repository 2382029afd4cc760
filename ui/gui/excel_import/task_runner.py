"""Long import and export jobs off the GUI thread, with progress and a Cancel button.

The services report ``progress(stage, done, total)`` between chunks and ask
``cancel()`` there too. Both are called on the pool thread: progress is handed
to the GUI thread through a queued signal, cancel reads a ``threading.Event``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from services.core.errors import SiRentanError
from ui.gui.background import Background
from ui.gui.formats import thousands
from ui.gui.signals import emit

Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]
# A job gets the progress and cancel callbacks the services take.
Work = Callable[[Progress, Cancel], Any]


class TaskRunner(QObject):
    """One job at a time; ``busy_changed`` lets the screen lock what must wait."""

    progressed = Signal(str, int, int)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.background = Background(self)
        self.busy = False
        self._cancel = threading.Event()

    def run(
        self,
        stage: str,
        work: Work,
        done: Callable[[Any], None],
        failed: Callable[[SiRentanError], None],
    ) -> None:
        self._cancel = threading.Event()
        cancel = self._cancel.is_set
        self._set_busy(True)
        emit(self.progressed, stage, 0, 0)
        self.background.submit(
            lambda: work(self._report, cancel),
            lambda result: self._finish(done, result),
            lambda error: self._finish(failed, error),
            settle=lambda: self._set_busy(False),
        )

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self.busy and self._cancel.is_set()

    def wait(self, msecs: int = -1) -> bool:
        return self.background.wait(msecs)

    def _report(self, stage: str, done: int, total: int) -> None:
        # Called on the pool thread; the signal is queued to the GUI thread.
        emit(self.progressed, stage, done, total)

    def _finish(self, then: Callable[[Any], None], value: Any) -> None:
        self._set_busy(False)
        then(value)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            emit(self.busy_changed, busy)


class ProgressStrip(QWidget):
    """Stage, progress bar and "Batal" for a TaskRunner; hidden while nothing runs."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.stage = QLabel(self)
        self.bar = QProgressBar(self)
        self.cancel_button = QPushButton("Batal", self)
        self.cancel_button.setToolTip("Hentikan; tidak ada data yang diubah")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self._cancel)
        runner.progressed.connect(self._show)
        runner.busy_changed.connect(self._follow_busy)
        self.hide()

    def _show(self, stage: str, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(f"{thousands(done)} dari {thousands(total)}")
        else:
            self.bar.setRange(0, 0)  # busy, no steps known yet
        if not self._runner.cancelling:
            self.stage.setText(f"{stage}…")

    def _cancel(self) -> None:
        self._runner.cancel()
        self.cancel_button.setEnabled(False)
        self.stage.setText("Menghentikan…")

    def _follow_busy(self, busy: bool) -> None:
        self.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.bar.setRange(0, 0)
