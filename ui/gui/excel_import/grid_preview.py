"""The top of the chosen sheet as the clerk knows it from Excel: row numbers, column
letters, the title rows greyed and the header row marked."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from services.excel_import import SourceTable

# Enough rows to see the kop, the header and the first persons.
ROWS_SHOWN = 40
_HEADER_BACKGROUND = QBrush(QColor("#dce8fb"))
_ABOVE_HEADER = QBrush(QColor("#8a8f98"))

Index = QModelIndex | QPersistentModelIndex


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA", as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell as the clerk typed it: whole numbers without ".0", dates as dd-mm-yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            f"{value:%d-%m-%Y %H.%M}"
            if value.time() != datetime.min.time()
            else f"{value:%d-%m-%Y}"
        )
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


class GridPreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._source: SourceTable | None = None
        self._rows: list[list[Any]] = []
        self._width = 0

    def set_source(self, source: SourceTable | None) -> None:
        self.beginResetModel()
        self._source = source
        self._rows = source.grid[:ROWS_SHOWN] if source else []
        self._width = source.width if source else 0
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letter(section)
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._source is None:
            return None
        row = self._rows[index.row()]
        header_row = self._source.header_row
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row[index.column()]) if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == header_row:
            return _HEADER_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and index.row() < header_row:
            return _ABOVE_HEADER
        if role == Qt.ItemDataRole.FontRole and index.row() == header_row:
            font = QFont()
            font.setBold(True)
            return font
        return None
