"""What every letter type's part of the form shares: rows of labelled inputs whose message
lines show the problems of their fields (the field names are the dataclass's)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from services import documents as docs
from services.core.errors import Problem
from ui.gui.app_context import AppContext
from ui.gui.documents.list_editor import ListEditor
from ui.gui.signals import emit
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.field_rows import FieldRows


class LetterEditor(QWidget):
    """One letter type's fields. Subclasses build their rows and read/write their values."""

    KIND: docs.DocumentKind
    # Something the clerk typed or chose changed.
    changed = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.rows = FieldRows(self, grid)

    def fields(self, problems: list[Problem]) -> docs.LetterFields | None:
        """The typed fields; None when something typed cannot be read (added to problems)."""
        raise NotImplementedError

    def load(self, data: dict[str, Any]) -> None:
        """Fill the inputs from a stored request's fields (a correction)."""
        raise NotImplementedError

    def reset(self) -> None:
        """Empty inputs for a new letter."""
        raise NotImplementedError

    def hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setStyleSheet("color:#5f6368")
        self.rows.add_widget(label)
        return label

    def watch(self, *widgets: QWidget) -> None:
        """Say "changed" when any of these inputs changes."""
        for widget in widgets:
            if isinstance(widget, DateField):
                widget.changed.connect(self._changed)
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self._changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._changed)
            elif isinstance(widget, ListEditor):
                widget.changed.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        emit(self.changed)


def line(parent: QWidget, limit: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(limit)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def text_of(edit: QLineEdit) -> str:
    return " ".join(edit.text().split())


def count_spin(parent: QWidget, minimum: int, maximum: int, suffix: str = "") -> QSpinBox:
    """A whole number shown the Indonesian way ("14.880"), whatever the system's locale."""
    spin = QSpinBox(parent)
    spin.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    spin.setGroupSeparatorShown(True)
    spin.setRange(minimum, maximum)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin
