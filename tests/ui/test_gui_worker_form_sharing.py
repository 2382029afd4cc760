"""Two clerks, one worker: nothing is overwritten silently; a lost database keeps the form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from models.enums import WorkerStatus
from services.context import ServiceContext
from services.errors import DatabaseUnavailableError
from services.workers import WorkerService
from tests.conftest import OPERATOR
from tests.ui.helpers import choose, open_window, seed, type_into, worker_list
from ui.gui.main_window import MainWindow
from ui.gui.worker_form.conflict_prompt import ConflictChoice
from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

FORM_MODULE = "ui.gui.worker_form.worker_form_dialog"


def answer_conflict(monkeypatch: pytest.MonkeyPatch, choice: ConflictChoice) -> list[str]:
    """The conflict question answered as the clerk would; returns the messages shown."""
    asked: list[str] = []

    def ask(_parent: Any, message: str) -> ConflictChoice:
        asked.append(message)
        return choice

    monkeypatch.setattr(f"{FORM_MODULE}.ask_conflict", ask)
    return asked


def other_clerk_renames(ctx: ServiceContext, worker_id: int, name: str) -> None:
    other = WorkerService(replace(ctx, principal=replace(OPERATOR, username="petugas2")))
    current = other.get(worker_id)
    other.update(worker_id, replace(current.to_input(), full_name=name), current.version)


def open_first_worker(
    qtbot: QtBot, ctx: ServiceContext
) -> tuple[MainWindow, WorkerFormDialog, int]:
    worker = seed(WorkerService(ctx), 1)[0]
    window = open_window(qtbot, ctx)
    form = window.open_worker(worker.id)
    assert form is not None
    return window, form, worker.id


def test_saving_over_another_clerks_change_asks_and_keeps_theirs(
    qtbot: QtBot, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_conflict(monkeypatch, ConflictChoice.KEEP_EDITING)
    _window, form, worker_id = open_first_worker(qtbot, ctx)
    type_into(qtbot, form.personal.full_name, "Nama Dari Saya")
    other_clerk_renames(ctx, worker_id, "Nama Dari Petugas Dua")

    assert not form.save()
    assert len(asked) == 1 and "petugas2" in asked[0]
    assert WorkerService(ctx).get(worker_id).full_name == "NAMA DARI PETUGAS DUA"
    assert form.isVisible()
    assert form.personal.full_name.text() == "Nama Dari Saya", "my edits stay to be copied"
    assert form.reload_button.isVisible()
    assert "belum disimpan" in form.banner.text()

    assert not form.save(), "still refused: my copy is still older than theirs"
    assert WorkerService(ctx).get(worker_id).full_name == "NAMA DARI PETUGAS DUA"


def test_reloading_after_a_conflict_shows_the_other_clerks_version(
    qtbot: QtBot, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_conflict(monkeypatch, ConflictChoice.RELOAD)
    _window, form, worker_id = open_first_worker(qtbot, ctx)
    type_into(qtbot, form.personal.phone, "081299990000")
    other_clerk_renames(ctx, worker_id, "Nama Dari Petugas Dua")

    assert not form.save()
    assert form.personal.full_name.text() == "NAMA DARI PETUGAS DUA"
    assert form.personal.phone.text() != "081299990000"
    assert not form.dirty
    type_into(qtbot, form.personal.phone, "081299990000")
    assert form.save(), "after reloading, saving works on the current version"
    stored = WorkerService(ctx).get(worker_id)
    assert (stored.full_name, stored.phone) == ("NAMA DARI PETUGAS DUA", "081299990000")


def test_an_unreachable_database_keeps_the_form_and_what_was_typed(
    qtbot: QtBot, sqlite_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, form, worker_id = open_first_worker(qtbot, sqlite_ctx)
    type_into(qtbot, form.personal.phone, "081211112222")
    message = "Server basis data tidak dapat dihubungi. Data Anda belum disimpan."

    def down(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseUnavailableError(message)

    monkeypatch.setattr(form._app.workers, "update", down)
    assert not form.save()
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
    qtbot.waitUntil(lambda: panel.model.worker_at(0).status is WorkerStatus.INACTIVE)
    assert form.save(), "the form saves on top of the new status version"
