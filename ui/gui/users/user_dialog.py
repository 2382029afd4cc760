"""One account: a new clerk (with a temporary password), or a change of name, role or area."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import Role
from services.accounts.service import NewUser, UserInfo, create_user, update_user
from services.core.permissions import ROLE_LABELS
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_place
from ui.gui.signals import emit
from ui.gui.users.kecamatan_picker import KecamatanPicker
from ui.gui.users.temporary_password import temporary_password
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner

ROLE_HINTS = {
    Role.ADMIN: "Semua pekerjaan, termasuk akun petugas, jejak audit dan pemulihan cadangan.",
    Role.OPERATOR: "Menambah dan mengubah data peserta, impor, cetak kartu, cadangan.",
    Role.VERIFIKATOR: "Membaca data lengkap dan menyetujui; tidak mengubah data peserta.",
    Role.VIEWER: "Hanya membaca; NIK, No. KK dan rekening tampil tersamar.",
}


class UserDialog(QDialog):
    saved = Signal(object)  # UserInfo

    def __init__(
        self, app: AppContext, user: UserInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tambah akun petugas" if user is None else "Ubah akun petugas")
        self._app = app
        self.user = user
        self.username = QLineEdit(self)
        self.username.setMaxLength(32)
        self.username.setPlaceholderText("huruf kecil, misalnya maria_taek")
        self.full_name = QLineEdit(self)
        self.full_name.setMaxLength(120)
        self.role = ChoiceCombo(self)
        self.role.set_choices([(label, role) for role, label in ROLE_LABELS.items()], None)
        self.role_hint = QLabel(self)
        self.kecamatan = KecamatanPicker(app.regions.kecamatan(), self)
        self.password = QLineEdit(self)
        self.generate_button = QPushButton("Buat acak", self)
        self.banner = NoticeBanner(self)
        self._lay_out()
        self._fill(user)
        self.role.currentIndexChanged.connect(self._follow_role)
        self.generate_button.clicked.connect(lambda: self.password.setText(temporary_password()))
        self._follow_role()

    def accept(self) -> None:
        info = call_or_place(self, self.banner, self.rows.show, self._store)
        if info is FAILED:
            return
        emit(self.saved, info)
        super().accept()

    def _store(self) -> UserInfo:
        role: Role = self.role.value()
        if self.user is None:
            new = NewUser(
                username=self.username.text().strip().lower(),
                full_name=self.full_name.text().strip(),
                role=role,
                password=self.password.text(),
                kecamatan_codes=self.kecamatan.codes(),
            )
            return create_user(self._app.ctx, new)
        return update_user(
            self._app.ctx,
            self.user.id,
            self.user.version,
            full_name=self.full_name.text().strip(),
            role=role,
            kecamatan_codes=self.kecamatan.codes(),
        )

    def _fill(self, user: UserInfo | None) -> None:
        if user is None:
            self.role.set_value(Role.OPERATOR)
            self.password.setText(temporary_password())
            return
        self.username.setText(user.username)
        self.username.setReadOnly(True)  # also the database login: never renamed
        self.full_name.setText(user.full_name)
        self.role.set_value(user.role)
        self.kecamatan.set_codes(user.kecamatan_codes)

    def _follow_role(self) -> None:
        self.role_hint.setText(ROLE_HINTS.get(self.role.value(), ""))

    def _lay_out(self) -> None:
        rows = FieldRows(self)
        rows.add("Nama pengguna", self.username, "username")
        rows.add("Nama lengkap", self.full_name, "full_name")
        rows.add("Peran", self.role, "role")
        self.role_hint.setWordWrap(True)
        self.role_hint.setStyleSheet("color:#5f6368")
        rows.add_widget(self.role_hint)
        self.kecamatan.setMinimumHeight(150)
        rows.add("Batas kecamatan", self.kecamatan, "kecamatan_codes")
        limits = QLabel("Tidak ada yang dicentang: akun melihat semua kecamatan.", self)
        limits.setStyleSheet("color:#5f6368")
        rows.add_widget(limits)
        if self.user is None:
            password_row = QWidget(self)
            line = QHBoxLayout(password_row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.password, 1)
            line.addWidget(self.generate_button)
            password_row.setFocusProxy(self.password)
            rows.add("Kata sandi sementara", password_row, "password")
            rows.add_note(
                "Catat dan berikan kata sandi ini kepada petugas; ia wajib menggantinya "
                "saat pertama masuk.",
            )
        else:
            self.password.hide()
            self.generate_button.hide()
        self.rows = rows
        buttons = accept_buttons(self, "Simpan")
        layout = QVBoxLayout(self)
        layout.addLayout(rows.layout)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
