"""The claim's heirs one at a time: typing one in, or ticking some of the worker's heirs from
the register. The claim's list is stored when OK is pressed; a refusal keeps the dialog open
with the service's words under the fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.claim import ClaimHeirRelation
from services.claims import ClaimHeirInput
from services.claims.labels import EDUCATION_LEVEL, HEIR_RELATION
from services.errors import Problem
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.worker_form.field_rows import FieldRows

# Stores the heirs with this one at the index; returns what the service refused (empty: done).
Submit = Callable[[ClaimHeirInput], list[Problem]]
_HEIR_FIELD = re.compile(r"^heirs\[(\d+)\]\.(\w+)$")


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(dialog)
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ClaimHeirDialog(QDialog):
    def __init__(
        self,
        heir: ClaimHeirInput | None,
        index: int,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ahli waris klaim")
        self._original = heir
        self._index = index
        self._submit = submit
        self.banner = NoticeBanner(self)
        self.full_name = QLineEdit(self)
        self.relation = ChoiceCombo(self)
        self.relation.set_choices([(v, k) for k, v in HEIR_RELATION.items()], "— pilih —")
        self.nik = QLineEdit(self)
        self.nik.setPlaceholderText("16 angka, sesuai KTP")
        self.birth_date = DateField(self)
        self.phone = QLineEdit(self)
        self.address = QLineEdit(self)
        self.bank_name = QLineEdit(self)
        self.bank_name.setPlaceholderText("mis. Bank NTT, BRI")
        self.account_number = QLineEdit(self)
        self.account_holder = QLineEdit(self)
        self.account_holder.setPlaceholderText("sesuai buku tabungan")
        self.education = ChoiceCombo(self)
        self.education.set_choices([(v, k) for k, v in EDUCATION_LEVEL.items()], "— tidak —")
        self.note = QLineEdit(self)
        self._lay_out()
        if heir is not None:
            self._load(heir)
        self._follow_relation()
        self.relation.currentIndexChanged.connect(self._follow_relation)

    def heir(self) -> ClaimHeirInput:
        base = self._original or ClaimHeirInput(full_name="", relation=None)
        return replace(
            base,
            full_name=self.full_name.text().strip().upper(),
            relation=self.relation.value(),
            nik=self.nik.text().strip() or None,
            birth_date=self.birth_date.value(),
            phone=self.phone.text().strip() or None,
            address=self.address.text().strip() or None,
            bank_name=self.bank_name.text().strip() or None,
            bank_account_number=self.account_number.text().strip() or None,
            bank_account_holder=self.account_holder.text().strip().upper() or None,
            education_level=self.education.value() if self.education.isEnabled() else None,
            note=self.note.text().strip() or None,
        )

    def accept(self) -> None:
        local = self.birth_date.problem("birth_date", "Tanggal lahir")
        if local is not None:
            self.rows.show([local])
            return
        problems = self._submit(self.heir())
        if not problems:
            super().accept()
            return
        mine, others = [], []
        for problem in problems:
            match = _HEIR_FIELD.match(problem.field)
            if match and int(match.group(1)) == self._index and self.rows.owns(match.group(2)):
                mine.append(replace(problem, field=match.group(2)))
            elif problem.is_error:
                others.append(problem.text)
        self.rows.show(mine)
        self.banner.show_message(
            "\n".join(others) or "Periksa isian yang ditandai merah.", Tone.ERROR
        )

    def _load(self, heir: ClaimHeirInput) -> None:
        self.full_name.setText(heir.full_name)
        self.relation.set_value(heir.relation)
        self.nik.setText(heir.nik or "")
        self.birth_date.set_value(heir.birth_date)
        self.phone.setText(heir.phone or "")
        self.address.setText(heir.address or "")
        self.bank_name.setText(heir.bank_name or "")
        self.account_number.setText(heir.bank_account_number or "")
        self.account_holder.setText(heir.bank_account_holder or "")
        self.education.set_value(heir.education_level)
        self.note.setText(heir.note or "")

    def _follow_relation(self, _index: int = 0) -> None:
        # Only a child can be put up for the scholarship.
        self.education.setEnabled(self.relation.value() is ClaimHeirRelation.CHILD)

    def _lay_out(self) -> None:
        rows = FieldRows(self)
        rows.add("Nama lengkap", self.full_name, "full_name")
        rows.add("Hubungan", self.relation, "relation")
        rows.add("NIK", self.nik, "nik")
        rows.add("Tanggal lahir", self.birth_date, "birth_date")
        rows.add("No. HP", self.phone, "phone")
        rows.add("Alamat", self.address, "address")
        rows.add("Nama bank", self.bank_name, "bank_name")
        rows.add("No. rekening", self.account_number, "bank_account_number")
        rows.add("Atas nama", self.account_holder, "bank_account_holder")
        rows.add("Beasiswa: jenjang", self.education, "education_level")
        rows.add("Catatan", self.note, "note")
        self.rows = rows
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(rows.layout)
        layout.addWidget(_buttons(self, "Simpan"))
        self.setMinimumWidth(500)


class HeirChoiceDialog(QDialog):
    """Tick the worker's registered heirs to add to the claim."""

    def __init__(self, choices: list[ClaimHeirInput], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pilih dari ahli waris peserta")
        self._choices = choices
        self.list = QListWidget(self)
        for heir in choices:
            relation = HEIR_RELATION[heir.relation] if heir.relation else "-"
            item = QListWidgetItem(f"{heir.full_name} — {relation}", self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        note = QLabel(
            "Ahli waris dari data peserta. Hubungan di data peserta lebih kasar "
            "(mis. 'Lainnya'); betulkan di sini bila perlu dengan Ubah… sesudahnya.",
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(_buttons(self, "Tambahkan"))
        self.resize(460, 320)

    def set_checked(self, row: int, checked: bool = True) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.list.item(row).setCheckState(state)

    def chosen(self) -> list[ClaimHeirInput]:
        return [
            heir
            for row, heir in enumerate(self._choices)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
