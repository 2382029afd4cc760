"""Periksa kartu: a USB QR scanner types the card's code here (scanners act as keyboards)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from services.cards import CardVerification, verify_card
from services.core.errors import SiRentanError
from ui.gui.app_context import AppContext
from ui.gui.retry import with_retry
from ui.gui.signals import emit

_GOOD = "background:#e6f4ea; color:#0d652d; border:1px solid #81c995;"
_BAD = "background:#fdecea; color:#8c1d18; border:1px solid #f1a9a3;"


class VerifyStrip(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.input = QLineEdit(self)
        self.input.setPlaceholderText("Pindai kode QR kartu di sini (atau tempel teksnya) + Enter")
        self.input.setClearButtonEnabled(True)
        self.check_button = QPushButton("Periksa", self)
        self.open_button = QPushButton("Buka data peserta", self)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.verification: CardVerification | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Periksa kartu:</b>", self))
        layout.addWidget(self.input, 2)
        layout.addWidget(self.check_button)
        layout.addWidget(self.result, 3)
        layout.addWidget(self.open_button)
        self.result.hide()
        self.open_button.hide()
        self.input.returnPressed.connect(self.check)
        self.check_button.clicked.connect(self.check)
        self.open_button.clicked.connect(self._open_worker)

    def check(self) -> CardVerification | None:
        scanned = self.input.text().strip()
        if not scanned:
            return None
        try:
            verification = with_retry(self, lambda: verify_card(self._app.ctx, scanned))
        except SiRentanError as error:
            self._show(False, error.message)
            self.verification = None
            return None
        self.verification = verification
        good = verification.authentic and verification.covered_today is not False
        self._show(good, verification.message)
        self.open_button.setVisible(verification.worker_id is not None)
        # The next scan replaces this code instead of being appended to it.
        self.input.selectAll()
        return verification

    def _show(self, good: bool, text: str) -> None:
        mark = "✔" if good else "✖"
        self.result.setText(f"{mark} {text}")
        self.result.setStyleSheet(
            f"QLabel {{ {_GOOD if good else _BAD} border-radius:4px; padding:4px 8px; }}"
        )
        self.result.setProperty("good", good)
        self.result.show()
        self.open_button.hide()

    def _open_worker(self) -> None:
        if self.verification and self.verification.worker_id is not None:
            emit(self._app.events.open_worker_requested, self.verification.worker_id)
