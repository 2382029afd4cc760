"""From start-up to a signed-in clerk: first administrator, sign-in, forced new password.

Each step is a real modal dialog, run in order; the clerk may go back to the
sign-in from the password step, or choose another database from the sign-in.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from services.accounts.service import count_users
from services.core.bootstrap import open_register
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from ui.gui.retry import with_retry
from ui.gui.signin.database_label import is_sqlite_url
from ui.gui.signin.first_admin_dialog import FirstAdminDialog
from ui.gui.signin.login_dialog import CONNECTION_CHANGED, LoginDialog
from ui.gui.signin.password_dialog import PasswordDialog

log = logging.getLogger(__name__)

FIRST_ADMIN_DONE = "Administrator pertama sudah dibuat. Masuk dengan akun itu."
# Set by the installer check (packaging/windows/ci_check.sh): the installed program
# starts, shows its sign-in, writes SIGNIN_SHOWN to the log and ends. Not for clerks.
EXIT_AT_SIGNIN_ENV = "SIRENTAN_EXIT_AT_SIGNIN"
SIGNIN_SHOWN = "sign-in dialog shown"


@dataclass(slots=True)
class SignedIn:
    ctx: ServiceContext
    url: str  # the database chosen, which the clerk may have changed on the way


def sign_in_flow(url: str, notice: str = "", parent: QWidget | None = None) -> SignedIn | None:
    """The signed-in register, or None when the clerk closed the app instead."""
    username = ""
    while True:
        if is_sqlite_url(url):
            prepared = _prepare_sqlite(url, parent)
            if prepared is None:
                return None
            url, username, first_notice = prepared
            notice = first_notice or notice
        login = LoginDialog(url, username, notice, parent)
        if os.environ.get(EXIT_AT_SIGNIN_ENV):
            QTimer.singleShot(0, login, lambda dialog=login: _close_shown(dialog))
        result = login.exec()
        notice = ""
        if result == CONNECTION_CHANGED and login.new_url:
            url = login.new_url
            continue
        if result != QDialog.DialogCode.Accepted or login.ctx is None:
            return None
        ctx = login.ctx
        username = login.username.text()
        principal = ctx.principal
        if principal is not None and principal.must_change_password:
            forced = PasswordDialog(
                ctx, forced=True, old_password=login.password_used, parent=parent
            )
            if forced.exec() != QDialog.DialogCode.Accepted:
                ctx.engine.dispose()  # back to the sign-in, nothing done under this account
                continue
        _set_up_district(ctx, parent)
        return SignedIn(ctx, url)


def _set_up_district(ctx: ServiceContext, parent: QWidget | None) -> None:
    """An administrator signing in to a register whose district was never chosen (made in
    the GUI, or with ``users create`` on the command line): the district, office, officials
    and BPJS branch. "Nanti saja" keeps the seeded example until the next sign-in;
    Pengaturan → Wilayah kantor offers it any time."""
    from services.settings.district import needs_district_setup
    from ui.gui.settings.district_wizard import DistrictWizard

    principal = ctx.principal
    if principal is None or not principal.can(Permission.MANAGE_SETTINGS):
        return
    try:
        if not with_retry(parent, lambda: needs_district_setup(ctx)):
            return
    except SiRentanError:
        return  # the window opens anyway; the menu offers the set-up
    DistrictWizard(ctx, parent).exec()


def _close_shown(login: LoginDialog) -> None:
    log.info("%s (%s set): closing", SIGNIN_SHOWN, EXIT_AT_SIGNIN_ENV)
    # Hidden, not reject()ed: under Wine, Qt's offscreen platform never carries out the
    # window close that reject() goes through, so exec() never returned and the installed
    # program never ended. Hiding ends exec() all the same, with the result Rejected.
    login.hide()


def _prepare_sqlite(url: str, parent: QWidget | None) -> tuple[str, str, str] | None:
    """Open the file (migrating it); with no accounts yet, have the first administrator made.

    Returns the url (maybe changed in the connection settings), a name to sign in
    with, and a notice for the sign-in dialog; None when the clerk gave up.
    """
    while True:
        try:
            ctx = with_retry(parent, partial(open_register, url))
        except SiRentanError as error:
            log.warning("register not opened: %s", type(error).__name__)
            changed = startup_failed(error, url, parent)
            if changed is None:
                return None
            url = changed
            if not is_sqlite_url(url):
                return url, "", ""  # a shared server: its sign-in asks for credentials first
            continue
        try:
            return _first_admin_if_needed(ctx, url, parent)
        finally:
            ctx.engine.dispose()


def _first_admin_if_needed(
    ctx: ServiceContext, url: str, parent: QWidget | None
) -> tuple[str, str, str] | None:
    try:
        empty = with_retry(parent, lambda: count_users(ctx)) == 0
    except SiRentanError as error:
        startup_failed(error, url, parent)
        return None
    if not empty:
        return url, "", ""
    dialog = FirstAdminDialog(ctx, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return url, dialog.created_username, FIRST_ADMIN_DONE


def startup_failed(error: SiRentanError, url: str, parent: QWidget | None = None) -> str | None:
    """The register could not be opened: say why; the clerk may choose another database.

    Returns the newly chosen database, or None when SiRentan should close.
    """
    box = QMessageBox(QMessageBox.Icon.Critical, "SiRentan", error.message, parent=parent)
    box.setInformativeText("SiRentan tidak dapat membuka basis data ini.")
    settings = box.addButton("Pengaturan koneksi", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Tutup", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not settings:
        return None
    from ui.gui.connection_dialog import ConnectionDialog

    dialog = ConnectionDialog(parent, url)
    dialog.exec()
    return dialog.saved_url
