"""Templat: the wording of the letters and of the agreement's articles, edited as plain text
with the placeholders each may use listed beside it. Saving is checked by the service (every
section present, no unknown placeholder), so an edit cannot break the next letter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.documents.templates import TemplateText
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

SYNTAX = (
    "[bagian] memulai bagian; baris kosong memisahkan paragraf; “- ” butir daftar; "
    "“* ” ayat bernomor; “== JUDUL” pasal baru; “Label | isi” baris tabel; **tebal**; "
    "{isian} diganti datanya; {{ dan }} mencetak kurung kurawal."
)
RESET = "Kembalikan"


def ask_reset(parent: QWidget, label: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Kembalikan templat", "", parent=parent)
    box.setText(f"Kembalikan templat “{label}” ke bawaan aplikasi?")
    box.setInformativeText("Kata-kata yang diubah kantor hilang. Surat yang sudah terbit tetap.")
    reset = box.addButton(RESET, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is reset


def ask_discard(parent: QWidget, label: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Perubahan belum disimpan", "", parent=parent)
    box.setText(f"Perubahan templat “{label}” belum disimpan. Buang perubahannya?")
    discard = box.addButton("Buang", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Tetap di sini", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is discard


class TemplatesTab(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.specs = docs.all_templates()
        self.names = QListWidget(self)
        self.names.addItems([spec.label for spec in self.specs])
        self.title = QLabel(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # The wording's own line breaks and indents carry meaning: no soft wrapping.
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.placeholders = QTableWidget(0, 2, self)
        self.banner = NoticeBanner(self)
        self.save_button = QPushButton("Simpan", self)
        self.revert_button = QPushButton("Batalkan perubahan", self)
        self.reset_button = QPushButton("Kembalikan ke bawaan…", self)
        self.confirm_reset: Callable[[QWidget, str], bool] = ask_reset
        self.confirm_discard: Callable[[QWidget, str], bool] = ask_discard
        self.shown: TemplateText | None = None
        self._lay_out()
        self.names.currentRowChanged.connect(self._row_chosen)
        self.editor.textChanged.connect(self._follow_edit)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self.show_template(self.names.currentRow()))
        self.reset_button.clicked.connect(self.reset)
        self.names.setCurrentRow(0)

    @property
    def dirty(self) -> bool:
        return self.shown is not None and self.editor.toPlainText() != self.shown.text

    def choose(self, key: str) -> bool:
        row = next((i for i, s in enumerate(self.specs) if s.key == key), -1)
        self.names.setCurrentRow(row)
        return row >= 0

    def _row_chosen(self, row: int) -> None:
        shown = self.shown
        if shown is not None and self.dirty and not self.confirm_discard(self, shown.label):
            # Back to the template being edited, without asking again.
            self.names.blockSignals(True)
            self.names.setCurrentRow(
                next(i for i, s in enumerate(self.specs) if s.key == shown.key)
            )
            self.names.blockSignals(False)
            return
        self.show_template(row)

    def show_template(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        ctx, key = self._app.ctx, self.specs[row].key
        text = call_or_show(self, self.banner, lambda: docs.load_template_by_key(ctx, key))
        if text is FAILED:
            return
        self._show(text)
        self.banner.clear_message()

    def save(self) -> bool:
        if self.shown is None:
            return False
        ctx, key, body = self._app.ctx, self.shown.key, self.editor.toPlainText()
        text = call_or_show(self, self.banner, lambda: docs.save_template_by_key(ctx, key, body))
        if text is FAILED:
            return False
        self._show(text)
        self.banner.show_message(
            f"Templat “{text.label}” disimpan; surat berikutnya memakainya.", Tone.INFO
        )
        return True

    def reset(self) -> bool:
        if self.shown is None or not self.confirm_reset(self, self.shown.label):
            return False
        ctx, key = self._app.ctx, self.shown.key
        text = call_or_show(self, self.banner, lambda: docs.reset_template_by_key(ctx, key))
        if text is FAILED:
            return False
        self._show(text)
        self.banner.show_message(f"Templat “{text.label}” kembali ke bawaan aplikasi.", Tone.INFO)
        return True

    def _show(self, text: TemplateText) -> None:
        self.shown = text
        self.editor.blockSignals(True)
        self.editor.setPlainText(text.text)
        self.editor.blockSignals(False)
        self.placeholders.setRowCount(len(text.placeholders))
        for row, (name, meaning) in enumerate(text.placeholders.items()):
            self.placeholders.setItem(row, 0, QTableWidgetItem(f"{{{name}}}"))
            self.placeholders.setItem(row, 1, QTableWidgetItem(meaning))
        self.placeholders.resizeColumnToContents(0)
        self.placeholders.resizeRowsToContents()
        self._follow_edit()

    def _follow_edit(self) -> None:
        shown = self.shown
        if shown is None:
            return
        origin = "bawaan aplikasi" if shown.is_default else "diubah oleh kantor"
        edited = " — ada perubahan belum disimpan" if self.dirty else ""
        self.title.setText(f"<b>{shown.label}</b> ({origin}){edited}")
        self.save_button.setEnabled(self.dirty)
        self.revert_button.setEnabled(self.dirty)
        self.reset_button.setEnabled(not shown.is_default)

    def _lay_out(self) -> None:
        widest = max(self.names.fontMetrics().horizontalAdvance(s.label) for s in self.specs)
        self.names.setFixedWidth(widest + 24)
        self.placeholders.setHorizontalHeaderLabels(["Isian", "Artinya"])
        self.placeholders.verticalHeader().hide()
        self.placeholders.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.placeholders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.placeholders.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.placeholders.setWordWrap(True)
        syntax = QLabel(SYNTAX, self)
        syntax.setWordWrap(True)
        syntax.setStyleSheet("color:#5f6368")
        for button in (self.save_button, self.revert_button, self.reset_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        text_side = QWidget(self)
        text_column = QVBoxLayout(text_side)
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.addWidget(self.title)
        text_column.addWidget(self.editor, 1)
        text_column.addWidget(syntax)
        help_side = QWidget(self)
        help_column = QVBoxLayout(help_side)
        help_column.setContentsMargins(0, 0, 0, 0)
        help_column.addWidget(QLabel("<b>Isian yang dapat dipakai</b>", self))
        help_column.addWidget(self.placeholders, 1)
        split = QSplitter(self)
        split.addWidget(self.names)
        split.addWidget(text_side)
        split.addWidget(help_side)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
