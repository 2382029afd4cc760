"""The claim's next steps as buttons: only those the service says this clerk may take now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from models.enums import ClaimStatus
from services.claims import ClaimDetail
from services.claims.workflow import find_step
from ui.gui.claims.claim_texts import STEP_FORWARD, step_back_text
from ui.gui.signals import emit

_BACK_STYLE = "QPushButton { color:#6b4200; }"


class StepButtons(QWidget):
    # The clerk asked for a step: the target status.
    requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("Langkah berikutnya:", self)
        self.buttons: dict[ClaimStatus, QPushButton] = {}
        self._tips: dict[ClaimStatus, str] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.caption)

    def show_steps(self, detail: ClaimDetail | None) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = {}
        self._tips = {}
        steps = detail.next_steps if detail is not None else ()
        forward: list[ClaimStatus] = []
        back: list[ClaimStatus] = []
        for target in steps:
            step = find_step(detail.status, target) if detail else None
            (back if step is not None and step.back else forward).append(target)
        # Forward first, cancelling last of those, then the ways back.
        forward.sort(key=lambda s: s is ClaimStatus.CANCELLED)
        for target in forward + back:
            is_back = target in back
            button = QPushButton(step_back_text(target) if is_back else STEP_FORWARD[target], self)
            button.setAutoDefault(False)
            if is_back:
                button.setStyleSheet(_BACK_STYLE)
                self._tips[target] = "Langkah mundur; perlu alasan"
            button.setToolTip(self._tips.get(target, ""))
            button.clicked.connect(lambda _checked=False, t=target: emit(self.requested, t))
            self._layout.addWidget(button)
            self.buttons[target] = button
        self.setVisible(bool(self.buttons))

    def set_blocked(self, reason: str | None) -> None:
        """Steps wait while the event has unsaved edits (the step would read the old event)."""
        for target, button in self.buttons.items():
            button.setEnabled(reason is None)
            button.setToolTip(reason or self._tips.get(target, ""))
