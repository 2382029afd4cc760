"""The table of audit entries: whole rows selected, changes wrapped over several lines."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.gui.audit.audit_table_model import AuditTableModel

# Past this many rows, measuring each row would hold up the screen; estimated instead.
MEASURED_ROWS = 1000


class AuditTableView(QTableView):
    def __init__(self, model: AuditTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Row heights follow the wrapped text, so they are measured again after the
        # columns change width (the view is laid out after the rows arrive).
        self._rows_timer = QTimer(self, singleShot=True, interval=0)
        self._rows_timer.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._rows_timer.start())
        model.modelReset.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rows_timer.start()

    def selected_row(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _fit(self) -> None:
        model = self.model()
        last = model.columnCount() - 1
        for column in range(last):
            self.resizeColumnToContents(column)
            # Long summaries must not push the changes column off the screen.
            self.setColumnWidth(column, min(self.columnWidth(column), 260))
        self._fit_rows()

    def _fit_rows(self) -> None:
        model = self.model()
        last = model.columnCount() - 1
        if model.rowCount() <= MEASURED_ROWS:
            self.resizeRowsToContents()  # wrapped summaries and lists of changes, exactly
            return
        line = self.fontMetrics().lineSpacing()
        for row in range(model.rowCount()):
            lines = str(model.index(row, last).data() or "").count("\n") + 1
            self.setRowHeight(row, lines * line + 8)
