"""The main window: coverage check on top, sections on the left, the chosen one in the middle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.errors import SiRentanError
from services.worker_types import SaveResult
from ui.gui.app_context import AppContext
from ui.gui.coverage_bar import CoverageBar
from ui.gui.messages import show_error, show_notice
from ui.gui.sections import SECTIONS, Section
from ui.gui.signals import emit

if TYPE_CHECKING:
    from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

TITLE = "SiRentan — Sistem Informasi Pekerja Rentan"


class MainWindow(QMainWindow):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.setWindowTitle(TITLE)
        self.coverage = CoverageBar(app, self)
        self.navigation = QListWidget(self)
        self.stack = QStackedWidget(self)
        self.worker_form: WorkerFormDialog | None = None
        self._panels: dict[str, QWidget] = {}
        self._build_center()
        self._build_menus()
        self._build_status_bar()
        for section in SECTIONS:
            self._add_section(section)
        self.navigation.setCurrentRow(0)
        shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        shortcut.activated.connect(self.coverage.focus_input)
        app.events.open_worker_requested.connect(self.open_worker)

    # -- sections -----------------------------------------------------------------

    def panel(self, title: str) -> QWidget:
        """The widget of a section, built on first use."""
        if title not in self._panels:
            section = next(s for s in SECTIONS if s.title == title)
            widget = section.build(self.app)
            index = self._section_index(title)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._panels[title] = widget
        return self._panels[title]

    def show_section(self, title: str) -> None:
        self.navigation.setCurrentRow(self._section_index(title))

    def _add_section(self, section: Section) -> None:
        item = QListWidgetItem(section.title, self.navigation)
        item.setToolTip(section.tooltip)
        # Sections are built when first shown, so adding sections costs no start-up time.
        self.stack.addWidget(QWidget(self.stack))

    def _section_index(self, title: str) -> int:
        return next(i for i, s in enumerate(SECTIONS) if s.title == title)

    def _on_navigate(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            self.panel(SECTIONS[row].title)
            self.stack.setCurrentIndex(row)

    # -- worker form --------------------------------------------------------------

    def open_worker(self, worker_id: int | None) -> WorkerFormDialog | None:
        """Open the form for a worker (None: a new one); returns it, already shown."""
        # Imported here: the form is not needed to show the list, and start-up counts.
        from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

        try:
            detail = self.app.workers.get(worker_id) if worker_id is not None else None
        except SiRentanError as error:
            show_error(self, error)
            return None
        form = WorkerFormDialog(self.app, detail, self)
        form.record_changed.connect(self._on_record_changed)
        form.finished.connect(lambda _result: self._forget_form(form))
        self.worker_form = form
        form.open()
        return form

    def _forget_form(self, form: WorkerFormDialog) -> None:
        if self.worker_form is form:
            self.worker_form = None
        form.deleteLater()

    def _on_record_changed(self, result: SaveResult) -> None:
        self.statusBar().showMessage("Data peserta tersimpan.", 8000)
        emit(self.app.events.workers_changed, result.worker.id)
        if result.warnings:
            lines = "\n".join(f"• {p.text}" for p in result.warnings)
            show_notice(self, "Tersimpan, dengan catatan", f"Data sudah disimpan.\n\n{lines}")

    # -- chrome ---------------------------------------------------------------------

    def _build_center(self) -> None:
        widest = max(self.navigation.fontMetrics().horizontalAdvance(s.title) for s in SECTIONS)
        self.navigation.setFixedWidth(max(112, widest + 32))
        self.navigation.setSpacing(2)
        self.navigation.currentRowChanged.connect(self._on_navigate)
        body = QHBoxLayout()
        body.setContentsMargins(8, 0, 0, 0)
        body.setSpacing(4)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.coverage)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Berkas")
        connection = QAction("&Koneksi basis data…", self)
        connection.triggered.connect(self.open_connection_dialog)
        file_menu.addAction(connection)
        file_menu.addSeparator()
        quit_action = QAction("&Keluar", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("Ba&ntuan")
        about = QAction("&Tentang SiRentan", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(self.app.ctx.database_label, self)
        self.database_label.setToolTip("Basis data yang sedang dibuka")
        self.clerk_label = QLabel(self)
        bar.addPermanentWidget(self.clerk_label)
        bar.addPermanentWidget(self.database_label)
        self.set_clerk(self.app.ctx.user_name)

    def set_clerk(self, name: str | None) -> None:
        self.clerk_label.setText(f"Petugas: {name}" if name else "")
        self.clerk_label.setVisible(bool(name))

    def open_connection_dialog(self) -> None:
        from ui.gui.connection_dialog import ConnectionDialog

        ConnectionDialog(self).open()

    def show_about(self) -> None:
        from ui.gui.about_dialog import AboutDialog

        AboutDialog(self.app, self).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        form = self.worker_form
        if form is not None and form.isVisible() and not form.close():
            event.ignore()  # the clerk chose to keep editing
            return
        super().closeEvent(event)
