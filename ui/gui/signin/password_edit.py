"""A password field: hidden as typed, never offering completion or undo of a secret."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

MAX_LENGTH = 128


def password_edit(parent: QWidget, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(MAX_LENGTH)
    edit.setPlaceholderText(placeholder)
    return edit
