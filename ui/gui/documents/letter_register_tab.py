"""Buku agenda surat keluar: every number given, with filters, and what a clerk does with a
line: print it again (the frozen PDF), cancel the number, or start its correction."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.documents.cancel_dialog import CancelDialog
from ui.gui.documents.document_dialog import DocumentDialog
from ui.gui.documents.letter_register_columns import LetterRegisterModel
from ui.gui.formats import thousands
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.flow_layout import FlowLayout
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import RecordTableView

SEARCH_DELAY_MS = 300
YEARS_BACK = 5
LIMIT = 1000


class LetterRegisterTab(QWidget):
    # A correction was asked for: the number it replaces and the request it was issued from.
    correction_requested = Signal(str, object)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.can_act = app.can(Permission.LETTERS)
        this_year = app.office_today().year
        self.year = ChoiceCombo(self)
        self.year.set_choices(
            [(str(y), y) for y in range(this_year, this_year - YEARS_BACK - 1, -1)], "Semua tahun"
        )
        self.year.set_value(this_year)
        self.kind = ChoiceCombo(self)
        self.kind.set_choices([(label, k) for k, label in docs.KIND_LABELS.items()], "Semua jenis")
        self.kind.setMinimumContentsLength(24)
        self.status = ChoiceCombo(self)
        self.status.set_choices(
            [(label, s) for s, label in docs.STATUS_LABELS.items()], "Semua status"
        )
        self.status.setMinimumContentsLength(12)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Cari nomor, hal atau tujuan…")
        self.text.setClearButtonEnabled(True)
        self.model = LetterRegisterModel(self)
        self.table = RecordTableView(self.model, self)
        self.count = QLabel(self)
        self.banner = NoticeBanner(self)
        self.reprint_button = QPushButton("Cetak ulang", self)
        self.cancel_button = QPushButton("Batalkan nomor…", self)
        self.correct_button = QPushButton("Buat koreksi…", self)
        self.reload_button = QPushButton("Muat ulang", self)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()

    def query(self) -> docs.DocumentQuery:
        return docs.DocumentQuery(
            year=self.year.value(),
            kind=self.kind.value(),
            status=self.status.value(),
            text=self.text.text().strip(),
            limit=LIMIT,
        )

    def reload(self) -> bool:
        """Read the register again with the filters, keeping the chosen line."""
        self._timer.stop()
        chosen = self.chosen()
        ctx, query = self._app.ctx, self.query()
        entries = call_or_show(self, self.banner, lambda: docs.list_documents(ctx, query))
        if entries is FAILED:
            return False
        self.model.set_rows(entries)
        more = f" (ditampilkan {thousands(LIMIT)} terbaru)" if len(entries) >= LIMIT else ""
        self.count.setText(
            f"{thousands(len(entries))} surat, nomor terbaru di atas{more}"
            if entries
            else "Tidak ada surat yang cocok dengan pilihan ini."
        )
        if chosen is not None:
            self.select_number(chosen.number)
        self._follow_selection()
        return True

    def select_number(self, number: str) -> bool:
        row = next((i for i, e in enumerate(self.model.rows()) if e.number == number), None)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def chosen(self) -> docs.DocumentEntry | None:
        row = self.table.selected_row()
        return self.model.record(row) if row is not None else None

    def reprint(self) -> DocumentDialog | None:
        entry = self.chosen()
        if entry is None:
            return None
        ctx = self._app.ctx
        issued = call_or_show(self, self.banner, lambda: docs.reprint_document(ctx, entry.number))
        if issued is FAILED:
            return None
        dialog = DocumentDialog(issued, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_cancel(self) -> CancelDialog | None:
        entry = self.chosen()
        if entry is None or entry.status is not docs.DocumentStatus.ISSUED:
            return None
        dialog = CancelDialog(self._app, entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.cancelled.connect(self._cancelled)
        dialog.open()
        return dialog

    def request_correction(self) -> bool:
        entry = self.chosen()
        if entry is None or entry.status is not docs.DocumentStatus.ISSUED:
            return False
        ctx = self._app.ctx
        fields = call_or_show(self, self.banner, lambda: docs.document_fields(ctx, entry.number))
        if fields is FAILED:
            return False
        emit(self.correction_requested, entry.number, fields)
        return True

    def _cancelled(self, entry: docs.DocumentEntry) -> None:
        self.reload()
        self.banner.show_message(
            f"Nomor {entry.number} dibatalkan; tetap tercatat di buku agenda.", Tone.INFO
        )

    def _follow_selection(self) -> None:
        entry = self.chosen()
        in_force = entry is not None and entry.status is docs.DocumentStatus.ISSUED
        self.reprint_button.setEnabled(entry is not None)
        self.cancel_button.setEnabled(in_force)
        self.correct_button.setEnabled(in_force)

    def _lay_out(self) -> None:
        self.reprint_button.setToolTip("Tampilkan dan cetak lagi PDF yang sama persis saat terbit")
        self.cancel_button.setToolTip("Nomor batal; tetap tercatat dengan alasannya")
        self.correct_button.setToolTip(
            "Surat baru bernomor baru yang menggantikan surat ini (isian diambil dari surat lama)"
        )
        for button in (self.reprint_button, self.cancel_button, self.correct_button):
            button.setVisible(self.can_act)
            button.setAutoDefault(False)
        # Wraps onto a second line on a narrow screen instead of pushing the window wider.
        filters = FlowLayout()
        for caption, widget in (
            ("Tahun:", self.year),
            ("Jenis:", self.kind),
            ("Status:", self.status),
        ):
            pair = QWidget(self)
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 6, 0)
            label = QLabel(caption, pair)
            label.setBuddy(widget)
            pair_row.addWidget(label)
            pair_row.addWidget(widget)
            filters.addWidget(pair)
        self.text.setMinimumWidth(220)
        filters.addWidget(self.text)
        filters.addWidget(self.reload_button)
        actions = QHBoxLayout()
        self.count.setStyleSheet("color:#5f6368")
        self.count.setWordWrap(True)
        actions.addWidget(self.count, 1)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def _connect(self) -> None:
        for combo in (self.year, self.kind, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.text.returnPressed.connect(self.reload)
        self._timer.timeout.connect(self.reload)
        self.reload_button.clicked.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
        self.table.activated.connect(lambda _index: self.reprint() if self.can_act else None)
        self.reprint_button.clicked.connect(self.reprint)
        self.cancel_button.clicked.connect(self.open_cancel)
        self.correct_button.clicked.connect(self.request_correction)
