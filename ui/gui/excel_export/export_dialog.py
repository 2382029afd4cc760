"""Which export to write, and where: the formats in words, then Qt's own save dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from services.excel_export import ExportFormat
from ui.gui.widgets.dialog_buttons import accept_buttons

CHOICES: dict[ExportFormat, tuple[str, str]] = {
    ExportFormat.LIST: (
        "Daftar peserta",
        "Semua kolom daftar peserta, persis peserta yang tampil di layar.",
    ),
    ExportFormat.BPJS: (
        "Pendaftaran kolektif BPJS Ketenagakerjaan",
        "Kolom sesuai menu Pengaturan → Pengaturan kantor → Laporan & ekspor → “Kolom daftar "
        "pendaftaran BPJS”; hanya peserta yang perlu didaftarkan, seperti surat pengantar "
        "pendaftaran: terlindungi hari ini, dibayar dari sumber dana PKS, belum memiliki KPJ.",
    ),
    ExportFormat.VILLAGE: (
        "Daftar per desa",
        "Satu lembar kerja untuk setiap desa/kelurahan, untuk dikirim ke kepala desa.",
    ),
    ExportFormat.RECAP: (
        "Rekap per kecamatan dan desa",
        "Rekap yang sama dengan laporan 1: status, terlindungi hari ini, dan dari peserta "
        "aktif jenis kelamin, pekerjaan dan sumber dana.",
    ),
}
FILE_STEMS = {
    ExportFormat.LIST: "daftar-peserta",
    ExportFormat.BPJS: "pendaftaran-bpjs",
    ExportFormat.VILLAGE: "peserta-per-desa",
    ExportFormat.RECAP: "rekap-peserta",
}
CHOOSE = "Pilih tempat simpan…"


def default_name(fmt: ExportFormat, today: date) -> str:
    return f"{FILE_STEMS[fmt]}-{today:%Y%m%d}.xlsx"


class ExportDialog(QDialog):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ekspor ke Excel")
        self.group = QButtonGroup(self)
        self.radios: dict[ExportFormat, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(f"Yang diekspor: {what}. Pilih bentuk berkasnya:", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for fmt, (title, note) in CHOICES.items():
            radio = QRadioButton(title, self)
            self.group.addButton(radio)
            self.radios[fmt] = radio
            detail = QLabel(note, self)
            detail.setWordWrap(True)
            detail.setStyleSheet("color:#5f6368; margin-left:22px")
            pair = QVBoxLayout()
            pair.setSpacing(0)
            pair.addWidget(radio)
            pair.addWidget(detail)
            layout.addLayout(pair)
        self.radios[ExportFormat.LIST].setChecked(True)
        buttons = accept_buttons(self, CHOOSE)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def chosen(self) -> ExportFormat:
        return next(f for f, r in self.radios.items() if r.isChecked())


def ask_export_path(parent: QWidget, fmt: ExportFormat, folder: Path, today: date) -> Path | None:
    """``today``: the office's day, in the offered file name."""
    start = folder / default_name(fmt, today)
    dialog = QFileDialog(parent, "Simpan ekspor", str(start), "Buku kerja Excel (*.xlsx)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("xlsx")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
