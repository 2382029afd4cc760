"""One document of the claims' checklist: added, or changed (its claim type and code are its
key and stay as they are). Retiring it (Dipakai unticked) keeps it for older claims."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QWidget

from models.enums import ClaimType
from services import claims
from services.claims import ChecklistRow
from services.claims.checklist import CONDITIONS
from services.claims.labels import CLAIM_TYPE
from ui.gui.app_context import AppContext
from ui.gui.claims.reference_form import ReferenceForm, number_box
from ui.gui.widgets.choice_combo import ChoiceCombo


class ChecklistItemDialog(ReferenceForm):
    def __init__(
        self,
        app: AppContext,
        item: ChecklistRow | None,
        claim_type: ClaimType,
        next_order: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Dokumen klaim" if item else "Dokumen klaim baru", parent)
        self._app = app
        self.saved: ChecklistRow | None = None
        self.claim_type = ChoiceCombo(self)
        self.claim_type.set_choices([(v, k) for k, v in CLAIM_TYPE.items()], None)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("huruf kecil, angka, garis bawah; mis. surat_desa")
        self.label = QLineEdit(self)
        self.hint = QLineEdit(self)
        self.hint.setPlaceholderText("kalimat sederhana untuk keluarga di daftar kekurangan")
        self.conditions = {code: QCheckBox(text, self) for code, text in CONDITIONS.items()}
        self.required = QCheckBox("Wajib ada sebelum berkas lengkap", self)
        self.order = number_box(self, 9999)
        self.active = QCheckBox("Dipakai (tidak dicentang: hanya untuk klaim lama)", self)
        self._lay_out()
        self._load(item, claim_type, next_order)

    def item(self) -> ChecklistRow:
        return ChecklistRow(
            claim_type=self.claim_type.value(),
            code=self.code.text().strip(),
            label=self.label.text(),
            hint=self.hint.text(),
            condition=" ".join(c for c, box in self.conditions.items() if box.isChecked()),
            required=self.required.isChecked(),
            sort_order=self.order.value(),
            active=self.active.isChecked(),
        )

    def store(self) -> None:
        self.saved = claims.save_checklist_item(self._app.ctx, self.item())

    def _load(self, item: ChecklistRow | None, claim_type: ClaimType, next_order: int) -> None:
        editing = item is not None
        item = item or ChecklistRow(claim_type, "", "", None, "", True, next_order, True)
        self.claim_type.set_value(item.claim_type)
        self.code.setText(item.code)
        self.label.setText(item.label)
        self.hint.setText(item.hint or "")
        chosen = set(item.condition.split())
        for code, box in self.conditions.items():
            box.setChecked(code in chosen)
        self.required.setChecked(item.required)
        self.order.setValue(item.sort_order)
        self.active.setChecked(item.active)
        # The key of a stored row: another code would be another document.
        self.claim_type.setEnabled(not editing)
        self.code.setReadOnly(editing)

    def _lay_out(self) -> None:
        when = QWidget(self)
        when.setToolTip("Semua yang dicentang harus terpenuhi; tanpa centang: selalu berlaku.")
        boxes = QGridLayout(when)
        boxes.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.conditions.values()):
            boxes.addWidget(box, index // 2, index % 2)
        rows = self.rows
        rows.add("Jenis klaim", self.claim_type, "claim_type")
        rows.add("Kode", self.code, "code")
        rows.add("Nama dokumen", self.label, "label")
        rows.add("Penjelasan", self.hint, "hint")
        rows.add("Berlaku bila\n(kosong: selalu)", when, "condition")
        rows.add("", self.required, "required")
        rows.add("Urutan", self.order, "sort_order")
        rows.add("", self.active, "active")
        self.finish()
