"""The "what is still missing" slip for the family: rendered by the service in the
background, shown in the app's PDF viewer, then printed or saved. The PDF names the
worker, so it lives in a temporary folder that goes when the dialog closes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.claims import ClaimDetail
from services.claims.missing_slip import write_missing_slip
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_show
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.pdf_delivery import PdfDelivery
from ui.gui.widgets.pdf_viewer import PdfViewer


def slip_file_name(detail: ClaimDetail) -> str:
    return f"kekurangan-berkas-klaim-{detail.id}.pdf"


class SlipDialog(QDialog):
    def __init__(self, app: AppContext, detail: ClaimDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Daftar kekurangan berkas — klaim #{detail.id}")
        self._app = app
        self._detail = detail
        self.tasks = Tasks(self)
        self._folder = tempfile.TemporaryDirectory(
            prefix="sirentan-kekurangan-", ignore_cleanup_errors=True
        )
        self.busy = False
        self.summary = QLabel(self)
        self.banner = NoticeBanner(self)
        self.viewer = PdfViewer(self)
        self.delivery = PdfDelivery(self.viewer, lambda: slip_file_name(detail), parent=self)
        self.delivery.print_button.setToolTip("Pilih printer; satu halaman A4")
        self.delivery.save_button.setToolTip("Simpan salinan PDF ini")
        self.close_button = QPushButton("Tutup", self)
        self._lay_out()
        self.delivery.delivered.connect(self._delivered)
        self.delivery.failed.connect(lambda text: self.banner.show_message(text, Tone.ERROR))
        self.close_button.clicked.connect(self.reject)

    def draw_slip(self) -> None:
        if self.busy:
            return
        ctx, claim_id = self._app.ctx, self._detail.id
        path = Path(self._folder.name) / slip_file_name(self._detail)
        self.busy = True
        self.delivery.set_enabled(False)
        self.banner.show_message("Menyiapkan daftar kekurangan…", Tone.INFO)
        self.tasks.run(
            lambda: write_missing_slip(ctx, claim_id, path),
            self._rendered,
            self.banner,
            settle=self._settle,
        )

    def _rendered(self, path: Path) -> None:
        self._settle()
        if call_or_show(self, self.banner, lambda: self.viewer.load(path), retry=False) is FAILED:
            return
        missing = len(self._detail.missing_documents)
        self.summary.setText(
            f"<b>{self._detail.worker.full_name}</b>: {missing} dokumen belum diterima. "
            "Serahkan lembar ini kepada keluarga."
        )
        self.banner.show_message(
            "Pencetakan daftar ini dicatat di jejak audit. Cetak… untuk kertas, Simpan PDF… "
            "untuk berkas.",
            Tone.INFO,
        )
        self.delivery.set_enabled(True)

    def _settle(self) -> None:
        self.busy = False

    def _delivered(self, how: str, where: str) -> None:
        done = where if how == "cetak" else f"disimpan ke {where}"
        self.banner.show_message(f"Daftar kekurangan: {done}.", Tone.INFO)

    def done(self, code: int) -> None:
        # The render must finish before its folder goes.
        self.tasks.wait()
        self.viewer.close_document()
        self._folder.cleanup()
        super().done(code)

    def _lay_out(self) -> None:
        self.summary.setWordWrap(True)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delivery.print_button)
        buttons.addWidget(self.delivery.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.viewer, 1)
        layout.addLayout(buttons)
        self.resize(760, 900)
