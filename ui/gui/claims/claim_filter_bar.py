"""Search and filters above the claims list: worker name or NIK, type, kecamatan, deadline."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from models.enums import ClaimType
from services.claims import ClaimQuery, DeadlineState
from services.workers.regions import RegionDirectory
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.flow_layout import FlowLayout

SEARCH_DELAY_MS = 250
WAITING = "menunggu_dokumen"  # not a deadline state: a draft waiting for its papers


class ClaimFilterBar(QWidget):
    changed = Signal()

    def __init__(
        self, regions: RegionDirectory, waiting_days: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Cari nama, NIK atau No. KPJ peserta…")
        self.search.setClearButtonEnabled(True)
        self.claim_type = ChoiceCombo(self)
        self.claim_type.set_choices(
            [("JKK (kecelakaan kerja)", ClaimType.JKK), ("JKM (kematian)", ClaimType.JKM)],
            "Semua jenis",
        )
        self.kecamatan = ChoiceCombo(self)
        kecamatan = [(k.name, k.code) for k in regions.kecamatan()]
        self.kecamatan.set_choices(kecamatan, "Semua kecamatan")
        self.deadline = ChoiceCombo(self)
        self.deadline.set_choices(
            [
                ("Tenggat lapor tahap I berjalan", DeadlineState.RUNNING),
                ("Terlambat lapor tahap I", DeadlineState.LATE),
                ("Lapor tahap I tepat waktu", DeadlineState.ON_TIME),
                (f"Menunggu dokumen > {waiting_days} hari", WAITING),
            ],
            "Semua tenggat",
        )
        self.reset_button = QPushButton("Hapus filter", self)
        self.reset_button.setAutoDefault(False)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._lay_out()
        self._connect()

    def query(self) -> ClaimQuery:
        chosen = self.deadline.value()
        return ClaimQuery(
            text=self.search.text().strip(),
            claim_type=self.claim_type.value(),
            kecamatan_code=self.kecamatan.value(),
            deadline_state=chosen if isinstance(chosen, DeadlineState) else None,
            waiting_documents_only=chosen == WAITING,
        )

    def flush(self) -> None:
        """Apply a search still being typed at once."""
        if self._timer.isActive():
            self._timer.stop()
            emit(self.changed)

    def clear_filters(self) -> None:
        for combo in (self.claim_type, self.kecamatan, self.deadline):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._timer.stop()
        emit(self.changed)

    def _lay_out(self) -> None:
        self.claim_type.setToolTip("Saring menurut jenis klaim")
        self.kecamatan.setToolTip("Saring menurut kecamatan peserta")
        self.deadline.setToolTip(
            "Saring menurut batas laporan tahap I (JKK, 2 × 24 jam) atau draf yang lama "
            "menunggu dokumen"
        )
        self.deadline.setSizeAdjustPolicy(self.deadline.SizeAdjustPolicy.AdjustToContents)
        self.claim_type.setSizeAdjustPolicy(self.claim_type.SizeAdjustPolicy.AdjustToContents)
        # Wraps onto a second line on a narrow screen instead of pushing the window wider.
        layout = FlowLayout(self)
        self.search.setMinimumWidth(260)
        self.kecamatan.setMinimumContentsLength(14)
        layout.addWidget(self.search)
        layout.addWidget(self.claim_type)
        layout.addWidget(self.kecamatan)
        layout.addWidget(self.deadline)
        layout.addWidget(self.reset_button)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.flush)
        self._timer.timeout.connect(self._emit_changed)
        for combo in (self.claim_type, self.kecamatan, self.deadline):
            combo.currentIndexChanged.connect(self._emit_changed)
        self.reset_button.clicked.connect(self.clear_filters)

    def _emit_changed(self, _index: int = 0) -> None:
        emit(self.changed)
