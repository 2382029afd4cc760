"""What a clerk does in the start-up dialogs, as steps for ModalAnswers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtTest import QTest

from ui.gui.signin.first_admin_dialog import FirstAdminDialog
from ui.gui.signin.login_dialog import LoginDialog
from ui.gui.signin.password_dialog import PasswordDialog

WAIT_MS = 15000


def fill_first_admin(
    username: str, full_name: str, password: str, repeat: str | None = None
) -> Callable[[FirstAdminDialog], None]:
    def act(dialog: FirstAdminDialog) -> None:
        dialog.username.setText(username)
        dialog.full_name.setText(full_name)
        dialog.password.setText(password)
        dialog.repeat.setText(password if repeat is None else repeat)
        dialog.create_button.click()

    return act


def sign_in_as(username: str, password: str) -> Callable[[LoginDialog], None]:
    """Type, press Masuk, and wait for the answer (the check runs in the background)."""

    def act(dialog: LoginDialog) -> None:
        if username:
            dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.sign_in_button.click()
        wait_idle(dialog)

    return act


def wait_idle(dialog: LoginDialog) -> None:
    waited = 0
    while dialog.busy.isVisible() and waited < WAIT_MS:
        QTest.qWait(20)
        waited += 20
    assert not dialog.busy.isVisible(), "the sign-in never answered"


def new_password(password: str) -> Callable[[PasswordDialog], None]:
    def act(dialog: PasswordDialog) -> None:
        dialog.new.setText(password)
        dialog.repeat.setText(password)
        dialog.save_button.click()

    return act
