"""Impor: the batches imported so far, the wizard for a new file, the twin review list."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.excel_import.batch_list import BatchList
from ui.gui.excel_import.twin_list import TwinList
from ui.gui.excel_import.wizard import ImportWizard
from ui.gui.signals import emit

TITLE = "Impor data peserta"
HISTORY_TAB = "Riwayat impor"
TWINS_TAB = "Kemungkinan data kembar"


class ImportPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.wizard: ImportWizard | None = None
        self.import_button = QPushButton("Impor berkas Excel/CSV…", self)
        self.tabs = QTabWidget(self)
        self.batches = BatchList(app, self)
        self.twins = TwinList(app, self)
        self._lay_out()
        self._connect()
        self.reload()

    def reload(self) -> None:
        self.batches.reload()
        self.twins.reload()
        self._count_twins()

    def open_wizard(self) -> ImportWizard:
        wizard = ImportWizard(self._app, self)
        wizard.imported.connect(lambda _result: self.reload())
        wizard.finished.connect(lambda _code: self._forget(wizard))
        self.wizard = wizard
        wizard.open()
        return wizard

    def _forget(self, wizard: ImportWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()

    def _count_twins(self) -> None:
        count = len(self.twins.pairs)
        self.tabs.setTabText(1, f"{TWINS_TAB} ({count})" if count else TWINS_TAB)

    def _workers_changed(self) -> None:
        self.reload()
        emit(self._app.events.workers_changed, 0)  # many workers: none to select

    def _lay_out(self) -> None:
        title = QLabel(TITLE, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.import_button.setVisible(self._app.can(Permission.IMPORT))
        self.import_button.setToolTip(
            "Periksa dulu isi berkas dari desa, lalu simpan baris yang diterima sekaligus"
        )
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.import_button)
        self.tabs.addTab(self.batches, HISTORY_TAB)
        self.tabs.addTab(self.twins, TWINS_TAB)
        self.tabs.setTabVisible(1, self._app.can(Permission.SEE_FULL_IDENTITY))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.import_button.clicked.connect(lambda: self.open_wizard())
        self.batches.changed.connect(self._workers_changed)
        self.twins.changed.connect(self._workers_changed)
