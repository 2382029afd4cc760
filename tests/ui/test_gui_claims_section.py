"""The Klaim section: counts per status, filters and search, the claims that need attention
marked in colour and in words, and what a viewer is offered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from models.enums import AccidentContext, ClaimStatus, ClaimType, Gender, Role
from services import claims
from services.claims import ClaimDetail, ClaimInput, DocumentUpdate, StatusChange
from services.core.context import ServiceContext
from services.core.office_time import WITA
from services.workers.service import WorkerService
from tests.factories import make_nik
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import choose, covered_now, open_window, type_into
from ui.gui.claims.claim_dialog import ClaimDialog
from ui.gui.claims.claim_filter_bar import WAITING
from ui.gui.claims.claim_table import ATTENTION_TITLE
from ui.gui.claims.claim_texts import LATE_BACKGROUND, WAITING_BACKGROUND
from ui.gui.claims.claims_panel import ClaimsPanel
from ui.gui.main_window import MainWindow

KLAIM = "Klaim"
BOKON = "53.03.01.2005"  # Desa Bokon, Kecamatan Miomaffo Timur
# The office's date (WITA), whatever the machine's zone: the services count in it.
TODAY = datetime.now(WITA).date()


@pytest.fixture(autouse=True)
def _office_day_as_the_test_starts() -> None:
    """The module's days read again as each test starts: a run that crosses the office's
    midnight (16.00 UTC for a WITA office) would otherwise compare the day the module was
    imported on with the app's, already the next one."""
    global TODAY
    TODAY = datetime.now(WITA).date()


def section(qtbot: QtBot, window: MainWindow) -> ClaimsPanel:
    window.show_section(KLAIM)
    panel = window.panel(KLAIM)
    assert isinstance(panel, ClaimsPanel)
    settle(qtbot, panel)
    return panel


def settle(qtbot: QtBot, panel: ClaimsPanel) -> None:
    qtbot.waitUntil(lambda: not panel.loading, timeout=5000)


def names(panel: ClaimsPanel) -> list[str]:
    return [r.worker_name for r in panel.model.rows()]


def jkm(days_ago: int, **changes: Any) -> ClaimInput:
    return replace(
        ClaimInput(ClaimType.JKM, TODAY - timedelta(days=days_ago), event_place="Desa Aplasi"),
        cause_of_death="Sakit",
        **changes,
    )


def jkk(days_ago: int) -> ClaimInput:
    return ClaimInput(
        ClaimType.JKK,
        TODAY - timedelta(days=days_ago),
        event_place="Kebun, Desa Aplasi",
        event_time=time(8, 0),
        accident_context=AccidentContext.WORK,
        description="Terjatuh dari pohon",
    )


def receive_all(ctx: ServiceContext, detail: ClaimDetail) -> ClaimDetail:
    for item in detail.missing_documents:
        detail = claims.update_document(ctx, detail.id, DocumentUpdate(item.item_code, True))
    return detail


def step(ctx: ServiceContext, detail: ClaimDetail, target: ClaimStatus, **kw: Any) -> ClaimDetail:
    return claims.change_status(ctx, detail.id, StatusChange(target, **kw), detail.version)


def four_claims(ctx: ServiceContext) -> dict[str, ClaimDetail]:
    """A fresh JKM draft, an accident never reported, a file at BPJS in another kecamatan,
    and a death claim waiting for its papers for a month."""
    workers = WorkerService(ctx)
    birth = date(1985, 7, 12)
    people = {
        "fresh": workers.create(covered_now(1, full_name="Yosefina Abi")).worker,
        "late": workers.create(covered_now(2, full_name="Agustinus Neno")).worker,
        "sent": workers.create(
            covered_now(
                3,
                full_name="Kornelis Sanam",
                village_code=BOKON,
                nik=make_nik(birth, Gender.FEMALE, 3, "530301"),
            )
        ).worker,
        "waiting": workers.create(
            covered_now(4, full_name="Fransiska Kolo", coverage_start=TODAY - timedelta(days=400))
        ).worker,
    }
    month_ago = datetime.now(UTC) - timedelta(days=30)
    made = {
        "fresh": claims.open_claim(ctx, people["fresh"].id, jkm(2)),
        "late": claims.open_claim(ctx, people["late"].id, jkk(6)),
        "sent": claims.open_claim(ctx, people["sent"].id, jkm(3)),
        "waiting": claims.open_claim(ctx, people["waiting"].id, jkm(35), now=month_ago),
    }
    sent = step(ctx, receive_all(ctx, made["sent"]), ClaimStatus.COMPLETE)
    made["sent"] = step(ctx, sent, ClaimStatus.SUBMITTED, letter_number="500/1/2025")
    return made


def test_counts_filters_search_and_the_claims_that_need_attention(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    made = four_claims(ctx)
    window = open_window(qtbot, ctx)
    panel = section(qtbot, window)
    chips = panel.chips.buttons
    assert chips[None].text() == "Semua 4"
    assert chips[ClaimStatus.DRAFT].text() == "Draf 3"
    assert chips[ClaimStatus.SUBMITTED].text() == "Diajukan ke BPJS 1"
    assert chips[ClaimStatus.PAID].text() == "Dibayar 0"
    assert panel.count.text() == "4 klaim"
    assert names(panel) == ["FRANSISKA KOLO", "KORNELIS SANAM", "AGUSTINUS NENO", "YOSEFINA ABI"]

    # Marked in colour and in words, with the office's limit for waiting files.
    attention = next(
        c
        for c in range(panel.model.columnCount())
        if panel.model.headerData(c, Qt.Orientation.Horizontal) == ATTENTION_TITLE
    )
    rows = {r.worker_name: i for i, r in enumerate(panel.model.rows())}
    late = panel.model.index(rows["AGUSTINUS NENO"], attention)
    waiting = panel.model.index(rows["FRANSISKA KOLO"], attention)
    plain = panel.model.index(rows["YOSEFINA ABI"], attention)
    assert late.data() == "Terlambat lapor tahap I"
    assert late.data(Qt.ItemDataRole.BackgroundRole) == QColor(LATE_BACKGROUND)
    assert late.data(Qt.ItemDataRole.DecorationRole) is not None
    assert waiting.data().startswith("Menunggu dokumen > 14 hari")
    assert waiting.data(Qt.ItemDataRole.BackgroundRole) == QColor(WAITING_BACKGROUND)
    assert plain.data() == "" and plain.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "lebih dari 14 hari" in panel.legend.text()

    # A status chip, then the other filters on top of it; the counts follow the filters.
    panel.chips.choose(ClaimStatus.DRAFT)
    settle(qtbot, panel)
    assert names(panel) == ["FRANSISKA KOLO", "AGUSTINUS NENO", "YOSEFINA ABI"]
    choose(panel.filters.claim_type, ClaimType.JKK)
    settle(qtbot, panel)
    assert names(panel) == ["AGUSTINUS NENO"]
    assert (
        chips[None].text() == "Semua 1"
        and chips[ClaimStatus.SUBMITTED].text() == "Diajukan ke BPJS 0"
    )
    panel.filters.clear_filters()
    panel.chips.choose(None)
    settle(qtbot, panel)
    choose(panel.filters.kecamatan, "53.03.01")
    settle(qtbot, panel)
    assert names(panel) == ["KORNELIS SANAM"]
    choose(panel.filters.kecamatan, None)
    choose(panel.filters.deadline, claims.DeadlineState.LATE)
    settle(qtbot, panel)
    assert names(panel) == ["AGUSTINUS NENO"]
    choose(panel.filters.deadline, WAITING)
    settle(qtbot, panel)
    assert names(panel) == ["FRANSISKA KOLO"]
    choose(panel.filters.deadline, None)

    # Search by the worker's name or NIK, as in the worker list.
    type_into(qtbot, panel.filters.search, "sanam korn")
    qtbot.waitUntil(lambda: names(panel) == ["KORNELIS SANAM"], timeout=3000)
    type_into(qtbot, panel.filters.search, made["fresh"].worker.nik)
    qtbot.waitUntil(lambda: names(panel) == ["YOSEFINA ABI"], timeout=3000)
    assert panel.count.text() == "1 klaim"
    panel.filters.reset_button.click()
    settle(qtbot, panel)
    assert len(names(panel)) == 4

    # Double-click (Enter) opens the claim.
    panel.table.selectRow(rows["AGUSTINUS NENO"])
    dialog = panel.open_selected()
    assert isinstance(dialog, ClaimDialog) and dialog.isVisible()
    assert dialog.detail is not None and dialog.detail.id == made["late"].id


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(database_url)
    yield ctx
    ctx.engine.dispose()


def test_a_viewer_sees_the_list_but_is_offered_no_action(
    qtbot: QtBot, admin: ServiceContext, database_url: str
) -> None:
    worker = WorkerService(admin).create(covered_now(1)).worker
    detail = claims.open_claim(admin, worker.id, jkm(2))
    claims.attach_scan(admin, detail.id, "akta_kematian", "akta.pdf", b"%PDF-1.4\n%%EOF\n")
    viewer = clerk_session(admin, database_url, "pengamat", Role.VIEWER)
    window = open_window(qtbot, viewer)
    assert KLAIM in window.section_titles()
    panel = section(qtbot, window)
    assert panel.model.rowCount() == 1
    assert panel.model.rows()[0].worker_nik == "5303********0001"
    assert not panel.new_button.isVisible()
    assert panel.new_claim() is None

    panel.table.selectRow(0)
    dialog = panel.open_selected()
    assert dialog is not None
    assert "hanya baca" in dialog.header.text()
    assert not dialog.save_button.isVisible()
    assert dialog.steps.buttons == {} and not dialog.steps.isVisible()
    assert dialog.event_tab.event_place.isReadOnly()
    assert not dialog.heirs.add_button.isVisible() and not dialog.heirs.pick_button.isVisible()
    assert dialog.heirs.model.index(0, 4).data() == "(disembunyikan)"
    documents = dialog.documents
    assert not documents.model.editable
    assert not documents.model.flags(documents.model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not documents.slip_button.isVisible()
    documents.select("akta_kematian")
    assert not documents.attach_button.isVisible() and not documents.open_button.isVisible()
    assert not dialog.save(), "nothing to store for a reader"
