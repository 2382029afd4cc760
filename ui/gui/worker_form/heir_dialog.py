"""One heir (ahli waris): who they are and where the benefit is paid."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from services.core.errors import Problem
from services.text.labels import HEIR_RELATION
from services.workers.types import HeirInput
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.heir_fields import HeirFields


class HeirDialog(QDialog):
    def __init__(self, heir: HeirInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ahli waris")
        self._original = heir
        self.fields = HeirFields(self, HEIR_RELATION, "16 angka, bila ada")
        self.rows = self.fields.rows
        if heir is not None:
            self.fields.load(heir)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows.layout)
        # Only into the form's list: the worker's Simpan stores it.
        layout.addWidget(accept_buttons(self, "OK"))
        self.setMinimumWidth(460)

    def heir(self) -> HeirInput:
        """What was typed; the id of an existing heir is kept so the service updates it."""
        return replace(
            self._original or HeirInput(full_name="", relation=None), **self.fields.values()
        )

    def accept(self) -> None:
        # The full check runs on the form; here only what would otherwise be lost.
        problem = self.fields.birth_date.problem("birth_date", "Tanggal lahir")
        problems = [problem] if problem is not None else []
        if not self.fields.full_name.text().strip():
            problems.append(Problem("heir_name_empty", "full_name", "Nama ahli waris wajib diisi."))
        self.rows.show(problems)
        if not problems:
            super().accept()
