"""Small inputs of the claim's event: a clock time, a whole number, rupiah; each says what is
wrong with what was typed, since the service would only see "empty"."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtWidgets import QLineEdit, QWidget

from services.core.errors import Problem
from services.text.figures import thousands

_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")


def parse_clock(text: str) -> time | None:
    match = _CLOCK.match(text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    return time(hours, minutes) if hours < 24 and minutes < 60 else None


class ClockField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("JJ:MM")
        self.setMaxLength(5)
        self.setToolTip("Jam kantor setempat (WIB/WITA/WIT), misalnya 08:30 atau 14.15")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00") * 3)

    def value(self) -> time | None:
        return parse_clock(self.text())

    def set_value(self, value: time | None) -> None:
        self.setText(f"{value:%H:%M}" if value else "")

    def problem(self, field: str, label: str) -> Problem | None:
        text = self.text().strip()
        if not text or self.value() is not None:
            return None
        return Problem(
            f"{field}_invalid",
            field,
            f'{label} "{text}" bukan jam yang benar; tulis JJ:MM, misalnya 08:30.',
        )


class NumberField(QLineEdit):
    """A whole number; dots between thousands and a leading "Rp" are allowed."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)

    def value(self) -> int | None:
        digits = re.sub(r"^\s*rp\.?\s*", "", self.text().strip(), flags=re.IGNORECASE)
        digits = digits.replace(".", "").replace(" ", "")
        return int(digits) if digits.isdigit() else None

    def set_value(self, value: int | None) -> None:
        self.setText(thousands(value) if value is not None else "")

    def problem(self, field: str, label: str) -> Problem | None:
        text = self.text().strip()
        if not text or self.value() is not None:
            return None
        return Problem(
            f"{field}_invalid", field, f'{label} "{text}" bukan bilangan bulat; tulis angka saja.'
        )
