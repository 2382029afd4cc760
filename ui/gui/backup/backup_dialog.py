"""Cadangan data: the backups kept, a new one now, and (administrators) restoring one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.backup.service import (
    BackupInfo,
    backup_folder,
    create_backup,
    list_backups,
    restore_backup,
    verify_backup,
)
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.backup.backup_rows import HEADERS, cells, file_size
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.file_dialogs import ask_open_file
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

RESTORED = (
    "Basis data dipulihkan dari {name}. Basis data sebelumnya disimpan sebagai {aside}. "
    "Masuk lagi untuk melanjutkan."
)


class BackupDialog(QDialog):
    # The register was replaced by a backup: the app must sign in again (the notice says why).
    restored = Signal(str)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cadangan data")
        self._app = app
        self.tasks = Tasks(self)
        self.backups: list[BackupInfo] = []
        self._folder = Path.home()
        self.folder = QLabel(self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.banner = NoticeBanner(self)
        self.progress = QProgressBar(self)
        self.busy_label = QLabel(self)
        self.create_button = QPushButton("Buat cadangan sekarang", self)
        self.restore_button = QPushButton("Pulihkan…", self)
        self.close_button = QPushButton("Tutup", self)
        self._lay_out()
        self._connect()
        self.reload()

    def reload(self) -> None:
        found = call_or_show(
            self,
            self.banner,
            lambda: (backup_folder(self._app.ctx), list_backups(self._app.ctx)),
        )
        if found is FAILED:
            return
        folder, self.backups = found
        self._folder = folder
        self.folder.setText(f"Folder cadangan: {folder}")
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            for column, text in enumerate(cells(info)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._follow_selection()

    def create_now(self) -> None:
        ctx = self._app.ctx
        self._set_busy("Membuat dan memeriksa cadangan…")
        self.tasks.run(
            lambda: create_backup(ctx),
            self._created,
            self.banner,
            settle=lambda: self._set_busy(None),
        )

    def restore_selected(self) -> bool:
        """Ask, then replace the register with the selected backup (administrators only)."""
        info = self.selected_backup() or self._choose_file()
        if info is None or not confirm_restore(self, info):
            return False
        ctx, path = self._app.ctx, info.path
        self._set_busy("Memulihkan basis data…")
        self.tasks.run(
            lambda: restore_backup(ctx, path),
            lambda aside: self._restored(path, aside),
            self.banner,
            settle=lambda: self._set_busy(None),
            retry=False,  # replacing the register is asked for afresh, never repeated unasked
        )
        return True

    def _choose_file(self) -> BackupInfo | None:
        """No backup picked in the list: one from elsewhere (a flash drive), checked first."""
        chosen = ask_open_file(
            self, "Pilih berkas cadangan", self._folder, "Cadangan SiRentan (*.db)"
        )
        if chosen is None:
            return None
        checked = call_or_show(self, self.banner, lambda: verify_backup(chosen), retry=False)
        return None if checked is FAILED else checked

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def reject(self) -> None:
        if not self.progress.isVisible():  # a backup half-written is not left behind
            super().reject()

    # -- answers --------------------------------------------------------------------------

    def _created(self, info: BackupInfo) -> None:
        self._set_busy(None)
        self.reload()
        self.banner.show_message(
            f"Cadangan dibuat dan diperiksa: {info.path.name} ({file_size(info.size_bytes)}).",
            Tone.INFO,
        )

    def _restored(self, backup: Path, aside: Path) -> None:
        self._set_busy(None)
        notice = RESTORED.format(name=backup.name, aside=aside.name)
        self.accept()
        emit(self.restored, notice)

    # -- building -------------------------------------------------------------------------

    def _set_busy(self, text: str | None) -> None:
        busy = text is not None
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(busy)
        self.progress.setVisible(busy)
        for button in (self.create_button, self.restore_button, self.close_button):
            button.setEnabled(not busy)
        if not busy:
            self._follow_selection()

    def _follow_selection(self) -> None:
        # Nothing picked: Pulihkan asks for a file instead. A server dump is the server's job.
        info = self.selected_backup()
        self.restore_button.setEnabled(info is None or not info.is_postgresql_dump)

    def _lay_out(self) -> None:
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.progress.setRange(0, 0)  # busy: SQLite's copy reports no steps worth showing
        self.progress.hide()
        self.busy_label.hide()
        self.folder.setWordWrap(True)
        note = QLabel(
            "SiRentan membuat satu cadangan setiap hari saat pertama dibuka. Simpan juga "
            "salinan cadangan di flashdisk atau komputer lain.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        self.restore_button.setVisible(self._app.can(Permission.RESTORE_BACKUP))
        self.restore_button.setToolTip("Ganti basis data dengan cadangan yang dipilih")
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(busy)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.resize(720, 420)

    def _connect(self) -> None:
        self.create_button.clicked.connect(self.create_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._follow_selection)


def confirm_restore(parent: QWidget, info: BackupInfo) -> bool:
    name = info.path.name
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Pulihkan dari cadangan",
        f"Ganti basis data yang dipakai sekarang dengan cadangan {name}?",
        parent=parent,
    )
    box.setInformativeText(
        "Semua perubahan sesudah cadangan itu dibuat tidak ada lagi di basis data. "
        "Basis data sekarang disimpan dulu sebagai salinan di folder yang sama. "
        "Setelah pemulihan, semua petugas harus masuk lagi."
    )
    restore = box.addButton("Pulihkan", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is restore
