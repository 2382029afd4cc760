"""The button row of a small dialog: one button that does the dialog's action, one that
leaves it, wired to accept() and reject() (Esc and the window's close button too)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def accept_buttons(
    dialog: QDialog, action: str | QPushButton, leave: str = "Batal"
) -> QDialogButtonBox:
    """``action`` (e.g. "Simpan", or a button the dialog keeps) accepts ``dialog``, ``leave``
    rejects it."""
    buttons = QDialogButtonBox(dialog)
    if isinstance(action, str):
        action = QPushButton(action, dialog)
    buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(leave, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
