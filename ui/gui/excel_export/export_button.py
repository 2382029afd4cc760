"""The worker list's "Ekspor Excel…": the filters on screen, a format, a file, written in
the background with progress and Batal, then a notice naming the file and the count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from services.core.permissions import Permission
from services.core.progress import Cancel, Progress
from services.workers.types import WorkerQuery
from ui.gui.app_context import AppContext
from ui.gui.formats import count_label
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.progress_strip import ProgressStrip

# The Excel services (openpyxl, the importer's readers) load when the clerk exports,
# not while the worker list starts: they cost about 0.2 s of start-up.
if TYPE_CHECKING:
    from services.excel_export import ExportFormat, ExportResult


def exported_text(result: ExportResult) -> str:
    from services.excel_export import ExportFormat

    if result.format is ExportFormat.RECAP:
        return f"Rekap {count_label(result.rows)} disimpan di {result.path}."
    sheets = f" ({result.sheets} lembar desa)" if result.format is ExportFormat.VILLAGE else ""
    return f"{count_label(result.rows)} diekspor ke {result.path}{sheets}."


class WorkerExportButton(QWidget):
    def __init__(
        self,
        app: AppContext,
        query: Callable[[], WorkerQuery],
        what: Callable[[], str],
        banner: NoticeBanner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._query = query
        self._what = what
        self._banner = banner
        self._folder = Path.home()
        self.tasks = Tasks(self)
        self.progress = ProgressStrip(self.tasks, self)
        self.button = QPushButton("Ekspor Excel…", self)
        self.button.setToolTip("Simpan peserta sesuai saringan di layar sebagai berkas Excel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.button)
        self.progress.setMinimumWidth(320)
        self.button.clicked.connect(lambda: self.export())
        self.tasks.busy_changed.connect(lambda busy: self.button.setEnabled(not busy))
        self.setVisible(app.can(Permission.EXPORT))

    def export(self, fmt: ExportFormat | None = None, path: Path | None = None) -> bool:
        """Ask what and where unless given, then write off the GUI thread."""
        from services.excel_export import export_workers
        from ui.gui.excel_export.export_dialog import ExportDialog, ask_export_path
        from ui.gui.widgets.error_text import unwritable

        query = self._query()
        if fmt is None:
            dialog = ExportDialog(self._described(query), self)
            if not dialog.exec():
                return False
            fmt = dialog.chosen()
        path = path or ask_export_path(self, fmt, self._folder, self._app.office_today())
        if path is None:
            return False
        self._folder = path.parent
        ctx = self._app.ctx

        def work(progress: Progress, cancel: Cancel) -> ExportResult:
            try:
                return export_workers(ctx, path, query, fmt, progress=progress, cancel=cancel)
            except OSError as error:
                raise unwritable(path, error) from error

        self._banner.clear_message()
        self.tasks.run_cancellable("Mengekspor", work, self._done, self._banner)
        return True

    def _described(self, query: WorkerQuery) -> str:
        shown = self._what()
        if query == WorkerQuery():
            return f"seluruh daftar peserta ({shown})"
        return f"{shown}, sesuai saringan di layar"

    def _done(self, result: ExportResult) -> None:
        self._banner.show_message(exported_text(result), Tone.INFO)
