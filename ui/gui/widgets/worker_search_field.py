"""Type a NIK, KPJ or name to find a worker: the worker list's own search runs in the
background a moment after the clerk stops typing (or at once on Enter), and only the
answer to the latest text is reported. Used wherever a form picks a worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from services.workers.types import WorkerPage, WorkerQuery
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.signals import emit
from ui.gui.tasks import Tasks

SEARCH_DELAY_MS = 250
NO_MATCH = "Tidak ada peserta yang cocok. Periksa NIK/KPJ atau ejaan nama."


def matches_text(page: WorkerPage, then: str = "") -> str:
    """How many matched, and that only the first are shown when there are more."""
    if not page.total:
        return NO_MATCH
    more = f" ({len(page.rows)} pertama ditampilkan)" if page.total > len(page.rows) else ""
    # A search that stopped counting at its cap says so, as the worker list does.
    count = thousands(page.total) if page.total_exact else f"Lebih dari {thousands(page.total - 1)}"
    return f"{count} peserta cocok{more}.{then}"


class WorkerSearchField(QLineEdit):
    found = Signal(object)  # WorkerPage, for the latest text
    failed = Signal(str)  # the clerk's message
    # The text is empty or too short to search: the hint to show ("" when empty).
    too_short = Signal(str)
    # Enter was pressed and the search it ran found exactly one worker.
    single_match = Signal(object)  # WorkerRow

    def __init__(
        self, app: AppContext, limit: int, min_chars: int = 1, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._limit = limit
        self._min_chars = min_chars
        self.tasks = Tasks(self)
        self.searching = False
        self._asked = 0
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.setClearButtonEnabled(True)
        self.textChanged.connect(lambda _text: self._timer.start())
        self._enter_asked = -1
        self.returnPressed.connect(self._run_on_enter)
        self._timer.timeout.connect(self.run_search)

    def _run_on_enter(self) -> None:
        self.run_search()
        self._enter_asked = self._asked

    def run_search(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        self._asked += 1
        asked = self._asked
        if len(text) < self._min_chars:
            self.searching = False
            short = f"Ketik paling sedikit {self._min_chars} huruf atau angka."
            emit(self.too_short, short if text else "")
            return
        workers, query = self._app.workers, WorkerQuery(text=text, limit=self._limit)
        self.searching = True
        self.tasks.run(
            lambda: workers.search(query),
            lambda page: self._answered(asked, lambda: self._found(asked, page)),
            lambda error: self._answered(asked, lambda: emit(self.failed, error.message)),
            wanted=lambda: asked == self._asked,
            retry=False,  # the next keystroke asks again; a box would interrupt the typing
        )

    def _found(self, asked: int, page: WorkerPage) -> None:
        emit(self.found, page)
        if asked == self._enter_asked and page.total == 1 and len(page.rows) == 1:
            emit(self.single_match, page.rows[0])

    def _answered(self, asked: int, report: Callable[[], None]) -> None:
        if asked != self._asked:
            return
        self.searching = False
        report()
