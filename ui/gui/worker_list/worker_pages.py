"""The rows of one worker query, read page by page from WorkerService.search.

Only the pages the view shows are ever loaded (200 rows each, the last few
dozen kept), so a register of 150,000 workers opens as fast as one of 50.
The first page is read at once. Later pages come through the background
queue when one is given: deep in a list sorted by desa or sumber dana one
page can take most of a second, and the window must not freeze meanwhile.
A search counts only up to its cap (WorkerQuery.count_limit); the exact count,
asked for by the clerk or by scrolling to the end, comes through the same queue.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, Signal

from services.core.errors import SiRentanError
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery, WorkerRow
from ui.gui.signals import emit
from ui.gui.tasks import Tasks

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40
# A page asked for this many requests ago has scrolled away: its queued fetch is skipped.
RECENT_REQUESTS = 4


class WorkerPages(QObject):
    # Rows first..last have arrived from the background queue.
    arrived = Signal(int, int)
    # A page could not be read, or the matches not counted; the Indonesian message says why.
    failed = Signal(str)
    # The exact count of a capped search has begun.
    counting = Signal()

    def __init__(
        self,
        workers: WorkerService,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_CACHED_PAGES,
        tasks: Tasks | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._page_size = page_size
        self._max_pages = max_pages
        self._tasks = tasks
        self.query = WorkerQuery()
        self.total = 0
        # False while the search has only counted up to its cap ("more than total").
        self.total_exact = True
        # The office's day of the first page (None until one is read).
        self.day: date | None = None
        self._pages: OrderedDict[int, list[WorkerRow]] = OrderedDict()
        self._failed: set[int] = set()
        self._pending: dict[int, int] = {}  # page -> ticket of the request that asked
        self._tickets = 0
        self._generation = 0  # bumped by every reset; older answers are dropped
        self._counting: int | None = None  # the generation whose exact count is on its way

    def reset(self, query: WorkerQuery) -> SiRentanError | None:
        """Start over with ``query``: read its total and first page now."""
        self.query = query
        self._generation += 1
        self._pages.clear()
        self._failed.clear()
        self._pending.clear()
        try:
            page = self._workers.search(self._page_query(0))
        except SiRentanError as error:
            self.total, self.total_exact = 0, True
            return error
        self.total, self.total_exact = page.total, page.total_exact
        self.day = page.day or self.day
        self._pages[0] = page.rows
        return None

    def count_all(self, counted: Callable[[int], None]) -> None:
        """Count every match of a capped search exactly; ``counted(total)`` gets the number
        (on the GUI thread, only if the query is still the same), and must call
        :meth:`take_total` once the view is ready for the rows that number brings."""
        if self.total_exact or self._counting == self._generation:
            return  # nothing to count, or already on its way
        generation, query, workers = self._generation, self.query, self._workers
        self._counting = generation
        emit(self.counting)
        if self._tasks is None:
            try:
                total = workers.count(query)
            except SiRentanError as error:
                self._not_counted(generation, error)
                return
            self._counted(generation, total, counted)
            return
        self._tasks.run(
            lambda: workers.count(query),
            lambda total: self._counted(generation, total, counted),
            lambda error: self._not_counted(generation, error),
            wanted=lambda: generation == self._generation,
            retry=False,  # the list offers "Hitung semua" again and says what failed
        )

    def take_total(self, total: int) -> None:
        """The exact count has arrived: the list has this many rows now."""
        self.total, self.total_exact = total, True

    @property
    def is_counting(self) -> bool:
        return self._counting is not None and self._counting == self._generation

    def row(self, index: int) -> WorkerRow | None:
        if not 0 <= index < self.total:
            return None
        number, offset = divmod(index, self._page_size)
        rows = self._page(number)
        return rows[offset] if rows is not None and offset < len(rows) else None

    def is_pending(self, index: int) -> bool:
        return index // self._page_size in self._pending

    def index_of(self, worker_id: int) -> int | None:
        """Where a worker is among the pages already loaded (no query)."""
        for number, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == worker_id:
                    return number * self._page_size + offset
        return None

    # -- internals ------------------------------------------------------------------

    def _page_query(self, number: int) -> WorkerQuery:
        return replace(self.query, offset=number * self._page_size, limit=self._page_size)

    def _page(self, number: int) -> list[WorkerRow] | None:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        if number in self._failed:
            return None  # reported once; the next reset tries again
        if self._tasks is not None:
            self._request(number)
            return None
        return self._fetch_now(number)

    def _fetch_now(self, number: int) -> list[WorkerRow] | None:
        try:
            rows = self._workers.search(self._page_query(number)).rows
        except SiRentanError as error:
            self._failed.add(number)
            emit(self.failed, error.message)
            return None
        except Exception:
            # A bug: let the error hook report it once, rather than on every repaint.
            self._failed.add(number)
            raise
        self._keep(number, rows)
        return rows

    def _keep(self, number: int, rows: list[WorkerRow]) -> None:
        # If others added or removed workers meanwhile, rows may shift by a few
        # until the next reset; the row count stays as the view knows it.
        self._pages[number] = rows
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)

    def _request(self, number: int) -> None:
        asked = self._pending.get(number)
        if asked is not None and self._tickets - asked < RECENT_REQUESTS:
            return  # on its way
        assert self._tasks is not None
        self._tickets += 1
        self._pending[number] = ticket = self._tickets
        generation, query, workers = self._generation, self._page_query(number), self._workers
        self._tasks.run(
            lambda: workers.search(query).rows,
            lambda rows: self._arrived(generation, number, rows),
            lambda error: self._not_arrived(generation, number, error),
            # Read in the pool thread: plain ints, safe to compare there.
            wanted=lambda: (
                generation == self._generation and self._tickets - ticket < RECENT_REQUESTS
            ),
            retry=False,  # scrolling asks again by itself; the list says what failed
        )

    def _arrived(self, generation: int, number: int, rows: list[WorkerRow]) -> None:
        if generation != self._generation:
            return
        self._pending.pop(number, None)
        self._keep(number, rows)
        first = number * self._page_size
        last = min(first + self._page_size, self.total) - 1
        if last >= first:
            emit(self.arrived, first, last)

    def _counted(self, generation: int, total: int, counted: Callable[[int], None]) -> None:
        if generation != self._generation:
            return
        self._counting = None
        counted(total)

    def _not_counted(self, generation: int, error: SiRentanError) -> None:
        if generation != self._generation:
            return
        self._counting = None
        emit(self.failed, error.message)

    def _not_arrived(self, generation: int, number: int, error: SiRentanError) -> None:
        if generation != self._generation:
            return
        self._pending.pop(number, None)
        self._failed.add(number)
        emit(self.failed, error.message)
