"""Audit entries as a table: the audit section and the worker form's history share it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from services.audit.query import AuditRow
from ui.gui.audit.change_text import ChangeText, action_label, entity_label
from ui.gui.formats import local_time
from ui.gui.widgets.record_table import Column as RecordColumn
from ui.gui.widgets.record_table import Index, RecordTableModel


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


class AuditTableModel(RecordTableModel[AuditRow]):
    """The entries, each cell at its top left (a change list runs over several lines)."""

    def __init__(self, text: ChangeText, columns: tuple[Column, ...], parent: Any = None) -> None:
        super().__init__([_bound(c, text) for c in columns], parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return super().data(index, role)


def _bound(column: Column, text: ChangeText) -> RecordColumn[AuditRow]:
    """A column read with the model's ChangeText; the changes' tooltip lists them all."""
    if column is CHANGES:
        return RecordColumn(
            column.title,
            lambda r: column.text(r, text),
            tooltip=lambda r: "\n".join(text.lines(r)) or None,
        )
    return RecordColumn(column.title, lambda r: column.text(r, text), tooltip=lambda _r: None)
