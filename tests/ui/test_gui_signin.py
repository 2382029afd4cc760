"""Start-up and sign-in: the first administrator, wrong passwords, lockout, new passwords."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from models.enums import Role
from services.accounts.auth import sign_in
from services.accounts.service import count_users, list_users
from services.core.bootstrap import open_register
from services.core.errors import AuthenticationError
from services.workers.types import WorkerQuery
from tests.conftest import clerk_name
from tests.logfail import ExpectLog
from tests.ui.accounts import NEW_PASSWORD, PASSWORD, admin_session, make_clerk, make_first_admin
from tests.ui.helpers import message_text, open_window, submenu
from tests.ui.modal import ModalAnswers
from tests.ui.signin_steps import fill_first_admin, new_password, sign_in_as, wait_idle
from ui.gui.connection_dialog import ConnectionDialog
from ui.gui.launcher import Launcher
from ui.gui.main_window import MainWindow
from ui.gui.sections import AUDIT, USERS
from ui.gui.settings.district_wizard import DistrictWizard
from ui.gui.signin.first_admin_dialog import FirstAdminDialog
from ui.gui.signin.login_dialog import NO_ACCOUNTS, LoginDialog
from ui.gui.signin.password_dialog import PasswordDialog
from ui.gui.signin.signin_flow import FIRST_ADMIN_DONE


@pytest.fixture
def launched(qtbot: QtBot) -> Iterator[list[Launcher]]:
    """Launchers made by a test; their windows are closed and engines released after it."""
    made: list[Launcher] = []
    yield made
    for launcher in made:
        window = launcher.window
        if window is not None:
            window.app.ctx.engine.dispose()
            window.deleteLater()


def start(launched: list[Launcher], url: str, answers: ModalAnswers) -> MainWindow | None:
    launcher = Launcher(url)
    launched.append(launcher)
    window = launcher.start()
    answers.check()
    return window


def test_first_start_creates_the_administrator_then_signs_in(
    qtbot: QtBot, sqlite_url: str, launched: list[Launcher]
) -> None:
    name = clerk_name("kepala")
    seen_notice: list[str] = []

    def sign_in_after_creation(dialog: LoginDialog) -> None:
        seen_notice.append(dialog.banner.text())
        assert dialog.username.text() == name, "the new name is filled in"
        sign_in_as("", PASSWORD)(dialog)

    answers = (
        ModalAnswers()
        .then(FirstAdminDialog, fill_first_admin(name, "Yosef Kepala Dinas", PASSWORD, "lain"))
        .then(FirstAdminDialog, fill_first_admin(name, "Yosef Kepala Dinas", PASSWORD))
        .then(LoginDialog, sign_in_after_creation)
        # The district set-up follows the first sign-in (tests/ui/test_gui_settings.py fills
        # it); put off here, the seeded example stays.
        .then(DistrictWizard, lambda wizard: wizard.later_button.click())
    )
    window = start(launched, sqlite_url, answers)

    assert window is not None and window.isVisible()
    first = answers.seen[0]
    assert isinstance(first, FirstAdminDialog)
    assert seen_notice == [FIRST_ADMIN_DONE]
    assert window.clerk_label.text() == "Petugas: Yosef Kepala Dinas (Administrator)"
    assert window.database_label.text().startswith("SQLite: ")
    assert window.section_titles() == [
        "Beranda",
        "Peserta",
        "Impor",
        "Kartu",
        "Klaim",
        "Surat & PKS",
        "Laporan",
        "Iuran & anggaran",
        USERS,
        AUDIT,
    ]
    [admin] = list_users(window.app.ctx)
    assert (admin.username, admin.role, admin.must_change_password) == (name, Role.ADMIN, False)


def test_the_first_administrator_dialog_says_what_is_wrong(qtbot: QtBot, sqlite_url: str) -> None:
    ctx = open_register(sqlite_url)
    dialog = FirstAdminDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_first_admin("Bukan Nama", "", "pendek", "pendek")(dialog)
    messages = " ".join(m.text() for m in dialog.rows._messages.values() if m.isVisible())
    assert "Nama lengkap wajib diisi" in messages
    assert dialog.isVisible()
    fill_first_admin("admin_dinas", "Admin", "pendek")(dialog)
    assert "minimal 8 karakter" in message_text(dialog.rows, "password")
    assert count_users(ctx) == 0
    ctx.engine.dispose()


# On PostgreSQL the server checks passwords (scram-sha-256 in pg_hba.conf) and the register
# keeps no hash; the test server trusts every login, so a wrong password is the register's
# own check, which only SQLite has (tests/integration/test_accounts.py checks the verifier).
SQLITE_CHECKS_PASSWORDS = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_CHECKS_PASSWORDS
def test_wrong_passwords_are_explained_and_the_fifth_locks_the_account(
    qtbot: QtBot, database_url: str
) -> None:
    name = make_first_admin(database_url)
    dialog = LoginDialog(database_url)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.database.text().endswith(database_url.rsplit("/", 1)[-1])
    for attempt in range(1, 5):
        sign_in_as(name, "salah-sandi")(dialog)
        assert dialog.banner.text() == (
            "Nama pengguna atau kata sandi salah. "
            f"Sisa {5 - attempt} kali percobaan sebelum akun dikunci 5 menit."
        )
        assert dialog.password.text() == "" and dialog.isVisible()
    sign_in_as(name, "salah-sandi")(dialog)
    assert dialog.banner.text().startswith("Akun dikunci sampai pukul ")
    sign_in_as(name, PASSWORD)(dialog)
    assert "Akun dikunci" in dialog.banner.text(), "the right password waits for the lock too"
    assert dialog.ctx is None and dialog.isVisible()


@SQLITE_CHECKS_PASSWORDS
def test_a_temporary_password_must_be_replaced_before_the_window_opens(
    qtbot: QtBot, database_url: str, launched: list[Launcher]
) -> None:
    admin = admin_session(database_url)
    name = make_clerk(admin, "operator", Role.OPERATOR, "Maria Operator", must_change_password=True)
    admin.engine.dispose()
    answers = (
        ModalAnswers()
        .then(LoginDialog, sign_in_as(name, PASSWORD))
        .then(PasswordDialog, new_password(name + "123"))
        .then(PasswordDialog, new_password(NEW_PASSWORD))
    )
    window = start(launched, database_url, answers)

    assert window is not None
    forced = answers.seen[1]
    assert isinstance(forced, PasswordDialog) and forced.forced
    assert not forced.old.isVisible(), "the password just typed is not asked again"
    assert window.app.principal is not None
    assert not window.app.principal.must_change_password
    assert window.clerk_label.text() == "Petugas: Maria Operator (Operator)"
    with pytest.raises(AuthenticationError):
        sign_in(database_url, name, PASSWORD)
    sign_in(database_url, name, NEW_PASSWORD).engine.dispose()


def test_leaving_the_forced_password_change_goes_back_to_the_sign_in(
    qtbot: QtBot, sqlite_url: str, launched: list[Launcher]
) -> None:
    admin = admin_session(sqlite_url)
    name = make_clerk(admin, "baru", Role.VIEWER, must_change_password=True)
    admin.engine.dispose()
    answers = (
        ModalAnswers()
        .then(LoginDialog, sign_in_as(name, PASSWORD))
        .then(PasswordDialog, lambda dialog: dialog.reject())
        .then(LoginDialog, lambda dialog: dialog.reject())
    )
    assert start(launched, sqlite_url, answers) is None


@pytest.mark.postgres
def test_a_shared_database_without_accounts_says_how_the_first_is_made(
    qtbot: QtBot, empty_pg_url: str
) -> None:
    dialog = LoginDialog(empty_pg_url)
    qtbot.addWidget(dialog)
    dialog.show()
    sign_in_as("postgres", "apa-saja")(dialog)
    assert dialog.banner.text() == NO_ACCOUNTS
    assert "python main.py users create --name NAMA --role admin" in dialog.banner.text()


def test_signing_out_shows_the_sign_in_again(
    qtbot: QtBot, sqlite_url: str, launched: list[Launcher]
) -> None:
    admin = admin_session(sqlite_url)
    viewer = make_clerk(admin, "pengamat", Role.VIEWER, "Pengamat Kantor")
    admin_name = admin.principal.username if admin.principal else ""
    admin.engine.dispose()
    answers = (
        ModalAnswers()
        .then(LoginDialog, sign_in_as(admin_name, PASSWORD))
        # The district was never chosen: an administrator is asked, and puts it off.
        .then(DistrictWizard, lambda wizard: wizard.later_button.click())
    )
    window = start(launched, sqlite_url, answers)
    assert window is not None
    launcher = launched[0]

    again = ModalAnswers().then(LoginDialog, sign_in_as(viewer, PASSWORD))
    account_menu = submenu(window.menuBar().actions()[1])
    sign_out = next(a for a in account_menu.actions() if a.text() == "&Keluar")
    sign_out.trigger()
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window is not window)
    again.check()
    assert launcher.window is not None
    assert launcher.window.clerk_label.text() == "Petugas: Pengamat Kantor (Pengamat)"
    assert launcher.window.section_titles() == [
        "Beranda",
        "Peserta",
        "Kartu",
        "Klaim",
        "Surat & PKS",
        "Laporan",
        "Iuran & anggaran",
    ]


def test_a_wrong_name_and_an_unreachable_server_read_plainly(
    qtbot: QtBot, expect_log: ExpectLog
) -> None:
    dialog = LoginDialog("postgresql+psycopg://127.0.0.1:1/sirentan")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.database.text() == "PostgreSQL: 127.0.0.1:1/sirentan"
    with expect_log(logging.ERROR, "database unavailable (PostgreSQL: 127.0.0.1:1/"):
        sign_in_as("petugas", "kata-sandi")(dialog)
    assert "tidak dapat dihubungi" in dialog.banner.text()
    assert dialog.sign_in_button.isEnabled()
    wait_idle(dialog)


def test_a_clerk_changes_their_own_password_from_the_account_menu(
    qtbot: QtBot, database_url: str
) -> None:
    admin = admin_session(database_url)
    name = make_clerk(admin, "ganti", Role.OPERATOR, "Petugas Ganti")
    admin.engine.dispose()
    ctx = sign_in(database_url, name, PASSWORD)
    window = open_window(qtbot, ctx)
    dialog = window.change_password()
    assert isinstance(dialog, PasswordDialog) and not dialog.forced
    dialog.old.setText("bukan-sandi-lama")
    new_password(NEW_PASSWORD)(dialog)
    assert dialog.isVisible()
    assert "Kata sandi lama salah." in message_text(dialog.rows, "old_password")
    dialog.old.setText(PASSWORD)
    new_password(NEW_PASSWORD)(dialog)
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Kata sandi sudah diganti."
    assert window.app.workers.search(WorkerQuery()).total == 0, "the register still answers"
    sign_in(database_url, name, NEW_PASSWORD).engine.dispose()
    window.app.ctx.engine.dispose()


def test_another_database_chosen_at_the_sign_in_is_opened_at_once(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, launched: list[Launcher]
) -> None:
    make_first_admin(sqlite_url)
    other = tmp_path / "kantor-baru" / "sirentan.db"

    def choose_other_file(dialog: ConnectionDialog) -> None:
        dialog.path.setText(str(other))
        dialog.save_button.click()
        assert "Tekan Tutup untuk masuk" in dialog.banner.text()
        dialog.close_button.click()

    answers = (
        ModalAnswers()
        .then(LoginDialog, lambda dialog: dialog.connection_button.click())
        .then(ConnectionDialog, choose_other_file)
        .then(FirstAdminDialog, lambda dialog: dialog.reject())
    )
    assert start(launched, sqlite_url, answers) is None
    first_admin = answers.seen[-1]
    assert isinstance(first_admin, FirstAdminDialog)
    assert str(other) in " ".join(label.text() for label in first_admin.findChildren(QLabel))
    assert other.exists(), "the new register was created and migrated"
