"""The smaller points of a clerk's first day: a doubtful NIK is asked about before saving,
the login offers the last user name, the claim dialog's tabs stay put, a chosen
signatory clears its message, and the import history counts as the wizard does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from models.enums import BatchStatus, Gender, OnExisting
from services.core.context import ServiceContext
from services.core.errors import Problem
from services.excel_import.types import ImportCounts
from services.workers.service import WorkerService
from tests.factories import VILLAGE, make_nik
from tests.ui.accounts import PASSWORD, make_first_admin
from tests.ui.helpers import cell, covered_now, open_window, type_into
from tests.ui.signin_steps import sign_in_as
from tests.ui.test_gui_documents import documents_panel, kadis
from tests.ui.test_gui_worker_form import BIRTH, fill_new_worker, new_form, stored_total
from ui.gui.claims.claim_dialog import ClaimDialog
from ui.gui.documents.documents_panel import LETTER
from ui.gui.documents.letter_page import LetterPage
from ui.gui.excel_import.batch_table import BATCH_COLUMNS
from ui.gui.signin.login_dialog import LoginDialog
from ui.gui.widgets.record_table import RecordTableModel


def test_a_nik_that_disagrees_is_asked_about_before_saving(
    qtbot: QtBot, sqlite_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[list[Problem]] = []
    answer = {"save": False}

    def ask(_parent: Any, warnings: list[Problem]) -> bool:
        asked.append(warnings)
        return answer["save"]

    monkeypatch.setattr("ui.gui.worker_form.worker_form_dialog.ask_save_despite", ask)
    workers = WorkerService(sqlite_ctx)
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    fill_new_worker(qtbot, form, make_nik(BIRTH, Gender.FEMALE, 5), VILLAGE)
    type_into(qtbot, form.personal.birth_date, "15-03-1990")  # the NIK says otherwise

    assert not form.save()
    assert asked and all(p.field == "nik" for p in asked[0])
    assert stored_total(workers) == 0, "nothing is stored before the clerk agrees"
    assert form.isVisible()

    answer["save"] = True
    assert form.save()
    assert stored_total(workers) == 1
    after = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert not any("Tersimpan, dengan catatan" in b.windowTitle() for b in after)


def test_the_login_offers_the_last_user_name(qtbot: QtBot, sqlite_url: str) -> None:
    name = make_first_admin(sqlite_url)
    first = LoginDialog(sqlite_url)
    qtbot.addWidget(first)
    first.show()
    assert first.username.text() == ""
    sign_in_as(name, PASSWORD)(first)
    assert first.ctx is not None
    first.ctx.engine.dispose()
    again = LoginDialog(sqlite_url)
    qtbot.addWidget(again)
    assert again.username.text() == name


def test_the_claim_dialogs_tab_bar_stays_put(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    worker = WorkerService(sqlite_ctx).create(covered_now(1)).worker
    window = open_window(qtbot, sqlite_ctx)
    form = window.open_worker(worker.id)
    assert form is not None
    form.tabs.setCurrentWidget(form.claims)
    dialog = form.claims.new_claim()
    assert isinstance(dialog, ClaimDialog)
    qtbot.waitUntil(dialog.isVisible)
    top = dialog.tabs.tabBar().mapTo(dialog, dialog.tabs.tabBar().rect().topLeft()).y()
    for index in range(dialog.tabs.count()):
        if dialog.tabs.isTabEnabled(index):
            dialog.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            bar = dialog.tabs.tabBar()
            assert bar.mapTo(dialog, bar.rect().topLeft()).y() == top
    dialog.reject()


def test_a_chosen_signatory_clears_its_message(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    window = open_window(qtbot, sqlite_ctx)
    page = documents_panel(window).show_tab(LETTER)
    assert isinstance(page, LetterPage)
    assert page.signatory.value() is None
    assert not page.preview()
    message = page.common_rows.message_for("signatory_id")
    assert message is not None and "Pilih penandatangan" in message.text()
    signer = kadis(sqlite_ctx)
    page.reload_signatories()  # as after adding one in the Penandatangan tab
    assert page.signatory.value() == signer.id
    assert message.text() == ""


def test_the_import_history_counts_new_rows_as_the_wizard_does() -> None:
    from services.excel_import.types import BatchInfo

    fields = BatchInfo.__dataclass_fields__
    values: dict[str, Any] = dict.fromkeys(fields)
    values.update(
        id=3,
        file_name="desa.xlsx",
        sheet_name=None,
        status=BatchStatus.COMMITTED,
        counts=ImportCounts(new=14, warning=1),
        inserted=15,
        updated=0,
        on_existing=OnExisting.SKIP,
        created_at=datetime(2026, 12, 7, tzinfo=UTC),
        committed_at=datetime(2026, 12, 7, tzinfo=UTC),
    )
    model = RecordTableModel(BATCH_COLUMNS)
    model.set_rows([BatchInfo(**values)])
    assert cell(model, 0, "Baru") == "15"
    assert cell(model, 0, "… dgn catatan") == "1"
