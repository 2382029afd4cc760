"""An editable list of short lines (enclosed documents, Tembusan, legal bases): add, edit in
place, remove, move up and down."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.gui.signals import emit

NEW_ENTRY = "(ketik di sini)"


class ListEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, visible_rows: int = 4) -> None:
        super().__init__(parent)
        self.items = QListWidget(self)
        self._edit_triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._read_only = False
        self.items.setEditTriggers(self._edit_triggers)
        self.items.setWordWrap(True)
        row = self.items.fontMetrics().height() + 8
        self.items.setMinimumHeight(row * visible_rows + 6)
        # A few more rows at most; a longer list scrolls rather than eating the form.
        self.items.setMaximumHeight(row * (visible_rows + 3) + 6)
        self.add_button = QPushButton("Tambah", self)
        self.remove_button = QPushButton("Hapus", self)
        self.up_button = QPushButton("Naik", self)
        self.down_button = QPushButton("Turun", self)
        self.add_button.setToolTip("Tambah baris baru, lalu ketik isinya")
        self.remove_button.setToolTip("Hapus baris yang dipilih")
        self.up_button.setToolTip("Pindahkan baris yang dipilih ke atas")
        self.down_button.setToolTip("Pindahkan baris yang dipilih ke bawah")
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.items.itemChanged.connect(lambda _item: emit(self.changed))
        self.items.currentRowChanged.connect(lambda _row: self._follow_selection())
        self._follow_selection()

    def values(self) -> tuple[str, ...]:
        """The lines as typed, blank ones and the untouched new-line hint left out."""
        texts = (" ".join(self.items.item(i).text().split()) for i in range(self.items.count()))
        return tuple(t for t in texts if t and t != NEW_ENTRY)

    def set_values(self, values: Iterable[str]) -> None:
        self.items.blockSignals(True)
        self.items.clear()
        for value in values:
            self.items.addItem(self._item(value))
        self.items.blockSignals(False)
        self._follow_selection()
        emit(self.changed)

    def set_read_only(self, read_only: bool) -> None:
        """Shown, not changed (the lines come from a record): no editing, no buttons."""
        self._read_only = read_only
        self.items.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else self._edit_triggers
        )
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not read_only)
        self.items.setStyleSheet("QListWidget { background:#f1f3f4; }" if read_only else "")

    def is_read_only(self) -> bool:
        return self._read_only

    def add_entry(self, text: str = "") -> None:
        item = self._item(text or NEW_ENTRY)
        self.items.addItem(item)
        self.items.setCurrentItem(item)
        if not text:
            self.items.editItem(item)
        emit(self.changed)

    def remove_entry(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.items.takeItem(row)
            emit(self.changed)

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _move(self, step: int) -> None:
        row = self.items.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.items.count():
            return
        item = self.items.takeItem(row)
        self.items.insertItem(target, item)
        self.items.setCurrentRow(target)
        emit(self.changed)

    def _follow_selection(self) -> None:
        row = self.items.currentRow()
        chosen = row >= 0
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.items.count() - 1)
