"""The import wizard: choose the file, check the columns, see the dry run, commit.

Every slow step runs in the window's Tasks (progress bar, Batal), so the window stays
usable on a 15,000-row file. Nothing is written before "Simpan ke daftar
peserta", and then all accepted rows are written in one transaction or none.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.enums import BatchStatus, OnExisting
from services.core.errors import SiRentanError
from services.core.progress import CancelledError
from services.excel_import import (
    ApprovalRequiredError,
    ImportOptions,
    ImportResult,
    get_batch,
    with_header_row,
)
from ui.gui.app_context import AppContext
from ui.gui.excel_import import wizard_jobs as jobs
from ui.gui.excel_import.done_page import DonePage
from ui.gui.excel_import.file_page import FilePage, ask_import_path
from ui.gui.excel_import.mapping_page import MappingPage
from ui.gui.excel_import.preview_page import PreviewPage
from ui.gui.excel_import.wizard_buttons import WizardButtons, confirm_commit
from ui.gui.formats import thousands
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.tasks import CancellableWork, Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.progress_strip import ProgressStrip

STEPS = ("Pilih berkas", "Cocokkan kolom", "Pratinjau", "Selesai")
FILE, MAPPING, PREVIEW, DONE = range(len(STEPS))


class ImportWizard(QDialog):
    # A commit went through (the ImportResult): lists of workers and batches reload.
    imported = Signal(object)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Impor daftar peserta dari Excel/CSV")
        self._app = app
        self.tasks = Tasks(self)
        self.steps = QLabel(self)
        self.pages = QStackedWidget(self)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        self.banner = NoticeBanner(self)
        self.progress = ProgressStrip(self.tasks, self)
        self.buttons = WizardButtons(self)
        self.loaded: jobs.Loaded | None = None
        self.import_result: ImportResult | None = None
        self._close_when_idle = False
        self._lay_out()
        self._connect()
        self._go(FILE)

    # -- steps the clerk (or a test) takes -------------------------------------------------

    def open_file(self, path: Path, sheet: str | None = None) -> None:
        ctx = self._app.ctx
        self._run("Membaca berkas", lambda _p, _c: jobs.load_file(ctx, path, sheet), self._loaded)

    def choose_header_row(self, row: int) -> None:
        if self.loaded is None or row == self.loaded.source.header_row:
            return
        loaded = self.loaded.source
        source = call_or_show(self, self.banner, lambda: with_header_row(loaded, row), retry=False)
        if source is FAILED:
            return
        ctx = self._app.ctx
        self._run("Membaca judul kolom", lambda _p, _c: jobs.mapped(ctx, source), self._loaded)

    def next_step(self) -> None:
        page = self.pages.currentIndex()
        loaded = self.loaded
        if page == FILE and loaded is not None:
            # Back and forth keeps the clerk's corrections for the same sheet and header.
            if self.mapping_page.source is not loaded.source:
                self.mapping_page.show_mapping(loaded.source, loaded.mapping, loaded.remembered)
            self._go(MAPPING)
        elif page == MAPPING and not self.mapping_page.problem_list():
            self.check_rows()

    def back(self) -> None:
        self._go(max(FILE, self.pages.currentIndex() - 1))

    def check_rows(self, on_existing: OnExisting | None = None) -> None:
        """The dry run: every row's status, nothing written."""
        run = self._import_run(on_existing)
        if run is not None:
            self._run("Memeriksa baris", run.dry_run, self._checked)

    def commit(self, confirmed: bool = False) -> None:
        result = self.import_result
        if result is None or result.to_write == 0 or self.preview_page.waiting_for_approval():
            return
        if not confirmed and not confirm_commit(self, result):
            return
        run = self._import_run(result.options.on_existing)
        if run is not None:
            self._run("Menyimpan", run.commit, self._committed)

    def check_approval(self) -> None:
        result = self.import_result
        if result is None or result.batch_id is None:
            return
        ctx, batch_id = self._app.ctx, result.batch_id
        self._run("Memeriksa persetujuan", lambda _p, _c: get_batch(ctx, batch_id), self._approval)

    def save_report(self, path: Path | None = None) -> None:
        result, loaded = self.import_result, self.loaded
        if result is None or loaded is None:
            return
        path = path or self._ask_report_path(loaded.source.path)
        if path is None:
            return
        self._run(
            "Menulis laporan",
            lambda _p, _c: jobs.save_report(result, loaded.source, path),
            lambda written: self.banner.show_message(f"Laporan disimpan: {written}", Tone.INFO),
        )

    def reject(self) -> None:
        """Closing while a step runs stops it first; nothing half-done is kept."""
        if self.tasks.busy:
            self._close_when_idle = True
            self.tasks.cancel()
            return
        super().reject()

    # -- answers ---------------------------------------------------------------------------

    def _loaded(self, loaded: jobs.Loaded) -> None:
        self.loaded = loaded
        self.import_result = None
        self.file_page.show_source(loaded.source)
        self._go(FILE)

    def _checked(self, result: ImportResult) -> None:
        self.import_result = result
        self.preview_page.show_result(result)
        self._go(PREVIEW)

    def _committed(self, result: ImportResult) -> None:
        self.import_result = result
        self.done_page.show_result(result)
        self._go(DONE)
        emit(self._app.events.workers_changed, 0)  # many workers: none to select
        emit(self.imported, result)

    def _approval(self, batch: Any) -> None:
        if self.import_result is None:
            return
        if batch.status is BatchStatus.APPROVED:
            self._checked(replace(self.import_result, approved=True))
            self.banner.show_message(
                f"Impor #{batch.id} disetujui oleh {batch.approved_by}; sekarang dapat disimpan.",
                Tone.INFO,
            )
        else:
            self.banner.show_message(
                f"Impor #{batch.id} belum disetujui. Minta verifikator atau administrator "
                "menyetujuinya di bagian Impor.",
                Tone.WARNING,
            )

    def _failed(self, error: SiRentanError) -> None:
        if self._close_when_idle:
            self._close_when_idle = False
            super().reject()
            return
        if isinstance(error, ApprovalRequiredError) and error.result is not None:
            self._checked(error.result)  # the preview now says approval is needed
            return
        if isinstance(error, CancelledError):
            self.banner.show_message(error.message, Tone.INFO)
            self._go(self.pages.currentIndex())
            return
        if self.pages.currentIndex() == FILE and self.loaded is not None:
            self.file_page.show_source(self.loaded.source)  # back to the sheet still loaded
        self.banner.show_message(error.message, Tone.ERROR)

    # -- internals -------------------------------------------------------------------------

    def _run(self, stage: str, work: CancellableWork, done: Any) -> None:
        self.banner.clear_message()
        self.tasks.run_cancellable(
            stage, work, lambda result: self._finished(done, result), self._failed
        )

    def _finished(self, done: Any, result: Any) -> None:
        # Closed while running: close now, unless the import was written; that the clerk
        # must see (the step could not be stopped any more).
        if self._close_when_idle and not getattr(result, "committed", False):
            self._close_when_idle = False
            super().reject()
            return
        self._close_when_idle = False
        done(result)

    def _import_run(self, on_existing: OnExisting | None) -> jobs.ImportRun | None:
        loaded = self.loaded
        if loaded is None:
            return None
        current = self.import_result.options.on_existing if self.import_result else OnExisting.SKIP
        options = ImportOptions(
            on_existing=on_existing or current,
            default_funding=self.mapping_page.default_funding(),
        )
        return jobs.ImportRun(
            self._app.ctx,
            self._app.regions,
            loaded.source,
            self.mapping_page.mapping,
            options,
            loaded.mapping,
        )

    def _ask_report_path(self, imported: Path) -> Path | None:
        day = self._app.office_today()
        start = imported.with_name(f"hasil-impor-{imported.stem}-{day:%Y%m%d}.xlsx")
        dialog = QFileDialog(self, "Simpan laporan impor", str(start), "Buku kerja Excel (*.xlsx)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def _choose_sheet(self, name: str) -> None:
        if self.loaded is not None:
            self.open_file(self.loaded.source.path, name)

    def _browse(self) -> None:
        current = self.loaded.source.path.parent if self.loaded else Path.home()
        path = ask_import_path(self, current)
        if path is not None:
            self.open_file(path)

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.steps.setText(
            "  ›  ".join(
                f"<b>{n + 1}. {t}</b>"
                if n == page
                else f"<span style='color:#80868b'>{n + 1}. {t}</span>"
                for n, t in enumerate(STEPS)
            )
        )
        self._follow_state()

    def _follow_state(self) -> None:
        page, busy = self.pages.currentIndex(), self.tasks.busy
        self.pages.setEnabled(not busy)
        result = self.import_result
        self.buttons.show_for(
            page=page,
            busy=busy,
            can_go_on=(page == FILE and self.loaded is not None)
            or (page == MAPPING and not self.mapping_page.problem_list()),
            to_write=result.to_write if result and page == PREVIEW else 0,
            waiting=self.preview_page.waiting_for_approval(),
        )
        if result is not None and page == PREVIEW:
            self.buttons.commit.setText(
                f"Simpan {thousands(result.to_write)} baris ke daftar peserta"
            )

    def _lay_out(self) -> None:
        for page in (self.file_page, self.mapping_page, self.preview_page, self.done_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(980, 680)

    def _connect(self) -> None:
        self.file_page.browse_requested.connect(self._browse)
        self.file_page.sheet_chosen.connect(self._choose_sheet)
        self.file_page.header_row_chosen.connect(self.choose_header_row)
        self.mapping_page.mapping_changed.connect(self._follow_state)
        self.preview_page.on_existing_changed.connect(self.check_rows)
        self.preview_page.report_requested.connect(lambda: self.save_report())
        self.preview_page.approval_check_requested.connect(self.check_approval)
        self.done_page.report_requested.connect(lambda: self.save_report())
        self.tasks.busy_changed.connect(lambda _busy: self._follow_state())
        self.buttons.back.clicked.connect(self.back)
        self.buttons.next.clicked.connect(self.next_step)
        self.buttons.commit.clicked.connect(lambda: self.commit())
        self.buttons.close_button.clicked.connect(self.reject)
