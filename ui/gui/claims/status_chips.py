"""A row of buttons, one per claim status with its count; pressing one filters the list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QWidget

from models.enums import ClaimStatus
from services.claims.labels import CLAIM_STATUS
from ui.gui.formats import thousands
from ui.gui.signals import emit
from ui.gui.widgets.flow_layout import FlowLayout

ALL = "Semua"
_STYLE = (
    "QPushButton { border:1px solid #b8c2cc; border-radius:11px; padding:3px 10px;"
    " background:#f4f6f8; }"
    "QPushButton:checked { background:#1a3d7c; color:white; border-color:#1a3d7c; }"
)


class StatusChips(QWidget):
    # The chosen status (None: every status).
    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[ClaimStatus | None, QPushButton] = {}
        # Wraps on a narrow screen: eight statuses do not fit beside each other at 1024 px.
        layout = FlowLayout(self, spacing=6)
        for status in (None, *ClaimStatus):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setStyleSheet(_STYLE)
            button.setToolTip(
                "Tampilkan klaim semua status"
                if status is None
                else f"Tampilkan hanya klaim berstatus {CLAIM_STATUS[status]}"
            )
            button.clicked.connect(lambda _checked=False, s=status: self._chosen(s))
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[status] = button
        self.buttons[None].setChecked(True)
        self.show_counts({})

    def status(self) -> ClaimStatus | None:
        return next((s for s, b in self.buttons.items() if b.isChecked()), None)

    def choose(self, status: ClaimStatus | None) -> None:
        self.buttons[status].setChecked(True)
        self._chosen(status)

    def show_counts(self, counts: dict[ClaimStatus, int]) -> None:
        self.buttons[None].setText(f"{ALL} {thousands(sum(counts.values()))}")
        for status in ClaimStatus:
            count = thousands(counts.get(status, 0))
            self.buttons[status].setText(f"{CLAIM_STATUS[status]} {count}")

    def _chosen(self, status: ClaimStatus | None) -> None:
        emit(self.changed, status)
