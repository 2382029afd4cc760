"""Akun petugas: the accounts of the office, and what an administrator does with them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.accounts.service import UserInfo, list_users, update_user
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_show
from ui.gui.users.password_reset_dialog import PasswordResetDialog
from ui.gui.users.user_dialog import UserDialog
from ui.gui.users.user_table_model import UserTableModel
from ui.gui.widgets.notice_banner import NoticeBanner, Tone


class UsersPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.model = UserTableModel(app.regions, self)
        self.table = QTableView(self)
        self.banner = NoticeBanner(self)
        self.add_button = QPushButton("Tambah akun…", self)
        self.edit_button = QPushButton("Ubah…", self)
        self.active_button = QPushButton("Nonaktifkan", self)
        self.reset_button = QPushButton("Atur ulang kata sandi…", self)
        self.reload_button = QPushButton("Muat ulang", self)
        self._lay_out()
        self._connect()
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self._selected_id()
        users = call_or_show(self, self.banner, lambda: list_users(self._app.ctx))
        if users is FAILED:
            return
        self.model.set_rows(users)
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._follow_selection()

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def add_user(self) -> UserDialog:
        return self._open(UserDialog(self._app, None, self), "Akun {} dibuat.")

    def edit_user(self) -> UserDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        return self._open(UserDialog(self._app, user, self), "Akun {} diubah.")

    def reset_password(self) -> PasswordResetDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        dialog = PasswordResetDialog(self._app, user, self)
        message = f"Kata sandi {user.username} diatur ulang; berikan kata sandi sementara itu."
        dialog.accepted.connect(lambda: self._done(user.id, message))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def toggle_active(self) -> bool:
        """Deactivate (asked first) or reactivate the selected account; never deleted."""
        user = self.selected_user()
        if user is None or (user.active and not confirm_deactivate(self, user)):
            return False
        info = call_or_show(
            self,
            self.banner,
            lambda: update_user(self._app.ctx, user.id, user.version, active=not user.active),
            reload=self.reload,
        )
        if info is FAILED:
            return False
        state = "diaktifkan kembali" if info.active else "dinonaktifkan"
        self._done(info.id, f"Akun {info.username} {state}.")
        return True

    def _open(self, dialog: UserDialog, done: str) -> UserDialog:
        dialog.saved.connect(lambda info: self._done(info.id, done.format(info.username)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _done(self, user_id: int, message: str) -> None:
        self.reload(keep=user_id)
        self.banner.show_message(message, Tone.INFO)

    def _selected_id(self) -> int | None:
        user = self.selected_user()
        return user.id if user else None

    def _follow_selection(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.active_button, self.reset_button):
            button.setEnabled(user is not None)
        active = user is None or user.active
        self.active_button.setText("Nonaktifkan" if active else "Aktifkan kembali")

    def _lay_out(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        title = QLabel("Akun petugas", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        note = QLabel(
            "Akun tidak pernah dihapus agar jejak audit tetap menyebut pemiliknya; "
            "nonaktifkan akun petugas yang berhenti.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.reload_button.clicked.connect(lambda: self.reload())
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
        self.model.modelReset.connect(self._follow_selection)


def confirm_deactivate(parent: QWidget, user: UserInfo) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Nonaktifkan akun",
        f"Nonaktifkan akun {user.username} ({user.full_name})? Petugas ini tidak dapat "
        "masuk lagi sampai akunnya diaktifkan kembali. Riwayat kerjanya tetap tersimpan.",
        parent=parent,
    )
    yes = box.addButton("Nonaktifkan", QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes
