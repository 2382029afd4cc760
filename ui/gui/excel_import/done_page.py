"""Step 4: what the commit wrote."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.excel_import import ImportResult
from ui.gui.formats import thousands
from ui.gui.signals import emit


def done_lines(result: ImportResult) -> list[str]:
    counts = result.counts
    lines = [
        f"{thousands(result.inserted)} peserta baru didaftarkan",
        f"{thousands(result.updated)} peserta terdaftar diperbarui",
        f"{thousands(counts.rejected)} baris ditolak (tidak disimpan)",
        f"{thousands(counts.ignored)} baris dilewati (kosong, jumlah, tanda tangan)",
    ]
    skipped = counts.update - result.updated
    if skipped:
        lines.insert(2, f"{thousands(skipped)} peserta sudah terdaftar, tidak diubah")
    if counts.warning:
        lines.append(f"{thousands(counts.warning)} baris diterima dengan catatan")
    if result.twins_recorded:
        lines.append(
            f"{thousands(result.twins_recorded)} pasangan kemungkinan data kembar dicatat untuk "
            "diperiksa di bagian Impor"
        )
    return lines


class DonePage(QWidget):
    report_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.counts = QLabel(self)
        self.note = QLabel(self)
        self.report_button = QPushButton("Simpan laporan .xlsx…", self)
        self.lines: list[str] = []
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.counts.setWordWrap(True)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#5f6368")
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.report_button.clicked.connect(lambda: emit(self.report_requested))

    def show_result(self, result: ImportResult) -> None:
        self.heading.setText(f"Impor #{result.batch_id} tersimpan: {result.file_name}")
        self.lines = done_lines(result)
        rows = "".join(
            f"<tr><td align='right' style='padding:3px 10px 3px 0'><b>{number}</b></td>"
            f"<td style='padding:3px 0'>{text}</td></tr>"
            for number, text in (line.split(" ", 1) for line in self.lines)
        )
        self.counts.setText(f"<table>{rows}</table>")
        self.note.setText(
            "Seluruh impor ini dapat dibatalkan dari bagian Impor (Batalkan impor) selama "
            "peserta yang diimpor belum diubah lagi."
        )
