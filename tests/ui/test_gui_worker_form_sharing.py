"""Two clerks, one worker: nothing is overwritten silently; a lost database keeps the form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from models.enums import Role, WorkerStatus
from services.core.context import ServiceContext
from services.core.errors import DatabaseUnavailableError
from services.workers.service import WorkerService
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import choose, covered_now, open_window, seed, type_into, worker_list
from tests.ui.modal import ModalAnswers, click
from ui.gui.main_window import MainWindow
from ui.gui.worker_form.conflict_dialog import ConflictDialog
from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog


@pytest.fixture
def two_clerks(database_url: str) -> Iterator[tuple[ServiceContext, ServiceContext]]:
    """Two operators signed in for real, each with their own connections to one register."""
    admin = admin_session(database_url)
    first = clerk_session(admin, database_url, "yosefa", Role.OPERATOR)
    second = clerk_session(admin, database_url, "markus", Role.OPERATOR)
    admin.engine.dispose()
    yield first, second
    first.engine.dispose()
    second.engine.dispose()


def other_clerk_changes(ctx: ServiceContext, worker_id: int, **changes: Any) -> None:
    other = WorkerService(ctx)
    current = other.get(worker_id)
    other.update(worker_id, replace(current.to_input(), **changes), current.version)


def open_worker(qtbot: QtBot, ctx: ServiceContext) -> tuple[MainWindow, WorkerFormDialog, int]:
    worker = WorkerService(ctx).create(covered_now(1)).worker
    window = open_window(qtbot, ctx)
    form = window.open_worker(worker.id)
    assert form is not None
    return window, form, worker.id


def press(button: str) -> Callable[[ConflictDialog], None]:
    def act(dialog: ConflictDialog) -> None:
        getattr(dialog, button).click()

    return act


def test_the_conflict_shows_both_clerks_changes_and_overwrite_keeps_theirs_and_mine(
    qtbot: QtBot, two_clerks: tuple[ServiceContext, ServiceContext]
) -> None:
    mine, theirs = two_clerks
    _window, form, worker_id = open_worker(qtbot, mine)
    type_into(qtbot, form.personal.phone, "081211112222")
    type_into(qtbot, form.personal.full_name, "NAMA DARI SAYA")
    other_clerk_changes(theirs, worker_id, address="Jl. El Tari", full_name="NAMA DARI MARKUS")

    answers = ModalAnswers().then(ConflictDialog, press("overwrite_button"))
    assert form.save(), "saved on top of the other clerk's version"
    answers.check()

    dialog = answers.seen[0]
    assert isinstance(dialog, ConflictDialog)
    other_name = theirs.user_name
    assert dialog.their_changes == [
        ("Nama lengkap", "MARIA GORETI TAEK B", "NAMA DARI MARKUS"),
        ("Alamat", "Jl. Sonbai", "Jl. El Tari"),
    ]
    assert dialog.my_changes == [
        ("Nama lengkap", "MARIA GORETI TAEK B", "NAMA DARI SAYA"),
        ("No. HP", "081234567890", "081211112222"),
    ]
    assert dialog.overwritten == ["full_name"]
    assert "Nama lengkap" in dialog.warning.text() and str(other_name) in dialog.warning.text()
    stored = WorkerService(theirs).get(worker_id)
    assert (stored.full_name, stored.phone, stored.address) == (
        "NAMA DARI SAYA",
        "081211112222",
        "Jl. El Tari",
    ), "their untouched field kept, my fields applied"
    assert stored.updated_by == mine.user_name
    assert not form.isVisible()


def test_reloading_after_a_conflict_shows_the_other_clerks_version(
    qtbot: QtBot, two_clerks: tuple[ServiceContext, ServiceContext]
) -> None:
    mine, theirs = two_clerks
    _window, form, worker_id = open_worker(qtbot, mine)
    type_into(qtbot, form.personal.phone, "081299990000")
    other_clerk_changes(theirs, worker_id, full_name="NAMA DARI MARKUS")

    answers = ModalAnswers().then(ConflictDialog, press("reload_button"))
    assert not form.save()
    answers.check()
    assert form.personal.full_name.text() == "NAMA DARI MARKUS"
    assert form.personal.phone.text() != "081299990000"
    assert not form.dirty
    type_into(qtbot, form.personal.phone, "081299990000")
    assert form.save(), "after reloading, saving works on the current version"
    stored = WorkerService(theirs).get(worker_id)
    assert (stored.full_name, stored.phone) == ("NAMA DARI MARKUS", "081299990000")


def test_going_back_to_the_form_keeps_my_input_and_saves_nothing(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    _window, form, worker_id = open_worker(qtbot, ctx)
    type_into(qtbot, form.personal.full_name, "Nama Dari Saya")
    second = replace(ctx, principal=replace(present(ctx.principal), username="petugas2"))
    other_clerk_changes(second, worker_id, full_name="NAMA DARI PETUGAS DUA")

    answers = ModalAnswers().then(ConflictDialog, press("keep_button"))
    assert not form.save()
    answers.check()
    assert WorkerService(ctx).get(worker_id).full_name == "NAMA DARI PETUGAS DUA"
    assert form.isVisible()
    assert form.personal.full_name.text() == "NAMA DARI SAYA", "my edits stay to be copied"
    assert form.reload_button.isVisible()
    assert "belum disimpan" in form.banner.text() and "petugas2" in form.banner.text()


def test_an_unreachable_database_offers_to_try_again_and_keeps_the_form(
    qtbot: QtBot, sqlite_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, form, worker_id = open_worker(qtbot, sqlite_ctx)
    type_into(qtbot, form.personal.phone, "081211112222")
    message = "Server basis data tidak dapat dihubungi. Data Anda belum disimpan."
    real_update = form.app.workers.update
    calls: list[int] = []

    def down_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseUnavailableError(message)
        return real_update(*args, **kwargs)

    monkeypatch.setattr(form.app.workers, "update", down_once)
    seen: list[QMessageBox] = []

    def retry(box: QMessageBox) -> None:
        seen.append(box)
        click("Coba lagi")(box)

    answers = ModalAnswers().then(QMessageBox, retry)
    assert form.save(), "the second try went through"
    answers.check()
    assert seen[0].text() == message
    assert len(calls) == 2
    assert WorkerService(sqlite_ctx).get(worker_id).phone == "081211112222"


def test_giving_up_on_an_unreachable_database_leaves_the_input_on_screen(
    qtbot: QtBot, sqlite_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, form, worker_id = open_worker(qtbot, sqlite_ctx)
    type_into(qtbot, form.personal.phone, "081211112222")
    message = "Basis data sedang dipakai menulis oleh komputer lain terlalu lama."

    def down(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseUnavailableError(message)

    monkeypatch.setattr(form.app.workers, "update", down)
    answers = ModalAnswers().then(QMessageBox, click("Tutup"))
    assert not form.save()
    answers.check()
    assert form.isVisible()
    assert form.banner.text() == message
    assert form.personal.phone.text() == "081211112222"
    monkeypatch.undo()
    assert form.save()
    assert WorkerService(sqlite_ctx).get(worker_id).phone == "081211112222"


def test_changing_the_status_records_reason_and_date_and_refreshes_the_list(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    worker = seed(WorkerService(ctx), 1)[0]
    window = open_window(qtbot, ctx)
    form = window.open_worker(worker.id)
    assert form is not None and form.membership.status_button.isEnabled()
    dialog = form.change_status()
    assert dialog is not None
    choose(dialog.status, WorkerStatus.INACTIVE)
    dialog.accept()
    reason = dialog.rows.message_for("status_reason")
    assert reason is not None and "Alasan penonaktifan wajib diisi" in reason.text()
    assert dialog.isVisible()
    assert WorkerService(ctx).get(worker.id).status is WorkerStatus.ACTIVE

    type_into(qtbot, dialog.reason, "Pindah ke Kabupaten Belu")
    type_into(qtbot, dialog.status_date, "01-03-2025")
    with qtbot.waitSignal(form.record_changed):
        dialog.accept()
    stored = WorkerService(ctx).get(worker.id)
    assert stored.status is WorkerStatus.INACTIVE
    assert stored.status_reason == "Pindah ke Kabupaten Belu"
    assert stored.status_date == date(2025, 3, 1)
    assert "Nonaktif" in form.membership.status.text()
    panel = worker_list(window)
    qtbot.waitUntil(lambda: present(panel.model.worker_at(0)).status is WorkerStatus.INACTIVE)
    assert form.save(), "the form saves on top of the new status version"
