"""Buat administrator pertama: a new register has no accounts; whoever installs it makes one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import Role
from services.accounts.passwords import MIN_LENGTH
from services.accounts.service import NewUser, create_user
from services.core.context import ServiceContext
from services.core.errors import Problem
from ui.gui.retry import FAILED, call_or_place
from ui.gui.signin.password_edit import password_edit
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner

EXPLANATION = (
    "Basis data ini belum memiliki akun. Buat akun administrator pertama untuk kantor ini; "
    "administrator kemudian membuat akun untuk petugas lain (menu Akun petugas)."
)


class FirstAdminDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buat administrator pertama")
        self._ctx = ctx
        self.created_username = ""
        self.username = QLineEdit(self)
        self.username.setPlaceholderText("huruf kecil, misalnya admin_dinas")
        self.username.setMaxLength(32)
        self.full_name = QLineEdit(self)
        self.full_name.setMaxLength(120)
        self.password = password_edit(self, f"minimal {MIN_LENGTH} karakter")
        self.repeat = password_edit(self, "ketik sekali lagi")
        self.banner = NoticeBanner(self)
        self._lay_out(ctx.database_label)

    def accept(self) -> None:
        problems = self._local_problems()
        self.rows.show(problems)
        if problems:
            return
        new = NewUser(
            username=self.username.text().strip().lower(),
            full_name=self.full_name.text().strip(),
            role=Role.ADMIN,
            password=self.password.text(),
            must_change_password=False,  # chosen by its owner right here
        )
        user = call_or_place(self, self.banner, self.rows.show, lambda: create_user(self._ctx, new))
        if user is FAILED:
            return
        self.created_username = user.username
        super().accept()

    def _local_problems(self) -> list[Problem]:
        problems = []
        if not self.username.text().strip():
            problems.append(Problem("username_empty", "username", "Isi nama pengguna."))
        if not self.full_name.text().strip():
            problems.append(Problem("full_name_empty", "full_name", "Nama lengkap wajib diisi."))
        if len(self.password.text()) < MIN_LENGTH:
            problems.append(
                Problem("password_short", "password", f"Kata sandi minimal {MIN_LENGTH} karakter.")
            )
        elif self.password.text() != self.repeat.text():
            problems.append(
                Problem("password_repeat", "password_repeat", "Kedua kata sandi tidak sama.")
            )
        return problems

    def _lay_out(self, where: str) -> None:
        intro = QLabel(EXPLANATION, self)
        intro.setWordWrap(True)
        place = QLabel(f"Basis data: {where}", self)
        place.setStyleSheet("color:#5f6368")
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rows = FieldRows(self)
        rows.add("Nama pengguna", self.username, "username")
        rows.add("Nama lengkap", self.full_name, "full_name")
        rows.add("Kata sandi", self.password, "password")
        rows.add("Ulangi kata sandi", self.repeat, "password_repeat")
        self.rows = rows
        self.create_button = QPushButton("Buat administrator", self)
        buttons = accept_buttons(self, self.create_button, "Tutup")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(place)
        layout.addSpacing(4)
        layout.addLayout(rows.layout)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(500)
