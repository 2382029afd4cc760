"""Batalkan nomor: the number stays in the letter register, marked cancelled with the reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.core.errors import Problem
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_place
from ui.gui.signals import emit
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_message import FieldMessage
from ui.gui.widgets.notice_banner import NoticeBanner


class CancelDialog(QDialog):
    cancelled = Signal(object)  # DocumentEntry

    def __init__(
        self, app: AppContext, entry: docs.DocumentEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Batalkan nomor {entry.number}")
        self._app = app
        self.entry = entry
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText("Misalnya: salah alamat tujuan, surat tidak jadi dikirim")
        self.reason.setTabChangesFocus(True)
        self.message = FieldMessage(self)
        self.banner = NoticeBanner(self)
        self.buttons = accept_buttons(self, "Batalkan nomor", "Tutup")
        explain = QLabel(
            f"<b>{entry.kind_label}</b><br>Nomor <b>{entry.number}</b> — {entry.subject}<br><br>"
            "Nomor yang dibatalkan tetap tercatat di buku agenda dengan alasannya dan tidak "
            "dipakai lagi. Bila isi surat perlu diperbaiki, pakai <i>Buat koreksi…</i> di buku "
            "agenda.",
            self,
        )
        explain.setWordWrap(True)
        caption = QLabel("&Alasan pembatalan (wajib):", self)
        caption.setBuddy(self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(caption)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.resize(520, 320)

    def accept(self) -> None:
        reason = " ".join(self.reason.toPlainText().split())
        if not reason:
            self.message.show_problems(
                [Problem("reason_empty", "reason", "Alasan pembatalan wajib diisi.")]
            )
            self.reason.setFocus()
            return
        ctx, number = self._app.ctx, self.entry.number
        entry = call_or_place(
            self,
            self.banner,
            self.message.show_problems,
            lambda: docs.cancel_document(ctx, number, reason),
        )
        if entry is FAILED:
            return
        emit(self.cancelled, entry)
        super().accept()
