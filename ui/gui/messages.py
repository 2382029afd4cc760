"""Message boxes in Indonesian, with button texts of our own (Qt ships no Indonesian)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from services.core.errors import SiRentanError


def show_error(parent: QWidget | None, error: SiRentanError, title: str = "SiRentan") -> None:
    """An expected problem: its message is already written for the clerk."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, parent=parent)
    box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_notice(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Non-blocking: the clerk may read it while working on."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box
