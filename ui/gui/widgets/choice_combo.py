"""A combo box whose items carry a Python value; the first item may mean "nothing chosen".

Typed text picks an item (as a clerk types "Oel" for "Desa Oelami"): the letters typed
within a short pause are matched against each label without its "Desa"/"Kel."/
"Kelurahan"/"Kecamatan" prefix, first at the start of a word, then anywhere. Space is
part of the text being typed and never opens the list (Alt+Down or F4 do).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ui.gui.signals import emit

# Letters typed further apart than this start a new search.
TYPING_PAUSE_S = 1.0
_PREFIX = re.compile(r"^(desa|kel\.?|kelurahan|kec\.?|kecamatan|kab\.?|kabupaten|kota)\s+")


def search_key(label: str) -> str:
    """A label as typed text is matched against it: lower case, region prefix dropped."""
    return _PREFIX.sub("", " ".join(label.lower().split()))


def best_match(labels: list[str], typed: str) -> int:
    """The item typed text means: a label starting with it, else a word starting with it,
    else any label containing it; -1 when none does."""
    wanted = search_key(typed)  # "Desa Oel" means "Oel" too
    if not wanted:
        return -1
    keys = [search_key(label) for label in labels]
    for test in (
        lambda key: key.startswith(wanted),
        lambda key: f" {wanted}" in f" {key}",
        lambda key: wanted in key,
    ):
        for index, key in enumerate(keys):
            if test(key):
                return index
    return -1


class ChoiceCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Values live here, not in item data: a QVariant turns an enum into a plain str.
        self._values: list[Any] = []
        # Long village names must not make the whole form wider than the screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self._typed = ""
        self._typed_at = 0.0

    def set_choices(self, choices: Iterable[tuple[str, Any]], empty_label: str | None) -> None:
        """Replace the items, keeping the current value when it is still offered."""
        current = self.value()
        items = [(empty_label, None)] if empty_label is not None else []
        items += list(choices)
        self.blockSignals(True)
        self.clear()
        self._values = [value for _label, value in items]
        self.addItems([label for label, _value in items])
        self.blockSignals(False)
        self.set_value(current)

    def values(self) -> list[Any]:
        return list(self._values)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        index = self.index_of(value)
        self.setCurrentIndex(index if index >= 0 else 0 if self.count() else -1)

    def index_of(self, value: Any) -> int:
        try:
            return self._values.index(value)
        except ValueError:
            return -1

    # -- typing to choose -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if self.isEditable() or not plain:
            super().keyPressEvent(event)
            return
        now = time.monotonic()
        if now - self._typed_at > TYPING_PAUSE_S:
            self._typed = ""
        if event.key() == Qt.Key.Key_Backspace and self._typed:
            self._typed_at = now
            self._typed = self._typed[:-1]
            self._choose_typed()
            return
        if text and text.isprintable():
            self._typed_at = now
            if text == " " and not self._typed:
                return  # a space alone neither opens the list nor chooses anything
            self._typed += text
            self._choose_typed()
            return
        super().keyPressEvent(event)

    def _choose_typed(self) -> None:
        labels = [self.itemText(i) for i in range(self.count())]
        index = best_match(labels, self._typed)
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)
            emit(self.activated, index)
