"""Penandatangan: the officials who sign, kept as records. One who leaves is deactivated,
never deleted: the letters they signed still name them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services import documents as docs
from services.documents.nip import format_nip
from ui.gui.app_context import AppContext
from ui.gui.documents.signatory_dialog import SignatoryDialog
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

COLUMNS: tuple[Column[docs.SignatoryItem], ...] = (
    Column("Nama", lambda s: s.name),
    Column("Jabatan", lambda s: s.position),
    Column("Pangkat/golongan", lambda s: s.rank or "-"),
    Column("NIP", lambda s: format_nip(s.nip) if s.nip else "-"),
    Column("a.n.", lambda s: s.on_behalf_of or "-"),
    Column("Kepala daerah", lambda s: "Ya" if s.regional_head else ""),
    Column("Status", lambda s: "Aktif" if s.active else "Nonaktif"),
)


class SignatoriesTab(QWidget):
    # Added, changed, deactivated: the forms' signatory lists must be read again.
    changed = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.model: RecordTableModel[docs.SignatoryItem] = RecordTableModel(COLUMNS, parent=self)
        self.table = RecordTableView(self.model, self)
        self.banner = NoticeBanner(self)
        self.add_button = QPushButton("Tambah…", self)
        self.edit_button = QPushButton("Ubah…", self)
        self.active_button = QPushButton("Nonaktifkan", self)
        self._lay_out()
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(lambda: self.open_dialog(self.chosen()))
        self.active_button.clicked.connect(self.toggle_active)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
        self.table.activated.connect(lambda _index: self.open_dialog(self.chosen()))

    def reload(self) -> bool:
        chosen = self.chosen()
        ctx = self._app.ctx
        items = call_or_show(
            self, self.banner, lambda: docs.list_signatories(ctx, active_only=False)
        )
        if items is FAILED:
            return False
        self.model.set_rows(items)
        if chosen is not None:
            self._select(chosen.id)
        self._follow_selection()
        return True

    def chosen(self) -> docs.SignatoryItem | None:
        row = self.table.selected_row()
        return self.model.record(row) if row is not None else None

    def open_dialog(self, signatory: docs.SignatoryItem | None) -> SignatoryDialog:
        dialog = SignatoryDialog(self._app, signatory, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def toggle_active(self) -> bool:
        chosen = self.chosen()
        if chosen is None:
            return False
        ctx, active = self._app.ctx, not chosen.active
        item = call_or_show(
            self, self.banner, lambda: docs.set_signatory_active(ctx, chosen.id, active)
        )
        if item is FAILED:
            return False
        self.reload()
        state = (
            "aktif kembali" if item.active else "dinonaktifkan; surat lamanya tetap mencantumkannya"
        )
        self.banner.show_message(f"{item.name} {state}.", Tone.INFO)
        emit(self.changed)
        return True

    def _saved(self, item: docs.SignatoryItem) -> None:
        self.reload()
        self._select(item.id)
        self.banner.show_message(f"Penandatangan {item.name} disimpan.", Tone.INFO)
        emit(self.changed)

    def _select(self, signatory_id: int) -> None:
        row = next((i for i, s in enumerate(self.model.rows()) if s.id == signatory_id), None)
        if row is not None:
            self.table.selectRow(row)

    def _follow_selection(self) -> None:
        chosen = self.chosen()
        self.edit_button.setEnabled(chosen is not None)
        self.active_button.setEnabled(chosen is not None)
        self.active_button.setText("Aktifkan" if chosen and not chosen.active else "Nonaktifkan")

    def _lay_out(self) -> None:
        note = QLabel(
            "Pejabat yang menandatangani surat dan perjanjian. Yang pindah tugas dinonaktifkan, "
            "bukan dihapus: surat yang sudah ia tandatangani tetap mencantumkan namanya.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        for button in (self.add_button, self.edit_button, self.active_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.active_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
