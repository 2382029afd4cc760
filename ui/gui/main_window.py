"""The main window: coverage check on top, sections on the left, the chosen one in the middle."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import SiRentanError
from services.core.permissions import ROLE_LABELS, Permission, Principal
from services.workers.types import SaveResult
from ui.gui.app_context import AppContext
from ui.gui.coverage_bar import CoverageBar
from ui.gui.messages import show_error, show_notice
from ui.gui.retry import with_retry
from ui.gui.sections import Section, sections_for
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.banner_strip import BannerStrip

if TYPE_CHECKING:
    from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog
    from ui.gui.worker_list.worker_filter_bar import DrillDown

TITLE = "SiRentan — Sistem Informasi Pekerja Rentan"
NIK_DIGITS = 16


def clerk_text(principal: Principal | None) -> str:
    if principal is None:
        return ""
    return f"Petugas: {principal.full_name} ({ROLE_LABELS[principal.role]})"


class MainWindow(QMainWindow):
    # The clerk signed out, or the register must be opened again (a restore): sign in anew.
    signed_out = Signal(str)  # a notice for the sign-in dialog
    # Closed for good: the app ends.
    closed = Signal()

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.setWindowTitle(TITLE)
        self.sections: tuple[Section, ...] = sections_for(app)
        self.coverage = CoverageBar(app, self)
        self.banner = BannerStrip(self)
        self.navigation = QListWidget(self)
        self.stack = QStackedWidget(self)
        self.worker_form: WorkerFormDialog | None = None
        # Window-wide slow jobs (the daily backup); lists and dialogs keep their own queues.
        self.tasks = Tasks(self)
        self._panels: dict[str, QWidget] = {}
        self._sign_out_notice: str | None = None
        self._build_center()
        self._build_menus()
        self._build_status_bar()
        for section in self.sections:
            self._add_section(section)
        self.navigation.setCurrentRow(0)
        shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        shortcut.activated.connect(self.coverage.focus_input)
        # Ctrl+1 … Ctrl+9: the sections in the order of the list on the left.
        for number, section in enumerate(self.sections[:9], start=1):
            jump = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            jump.activated.connect(lambda title=section.title: self.go_to_section(title))
        app.events.open_worker_requested.connect(self.open_worker)
        app.events.register_requested.connect(self.register_worker)
        app.events.name_search_requested.connect(self.search_name)
        app.events.worker_list_drill_requested.connect(self.show_drill_down)
        app.events.claim_letter_requested.connect(self.write_claim_letter)

    # -- sections -----------------------------------------------------------------

    def section_titles(self) -> list[str]:
        return [s.title for s in self.sections]

    def panel(self, title: str) -> QWidget:
        """The widget of a section, built on first use."""
        if title not in self._panels:
            section = next(s for s in self.sections if s.title == title)
            widget = section.build(self.app)
            index = self._section_index(title)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._panels[title] = widget
        return self._panels[title]

    def show_section(self, title: str) -> None:
        self.navigation.setCurrentRow(self._section_index(title))

    def go_to_section(self, title: str) -> None:
        """A section chosen by keyboard: shown, with the focus in the section list."""
        self.show_section(title)
        self.navigation.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _add_section(self, section: Section) -> None:
        item = QListWidgetItem(section.title, self.navigation)
        number = self._section_index(section.title) + 1
        key = f" (Ctrl+{number})" if number <= 9 else ""
        item.setToolTip(f"{section.tooltip}{key}")
        # Sections are built when first shown, so adding sections costs no start-up time.
        self.stack.addWidget(QWidget(self.stack))

    def _section_index(self, title: str) -> int:
        return next(i for i, s in enumerate(self.sections) if s.title == title)

    def _on_navigate(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.panel(self.sections[row].title)
            self.stack.setCurrentIndex(row)

    # -- worker form --------------------------------------------------------------

    def open_worker(self, worker_id: int | None) -> WorkerFormDialog | None:
        """Open the form for a worker (None: a new one); returns it, already shown."""
        # Imported here: the form is not needed to show the list, and start-up counts.
        from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

        if worker_id is None and not self.app.can(Permission.EDIT_WORKERS):
            return None  # the button is hidden; a stray shortcut must not open an empty form
        try:
            detail = (
                with_retry(self, lambda: self.app.workers.get(worker_id))
                if worker_id is not None
                else None
            )
        except SiRentanError as error:
            show_error(self, error)
            return None
        form = WorkerFormDialog(self.app, detail, self)
        form.record_changed.connect(self._on_record_changed)
        form.finished.connect(lambda _result: self._forget_form(form))
        self.worker_form = form
        form.open()
        return form

    def register_worker(self, nik: str) -> WorkerFormDialog | None:
        """A new worker's form with the NIK from the front desk already in it."""
        form = self.open_worker(None)
        if form is not None and len(nik) == NIK_DIGITS and nik.isdigit():
            form.prefill_nik(nik)
        return form

    def search_name(self, text: str) -> None:
        """A name typed at the front desk: the Peserta list, searched for it."""
        from ui.gui.worker_list.worker_list_panel import WorkerListPanel

        titles = self.section_titles()
        if "Peserta" not in titles:
            return
        self.show_section("Peserta")
        panel = self.panel("Peserta")
        if isinstance(panel, WorkerListPanel):
            panel.search_for(text)

    def show_drill_down(self, drill: DrillDown, kecamatan_code: str | None) -> None:
        """A Beranda bar clicked: the Peserta list filtered to the workers it counted."""
        from ui.gui.worker_list.worker_list_panel import WorkerListPanel

        if "Peserta" not in self.section_titles():
            return
        panel = self.panel("Peserta")
        if isinstance(panel, WorkerListPanel):
            panel.show_filtered(drill, kecamatan_code)
            self.show_section("Peserta")

    def write_claim_letter(self, claim_id: int) -> None:
        """ "Buat surat klaim…" in a claim: Surat & PKS, the letter filled from the claim."""
        from ui.gui.documents.documents_panel import DocumentsPanel

        if "Surat & PKS" not in self.section_titles():
            return
        panel = self.panel("Surat & PKS")
        if isinstance(panel, DocumentsPanel):
            self.show_section("Surat & PKS")
            panel.write_claim_letter(claim_id)

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

    # -- account ------------------------------------------------------------------------

    def change_password(self) -> QWidget:
        from ui.gui.signin.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.app.ctx, parent=self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage("Kata sandi sudah diganti.", 8000)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def sign_out(self, notice: str = "") -> bool:
        """Close the window and go back to the sign-in; False when the clerk kept editing."""
        self._sign_out_notice = notice
        if self.close():
            return True
        self._sign_out_notice = None
        return False

    def open_settings(self) -> QWidget:
        from ui.gui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.app, self)
        dialog.saved.connect(
            lambda: self.statusBar().showMessage("Pengaturan kantor tersimpan.", 8000)
        )
        dialog.district_requested.connect(lambda: self._district_from(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _district_from(self, dialog: QWidget) -> None:
        if dialog.close():
            self.open_district_wizard()

    def open_district_wizard(self) -> QWidget:
        """Wilayah kantor; a new district is read afresh at the next sign-in (regions, NIK)."""
        from ui.gui.settings.district_wizard import DistrictWizard

        wizard = DistrictWizard(self.app.ctx, self)
        before = self.app.regions.kabupaten_code

        def done(result: int) -> None:
            wizard.deleteLater()
            if result != QDialog.DialogCode.Accepted.value or wizard.applied is None:
                return
            if wizard.applied["district.kabupaten_code"] != before:
                name = wizard.applied["district.kabupaten_name"]
                self.sign_out(f"Wilayah kantor sekarang {name}. Masuk lagi untuk memakainya.")
            else:
                self.statusBar().showMessage("Wilayah kantor tersimpan.", 8000)

        wizard.finished.connect(done)
        wizard.open()
        return wizard

    def open_backup_dialog(self) -> QWidget:
        from ui.gui.backup.backup_dialog import BackupDialog

        dialog = BackupDialog(self.app, self)
        dialog.restored.connect(self.sign_out)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- chrome ---------------------------------------------------------------------

    def _build_center(self) -> None:
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(s.title) for s in self.sections)
        self.navigation.setFixedWidth(max(112, widest + 32))
        self.navigation.setSpacing(2)
        # A visible frame while the list has the focus: arrow keys then change the section.
        self.navigation.setStyleSheet(
            "QListWidget:focus { border: 2px solid #1a73e8; }"
            "QListWidget::item:selected:active { background: #1a3d7c; color: white; }"
        )
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
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Berkas")
        self._action(file_menu, "&Koneksi basis data…", self.open_connection_dialog)
        if self.app.can(Permission.BACKUP):
            self._action(file_menu, "&Cadangan data…", self.open_backup_dialog)
        file_menu.addSeparator()
        self._action(file_menu, "&Tutup aplikasi", self.close, QKeySequence("Ctrl+Q"))
        account = self.menuBar().addMenu("&Akun")
        self._action(account, "&Ganti kata sandi…", self.change_password)
        self._action(account, "&Keluar", self.sign_out)
        if self.app.can(Permission.MANAGE_SETTINGS):
            settings = self.menuBar().addMenu("&Pengaturan")
            self._action(settings, "&Pengaturan kantor…", self.open_settings)
            self._action(settings, "&Wilayah kantor…", self.open_district_wizard)
        help_menu = self.menuBar().addMenu("Ba&ntuan")
        self._action(help_menu, "&Bantuan dan tombol pintas", self.show_help, QKeySequence("F1"))
        self._action(help_menu, "&Tentang SiRentan", self.show_about)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        # A lambda: menu slots take no arguments, triggered passes "checked".
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(self.app.ctx.database_label, self)
        self.database_label.setToolTip("Basis data yang sedang dibuka")
        self.clerk_label = QLabel(self)
        bar.addPermanentWidget(self.clerk_label)
        bar.addPermanentWidget(self.database_label)
        self.set_clerk(self.app.principal)

    def set_clerk(self, principal: Principal | None) -> None:
        self.clerk_label.setText(clerk_text(principal))
        self.clerk_label.setVisible(principal is not None)

    def open_connection_dialog(self) -> None:
        from ui.gui.connection_dialog import ConnectionDialog

        ConnectionDialog(self).open()

    def show_help(self) -> QWidget:
        from ui.gui.help_dialog import HelpDialog

        dialog = HelpDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from ui.gui.about_dialog import AboutDialog

        AboutDialog(self.app, self).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        form = self.worker_form
        if form is not None and form.isVisible() and not form.close():
            event.ignore()  # the clerk chose to keep editing
            return
        super().closeEvent(event)
        notice, self._sign_out_notice = self._sign_out_notice, None
        if notice is None:
            emit(self.closed)
        else:
            emit(self.signed_out, notice)
