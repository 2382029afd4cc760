"""The worker table as the clerk sees it: whole-row selection, readable column widths."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.gui.worker_list.worker_columns import COLUMNS, NAME_COLUMN
from ui.gui.worker_list.worker_table_model import WorkerTableModel

_CELL_PADDING = 12
_SORT_ARROW = 12


class WorkerTableView(QTableView):
    def __init__(self, model: WorkerTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self._size_rows()
        self._size_columns()
        self._enable_sorting(model)

    def worker_model(self) -> WorkerTableModel:
        model = self.model()
        assert isinstance(model, WorkerTableModel)
        return model

    def current_row(self) -> int | None:
        index = self.currentIndex()
        selected = self.selectionModel().isRowSelected(index.row()) if index.isValid() else False
        return index.row() if selected else None

    def select_row(self, row: int) -> None:
        self.selectRow(row)
        self.scrollTo(self.model().index(row, NAME_COLUMN))

    def _size_rows(self) -> None:
        rows = self.verticalHeader()
        rows.hide()
        # Fixed heights let the view place 150,000 rows without measuring any.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        header_metrics = header.fontMetrics()
        for number, column in enumerate(COLUMNS):
            width = max(
                metrics.horizontalAdvance(column.sample) + _CELL_PADDING,
                header_metrics.horizontalAdvance(column.title) + _CELL_PADDING + _SORT_ARROW,
            )
            self.setColumnWidth(number, width)
        self._name_min_width = self.columnWidth(NAME_COLUMN)
        header.setMinimumSectionSize(metrics.horizontalAdvance("L/P") + _CELL_PADDING)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The name takes the width left over, but never less than a full name
        # needs (a stretched section could shrink to nothing on a small screen).
        others = sum(self.columnWidth(n) for n in range(len(COLUMNS)) if n != NAME_COLUMN)
        spare = self.viewport().width() - others
        self.setColumnWidth(NAME_COLUMN, max(self._name_min_width, spare))

    def _enable_sorting(self, model: WorkerTableModel) -> None:
        header = self.horizontalHeader()
        # Set the indicator first: enabling sorting sorts by it at once, and the
        # model ignores a sort it already has, so no extra query at start.
        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._keep_indicator_sortable)

    def _keep_indicator_sortable(self, section: int, _order: Qt.SortOrder) -> None:
        model = self.worker_model()
        if not model.is_sortable(section):
            self.horizontalHeader().setSortIndicator(model.sort_column(), model.sort_order())
