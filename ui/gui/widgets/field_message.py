"""The line under a field that says what is wrong with it (red) or worth a look (amber)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from services.core.errors import Problem

ERROR_COLOR = "#b3261e"
WARNING_COLOR = "#8a5300"


def problem_html(problems: list[Problem]) -> str:
    lines = []
    for problem in problems:
        color = ERROR_COLOR if problem.is_error else WARNING_COLOR
        mark = "✖" if problem.is_error else "⚠"
        lines.append(f'<span style="color:{color}">{mark} {escape(problem.text)}</span>')
    return "<br>".join(lines)


class FieldMessage(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems: list[Problem] = []
        self.hide()

    def show_problems(self, problems: list[Problem]) -> None:
        # Errors first: they are what stops the save.
        self.problems = sorted(problems, key=lambda p: not p.is_error)
        self.setText(problem_html(self.problems))
        self.setVisible(bool(self.problems))
