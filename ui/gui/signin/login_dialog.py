"""Masuk: who is working. On PostgreSQL the same name and password open the database."""

from __future__ import annotations

import contextlib
import logging

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

from services.accounts.auth import sign_in
from services.accounts.service import count_users
from services.core.bootstrap import open_register
from services.core.context import ServiceContext
from services.core.errors import AuthenticationError, SiRentanError
from services.core.local_config import load_local_config, remember_username
from services.core.paths import command_prefix
from ui.gui.signin.database_label import database_label, is_sqlite_url, user_in_url
from ui.gui.signin.password_edit import password_edit
from ui.gui.tasks import Tasks
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

log = logging.getLogger(__name__)

# done() code when the clerk chose another database: the start-up begins again there.
CONNECTION_CHANGED = 2

NO_ACCOUNTS = (
    "Basis data ini belum memiliki akun petugas. Administrator membuat akun pertama "
    f"di server dengan perintah:\n{command_prefix()} users create --name NAMA --role admin"
)


class NoAccountsError(AuthenticationError):
    """Signing in failed because the shared register has no accounts at all yet."""


class LoginDialog(QDialog):
    def __init__(
        self, url: str, username: str = "", notice: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Masuk — SiRentan")
        self.url = url
        self.ctx: ServiceContext | None = None
        self.password_used = ""  # kept only until a temporary password is replaced
        self.new_url: str | None = None
        self.tasks = Tasks(self)
        remembered = load_local_config().last_username
        self.username = QLineEdit(username or user_in_url(url) or remembered, self)
        self.username.setMaxLength(32)
        self.password = password_edit(self)
        self.database = QLabel(database_label(url), self)
        self.connection_button = QPushButton("Ubah koneksi…", self)
        self.banner = NoticeBanner(self)
        self.busy = QLabel("Memeriksa akun…", self)
        self.sign_in_button = QPushButton("Masuk", self)
        self.close_button = QPushButton("Tutup", self)
        self._lay_out()
        self._connect()
        if notice:
            self.banner.show_message(notice, Tone.INFO)

    def sign_in(self) -> None:
        """Check the name and password off the GUI thread; a slow server must not freeze it."""
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self.banner.show_message("Isi nama pengguna dan kata sandi.", Tone.ERROR)
            return
        self._set_busy(True)
        url = self.url
        self.tasks.run(
            lambda: _sign_in_or_explain(url, username, password),
            lambda ctx: self._signed_in(ctx, password),
            self._refused,
            settle=lambda: self._set_busy(False),
            retry=False,  # the dialog says why; pressing Masuk again is the retry
        )

    def reject(self) -> None:
        if self.busy.isVisible():
            return  # the answer is on its way; it will enable the buttons again
        super().reject()

    def open_connection_dialog(self) -> None:
        from ui.gui.connection_dialog import ConnectionDialog

        dialog = ConnectionDialog(self, self.url, applies_at_once=True)
        dialog.exec()
        if dialog.saved_url and dialog.saved_url != self.url:
            self.new_url = dialog.saved_url
            self.done(CONNECTION_CHANGED)

    def _signed_in(self, ctx: ServiceContext, password: str) -> None:
        self._set_busy(False)
        if not self.isVisible():
            ctx.engine.dispose()  # the clerk left meanwhile
            return
        self.ctx = ctx
        self.password_used = password
        if ctx.principal is not None:
            # A read-only config folder: the name is simply not offered next time.
            with contextlib.suppress(OSError, SiRentanError):
                remember_username(ctx.principal.username)
        self.accept()

    def _refused(self, error: SiRentanError) -> None:
        self._set_busy(False)
        self.banner.show_message(error.message, Tone.ERROR)
        if isinstance(error, AuthenticationError):
            self.password.clear()
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.username, self.password, self.sign_in_button, self.close_button):
            widget.setEnabled(not busy)
        self.connection_button.setEnabled(not busy)

    def _lay_out(self) -> None:
        title = QLabel(
            "<b style='font-size:14pt'>SiRentan</b><br>"
            # No district here: it is a setting of the register, read only after sign-in.
            "Sistem Informasi Pekerja Rentan",
            self,
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database.setWordWrap(True)
        where = QHBoxLayout()
        where.addWidget(QLabel("Basis data:", self))
        where.addWidget(self.database, 1)
        where.addWidget(self.connection_button)
        rows = FieldRows(self)
        rows.add("Nama pengguna", self.username, "username")
        rows.add("Kata sandi", self.password, "password")
        hint = QLabel(self._hint(), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.close_button)
        self.busy.hide()
        self.sign_in_button.setDefault(True)
        self.close_button.setAutoDefault(False)
        self.connection_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addSpacing(6)
        layout.addLayout(where)
        layout.addLayout(rows.layout)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)

    def _hint(self) -> str:
        if is_sqlite_url(self.url):
            return "Lupa kata sandi? Minta administrator mengatur ulang kata sandi Anda."
        return (
            "Basis data bersama di server: nama pengguna dan kata sandi ini juga membuka "
            "basis data. Lupa kata sandi? Minta administrator mengatur ulang."
        )

    def _connect(self) -> None:
        self.sign_in_button.clicked.connect(self.sign_in)
        self.close_button.clicked.connect(self.reject)
        self.connection_button.clicked.connect(self.open_connection_dialog)
        self.password.returnPressed.connect(self.sign_in)
        self.username.returnPressed.connect(self.password.setFocus)
        if self.username.text():
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)


def _sign_in_or_explain(url: str, username: str, password: str) -> ServiceContext:
    """Runs in the pool: sign in; a shared register without any account says so."""
    try:
        return sign_in(url, username, password)
    except AuthenticationError:
        if not is_sqlite_url(url) and _register_is_empty(url, username, password):
            raise NoAccountsError(NO_ACCOUNTS) from None
        raise


def _register_is_empty(url: str, username: str, password: str) -> bool:
    """Whether the database, opened with the typed credentials, has no account rows."""
    from models.database import normalize_url

    try:
        name = username.strip().lower()
        ctx = open_register(normalize_url(url).set(username=name, password=password))
    except SiRentanError:
        return False
    try:
        return count_users(ctx) == 0
    except Exception:  # any refusal here (no right to read accounts) only means we cannot tell
        log.info("could not count accounts to explain a refused sign-in", exc_info=False)
        return False
    finally:
        ctx.engine.dispose()
