"""Laporan: reports saved from the section as .xlsx and PDF (re-read, compared with the
register), previewed inside the app, and a viewer who may look but not save."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from models import AuditEntry, Worker
from models.enums import Role, WorkerStatus
from services.core.context import ServiceContext
from services.reports import ReportKind
from services.workers.demo_data import generate_demo_workers
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.factories import VILLAGE
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import open_window, seed
from ui.gui.main_window import MainWindow
from ui.gui.reports.reports_panel import ReportsPanel

LAPORAN = "Laporan"
KOTA = "53.03.05"
SAVE_MS = 30000


def _section(window: MainWindow) -> ReportsPanel:
    window.show_section(LAPORAN)
    panel = window.panel(LAPORAN)
    assert isinstance(panel, ReportsPanel)
    return panel


def _answer_with(panel: ReportsPanel, folder: Path) -> list[str]:
    """Save where the dialog suggests, in ``folder``; returns the names it suggested."""
    asked: list[str] = []

    def answer(_parent: QWidget, suggested: Path, suffix: str) -> Path:
        assert suggested.suffix == suffix
        asked.append(suggested.name)
        return folder / suggested.name

    panel.ask_path = answer
    return asked


def test_recap_saved_as_excel_has_the_register_counts(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    generate_demo_workers(ctx, 150, seed=4)
    panel = _section(open_window(qtbot, ctx))
    asked = _answer_with(panel, tmp_path)
    panel.filters.choose(ReportKind.RECAP)
    assert not panel.filters.month.isEnabled()  # the recap shows the register as it is

    panel.excel_button.click()
    assert not panel.excel_button.isEnabled()  # one job at a time, off the GUI thread
    qtbot.waitUntil(lambda: panel.last_saved is not None, timeout=SAVE_MS)
    [name] = asked
    assert name.startswith("rekap-kepesertaan-") and name.endswith(".xlsx")
    assert f"disimpan di {tmp_path / name}" in panel.banner.text()
    assert panel.excel_button.isEnabled()

    sheet = openpyxl.load_workbook(tmp_path / name, read_only=True)["Per kecamatan"]
    rows = [row for row in sheet.values if row and row[0]]
    header = next(r for r in rows if r[0] == "Kecamatan")
    per_kecamatan = {
        r[0]: dict(zip(header, r, strict=True)) for r in rows[rows.index(header) + 1 :]
    }
    totals = per_kecamatan.pop("JUMLAH")
    with ctx.session_factory() as session:
        everyone = session.scalar(select(func.count()).select_from(Worker))
        active = session.scalar(select(func.count()).where(Worker.status == WorkerStatus.ACTIVE))
        by_kecamatan = dict(
            session.execute(
                select(Worker.kecamatan_code, func.count()).group_by(Worker.kecamatan_code)
            ).all()
        )
    assert (totals["Jumlah"], totals["Aktif"]) == (everyone, active) == (150, active)
    assert sum(r["Jumlah"] for r in per_kecamatan.values()) == everyone
    names = RegionDirectory(ctx).name
    assert {k: r["Jumlah"] for k, r in per_kecamatan.items()} == {
        names(code): n for code, n in by_kecamatan.items()
    }


def test_village_list_saved_as_pdf_and_shown_in_the_app(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    people = seed(WorkerService(ctx), 3)
    panel = _section(open_window(qtbot, ctx))
    asked = _answer_with(panel, tmp_path)
    panel.filters.choose(ReportKind.VILLAGE_LIST, KOTA, VILLAGE)

    panel.pdf_button.click()
    qtbot.waitUntil(lambda: panel.last_saved is not None, timeout=SAVE_MS)
    [name] = asked
    assert name.startswith("daftar-peserta-desa-aplasi-") and name.endswith(".pdf")
    saved = tmp_path / name
    assert f"disimpan di {saved}" in panel.banner.text() and "3 peserta" in panel.banner.text()
    text = " ".join(page.extract_text() for page in PdfReader(saved).pages)
    assert all(worker.full_name in text for worker in people)
    assert "Lurah Aplasi" in text  # Aplasi is a kelurahan: its lurah signs
    # The preview shows what was saved, from a copy outside the clerk's folder.
    assert panel.pages.currentWidget() is panel.viewer and panel.viewer.page_count >= 1
    assert panel.viewer.path is not None and panel.viewer.path.parent != tmp_path


def test_a_report_that_needs_a_village_says_so(qtbot: QtBot, ctx: ServiceContext) -> None:
    panel = _section(open_window(qtbot, ctx))
    panel.filters.choose(ReportKind.VILLAGE_LIST)
    panel.preview_button.click()
    qtbot.waitUntil(lambda: not panel.busy, timeout=SAVE_MS)
    assert "Pilih desa/kelurahan" in panel.banner.text()
    assert panel.pages.currentWidget() is panel.empty


def test_a_viewer_previews_reports_but_cannot_save_them(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path
) -> None:
    admin = admin_session(sqlite_url)
    people = seed(WorkerService(admin), 2)
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    panel = _section(open_window(qtbot, viewer))
    assert panel.excel_button.isHidden() and panel.pdf_button.isHidden()
    panel.filters.choose(ReportKind.VILLAGE_LIST, KOTA, VILLAGE)

    panel.preview_button.click()
    qtbot.waitUntil(lambda: panel.pages.currentWidget() is panel.viewer, timeout=SAVE_MS)
    assert panel.viewer.path is not None
    text = " ".join(page.extract_text() for page in PdfReader(panel.viewer.path).pages)
    assert people[0].full_name in text
    assert people[0].nik not in text  # a viewer's list carries masked NIKs
    # Names on screen are recorded as a save is, marked as a preview.
    with viewer.session_factory() as session:
        [event] = session.scalars(select(AuditEntry).where(AuditEntry.entity == "report")).all()
    assert (event.action, event.user_name) == ("export", viewer.user_name)
    details = json.loads(event.changes or "{}")
    assert details["preview"] is True and details["report"] == "village-list"
    assert details["rows"] == 2 and details["personal_data"] is True
    # The service refuses a save the buttons do not offer.
    target = tmp_path / "x.pdf"
    assert panel.save(".pdf", target)
    qtbot.waitUntil(lambda: not panel.busy, timeout=SAVE_MS)
    assert "tidak berwenang mengekspor data" in panel.banner.text() and not target.exists()
