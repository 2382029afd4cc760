"""Choosing a calendar month (a month name and a year) or a whole year."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QWidget

from services.premiums.months import MONTH_NAMES, Month
from ui.gui.office_day import office_today
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo

FIRST_YEAR = 2015


def year_spin(parent: QWidget, year: int | None = None) -> QSpinBox:
    """Years from FIRST_YEAR to five after the office's (default: the office's year)."""
    this_year = office_today().year
    spin = QSpinBox(parent)
    spin.setRange(FIRST_YEAR, this_year + 5)
    spin.setValue(year or this_year)
    spin.setGroupSeparatorShown(False)  # 2026, not 2.026
    spin.setToolTip("Tahun")
    return spin


class MonthField(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, month: Month | None = None) -> None:
        super().__init__(parent)
        month = month or Month.of(office_today())
        self.month = ChoiceCombo(self)
        self.month.setMinimumContentsLength(9)
        self.month.set_choices([(name, i + 1) for i, name in enumerate(MONTH_NAMES)], None)
        self.month.set_value(month.month)
        self.month.setToolTip("Bulan")
        self.year = year_spin(self, month.year)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month)
        layout.addWidget(self.year)
        self.month.currentIndexChanged.connect(self._changed)
        self.year.valueChanged.connect(self._changed)

    def value(self) -> Month:
        return Month(self.year.value(), int(self.month.value()))

    def set_value(self, month: Month) -> None:
        self.year.setValue(month.year)
        self.month.set_value(month.month)

    def set_whole_year(self, whole: bool) -> None:
        """Only the year counts: the month name is greyed out."""
        self.month.setEnabled(not whole)

    def _changed(self, _value: int = 0) -> None:
        emit(self.changed)
