"""The import wizard driven as a clerk would: a messy village list, the mapping corrected,
the dry run's preview with its reasons, the commit, and cancelling half-way."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models import ImportBatch, Worker
from models.enums import BatchStatus
from services.core.context import ServiceContext
from services.core.progress import Progress
from services.excel_import import RowStatus, read_import_file, recall_mapping
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.factories import worker_input
from tests.hostile_files import far_cell_workbook
from tests.ui.helpers import cell, choose, open_window, wait_rows, worker_list
from tests.ui.import_files import (
    ANA_NIK,
    HEADER_ROW,
    NEW_PHONE,
    SHORT_NIK,
    YOSEF_NIK,
    big_list,
    messy_list,
)
from tests.ui.modal import ModalAnswers, click
from ui.gui.excel_import import wizard_jobs
from ui.gui.excel_import.import_panel import ImportPanel
from ui.gui.excel_import.wizard import DONE, MAPPING, PREVIEW, ImportWizard
from ui.gui.excel_import.wizard_buttons import COMMIT
from ui.gui.main_window import MainWindow

PHONE_COLUMN = 8  # "Kontak": a header the importer does not know


def import_panel(window: MainWindow) -> ImportPanel:
    window.show_section("Impor")
    panel = window.panel("Impor")
    assert isinstance(panel, ImportPanel)
    return panel


def settle(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.tasks.busy, timeout=30000)


def hold_first_report(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Hold the running step at its first progress report on the pool thread until
    ``release`` is set, so a cancel lands mid-run whatever the machine's speed."""
    reached, release = threading.Event(), threading.Event()

    def held(service: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, progress: Progress | None, **kwargs: Any) -> Any:
            def report(stage: str, done: int, total: int) -> None:
                if not reached.is_set():
                    reached.set()
                    release.wait(20)
                if progress is not None:
                    progress(stage, done, total)

            return service(*args, progress=report if progress else None, **kwargs)

        return call

    for name in ("dry_run", "commit_import"):
        monkeypatch.setattr(wizard_jobs, name, held(getattr(wizard_jobs, name)))
    return reached, release


def count(ctx: ServiceContext, model: type) -> int:
    with ctx.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_messy_list_is_mapped_previewed_and_committed(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    registered = WorkerService(ctx).create(worker_input(1)).worker
    path = messy_list(tmp_path / "desa aplasi.xlsx", registered)
    window = open_window(qtbot, ctx)
    wizard = import_panel(window).open_wizard()

    wizard.open_file(path)
    settle(qtbot, wizard)
    assert wizard.file_page.header_row.value() == HEADER_ROW
    assert not wizard.file_page.sheet.isVisible(), "one sheet: nothing to choose"
    assert wizard.buttons.next.isEnabled()
    wizard.file_page.header_row.setValue(1)  # the clerk points at the title row: no list there
    settle(qtbot, wizard)
    assert wizard.loaded is not None and wizard.loaded.source.header_row == 0
    wizard.buttons.next.click()
    assert "Pilih kolom yang berisi NIK." in wizard.mapping_page.problem_list()
    assert not wizard.buttons.next.isEnabled()
    wizard.buttons.back.click()
    wizard.file_page.header_row.setValue(HEADER_ROW)
    settle(qtbot, wizard)

    wizard.buttons.next.click()
    mapping = wizard.mapping_page
    assert wizard.pages.currentIndex() == MAPPING
    assert mapping.combos["nik"].value() == 1
    assert mapping.combos["phone"].value() is None
    assert not mapping.problems.isVisible()
    choose(mapping.combos["phone"], PHONE_COLUMN)
    assert mapping.mapping.column_of("phone") == PHONE_COLUMN
    choose(mapping.combos["nik"], None)
    assert mapping.problems.isVisible() and "NIK" in mapping.problems.text()
    assert not wizard.buttons.next.isEnabled()
    choose(mapping.combos["nik"], 1)
    assert wizard.buttons.next.isEnabled()

    wizard.buttons.next.click()
    settle(qtbot, wizard)
    assert wizard.pages.currentIndex() == PREVIEW
    preview = wizard.preview_page
    texts = {s: b.text() for s, b in preview.filter_buttons.items()}
    assert texts[None] == "Semua (10)"
    assert texts[RowStatus.NEW] == "Baru (2)"
    assert texts[RowStatus.UPDATE] == "Sudah terdaftar (1)"
    assert texts[RowStatus.REJECTED] == "Ditolak (3)"
    assert texts[RowStatus.IGNORED] == "Dilewati (4)"
    assert wizard.buttons.commit.text() == "Simpan 2 baris ke daftar peserta"

    preview.filter_buttons[RowStatus.REJECTED].click()
    model = preview.model
    assert model.rowCount() == 3
    assert [cell(model, r, "Status") for r in range(3)] == ["Ditolak"] * 3
    assert cell(model, 0, "NIK") == SHORT_NIK
    assert cell(model, 0, "Baris") == str(HEADER_ROW + 3)
    assert "NIK harus 16 angka" in cell(model, 0, "Keterangan")
    assert f"sudah ada di baris {HEADER_ROW + 1}" in cell(model, 1, "Keterangan")
    assert "15 angka" in cell(model, 2, "Keterangan")

    preview.update_existing.click()  # update registered NIKs: the rows are checked again
    settle(qtbot, wizard)
    assert wizard.import_result is not None and wizard.import_result.to_write == 3
    preview.filter_buttons[RowStatus.UPDATE].click()
    preview.table.selectRow(0)
    assert f"No. HP: 081234567890 → {NEW_PHONE}" in preview.detail.toPlainText()
    assert "Pekerjaan: Petani → Nelayan" in preview.detail.toPlainText()

    report = tmp_path / "laporan.xlsx"
    wizard.save_report(report)
    settle(qtbot, wizard)
    assert wizard.banner.text() == f"Laporan disimpan: {report}"
    statuses = [r[1] for r in load_workbook(report).active.iter_rows(min_row=5, values_only=True)]
    assert statuses[:3] == ["Ditolak"] * 3

    assert count(ctx, Worker) == 1, "nothing is written before the commit"
    answers = ModalAnswers().then(QMessageBox, click(COMMIT))
    wizard.buttons.commit.click()
    answers.check()
    settle(qtbot, wizard)
    assert wizard.pages.currentIndex() == DONE
    done = wizard.done_page.lines
    assert done[:2] == ["2 peserta baru didaftarkan", "1 peserta terdaftar diperbarui"]
    assert "3 baris ditolak (tidak disimpan)" in done

    workers = WorkerService(ctx)
    assert workers.search(WorkerQuery(text=YOSEF_NIK)).rows[0].full_name == "YOSEF BERE"
    assert workers.search(WorkerQuery(text=ANA_NIK)).total == 1
    assert workers.get(registered.id).phone == NEW_PHONE
    assert count(ctx, Worker) == 3
    wait_rows(qtbot, worker_list(window), 3)  # the register on screen follows the import
    remembered = recall_mapping(ctx, read_import_file(path))
    assert remembered is not None and remembered.column_of("phone") == PHONE_COLUMN


def test_cancelling_the_dry_run_leaves_nothing_behind(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_list(tmp_path / "besar.xlsx", 1_200)
    wizard = import_panel(open_window(qtbot, ctx)).open_wizard()
    wizard.open_file(path)
    settle(qtbot, wizard)
    wizard.next_step()
    assert wizard.pages.currentIndex() == MAPPING

    reached, release = hold_first_report(monkeypatch)
    wizard.next_step()
    qtbot.waitUntil(reached.is_set, timeout=20000)
    assert wizard.progress.isVisible() and not wizard.buttons.next.isEnabled()
    wizard.progress.cancel_button.click()
    release.set()
    settle(qtbot, wizard)

    assert wizard.pages.currentIndex() == MAPPING
    assert wizard.banner.text() == "Impor dibatalkan; tidak ada data yang diubah."
    assert not wizard.progress.isVisible() and wizard.buttons.next.isEnabled()
    assert count(ctx, Worker) == 0
    assert count(ctx, ImportBatch) == 0


def test_closing_the_wizard_mid_run_stops_the_run_and_closes(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = import_panel(open_window(qtbot, ctx))
    wizard = panel.open_wizard()
    wizard.open_file(big_list(tmp_path / "besar.xlsx", 1_200))
    settle(qtbot, wizard)
    wizard.next_step()
    reached, release = hold_first_report(monkeypatch)
    wizard.next_step()
    qtbot.waitUntil(reached.is_set, timeout=20000)
    wizard.close()
    assert wizard.isVisible(), "it closes once the run has stopped"
    release.set()
    qtbot.waitUntil(lambda: panel.wizard is None, timeout=20000)
    assert count(ctx, ImportBatch) == 0


def test_cancelling_the_commit_keeps_nothing(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = import_panel(open_window(qtbot, ctx)).open_wizard()
    wizard.open_file(big_list(tmp_path / "sedang.xlsx", 900))
    settle(qtbot, wizard)
    wizard.next_step()
    wizard.next_step()
    settle(qtbot, wizard)
    assert wizard.import_result is not None and wizard.import_result.to_write == 900

    reached, release = hold_first_report(monkeypatch)
    wizard.commit(confirmed=True)
    qtbot.waitUntil(reached.is_set, timeout=20000)
    wizard.progress.cancel_button.click()
    release.set()
    settle(qtbot, wizard)

    assert wizard.pages.currentIndex() == PREVIEW
    assert wizard.banner.text() == "Impor dibatalkan; tidak ada data yang diubah."
    assert count(ctx, Worker) == 0
    with ctx.session_factory() as session:
        statuses = session.scalars(select(ImportBatch.status)).all()
    assert BatchStatus.COMMITTED not in statuses


def test_the_sheet_holding_the_list_is_found_and_another_can_be_chosen(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    path = big_list(tmp_path / "dua lembar.xlsx", 3)
    workbook = load_workbook(path)
    workbook.create_sheet("Catatan", 0).append(["Dikirim oleh operator desa"])
    workbook.save(path)
    wizard = import_panel(open_window(qtbot, ctx)).open_wizard()
    wizard.open_file(path)
    settle(qtbot, wizard)
    sheet = wizard.file_page.sheet
    assert sheet.isVisible() and sheet.values() == ["Catatan", "Daftar"]
    assert sheet.value() == "Daftar"

    choose(sheet, "Catatan")
    settle(qtbot, wizard)
    assert "Judul kolom daftar peserta tidak ditemukan" in wizard.banner.text()
    assert 'lembar "Catatan"' in wizard.banner.text()
    assert sheet.value() == "Daftar", "the list read before stays, and the choice says so"
    assert wizard.buttons.next.isEnabled()


def test_an_unreadable_file_is_explained_and_changes_nothing(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    path = tmp_path / "daftar.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    wizard = import_panel(open_window(qtbot, ctx)).open_wizard()
    wizard.open_file(path)
    settle(qtbot, wizard)
    assert wizard.banner.isVisible()
    assert "daftar.xlsx" in wizard.banner.text()
    assert wizard.loaded is None and not wizard.buttons.next.isEnabled()
    assert count(ctx, ImportBatch) == 0


def test_closing_the_wizard_after_the_commit_shows_the_batch_in_the_history(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    registered = WorkerService(ctx).create(worker_input(1)).worker
    panel = import_panel(open_window(qtbot, ctx))
    wizard = panel.open_wizard()
    wizard.open_file(messy_list(tmp_path / "aplasi.xlsx", registered))
    settle(qtbot, wizard)
    wizard.next_step()
    wizard.next_step()
    settle(qtbot, wizard)
    wizard.commit(confirmed=True)
    settle(qtbot, wizard)
    assert wizard.import_result is not None and wizard.import_result.committed
    wizard.buttons.close_button.click()
    assert panel.batches.model.rowCount() == 1
    assert cell(panel.batches.model, 0, "Status").startswith("Tersimpan")
    assert cell(panel.batches.model, 0, "Disimpan") == "2 baru, 0 diubah"
    assert panel.batches.batches[0].status is BatchStatus.COMMITTED


def test_a_hostile_workbook_is_explained_and_the_app_stays_alive(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    # One value at XFD1048576: read unchecked, calamine aborts the whole process.
    path = far_cell_workbook(tmp_path / "jauh.xlsx")
    wizard = import_panel(open_window(qtbot, ctx)).open_wizard()
    wizard.open_file(path)
    settle(qtbot, wizard)
    assert wizard.banner.isVisible()
    assert "200.000 baris × 100 kolom" in wizard.banner.text()
    assert "jauh.xlsx" in wizard.banner.text()
    assert wizard.loaded is None and not wizard.buttons.next.isEnabled()
    assert count(ctx, ImportBatch) == 0
