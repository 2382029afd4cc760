"""What the tabs of Iuran & anggaran share: a banner, loading through the section's
background queue, a "changed" signal, and tables whose differences show in red."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from services.core.errors import SiRentanError
from ui.gui.app_context import AppContext
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import Column, Index, RecordTableModel

T = TypeVar("T")
ALERT = QColor("#b3261e")


class FlaggedTableModel(RecordTableModel[T]):
    """A record table whose flagged cells (a difference, a shortfall) are drawn in red."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        flagged: Callable[[T, int], bool],
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent=parent)
        self._flagged = flagged

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            record = self.record(index.row())
            if record is not None and self._flagged(record, index.column()):
                return ALERT
            return None
        return super().data(index, role)


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #4a5560;")
    return label


class PremiumTab(QWidget):
    # Something was recorded here: the other tabs' figures are out of date.
    changed = Signal()

    def __init__(self, app: AppContext, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.tasks = tasks
        self.banner = NoticeBanner(self)
        self.stale = True
        self.loading = False

    def reload(self) -> None:
        """Read this tab's figures again (in the background)."""
        raise NotImplementedError

    def load(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.stale = False
        self.loading = True

        def shown(result: Any) -> None:
            self.loading = False
            done(result)
            if self.stale and self.isVisible():
                self.reload()  # something was recorded while this was read

        self.tasks.run(work, shown, self._failed, settle=self._settle)

    def tell_changed(self, text: str) -> None:
        self.banner.show_message(text, Tone.INFO)
        emit(self.changed)

    def _failed(self, error: SiRentanError) -> None:
        self._settle()
        self.stale = True
        self.banner.show_message(error.message, Tone.ERROR)

    def _settle(self) -> None:
        self.loading = False


def confirm(parent: QWidget, text: str, action: str) -> bool:
    """Ask before removing a record; ``action`` names the button, e.g. "Hapus tagihan"."""
    box = QMessageBox(QMessageBox.Icon.Question, "Iuran & anggaran", text, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes
