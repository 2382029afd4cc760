"""Tarif: JKK and JKM per worker per month for each funding source, with the months each
rate is valid; administrators add or remove a rate, everyone else reads."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.enums import FundingSource
from services.core.permissions import Permission
from services.premiums import RateInput, RateRow, delete_rate, list_rates, set_rate
from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.app_context import AppContext
from ui.gui.premiums.premium_tab import PremiumTab, confirm, note
from ui.gui.premiums.record_dialog import MoneyEdit, RecordDialog
from ui.gui.retry import FAILED, call_or_show
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.month_field import MonthField
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

RATE_COLUMNS: list[Column[RateRow]] = [
    Column("Sumber dana", lambda r: FUNDING[r.funding]),
    Column("Berlaku mulai", lambda r: r.valid_from.label),
    Column("Sampai", lambda r: r.valid_until.label if r.valid_until else "sekarang"),
    Column("JKK", lambda r: rupiah_whole(r.rate.jkk), numeric=True),
    Column("JKM", lambda r: rupiah_whole(r.rate.jkm), numeric=True),
    Column("Jumlah per peserta per bulan", lambda r: rupiah_whole(r.rate.total), numeric=True),
    Column("Catatan", lambda r: r.note or ""),
]


class RateDialog(RecordDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Tarif iuran", parent)
        self._app = app
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(FUNDING[f], f) for f in FundingSource], None)
        self.valid_from = MonthField(self)
        self.jkk = MoneyEdit(self, example="10.000")
        self.jkm = MoneyEdit(self, example="6.800")
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("mis. dasar hukum perubahan tarif")
        self.form.addRow("Sumber dana:", self.funding)
        self.form.addRow("Berlaku mulai:", self.valid_from)
        self.form.addRow("JKK per peserta per bulan (Rp):", self.jkk)
        self.form.addRow("JKM per peserta per bulan (Rp):", self.jkm)
        self.form.addRow("Catatan:", self.note)
        self.form.addRow(
            note(
                "Berlaku sampai tarif berikutnya untuk sumber dana yang sama; tarif yang "
                "mulai di bulan yang sama diganti.",
                self,
            )
        )

    def save(self) -> RateRow:
        funding = FundingSource(self.funding.value())
        record = f"tarif {FUNDING[funding]} mulai {self.valid_from.value().label}"
        data = RateInput(
            funding=funding,
            valid_from=self.valid_from.value(),
            jkk=self.money(self.jkk, "jkk", "Tarif JKK", record),
            jkm=self.money(self.jkm, "jkm", "Tarif JKM", record),
            note=self.note.text().strip() or None,
        )
        return set_rate(self._app.ctx, data)


class RatesTab(PremiumTab):
    def __init__(self, app: AppContext, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(app, tasks, parent)
        self.can_edit = app.can(Permission.MANAGE_SETTINGS)
        self.rates = RecordTableModel(RATE_COLUMNS, parent=self)
        self.table = RecordTableView(self.rates, self)
        self.add_button = QPushButton("Tambah tarif…", self)
        self.delete_button = QPushButton("Hapus tarif", self)
        for button in (self.add_button, self.delete_button):
            button.setVisible(self.can_edit)
        self.delete_button.setEnabled(False)
        explanation = note(
            "Iuran JKK dan JKM per peserta per bulan. Tarif dipakai untuk menghitung iuran "
            "bulan-bulan yang termasuk masa berlakunya."
            + ("" if self.can_edit else " Hanya administrator yang dapat mengubah tarif."),
            self,
        )
        top = QHBoxLayout()
        top.addWidget(explanation, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.open_rate_dialog)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.delete_button.setEnabled(self.table.selected_row() is not None)
        )

    def reload(self) -> None:
        ctx = self.app.ctx
        self.load(lambda: list_rates(ctx), self.rates.set_rows)

    def open_rate_dialog(self) -> RateDialog:
        dialog = RateDialog(self.app, self)
        dialog.accepted.connect(lambda: self._recorded(dialog.result_row))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        row = self.table.selected_row()
        rate = self.rates.record(row) if row is not None else None
        if rate is None:
            return False
        question = (
            f"Hapus tarif {FUNDING[rate.funding]} mulai {rate.valid_from.label}? Tarif "
            "sebelumnya lalu berlaku terus."
        )
        if not confirm(self, question, "Hapus tarif"):
            return False
        if call_or_show(self, self.banner, lambda: delete_rate(self.app.ctx, rate.id)) is FAILED:
            return False
        self.tell_changed(f"Tarif {FUNDING[rate.funding]} mulai {rate.valid_from.label} dihapus.")
        return True

    def _recorded(self, rate: RateRow) -> None:
        self.tell_changed(
            f"Tarif {FUNDING[rate.funding]} mulai {rate.valid_from.label}: "
            f"{rupiah_whole(rate.rate.total)} per peserta per bulan."
        )
