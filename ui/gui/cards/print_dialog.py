"""Cetak kartu: choose whom and how, render in the background, preview, then print or save.

The batch is recorded (confirm_print) only once the clerk has the cards on
paper or in a file; closing the preview records nothing. The rendered PDF
lives in a temporary folder that goes when the dialog closes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.cards import (
    PreparedPrint,
    PrintRequest,
    PrintResult,
    confirm_print,
    prepare_print,
)
from services.core.errors import SiRentanError
from services.core.progress import CancelledError
from ui.gui.app_context import AppContext
from ui.gui.cards.card_preview import CardPreview
from ui.gui.cards.print_options import PrintOptions
from ui.gui.retry import FAILED, call_or_show
from ui.gui.screen_fit import fit_inside
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.progress_strip import ProgressStrip

OPTIONS_PAGE, PREVIEW_PAGE = 0, 1


class CardPrintDialog(QDialog):
    # A batch went into the print log.
    recorded = Signal(object)  # PrintResult

    def __init__(
        self,
        app: AppContext,
        selected_ids: tuple[int, ...] = (),
        kecamatan_code: str | None = None,
        village_code: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cetak kartu peserta")
        self._app = app
        self.tasks = Tasks(self)
        self._folder = tempfile.TemporaryDirectory(
            prefix="sirentan-kartu-", ignore_cleanup_errors=True
        )
        self._runs = 0
        self.print_result: PrintResult | None = None
        self.options = PrintOptions(app, selected_ids, kecamatan_code, village_code, self)
        self.banner = NoticeBanner(self)
        self.progress = ProgressStrip(
            self.tasks, self, "kartu", "Hentikan; tidak ada yang dicetak atau dicatat"
        )
        self.preview_button = QPushButton("Pratinjau", self)
        self.close_button = QPushButton("Tutup", self)
        self.preview = CardPreview(self)
        self.stack = QStackedWidget(self)
        self._lay_out()
        self._connect()
        self._follow_options()
        self._window = parent.window() if parent is not None else None
        if self._window is not None:
            self._window.installEventFilter(self)

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    @property
    def prepared(self) -> PreparedPrint | None:
        return self.preview.prepared

    # -- step 1: render -----------------------------------------------------------------

    def start_preview(self) -> bool:
        missing = self.options.missing()
        if missing is not None:
            self.banner.show_message(missing, Tone.WARNING)
            return False
        if self.busy:
            return False
        self._runs += 1
        self._render(self.options.request(), Path(self._folder.name) / f"kartu-{self._runs}.pdf")
        return True

    def cancel(self) -> None:
        """Stop a running render; nothing was recorded, and no file is kept."""
        self.progress.cancel()

    def _render(self, request: PrintRequest, out: Path) -> None:
        ctx = self._app.ctx
        self.banner.clear_message()
        self.tasks.run_cancellable(
            "Menyiapkan kartu",
            lambda progress, cancel: prepare_print(ctx, request, out, progress, cancel),
            self._rendered,
            self._render_failed,
        )

    def _rendered(self, prepared: PreparedPrint) -> None:
        shown = call_or_show(
            self, self.banner, lambda: self.preview.show_prepared(prepared), retry=False
        )
        if shown is FAILED:
            return
        self.stack.setCurrentIndex(PREVIEW_PAGE)
        # A card sheet wants room, but never more than the screen: its buttons stay on it.
        self.resize(max(self.width(), 1000), max(self.height(), 780))
        fit_inside(self)

    def _render_failed(self, error: SiRentanError) -> None:
        if isinstance(error, CancelledError):
            self.banner.show_message(
                "Pratinjau dibatalkan; tidak ada kartu yang dicetak atau dicatat.", Tone.INFO
            )
        else:
            self.banner.show_message(error.message, Tone.ERROR)

    # -- step 2: record what was printed or saved ------------------------------------------

    def _delivered(self, how: str, where: str) -> None:
        prepared = self.prepared
        if prepared is None:
            return
        done = "dicetak" if how == "cetak" else "disimpan"
        if self.print_result is not None:
            self.preview.banner.show_message(
                f"PDF {done} ({where}). Cetakan #{self.print_result.batch_id} sudah dicatat.",
                Tone.INFO,
            )
            return
        self._record(prepared)

    def _record(self, prepared: PreparedPrint) -> None:
        ctx = self._app.ctx
        self.preview.delivery.set_enabled(False)
        self.preview.banner.show_message("Mencatat cetakan di log…", Tone.INFO)
        self.tasks.run(
            lambda: confirm_print(ctx, prepared),
            self._recorded,
            self._record_failed,
            settle=lambda: self.preview.delivery.set_enabled(True),
        )

    def _recorded(self, result: PrintResult) -> None:
        self.print_result = result
        self.preview.delivery.set_enabled(True)
        self.preview.show_recorded(result)
        emit(self.recorded, result)

    def _record_failed(self, error: SiRentanError) -> None:
        self.preview.delivery.set_enabled(True)
        self.preview.banner.show_message(
            f"Kartu sudah dicetak/disimpan tetapi BELUM dicatat: {error.message} "
            "Tekan Cetak… atau Simpan PDF… lagi setelah masalahnya beres.",
            Tone.ERROR,
        )

    def _report_failure(self, text: str) -> None:
        self.preview.banner.show_message(text, Tone.ERROR)

    # -- navigation and closing ------------------------------------------------------------

    def back_to_options(self) -> None:
        self.preview.clear()
        self.print_result = None
        self.stack.setCurrentIndex(OPTIONS_PAGE)
        self.banner.clear_message()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The main window closing (sign-out, quit) deletes this dialog with it; the render
        # must stop first, or the deletion would wait for it while holding the GIL.
        closing = event.type() == QEvent.Type.Hide and not event.spontaneous()
        if watched is self._window and closing:
            self.reject()
        return False

    def done(self, code: int) -> None:
        if self.busy:
            self.cancel()
        # The render stops at its next sheet; its PDF must not outlive the dialog.
        self.tasks.wait()
        self.options.wait()
        self.preview.clear()
        self._folder.cleanup()
        super().done(code)

    def _follow_busy(self, busy: bool) -> None:
        self.options.setEnabled(not busy)
        self._follow_options()

    def _follow_options(self) -> None:
        missing = self.options.missing()
        self.preview_button.setEnabled(not self.busy and missing is None)
        self.preview_button.setToolTip(missing or "Buat PDF kartu dan tampilkan di sini")

    def _lay_out(self) -> None:
        self.close_button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.close_button)
        options_page = QWidget(self)
        options_layout = QVBoxLayout(options_page)
        options_layout.setContentsMargins(0, 0, 0, 0)
        options_layout.addWidget(self.options, 1)
        options_layout.addWidget(self.banner)
        options_layout.addWidget(self.progress)
        options_layout.addLayout(buttons)
        self.stack.addWidget(options_page)
        self.stack.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.resize(860, 520)

    def _connect(self) -> None:
        self.tasks.busy_changed.connect(self._follow_busy)
        self.options.changed.connect(self._follow_options)
        self.preview_button.clicked.connect(self.start_preview)
        self.close_button.clicked.connect(self.reject)
        self.preview.close_button.clicked.connect(self.reject)
        self.preview.back_button.clicked.connect(self.back_to_options)
        self.preview.delivery.delivered.connect(self._delivered)
        self.preview.delivery.failed.connect(self._report_failure)
