"""The rendered cards before anything is recorded: who was left out, the pages, Cetak/Simpan."""

from __future__ import annotations

import re

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.enums import CardLayout
from services.cards import PreparedPrint, PrintResult
from services.text.labels import CARD_LAYOUT, REPRINT_REASON
from ui.gui.formats import thousands
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.pdf_delivery import PdfDelivery
from ui.gui.widgets.pdf_printing import TRUE_SIZE_NOTE
from ui.gui.widgets.pdf_viewer import PdfViewer


def pdf_file_name(prepared: PreparedPrint) -> str:
    """ "kartu-desa-naiola-20260312.pdf" (the office's day the cards were prepared):
    readable, and safe on every file system."""
    words = re.sub(r"[^a-z0-9]+", "-", prepared.plan.selection_label.lower()).strip("-")
    return f"kartu-{words[:60] or 'peserta'}-{prepared.day:%Y%m%d}.pdf"


def summary_text(prepared: PreparedPrint) -> str:
    plan = prepared.plan
    request = plan.request
    cards = len(plan.worker_ids)
    text = f"<b>{plan.selection_label}</b>: {thousands(cards)} kartu"
    if plan.reprint_ids:
        reason = REPRINT_REASON[request.reprint_reason] if request.reprint_reason else ""
        text += f" ({thousands(len(plan.reprint_ids))} cetak ulang: {reason.lower()})"
    paper = CARD_LAYOUT[request.layout]
    if request.backs:
        paper += ", dengan sisi belakang"
    if request.layout == CardLayout.A4 and request.start_position > 1:
        paper += f", mulai di tempat {request.start_position}"
    return f"{text} di {thousands(prepared.pages)} halaman — {paper}."


class CardPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prepared: PreparedPrint | None = None
        self.summary = QLabel(self)
        self.notice = NoticeBanner(self)
        self.banner = NoticeBanner(self)
        self.viewer = PdfViewer(self)
        self.delivery = PdfDelivery(self.viewer, self._file_name, self._duplex, self)
        self.back_button = QPushButton("‹ Ubah pilihan", self)
        self.close_button = QPushButton("Tutup", self)
        self.true_size = QLabel(TRUE_SIZE_NOTE, self)
        self._lay_out()

    def show_prepared(self, prepared: PreparedPrint) -> None:
        """Load the PDF (SiRentanError when Qt cannot read it) and say what it holds."""
        # A whole sheet shows where the cards land; a single card is read best full width.
        a4 = prepared.plan.request.layout == CardLayout.A4
        self.viewer.initial_zoom = (
            QPdfView.ZoomMode.FitInView if a4 else QPdfView.ZoomMode.FitToWidth
        )
        self.viewer.load(prepared.pdf_path)
        self.prepared = prepared
        self.summary.setText(summary_text(prepared))
        notice = prepared.plan.notice
        if notice:
            self.notice.show_message(notice + _skipped_names(prepared), Tone.WARNING)
        else:
            self.notice.clear_message()
        self.banner.show_message(
            "Belum dicatat. Cetakan dicatat di log setelah Anda menekan Cetak… atau Simpan PDF…; "
            "menutup tanpa mencetak tidak mencatat apa pun.",
            Tone.INFO,
        )

    def show_recorded(self, result: PrintResult) -> None:
        reprints = f", {thousands(result.reprints)} cetak ulang" if result.reprints else ""
        self.banner.show_message(
            f"Cetakan #{result.batch_id} dicatat: {thousands(result.cards)} kartu{reprints}. "
            "Serahkan kartunya lewat bagian Kartu.",
            Tone.INFO,
        )

    def clear(self) -> None:
        self.viewer.close_document()
        self.prepared = None

    def _file_name(self) -> str:
        return pdf_file_name(self.prepared) if self.prepared else "kartu.pdf"

    def _duplex(self) -> bool:
        return bool(self.prepared and self.prepared.plan.request.backs)

    def _lay_out(self) -> None:
        self.summary.setWordWrap(True)
        self.true_size.setWordWrap(True)
        self.true_size.setStyleSheet("color:#5f6368")
        for button in (self.back_button, self.close_button):
            button.setAutoDefault(False)
        self.back_button.setToolTip("Kembali ke pilihan cetak; PDF ini dibuang")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delivery.print_button)
        buttons.addWidget(self.delivery.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(self.true_size)
        layout.addLayout(buttons)


def _skipped_names(prepared: PreparedPrint, shown: int = 8) -> str:
    skipped = prepared.plan.skipped
    names = ", ".join(f"{s.full_name} ({s.reason})" for s in skipped[:shown])
    more = f", dan {thousands(len(skipped) - shown)} lainnya" if len(skipped) > shown else ""
    return f"\n{names}{more}."
