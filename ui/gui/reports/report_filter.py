"""The Laporan filter panel: which report, the period, kecamatan, village, funding source."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from models.enums import FundingSource
from services.premiums.months import Month, Period
from services.reports import REPORT_TITLES, ReportFilter, ReportKind
from services.text.labels import FUNDING
from services.workers.regions import RegionDirectory
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.month_field import MonthField

EXPLANATIONS = {
    ReportKind.RECAP: (
        "Jumlah peserta per kecamatan dan per desa: menurut status, yang terlindungi hari "
        "ini, dan peserta aktif menurut jenis kelamin, pekerjaan dan sumber dana."
    ),
    ReportKind.VILLAGE_LIST: (
        "Daftar peserta aktif satu desa untuk ditandatangani kepala desa. Pilih desanya, "
        "atau kecamatannya saja untuk semua desa di kecamatan itu."
    ),
    ReportKind.PREMIUM: (
        "Iuran bulan yang dipilih per kecamatan dan sumber dana, tarif, rekonsiliasi "
        "dengan tagihan BPJS sejak Januari, pembayaran dan anggaran tahun itu."
    ),
    ReportKind.CLAIMS: (
        "Klaim yang tanggal kejadiannya dalam periode: per status, jenis dan kecamatan, "
        "perkiraan manfaat dan jumlah dibayar."
    ),
    ReportKind.DATA_QUALITY: (
        "Yang perlu dibetulkan: peringatan NIK, peserta aktif tanpa No. KPJ atau ahli waris, "
        "desa di luar kecamatannya, kemungkinan data ganda."
    ),
}
# Reports that read the period; the others show the register as it is today.
USES_PERIOD = {ReportKind.PREMIUM: "month", ReportKind.CLAIMS: "year"}
WHOLE_YEAR = "year"
ONE_MONTH = "month"


class ReportFilterPanel(QWidget):
    changed = Signal()

    def __init__(
        self, regions: RegionDirectory, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._regions = regions
        self._today = today  # the office's day: the state the other reports show
        self.kind = ChoiceCombo(self)
        self.kind.set_choices([(title, kind) for kind, title in REPORT_TITLES.items()], None)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #4a5560;")
        self.span = ChoiceCombo(self)
        self.span.set_choices([("Satu bulan", ONE_MONTH), ("Satu tahun", WHOLE_YEAR)], None)
        self.month = MonthField(self)
        self.period_note = QLabel(self)
        self.period_note.setWordWrap(True)
        self.period_note.setStyleSheet("color: #4a5560;")
        self.kecamatan = ChoiceCombo(self)
        self.kecamatan.set_choices(
            [(k.name, k.code) for k in regions.kecamatan()], "Semua kecamatan"
        )
        self.village = ChoiceCombo(self)
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(FUNDING[f], f) for f in FundingSource], "Semua sumber dana")
        self._lay_out()
        self._follow_kecamatan()
        self._follow_kind()
        self.kind.currentIndexChanged.connect(self._follow_kind)
        self.span.currentIndexChanged.connect(self._follow_span)
        self.kecamatan.currentIndexChanged.connect(self._follow_kecamatan)
        for combo in (self.village, self.funding):
            combo.currentIndexChanged.connect(self._changed)
        self.month.changed.connect(self._changed)

    def report_kind(self) -> ReportKind:
        return ReportKind(self.kind.value())

    def report_filter(self) -> ReportFilter:
        return ReportFilter(
            period=self.period(),
            kecamatan_code=self.kecamatan.value(),
            village_code=self.village.value(),
            funding=self.funding.value(),
        )

    def period(self) -> Period | None:
        if self.report_kind() not in USES_PERIOD:
            return None
        month = self.month.value()
        if self.span.value() == WHOLE_YEAR:
            return Period.year(month.year)
        return Period(month, month)

    def choose(
        self,
        kind: ReportKind,
        kecamatan_code: str | None = None,
        village_code: str | None = None,
        month: Month | None = None,
        whole_year: bool = False,
    ) -> None:
        """Set the panel as a clerk would (tests, and the premium section's shortcut)."""
        self.kind.set_value(kind)
        self.kecamatan.set_value(kecamatan_code)
        self.village.set_value(village_code)
        self.span.set_value(WHOLE_YEAR if whole_year else ONE_MONTH)
        if month is not None:
            self.month.set_value(month)

    def _lay_out(self) -> None:
        period = QHBoxLayout()
        period.setContentsMargins(0, 0, 0, 0)
        period.addWidget(self.span)
        period.addWidget(self.month, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(8)
        form.addRow("Laporan:", self.kind)
        form.addRow("", self.explanation)
        form.addRow("Periode:", period)
        form.addRow("", self.period_note)
        form.addRow("Kecamatan:", self.kecamatan)
        form.addRow("Desa/kelurahan:", self.village)
        form.addRow("Sumber dana:", self.funding)
        self.kecamatan.setMinimumContentsLength(20)
        self.village.setMinimumContentsLength(20)

    def _follow_kind(self, _index: int = 0) -> None:
        kind = self.report_kind()
        self.explanation.setText(EXPLANATIONS[kind])
        uses = USES_PERIOD.get(kind)
        self.span.setEnabled(uses is not None)
        self.month.setEnabled(uses is not None)
        if uses is not None:
            self.span.set_value(uses)
        self._follow_span()

    def _follow_span(self, _index: int = 0) -> None:
        kind = self.report_kind()
        whole_year = self.span.value() == WHOLE_YEAR
        self.month.set_whole_year(whole_year)
        if kind not in USES_PERIOD:
            note = f"Tidak memakai periode: keadaan register hari ini ({self._today():%d-%m-%Y})."
        elif kind is ReportKind.PREMIUM:
            note = (
                "Iuran bulan terakhir periode (paling lambat bulan ini); rekonsiliasi dari "
                "bulan pertama periode, atau dari Januari bila satu bulan."
            )
        else:
            note = "Klaim dengan tanggal kejadian dalam periode ini."
        self.period_note.setText(note)
        self._changed()

    def _follow_kecamatan(self, _index: int = 0) -> None:
        code = self.kecamatan.value()
        villages = self._regions.villages(code) if code else []
        self.village.blockSignals(True)
        self.village.set_choices([(v.label, v.code) for v in villages], "Semua desa/kelurahan")
        self.village.blockSignals(False)
        self.village.setEnabled(bool(code))
        self._changed()

    def _changed(self, _value: int = 0) -> None:
        emit(self.changed)
