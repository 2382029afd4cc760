"""A date the clerk types as dd-mm-yyyy (or picks from a calendar), which may stay empty.

QDateEdit cannot be empty, and a missing birth date must stay visibly missing
rather than silently become 01-01-2000; so this is a line edit that parses.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from services.core.errors import Problem
from ui.gui.office_day import office_today
from ui.gui.signals import emit

PLACEHOLDER = "hh-bb-tttt"
_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})\s*$")
_COMPACT = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


class DateState(StrEnum):
    EMPTY = "empty"
    VALID = "valid"
    INVALID = "invalid"


def parse_date(text: str) -> date | None:
    """ "12-07-1985", "12/7/1985", "12.07.1985" or "12071985"; None when it is no date."""
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_date(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def calendar_icon() -> QIcon:
    """Drawn, not shipped: one less resource file for a 16-pixel glyph."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#c0392b"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(PLACEHOLDER)
        self.setMaxLength(12)
        self.setToolTip("Ketik tanggal sebagai hh-bb-tttt, misalnya 12-07-1985.")
        action = QAction(calendar_icon(), "Pilih dari kalender", self)
        action.triggered.connect(self.open_calendar)
        self.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action = action
        self._calendar: QCalendarWidget | None = None
        self.textEdited.connect(self._text_edited)
        # Not editingFinished: a field that holds the focus while its dialog is destroyed
        # emits it from the C++ destructor, when the Python slot can no longer be found
        # ("Slot 'DateField::' not found"); focusOutEvent is not called then.
        self.returnPressed.connect(self._tidy)
        fm = self.fontMetrics()
        self.setMinimumWidth(fm.horizontalAdvance("00-00-00000") + 40)

    def value(self) -> date | None:
        return parse_date(self.text())

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def state(self) -> DateState:
        if not self.text().strip():
            return DateState.EMPTY
        return DateState.VALID if self.value() else DateState.INVALID

    def problem(self, field: str, label: str) -> Problem | None:
        """A typed text that is not a date: the service would only see "empty"."""
        if self.state() is not DateState.INVALID:
            return None
        return Problem(
            f"{field}_invalid",
            field,
            f'{label} "{self.text().strip()}" bukan tanggal yang benar; '
            "tulis hh-bb-tttt, misalnya 12-07-1985.",
        )

    def _text_edited(self, _text: str) -> None:
        emit(self.changed)

    def open_calendar(self) -> None:
        if self.isReadOnly():
            return
        calendar = self._calendar or self._make_calendar()
        current = self.value() or office_today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()

    def _make_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        calendar.activated.connect(self._pick)
        calendar.clicked.connect(self._pick)
        self._calendar = calendar
        return calendar

    def _pick(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        if self._calendar is not None:
            self._calendar.hide()
        self.setFocus()
        emit(self.changed)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._tidy()

    def _tidy(self) -> None:
        value = self.value()
        if value is not None and self.text() != format_date(value):
            self.set_value(value)
