"""A notice across the window that the clerk reads and closes; it never blocks the work."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from ui.gui.widgets.notice_banner import NoticeBanner, Tone


class BannerStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = NoticeBanner(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Tutup pemberitahuan ini")
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 4)
        row.addWidget(self.banner, 1)
        row.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, tone: Tone = Tone.WARNING) -> None:
        """Shown alongside a notice already there, so a second one does not hide the first."""
        shown = self.banner.text() if self.isVisible() else ""
        self.banner.show_message(f"{shown}\n{text}" if shown else text, tone)
        self.show()

    def text(self) -> str:
        return self.banner.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.banner.clear_message()
        self.hide()
