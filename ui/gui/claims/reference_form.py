"""What the two reference-table editors share: fields row by row, a save through the service
that keeps the dialog open with the service's words under the fields it refused."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import Problem
from ui.gui.retry import FAILED, UNSAVED, call_or_place, under_fields
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner


def number_box(parent: QWidget, maximum: int, empty: str | None = None) -> QSpinBox:
    """Whole numbers; with ``empty``, the lowest value (0) reads as that word and means none."""
    box = QSpinBox(parent)
    box.setRange(0, maximum)
    box.setGroupSeparatorShown(True)
    if empty is not None:
        box.setSpecialValueText(empty)
    return box


def optional(box: QSpinBox) -> int | None:
    return box.value() or None


class ReferenceForm(QDialog):
    """A subclass adds its rows to ``self.rows``, then calls ``finish``; ``store`` saves."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.banner = NoticeBanner(self)
        self.rows = FieldRows(self)
        self.save_button = QPushButton("Simpan", self)

    def finish(self) -> None:
        buttons = accept_buttons(self, self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.rows.layout)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def local_problems(self) -> list[Problem]:
        """What the form itself can tell before asking the service (a date not readable)."""
        return []

    def store(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        problems = self.local_problems()
        if problems:
            self._place(problems)
        elif call_or_place(self, self.banner, self._place, self.store) is not FAILED:
            super().accept()

    def _place(self, problems: list[Problem]) -> None:
        under_fields(self.rows, self.banner, UNSAVED)(problems)
        # Room for the messages that just appeared under the fields.
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
