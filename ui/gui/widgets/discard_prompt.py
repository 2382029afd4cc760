"""Closing the form with edits not yet saved: ask before anything typed is lost."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_discard(parent: QWidget | None) -> bool:
    """True when the clerk agrees to close the form and lose what was typed."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Tutup formulir",
        "Ada isian yang belum disimpan. Tutup formulir dan buang perubahan itu?",
        parent=parent,
    )
    discard = box.addButton("Buang perubahan", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Kembali ke formulir", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is discard
