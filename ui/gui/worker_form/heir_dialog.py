"""One heir (ahli waris): who they are and where the benefit is paid."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from services.errors import Problem
from services.labels import HEIR_RELATION
from services.worker_types import HeirInput
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.worker_form.field_rows import FieldRows


class HeirDialog(QDialog):
    def __init__(self, heir: HeirInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ahli waris")
        self._original = heir
        self.full_name = QLineEdit(self)
        self.relation = ChoiceCombo(self)
        self.relation.set_choices([(v, k) for k, v in HEIR_RELATION.items()], "— pilih —")
        self.nik = QLineEdit(self)
        self.nik.setPlaceholderText("16 angka, bila ada")
        self.birth_date = DateField(self)
        self.phone = QLineEdit(self)
        self.bank_name = QLineEdit(self)
        self.bank_name.setPlaceholderText("misalnya BRI, BNI, Bank NTT")
        self.account_number = QLineEdit(self)
        self.account_holder = QLineEdit(self)
        self.account_holder.setPlaceholderText("nama pemilik rekening, sesuai buku tabungan")
        self._lay_out()
        if heir is not None:
            self._load(heir)

    def heir(self) -> HeirInput:
        """What was typed; the id of an existing heir is kept so the service updates it."""
        base = self._original or HeirInput(full_name="", relation=None)
        return replace(
            base,
            full_name=self.full_name.text().strip().upper(),
            relation=self.relation.value(),
            nik=self.nik.text().strip() or None,
            birth_date=self.birth_date.value(),
            phone=self.phone.text().strip() or None,
            bank_name=self.bank_name.text().strip() or None,
            bank_account_number=self.account_number.text().strip() or None,
            bank_account_holder=self.account_holder.text().strip().upper() or None,
        )

    def accept(self) -> None:
        # The full check runs on the form; here only what would otherwise be lost.
        problems = [
            p for p in (self.birth_date.problem("birth_date", "Tanggal lahir"),) if p is not None
        ]
        if not self.full_name.text().strip():
            problems.append(Problem("heir_name_empty", "full_name", "Nama ahli waris wajib diisi."))
        self.rows.show(problems)
        if not problems:
            super().accept()

    def _load(self, heir: HeirInput) -> None:
        self.full_name.setText(heir.full_name)
        self.relation.set_value(heir.relation)
        self.nik.setText(heir.nik or "")
        self.birth_date.set_value(heir.birth_date)
        self.phone.setText(heir.phone or "")
        self.bank_name.setText(heir.bank_name or "")
        self.account_number.setText(heir.bank_account_number or "")
        self.account_holder.setText(heir.bank_account_holder or "")

    def _lay_out(self) -> None:
        rows = FieldRows(self)
        rows.add("Nama lengkap", self.full_name, "full_name")
        rows.add("Hubungan", self.relation, "relation")
        rows.add("NIK", self.nik, "nik")
        rows.add("Tanggal lahir", self.birth_date, "birth_date")
        rows.add("No. HP", self.phone, "phone")
        rows.add("Nama bank", self.bank_name, "bank_name")
        rows.add("No. rekening", self.account_number, "bank_account_number")
        rows.add("Atas nama", self.account_holder, "bank_account_holder")
        self.rows = rows
        buttons = QDialogButtonBox(self)
        # Only into the form's list: the worker's Simpan stores it.
        buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(rows.layout)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
