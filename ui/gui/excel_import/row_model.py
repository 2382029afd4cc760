"""The dry run's rows as a table, filtered by status: row number, NIK, name, status and
every reason the importer gave."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from services.excel_import import STATUS_LABELS, RowResult, RowStatus
from ui.gui.widgets.record_table import Column, Index, RecordTableModel

STATUS_COLORS = {
    RowStatus.NEW: QColor("#1e6b34"),
    RowStatus.UPDATE: QColor("#1a4f9c"),
    RowStatus.WARNING: QColor("#8a5300"),
    RowStatus.REJECTED: QColor("#a3211a"),
    RowStatus.IGNORED: QColor("#6b7078"),
}


def reasons_text(row: RowResult) -> str:
    return " · ".join(row.messages)


ROW_COLUMNS: tuple[Column[RowResult], ...] = (
    Column("Baris", lambda r: str(r.row), numeric=True),
    Column("NIK", lambda r: r.nik or ""),
    Column("Nama", lambda r: r.full_name or ""),
    Column("Status", lambda r: STATUS_LABELS[r.status]),
    Column("Keterangan", reasons_text, tooltip=lambda r: "\n".join(r.messages) or None),
)
COLUMNS = tuple(c.title for c in ROW_COLUMNS)
REASONS = COLUMNS.index("Keterangan")
_STATUS = COLUMNS.index("Status")


def detail_text(row: RowResult) -> str:
    """Everything about one row, for the pane below the table."""
    who = " ".join(p for p in (row.full_name, f"(NIK {row.nik})" if row.nik else "") if p)
    lines = [f"Baris {row.row}: {STATUS_LABELS[row.status]}" + (f" — {who}" if who else "")]
    lines += [f"• {m}" for m in row.messages]
    if row.changes:
        lines.append("Yang berbeda dengan data terdaftar:")
        lines += [f"   {c.text}" for c in row.changes]
    return "\n".join(lines)


class ImportRowModel(RecordTableModel[RowResult]):
    """The dry run's rows, those of one status shown (all when ``status`` is None)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(ROW_COLUMNS, parent=parent)
        self._all: tuple[RowResult, ...] = ()
        self.status: RowStatus | None = None

    def show_result(self, rows: tuple[RowResult, ...]) -> None:
        self._all = rows
        self.set_status(self.status)

    def set_status(self, status: RowStatus | None) -> None:
        self.status = status
        self.set_rows([r for r in self._all if status is None or r.status is status])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and row is not None and index.column() == _STATUS:
            return QBrush(STATUS_COLORS[row.status])
        return super().data(index, role)
