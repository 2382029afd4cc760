"""The start position on a partly used A4 sheet, chosen by clicking a small picture of it.

Slots run left to right, top to bottom, two across and five down, as the
renderer places them; the slots before the chosen one are drawn as used.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.gui.signals import emit

COLUMNS, ROWS = 2, 5
SLOTS = COLUMNS * ROWS
A4_RATIO = 297 / 210
_USED = QColor("#c9ccd1")
_CHOSEN = QColor("#1a73e8")
_FREE = QColor("#ffffff")
_EDGE = QColor("#5f6368")


class SlotPicker(QWidget):
    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = 1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            "Klik kartu pertama yang masih kosong di lembar; tempat sebelumnya dilewati."
        )
        self.setAccessibleName("Posisi awal di lembar A4")

    def start(self) -> int:
        return self._start

    def set_start(self, slot: int) -> None:
        slot = max(1, min(SLOTS, slot))
        if slot != self._start:
            self._start = slot
            self.update()
            emit(self.changed, slot)

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().height() * 11
        return QSize(round(height / A4_RATIO), height)

    def slot_rect(self, slot: int) -> QRectF:
        sheet = self._sheet()
        margin = sheet.width() * 0.08
        width = (sheet.width() - 2 * margin) / COLUMNS
        height = (sheet.height() - 2 * margin) / ROWS
        row, column = divmod(slot - 1, COLUMNS)
        return QRectF(
            sheet.left() + margin + column * width,
            sheet.top() + margin + row * height,
            width,
            height,
        ).adjusted(1.5, 1.5, -1.5, -1.5)

    def slot_at(self, point: QPointF) -> int | None:
        return next((s for s in range(1, SLOTS + 1) if self.slot_rect(s).contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        slot = self.slot_at(event.position())
        if slot is not None:
            self.set_start(slot)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -COLUMNS,
            Qt.Key.Key_Down: COLUMNS,
        }
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self.set_start(self._start + step)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(_EDGE, 1))
        painter.setBrush(_FREE)
        painter.drawRect(self._sheet())
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        for slot in range(1, SLOTS + 1):
            rect = self.slot_rect(slot)
            used, chosen = slot < self._start, slot == self._start
            painter.setPen(QPen(_CHOSEN if chosen else _EDGE, 2 if chosen else 1))
            painter.setBrush(_CHOSEN if chosen else _USED if used else _FREE)
            painter.drawRoundedRect(rect, 2, 2)
            painter.setPen(QColor("#ffffff") if chosen else _EDGE)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "×" if used else str(slot))
        if self.hasFocus():
            painter.setPen(QPen(_CHOSEN, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _sheet(self) -> QRectF:
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        width = min(area.width(), area.height() / A4_RATIO)
        height = width * A4_RATIO
        return QRectF(area.left() + (area.width() - width) / 2, area.top(), width, height)
