"""Koneksi basis data: which register this workstation opens (SQLite file or PostgreSQL)."""

from __future__ import annotations

import os
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.core.local_config import (
    ENV_DATABASE_URL,
    LocalConfig,
    load_local_config,
    save_local_config,
)
from services.core.paths import default_database_path
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.file_dialogs import ask_save_file
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

DEFAULT_PORT = 5432


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"


def postgres_url(host: str, port: int, database: str, user: str) -> str:
    # No password: it is never stored on the workstation (asked when signing in).
    who = f"{quote(user, safe='')}@" if user else ""
    return f"postgresql+psycopg://{who}{host}:{port}/{quote(database, safe='')}"


class ConnectionDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        current_url: str | None = None,
        applies_at_once: bool = False,
    ) -> None:
        super().__init__(parent)
        # From the sign-in the new database is opened right away; from the window, next start.
        self._applies_at_once = applies_at_once
        self.setWindowTitle("Koneksi basis data")
        self.saved_url: str | None = None
        self.sqlite_choice = QRadioButton("Berkas SQLite di komputer ini (satu komputer)", self)
        self.postgres_choice = QRadioButton("Server PostgreSQL (dipakai bersama di kantor)", self)
        self.path = QLineEdit(self)
        self.browse = QPushButton("Pilih berkas…", self)
        self.host = QLineEdit(self)
        self.port = QSpinBox(self)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.banner = NoticeBanner(self)
        self.buttons = QDialogButtonBox(self)
        self._lay_out()
        self._connect()
        self._load(current_url if current_url is not None else load_local_config().database_url)

    def url(self) -> str:
        if self.sqlite_choice.isChecked():
            return sqlite_url(self.path.text().strip())
        return postgres_url(
            self.host.text().strip() or "localhost",
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )

    def save(self) -> bool:
        problem = self._missing()
        if problem:
            self.banner.show_message(problem, Tone.ERROR)
            return False
        url = self.url()
        config = LocalConfig(database_url=url)
        if (
            call_or_show(self, self.banner, lambda: save_local_config(config), retry=False)
            is FAILED
        ):
            return False
        self.saved_url = url
        note = (
            "Pengaturan koneksi tersimpan. Tekan Tutup untuk masuk ke basis data ini."
            if self._applies_at_once
            else "Pengaturan koneksi tersimpan. Tutup lalu buka kembali SiRentan agar dipakai."
        )
        if os.environ.get(ENV_DATABASE_URL):
            note += (
                f"\nCatatan: komputer ini memakai {ENV_DATABASE_URL}, "
                "yang didahulukan dari pengaturan ini."
            )
        self.banner.show_message(note, Tone.INFO)
        self.save_button.setEnabled(False)
        self.close_button.setText("Tutup")
        return True

    def _missing(self) -> str | None:
        if self.sqlite_choice.isChecked():
            return None if self.path.text().strip() else "Isi lokasi berkas basis data."
        if not self.database.text().strip():
            return "Isi nama basis data di server (misalnya sirentan)."
        if not self.user.text().strip():
            return "Isi nama pengguna basis data."
        return None

    def _load(self, url: str | None) -> None:
        self.path.setText(str(default_database_path()))
        self.port.setValue(DEFAULT_PORT)
        if url and url.startswith("postgresql"):
            parts = urlsplit(url)
            self.host.setText(parts.hostname or "")
            self.port.setValue(parts.port or DEFAULT_PORT)
            self.database.setText(unquote(parts.path.lstrip("/")))
            self.user.setText(unquote(parts.username or ""))
            self.postgres_choice.setChecked(True)
        else:
            if url and url.startswith("sqlite:///"):
                self.path.setText(url.removeprefix("sqlite:///"))
            self.sqlite_choice.setChecked(True)
        self._follow_choice()

    def _lay_out(self) -> None:
        group = QButtonGroup(self)
        group.addButton(self.sqlite_choice)
        group.addButton(self.postgres_choice)
        self.port.setRange(1, 65535)
        self.host.setPlaceholderText("misalnya 192.168.1.10")
        self.database.setPlaceholderText("sirentan")
        self.sqlite_box = QGroupBox("Berkas SQLite", self)
        file_row = QHBoxLayout(self.sqlite_box)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.postgres_box = QGroupBox("Server PostgreSQL", self)
        form = QFormLayout(self.postgres_box)
        form.addRow("Alamat server:", self.host)
        form.addRow("Port:", self.port)
        form.addRow("Nama basis data:", self.database)
        form.addRow("Nama pengguna:", self.user)
        hint = QLabel("Kata sandi tidak disimpan di komputer ini; ia ditanyakan saat masuk.")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.save_button = self.buttons.addButton("Simpan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Basis data yang dibuka SiRentan di komputer ini:", self))
        layout.addWidget(self.sqlite_choice)
        layout.addWidget(self.postgres_choice)
        layout.addWidget(self.sqlite_box)
        layout.addWidget(self.postgres_box)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _connect(self) -> None:
        self.sqlite_choice.toggled.connect(self._follow_choice)
        self.browse.clicked.connect(self._browse)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    def _follow_choice(self) -> None:
        use_sqlite = self.sqlite_choice.isChecked()
        self.sqlite_box.setEnabled(use_sqlite)
        self.postgres_box.setEnabled(not use_sqlite)

    def _browse(self) -> None:
        start = self.path.text().strip() or str(default_database_path())
        path = ask_save_file(
            self,
            "Pilih berkas basis data",
            start,
            "Basis data SiRentan (*.db);;Semua berkas (*)",
            confirm_overwrite=False,  # an existing register is opened, not overwritten
        )
        if path:
            self.path.setText(str(path))
