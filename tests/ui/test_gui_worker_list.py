"""Finding workers in the list: search as you type, cascading filters, the count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.enums import Gender, WorkerStatus
from services.core.context import ServiceContext
from services.text.figures import thousands
from services.workers.service import WorkerService
from services.workers.types import TYPING_COUNT_LIMIT, AgeBand, WorkerPage, WorkerQuery
from tests.factories import VILLAGE
from tests.present import present
from tests.ui.helpers import covered_now, open_window, seed, type_into, wait_rows, worker_list
from ui.gui.app_context import AppContext
from ui.gui.formats import count_label
from ui.gui.widgets.worker_search_field import matches_text
from ui.gui.worker_list.worker_filter_bar import DrillDown
from ui.gui.worker_list.worker_list_panel import WorkerListPanel


def test_typing_in_the_search_box_narrows_the_list(qtbot: QtBot, ctx: ServiceContext) -> None:
    workers = WorkerService(ctx)
    seed(workers, 3)
    workers.create(covered_now(4, full_name="Yohanes Nahak Bria"))
    window = open_window(qtbot, ctx)
    panel = worker_list(window)
    assert panel.model.rowCount() == 4
    assert panel.count.text() == "4 peserta"

    type_into(qtbot, panel.filters.search, "nahak")
    wait_rows(qtbot, panel, 1)
    assert present(panel.model.worker_at(0)).full_name == "YOHANES NAHAK BRIA"
    assert panel.count.text() == "1 peserta"

    type_into(qtbot, panel.filters.search, "tidak ada orang ini")
    wait_rows(qtbot, panel, 0)
    assert "Tidak ada peserta" in panel.count.text()

    nik = workers.search(WorkerQuery()).rows[0].nik
    type_into(qtbot, panel.filters.search, nik)
    wait_rows(qtbot, panel, 1)


def test_desa_choices_follow_the_kecamatan(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    seed(WorkerService(sqlite_ctx), 2)
    window = open_window(qtbot, sqlite_ctx)
    panel = worker_list(window)
    filters = panel.filters
    assert not filters.village.isEnabled()
    assert filters.village.count() == 1  # only "Semua desa/kelurahan"

    kecamatan = VILLAGE.rsplit(".", 1)[0]
    filters.kecamatan.set_value(kecamatan)
    villages = window.app.regions.villages(kecamatan)
    assert filters.village.isEnabled()
    assert filters.village.count() == len(villages) + 1
    assert filters.village.values() == [None] + [v.code for v in villages]
    wait_rows(qtbot, panel, 2)

    other = next(v.code for v in villages if v.code != VILLAGE)
    filters.village.set_value(other)
    wait_rows(qtbot, panel, 0)
    filters.village.set_value(VILLAGE)
    wait_rows(qtbot, panel, 2)

    filters.status.set_value(WorkerStatus.DECEASED)
    wait_rows(qtbot, panel, 0)
    filters.clear_filters()
    wait_rows(qtbot, panel, 2)
    assert filters.village.count() == 1


def test_the_count_uses_the_indonesian_thousands_separator() -> None:
    assert count_label(1234) == "1.234 peserta"
    assert count_label(150000) == "150.000 peserta"
    assert count_label(7) == "7 peserta"


def test_the_worker_pickers_word_a_capped_count_as_the_list_does() -> None:
    capped = WorkerPage(rows=[], total=TYPING_COUNT_LIMIT + 1, total_exact=False)
    assert matches_text(capped).startswith("Lebih dari 5.000 peserta cocok")
    assert matches_text(WorkerPage(rows=[], total=1_001)).startswith("1.001 peserta cocok")


def test_enter_in_the_search_box_moves_to_the_first_result(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    seed(WorkerService(sqlite_ctx), 3)
    window = open_window(qtbot, sqlite_ctx)
    panel = worker_list(window)
    qtbot.keyClicks(panel.filters.search, "maria")
    qtbot.keyClick(panel.filters.search, Qt.Key.Key_Return)  # no wait for the pause
    assert panel.model.rowCount() == 3
    assert panel.table.hasFocus()
    assert panel.selected_worker_id() == present(panel.model.worker_at(0)).id
    assert panel.open_button.isEnabled()


def test_broad_search_says_more_than_the_cap_and_counts_on_demand(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    from services.workers.demo_data import generate_demo_workers

    generate_demo_workers(sqlite_ctx, TYPING_COUNT_LIMIT + 1)
    panel = WorkerListPanel(AppContext.create(sqlite_ctx))
    qtbot.addWidget(panel)
    panel.show()
    link = panel.count_all_button
    assert link.isHidden()  # the whole register is counted exactly

    type_into(qtbot, panel.filters.search, "5303")
    qtbot.waitUntil(
        lambda: panel.count.text() == f"lebih dari {thousands(TYPING_COUNT_LIMIT)} peserta"
    )
    assert link.isVisible() and link.text() == "Hitung semua"
    assert link.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached by Tab, pressed by Space
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.count.text() == f"{thousands(TYPING_COUNT_LIMIT + 1)} peserta")
    assert panel.model.rowCount() == TYPING_COUNT_LIMIT + 1 and link.isHidden()

    # Scrolling to the end of a capped list counts the rest too.
    type_into(qtbot, panel.filters.search, "530")
    qtbot.waitUntil(
        lambda: panel.count.text() == f"lebih dari {thousands(TYPING_COUNT_LIMIT)} peserta"
    )
    assert panel.model.canFetchMore()
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.count.text() == f"{thousands(TYPING_COUNT_LIMIT + 1)} peserta")
    assert panel.model.rowCount() == TYPING_COUNT_LIMIT + 1 and not panel.model.canFetchMore()


def test_gender_and_age_filters_show_as_one_chip_that_clears_them(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    workers = WorkerService(sqlite_ctx)
    seed(workers, 2)  # women born 12 July 1985
    workers.create(covered_now(3, birth_date=date(1995, 3, 1), gender=Gender.MALE))
    panel = worker_list(open_window(qtbot, sqlite_ctx))
    wait_rows(qtbot, panel, 3)

    # Ages on a day other than today's: the chip names that day.
    on = date(2026, 1, 15)
    band = AgeBand(2, on)  # 35–44: both women are 40 that day, the man 30
    panel.show_filtered(DrillDown(gender=Gender.FEMALE, age_band=band))
    wait_rows(qtbot, panel, 2)
    chip = panel.filters.drill_chip
    assert chip.isVisible()
    assert chip.text() == "Perempuan · umur 35–44 tahun pada 15-01-2026  ✕"
    assert panel.filters.query() == WorkerQuery(gender=Gender.FEMALE, age_band=band)

    panel.show_filtered(DrillDown(gender=Gender.MALE, age_band=band))
    qtbot.waitUntil(lambda: "Tidak ada peserta" in panel.count.text(), timeout=3000)
    panel.show_filtered(DrillDown(gender=Gender.MALE, age_band=AgeBand(1, on)))
    wait_rows(qtbot, panel, 1)
    assert chip.text() == "Laki-laki · umur 25–34 tahun pada 15-01-2026  ✕"
    chip.click()
    wait_rows(qtbot, panel, 3)
    assert chip.isHidden() and panel.filters.query() == WorkerQuery()
