"""Every screen paints with real rows: errors raised while painting reach no clerk."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.ui.helpers import open_window, seed, worker_list


def test_the_main_screens_paint_with_fifty_workers(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    workers = seed(WorkerService(sqlite_ctx), 50)
    window = open_window(qtbot, sqlite_ctx)
    assert not window.grab().isNull()
    panel = worker_list(window)
    assert panel.count.text() == "50 peserta"
    panel.table.scrollToBottom()
    assert not window.grab().isNull()

    window.coverage.edit.setText(workers[0].kpj or "")
    window.coverage.check()
    assert not window.grab().isNull()

    form = window.open_worker(workers[-1].id)
    assert form is not None
    for index in range(form.tabs.count()):
        form.tabs.setCurrentIndex(index)
        assert not form.grab().isNull()
    form.personal.birth_date.open_calendar()
    assert form.personal.birth_date._calendar is not None
