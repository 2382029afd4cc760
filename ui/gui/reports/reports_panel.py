"""Laporan: choose a report and its filter, look at it as PDF inside the app, save it as Excel
or PDF. Building and writing run in the background; a notice names the file saved.

Saving is an export (recorded in the audit trail, needs EXPORT); the preview shows on
screen what the clerk may read anyway, so readers without EXPORT still see reports, and is
recorded in the audit trail too (services.reports.preview_report): it names people.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.reports.service import ReportResult, preview_report, write_report
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.reports.report_files import AskPath, PreviewFolder, ask_report_path, default_name
from ui.gui.reports.report_filter import ReportFilterPanel
from ui.gui.retry import FAILED, call_or_show
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.pdf_viewer import PdfViewer

EMPTY_PREVIEW = "Pilih laporan dan saringannya, lalu tekan Pratinjau PDF."


class ReportsPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.filters = ReportFilterPanel(app.regions, app.office_today, self)
        self.preview_button = QPushButton("Pratinjau PDF", self)
        self.excel_button = QPushButton("Simpan Excel…", self)
        self.pdf_button = QPushButton("Simpan PDF…", self)
        self.status = QLabel(self)
        self.banner = NoticeBanner(self)
        self.viewer = PdfViewer(self)
        self.empty = QLabel(EMPTY_PREVIEW, self)
        self.pages = QStackedWidget(self)
        # Asked where to save; tests answer without a dialog.
        self.ask_path: AskPath = ask_report_path
        self.busy = False
        self.last_saved: ReportResult | None = None
        self._folder = Path.home()
        self._previews = PreviewFolder()
        previews = self._previews
        self.destroyed.connect(lambda *_: previews.cleanup())
        self._lay_out()
        self.preview_button.clicked.connect(self.preview)
        self.excel_button.clicked.connect(lambda: self.save(".xlsx"))
        self.pdf_button.clicked.connect(lambda: self.save(".pdf"))
        self.filters.changed.connect(self.banner.clear_message)

    # -- actions --------------------------------------------------------------------

    def preview(self) -> bool:
        """Build the chosen report as PDF into the private folder and show it."""
        if self.busy:
            return False
        ctx, regions = self._app.ctx, self._app.regions
        kind, report_filter = self.filters.report_kind(), self.filters.report_filter()
        path = self._previews.next_path()

        def work() -> Path:
            return preview_report(ctx, kind, path, report_filter, regions=regions).path

        self._start("Menyusun pratinjau…")
        self.tasks.run(work, self._show_preview, self.banner, settle=self._settle)
        return True

    def save(self, suffix: str, path: Path | None = None) -> bool:
        """Ask where (unless given), then build and write the file in the background."""
        if self.busy:
            return False
        kind, report_filter = self.filters.report_kind(), self.filters.report_filter()
        if path is None:
            today = self._app.office_today()
            name = default_name(kind, report_filter, self._place(), suffix, today)
            path = self.ask_path(self, self._folder / name, suffix)
            if path is None:
                return False
        self._folder = path.parent
        ctx, regions = self._app.ctx, self._app.regions

        def work() -> ReportResult:
            try:
                return write_report(ctx, kind, path, report_filter, regions=regions)
            except OSError as error:
                raise SiRentanError(
                    f"Laporan tidak dapat disimpan ke {path}: {error.strerror or error}. "
                    "Pilih folder lain."
                ) from error

        self._start(f"Menyimpan {path.name}…")
        self.tasks.run(work, self._saved, self.banner, settle=self._settle)
        return True

    # -- results ----------------------------------------------------------------------

    def _show_preview(self, path: Path) -> None:
        self._settle()
        if call_or_show(self, self.banner, lambda: self.viewer.load(path), retry=False) is FAILED:
            return
        self.pages.setCurrentWidget(self.viewer)

    def _saved(self, result: ReportResult) -> None:
        self._settle()
        self.last_saved = result
        pdf = result.path.suffix.lower() == ".pdf"
        unit = "halaman" if pdf else "lembar kerja"
        counted = thousands(result.report.row_count)
        self.banner.show_message(
            f"{result.report.title} disimpan di {result.path} "
            f"({result.pages} {unit}, {counted} {result.report.row_unit}).",
            Tone.INFO,
        )
        if pdf:
            # The preview shows what was saved, from a copy: the clerk's file stays free.
            copy = self._previews.next_path()
            shutil.copyfile(result.path, copy)
            self._show_preview(copy)

    def _start(self, text: str) -> None:
        self.busy = True
        self.banner.clear_message()
        self.status.setText(text)
        for button in self._buttons():
            button.setEnabled(False)

    def _settle(self) -> None:
        self.busy = False
        self.status.clear()
        for button in self._buttons():
            button.setEnabled(True)

    def _buttons(self) -> list[QPushButton]:
        return [self.preview_button, self.excel_button, self.pdf_button]

    def _place(self) -> str | None:
        code = self.filters.village.value() or self.filters.kecamatan.value()
        return self._app.regions.name(code) if code else None

    def _lay_out(self) -> None:
        title = QLabel("Laporan", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        can_export = self._app.can(Permission.EXPORT)
        self.excel_button.setVisible(can_export)
        self.pdf_button.setVisible(can_export)
        self.preview_button.setToolTip("Tampilkan laporan sebagai PDF di sini, tanpa menyimpan")
        self.excel_button.setToolTip("Simpan laporan sebagai buku kerja Excel (.xlsx)")
        self.pdf_button.setToolTip("Simpan laporan sebagai PDF untuk dicetak atau dikirim")
        self.status.setStyleSheet("color: #4a5560;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #4a5560;")
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.viewer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.excel_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        box = QGroupBox("Laporan dan saringan", self)
        side = QVBoxLayout(box)
        side.addWidget(self.filters)
        side.addSpacing(8)
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addStretch(1)
        if not can_export:
            note = QLabel("Akun ini dapat melihat laporan, tetapi tidak menyimpannya.", box)
            note.setWordWrap(True)
            side.addWidget(note)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(box)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([420, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
