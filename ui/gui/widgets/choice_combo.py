"""A combo box whose items carry a Python value; the first item may mean "nothing chosen"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget


class ChoiceCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Values live here, not in item data: a QVariant turns an enum into a plain str.
        self._values: list[Any] = []
        # Long village names must not make the whole form wider than the screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)

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
