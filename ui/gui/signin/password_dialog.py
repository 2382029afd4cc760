"""Ganti kata sandi: forced after a temporary password, or chosen from the Akun menu."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.accounts.passwords import MIN_LENGTH
from services.accounts.service import change_own_password
from services.core.context import ServiceContext
from services.core.errors import Problem
from ui.gui.retry import FAILED, call_or_place
from ui.gui.signin.password_edit import password_edit
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner

FORCED = (
    "Kata sandi Anda masih kata sandi sementara dari administrator. "
    "Pilih kata sandi baru yang hanya Anda ketahui sebelum mulai bekerja."
)
RULES = f"Minimal {MIN_LENGTH} karakter dan tidak memuat nama pengguna."


class PasswordDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        forced: bool = False,
        old_password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ganti kata sandi")
        self._ctx = ctx
        self.forced = forced
        # Just typed at sign-in: asking again right away would only annoy.
        self._known_old = old_password
        self.old = password_edit(self)
        self.new = password_edit(self, f"minimal {MIN_LENGTH} karakter")
        self.repeat = password_edit(self, "ketik sekali lagi")
        self.banner = NoticeBanner(self)
        self._lay_out()

    def accept(self) -> None:
        old = self._known_old if self._known_old is not None else self.old.text()
        new = self.new.text()
        if new != self.repeat.text():
            problem = Problem("password_repeat", "password_repeat", "Kedua kata sandi tidak sama.")
            self.rows.show([problem])
            return
        changed = call_or_place(
            self, self.banner, self.rows.show, lambda: change_own_password(self._ctx, old, new)
        )
        if changed is FAILED:
            return
        # The service re-points a PostgreSQL register at the new password itself.
        super().accept()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        if self.forced:
            intro = QLabel(FORCED, self)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        rows = FieldRows(self)
        if self._known_old is None:
            rows.add("Kata sandi lama", self.old, "old_password")
        else:
            self.old.hide()
        rows.add("Kata sandi baru", self.new, "new_password", "password")
        rows.add("Ulangi kata sandi baru", self.repeat, "password_repeat")
        self.rows = rows
        rules = QLabel(RULES, self)
        rules.setStyleSheet("color:#5f6368")
        self.save_button = QPushButton("Simpan kata sandi", self)
        buttons = accept_buttons(self, self.save_button, "Keluar" if self.forced else "Batal")
        layout.addLayout(rows.layout)
        layout.addWidget(rules)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
