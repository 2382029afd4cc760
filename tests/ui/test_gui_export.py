"""Ekspor Excel from the worker list: exactly the workers the filters on screen show."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from models.enums import FundingSource, Role
from services.core.context import ServiceContext
from services.excel_export import ExportFormat
from services.workers.service import WorkerService
from tests.conftest import office_day_now
from tests.factories import VILLAGE
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import covered_now, open_window, seed, wait_rows, worker_list
from tests.ui.modal import ModalAnswers
from ui.gui.excel_export.export_button import WorkerExportButton
from ui.gui.excel_export.export_dialog import ExportDialog, default_name

KECAMATAN = VILLAGE.rsplit(".", 1)[0]


def niks_in(path: Path) -> list[str]:
    """The NIK column of the first sheet, below its header row."""
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and "NIK" in r)
    column = rows[header].index("NIK")
    return [r[column] for r in rows[header + 1 :] if r and r[column]]


def wait_export(qtbot: QtBot, export: WorkerExportButton) -> None:
    qtbot.waitUntil(lambda: not export.tasks.busy, timeout=20000)


def test_the_export_holds_exactly_the_filtered_workers(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    workers = WorkerService(ctx)
    here = seed(workers, 3)
    window = open_window(qtbot, ctx)
    other = next(v.code for v in window.app.regions.villages(KECAMATAN) if v.code != VILLAGE)
    elsewhere = [workers.create(covered_now(10 + i, village_code=other)).worker for i in (0, 1)]
    panel = worker_list(window)
    panel.reload()
    wait_rows(qtbot, panel, 5)
    panel.filters.kecamatan.set_value(KECAMATAN)
    panel.filters.village.set_value(VILLAGE)
    wait_rows(qtbot, panel, 3)

    target = tmp_path / "keluar.xlsx"
    assert panel.export.export(ExportFormat.LIST, target)
    wait_export(qtbot, panel.export)
    assert panel.banner.text() == f"3 peserta diekspor ke {target}."
    assert sorted(niks_in(target)) == sorted(w.nik for w in here)
    assert not set(niks_in(target)) & {w.nik for w in elsewhere}

    # A search still being typed counts too: the export never differs from the screen.
    panel.filters.search.setText(here[0].nik)
    assert panel.export.export(ExportFormat.LIST, target)
    wait_export(qtbot, panel.export)
    assert niks_in(target) == [here[0].nik]
    wait_rows(qtbot, panel, 1)


def test_the_recap_counts_the_workers_the_filters_show(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    workers = WorkerService(ctx)
    seed(workers, 3)
    window = open_window(qtbot, ctx)
    regions = window.app.regions
    other = next(v.code for v in regions.villages(KECAMATAN) if v.code != VILLAGE)
    for serial in (10, 11):
        workers.create(covered_now(serial, village_code=other, funding=FundingSource.DANA_DESA))
    panel = worker_list(window)
    panel.reload()
    wait_rows(qtbot, panel, 5)
    panel.filters.kecamatan.set_value(KECAMATAN)
    panel.filters.funding.set_value(FundingSource.APBD_KABUPATEN)
    wait_rows(qtbot, panel, 3)

    target = tmp_path / "rekap.xlsx"
    assert panel.export.export(ExportFormat.RECAP, target)
    wait_export(qtbot, panel.export)
    assert panel.banner.text() == f"Rekap 3 peserta disimpan di {target}."
    book = load_workbook(target)
    assert book.sheetnames == ["Per kecamatan", "Per desa"]
    rows = [[c.value for c in row] for row in book["Per desa"].iter_rows()]
    header = rows.index(next(r for r in rows if r[0] == "Kecamatan"))
    described = f"Saringan: Kecamatan {regions.name(KECAMATAN)} · Sumber dana APBD Kabupaten"
    assert described in [r[0] for r in rows[:header]]
    counted = [dict(zip(rows[header], r, strict=True)) for r in rows[header + 1 :]]
    assert [(r["Desa/Kelurahan"], r["Jumlah"], r["APBD Kabupaten"]) for r in counted] == [
        (regions.name(VILLAGE), 3, 3),
        (None, 3, 3),
    ]


def test_the_format_and_the_file_are_chosen_in_dialogs(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    # Two to register with BPJS (no KPJ yet), one registered already: the list has two.
    workers = WorkerService(sqlite_ctx)
    for serial in (1, 2):
        workers.create(covered_now(serial, kpj=None))
    seed(workers, 1, start=3)
    panel = worker_list(open_window(qtbot, sqlite_ctx))
    wait_rows(qtbot, panel, 3)
    target = tmp_path / "bpjs.xlsx"
    offered: list[str] = []

    def choose_bpjs(dialog: ExportDialog) -> None:
        dialog.radios[ExportFormat.BPJS].setChecked(True)
        dialog.accept()

    def save_as(dialog: QFileDialog) -> None:
        offered.append(Path(dialog.selectedFiles()[0]).name)
        # Typed into the name box, as a clerk would (Qt's own, non-native dialog).
        name_box = present(dialog.findChild(QLineEdit, "fileNameEdit"))
        name_box.setText(str(target))
        dialog.accept()

    answers = ModalAnswers().then(ExportDialog, choose_bpjs).then(QFileDialog, save_as)
    panel.export.button.click()
    answers.check()
    wait_export(qtbot, panel.export)
    assert offered == [default_name(ExportFormat.BPJS, office_day_now())]
    assert offered[0].startswith("pendaftaran-bpjs-")
    assert panel.banner.text() == f"2 peserta diekspor ke {target}."
    assert len(niks_in(target)) == 2


def test_only_clerks_who_may_export_are_offered_it(qtbot: QtBot, sqlite_url: str) -> None:
    admin = admin_session(sqlite_url)
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    assert not worker_list(open_window(qtbot, viewer)).export.isVisible()
    assert worker_list(open_window(qtbot, admin)).export.isVisible()
    viewer.engine.dispose()
    admin.engine.dispose()
