"""An issued document as the letter register keeps it: the frozen PDF, byte for byte, to print
again or save (Cetak ulang)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from services import documents as docs
from ui.gui.documents.pdf_pane import PdfPane, pdf_file_name
from ui.gui.widgets.date_field import format_date


def document_file_name(entry: docs.DocumentEntry) -> str:
    agreement = entry.kind is docs.DocumentKind.AGREEMENT
    return pdf_file_name(entry.number, "pks" if agreement else "surat")


def entry_summary(entry: docs.DocumentEntry) -> str:
    pages = f"{entry.page_count} halaman"
    state = entry.status_label
    if entry.status_reason:
        state += f": {entry.status_reason}"
    return (
        f"<b>{entry.kind_label}</b> nomor <b>{entry.number}</b> tanggal "
        f"{format_date(entry.document_date)} — {pages}, {entry.page_size.value.upper()}. "
        f"Status: {state}."
    )


class DocumentDialog(QDialog):
    def __init__(self, issued: docs.IssuedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        entry = issued.entry
        self.setWindowTitle(f"Cetak ulang — {entry.number}")
        self.issued = issued
        self.summary = QLabel(entry_summary(entry), self)
        self.summary.setWordWrap(True)
        self.pane = PdfPane("", self)
        self.close_button = QPushButton("Tutup", self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        kept = (
            "" if entry.status is docs.DocumentStatus.ISSUED else " Surat ini tidak berlaku lagi."
        )
        self.pane.show_pdf(
            issued.pdf,
            document_file_name(entry),
            final=True,
            note=(
                "Berkas yang sama persis dengan saat terbit (sidik SHA-256 "
                f"{issued.sha256[:12]}…); cetak ulang ini dicatat di jejak audit.{kept}"
            ),
        )
        self.pane.buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pane, 1)
        self.resize(820, 940)

    def done(self, code: int) -> None:
        self.pane.release()
        super().done(code)
