"""Another clerk saved this worker first: what they changed, what I changed, and my choice.

Nothing is overwritten silently: the clerk sees both sets of changes, the
fields both changed are named, and only then chooses to reload theirs or to
apply only the fields they changed on top of the latest version.
"""

from __future__ import annotations

from enum import StrEnum
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.text.labels import WORKER_STATUS
from services.workers.merge import changed_fields, merge_my_changes
from services.workers.types import WorkerDetail, WorkerInput
from ui.gui.app_context import AppContext
from ui.gui.formats import local_time
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.worker_form.worker_values import field_label, field_value


class ConflictChoice(StrEnum):
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    KEEP_EDITING = "keep"


Change = tuple[str, str, str]  # label, before, after
BOTH_TINT = QColor("#fff4e0")  # the warning banner's amber: these fields clash


class ConflictDialog(QDialog):
    def __init__(
        self,
        app: AppContext,
        original: WorkerDetail,
        current: WorkerDetail,
        mine: WorkerInput,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Data sudah diubah petugas lain")
        self._app = app
        self.choice = ConflictChoice.KEEP_EDITING
        before, now = original.to_input(), current.to_input()
        self.merged, self.overwritten = merge_my_changes(before, mine, now)
        self.their_changes = self._changes(before, now) + _status_changes(original, current)
        self.my_changes = self._changes(before, mine)
        self.reload_button = QPushButton("Muat ulang data terbaru", self)
        self.overwrite_button = QPushButton("Timpa dengan isian saya", self)
        self.keep_button = QPushButton("Kembali ke formulir", self)
        self._lay_out(current)

    def _changes(self, a: WorkerInput, b: WorkerInput) -> list[Change]:
        return [
            (
                field_label(name),
                field_value(self._app, name, getattr(a, name)),
                field_value(self._app, name, getattr(b, name)),
            )
            for name in changed_fields(a, b)
        ]

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        if choice is ConflictChoice.KEEP_EDITING:
            self.reject()
        else:
            self.accept()

    def _lay_out(self, current: WorkerDetail) -> None:
        who = escape(current.updated_by or "petugas lain")
        head = QLabel(
            f"<b>{escape(current.full_name)}</b> sudah diubah oleh <b>{who}</b> pada "
            f"{local_time(current.updated_at)}, setelah Anda membuka formulir ini. "
            "Isian Anda belum disimpan.",
            self,
        )
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        both = {field_label(name) for name in self.overwritten}
        other = current.updated_by or "petugas lain"
        layout.addWidget(
            _table_box(f"Perubahan oleh {other}", "Sekarang", self.their_changes, both, self)
        )
        layout.addWidget(_table_box("Perubahan Anda", "Isian Anda", self.my_changes, both, self))
        self.warning = NoticeBanner(self)
        if self.overwritten:
            names = ", ".join(field_label(n) for n in self.overwritten)
            self.warning.show_message(
                f"Kolom yang diubah oleh kedua petugas: {names}. Bila Anda menimpa, isian "
                f"Anda menggantikan isian {current.updated_by or 'petugas lain'} pada kolom itu.",
                Tone.WARNING,
            )
        explain = QLabel(
            "Timpa dengan isian saya: data terbaru dipakai, lalu hanya kolom yang Anda ubah "
            "diganti dengan isian Anda. Muat ulang: isian Anda dibuang.",
            self,
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color:#5f6368")
        layout.addWidget(self.warning)
        layout.addWidget(explain)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.setMinimumWidth(760)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.keep_button)
        row.addStretch(1)
        row.addWidget(self.reload_button)
        row.addWidget(self.overwrite_button)
        for button in (self.reload_button, self.overwrite_button):
            button.setAutoDefault(False)
        self.keep_button.setDefault(True)  # Enter decides nothing by itself
        self.overwrite_button.setEnabled(bool(self.my_changes))
        self.reload_button.clicked.connect(lambda: self._choose(ConflictChoice.RELOAD))
        self.overwrite_button.clicked.connect(lambda: self._choose(ConflictChoice.OVERWRITE))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_EDITING))
        return row


def ask_conflict(dialog: ConflictDialog) -> ConflictChoice:
    dialog.exec()
    return dialog.choice


def _status_changes(original: WorkerDetail, current: WorkerDetail) -> list[Change]:
    """Status is changed on its own (Ubah status), outside the form's fields; shown too."""
    if (original.status, original.status_reason) == (current.status, current.status_reason):
        return []
    return [("Status", _status(original), _status(current))]


def _status(detail: WorkerDetail) -> str:
    reason = f" — {detail.status_reason}" if detail.status_reason else ""
    return f"{WORKER_STATUS[detail.status]}{reason}"


def _table_box(
    title: str, after: str, changes: list[Change], both: set[str], parent: QWidget
) -> QGroupBox:
    """One side's changes; rows of fields both clerks changed are tinted."""
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    if not changes:
        layout.addWidget(QLabel("Tidak ada kolom yang berubah.", box))
        return box
    table = QTableWidget(len(changes), 3, box)
    table.setHorizontalHeaderLabels(["Kolom", "Semula", after])
    for row, cells in enumerate(changes):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)  # a long heir list is cut in the cell
            if cells[0] in both:
                item.setBackground(BOTH_TINT)
            table.setItem(row, column, item)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    # As tall as its rows: two short lists must not leave half the dialog blank.
    height = header.sizeHint().height() + table.verticalHeader().length() + 2 * table.frameWidth()
    table.setFixedHeight(height + 2)
    layout.addWidget(table)
    return box
