"""Label, input and message line, row after row; knows which field names each row shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from services.core.errors import Problem
from ui.gui.widgets.field_message import FieldMessage


class FieldRows:
    def __init__(self, parent: QWidget, layout: QGridLayout | None = None) -> None:
        self._parent = parent
        self.layout = layout or QGridLayout()
        self.layout.setColumnStretch(1, 1)
        self.layout.setVerticalSpacing(4)
        self.layout.setHorizontalSpacing(10)
        self._messages: dict[str, FieldMessage] = {}
        self._inputs: dict[str, QWidget] = {}
        self._row = 0

    def add(self, label: str, widget: QWidget, *fields: str) -> FieldMessage:
        """One row; problems of any of ``fields`` show in its message line."""
        caption = QLabel(label, self._parent)
        caption.setBuddy(widget)
        message = FieldMessage(self._parent)
        self.layout.addWidget(caption, self._row, 0, Qt.AlignmentFlag.AlignVCenter)
        self.layout.addWidget(widget, self._row, 1)
        # The message sits under the input, not under the label, so it reads as its note.
        self.layout.addWidget(message, self._row + 1, 1)
        self._row += 2
        for field in fields:
            self._messages[field] = message
            self._inputs.setdefault(field, widget)
        return message

    def add_widget(self, widget: QWidget) -> None:
        """A row without a label (a hint or a button) across both columns."""
        self.layout.addWidget(widget, self._row, 0, 1, 2)
        self._row += 1

    def add_note(self, text: str) -> QLabel:
        """A grey explanatory line across both columns."""
        note = QLabel(text, self._parent)
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        self.add_widget(note)
        return note

    def finish(self) -> None:
        self.layout.setRowStretch(self._row, 1)

    def owns(self, field: str) -> bool:
        return field in self._messages

    def input_for(self, field: str) -> QWidget | None:
        return self._inputs.get(field)

    def message_for(self, field: str) -> FieldMessage | None:
        return self._messages.get(field)

    def clear(self, field: str) -> None:
        """The field was put right: its old message goes at once, not at the next check."""
        message = self._messages.get(field)
        if message is not None:
            message.show_problems([])

    def show(self, problems: list[Problem]) -> None:
        by_message: dict[int, list[Problem]] = {id(m): [] for m in self._messages.values()}
        for problem in problems:
            message = self._messages.get(problem.field)
            if message is not None:
                by_message[id(message)].append(problem)
        for message in {id(m): m for m in self._messages.values()}.values():
            message.show_problems(by_message[id(message)])
