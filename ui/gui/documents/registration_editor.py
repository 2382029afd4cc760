"""Surat pengantar pendaftaran: the participants entered in the register in a period,
optionally of one kecamatan or village (the letter's lampiran lists them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from services import documents as docs
from services.core.errors import Problem
from ui.gui.app_context import AppContext
from ui.gui.documents.form_values import required_date, stored_date
from ui.gui.documents.letter_editor import LetterEditor
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField

ALL_KECAMATAN = "Semua kecamatan"
ALL_VILLAGES = "Semua desa/kelurahan"


class RegistrationEditor(LetterEditor):
    KIND = docs.DocumentKind.REGISTRATION

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.date_from = DateField(self)
        self.date_to = DateField(self)
        self.kecamatan = ChoiceCombo(self)
        self.kecamatan.set_choices(
            [(k.name, k.code) for k in app.regions.kecamatan()], ALL_KECAMATAN
        )
        self.village = ChoiceCombo(self)
        self.rows.add("Mulai dilindungi dari", self.date_from, "registered_from")
        self.rows.add("sampai tanggal", self.date_to, "registered_to")
        self.rows.add("Kecamatan", self.kecamatan, "kecamatan_code")
        self.rows.add("Desa/kelurahan", self.village, "village_code")
        self.hint(
            "Lampiran surat berisi daftar peserta baru yang dicatat di register pada periode "
            "ini (nama, NIK, tanggal lahir, desa, pekerjaan)."
        )
        self.kecamatan.currentIndexChanged.connect(lambda _i: self._follow_kecamatan())
        self.watch(self.date_from, self.date_to, self.kecamatan, self.village)
        self.reset()

    def fields(self, problems: list[Problem]) -> docs.RegistrationLetter | None:
        start = required_date(self.date_from, "registered_from", "Tanggal awal periode", problems)
        end = required_date(self.date_to, "registered_to", "Tanggal akhir periode", problems)
        if start is None or end is None:
            return None
        return docs.RegistrationLetter(start, end, self.kecamatan.value(), self.village.value())

    def load(self, data: dict[str, Any]) -> None:
        self.date_from.set_value(stored_date(data.get("registered_from")))
        self.date_to.set_value(stored_date(data.get("registered_to")))
        self.kecamatan.set_value(data.get("kecamatan_code"))
        self._follow_kecamatan()
        self.village.set_value(data.get("village_code"))

    def reset(self) -> None:
        today = self._app.office_today()
        self.date_from.set_value(today.replace(day=1))
        self.date_to.set_value(today)
        self.kecamatan.set_value(None)
        self._follow_kecamatan()

    def _follow_kecamatan(self) -> None:
        code = self.kecamatan.value()
        villages = self._app.regions.villages(code) if code else []
        self.village.set_choices([(v.label, v.code) for v in villages], ALL_VILLAGES)
        self.village.setEnabled(code is not None)
