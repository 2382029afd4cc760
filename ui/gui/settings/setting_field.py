"""One office setting on the Pengaturan screen: label, input, description, and the message
under the input when the value is refused (the catalogue's own check, as the service runs it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from services.core.errors import Problem
from services.settings.catalog import Kind, SettingSpec, field_message, normalize
from services.text.figures import thousands
from ui.gui.signals import emit
from ui.gui.widgets.field_message import FieldMessage

NOTE_STYLE = "color:#555; font-size:11px;"


class SettingField(QWidget):
    changed = Signal(str)  # the key

    def __init__(self, spec: SettingSpec, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.saved_value = value
        self.label = QLabel(f"<b>{spec.label}</b>", self)
        self.note = QLabel(spec.description, self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.message = FieldMessage(self)
        self.editor = self._editor()
        self.label.setBuddy(self.editor)
        self.set_value(value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        layout.addWidget(self.note)

    @property
    def key(self) -> str:
        return self.spec.key

    def value(self) -> str:
        editor = self.editor
        if isinstance(editor, QComboBox):
            return str(editor.currentData())
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text()

    def set_value(self, value: str) -> None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            index = editor.findData(normalize(self.key, value))
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
        elif self.spec.kind is Kind.MONEY and value.isdigit():
            editor.setText(thousands(int(value)))  # "174.000.000", as written
        else:
            editor.setText(value)

    def is_changed(self) -> bool:
        return normalize(self.key, self.value()) != normalize(self.key, self.saved_value)

    def check(self) -> bool:
        """Show the message under the field; True when the value is good."""
        if self.spec.managed:
            return True
        text = field_message(self.key, self.value())
        self.show_problem(text)
        return text is None

    def show_problem(self, text: str | None) -> None:
        self.message.show_problems([Problem("setting_invalid", self.key, text)] if text else [])

    def _editor(self) -> QLineEdit | QComboBox | QPlainTextEdit:
        spec = self.spec
        if spec.kind in (Kind.CHOICE, Kind.YES_NO):
            combo = QComboBox(self)
            for value, label in spec.choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            return combo
        if spec.kind is Kind.LONG_TEXT:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setMinimumHeight(90)
            text.setMaximumHeight(160)
            text.textChanged.connect(self._changed)
            return text
        line = QLineEdit(self)
        line.setMaxLength(spec.max_length + 20)  # longer is typed, then refused with a reason
        line.setReadOnly(spec.managed)
        if spec.managed:
            line.setStyleSheet("QLineEdit { background:#f0f0f0; color:#444; }")
        if spec.kind in (Kind.WHOLE, Kind.MONEY):
            line.setPlaceholderText("angka, mis. 1.000.000" if spec.kind is Kind.MONEY else "angka")
        line.textChanged.connect(lambda _t: self._changed())
        return line

    def _changed(self) -> None:
        self.check()
        emit(self.changed, self.key)
