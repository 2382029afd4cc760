"""Audit entries as a table: the audit section and the worker form's history share it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from services.audit.query import AuditRow
from ui.gui.audit.change_text import ChangeText, action_label, entity_label
from ui.gui.formats import local_time

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    text: Callable[[AuditRow, ChangeText], str]


WHEN = Column("Waktu", lambda r, _t: local_time(r.at))
WHO = Column("Pengguna", lambda r, _t: r.user_name or "-")
STATION = Column("Komputer", lambda r, _t: r.workstation or "-")
ACTION = Column("Tindakan", lambda r, _t: action_label(r))
DATA = Column("Data", lambda r, _t: entity_label(r))
SUMMARY = Column("Keterangan", lambda r, t: t.summary(r))
# Long lists of changes (a new worker) are cut here; the detail pane shows them all.
MAX_LINES = 6


def _changes(row: AuditRow, text: ChangeText) -> str:
    lines = text.lines(row)
    if len(lines) > MAX_LINES:
        more = len(lines) - MAX_LINES + 1
        lines = [*lines[: MAX_LINES - 1], f"… dan {more} kolom lain (lihat rincian)"]
    return "\n".join(lines)


CHANGES = Column("Perubahan", _changes)

AUDIT_COLUMNS = (WHEN, WHO, STATION, ACTION, DATA, SUMMARY, CHANGES)
HISTORY_COLUMNS = (WHEN, Column("Petugas", WHO.text), STATION, ACTION, SUMMARY, CHANGES)


class AuditTableModel(QAbstractTableModel):
    def __init__(self, text: ChangeText, columns: tuple[Column, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self._text = text
        self._columns = columns
        self._rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def entry(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self._rows[index.row()], self._text)
        if role == Qt.ItemDataRole.ToolTipRole and column is CHANGES:
            return "\n".join(self._text.lines(self._rows[index.row()])) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        return None
