"""Ahli waris: the people who receive the death benefit (JKM), with their bank account."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import Problem
from services.workers.types import HeirInput, WorkerInput
from ui.gui.signals import emit
from ui.gui.widgets.field_message import FieldMessage
from ui.gui.worker_form.form_tab import FormTab
from ui.gui.worker_form.heir_dialog import HeirDialog
from ui.gui.worker_form.heir_table_model import HeirTableModel, heir_row_of

HEIRS_FIELD = "heirs"
HINT = "Ahli waris menerima santunan kematian (JKM). Isi rekening bank bila ada."


class HeirsTab(FormTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HeirTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.message = FieldMessage(self)
        self.add_button = QPushButton("Tambah ahli waris…", self)
        self.edit_button = QPushButton("Ubah…", self)
        self.remove_button = QPushButton("Hapus", self)
        self.read_only = False
        self._lay_out()
        self._connect()
        self._follow_selection()

    def load(self, data: WorkerInput) -> None:
        self.model.set_heirs(data.heirs)
        self._follow_selection()

    def collect(self, data: WorkerInput) -> None:
        data.heirs = self.model.heirs()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(not read_only)
        self.hint.setText(HINT.split(". ")[0] + "." if read_only else HINT)

    def set_masked(self, masked: bool) -> None:
        """Heirs' NIK and bank accounts are not for every role to read."""
        self.model.set_masked(masked)

    def owns(self, field: str) -> bool:
        return heir_row_of(field) is not None or field == HEIRS_FIELD

    def show_problems(self, problems: list[Problem]) -> None:
        mine = [p for p in problems if self.owns(p.field)]
        self.model.set_problems(mine)
        self.message.show_problems(mine)

    def focus_field(self, field: str) -> None:
        row = heir_row_of(field)
        if row is not None and row < self.model.rowCount():
            self.table.selectRow(row)
        self.table.setFocus()

    # -- editing ------------------------------------------------------------------------

    def add_heir(self) -> HeirDialog:
        return self._open_dialog(None, None)

    def edit_heir(self, row: int) -> HeirDialog:
        return self._open_dialog(row, self.model.heir(row))

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.model.remove(row)
            self._follow_selection()
            emit(self.edited, HEIRS_FIELD)

    def _open_dialog(self, row: int | None, heir: HeirInput | None) -> HeirDialog:
        # open(), not exec(): the form stays responsive and tests can fill the dialog.
        dialog = HeirDialog(heir, self)
        dialog.accepted.connect(lambda: self._store(row, dialog.heir()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _store(self, row: int | None, heir: HeirInput) -> None:
        if row is None:
            row = self.model.add(heir)
        else:
            self.model.replace(row, heir)
        self.table.selectRow(row)
        emit(self.edited, HEIRS_FIELD)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _follow_selection(self) -> None:
        selected = self._selected_row() is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _lay_out(self) -> None:
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        hint = self.hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_heir)
        self.edit_button.clicked.connect(self._edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
        self.model.modelReset.connect(self._follow_selection)

    def _double_clicked(self, index: QModelIndex) -> None:
        if not self.read_only:
            self.edit_heir(index.row())

    def _edit_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.edit_heir(row)
