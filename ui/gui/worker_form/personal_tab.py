"""Data pribadi: who the worker is and where they live, as on the KTP."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from services.text.labels import GENDER
from services.workers.occupations import OccupationItem
from services.workers.regions import RegionDirectory
from services.workers.types import WorkerInput
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.worker_form.form_tab import FormTab, text_or_none

PICK = "— pilih —"
PICK_KECAMATAN = "— pilih kecamatan —"
PICK_VILLAGE = "— pilih desa/kelurahan —"


class PersonalTab(FormTab):
    # The clerk, who sees NIK and No. KK masked, asked for the whole numbers.
    reveal_requested = Signal()

    def __init__(
        self,
        regions: RegionDirectory,
        occupations: list[OccupationItem],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._regions = regions
        self.nik = self._line("nik", "16 angka sesuai KTP", 24)
        self.kk_number = self._line("kk_number", "16 angka sesuai Kartu Keluarga", 24)
        self.reveal_button = QPushButton("Lihat NIK lengkap", self)
        self.reveal_button.setToolTip(
            "Tampilkan NIK dan No. KK lengkap. Setiap pembukaan dicatat di jejak audit."
        )
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.hide()
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.full_name = self._line("full_name", "sesuai KTP", 120)
        self.birth_place = self._line("birth_place", "", 80)
        self.birth_date = self.date_field("birth_date", "Tanggal lahir")
        self.gender = self._combo("gender", [(label, g) for g, label in GENDER.items()], PICK)
        self.phone = self._line("phone", "misalnya 081234567890", 20)
        self.address = self._line("address", "jalan, dusun atau nomor rumah", 200)
        self.rt = self._line("rt", "RT", 3)
        self.rw = self._line("rw", "RW", 3)
        self.kecamatan = ChoiceCombo(self)
        self.kecamatan.set_choices([(k.name, k.code) for k in regions.kecamatan()], PICK_KECAMATAN)
        self.village = self._combo("village_code", [], PICK_VILLAGE)
        occupation_choices = [(o.name, o.code) for o in occupations]
        self.occupation = self._combo("occupation_code", occupation_choices, PICK)
        # The desa list follows whatever sets the kecamatan; only the clerk's choice is an edit.
        self.kecamatan.currentIndexChanged.connect(self._follow_kecamatan)
        self.kecamatan.activated.connect(self._kecamatan_chosen)
        self.full_name.editingFinished.connect(self._upper_name)
        self._lay_out()
        self._follow_kecamatan()

    def load(self, data: WorkerInput) -> None:
        self.nik.setText(data.nik or "")
        self.kk_number.setText(data.kk_number or "")
        self.full_name.setText(data.full_name or "")
        self.birth_place.setText(data.birth_place or "")
        self.birth_date.set_value(data.birth_date)
        self.gender.set_value(data.gender)
        self.phone.setText(data.phone or "")
        self.address.setText(data.address or "")
        self.rt.setText(data.rt or "")
        self.rw.setText(data.rw or "")
        village = self._regions.get(data.village_code) if data.village_code else None
        self.kecamatan.set_value(village.parent_code if village else None)
        self._follow_kecamatan()  # also when the kecamatan did not change
        self.village.set_value(data.village_code)
        self.occupation.set_value(data.occupation_code)

    def collect(self, data: WorkerInput) -> None:
        data.nik = self.nik.text().strip()
        data.kk_number = text_or_none(self.kk_number)
        data.full_name = self.full_name.text().strip()
        data.birth_place = text_or_none(self.birth_place)
        data.birth_date = self.birth_date.value()
        data.gender = self.gender.value()
        data.phone = text_or_none(self.phone)
        data.address = text_or_none(self.address)
        data.rt = text_or_none(self.rt)
        data.rw = text_or_none(self.rw)
        data.village_code = self.village.value()
        data.occupation_code = self.occupation.value()

    def show_identity(self, nik: str, kk_number: str | None) -> None:
        """The whole numbers, revealed on request; the button has done its job."""
        self.nik.setText(nik)
        self.kk_number.setText(kk_number or "")
        self.reveal_button.hide()

    def _line(self, field: str, placeholder: str, max_length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(max_length)
        self.watch(edit, field)
        return edit

    def _combo(self, field: str, choices: list, empty: str) -> ChoiceCombo:
        combo = ChoiceCombo(self)
        combo.set_choices(choices, empty)
        self.watch(combo, field)
        return combo

    def _lay_out(self) -> None:
        identity = QGroupBox("Identitas", self)
        left = FieldRows(identity)
        identity.setLayout(left.layout)
        left.add("NIK", self._nik_row(), "nik")
        left.add("No. KK", self.kk_number, "kk_number")
        left.add("Nama lengkap", self.full_name, "full_name")
        left.add("Tempat lahir", self.birth_place, "birth_place")
        left.add("Tanggal lahir", self.birth_date, "birth_date")
        left.add("Jenis kelamin", self.gender, "gender")
        left.add("No. HP", self.phone, "phone")
        left.finish()
        home = QGroupBox("Alamat dan pekerjaan", self)
        right = FieldRows(home)
        home.setLayout(right.layout)
        right.add("Alamat", self.address, "address")
        right.add("RT / RW", self._rt_rw(), "rt", "rw")
        right.add("Kecamatan", self.kecamatan)
        right.add("Desa/Kelurahan", self.village, "village_code")
        right.add("Pekerjaan", self.occupation, "occupation_code")
        right.finish()
        self.rows = [left, right]
        layout = QHBoxLayout(self)
        layout.addWidget(identity, 1)
        layout.addWidget(home, 1)

    def _nik_row(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nik, 1)
        row.addWidget(self.reveal_button)
        box.setFocusProxy(self.nik)
        return box

    def _rt_rw(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        width = self.rt.fontMetrics().horizontalAdvance("0000") + 16
        for edit in (self.rt, self.rw):
            edit.setFixedWidth(width)
        row.addWidget(self.rt)
        row.addWidget(self.rw)
        row.addStretch(1)
        box.setFocusProxy(self.rt)
        return box

    def _kecamatan_chosen(self, _index: int) -> None:
        emit(self.edited, "village_code")

    def _follow_kecamatan(self, _index: int = 0) -> None:
        code = self.kecamatan.value()
        villages = self._regions.villages(code) if code else []
        self.village.set_choices([(v.label, v.code) for v in villages], PICK_VILLAGE)
        self.village.setEnabled(bool(code) and not self.read_only)

    def _upper_name(self) -> None:
        # Names are kept in capitals as on the KTP; shown so while typing would jump the cursor.
        upper = self.full_name.text().upper()
        if upper != self.full_name.text():
            self.full_name.setText(upper)
