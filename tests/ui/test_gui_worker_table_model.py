"""The worker table model is a thin, paged adapter over WorkerService.search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from services.core.context import ServiceContext
from services.core.errors import DatabaseUnavailableError
from services.workers.service import WorkerService
from services.workers.types import WorkerPage, WorkerQuery
from tests.ui.helpers import seed
from ui.gui.tasks import Tasks
from ui.gui.worker_list.worker_columns import COLUMNS, GENDER_COLUMN, NAME_COLUMN, column_of
from ui.gui.worker_list.worker_table_model import ID_ROLE, LOADING, WorkerTableModel


def column(title: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == title)


def test_row_count_is_the_search_total_and_rows_come_in_name_order(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    workers = WorkerService(sqlite_ctx)
    seed(workers, 5)
    model = WorkerTableModel(workers)
    with qtbot.waitSignal(model.total_changed) as signal:
        model.reload()
    assert signal.args == [5]
    assert model.rowCount() == 5 == workers.search(WorkerQuery()).total
    names = [model.data(model.index(row, column("Nama"))) for row in range(5)]
    assert names == sorted(names)
    assert model.data(model.index(0, column("NIK"))).startswith("530305")
    assert isinstance(model.data(model.index(0, 0), ID_ROLE), int)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "NIK"
    assert model.rowCount(model.index(0, 0)) == 0  # a table has no children


def test_rows_are_fetched_page_by_page_and_only_some_pages_are_kept(
    sqlite_ctx: ServiceContext,
) -> None:
    workers = WorkerService(sqlite_ctx)
    seed(workers, 7)
    calls: list[WorkerQuery] = []
    original = workers.search

    def counting_search(query: WorkerQuery) -> WorkerPage:
        calls.append(query)
        return original(query)

    # Counts the calls, then asks the real search.
    workers.search = counting_search  # type: ignore[method-assign]
    model = WorkerTableModel(workers, page_size=2, max_pages=2)
    model.reload()
    assert [q.offset for q in calls] == [0]
    everyone = original(WorkerQuery(limit=10)).rows
    assert model.worker_at(5) == everyone[5]  # page 2 (rows 4-5) fetched on demand
    assert model.worker_at(6) == everyone[6]
    assert [q.offset for q in calls] == [0, 4, 6]
    assert model.worker_at(0) == everyone[0]  # page 0 was dropped, so fetched again
    assert model.worker_at(7) is None  # past the end: no query
    assert len(calls) == 4


def test_sorting_by_a_header_maps_to_the_service_sort_key(sqlite_ctx: ServiceContext) -> None:
    workers = WorkerService(sqlite_ctx)
    details = seed(workers, 4)
    model = WorkerTableModel(workers)
    model.reload()
    model.sort(column("NIK"), Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "nik" and model.query.descending
    assert model.data(model.index(0, column("NIK"))) == max(d.nik for d in details)
    assert model.sort_column() == column_of("nik")
    model.sort(GENDER_COLUMN, Qt.SortOrder.AscendingOrder)  # no sort key: ignored
    assert model.query.sort == "nik"
    model.set_query(WorkerQuery(text="530305"))
    assert model.query.sort == "nik", "a new search keeps the chosen sort"


def test_a_database_failure_empties_the_list_and_says_why(qtbot: QtBot) -> None:
    class DownService:
        def search(self, _query: WorkerQuery) -> Any:
            raise DatabaseUnavailableError("Server basis data tidak dapat dihubungi.")

    # A stand-in service: the model only calls search().
    model = WorkerTableModel(DownService())  # type: ignore[arg-type]
    with qtbot.waitSignal(model.load_failed) as signal:
        model.reload()
    assert signal.args == ["Server basis data tidak dapat dihubungi."]
    assert model.rowCount() == 0
    assert model.data(QModelIndex()) is None


def test_later_pages_come_from_the_background_without_blocking(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    workers = WorkerService(sqlite_ctx)
    seed(workers, 7)
    everyone = workers.search(WorkerQuery(limit=10)).rows
    tasks = Tasks()
    model = WorkerTableModel(workers, page_size=2, tasks=tasks)
    model.reload()
    assert model.worker_at(0) == everyone[0], "the first page is read at once"

    assert model.worker_at(5) is None
    assert model.data(model.index(5, NAME_COLUMN)) == LOADING
    with qtbot.waitSignal(model.dataChanged) as changed:
        pass
    assert [i.row() for i in changed.args[:2]] == [4, 5]
    assert model.worker_at(5) == everyone[5]

    model.worker_at(6)  # asked, then the query changes before the answer is used
    model.set_query(WorkerQuery(text="tidak ada"))
    tasks.wait()
    qtbot.wait(20)
    assert model.rowCount() == 0 and model.worker_at(6) is None
