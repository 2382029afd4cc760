"""What each role is offered: a viewer reads masked numbers and opens a NIK on the record."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from models.enums import Role
from services.audit.query import AuditFilter, search_audit
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import open_window, seed, wait_rows, worker_list
from ui.gui.worker_form.heir_table_model import HIDDEN

MASKED = "5303********0001"


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(database_url)
    yield ctx
    ctx.engine.dispose()


def session_as(admin: ServiceContext, url: str, role: Role) -> ServiceContext:
    return clerk_session(admin, url, role.value, role)


def test_a_viewer_reads_masked_numbers_and_revealing_a_nik_is_recorded(
    qtbot: QtBot, admin: ServiceContext, database_url: str
) -> None:
    worker = seed(WorkerService(admin), 1)[0]
    viewer = session_as(admin, database_url, Role.VIEWER)
    window = open_window(qtbot, viewer)
    panel = worker_list(window)
    wait_rows(qtbot, panel, 1)
    assert present(panel.model.worker_at(0)).nik == MASKED
    assert not panel.add_button.isVisible()
    assert window.section_titles() == [
        "Beranda",
        "Peserta",
        "Kartu",
        "Klaim",
        "Surat & PKS",
        "Laporan",
        "Iuran & anggaran",
    ]
    assert window.clerk_label.text().endswith("(Pengamat)")

    form = window.open_worker(worker.id)
    assert form is not None
    assert form.personal.nik.text() == MASKED
    assert form.personal.nik.isReadOnly()
    assert not form.save_button.isVisible()
    assert not form.membership.status_button.isVisible()
    assert not form.heirs.add_button.isVisible()
    heir_cells = [form.heirs.model.index(0, c).data() for c in range(8)]
    assert heir_cells[2] == HIDDEN and heir_cells[6] == HIDDEN and heir_cells[0] == "YOHANES TAEK"
    assert not form.save(), "nothing to save for a reader"

    assert form.personal.reveal_button.isVisible()
    form.personal.reveal_button.click()
    assert form.personal.nik.text() == worker.nik
    assert not form.personal.reveal_button.isVisible()
    assert not form.dirty, "revealing is not an edit"
    entries = search_audit(admin, AuditFilter(action="access"))
    assert [(e.user_name, e.entity_id) for e in entries] == [(viewer.user_name, str(worker.id))]
    viewer.engine.dispose()


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.OPERATOR, Role.ADMIN])
def test_each_role_sees_full_numbers_and_only_editors_may_add_and_save(
    qtbot: QtBot, admin: ServiceContext, database_url: str, role: Role
) -> None:
    worker = seed(WorkerService(admin), 1)[0]
    ctx = admin if role is Role.ADMIN else session_as(admin, database_url, role)
    window = open_window(qtbot, ctx)
    editor = role is not Role.VERIFIKATOR
    assert worker_list(window).add_button.isVisible() is editor
    form = window.open_worker(worker.id)
    assert form is not None
    assert form.personal.nik.text() == worker.nik
    assert not form.personal.reveal_button.isVisible()
    assert form.save_button.isVisible() is editor
    assert form.heirs.model.index(0, 2).data() != HIDDEN
    form.reject()
    if not editor:
        assert window.open_worker(None) is None, "no empty form for a reader, whatever asks"
