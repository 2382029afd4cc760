"""What the letter form and the agreement form share: the form on the left, the PDF on the
right; Pratinjau renders a marked, unnumbered preview in the background; Terbitkan asks
first (the number is taken and the document frozen), issues, and shows the numbered PDF
ready to print or save. A correction names the number it replaces."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.core.context import ServiceContext
from services.core.errors import Problem, SiRentanError, ValidationError
from services.documents.letter_register import PlaceholderEmblemError
from services.documents.page import RenderedPdf
from ui.gui.app_context import AppContext
from ui.gui.documents.document_dialog import document_file_name
from ui.gui.documents.pdf_pane import PdfPane
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.keyboard import enter_clicks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

ISSUE = "Terbitkan"
PREVIEW_NOTE = (
    "PRATINJAU — belum bernomor dan belum dicatat. Periksa isinya; tekan Terbitkan untuk "
    "memberi nomor dari buku agenda."
)
STALE_NOTE = "Isian berubah sejak pratinjau ini dibuat; tekan Pratinjau lagi untuk melihatnya."


def ask_issue(parent: QWidget, what: str) -> bool:
    """The clerk confirms: issuing takes a number that is never given again."""
    box = QMessageBox(QMessageBox.Icon.Question, "Terbitkan dokumen", "", parent=parent)
    box.setText(f"Terbitkan {what} sekarang?")
    box.setInformativeText(
        "Nomor diambil dari buku agenda dan dokumen dibekukan: isinya tidak dapat diubah lagi. "
        "Kesalahan sesudahnya hanya dapat dibatalkan atau diralat dengan surat baru."
    )
    issue = box.addButton(ISSUE, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is issue


def ask_placeholder(parent: QWidget, message: str) -> bool:
    """The kop still carries the placeholder emblem: issue anyway only on an explicit yes."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Lambang contoh di kop", "", parent=parent)
    box.setText("Kop dokumen ini masih memakai lambang contoh. Tetap terbitkan?")
    box.setInformativeText(message)
    issue = box.addButton("Terbitkan dengan lambang contoh", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is issue


class ComposePage(QWidget):
    _sized: bool  # set once the splitter got its first sizes
    issued = Signal(object)  # IssuedDocument

    def __init__(self, app: AppContext, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.tasks = Tasks(self)
        self.form = QWidget(self)
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.setContentsMargins(4, 4, 12, 4)
        # Under the scrolling form, always in sight (the agreement's computed value).
        self.footer = QVBoxLayout()
        self.correction = NoticeBanner(self)
        self.not_correction_button = QPushButton("Bukan koreksi", self)
        self.banner = NoticeBanner(self)
        self.new_button = QPushButton("Mulai baru", self)
        self.preview_button = QPushButton("Pratinjau", self)
        self.issue_button = QPushButton("Terbitkan…", self)
        self.pane = PdfPane(empty_text, self)
        self.confirm: Callable[[QWidget, str], bool] = ask_issue
        self.confirm_placeholder: Callable[[QWidget, str], bool] = ask_placeholder
        self.replaces_number: str | None = None
        self.result: docs.IssuedDocument | None = None
        self.busy = False
        self._lay_out()
        self.new_button.clicked.connect(self.start_new)
        self.preview_button.clicked.connect(self.preview)
        self.issue_button.clicked.connect(lambda: self.issue())
        self.not_correction_button.clicked.connect(lambda: self.set_replaces(None))

    # -- for the subclasses ---------------------------------------------------------

    def build_request(self, problems: list[Problem]) -> Any | None:
        """The request from the form; None when something typed cannot be read."""
        raise NotImplementedError

    def render_preview(self, ctx: ServiceContext, request: Any) -> RenderedPdf:
        raise NotImplementedError

    def issue_request(
        self, ctx: ServiceContext, request: Any, placeholder_confirmed: bool
    ) -> docs.IssuedDocument:
        raise NotImplementedError

    def place_problems(self, problems: list[Problem]) -> list[Problem]:
        """Show problems under their inputs; return those no input owns."""
        raise NotImplementedError

    def reset_form(self) -> None:
        raise NotImplementedError

    def what(self) -> str:
        """ "surat keterangan kepesertaan" for the confirmation question."""
        raise NotImplementedError

    def form_minimum_width(self) -> int:
        """The width the form needs without scrolling sideways."""
        return self.form.minimumSizeHint().width()

    # -- the flow ---------------------------------------------------------------------

    def preview(self) -> bool:
        request = self._request()
        if request is None or self.busy:
            return False
        ctx = self.app.ctx
        self._start("Menyiapkan pratinjau…")
        self.tasks.run(
            lambda: self.render_preview(ctx, request),
            self._previewed,
            self._failed,
            settle=self._settle,
        )
        return True

    def issue(self, placeholder_confirmed: bool = False) -> bool:
        """Terbitkan…: asked first; asked again when the kop still has the placeholder emblem."""
        request = self._request()
        if request is None or self.busy:
            return False
        if not placeholder_confirmed and not self.confirm(self, self.what()):
            return False
        ctx = self.app.ctx
        self._start("Menerbitkan: mengambil nomor dan menyimpan PDF…")
        self.tasks.run(
            lambda: self.issue_request(ctx, request, placeholder_confirmed),
            self._issued,
            self._failed,
            settle=self._settle,
        )
        return True

    def start_new(self) -> None:
        """An empty form again (after an issue, or to throw away what was typed)."""
        self.tasks.wait()
        self.result = None
        self.reset_form()
        self.set_replaces(None)
        self.place_problems([])
        self.banner.clear_message()
        self.pane.clear()
        self._lock(False)

    def set_replaces(self, number: str | None) -> None:
        self.replaces_number = number
        if number:
            self.correction.show_message(
                f"Koreksi (ralat) atas nomor {number}: dokumen ini terbit dengan nomor baru dan "
                f"nomor {number} ditandai diganti di buku agenda.",
                Tone.WARNING,
            )
        else:
            self.correction.clear_message()
        self.not_correction_button.setVisible(bool(number))

    def form_changed(self) -> None:
        """Subclasses call this when an input changes: a shown preview is now out of date."""
        if self.pane.viewer.path is not None and not self.pane.final:
            self.pane.banner.show_message(STALE_NOTE, Tone.WARNING)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            # The form gets a little more than half, and never less than its inputs need:
            # the page beside it is read fitted to whatever width is left.
            bar = self._scroll.verticalScrollBar().sizeHint().width()
            self._scroll.setMinimumWidth(self.form_minimum_width() + bar + 4)
            total = self.split.width()
            left = max(total * 11 // 20, self._scroll.minimumWidth())
            self.split.setSizes([left, max(total - left, 1)])

    # -- inside -----------------------------------------------------------------------

    def _request(self) -> Any | None:
        if self.result is not None:
            return None
        problems: list[Problem] = []
        request = self.build_request(problems)
        self._show(problems)
        return request if not problems else None

    def _show(self, problems: list[Problem]) -> None:
        rest = self.place_problems(problems)
        if rest:
            self.banner.show_message("\n".join(p.text for p in rest), Tone.ERROR)
        elif problems:
            self.banner.show_message("Periksa isian yang ditandai merah.", Tone.ERROR)
        else:
            self.banner.clear_message()

    def _start(self, text: str) -> None:
        self.busy = True
        self._buttons_enabled(False)
        self.banner.show_message(text, Tone.INFO)

    def _settle(self) -> None:
        self.busy = False
        self._buttons_enabled(self.result is None)
        self.new_button.setEnabled(True)

    def _previewed(self, rendered: RenderedPdf) -> None:
        self._settle()
        self.banner.clear_message()
        self.pane.show_pdf(rendered.data, "pratinjau.pdf", final=False, note=PREVIEW_NOTE)

    def _issued(self, issued: docs.IssuedDocument) -> None:
        self.result = issued
        self._settle()
        entry = issued.entry
        self._lock(True)
        self.banner.show_message(
            f"{entry.kind_label} terbit dengan nomor {entry.number} dan dicatat di buku agenda. "
            "Cetak atau simpan PDF-nya di sebelah kanan. Untuk dokumen lain tekan Dokumen baru.",
            Tone.INFO,
        )
        self.pane.show_pdf(
            issued.pdf,
            document_file_name(entry),
            final=True,
            note=f"Nomor {entry.number} — {entry.page_count} halaman, tercatat di buku agenda.",
        )
        emit(self.issued, issued)

    def _failed(self, error: SiRentanError) -> None:
        self._settle()
        if isinstance(error, PlaceholderEmblemError):
            self.banner.clear_message()
            if self.confirm_placeholder(self, error.message):
                self.issue(placeholder_confirmed=True)
            else:
                self.banner.show_message(error.message, Tone.WARNING)
        elif isinstance(error, ValidationError):
            self._show(error.problems)
        else:
            self.banner.show_message(error.message, Tone.ERROR)

    def _lock(self, issued: bool) -> None:
        # An issued document is frozen: its form may be read, not changed and issued again.
        self.form.setEnabled(not issued)
        self.not_correction_button.setEnabled(not issued)
        self._buttons_enabled(not issued)
        # The way on to the next document: it stays usable after an issue.
        self.new_button.setEnabled(not self.busy)
        self.new_button.setText("Dokumen baru" if issued else "Mulai baru")

    def _buttons_enabled(self, enabled: bool) -> None:
        self.preview_button.setEnabled(enabled)
        self.issue_button.setEnabled(enabled)
        self.new_button.setEnabled(enabled)

    def _lay_out(self) -> None:
        self.preview_button.setToolTip("Lihat hasilnya dulu: bertanda PRATINJAU, tanpa nomor")
        self.issue_button.setToolTip("Ambil nomor dari buku agenda dan bekukan dokumennya")
        self.new_button.setToolTip("Kosongkan formulir untuk dokumen baru")
        self.not_correction_button.setToolTip("Jadikan dokumen biasa, bukan ralat surat lain")
        for button in (
            self.new_button,
            self.preview_button,
            self.issue_button,
            self.not_correction_button,
        ):
            button.setAutoDefault(False)
        enter_clicks(self, self.new_button, self.preview_button, self.issue_button)
        self.not_correction_button.hide()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        correction = QHBoxLayout()
        correction.addWidget(self.correction, 1)
        correction.addWidget(self.not_correction_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.issue_button)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(correction)
        column.addWidget(scroll, 1)
        column.addLayout(self.footer)
        column.addWidget(self.banner)
        column.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.pane)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.split = split
        self._scroll = scroll
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)
