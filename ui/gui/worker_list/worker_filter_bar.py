"""Search box and filters above the worker list; says when the query changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from models.enums import Gender
from services.text.labels import FUNDING, GENDER, WORKER_STATUS
from services.workers.regions import RegionDirectory
from services.workers.types import CARD_FILTER_LABELS, AgeBand, WorkerQuery
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import format_date
from ui.gui.widgets.flow_layout import FlowLayout

SEARCH_DELAY_MS = 250
SEARCH_MIN_WIDTH = 260
ALL_KECAMATAN = "Semua kecamatan"
ALL_VILLAGES = "Semua desa/kelurahan"


class SearchEdit(QLineEdit):
    """Down arrow leaves the box for the list, as in a browser's address bar."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            emit(self.down_pressed)
            return
        super().keyPressEvent(event)


@dataclass(frozen=True, slots=True)
class DrillDown:
    """Filters the bar has no combo for, set from a dashboard bar and shown as one chip."""

    occupation: tuple[str, str] | None = None  # (code, name)
    covered_on: date | None = None
    gender: Gender | None = None
    age_band: AgeBand | None = None
    # The office's day when the drill was made: a day equal to it reads "hari ini".
    today: date | None = None

    def chip_text(self) -> str:
        parts = [f"Pekerjaan: {self.occupation[1]}"] if self.occupation else []
        if self.gender is not None:
            parts.append(GENDER[self.gender])
        if self.age_band is not None:
            band = f"umur {self.age_band.label} tahun"
            if self.age_band.on != self.covered_on:
                band += f" pada {self._day(self.age_band.on)}"
            parts.append(band)
        if self.covered_on is not None:
            parts.append(f"terlindungi {self._day(self.covered_on)}")
        return " · ".join(parts)

    def _day(self, day: date) -> str:
        return "hari ini" if day == self.today else format_date(day)


class WorkerFilterBar(QWidget):
    changed = Signal()
    # Enter in the search box: search now and go to the results.
    submitted = Signal()

    def __init__(self, regions: RegionDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._regions = regions
        self.search = SearchEdit(self)
        self.search.setPlaceholderText("Cari nama, NIK atau No. KPJ…")
        self.search.setClearButtonEnabled(True)
        self.kecamatan = ChoiceCombo(self)
        self.village = ChoiceCombo(self)
        self.status = ChoiceCombo(self)
        self.funding = ChoiceCombo(self)
        self.card = ChoiceCombo(self)
        self.reset_button = QPushButton("Hapus filter", self)
        # Filters the bar has no combo for (a dashboard bar): one removable chip, which the
        # list panel places beside its count (the bar itself is full).
        self.drill_chip = QPushButton(self)
        self.drill_chip.setToolTip("Saringan dari Beranda; klik untuk menghapusnya")
        self.drill_chip.hide()
        self.drill = DrillDown()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._fill_choices()
        self._lay_out()
        self._connect()

    def query(self) -> WorkerQuery:
        return WorkerQuery(
            text=self.search.text().strip(),
            kecamatan_code=self.kecamatan.value(),
            village_code=self.village.value(),
            status=self.status.value(),
            funding=self.funding.value(),
            card=self.card.value(),
            occupation_code=self.drill.occupation[0] if self.drill.occupation else None,
            covered_on=self.drill.covered_on,
            gender=self.drill.gender,
            age_band=self.drill.age_band,
        )

    def set_filters(self, drill: DrillDown, kecamatan_code: str | None = None) -> None:
        """Show exactly these filters (a dashboard bar), with one search for them."""
        self._reset_combos()
        self.kecamatan.blockSignals(True)
        self.kecamatan.set_value(kecamatan_code)
        self.kecamatan.blockSignals(False)
        self._follow_kecamatan()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._timer.stop()
        self._set_drill(drill)
        emit(self.changed)

    def _reset_combos(self) -> None:
        for combo in (self.kecamatan, self.status, self.funding, self.card):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    def _set_drill(self, drill: DrillDown) -> None:
        self.drill = drill
        text = drill.chip_text()
        self.drill_chip.setText(text + "  ✕")
        self.drill_chip.setVisible(bool(text))

    def _clear_drill(self) -> None:
        self._set_drill(DrillDown())
        emit(self.changed)

    def flush(self) -> None:
        """Apply a pending search at once instead of waiting for the pause."""
        if self._timer.isActive():
            self._timer.stop()
            emit(self.changed)

    def clear_filters(self) -> None:
        self._reset_combos()
        self._follow_kecamatan()
        self._set_drill(DrillDown())
        self.search.clear()
        self._timer.stop()
        emit(self.changed)

    def _fill_choices(self) -> None:
        self.kecamatan.set_choices(
            [(k.name, k.code) for k in self._regions.kecamatan()], ALL_KECAMATAN
        )
        self.status.set_choices([(v, k) for k, v in WORKER_STATUS.items()], "Semua status")
        self.funding.set_choices([(v, k) for k, v in FUNDING.items()], "Semua sumber dana")
        self.card.set_choices([(v, k) for k, v in CARD_FILTER_LABELS.items()], "Semua kartu")
        self._follow_kecamatan()
        for combo, tip in (
            (self.kecamatan, "Saring menurut kecamatan"),
            (self.village, "Saring menurut desa/kelurahan; pilih kecamatan dulu"),
            (self.status, "Saring menurut status peserta"),
            (self.funding, "Saring menurut sumber dana iuran"),
            (self.card, "Saring menurut kartu peserta: belum dicetak, belum diserahkan, …"),
        ):
            combo.setToolTip(tip)

    def _lay_out(self) -> None:
        # Wraps onto a second line on a narrow screen instead of pushing the window wider.
        layout = FlowLayout(self)
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.kecamatan.setMinimumContentsLength(12)
        self.village.setMinimumContentsLength(len(ALL_VILLAGES))
        for combo in (self.status, self.funding):
            # Few, fixed labels: show them whole.
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToContents)
        # "Wilayah:" stays on the line of the two pickers it names.
        region = QWidget(self)
        region_row = QHBoxLayout(region)
        region_row.setContentsMargins(0, 0, 0, 0)
        region_row.addWidget(QLabel("Wilayah:", region))
        region_row.addWidget(self.kecamatan)
        region_row.addWidget(self.village)
        layout.addWidget(self.search)
        layout.addWidget(region)
        layout.addWidget(self.status)
        layout.addWidget(self.funding)
        layout.addWidget(self.card)
        layout.addWidget(self.reset_button)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._submit)
        self.search.down_pressed.connect(self._submit)
        self._timer.timeout.connect(self.changed)
        self.kecamatan.currentIndexChanged.connect(self._on_kecamatan)
        for combo in (self.village, self.status, self.funding, self.card):
            combo.currentIndexChanged.connect(self._emit_changed)
        self.reset_button.clicked.connect(self.clear_filters)
        self.drill_chip.clicked.connect(self._clear_drill)

    def _emit_changed(self, _index: int = 0) -> None:
        emit(self.changed)

    def _on_kecamatan(self, _index: int) -> None:
        self._follow_kecamatan()
        emit(self.changed)

    def _follow_kecamatan(self, _index: int = 0) -> None:
        code = self.kecamatan.value()
        villages = self._regions.villages(code) if code else []
        # The kecamatan change already asks for one search; the desa reset must not add one.
        self.village.blockSignals(True)
        self.village.set_choices([(v.label, v.code) for v in villages], ALL_VILLAGES)
        self.village.blockSignals(False)
        self.village.setEnabled(bool(code))

    def _submit(self) -> None:
        self.flush()
        emit(self.submitted)
