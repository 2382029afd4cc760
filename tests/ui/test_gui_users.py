"""Akun petugas: an administrator adds, changes, deactivates and resets accounts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from models.enums import Role
from services.accounts.auth import sign_in
from services.accounts.service import list_users, update_user
from services.core.context import ServiceContext
from services.core.errors import AuthenticationError
from tests.conftest import clerk_name
from tests.present import present
from tests.ui.accounts import PASSWORD, admin_session, make_clerk
from tests.ui.helpers import cell, choose, open_window
from tests.ui.modal import ModalAnswers, click
from ui.gui.main_window import MainWindow
from ui.gui.sections import USERS
from ui.gui.users.users_panel import UsersPanel

KEFAMENANU = "53.03.05"  # Kecamatan Kota Kefamenanu


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(database_url)
    yield ctx
    ctx.engine.dispose()


def users_panel(window: MainWindow) -> UsersPanel:
    window.show_section(USERS)
    panel = window.panel(USERS)
    assert isinstance(panel, UsersPanel)
    return panel


def test_an_administrator_adds_a_limited_operator_who_then_signs_in(
    qtbot: QtBot, admin: ServiceContext, database_url: str
) -> None:
    window = open_window(qtbot, admin)
    panel = users_panel(window)
    assert panel.model.rowCount() == 1
    dialog = panel.add_user()
    name = clerk_name("maria")
    dialog.username.setText(name)
    dialog.full_name.setText("Maria Goreti")
    choose(dialog.role, Role.OPERATOR)
    dialog.kecamatan.set_codes([KEFAMENANU])
    assert dialog.password.text(), "a temporary password is offered"
    temporary = dialog.password.text()
    dialog.accept()

    assert not dialog.isVisible()
    row = panel.model.row_of(next(u.id for u in list_users(admin) if u.username == name))
    assert row is not None
    cells = [panel.model.data(panel.model.index(row, c)) for c in range(6)]
    assert cells[:4] == [name, "Maria Goreti", "Operator", "Kota Kefamenanu"]
    assert cells[4] == "Aktif (kata sandi sementara)"
    assert cells[5] == "belum pernah"
    assert f"Akun {name} dibuat." in panel.banner.text()
    clerk = sign_in(database_url, name, temporary)
    assert clerk.principal is not None and clerk.principal.must_change_password
    assert clerk.principal.kecamatan_codes == frozenset({KEFAMENANU})
    clerk.engine.dispose()


def test_a_refused_account_shows_why_at_the_field(qtbot: QtBot, admin: ServiceContext) -> None:
    panel = users_panel(open_window(qtbot, admin))
    dialog = panel.add_user()
    dialog.username.setText("Bukan Nama")
    dialog.full_name.setText("X")
    dialog.accept()
    message = dialog.rows.message_for("username")
    assert message is not None and "huruf kecil" in message.text()
    assert dialog.isVisible()


def test_edit_deactivate_reactivate_and_reset_a_password(
    qtbot: QtBot, admin: ServiceContext, database_url: str
) -> None:
    name = make_clerk(admin, "yohanes", Role.OPERATOR, "Yohanes")
    panel = users_panel(open_window(qtbot, admin))
    user = next(u for u in list_users(admin) if u.username == name)
    panel.table.selectRow(present(panel.model.row_of(user.id)))

    dialog = panel.edit_user()
    assert dialog is not None and dialog.username.isReadOnly()
    dialog.full_name.setText("Yohanes Bria")
    choose(dialog.role, Role.VERIFIKATOR)
    dialog.accept()
    assert panel.selected_user() is not None
    row = panel.model.row_of(user.id)
    assert row is not None
    assert (cell(panel.model, row, "Nama lengkap"), cell(panel.model, row, "Peran")) == (
        "Yohanes Bria",
        "Verifikator",
    )

    answers = ModalAnswers().then(QMessageBox, click("Nonaktifkan"))
    assert panel.toggle_active()
    answers.check()
    assert cell(panel.model, row, "Status") == "Nonaktif"
    assert panel.active_button.text() == "Aktifkan kembali"
    with pytest.raises(AuthenticationError):
        sign_in(database_url, name, PASSWORD)
    assert panel.toggle_active(), "reactivating asks nothing"
    assert cell(panel.model, row, "Status") == "Aktif"

    reset = panel.reset_password()
    assert reset is not None
    reset.password.setText("sementara-baru-1")
    reset.accept()
    assert "diatur ulang" in panel.banner.text()
    again = sign_in(database_url, name, "sementara-baru-1")
    assert again.principal is not None and again.principal.must_change_password
    again.engine.dispose()


def test_a_stale_account_row_is_a_conflict_message_not_an_overwrite(
    qtbot: QtBot, admin: ServiceContext
) -> None:
    name = make_clerk(admin, "stale", Role.OPERATOR, "Lama")
    panel = users_panel(open_window(qtbot, admin))
    user = next(u for u in list_users(admin) if u.username == name)
    panel.table.selectRow(present(panel.model.row_of(user.id)))
    dialog = panel.edit_user()
    assert dialog is not None
    update_user(admin, user.id, user.version, full_name="Diubah Admin Lain")
    dialog.full_name.setText("Isian Saya")
    dialog.accept()
    assert dialog.isVisible()
    assert "sudah diubah" in dialog.banner.text()
    assert next(u for u in list_users(admin) if u.id == user.id).full_name == "Diubah Admin Lain"
