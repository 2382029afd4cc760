"""Kalibrasi printer: this workstation's offsets, and the ruler page to print and measure."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.cards import card_offsets, render_calibration_page, save_card_offsets
from services.cards.calibration import MAX_OFFSET_MM
from services.cards.render import SheetOptions
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.pdf_delivery import PdfDelivery
from ui.gui.widgets.pdf_printing import TRUE_SIZE_NOTE
from ui.gui.widgets.pdf_viewer import PdfViewer

EXPLANATION = (
    "Setiap printer menarik kertas sedikit berbeda. Cetak halaman kalibrasi, ukur jarak tepi "
    "kertas ke garis A (seharusnya 20 mm), lalu isi geser di sini. Angka positif menggeser "
    "cetakan ke kanan / ke bawah. Disimpan untuk komputer ini saja."
)


class CalibrationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kalibrasi printer kartu")
        self._folder = tempfile.TemporaryDirectory(
            prefix="sirentan-kalibrasi-", ignore_cleanup_errors=True
        )
        self._pages = 0
        self.offset_x = self._spin_box()
        self.offset_y = self._spin_box()
        self.banner = NoticeBanner(self)
        self.save_button = QPushButton("Simpan", self)
        self.close_button = QPushButton("Tutup", self)
        self.viewer = PdfViewer(self)
        # Lines A and B are at opposite corners: the clerk checks the whole page.
        self.viewer.initial_zoom = QPdfView.ZoomMode.FitInView
        self.delivery = PdfDelivery(self.viewer, lambda: "kalibrasi-printer-kartu.pdf", parent=self)
        x, y = card_offsets()
        self.offset_x.setValue(x)
        self.offset_y.setValue(y)
        self._lay_out()
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        for spin in (self.offset_x, self.offset_y):
            spin.valueChanged.connect(self._edited)
        self.show_page()

    def save(self) -> bool:
        x, y = self.offset_x.value(), self.offset_y.value()
        if call_or_show(self, self.banner, lambda: save_card_offsets(x, y), retry=False) is FAILED:
            return False
        self.show_page()
        x, y = card_offsets()
        self.banner.show_message(
            f"Disimpan untuk komputer ini: geser horizontal {x:+.1f} mm, vertikal {y:+.1f} mm. "
            "Halaman kalibrasi di kanan sudah memakai geser baru.",
            Tone.INFO,
        )
        return True

    def show_page(self) -> bool:
        """Render the ruler page with the saved offsets and show it."""
        x, y = card_offsets()
        self._pages += 1
        path = Path(self._folder.name) / f"kalibrasi-{self._pages}.pdf"
        options = SheetOptions(offset_x_mm=x, offset_y_mm=y)

        def show() -> None:
            render_calibration_page(options, path)
            self.viewer.load(path)

        return call_or_show(self, self.banner, show, retry=False) is not FAILED

    def done(self, code: int) -> None:
        self.viewer.close_document()
        self._folder.cleanup()
        super().done(code)

    def _edited(self, _value: float) -> None:
        if (self.offset_x.value(), self.offset_y.value()) != card_offsets():
            self.banner.show_message(
                "Geser belum disimpan; tekan Simpan sebelum mencetak.", Tone.WARNING
            )
        else:
            self.banner.clear_message()

    def _spin_box(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("-10,0 mm") + 48)
        return spin

    def _lay_out(self) -> None:
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        note = QLabel(TRUE_SIZE_NOTE, self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        self.offset_x.setToolTip("Positif: cetakan bergeser ke kanan")
        self.offset_y.setToolTip("Positif: cetakan bergeser ke bawah")
        form = QFormLayout()
        form.addRow("Geser horizontal:", self.offset_x)
        form.addRow("Geser vertikal:", self.offset_y)
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
        side = QVBoxLayout()
        side.addWidget(explanation)
        side.addLayout(form)
        side.addWidget(self.save_button)
        side.addWidget(self.banner)
        side.addStretch(1)
        side.addWidget(note)
        side.addWidget(self.delivery.print_button)
        side.addWidget(self.delivery.save_button)
        side.addWidget(self.close_button)
        side_widget = QWidget(self)
        side_widget.setLayout(side)
        side_widget.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        layout = QHBoxLayout(self)
        layout.addWidget(side_widget)
        layout.addWidget(self.viewer, 1)
        self.resize(1000, 760)
