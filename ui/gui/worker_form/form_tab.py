"""What every tab of the worker form does: load, collect, report edits, show problems."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from services.core.errors import Problem
from services.workers.types import WorkerInput
from ui.gui.signals import emit
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.field_rows import FieldRows


class FormTab(QWidget):
    # The clerk changed a field (its name, as in Problem.field).
    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FieldRows] = []
        self.read_only = False
        self._dates: list[tuple[DateField, str, str]] = []

    # -- to override ----------------------------------------------------------------

    def load(self, data: WorkerInput) -> None:
        raise NotImplementedError

    def collect(self, data: WorkerInput) -> None:
        """Write this tab's fields into ``data``."""
        raise NotImplementedError

    # -- shared -----------------------------------------------------------------------

    def watch(self, widget: QWidget, field: str) -> None:
        """Report edits by the clerk only: signals that programmatic loads do not fire."""

        def report(*_args: object) -> None:
            emit(self.edited, field)

        if isinstance(widget, DateField):
            widget.changed.connect(report)
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(report)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(report)
        elif isinstance(widget, QPlainTextEdit):
            # No "edited by the user" signal exists here; the form ignores edits while loading.
            widget.textChanged.connect(report)

    def date_field(self, field: str, label: str) -> DateField:
        widget = DateField(self)
        self._dates.append((widget, field, label))
        self.watch(widget, field)
        return widget

    def set_read_only(self, read_only: bool) -> None:
        """For clerks who may read but not edit: text stays selectable, choices are fixed."""
        self.read_only = read_only
        for edit in self.findChildren(QLineEdit):
            edit.setReadOnly(read_only)
            if read_only:
                edit.setPlaceholderText("")  # "16 angka sesuai KTP" is advice for typing
        for text in self.findChildren(QPlainTextEdit):
            text.setReadOnly(read_only)
            if read_only:
                text.setPlaceholderText("")
        for combo in self.findChildren(QComboBox):
            combo.setEnabled(not read_only)
        for widget, _field, _label in self._dates:
            widget.calendar_action.setVisible(not read_only)

    def local_problems(self) -> list[Problem]:
        """What only the form can know: a date typed that is no date."""
        found = (widget.problem(field, label) for widget, field, label in self._dates)
        return [p for p in found if p is not None]

    def owns(self, field: str) -> bool:
        return any(rows.owns(field) for rows in self.rows)

    def show_problems(self, problems: list[Problem]) -> None:
        for rows in self.rows:
            rows.show(problems)

    def focus_field(self, field: str) -> None:
        for rows in self.rows:
            widget = rows.input_for(field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return


def text_or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None
