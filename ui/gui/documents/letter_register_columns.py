"""How the letter register (buku agenda surat keluar) reads in its table: a cancelled or replaced
number stays listed, greyed and struck through, with why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from services import documents as docs
from ui.gui.formats import moment_text
from ui.gui.widgets.date_field import format_date
from ui.gui.widgets.record_table import Column, Index, RecordTableModel

SHORT_KINDS = {
    docs.DocumentKind.REGISTRATION: "Pengantar pendaftaran",
    docs.DocumentKind.CLAIM: "Permohonan klaim",
    docs.DocumentKind.MEMBERSHIP: "Keterangan kepesertaan",
    docs.DocumentKind.HEIR_NOTICE: "Pemberitahuan ahli waris",
    docs.DocumentKind.PREMIUM: "Pembayaran iuran",
    docs.DocumentKind.AGREEMENT: "Perjanjian Kerja Sama",
}


def status_text(entry: docs.DocumentEntry) -> str:
    if entry.status is docs.DocumentStatus.CANCELLED:
        return f"Dibatalkan: {entry.status_reason or '-'}"
    if entry.status is docs.DocumentStatus.REPLACED:
        return f"Diganti dengan {entry.replaced_by_number or '-'}"
    if entry.replaces_number:
        return f"Terbit (ralat atas {entry.replaces_number})"
    return "Terbit"


def status_tooltip(entry: docs.DocumentEntry) -> str:
    lines = [status_text(entry)]
    if entry.status_at is not None:
        by = f" oleh {entry.status_by}" if entry.status_by else ""
        lines.append(f"Diubah {moment_text(entry.status_at)}{by}")
    by = f" oleh {entry.created_by}" if entry.created_by else ""
    lines.append(f"Terbit {moment_text(entry.created_at)}{by}; {entry.page_count} halaman")
    return "\n".join(lines)


LETTER_REGISTER_COLUMNS: tuple[Column[docs.DocumentEntry], ...] = (
    Column("Nomor", lambda e: e.number),
    Column("Tanggal", lambda e: format_date(e.document_date)),
    Column("Jenis", lambda e: SHORT_KINDS[e.kind], tooltip=lambda e: e.kind_label),
    Column("Hal", lambda e: e.subject),
    Column("Tujuan", lambda e: e.addressee),
    Column("Penandatangan", lambda e: e.signatory_name),
    Column("Status", status_text, tooltip=status_tooltip),
)


class LetterRegisterModel(RecordTableModel[docs.DocumentEntry]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(LETTER_REGISTER_COLUMNS, parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.record(index.row()) if index.isValid() else None
        if entry is not None and entry.status is not docs.DocumentStatus.ISSUED:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#80868b")
            if role == Qt.ItemDataRole.FontRole and index.column() == 0:
                font = QFont()
                font.setStrikeOut(True)  # the number no longer stands
                return font
        return super().data(index, role)
