"""The claim's checklist as a table: ticking "Diterima" asks for the change, and the table
shows it once the service has stored it (the claim is read back whole)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor

from services.claims import AttachmentInfo, DocumentItem
from services.text.formatting import short_date
from ui.gui.claims.claim_texts import LATE_TEXT, MUTED_TEXT
from ui.gui.formats import thousands
from ui.gui.signals import emit
from ui.gui.widgets.record_table import Column, Index, RecordTableModel


def received_text(item: DocumentItem) -> str:
    if item.received:
        return "✔ Sudah"
    if not item.applicable:
        return "Tidak perlu"
    return "✖ Belum" if item.required else "Belum (bila ada)"


def document_label(item: DocumentItem) -> str:
    return item.label if item.required or not item.applicable else f"{item.label} (bila ada)"


def scan_text(scan: AttachmentInfo | None) -> str:
    if scan is None:
        return ""
    size = f"{thousands(max(1, round(scan.size / 1024)))} KB"
    return f"{scan.file_name} ({size})" if scan.file_name else f"ada ({size})"


DOCUMENT_COLUMNS: tuple[Column[DocumentItem], ...] = (
    Column("Diterima", received_text),
    Column("Dokumen", document_label, tooltip=lambda d: d.hint or d.label),
    Column("Tgl terima", lambda d: short_date(d.received_on)),
    Column("Catatan", lambda d: d.note or ""),
    Column("Pindaian", lambda d: scan_text(d.attachment)),
)


class DocumentTableModel(RecordTableModel):
    # The clerk ticked or cleared "Diterima" on a row: (row, received).
    toggled = Signal(int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(DOCUMENT_COLUMNS, parent=parent)
        self.editable = False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: DocumentItem | None = self.record(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if item.received else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.missing:
                return QColor(LATE_TEXT)
            return None if item.applicable else QColor(MUTED_TEXT)
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.editable and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole):
            return False
        emit(self.toggled, index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        return True
