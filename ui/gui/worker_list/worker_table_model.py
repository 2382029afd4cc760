"""The worker list as a Qt table model: a thin adapter over the pages of one search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from models.enums import WorkerStatus
from services.text.labels import WORKER_STATUS
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery, WorkerRow
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.worker_list.worker_columns import (
    COLUMNS,
    COVERAGE_END_COLUMN,
    GENDER_COLUMN,
    NAME_COLUMN,
    STATUS_COLUMN,
    column_of,
    gender_label,
)
from ui.gui.worker_list.worker_pages import MAX_CACHED_PAGES, PAGE_SIZE, WorkerPages

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LOADING = "memuat…"
_INACTIVE = QColor("#7a7a7a")
_EXPIRED = QColor("#b3261e")

Index = QModelIndex | QPersistentModelIndex


class WorkerTableModel(QAbstractTableModel):
    # After every reload: how many workers match the query now.
    total_changed = Signal(int)
    # Rows could not be read, or the matches not counted; the Indonesian message says why.
    load_failed = Signal(str)
    # The exact count of a capped search has begun; total_changed brings the number.
    counting = Signal()

    def __init__(
        self,
        workers: WorkerService,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_CACHED_PAGES,
        parent: Any = None,
        tasks: Tasks | None = None,
    ) -> None:
        super().__init__(parent)
        self._pages = WorkerPages(workers, page_size, max_pages, tasks, self)
        self._pages.arrived.connect(self._rows_arrived)
        self._pages.failed.connect(self.load_failed)
        self._pages.counting.connect(self.counting)

    # -- what the panel asks ----------------------------------------------------

    @property
    def query(self) -> WorkerQuery:
        return replace(self._pages.query)

    @property
    def total(self) -> int:
        return self._pages.total

    @property
    def total_exact(self) -> bool:
        return self._pages.total_exact

    @property
    def is_counting(self) -> bool:
        return self._pages.is_counting

    def count_all(self) -> None:
        """Count every match of a capped search exactly ("Hitung semua", or the view
        scrolled to the end): in the background when the list has a queue."""
        self._pages.count_all(self._counted)

    def set_query(self, query: WorkerQuery) -> None:
        """New search text or filters; the sort chosen in the header stays."""
        current = self._pages.query
        self._reset(replace(query, sort=current.sort, descending=current.descending))

    def reload(self) -> None:
        self._reset(self._pages.query)

    def worker_at(self, row: int) -> WorkerRow | None:
        return self._pages.row(row)

    def row_of(self, worker_id: int) -> int | None:
        """The row of a worker among the rows already loaded (no query)."""
        return self._pages.index_of(worker_id)

    def sort_column(self) -> int:
        return column_of(self._pages.query.sort)

    def sort_order(self) -> Qt.SortOrder:
        descending = self._pages.query.descending
        return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort_key is not None

    # -- Qt model interface -----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._pages.total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._pages.total_exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the end of a capped count: count every match."""
        if not parent.isValid():
            self.count_all()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._pages.row(index.row())
        if row is None:
            loading = index.column() == NAME_COLUMN and self._pages.is_pending(index.row())
            return LOADING if loading and role == Qt.ItemDataRole.DisplayRole else None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._color(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column.centered:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tooltip or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key if self.is_sortable(column) else None
        descending = order == Qt.SortOrder.DescendingOrder
        current = self._pages.query
        if key is None or (key == current.sort and descending == current.descending):
            return
        self._reset(replace(current, sort=key, descending=descending))

    # -- internals --------------------------------------------------------------

    def _reset(self, query: WorkerQuery) -> None:
        self.beginResetModel()
        error = self._pages.reset(query)
        self.endResetModel()
        if error is not None:
            emit(self.load_failed, error.message)
        emit(self.total_changed, self._pages.total)

    def _counted(self, after: int) -> None:
        before = self._pages.total
        if after > before:
            self.beginInsertRows(QModelIndex(), before, after - 1)
            self._pages.take_total(after)
            self.endInsertRows()
        elif after < before:  # workers removed since the capped count
            self.beginRemoveRows(QModelIndex(), after, before - 1)
            self._pages.take_total(after)
            self.endRemoveRows()
        else:
            self._pages.take_total(after)
        emit(self.total_changed, after)

    def _rows_arrived(self, first: int, last: int) -> None:
        emit(self.dataChanged, self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _color(self, row: WorkerRow, column: int) -> QColor | None:
        if row.status is not WorkerStatus.ACTIVE:
            return _INACTIVE
        if column == COVERAGE_END_COLUMN and self._expired(row):
            return _EXPIRED
        return None

    def _tooltip(self, row: WorkerRow, column: int) -> str | None:
        if column == GENDER_COLUMN:
            return gender_label(row)
        if column == COVERAGE_END_COLUMN and self._expired(row):
            return "Kepesertaan sudah berakhir"
        if column == STATUS_COLUMN and row.status is not WorkerStatus.ACTIVE:
            return f"Peserta {WORKER_STATUS[row.status].lower()}"
        if COLUMNS[column].full_text_tooltip:
            return COLUMNS[column].text(row)
        return None

    def _expired(self, row: WorkerRow) -> bool:
        # The office's day the search read the page on (a database away gives no page).
        today = self._pages.day
        return row.coverage_end is not None and today is not None and row.coverage_end < today
