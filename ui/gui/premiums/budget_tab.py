"""Anggaran: the year's APBD allocation per funding source against what is paid, still owed
and committed for the remaining months at today's count, and the projected surplus or
shortfall."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.enums import FundingSource
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.premiums import (
    AllocationInput,
    AllocationRow,
    BudgetLine,
    BudgetStatus,
    budget_status,
    list_allocations,
    set_allocation,
)
from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.premiums.premium_tab import FlaggedTableModel, PremiumTab, note
from ui.gui.premiums.record_dialog import MoneyEdit, RecordDialog
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import format_date
from ui.gui.widgets.month_field import year_spin
from ui.gui.widgets.record_table import Column, RecordTableView

NO_ALLOCATION = "belum dicatat"


def balance_text(line: BudgetLine) -> str:
    if line.balance is None:
        return "–"
    if line.balance < 0:
        return f"kurang {rupiah_whole(-line.balance)}"
    return f"sisa {rupiah_whole(line.balance)}"


def _share(line: BudgetLine) -> str:
    share = line.used_share
    return "–" if share is None else f"{share * 100:.1f} %".replace(".", ",")


LINE_COLUMNS: list[Column[BudgetLine]] = [
    Column("Sumber dana", lambda b: FUNDING[b.funding]),
    Column(
        "Pagu",
        lambda b: NO_ALLOCATION if b.allocation is None else rupiah_whole(b.allocation),
        numeric=True,
    ),
    Column("Kode rekening", lambda b: b.budget_code or ""),
    Column("Dibayar", lambda b: rupiah_whole(b.paid), numeric=True),
    Column("Terpakai", _share, numeric=True),
    Column("Terutang", lambda b: rupiah_whole(b.outstanding), numeric=True),
    Column(
        "Komitmen sisa tahun",
        lambda b: rupiah_whole(b.committed),
        numeric=True,
        tooltip=lambda b: (
            f"{b.months_remaining} bulan × {thousands(b.workers_today)} peserta hari ini "
            "× tarif tiap bulan"
        ),
    ),
    Column("Proyeksi setahun", lambda b: rupiah_whole(b.projected), numeric=True),
    Column("Sisa / kekurangan", balance_text, numeric=True),
]
BALANCE_COLUMN = 8


class AllocationDialog(RecordDialog):
    def __init__(self, app: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__("Pagu anggaran iuran", parent)
        self._app = app
        self.year = year_spin(self, year)
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(FUNDING[f], f) for f in FundingSource], None)
        self.amount = MoneyEdit(self, example="3.000.000.000")
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("kode rekening, mis. 5.1.02.01.01.0026")
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("mis. APBD Perubahan")
        self.form.addRow("Tahun anggaran:", self.year)
        self.form.addRow("Sumber dana:", self.funding)
        self.form.addRow("Pagu (Rp):", self.amount)
        self.form.addRow("Kode rekening:", self.code)
        self.form.addRow("Catatan:", self.note)
        self.form.addRow(note("Pagu yang sudah ada untuk tahun dan sumber dana ini diganti.", self))

    def save(self) -> AllocationRow:
        funding = FundingSource(self.funding.value())
        record = f"pagu {FUNDING[funding]} {self.year.value()}"
        data = AllocationInput(
            year=self.year.value(),
            funding=funding,
            amount=self.money(self.amount, "amount", "Pagu", record),
            budget_code=self.code.text().strip() or None,
            note=self.note.text().strip() or None,
        )
        return set_allocation(self._app.ctx, data)


class BudgetTab(PremiumTab):
    def __init__(self, app: AppContext, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(app, tasks, parent)
        self.figures: BudgetStatus | None = None
        self.year = year_spin(self)
        self.lines = FlaggedTableModel(
            LINE_COLUMNS,
            lambda b, column: column == BALANCE_COLUMN and (b.balance or 0) < 0,
            self,
        )
        self.table = RecordTableView(self.lines, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.explanation = note(
            "Terutang: bulan sampai bulan ini yang ditagih (atau, tanpa tagihan, dihitung) "
            "tetapi belum dibayar. Komitmen: bulan-bulan berikutnya dengan jumlah peserta "
            "terlindungi hari ini. Proyeksi = dibayar + terutang + komitmen.",
            self,
        )
        self.allocation_button = QPushButton("Atur pagu…", self)
        self.allocation_button.setToolTip("Catat atau ubah pagu APBD (mis. APBD Perubahan)")
        self.allocation_button.setVisible(app.can(Permission.PREMIUMS))
        self._lay_out()
        self.year.valueChanged.connect(self.reload)
        self.allocation_button.clicked.connect(self.open_allocation_dialog)

    def reload(self, _value: int = 0) -> None:
        ctx, year, regions = self.app.ctx, self.year.value(), self.app.regions
        self.load(lambda: budget_status(ctx, year, regions=regions), self._show)

    def open_allocation_dialog(self) -> AllocationDialog:
        dialog = AllocationDialog(self.app, self.year.value(), self)
        dialog.funding.currentIndexChanged.connect(lambda _i: self._prefill(dialog))
        dialog.year.valueChanged.connect(lambda _y: self._prefill(dialog))
        self._prefill(dialog)
        dialog.accepted.connect(lambda: self._recorded(dialog.result_row))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _prefill(self, dialog: AllocationDialog) -> None:
        """Offer the allocation already recorded, so a change starts from it."""
        try:
            rows = list_allocations(self.app.ctx, dialog.year.value())
        except SiRentanError:
            return  # only a convenience: the clerk types the figures
        found = next((r for r in rows if r.funding == dialog.funding.value()), None)
        if found is None:
            dialog.amount.clear()
        else:
            dialog.amount.set_amount(found.amount)
        dialog.code.setText((found.budget_code or "") if found else "")
        dialog.note.setText((found.note or "") if found else "")

    def _recorded(self, row: AllocationRow) -> None:
        self.year.blockSignals(True)
        self.year.setValue(row.year)
        self.year.blockSignals(False)
        self.tell_changed(f"Pagu {FUNDING[row.funding]} {row.year}: {rupiah_whole(row.amount)}.")

    def _show(self, status: BudgetStatus) -> None:
        self.figures = status
        self.lines.set_rows(status.lines)
        shortfall = [line for line in status.lines if (line.balance or 0) < 0]
        head = (
            f"<b>Anggaran iuran tahun {status.year}</b> (keadaan {format_date(status.today)}): "
            f"pagu {rupiah_whole(status.allocation)}, dibayar {rupiah_whole(status.paid)}."
        )
        warning = (
            '<br><span style="color:#b3261e; font-weight:600">Proyeksi melebihi pagu: '
            + ", ".join(f"{FUNDING[line.funding]} {balance_text(line)}" for line in shortfall)
            + ".</span>"
            if shortfall
            else ""
        )
        scope = f"<br>{status.scope_note}" if status.scope_note else ""
        self.summary.setText(f"{head}{warning}<br>{status.rule_text}{scope}")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Tahun anggaran:", self))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.allocation_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explanation)
