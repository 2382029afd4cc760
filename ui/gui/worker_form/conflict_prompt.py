"""When another clerk saved the same worker first: reload theirs, or keep mine on screen."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget


class ConflictChoice(StrEnum):
    RELOAD = "reload"
    KEEP_EDITING = "keep"


def ask_conflict(parent: QWidget | None, message: str) -> ConflictChoice:
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Data sudah diubah petugas lain", message, parent=parent
    )
    box.setInformativeText(
        "Muat ulang: tampilkan data terbaru; isian Anda yang belum tersimpan hilang.\n"
        "Tetap di formulir: isian Anda tetap di layar (belum tersimpan) agar dapat disalin."
    )
    reload = box.addButton("Muat ulang", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Tetap di formulir", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return ConflictChoice.RELOAD if box.clickedButton() is reload else ConflictChoice.KEEP_EDITING


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
