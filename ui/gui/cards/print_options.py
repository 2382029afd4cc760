"""What to print and how: the first page of the print dialog, giving a PrintRequest."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import CardLayout
from services.cards import PrintRequest
from services.core.errors import SiRentanError
from services.text.labels import CARD_LAYOUT, REPRINT_REASON
from ui.gui.app_context import AppContext
from ui.gui.cards.card_counts import count_with_card
from ui.gui.cards.slot_picker import SlotPicker
from ui.gui.formats import count_label
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo

COUNT_DELAY_MS = 250
WHOLE_KECAMATAN = "Seluruh kecamatan"
NO_REPRINT = "Jangan cetak ulang (lewati mereka)"
RULES = (
    "Peserta meninggal, nonaktif, atau yang kepesertaannya sudah berakhir tidak dicetak; "
    "pratinjau menyebut siapa saja. Tidak ada yang dicatat sebelum kartu dicetak atau "
    "PDF-nya disimpan."
)


class PrintOptions(QWidget):
    changed = Signal()

    def __init__(
        self,
        app: AppContext,
        selected_ids: tuple[int, ...] = (),
        kecamatan_code: str | None = None,
        village_code: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._selected = selected_ids
        self.tasks = Tasks(self)
        self._counted: PrintRequest | None = None
        self.with_card: int | None = None
        self.selected_radio = QRadioButton(self._selected_text(), self)
        self.region_radio = QRadioButton("Satu wilayah:", self)
        self.district_radio = QRadioButton("Seluruh kabupaten", self)
        self.kecamatan = ChoiceCombo(self)
        self.village = ChoiceCombo(self)
        self.not_printed = QCheckBox("Hanya yang belum pernah dicetak kartunya", self)
        self.count_label = QLabel(self)
        self.reprint_box = QGroupBox("Cetak ulang", self)
        self.reprint_text = QLabel(self.reprint_box)
        self.reason = ChoiceCombo(self.reprint_box)
        self.layout_radios = {
            layout: QRadioButton(label, self) for layout, label in CARD_LAYOUT.items()
        }
        self.backs = QCheckBox("Cetak juga sisi belakang (bolak-balik)", self)
        self.slots = SlotPicker(self)
        self.slot_text = QLabel(self)
        self.rules = QLabel(RULES, self)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        # Laid out first: the radio groups must exist before any radio is checked.
        self._lay_out()
        self._fill(kecamatan_code, village_code)
        self._connect()
        self._follow()

    # -- what the dialog asks ---------------------------------------------------------

    def request(self) -> PrintRequest:
        layout = next(k for k, radio in self.layout_radios.items() if radio.isChecked())
        region = self.region_radio.isChecked()
        return PrintRequest(
            worker_ids=self._selected if self.selected_radio.isChecked() else (),
            village_code=self.village.value() if region else None,
            kecamatan_code=self.kecamatan.value() if region and not self.village.value() else None,
            not_printed=self.not_printed.isChecked(),
            reprint_reason=self.reason.value() if self.with_card else None,
            layout=layout,
            backs=self.backs.isChecked(),
            start_position=self.slots.start() if layout == CardLayout.A4 else 1,
        )

    def missing(self) -> str | None:
        """Why the request cannot be previewed yet, or None."""
        if self.region_radio.isChecked() and not self.kecamatan.value():
            return "Pilih kecamatan (dan bila perlu desa/kelurahan) yang dicetak."
        return None

    def wait(self) -> None:
        """Let a running count finish (closing the dialog, tests)."""
        self.tasks.wait()

    # -- internals --------------------------------------------------------------------

    def _selected_text(self) -> str:
        if not self._selected:
            return "Peserta terpilih (pilih dulu di daftar Peserta)"
        return f"Peserta yang dipilih di daftar ({count_label(len(self._selected), 'orang')})"

    def _fill(self, kecamatan_code: str | None, village_code: str | None) -> None:
        self.kecamatan.set_choices(
            [(k.name, k.code) for k in self._app.regions.kecamatan()], "Pilih kecamatan…"
        )
        self.reason.set_choices([(v, k) for k, v in REPRINT_REASON.items()], NO_REPRINT)
        self.layout_radios[CardLayout.A4].setChecked(True)
        self.selected_radio.setEnabled(bool(self._selected))
        if self._selected:
            self.selected_radio.setChecked(True)
        else:
            self.region_radio.setChecked(True)
        self.kecamatan.set_value(kecamatan_code)
        self._follow_kecamatan()
        self.village.set_value(village_code)

    def _lay_out(self) -> None:
        who = QGroupBox("Siapa yang dicetak", self)
        group = QButtonGroup(self)
        for radio in (self.selected_radio, self.region_radio, self.district_radio):
            group.addButton(radio)
        self.kecamatan.setMinimumContentsLength(14)
        self.village.setMinimumContentsLength(18)
        region = QHBoxLayout()
        region.addWidget(self.region_radio)
        region.addWidget(self.kecamatan, 1)
        region.addWidget(self.village, 1)
        self.district_radio.setToolTip(
            "Semua peserta di kecamatan yang boleh Anda lihat; hanya yang belum punya kartu."
        )
        self.count_label.setWordWrap(True)
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color:#5f6368; padding:4px 2px;")
        self.count_label.setStyleSheet("color:#5f6368")
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(self.selected_radio)
        who_layout.addLayout(region)
        who_layout.addWidget(self.district_radio)
        who_layout.addSpacing(4)
        who_layout.addWidget(self.not_printed)
        who_layout.addWidget(self.count_label)

        self.reprint_text.setWordWrap(True)
        self.reprint_box.hide()  # until a count finds workers who already have a card
        self.reason.setSizeAdjustPolicy(self.reason.SizeAdjustPolicy.AdjustToContents)
        reprint_layout = QVBoxLayout(self.reprint_box)
        reprint_layout.addWidget(self.reprint_text)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel("Alasan cetak ulang:", self.reprint_box))
        reason_row.addWidget(self.reason)
        reason_row.addStretch(1)
        reprint_layout.addLayout(reason_row)

        paper = QGroupBox("Kertas", self)
        paper_group = QButtonGroup(self)
        self.backs.setToolTip(
            "Setelah tiap lembar depan dicetak lembar belakang yang dicerminkan, agar tiap "
            "belakang jatuh tepat di balik depannya. Cetak bolak-balik, balik di sisi panjang."
        )
        self.slot_text.setWordWrap(True)
        slot_row = QHBoxLayout()
        slot_row.addWidget(self.slots, 0, Qt.AlignmentFlag.AlignTop)
        slot_row.addWidget(self.slot_text, 1, Qt.AlignmentFlag.AlignTop)
        paper_layout = QVBoxLayout(paper)
        for radio in self.layout_radios.values():
            paper_group.addButton(radio)
            paper_layout.addWidget(radio)
        paper_layout.addWidget(self.backs)
        paper_layout.addSpacing(6)
        paper_layout.addWidget(QLabel("<b>Posisi awal di lembar A4</b>", paper))
        paper_layout.addLayout(slot_row)
        paper_layout.addStretch(1)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(who, 0, 0)
        grid.addWidget(self.reprint_box, 1, 0)
        grid.addWidget(self.rules, 2, 0)
        grid.addWidget(paper, 0, 1, 4, 1)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def _connect(self) -> None:
        for radio in (self.selected_radio, self.region_radio, self.district_radio):
            radio.toggled.connect(self._on_toggled)
        for radio in self.layout_radios.values():
            radio.toggled.connect(self._on_toggled)
        self.kecamatan.currentIndexChanged.connect(self._on_kecamatan)
        self.village.currentIndexChanged.connect(self._on_changed)
        self.not_printed.toggled.connect(self._on_changed)
        self.backs.toggled.connect(self._on_changed)
        self.reason.currentIndexChanged.connect(self._on_changed)
        self.slots.changed.connect(self._on_changed)
        self._count_timer.timeout.connect(self._count)

    def _on_toggled(self, checked: bool) -> None:
        if checked:  # each radio group reports the one switched off too
            self._on_changed()

    def _on_kecamatan(self, _index: int) -> None:
        self._follow_kecamatan()
        self._on_changed()

    def _on_changed(self, *_args: object) -> None:
        self._follow()
        emit(self.changed)

    def _follow_kecamatan(self) -> None:
        code = self.kecamatan.value()
        villages = self._app.regions.villages(code) if code else []
        self.village.blockSignals(True)
        self.village.set_choices([(v.label, v.code) for v in villages], WHOLE_KECAMATAN)
        self.village.blockSignals(False)

    def _follow(self) -> None:
        region = self.region_radio.isChecked()
        self.kecamatan.setEnabled(region)
        self.village.setEnabled(region and bool(self.kecamatan.value()))
        district = self.district_radio.isChecked()
        if district:
            self.not_printed.setChecked(True)
        self.not_printed.setEnabled(not district)
        a4 = self.layout_radios[CardLayout.A4].isChecked()
        self.slots.setEnabled(a4)
        self.slot_text.setText(self._slot_text(a4))
        self._schedule_count()

    def _slot_text(self, a4: bool) -> str:
        if not a4:
            return "Printer kartu mencetak satu kartu per halaman."
        start = self.slots.start()
        if start == 1:
            return "Mulai di tempat 1: lembar baru. Klik tempat lain bila lembar sudah terpakai."
        used = "tempat 1 sudah terpakai" if start == 2 else f"tempat 1–{start - 1} sudah terpakai"
        return f"Mulai di tempat {start}; {used} dan dilewati."

    # -- who already has a card -----------------------------------------------------

    def _schedule_count(self) -> None:
        request = self.request()
        if self.missing() is not None:
            self._counted = None
            self._show_count(None, None)
            return
        if self._counted is not None and _same_people(request, self._counted):
            return
        self._counted = request
        self.count_label.setText("Menghitung peserta…")
        self._count_timer.start()

    def _count(self) -> None:
        request = self._counted
        if request is None:
            return
        self.tasks.run(
            lambda: count_with_card(self._app, request),
            lambda counts: self._counted_for(request, counts),
            lambda error: self._count_failed(request, error),
            wanted=lambda: self._counted is request,
            retry=False,  # a count beside the options: the next change asks again, no box
        )

    def _counted_for(self, request: PrintRequest, counts: tuple[int, int]) -> None:
        if self._counted is request:
            self._show_count(*counts)

    def _count_failed(self, request: PrintRequest, error: SiRentanError) -> None:
        if self._counted is request:
            self._show_count(None, None)
            self.count_label.setText(f"Jumlah peserta belum dapat dihitung: {error.message}")

    def _show_count(self, total: int | None, with_card: int | None) -> None:
        self.with_card = with_card
        if total is None:
            self.count_label.clear()
        else:
            self.count_label.setText(f"{count_label(total)} pada pilihan ini.")
        self.reprint_box.setVisible(bool(with_card))
        if with_card:
            self.reprint_text.setText(
                f"{count_label(with_card)} pada pilihan ini sudah punya kartu. Tanpa alasan "
                "cetak ulang mereka dilewati; dengan alasan, kartu lama mereka diganti."
            )


def _same_people(a: PrintRequest, b: PrintRequest) -> bool:
    return (a.worker_ids, a.village_code, a.kecamatan_code, a.not_printed) == (
        b.worker_ids,
        b.village_code,
        b.kecamatan_code,
        b.not_printed,
    )
