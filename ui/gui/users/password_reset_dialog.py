"""Atur ulang kata sandi: a temporary password for a clerk who forgot theirs or is locked out."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.accounts.service import UserInfo, reset_password
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_place
from ui.gui.users.temporary_password import temporary_password
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner


class PasswordResetDialog(QDialog):
    def __init__(self, app: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Atur ulang kata sandi")
        self._app = app
        self.user = user
        self.password = QLineEdit(temporary_password(), self)
        self.generate_button = QPushButton("Buat acak", self)
        self.generate_button.clicked.connect(lambda: self.password.setText(temporary_password()))
        self.banner = NoticeBanner(self)
        self._lay_out()

    def accept(self) -> None:
        user_id, password = self.user.id, self.password.text()
        done = call_or_place(
            self,
            self.banner,
            self.rows.show,
            lambda: reset_password(self._app.ctx, user_id, password),
        )
        if done is not FAILED:
            super().accept()

    def _lay_out(self) -> None:
        intro = QLabel(
            f"Kata sandi sementara untuk <b>{escape(self.user.username)}</b> "
            f"({escape(self.user.full_name)}). Kunci akun dibuka; petugas wajib mengganti "
            "kata sandi ini saat masuk.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.password, 1)
        line.addWidget(self.generate_button)
        row.setFocusProxy(self.password)
        rows = FieldRows(self)
        rows.add("Kata sandi sementara", row, "password")
        self.rows = rows
        buttons = accept_buttons(self, "Atur ulang")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(rows.layout)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
