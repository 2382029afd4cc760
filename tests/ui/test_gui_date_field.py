"""The date field tidies what was typed when the clerk leaves it or presses Enter.

It listens to its own focus-out rather than editingFinished: a field holding the focus
while its dialog is destroyed emitted editingFinished from the destructor ("Slot
'DateField::' not found"; tests/ui/test_gui_claims_reference.py met it once dialogs
started in their first field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from ui.gui.widgets.date_field import DateField


def _dialog(qtbot: QtBot) -> tuple[QDialog, DateField, QLineEdit]:
    dialog = QDialog()
    field = DateField(dialog)
    other = QLineEdit(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(other)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog, field, other


def test_typed_digits_become_a_date_on_leaving_and_on_enter(qtbot: QtBot) -> None:
    dialog, field, other = _dialog(qtbot)
    qtbot.addWidget(dialog)
    field.setFocus()
    qtbot.keyClicks(field, "12071985")
    assert field.text() == "12071985"
    other.setFocus()
    qtbot.waitUntil(lambda: field.text() == "12-07-1985")
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, "1/8/2020")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "01-08-2020"
