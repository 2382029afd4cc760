"""Iuran & anggaran: one tab per question (what is due, what BPJS billed and was paid, do
they agree, how far the budget goes, at which rates). Tabs read in one background queue;
what one tab records makes the others read again when next shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.premiums.bills_tab import BillsTab
from ui.gui.premiums.budget_tab import BudgetTab
from ui.gui.premiums.monthly_tab import MonthlyTab
from ui.gui.premiums.premium_tab import PremiumTab
from ui.gui.premiums.rates_tab import RatesTab
from ui.gui.premiums.reconciliation_tab import ReconciliationTab
from ui.gui.tasks import Tasks


class PremiumsPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.tabs = QTabWidget(self)
        self.monthly = MonthlyTab(app, self.tasks, self)
        self.bills = BillsTab(app, self.tasks, self)
        self.reconciliation = ReconciliationTab(app, self.tasks, self)
        self.budget = BudgetTab(app, self.tasks, self)
        self.rates = RatesTab(app, self.tasks, self)
        for tab, title in (
            (self.monthly, "Iuran bulanan"),
            (self.bills, "Tagihan && pembayaran"),
            (self.reconciliation, "Rekonsiliasi"),
            (self.budget, "Anggaran"),
            (self.rates, "Tarif"),
        ):
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._recorded)
        heading = QLabel("Iuran & anggaran", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.reload_button = QPushButton("Muat ulang", self)
        self.reload_button.setToolTip("Baca angka terbaru dari basis data")
        self.reload_button.clicked.connect(self._recorded)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        if not app.can(Permission.PREMIUMS):
            reader = QLabel("Akun ini dapat melihat angka iuran dan anggaran, tidak mengubahnya.")
            reader.setStyleSheet("color: #4a5560;")
            layout.addWidget(reader)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current())

    def all_tabs(self) -> list[PremiumTab]:
        return [self.monthly, self.bills, self.reconciliation, self.budget, self.rates]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_current()

    def _refresh_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, PremiumTab) and tab.stale and not tab.loading:
            tab.reload()

    def _recorded(self) -> None:
        """Something changed (or the clerk asked): every tab reads again when shown."""
        for tab in self.all_tabs():
            tab.stale = True
        self._refresh_current()
