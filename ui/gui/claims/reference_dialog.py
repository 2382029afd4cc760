"""Tabel referensi klaim (administrators): the document checklist per claim type and the
benefit table with its validity dates, each row added or changed in its own dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClaimType
from services import claims
from services.claims import ChecklistRow, RateRow
from services.claims.checklist import CONDITIONS
from services.claims.labels import CLAIM_TYPE, rate_text
from services.text.formatting import short_date
from ui.gui.app_context import AppContext
from ui.gui.claims.benefit_rate_dialog import BenefitRateDialog
from ui.gui.claims.checklist_item_dialog import ChecklistItemDialog
from ui.gui.claims.claim_table import stretch_column
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.notice_banner import NoticeBanner
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView


def condition_text(condition: str) -> str:
    """ "meninggal pasangan" → "peserta meninggal dunia dan ahli waris suami/istri"."""
    codes = condition.split()
    if not codes:
        return "selalu"
    return " dan ".join(CONDITIONS.get(code, code) for code in codes)


CHECKLIST_COLUMNS: tuple[Column[ChecklistRow], ...] = (
    Column("Urutan", lambda r: str(r.sort_order), numeric=True),
    Column("Kode", lambda r: r.code),
    Column("Wajib", lambda r: "wajib" if r.required else "tidak wajib"),
    Column("Berlaku bila", lambda r: condition_text(r.condition)),
    Column("Dipakai", lambda r: "ya" if r.active else "tidak"),
    Column("Nama dokumen", lambda r: r.label, tooltip=lambda r: r.hint),
)
RATE_COLUMNS: tuple[Column[RateRow], ...] = (
    Column("Kode", lambda r: r.code),
    Column("Nama", lambda r: r.label),
    Column("Berlaku mulai", lambda r: short_date(r.valid_from)),
    Column("s.d.", lambda r: short_date(r.valid_to) if r.valid_to else "seterusnya"),
    Column("Untuk", lambda r: r.condition),
    Column("Besaran", rate_text),
)
RATE_NAME_COLUMN = 1


class ReferenceTab(QWidget):
    """A table with Tambah… / Ubah… (and more buttons) over it, a banner for failures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = NoticeBanner(self)
        self.add_button = QPushButton("Tambah…", self)
        self.edit_button = QPushButton("Ubah…", self)
        self.edit_button.setEnabled(False)
        self.tools = QHBoxLayout()
        self.tools.addStretch(1)
        self.tools.addWidget(self.edit_button)
        self.tools.addWidget(self.add_button)

    def place(self, table: RecordTableView) -> None:
        self.table = table
        layout = QVBoxLayout(self)
        layout.addLayout(self.tools)
        layout.addWidget(self.banner)
        layout.addWidget(table, 1)
        table.selectionModel().selectionChanged.connect(self._follow_selection)
        table.model().modelReset.connect(self._follow_selection)
        table.activated.connect(lambda *_: self.edit_button.click())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)

    def _follow_selection(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.table.selected_row() is not None)

    def load(self) -> None:
        if call_or_show(self, self.banner, self.fill) is not FAILED:
            self.banner.clear_message()

    def fill(self) -> None:
        raise NotImplementedError

    def add(self) -> QDialog:
        raise NotImplementedError

    def edit(self) -> QDialog | None:
        raise NotImplementedError

    def run(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(self.load)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


class ChecklistTab(ReferenceTab):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.claim_type = ChoiceCombo(self)
        self.claim_type.set_choices([(v, k) for k, v in CLAIM_TYPE.items()], None)
        self.tools.insertWidget(0, QLabel("Jenis klaim", self))
        self.tools.insertWidget(1, self.claim_type)
        self.model: RecordTableModel[ChecklistRow] = RecordTableModel(
            CHECKLIST_COLUMNS, parent=self
        )
        self.place(RecordTableView(self.model, self))
        stretch_column(self.table, len(CHECKLIST_COLUMNS) - 1)
        self.claim_type.currentIndexChanged.connect(self.load)

    def selected_type(self) -> ClaimType:
        return self.claim_type.value()

    def fill(self) -> None:
        self.model.set_rows(claims.list_checklist(self._app.ctx, self.selected_type()))

    def add(self) -> QDialog:
        rows = self.model.rows()
        following = max((r.sort_order for r in rows), default=0) + 10
        dialog = ChecklistItemDialog(self._app, None, self.selected_type(), following, self)
        return self.run(dialog)

    def edit(self) -> QDialog | None:
        row = self.table.selected_row()
        item = self.model.record(row) if row is not None else None
        if item is None:
            return None
        return self.run(ChecklistItemDialog(self._app, item, item.claim_type, 0, self))


class RatesTab(ReferenceTab):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.new_amount_button = QPushButton("Besaran baru…", self)
        self.new_amount_button.setToolTip(
            "Besaran baru mulai suatu tanggal: baris lama berakhir sehari sebelumnya"
        )
        self.new_amount_button.setEnabled(False)
        self.tools.insertWidget(1, self.new_amount_button)
        self.model: RecordTableModel[RateRow] = RecordTableModel(RATE_COLUMNS, parent=self)
        self.place(RecordTableView(self.model, self))
        stretch_column(self.table, RATE_NAME_COLUMN)
        self.new_amount_button.clicked.connect(self.new_amount)

    def _follow_selection(self, *_args: object) -> None:
        super()._follow_selection()
        self.new_amount_button.setEnabled(self.edit_button.isEnabled())

    def fill(self) -> None:
        self.model.set_rows(claims.list_benefit_rates(self._app.ctx))

    def _next_order(self) -> int:
        return max((r.sort_order for r in self.model.rows()), default=0) + 10

    def _selected(self) -> RateRow | None:
        row = self.table.selected_row()
        return self.model.record(row) if row is not None else None

    def add(self) -> QDialog:
        return self.run(BenefitRateDialog(self._app, None, self._next_order(), parent=self))

    def edit(self) -> QDialog | None:
        rate = self._selected()
        if rate is None:
            return None
        return self.run(BenefitRateDialog(self._app, rate, 0, parent=self))

    def new_amount(self) -> QDialog | None:
        rate = self._selected()
        if rate is None:
            return None
        return self.run(BenefitRateDialog(self._app, rate, 0, as_new=True, parent=self))


class ReferenceDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tabel referensi klaim")
        self.checklist = ChecklistTab(app, self)
        self.rates = RatesTab(app, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.checklist, "Daftar dokumen")
        self.tabs.addTab(self.rates, "Tabel manfaat")
        note = QLabel(
            "Yang ditandai dugaan atau belum pasti di catatan aturan disimpan di sini, bukan di "
            "program: ubah bila kantor cabang BPJS Ketenagakerjaan memberi ketentuan lain. Baris "
            "tidak dihapus; hentikan pemakaiannya (Dipakai) atau beri tanggal akhir berlaku.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1180, 600)
        self.checklist.load()
        self.rates.load()
