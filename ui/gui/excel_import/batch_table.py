"""Import batches as a table: file, when, who, counts and where each batch stands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.enums import BatchStatus
from services.excel_import import BatchInfo
from ui.gui.formats import moment_text, thousands

Index = QModelIndex | QPersistentModelIndex


def when(moment: datetime | None) -> str:
    """ "07-01-2026 09.30 WITA": the service gives the moment on the office's clock."""
    return moment_text(moment) if moment is not None else "-"


def waits_for_approval(batch: BatchInfo) -> bool:
    return batch.status is BatchStatus.PENDING and batch.needs_approval


def status_text(batch: BatchInfo) -> str:
    match batch.status:
        case BatchStatus.PENDING if batch.needs_approval:
            return "Menunggu persetujuan"
        case BatchStatus.PENDING:
            return "Pratinjau, belum disimpan"
        case BatchStatus.APPROVED:
            return f"Disetujui oleh {batch.approved_by or '-'}, belum disimpan"
        case BatchStatus.COMMITTED:
            return "Tersimpan"
        case BatchStatus.UNDONE:
            return f"Dibatalkan oleh {batch.undone_by or '-'}, {when(batch.undone_at)}"
    return str(batch.status)


def written_text(batch: BatchInfo) -> str:
    if batch.status not in (BatchStatus.COMMITTED, BatchStatus.UNDONE):
        return "-"
    return f"{thousands(batch.inserted)} baru, {thousands(batch.updated)} diubah"


_COLUMNS: tuple[tuple[str, Callable[[BatchInfo], str]], ...] = (
    ("No.", lambda b: f"#{b.id}"),
    ("Berkas", lambda b: b.file_name + (f" ({b.sheet_name})" if b.sheet_name else "")),
    # A committed batch: when and by whom it was saved; otherwise its dry run.
    ("Waktu", lambda b: when(b.committed_at or b.created_at)),
    ("Petugas", lambda b: b.committed_by or b.created_by or "-"),
    # New rows with a note are new rows too: counted as the wizard counts them ("15 baru").
    ("Baru", lambda b: thousands(b.counts.new + b.counts.warning)),
    ("Sudah terdaftar", lambda b: thousands(b.counts.update)),
    ("… dgn catatan", lambda b: thousands(b.counts.warning)),
    ("Ditolak", lambda b: thousands(b.counts.rejected)),
    ("Dilewati", lambda b: thousands(b.counts.ignored)),
    ("Disimpan", written_text),
    ("Status", status_text),
)
COLUMN_TITLES = tuple(title for title, _text in _COLUMNS)
_NUMBERS = {"Baru", "Sudah terdaftar", "… dgn catatan", "Ditolak", "Dilewati"}


class BatchTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._batches: list[BatchInfo] = []

    def set_batches(self, batches: list[BatchInfo]) -> None:
        self.beginResetModel()
        self._batches = list(batches)
        self.endResetModel()

    def batch_at(self, row: int) -> BatchInfo | None:
        return self._batches[row] if 0 <= row < len(self._batches) else None

    def row_of(self, batch_id: int) -> int | None:
        return next((i for i, b in enumerate(self._batches) if b.id == batch_id), None)

    def cell(self, row: int, title: str) -> str:
        return _COLUMNS[COLUMN_TITLES.index(title)][1](self._batches[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._batches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMN_TITLES[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        title, text = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(self._batches[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and title in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
