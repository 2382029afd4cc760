"""Kemungkinan data kembar: two NIKs with one name, birth date and village. The clerk
records "orang berbeda" or merges the two records into one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.excel_import import TwinPair, list_twin_reviews, mark_twins_different, merge_twins
from ui.gui.app_context import AppContext
from ui.gui.messages import show_error
from ui.gui.retry import FAILED, call_or_show
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.error_text import error_title
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

HEADERS = ("Nama", "Tanggal lahir", "Desa/Kelurahan", "NIK dari impor", "NIK serupa", "Impor")
DIFFERENT = "Orang berbeda"
KEEP = "Pertahankan NIK {nik}"


def pair_cells(pair: TwinPair) -> tuple[str, ...]:
    batch = f"#{pair.batch_id}" if pair.batch_id is not None else "-"
    return (
        pair.full_name,
        f"{pair.birth_date:%d-%m-%Y}",
        pair.village_name,
        pair.worker_nik,
        pair.other_nik,
        batch,
    )


def ask_which_to_keep(parent: QWidget, pair: TwinPair) -> int | None:
    """The worker id to keep, after saying what a merge does; None when the clerk declines."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Gabungkan data kembar",
        f"{pair.full_name}, lahir {pair.birth_date:%d-%m-%Y}, {pair.village_name}: "
        f"NIK {pair.worker_nik} dan NIK {pair.other_nik} adalah satu orang?",
        parent=parent,
    )
    box.setInformativeText(
        "Pilih NIK yang benar (sesuai KTP) untuk dipertahankan. Data dengan NIK yang lain "
        "dihapus bila belum punya ahli waris atau catatan lain; bila sudah, dinonaktifkan "
        "dengan keterangan data ganda. Kedua NIK tetap tercatat di jejak audit."
    )
    keep_first = box.addButton(KEEP.format(nik=pair.worker_nik), QMessageBox.ButtonRole.YesRole)
    keep_other = box.addButton(KEEP.format(nik=pair.other_nik), QMessageBox.ButtonRole.NoRole)
    cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    chosen = box.clickedButton()
    if chosen is keep_first:
        return pair.worker_id
    if chosen is keep_other:
        return pair.other_worker_id
    return None


class TwinList(QWidget):
    # A pair was decided: the tab title's count changes; a merge changes the register too.
    changed = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.pairs: list[TwinPair] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.note = QLineEdit(self)
        self.different_button = QPushButton(DIFFERENT, self)
        self.merge_button = QPushButton("Gabungkan…", self)
        self.banner = NoticeBanner(self)
        self._lay_out()
        self._connect()

    def reload(self) -> None:
        pairs = call_or_show(self, self.banner, lambda: list_twin_reviews(self._app.ctx))
        if pairs is FAILED:
            return
        self.pairs = pairs
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            for column, text in enumerate(pair_cells(pair)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._follow_selection()

    def selected(self) -> TwinPair | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def mark_different(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        ctx, note = self._app.ctx, self.note.text().strip() or None
        self._run(
            lambda: mark_twins_different(ctx, pair.id, note),
            f"Dicatat: NIK {pair.worker_nik} dan NIK {pair.other_nik} adalah dua orang berbeda; "
            "impor berikutnya tidak menandai pasangan ini lagi.",
        )

    def merge_selected(self) -> None:
        pair = self.selected()
        if pair is None or pair.worker_id is None or pair.other_worker_id is None:
            return
        keep = ask_which_to_keep(self, pair)
        if keep is None:
            return
        kept = pair.worker_nik if keep == pair.worker_id else pair.other_nik
        merged = pair.other_nik if keep == pair.worker_id else pair.worker_nik
        ctx, note = self._app.ctx, self.note.text().strip() or None
        self._run(
            lambda: merge_twins(ctx, pair.id, keep, note),
            f"Digabung: NIK {merged} ke NIK {kept}. Keduanya tercatat di jejak audit.",
        )

    def _run(self, work: Callable[[], Any], told: str) -> None:
        self.banner.clear_message()
        self.setEnabled(False)

        def done(_pair: TwinPair) -> None:
            self.setEnabled(True)
            self.note.clear()
            self.reload()
            self.banner.show_message(told, Tone.INFO)
            emit(self.changed)

        def failed(error: SiRentanError) -> None:
            self.setEnabled(True)
            self.reload()
            show_error(self, error, error_title(error))

        self.tasks.run(work, done, failed, settle=lambda: self.setEnabled(True))

    def _follow_selection(self) -> None:
        pair = self.selected()
        self.different_button.setEnabled(pair is not None)
        both = pair is not None and None not in (pair.worker_id, pair.other_worker_id)
        self.merge_button.setEnabled(both)

    def _lay_out(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels(list(HEADERS))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        intro = QLabel(
            "Pasangan di bawah ini punya nama, tanggal lahir dan desa yang sama tetapi NIK "
            "berbeda. Periksa KTP/KK: bila dua orang, tekan Orang berbeda; bila satu orang "
            "terdaftar dua kali, tekan Gabungkan dan pilih NIK yang benar.",
            self,
        )
        intro.setWordWrap(True)
        self.note.setPlaceholderText("Catatan keputusan (boleh kosong), mis. sudah dicek di KK")
        self.note.setMaxLength(200)
        editor = self._app.can(Permission.EDIT_WORKERS)
        self.merge_button.setVisible(editor)
        self.different_button.setVisible(editor or self._app.can(Permission.APPROVE))
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.different_button)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._follow_selection)
        self.different_button.clicked.connect(self.mark_different)
        self.merge_button.clicked.connect(self.merge_selected)
