"""Rekonsiliasi: per month and funding source, computed from the register vs billed by BPJS
vs paid, with the differences; and the workers behind a difference where BPJS's list of
billed participants was imported for the bill."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.enums import FundingSource
from services.core.permissions import Permission
from services.premiums import Month, Reconciliation, ReconciliationLine, reconcile
from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.premiums.drilldown_dialog import DrilldownDialog
from ui.gui.premiums.premium_tab import FlaggedTableModel, PremiumTab, note
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.money_text import signed_count, signed_rupiah
from ui.gui.widgets.month_field import year_spin
from ui.gui.widgets.record_table import Column, RecordTableView

NOT_BILLED = "belum ditagih"


def _billed(value: int | None, text: str) -> str:
    return "–" if value is None else text


def _lists(line: ReconciliationLine) -> str:
    bills = len(line.bill_ids)
    if not bills:
        return ""
    if bills == 1:
        return "diimpor" if line.lists_imported else "belum"
    return f"{line.lists_imported} dari {bills}"


LINE_COLUMNS: list[Column[ReconciliationLine]] = [
    Column("Bulan", lambda r: r.month.label),
    Column("Sumber dana", lambda r: FUNDING[r.funding]),
    Column("Dihitung", lambda r: thousands(r.computed_workers), numeric=True),
    Column(
        "Ditagih",
        lambda r: NOT_BILLED if r.billed_workers is None else thousands(r.billed_workers),
        numeric=True,
    ),
    Column(
        "Selisih",
        lambda r: _billed(r.worker_difference, signed_count(r.worker_difference or 0)),
        numeric=True,
    ),
    Column("Iuran dihitung", lambda r: rupiah_whole(r.computed_amount), numeric=True),
    Column(
        "Tagihan",
        lambda r: _billed(r.billed_amount, rupiah_whole(r.billed_amount or 0)),
        numeric=True,
    ),
    Column(
        "Selisih (Rp)",
        lambda r: _billed(r.amount_difference, signed_rupiah(r.amount_difference or 0)),
        numeric=True,
    ),
    Column("Dibayar", lambda r: rupiah_whole(r.paid), numeric=True),
    Column("Belum dibayar", lambda r: _billed(r.unpaid, rupiah_whole(r.unpaid or 0)), numeric=True),
    Column("Sisa per tagihan", lambda r: _owed(r)),
    Column("Daftar BPJS", _lists),
]
WORKER_DIFFERENCE, AMOUNT_DIFFERENCE, UNPAID = 4, 7, 9


def _owed(line: ReconciliationLine) -> str:
    parts = []
    for bill in line.bills:
        if bill.owed:
            state = f"sisa {rupiah_whole(bill.owed)}"
        elif bill.overpaid:
            state = f"lebih bayar {rupiah_whole(bill.overpaid)}"
        else:
            state = "lunas"
        parts.append(f"{bill.bill_number}: {state}")
    return "; ".join(parts) or NOT_BILLED


def _flagged(line: ReconciliationLine, column: int) -> bool:
    if column == WORKER_DIFFERENCE:
        return bool(line.worker_difference)
    if column == AMOUNT_DIFFERENCE:
        return bool(line.amount_difference)
    return column == UNPAID and bool(line.unpaid)


class ReconciliationTab(PremiumTab):
    def __init__(self, app: AppContext, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(app, tasks, parent)
        self.figures: Reconciliation | None = None
        self.year = year_spin(self)
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(FUNDING[f], f) for f in FundingSource], "Semua sumber dana")
        self.lines = FlaggedTableModel(LINE_COLUMNS, _flagged, self)
        self.table = RecordTableView(self.lines, self)
        self.rule = note("", self)
        self.drill_button = QPushButton("Lihat peserta di balik selisih…", self)
        self.drill_button.setToolTip(
            "Peserta yang dihitung tetapi tidak ditagih, ditagih tetapi tidak terdaftar, dan "
            "sebaliknya; perlu daftar BPJS yang sudah diimpor di Tagihan & pembayaran"
        )
        self.drill_button.setVisible(app.can(Permission.SEE_FULL_IDENTITY))
        self._lay_out()
        self.year.valueChanged.connect(self.reload)
        self.funding.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow())
        self._follow()

    def reload(self, _value: int = 0) -> None:
        ctx, year, funding = self.app.ctx, self.year.value(), self.funding.value()
        last = min(Month(year, 12), Month.of(self.app.office_today()))
        first = Month(year, 1)
        if last < first:  # a year still to come: nothing computed yet
            last = first
        regions = self.app.regions
        self.load(lambda: reconcile(ctx, first, last, funding, regions), self._show)

    def selected_line(self) -> ReconciliationLine | None:
        row = self.table.selected_row()
        return self.lines.record(row) if row is not None else None

    def open_drilldown(self) -> DrilldownDialog | None:
        """The workers behind the chosen line's difference (its first bill with a list)."""
        line = self.selected_line()
        if line is None or not line.lists_imported:
            return None
        dialog = DrilldownDialog(self.app, line.bill_ids, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _show(self, result: Reconciliation) -> None:
        self.figures = result
        # The latest month on top; sorting is stable, so funding sources keep their order.
        self.lines.set_rows(sorted(result.lines, key=lambda line: line.month, reverse=True))
        texts = [f"Aturan tengah bulan: {result.rule_text}"]
        if result.scope_note:
            texts.append(result.scope_note)
        texts.append(
            "Dihitung, Ditagih, Selisih: jumlah peserta. Selisih = ditagih dikurangi "
            "dihitung; positif berarti BPJS menagih lebih banyak dari yang dihitung register."
        )
        self.rule.setText(" ".join(texts))
        self._follow()

    def _follow(self) -> None:
        line = self.selected_line()
        self.drill_button.setEnabled(line is not None and line.lists_imported > 0)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Tahun:", self))
        top.addWidget(self.year)
        top.addWidget(self.funding)
        top.addStretch(1)
        top.addWidget(self.drill_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        self.drill_button.clicked.connect(self.open_drilldown)
