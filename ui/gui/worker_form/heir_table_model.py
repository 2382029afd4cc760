"""The worker's heirs (ahli waris) as a small table model; rows with problems are tinted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from services.core.errors import Problem
from services.text.formatting import short_date
from services.text.labels import HEIR_RELATION
from services.workers.types import HeirInput
from ui.gui.signals import emit

Index = QModelIndex | QPersistentModelIndex

HEADERS = ("Nama", "Hubungan", "NIK", "Tgl lahir", "No. HP", "Bank", "No. rekening", "Atas nama")
# Columns a masking role does not read (NIK, bank, account number, holder).
MASKED_COLUMNS = frozenset({2, 5, 6, 7})
HIDDEN = "(disembunyikan)"
_ERROR_TINT = QColor("#fdecea")
_WARNING_TINT = QColor("#fff4e0")


def heir_row_of(field: str) -> int | None:
    """ "heirs[2].nik" -> 2."""
    if not field.startswith("heirs["):
        return None
    try:
        return int(field[len("heirs[") : field.index("]")])
    except ValueError:
        return None


class HeirTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._heirs: list[HeirInput] = []
        self._problems: dict[int, list[Problem]] = {}
        self.masked = False

    def set_masked(self, masked: bool) -> None:
        self.beginResetModel()
        self.masked = masked
        self.endResetModel()

    def heirs(self) -> list[HeirInput]:
        return list(self._heirs)

    def heir(self, row: int) -> HeirInput:
        return self._heirs[row]

    def set_heirs(self, heirs: list[HeirInput]) -> None:
        self.beginResetModel()
        self._heirs = list(heirs)
        self._problems = {}
        self.endResetModel()

    def add(self, heir: HeirInput) -> int:
        row = len(self._heirs)
        self.beginInsertRows(QModelIndex(), row, row)
        self._heirs.append(heir)
        self.endInsertRows()
        return row

    def replace(self, row: int, heir: HeirInput) -> None:
        self._heirs[row] = heir
        emit(self.dataChanged, self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._heirs[row]
        self.endRemoveRows()
        # Problem indices shifted; the next check reports them afresh.
        self.set_problems([])

    def set_problems(self, problems: list[Problem]) -> None:
        self._problems = {}
        for problem in problems:
            row = heir_row_of(problem.field)
            if row is not None:
                self._problems.setdefault(row, []).append(problem)
        if self._heirs:
            emit(self.dataChanged, self.index(0, 0), self.index(len(self._heirs) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._heirs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        heir = self._heirs[index.row()]
        problems = self._problems.get(index.row(), [])
        if role == Qt.ItemDataRole.DisplayRole:
            if self.masked and index.column() in MASKED_COLUMNS:
                return HIDDEN
            return _cells(heir)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return _ERROR_TINT if any(p.is_error for p in problems) else _WARNING_TINT
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(p.text for p in problems)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


def _cells(heir: HeirInput) -> tuple[str, ...]:
    return (
        heir.full_name,
        HEIR_RELATION[heir.relation] if heir.relation else "",
        heir.nik or "",
        short_date(heir.birth_date),
        heir.phone or "",
        heir.bank_name or "",
        heir.bank_account_number or "",
        heir.bank_account_holder or "",
    )
