"""Cadangan data: a backup by hand, the daily one at start-up, and restoring one."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from services.accounts.auth import sign_in
from services.backup.service import backup_folder, list_backups
from services.core.errors import SiRentanError
from services.settings.district import DistrictSetup, apply_district
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.logfail import ExpectLog
from tests.present import present
from tests.ui.accounts import PASSWORD, make_first_admin
from tests.ui.helpers import cell, covered_now, worker_list
from tests.ui.modal import ModalAnswers, click
from tests.ui.signin_steps import sign_in_as
from ui.gui.audit.audit_panel import AuditPanel
from ui.gui.backup.backup_dialog import BackupDialog
from ui.gui.launcher import Launcher
from ui.gui.main_window import MainWindow
from ui.gui.sections import AUDIT
from ui.gui.signin.login_dialog import LoginDialog

NETWORK_WARNING = "Berkas basis data ada di folder jaringan (//server/data, cifs)."


@pytest.fixture
def admin_name(sqlite_url: str) -> str:
    """An office already set up for its district (an unset one is asked about at sign-in)."""
    name = make_first_admin(sqlite_url)
    admin = sign_in(sqlite_url, name, PASSWORD)
    apply_district(admin, DistrictSetup(kabupaten_code="53.03", capital="Kefamenanu"))
    admin.engine.dispose()
    return name


@pytest.fixture
def launcher(sqlite_url: str, admin_name: str) -> Iterator[Launcher]:
    made = Launcher(sqlite_url)
    yield made
    window = made.window
    if window is not None:
        window.tasks.wait()
        window.app.ctx.engine.dispose()
        window.deleteLater()


def signed_in(qtbot: QtBot, launcher: Launcher, name: str) -> MainWindow:
    answers = ModalAnswers().then(LoginDialog, sign_in_as(name, PASSWORD))
    window = launcher.start()
    answers.check()
    assert window is not None
    qtbot.waitUntil(lambda: window.tasks.wait(0), timeout=10000)
    return window


def test_the_daily_backup_is_made_after_the_window_shows(
    qtbot: QtBot, launcher: Launcher, admin_name: str
) -> None:
    window = signed_in(qtbot, launcher, admin_name)
    ctx = window.app.ctx
    qtbot.waitUntil(lambda: len(list_backups(ctx)) == 1, timeout=10000)
    qtbot.waitUntil(lambda: "Cadangan harian dibuat" in window.statusBar().currentMessage())
    assert not window.banner.isVisible()


def test_a_failed_daily_backup_is_a_banner_and_work_goes_on(
    qtbot: QtBot,
    launcher: Launcher,
    admin_name: str,
    monkeypatch: pytest.MonkeyPatch,
    expect_log: ExpectLog,
) -> None:
    def full_disk(_ctx: object) -> None:
        raise SiRentanError("Folder cadangan /media/usb tidak dapat dibuat (disk penuh).")

    monkeypatch.setattr("services.backup.service.daily_backup_if_due", full_disk)
    with expect_log(logging.WARNING, "daily backup not made: SiRentanError"):
        window = signed_in(qtbot, launcher, admin_name)
        qtbot.waitUntil(window.banner.isVisible, timeout=10000)
    assert window.banner.text().startswith("Cadangan harian tidak dapat dibuat: Folder cadangan")
    assert window.isEnabled()


def test_sqlite_on_a_network_folder_is_warned_about_once(
    qtbot: QtBot, launcher: Launcher, admin_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []

    def on_network(path: Path) -> str:
        asked.append(path)
        return NETWORK_WARNING

    monkeypatch.setattr("services.core.storage_check.network_storage_warning", on_network)
    window = signed_in(qtbot, launcher, admin_name)
    qtbot.waitUntil(window.banner.isVisible)
    assert NETWORK_WARNING in window.banner.text()
    assert asked[0].name == "sirentan.db"

    answers = ModalAnswers().then(LoginDialog, sign_in_as(admin_name, PASSWORD))
    window.sign_out()
    qtbot.waitUntil(lambda: launcher.window not in (None, window), timeout=10000)
    answers.check()
    assert launcher.window is not None
    qtbot.wait(50)
    assert not launcher.window.banner.isVisible(), "once per start of the app"
    assert len(asked) == 1


def test_a_backup_made_by_hand_is_listed_and_restoring_it_signs_in_again(
    qtbot: QtBot, launcher: Launcher, admin_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("services.backup.service.daily_backup_if_due", lambda _ctx: None)
    window = signed_in(qtbot, launcher, admin_name)
    WorkerService(window.app.ctx).create(covered_now(1))
    dialog = window.open_backup_dialog()
    assert isinstance(dialog, BackupDialog)
    assert dialog.table.rowCount() == 0
    assert str(backup_folder(window.app.ctx)) in dialog.folder.text()
    dialog.create_now()
    assert dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert dialog.banner.text().startswith("Cadangan dibuat dan diperiksa: sirentan-")
    assert present(dialog.table.item(0, 3)).text() == "1 peserta, 1 akun"
    audit = window.panel(AUDIT)
    assert isinstance(audit, AuditPanel) and audit.search()
    assert (cell(audit.model, 0, "Tindakan"), cell(audit.model, 0, "Data")) == (
        "Cadangan",
        "Basis data",
    )

    WorkerService(window.app.ctx).create(covered_now(2))
    dialog.table.selectRow(0)
    answers = (
        ModalAnswers()
        .then(QMessageBox, click("Pulihkan"))
        .then(LoginDialog, sign_in_as(admin_name, PASSWORD))
    )
    notices: list[str] = []
    window.signed_out.connect(notices.append)
    assert dialog.restore_selected()
    qtbot.waitUntil(lambda: launcher.window not in (None, window), timeout=15000)
    answers.check()
    assert notices[0].startswith("Basis data dipulihkan dari sirentan-")
    restored = launcher.window
    assert restored is not None
    assert WorkerService(restored.app.ctx).search(WorkerQuery()).total == 1
    assert worker_list(restored).count.text() == "1 peserta"
