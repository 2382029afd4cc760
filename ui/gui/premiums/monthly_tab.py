"""Iuran bulanan: the month's premium computed from the register, per kecamatan and funding
source, with the mid-month rule and the rates it used."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.enums import FundingSource
from services.premiums import Area, MonthlyPremium, PremiumLine, monthly_premium
from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.premiums.premium_tab import PremiumTab, note
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.month_field import MonthField
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

LINE_COLUMNS: list[Column[PremiumLine]] = [
    Column("Kecamatan", lambda r: r.kecamatan_name),
    Column("Sumber dana", lambda r: FUNDING[r.funding]),
    Column("Peserta", lambda r: thousands(r.workers), numeric=True),
    Column("JKK", lambda r: rupiah_whole(r.jkk), numeric=True),
    Column("JKM", lambda r: rupiah_whole(r.jkm), numeric=True),
    Column("Iuran", lambda r: rupiah_whole(r.amount), numeric=True),
]


class MonthlyTab(PremiumTab):
    def __init__(self, app: AppContext, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(app, tasks, parent)
        self.figures: MonthlyPremium | None = None
        self.month = MonthField(self)
        self.kecamatan = ChoiceCombo(self)
        self.kecamatan.set_choices(
            [(k.name, k.code) for k in app.regions.kecamatan()], "Semua kecamatan"
        )
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(FUNDING[f], f) for f in FundingSource], "Semua sumber dana")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # a long month summary must not widen the window
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet(
            "background: #fff4e0; color: #6b4200; border: 1px solid #f0c37a; "
            "border-radius: 4px; padding: 6px 8px;"
        )
        self.rates = note("", self)
        self.lines = RecordTableModel(LINE_COLUMNS, parent=self)
        self.table = RecordTableView(self.lines, self)
        self._lay_out()
        self.month.changed.connect(self.reload)
        self.kecamatan.currentIndexChanged.connect(self.reload)
        self.funding.currentIndexChanged.connect(self.reload)

    def reload(self, _value: int = 0) -> None:
        ctx, month = self.app.ctx, self.month.value()
        area = Area(kecamatan_code=self.kecamatan.value(), funding=self.funding.value())
        self.summary.setText(f"Menghitung iuran {month.label}…")
        self.load(lambda: monthly_premium(ctx, month, area, self.app.regions), self._show)

    def _show(self, premium: MonthlyPremium) -> None:
        self.figures = premium
        self.banner.clear_message()
        totals = " · ".join(
            f"{FUNDING[t.funding]}: {thousands(t.workers)} peserta, {rupiah_whole(t.amount)}"
            for t in premium.by_funding()
        )
        self.summary.setText(
            f"<b>{premium.month.label}: {thousands(premium.workers)} peserta, "
            f"{rupiah_whole(premium.amount)}</b><br>{escape(totals) or 'Tidak ada peserta.'}"
        )
        rule = f"Aturan tengah bulan: {premium.rule_text}"
        if premium.scope_note:
            rule += f"\n{premium.scope_note}"
        self.rule.setText(rule)
        self.rates.setText(
            "Tarif per peserta per bulan: "
            + "; ".join(
                f"{FUNDING[f]} JKK {rupiah_whole(r.jkk)} + JKM {rupiah_whole(r.jkm)} "
                f"= {rupiah_whole(r.total)}"
                for f, r in premium.rates
            )
            if premium.rates
            else ""
        )
        self.lines.set_rows(premium.lines)

    def _lay_out(self) -> None:
        choices = QHBoxLayout()
        choices.addWidget(QLabel("Bulan:", self))
        choices.addWidget(self.month)
        choices.addSpacing(12)
        choices.addWidget(self.kecamatan)
        choices.addWidget(self.funding)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.rule)
        layout.addWidget(self.rates)
        layout.addWidget(self.table, 1)
