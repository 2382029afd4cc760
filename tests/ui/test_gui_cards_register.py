"""Cards in the register's screens: the list's card filter and the worker form's Kartu tab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.enums import Recipient, ReprintReason
from services.cards import HandOver, hand_over, list_cards, print_cards
from services.cards.types import PrintRequest
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from services.workers.types import CardFilter
from tests.conftest import office_day_now
from tests.present import present
from tests.ui.helpers import choose, open_window, seed, wait_rows, worker_list


def test_the_card_filter_shows_who_still_needs_a_card_or_a_hand_over(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    workers = WorkerService(ctx)
    people = seed(workers, 4)
    printed = (people[0].id, people[1].id)
    print_cards(ctx, PrintRequest(worker_ids=printed), tmp_path / "dua.pdf")
    [card] = [c for c in list_cards(ctx) if c.worker_id == people[0].id]
    hand_over(ctx, HandOver((card.id,), office_day_now(), Recipient.WORKER))
    window = open_window(qtbot, ctx)
    panel = worker_list(window)
    wait_rows(qtbot, panel, 4)
    combo = panel.filters.card
    assert combo.itemText(0) == "Semua kartu"

    def shown() -> set[int]:
        return {present(panel.model.worker_at(r)).id for r in range(panel.model.rowCount())}

    choose(combo, CardFilter.NOT_PRINTED)
    wait_rows(qtbot, panel, 2)
    assert shown() == {people[2].id, people[3].id}
    choose(combo, CardFilter.PRINTED_NOT_HANDED_OVER)
    wait_rows(qtbot, panel, 1)
    assert shown() == {people[1].id}
    choose(combo, CardFilter.HANDED_OVER)
    wait_rows(qtbot, panel, 1)
    assert shown() == {people[0].id}
    panel.filters.clear_filters()
    wait_rows(qtbot, panel, 4)
    assert combo.value() is None


def test_the_card_tab_shows_every_print_its_reason_and_the_hand_over(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    [person] = seed(WorkerService(sqlite_ctx), 1)
    print_cards(sqlite_ctx, PrintRequest(worker_ids=(person.id,)), tmp_path / "1.pdf")
    [first] = list_cards(sqlite_ctx)
    hand_over(
        sqlite_ctx,
        HandOver((first.id,), office_day_now(), Recipient.VILLAGE_OFFICE, "Yakobus Sasi"),
    )
    request = PrintRequest(worker_ids=(person.id,), reprint_reason=ReprintReason.LOST)
    print_cards(sqlite_ctx, request, tmp_path / "2.pdf")
    window = open_window(qtbot, sqlite_ctx)
    form = window.open_worker(person.id)
    assert form is not None
    tab = form.cards
    assert not tab.loaded
    form.tabs.setCurrentWidget(tab)
    assert tab.loaded
    model = tab.model
    assert model.rowCount() == 2

    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]

    def cell(row: int, title: str) -> str:
        return str(model.data(model.index(row, titles.index(title))))

    assert cell(0, "Jenis") == "Cetak ulang (hilang)"
    assert cell(0, "Status") == "Dicetak, belum diserahkan"
    assert cell(0, "Diserahkan") == ""
    assert cell(1, "Jenis") == "Cetak pertama"
    assert cell(1, "Status") == "Sudah diserahkan"
    assert cell(1, "Diserahkan") == (
        f"{office_day_now():%d-%m-%Y} kepada kantor desa: Yakobus Sasi"
    )
    assert cell(1, "Oleh") == sqlite_ctx.user_name
    assert "2 kartu pernah dicetak" in tab.note.text()


def test_a_new_worker_has_no_card_history_yet(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    window = open_window(qtbot, sqlite_ctx)
    form = window.open_worker(None)
    assert form is not None
    form.tabs.setCurrentWidget(form.cards)
    assert form.cards.model.rowCount() == 0
    assert "setelah data peserta disimpan" in form.cards.note.text()
