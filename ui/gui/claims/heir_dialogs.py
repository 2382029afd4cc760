"""The claim's heirs one at a time: typing one in, or ticking some of the worker's heirs from
the register. The claim's list is stored when OK is pressed; a refusal keeps the dialog open
with the service's words under the fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClaimHeirRelation
from services.claims import ClaimHeirInput
from services.claims.labels import EDUCATION_LEVEL, HEIR_RELATION
from services.core.errors import Problem
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.heir_fields import HeirFields
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

# Stores the heirs with this one at the index; returns what the service refused (empty: done).
Submit = Callable[[ClaimHeirInput], list[Problem]]
_HEIR_FIELD = re.compile(r"^heirs\[(\d+)\]\.(\w+)$")


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
        self.fields = HeirFields(self, HEIR_RELATION, "16 angka, sesuai KTP", with_address=True)
        self.rows = self.fields.rows
        self.education = ChoiceCombo(self)
        self.education.set_choices([(v, k) for k, v in EDUCATION_LEVEL.items()], "— tidak —")
        self.rows.add("Beasiswa: jenjang", self.education, "education_level")
        self.married = QCheckBox("Masih terikat perkawinan dengan peserta saat meninggal", self)
        self.married.setChecked(True)
        self.married.setToolTip(
            "Kosongkan bila sudah bercerai sebelum peserta meninggal: bekas suami/istri "
            "bukan ahli waris."
        )
        self.rows.add("Perkawinan", self.married, "married_at_death")
        self.funeral = QCheckBox("Mengurus pemakaman peserta", self)
        self.funeral.setToolTip(
            "Bila tidak ada ahli waris yang berhak, biaya pemakaman dibayar kepada orang "
            "yang mengurus pemakaman (PP 46/2015 Pasal 26 ayat (5))."
        )
        self.rows.add("Pemakaman", self.funeral, "arranged_funeral")
        self.note = QLineEdit(self)
        self.rows.add("Catatan", self.note, "note")
        if heir is not None:
            self.fields.load(heir)
            self.education.set_value(heir.education_level)
            self.note.setText(heir.note or "")
            self.married.setChecked(heir.married_at_death is not False)
            self.funeral.setChecked(heir.arranged_funeral)
        self._follow_relation()
        self.fields.relation.currentIndexChanged.connect(self._follow_relation)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.rows.layout)
        layout.addWidget(accept_buttons(self, "Simpan"))
        self.setMinimumWidth(500)

    def heir(self) -> ClaimHeirInput:
        return replace(
            self._original or ClaimHeirInput(full_name="", relation=None),
            **self.fields.values(),
            education_level=self.education.value() if self.education.isEnabled() else None,
            note=self.note.text().strip() or None,
            married_at_death=self.married.isChecked() if self.married.isEnabled() else None,
            arranged_funeral=self.funeral.isChecked(),
        )

    def accept(self) -> None:
        local = self.fields.birth_date.problem("birth_date", "Tanggal lahir")
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

    def _follow_relation(self, _index: int = 0) -> None:
        # Only a child can be put up for the scholarship; only a spouse was married to the worker.
        relation = self.fields.relation.value()
        self.education.setEnabled(relation is ClaimHeirRelation.CHILD)
        self.married.setEnabled(relation is ClaimHeirRelation.SPOUSE)


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
        layout.addWidget(accept_buttons(self, "Tambahkan"))
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
