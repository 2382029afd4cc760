"""A document's PDF inside the app (the cards' viewer), with Cetak… and Simpan PDF… once it
is the issued, numbered file. Previews are marked and unnumbered: they are looked at, not
handed out, so they cannot be printed or saved from here.

Letters name people, so the files live in a private temporary folder that goes with the
pane; each PDF gets a new file name (Windows cannot overwrite a file the viewer holds)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from services.core.file_output import write_error
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.pdf_delivery import PdfDelivery
from ui.gui.widgets.pdf_viewer import PdfViewer


def pdf_file_name(number: str, prefix: str = "surat") -> str:
    """ "surat-500.15-12-nakertrans-xi-2026.pdf": the number, safe on every file system."""
    words = re.sub(r"[^a-z0-9.]+", "-", number.lower()).strip("-.")
    return f"{prefix}-{words[:80] or 'dokumen'}.pdf"


class PdfPane(QWidget):
    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = NoticeBanner(self)
        self.viewer = PdfViewer(self)
        self.empty = QLabel(empty_text, self)
        self.delivery = PdfDelivery(self.viewer, lambda: self.file_name, parent=self)
        self.delivery.print_button.setToolTip(
            "Pilih printer; dicetak ukuran sebenarnya (100 %) pada kertas A4 atau F4 surat ini"
        )
        self.delivery.save_button.setToolTip("Simpan salinan PDF yang terbit ini")
        self.file_name = "surat.pdf"
        # True while the shown file is the issued one (numbered, in the letter register).
        self.final = False
        self._folder = tempfile.TemporaryDirectory(
            prefix="sirentan-surat-", ignore_cleanup_errors=True
        )
        self._serial = 0
        folder = self._folder
        self.destroyed.connect(lambda *_: folder.cleanup())
        self._lay_out()
        self.delivery.set_enabled(False)
        self.delivery.delivered.connect(self._delivered)
        self.delivery.failed.connect(lambda text: self.banner.show_message(text, Tone.ERROR))

    def show_pdf(self, data: bytes, file_name: str, final: bool, note: str) -> bool:
        """Show the bytes; False (with the reason in the banner) when Qt cannot read them."""
        self.viewer.close_document()
        self._serial += 1
        path = Path(self._folder.name) / f"{self._serial}-{file_name}"
        try:
            path.write_bytes(data)  # a private copy for the viewer
        except OSError as error:
            text = write_error(error, path).message
            if final:
                text += " Dokumen sudah tercatat; cetak ulang dari Buku agenda bila perlu."
            self.banner.show_message(text, Tone.ERROR)
            self.final = False
            self.delivery.set_enabled(False)
            return False
        if call_or_show(self, self.banner, lambda: self.viewer.load(path), retry=False) is FAILED:
            self.final = False
            self.delivery.set_enabled(False)
            return False
        self.file_name = file_name
        self.final = final
        self._stack.setCurrentWidget(self.viewer)
        self.delivery.set_enabled(final)
        self.banner.show_message(note, Tone.INFO if final else Tone.WARNING)
        return True

    def clear(self) -> None:
        self.viewer.close_document()
        self.final = False
        self.delivery.set_enabled(False)
        self.banner.clear_message()
        self._stack.setCurrentWidget(self.empty)

    def release(self) -> None:
        """Close the file and remove the folder (the pane's window is closing)."""
        self.viewer.close_document()
        self._folder.cleanup()

    def _delivered(self, how: str, where: str) -> None:
        done = where if how == "cetak" else f"disimpan ke {where}"
        self.banner.show_message(f"PDF {done}.", Tone.INFO)

    def _lay_out(self) -> None:
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#5f6368; background:#f1f3f4; padding:24px;")
        holder = QWidget(self)
        self._stack = QStackedLayout(holder)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.viewer)
        # A dialog adds its own Tutup here.
        self.buttons = buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delivery.print_button)
        buttons.addWidget(self.delivery.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(holder, 1)
        layout.addLayout(buttons)
