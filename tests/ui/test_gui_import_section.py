"""The Impor section: approving a large import (refused to the operator who made it),
undoing a whole batch, and deciding the possible twins."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from models.enums import BatchStatus, Gender, Role, TwinDecision
from services.core.context import ServiceContext
from services.excel_import import commit_import, list_twin_reviews, read_import_file
from services.settings.store import SettingsService
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.factories import make_nik
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import cell, open_window
from tests.ui.import_files import HEADER, big_list, kop, person, save
from tests.ui.modal import ModalAnswers, click
from tests.ui.test_gui_import_wizard import import_panel, settle
from ui.gui.excel_import.batch_list import APPROVE, UNDO, BatchList
from ui.gui.excel_import.twin_list import DIFFERENT, KEEP
from ui.gui.excel_import.wizard import PREVIEW
from ui.gui.excel_import.wizard_buttons import COMMIT

TWIN_BIRTH = date(1975, 5, 20)


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(database_url)
    yield ctx
    ctx.engine.dispose()


def twins_list(path: Path, pairs: int) -> Path:
    """``pairs`` pairs of rows: one name and birth date, two NIKs."""
    rows = [*kop(), HEADER]
    for n in range(pairs):
        name = f"Kornelis {'ABCDEFGH'[n]} Nahak"
        for serial in (2 * n + 21, 2 * n + 22):
            nik = make_nik(TWIN_BIRTH, Gender.MALE, serial)
            rows.append(person(serial, nik, name, TWIN_BIRTH, "L"))
    return save(path, rows)


def select(batches: BatchList, batch_id: int | None) -> None:
    batches.table.selectRow(next(i for i, b in enumerate(batches.model.rows()) if b.id == batch_id))


def test_a_large_import_waits_for_a_verifikator_and_is_committed_after_approval(
    qtbot: QtBot, admin: ServiceContext, database_url: str, tmp_path: Path
) -> None:
    SettingsService(admin).set("import.approval_threshold", "3")
    operator = clerk_session(admin, database_url, "op_impor", Role.OPERATOR)
    verifier = clerk_session(admin, database_url, "verif_impor", Role.VERIFIKATOR)
    path = big_list(tmp_path / "empat desa.xlsx", 5)

    operator_panel = import_panel(open_window(qtbot, operator))
    assert not operator_panel.batches.approve_button.isVisible()
    wizard = operator_panel.open_wizard()
    wizard.open_file(path)
    settle(qtbot, wizard)
    wizard.next_step()
    wizard.next_step()
    settle(qtbot, wizard)
    assert wizard.pages.currentIndex() == PREVIEW
    result = wizard.import_result
    assert result is not None and result.needs_approval and not result.approved
    preview = wizard.preview_page
    assert preview.approval.isVisible()
    assert "perlu persetujuan verifikator atau administrator" in preview.approval.text()
    assert f"impor #{result.batch_id}" in preview.approval.text()
    assert not wizard.buttons.commit.isEnabled()
    wizard.commit(confirmed=True)
    assert not wizard.tasks.busy, "an operator cannot commit an unapproved large import"
    assert WorkerService(operator).search(WorkerQuery()).total == 0

    wizard.check_approval()
    settle(qtbot, wizard)
    assert "belum disetujui" in wizard.banner.text()

    verifier_window = open_window(qtbot, verifier)
    assert "Impor" in verifier_window.section_titles()
    batches = import_panel(verifier_window).batches
    assert not import_panel(verifier_window).import_button.isVisible()
    select(batches, result.batch_id)
    assert cell(batches.model, 0, "Status") == "Menunggu persetujuan"
    assert batches.approve_button.isEnabled() and not batches.undo_button.isVisible()
    answers = ModalAnswers().then(QMessageBox, click(APPROVE))
    batches.approve_button.click()
    answers.check()
    qtbot.waitUntil(lambda: "disetujui" in batches.banner.text(), timeout=10000)
    assert (
        cell(batches.model, 0, "Status") == f"Disetujui oleh {verifier.user_name}, belum disimpan"
    )

    preview.check_approval_button.click()
    settle(qtbot, wizard)
    assert wizard.buttons.commit.isEnabled()
    answers = ModalAnswers().then(QMessageBox, click(COMMIT))
    wizard.buttons.commit.click()
    answers.check()
    settle(qtbot, wizard)
    assert wizard.import_result is not None and wizard.import_result.inserted == 5
    assert WorkerService(operator).search(WorkerQuery()).total == 5
    operator.engine.dispose()
    verifier.engine.dispose()


def test_undo_removes_a_batch_and_is_refused_once_a_worker_changed(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    first = commit_import(ctx, read_import_file(big_list(tmp_path / "satu.xlsx", 3)))
    second = commit_import(ctx, read_import_file(big_list(tmp_path / "dua.xlsx", 2, start=10)))
    workers = WorkerService(ctx)
    changed = workers.search(WorkerQuery(text="PESERTA K")).rows[0]
    current = workers.get(changed.id)
    workers.update(changed.id, replace(current.to_input(), phone="081299990000"), current.version)
    batches = import_panel(open_window(qtbot, ctx)).batches
    assert batches.model.rowCount() == 2

    select(batches, second.batch_id)
    refused: list[str] = []

    def read_refusal(box: QMessageBox) -> None:
        refused.append(box.text())
        click("Tutup")(box)

    answers = ModalAnswers().then(QMessageBox, click(UNDO)).then(QMessageBox, read_refusal)
    batches.undo_button.click()
    qtbot.waitUntil(lambda: bool(refused), timeout=10000)
    answers.check()
    assert "tidak dapat dibatalkan" in refused[0] and "sudah diubah" in refused[0]
    assert workers.search(WorkerQuery()).total == 5

    select(batches, first.batch_id)
    answers = ModalAnswers().then(QMessageBox, click(UNDO))
    batches.undo_button.click()
    answers.check()
    qtbot.waitUntil(lambda: "dibatalkan" in batches.banner.text(), timeout=10000)
    assert batches.banner.text() == (
        f"Impor #{first.batch_id} dibatalkan: 3 peserta dihapus, 0 dikembalikan ke data sebelumnya."
    )
    assert workers.search(WorkerQuery()).total == 2
    assert next(b for b in batches.model.rows() if b.id == first.batch_id).status is (
        BatchStatus.UNDONE
    )


def test_twins_are_marked_different_or_merged_after_confirming(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    commit_import(ctx, read_import_file(twins_list(tmp_path / "kembar.xlsx", 2)))
    panel = import_panel(open_window(qtbot, ctx))
    twins = panel.twins
    assert len(twins.pairs) == 2
    assert panel.tabs.tabText(1) == "Kemungkinan data kembar (2)"
    assert present(twins.table.item(0, 0)).text() == "KORNELIS A NAHAK"
    assert present(twins.table.item(0, 1)).text() == "20-05-1975"

    twins.table.selectRow(0)
    twins.note.setText("Dicek di KK: kakak beradik kembar")
    first = twins.pairs[0]
    twins.different_button.click()
    qtbot.waitUntil(lambda: len(twins.pairs) == 1, timeout=10000)
    assert DIFFERENT in twins.different_button.text()
    decided = [p for p in list_twin_reviews(ctx, status=None) if p.id == first.id]
    assert decided[0].status == TwinDecision.DIFFERENT.value
    assert decided[0].note == "Dicek di KK: kakak beradik kembar"

    pair = twins.pairs[0]
    twins.table.selectRow(0)
    workers = WorkerService(ctx)
    before = workers.search(WorkerQuery()).total
    answers = ModalAnswers().then(QMessageBox, click("Batal"))
    twins.merge_button.click()
    answers.check()
    assert len(twins.pairs) == 1 and workers.search(WorkerQuery()).total == before

    explained: list[str] = []

    def keep_first(box: QMessageBox) -> None:
        explained.append(box.informativeText())
        click(KEEP.format(nik=pair.worker_nik))(box)

    answers = ModalAnswers().then(QMessageBox, keep_first)
    twins.merge_button.click()
    answers.check()
    qtbot.waitUntil(lambda: not twins.pairs, timeout=10000)
    assert "jejak audit" in explained[0]
    assert twins.banner.text().startswith(
        f"Digabung: NIK {pair.other_nik} ke NIK {pair.worker_nik}"
    )
    assert workers.search(WorkerQuery()).total == before - 1
    assert workers.search(WorkerQuery(text=pair.other_nik)).total == 0
    assert panel.tabs.tabText(1) == "Kemungkinan data kembar"
