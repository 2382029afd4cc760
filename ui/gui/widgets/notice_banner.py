"""A coloured strip above a form or list for messages that belong to no single field."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class Tone(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_STYLES = {
    Tone.INFO: "background:#e8f0fe; color:#1a3d7c; border:1px solid #aac4f0;",
    Tone.WARNING: "background:#fff4e0; color:#6b4200; border:1px solid #f0c37a;",
    Tone.ERROR: "background:#fdecea; color:#8c1d18; border:1px solid #f1a9a3;",
}


class NoticeBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tone: Tone | None = None
        self.hide()

    def show_message(self, text: str, tone: Tone = Tone.INFO) -> None:
        self.tone = tone
        self.setStyleSheet(f"QLabel {{ {_STYLES[tone]} border-radius:4px; padding:6px 8px; }}")
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.tone = None
        self.clear()
        self.hide()
