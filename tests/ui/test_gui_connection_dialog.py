"""Koneksi basis data: the workstation's choice is saved, never with a password."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from services.core.local_config import load_local_config
from services.core.paths import default_database_path
from tests.ui.helpers import type_into
from ui.gui.connection_dialog import ConnectionDialog


def test_sqlite_is_the_default_with_the_usual_file(qtbot: QtBot) -> None:
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    assert dialog.sqlite_choice.isChecked()
    assert dialog.path.text() == str(default_database_path())
    assert not dialog.postgres_box.isEnabled()
    assert dialog.save()
    assert load_local_config().database_url == f"sqlite:///{default_database_path()}"
    assert "buka kembali SiRentan" in dialog.banner.text()


def test_a_postgresql_server_is_saved_without_a_password(qtbot: QtBot) -> None:
    dialog = ConnectionDialog(current_url="postgresql://admin:rahasia@10.0.0.5:5433/register")
    qtbot.addWidget(dialog)
    assert dialog.postgres_choice.isChecked()
    assert (dialog.host.text(), dialog.port.value(), dialog.user.text()) == (
        "10.0.0.5",
        5433,
        "admin",
    )
    type_into(qtbot, dialog.database, "sirentan")
    type_into(qtbot, dialog.user, "petugas.ttu")
    assert dialog.save()
    saved = load_local_config().database_url
    assert saved == "postgresql+psycopg://petugas.ttu@10.0.0.5:5433/sirentan"
    assert "rahasia" not in (saved or "")


def test_missing_server_details_are_asked_for(qtbot: QtBot) -> None:
    dialog = ConnectionDialog(current_url="sqlite:///x.db")
    qtbot.addWidget(dialog)
    dialog.postgres_choice.setChecked(True)
    assert dialog.sqlite_box.isEnabled() is False
    assert not dialog.save()
    assert "nama basis data" in dialog.banner.text()
    assert load_local_config().database_url is None


def test_the_environment_variable_is_mentioned_when_it_wins(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIRENTAN_DATABASE_URL", "sqlite:///lain.db")
    dialog = ConnectionDialog(current_url="sqlite:///x.db")
    qtbot.addWidget(dialog)
    assert dialog.save()
    assert "SIRENTAN_DATABASE_URL" in dialog.banner.text()
