"""A row of widgets that wraps onto further lines when the window is narrow.

Toolbars and filter rows use it so that no section needs more width than a
1024-pixel screen gives it: on a wide screen everything sits on one line, on a
narrow one the last widgets move to a second line instead of being cut off.
Widgets whose horizontal size policy expands (search boxes) share the room left
on their line, so a line still fills the width like a QHBoxLayout would.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


def spacer(parent: QWidget) -> QWidget:
    """An empty widget that takes the room left on its line (a stretch in a FlowLayout)."""
    widget = QWidget(parent)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    widget.setFixedHeight(0)
    return widget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's bookkeeping ----------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        # One line: what the row would like on a wide screen.
        visible = self._visible()
        width = sum(i.sizeHint().width() for i in visible)
        width += self._spacing * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        # The widest single widget: everything else may wrap.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing ------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            wanted = item.sizeHint().width()
            step = wanted if not lines[-1] else used + self._spacing + wanted
            if lines[-1] and step > width:
                lines.append([item])
                used = wanted
            else:
                lines[-1].append(item)
                used = step
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, place: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        lines = self._lines(area.width())
        if not lines:
            return margins.top() + margins.bottom()
        for line in lines:
            widths = [min(i.sizeHint().width(), area.width()) for i in line]
            height = max(i.sizeHint().height() for i in line)
            spare = area.width() - sum(widths) - self._spacing * (len(line) - 1)
            growers = [n for n, i in enumerate(line) if _grows(i)]
            for n in growers:
                widths[n] += spare // len(growers) if spare > 0 else 0
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                if place:
                    top = y + (height - item.sizeHint().height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item.sizeHint().height())))
                x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom()


def _grows(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is None:
        return bool(item.expandingDirections() & Qt.Orientation.Horizontal)
    policy = widget.sizePolicy().horizontalPolicy()
    return bool(policy.value & QSizePolicy.PolicyFlag.ExpandFlag.value)
