"""The claims list as a table: the section's list and a worker's own claims. A late first
report or a file waiting too long colours the row and says so in the Perhatian column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QTableView

from services.claims import ClaimRow
from services.claims.labels import CLAIM_STATUS
from services.core.errors import SiRentanError
from services.settings.store import DEFAULTS, SettingsService
from services.text.formatting import short_date
from ui.gui.app_context import AppContext
from ui.gui.claims.claim_texts import (
    LATE_BACKGROUND,
    LATE_TEXT,
    WAITING_BACKGROUND,
    WAITING_TEXT,
    attention_text,
    deadline_column_text,
)
from ui.gui.formats import moment_text
from ui.gui.widgets.record_table import Column, Index, RecordTableModel

ATTENTION_TITLE = "Perhatian"
WAITING_KEY = "claims.waiting_documents_days"


def waiting_days(app: AppContext) -> int:
    """The office's "waiting for documents" limit, for the words beside a flagged row."""
    try:
        text = SettingsService(app.ctx).get(WAITING_KEY)
    except SiRentanError:
        text = DEFAULTS[WAITING_KEY]
    digits = text.strip()
    return int(digits) if digits.isdigit() else int(DEFAULTS[WAITING_KEY])


def stretch_column(view: QTableView, column: int) -> None:
    """The column with long words takes the room left; the others fit their contents."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    last = view.model().columnCount() - 1
    if last != column:
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.ResizeToContents)


def _place(row: ClaimRow) -> str:
    return f"{row.village_name}, {row.kecamatan_name}"


def claim_columns(waiting_days: int, with_worker: bool = True) -> tuple[Column[ClaimRow], ...]:
    worker: tuple[Column[ClaimRow], ...] = (
        Column("Peserta", lambda r: r.worker_name),
        Column("NIK", lambda r: r.worker_nik),
        Column("Desa, kecamatan", _place),
    )
    return (
        Column("No.", lambda r: f"#{r.id}", numeric=True),
        Column("Jenis", lambda r: r.claim_type.upper()),
        Column("Status", lambda r: CLAIM_STATUS[r.status]),
        *(worker if with_worker else ()),
        Column("Tgl kejadian", lambda r: short_date(r.event_date)),
        Column("Lapor tahap I", deadline_column_text),
        Column("Status sejak", lambda r: moment_text(r.status_since, r.zone)),
        Column(
            ATTENTION_TITLE,
            lambda r: attention_text(r, waiting_days),
            tooltip=lambda r: _attention_tooltip(r, waiting_days),
        ),
    )


def _attention_tooltip(row: ClaimRow, waiting_days: int) -> str | None:
    lines = [attention_text(row, waiting_days)] if attention_text(row, waiting_days) else []
    if row.ineligible_reason:
        lines.append(f"Alasan: {row.ineligible_reason}")
    return "\n".join(lines) or None


class ClaimTableModel(RecordTableModel):
    def __init__(self, columns: Sequence[Column[ClaimRow]], parent: Any = None) -> None:
        super().__init__(columns, parent=parent)
        self._attention = next(i for i, c in enumerate(columns) if c.title == ATTENTION_TITLE)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: ClaimRow | None = self.record(index.row()) if index.isValid() else None
        if row is None:
            return None
        flagged = row.report_overdue or row.waiting_documents
        if role == Qt.ItemDataRole.BackgroundRole:
            if not flagged:
                return None
            return QColor(LATE_BACKGROUND if row.report_overdue else WAITING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not flagged:
                return None
            return QColor(LATE_TEXT if row.report_overdue else WAITING_TEXT)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self._attention:
            return _sign(row)
        return super().data(index, role)


def _sign(row: ClaimRow) -> QIcon | None:
    """The style's warning signs beside the words of the Perhatian column."""
    if row.report_overdue:
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
    elif row.waiting_documents or not row.eligible:
        pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
    else:
        return None
    return QApplication.style().standardIcon(pixmap)
