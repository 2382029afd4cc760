"""The dry run's rows as a table, filtered by status: row number, NIK, name, status and
every reason the importer gave."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from services.excel_import import STATUS_LABELS, RowResult, RowStatus

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Baris", "NIK", "Nama", "Status", "Keterangan")
REASONS = COLUMNS.index("Keterangan")
STATUS_COLORS = {
    RowStatus.NEW: QColor("#1e6b34"),
    RowStatus.UPDATE: QColor("#1a4f9c"),
    RowStatus.WARNING: QColor("#8a5300"),
    RowStatus.REJECTED: QColor("#a3211a"),
    RowStatus.IGNORED: QColor("#6b7078"),
}


def reasons_text(row: RowResult) -> str:
    return " · ".join(row.messages)


def detail_text(row: RowResult) -> str:
    """Everything about one row, for the pane below the table."""
    who = " ".join(p for p in (row.full_name, f"(NIK {row.nik})" if row.nik else "") if p)
    lines = [f"Baris {row.row}: {STATUS_LABELS[row.status]}" + (f" — {who}" if who else "")]
    lines += [f"• {m}" for m in row.messages]
    if row.changes:
        lines.append("Yang berbeda dengan data terdaftar:")
        lines += [f"   {c.text}" for c in row.changes]
    return "\n".join(lines)


class ImportRowModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowResult, ...] = ()
        self._visible: list[int] = []
        self.status: RowStatus | None = None

    def set_rows(self, rows: tuple[RowResult, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._refilter()
        self.endResetModel()

    def set_status(self, status: RowStatus | None) -> None:
        """Show only rows of this status (None: all)."""
        self.beginResetModel()
        self.status = status
        self._refilter()
        self.endResetModel()

    def row_at(self, row: int) -> RowResult | None:
        return self._rows[self._visible[row]] if 0 <= row < len(self._visible) else None

    def cell(self, row: int, title: str) -> str:
        return str(self._text(self._rows[self._visible[row]], COLUMNS.index(title)))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COLUMNS.index("Status"):
            return QBrush(STATUS_COLORS[row.status])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == REASONS and row.messages:
            return "\n".join(row.messages)
        return None

    def _text(self, row: RowResult, column: int) -> str | int:
        match column:
            case 0:
                return row.row
            case 1:
                return row.nik or ""
            case 2:
                return row.full_name or ""
            case 3:
                return STATUS_LABELS[row.status]
        return reasons_text(row)

    def _refilter(self) -> None:
        self._visible = [
            i for i, r in enumerate(self._rows) if self.status is None or r.status is self.status
        ]
