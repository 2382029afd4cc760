"""Cetak kartu: choose, render in the background, preview inside the app, record only what
was printed or saved."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from models.enums import CardLayout, ReprintReason, WorkerStatus
from services.cards import list_print_batches, print_cards
from services.cards.types import PrintRequest
from services.core.context import ServiceContext
from services.core.progress import Cancel, Progress
from services.workers.demo_data import generate_demo_workers
from services.workers.service import WorkerService
from tests.conftest import office_day_now
from tests.factories import VILLAGE
from tests.present import present
from tests.ui.helpers import held_open, open_window, seed, type_into, wait_rows, worker_list
from ui.gui.cards import print_dialog
from ui.gui.cards.print_dialog import OPTIONS_PAGE, PREVIEW_PAGE, CardPrintDialog
from ui.gui.cards.print_options import PrintOptions
from ui.gui.main_window import MainWindow

KECAMATAN = VILLAGE.rsplit(".", 1)[0]
A4_POINTS = (595, 842)
RENDER_TIMEOUT_MS = 30000


def _open_dialog(window: MainWindow) -> CardPrintDialog:
    dialog = worker_list(window).print_cards()
    assert isinstance(dialog, CardPrintDialog)
    return dialog


def _choose_village(options: PrintOptions) -> None:
    """As a clerk does: Wilayah, the kecamatan, then the village."""
    options.region_radio.setChecked(True)
    options.kecamatan.set_value(KECAMATAN)
    options.village.set_value(VILLAGE)


def _preview(qtbot: QtBot, dialog: CardPrintDialog) -> None:
    assert dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == PREVIEW_PAGE, timeout=RENDER_TIMEOUT_MS)


def test_a_village_is_previewed_then_saved_and_only_then_recorded(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    workers = WorkerService(ctx)
    people = seed(workers, 12)
    left = workers.get(people[5].id)
    workers.change_status(
        left.id, WorkerStatus.INACTIVE, left.version, reason="Pindah", status_date=office_day_now()
    )
    window = open_window(qtbot, ctx)
    dialog = _open_dialog(window)
    _choose_village(dialog.options)
    dialog.options.backs.setChecked(True)
    assert dialog.preview_button.isEnabled()

    _preview(qtbot, dialog)

    prepared = dialog.prepared
    assert prepared is not None
    # 11 cards: two front sheets of ten, each followed by its mirrored back sheet.
    assert dialog.preview.viewer.document.pageCount() == prepared.pages == 4
    assert dialog.preview.viewer.path == prepared.pdf_path
    assert dialog.preview.notice.isVisible()
    assert "1 tidak aktif" in dialog.preview.notice.text()
    assert people[5].full_name in dialog.preview.notice.text()
    assert "11 kartu di 4 halaman" in dialog.preview.summary.text()
    assert list_print_batches(ctx) == []

    target = tmp_path / "kartu-desa.pdf"
    asked: list[str] = []
    delivery = dialog.preview.delivery

    def ask_save_path(_parent: QWidget, suggested: str) -> Path:
        asked.append(suggested)
        return target

    delivery.ask_save_path = ask_save_path
    delivery.save_button.click()
    qtbot.waitUntil(lambda: dialog.print_result is not None)

    assert asked and asked[0].startswith("kartu-desa-") and asked[0].endswith(".pdf")
    reader = PdfReader(target)
    assert len(reader.pages) == 4
    assert tuple(round(float(x)) for x in reader.pages[0].mediabox[2:]) == A4_POINTS
    [batch] = list_print_batches(ctx)
    assert (batch.card_count, batch.skipped_count, batch.page_count) == (11, 1, 4)
    assert f"Cetakan #{batch.id} dicatat: 11 kartu" in dialog.preview.banner.text()

    # Saving a second copy does not print the batch twice in the log.
    delivery.save_button.click()
    assert len(list_print_batches(ctx)) == 1
    assert "sudah dicatat" in dialog.preview.banner.text()


def test_closing_the_preview_without_printing_records_nothing(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    seed(WorkerService(sqlite_ctx), 3)
    window = open_window(qtbot, sqlite_ctx)
    dialog = _open_dialog(window)
    _choose_village(dialog.options)
    dialog.options.layout_radios[CardLayout.CR80].setChecked(True)
    _preview(qtbot, dialog)
    prepared = dialog.prepared
    assert prepared is not None and prepared.pdf_path.exists()
    viewer = dialog.preview.viewer
    assert viewer.page_count == 3  # one card a page
    fitted = viewer.effective_zoom()
    viewer.zoom_in_button.click()
    assert viewer.effective_zoom() == pytest.approx(fitted * 1.25)
    assert viewer.zoom_label.text() == f"{round(fitted * 125)} %"
    viewer.fit_page_button.click()
    assert viewer.zoom_label.text() == "satu halaman"

    dialog.preview.close_button.click()

    assert not dialog.isVisible()
    assert list_print_batches(sqlite_ctx) == []
    # The cards (names, NIKs) do not stay behind in a temporary folder; Windows deletes
    # only a file nobody holds open, so the viewer must have let go of it too.
    assert not prepared.pdf_path.exists()
    assert not held_open(prepared.pdf_path)


def test_a_preview_lets_go_of_its_file_when_it_goes_back_to_the_options(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    seed(WorkerService(sqlite_ctx), 2)
    window = open_window(qtbot, sqlite_ctx)
    dialog = _open_dialog(window)
    _choose_village(dialog.options)
    _preview(qtbot, dialog)
    prepared = dialog.prepared
    assert prepared is not None and held_open(prepared.pdf_path)

    dialog.preview.back_button.click()

    assert not held_open(prepared.pdf_path)
    prepared.pdf_path.unlink()  # what Windows refused while the viewer held it
    dialog.reject()


def report_then(monkeypatch: pytest.MonkeyPatch, then: Callable[[], object]) -> None:
    """The render calls ``then()`` on its own thread after each progress report."""
    prepare = print_dialog.prepare_print

    def prepare_slowly(
        ctx: ServiceContext, request: Any, out: Path, progress: Progress, cancel: Cancel
    ) -> Any:
        def report(stage: str, done: int, total: int) -> None:
            progress(stage, done, total)
            then()

        return prepare(ctx, request, out, report, cancel)

    monkeypatch.setattr(print_dialog, "prepare_print", prepare_slowly)


def test_cancelling_a_long_render_leaves_nothing_and_the_window_works_on(
    qtbot: QtBot, sqlite_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_demo_workers(sqlite_ctx, 300)
    window = open_window(qtbot, sqlite_ctx)
    panel = worker_list(window)
    dialog = _open_dialog(window)
    dialog.options.district_radio.setChecked(True)
    assert dialog.options.not_printed.isChecked() and not dialog.options.not_printed.isEnabled()
    # The render pauses after its first sheet until the clerk has pressed Batal.
    pressed = threading.Event()
    prepare = print_dialog.prepare_print
    report_then(monkeypatch, lambda: pressed.wait(10))
    assert dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.progress.bar.maximum() > 1)
    assert dialog.busy and dialog.progress.cancel_button.isVisible()
    assert not dialog.options.isEnabled() and not dialog.preview_button.isEnabled()
    assert "dari" in dialog.progress.bar.format()

    # The main window answers while the cards render.
    type_into(qtbot, panel.filters.search, "tidak ada orang ini")
    wait_rows(qtbot, panel, 0)

    dialog.progress.cancel_button.click()
    assert dialog.progress.stage.text() == "Menghentikan…"
    pressed.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=RENDER_TIMEOUT_MS)

    assert "dibatalkan" in dialog.banner.text()
    assert dialog.stack.currentIndex() == OPTIONS_PAGE
    assert dialog.options.isEnabled() and dialog.preview_button.isEnabled()
    assert not dialog.progress.cancel_button.isVisible()
    assert list_print_batches(sqlite_ctx) == []
    assert not list(Path(dialog._folder.name).iterdir())

    # And it prints when asked again.
    monkeypatch.setattr(print_dialog, "prepare_print", prepare)
    dialog.options.layout_radios[CardLayout.A4].setChecked(True)
    _preview(qtbot, dialog)
    assert dialog.preview.viewer.page_count == present(dialog.prepared).pages


def test_closing_the_main_window_stops_a_running_render_first(
    qtbot: QtBot, sqlite_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_demo_workers(sqlite_ctx, 300)
    window = open_window(qtbot, sqlite_ctx)
    dialog = _open_dialog(window)
    dialog.options.district_radio.setChecked(True)
    folder = Path(dialog._folder.name)
    reported = threading.Event()

    def dawdle() -> None:
        reported.set()
        threading.Event().wait(0.2)  # a slow printer PC: the render is still running

    report_then(monkeypatch, dawdle)
    assert dialog.start_preview()
    assert reported.wait(RENDER_TIMEOUT_MS / 1000)

    window.close()

    assert not dialog.isVisible()
    assert dialog.tasks.wait(0)  # the render stopped before the window went
    assert not folder.exists()
    assert list_print_batches(sqlite_ctx) == []


def test_the_selected_workers_are_printed_and_a_reprint_asks_for_its_reason(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    workers = WorkerService(sqlite_ctx)
    people = seed(workers, 4)
    print_cards(sqlite_ctx, PrintRequest(worker_ids=(people[0].id,)), tmp_path / "lama.pdf")
    window = open_window(qtbot, sqlite_ctx)
    panel = worker_list(window)
    wait_rows(qtbot, panel, 4)
    rows = [
        r for r in range(4) if present(panel.model.worker_at(r)).id in (people[0].id, people[2].id)
    ]
    selection = panel.table.selectionModel()
    for row in rows:
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(panel.model.index(row, 0), flags)
    assert panel.print_button.isVisible()

    dialog = _open_dialog(window)
    options = dialog.options
    assert options.selected_radio.isChecked()
    assert set(options.request().worker_ids) == {people[0].id, people[2].id}
    qtbot.waitUntil(lambda: options.with_card == 1)
    assert options.reprint_box.isVisible()
    assert "1 peserta pada pilihan ini sudah punya kartu" in options.reprint_text.text()
    assert options.request().reprint_reason is None

    _preview(qtbot, dialog)
    assert "sudah punya kartu" in dialog.preview.notice.text()
    dialog.back_to_options()
    options.reason.set_value(ReprintReason.LOST)
    slots = options.slots
    qtbot.mouseClick(slots, Qt.MouseButton.LeftButton, pos=slots.slot_rect(9).center().toPoint())
    assert slots.start() == 9
    assert "tempat 1–8 sudah terpakai" in options.slot_text.text()
    qtbot.keyClick(slots, Qt.Key.Key_Right)
    request = options.request()
    assert (request.reprint_reason, request.start_position) == (ReprintReason.LOST, 10)
    _preview(qtbot, dialog)
    assert not dialog.preview.notice.isVisible()
    assert "1 cetak ulang: hilang" in dialog.preview.summary.text()
    assert dialog.preview.viewer.page_count == 2  # slot 10 of the first sheet, then a new one

    printed = tmp_path / "printer.pdf"
    asked: list[bool] = []

    def pdf_printer(_parent: object, _document: object, duplex: bool) -> QPrinter:
        asked.append(duplex)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(150)
        return printer

    dialog.preview.delivery.ask_printer = pdf_printer
    dialog.preview.delivery.print_button.click()
    qtbot.waitUntil(lambda: dialog.print_result is not None)
    assert asked == [False]  # no backs: no duplex
    assert len(PdfReader(printed).pages) == 2
    result = present(dialog.print_result)
    assert (result.cards, result.reprints) == (2, 1)
    [newest, _first] = list_print_batches(sqlite_ctx)
    assert newest.reprint_count == 1
