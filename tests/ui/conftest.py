"""GUI tests: the real main window over a real register, driven offscreen with pytest-qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

# Loaded before any test runs: loading them freezes whatever exists then (ui.gui.collector),
# which must not be an earlier test's leftovers (a register's connections among them).
import ui.gui.app  # noqa: F401
from ui.gui.tasks import wait_for_all

UI_DIR = Path(__file__).parent
# The offscreen platform says this for every top-level window; it is no fault of ours.
OFFSCREEN_NOISE = r"This plugin does not support"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if UI_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)
            # Any Qt warning (a bad signal connection, a layout clash) fails the test.
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _sirentan_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Logs and the workstation config go to the test's folder, not the user's."""
    monkeypatch.setenv("SIRENTAN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIRENTAN_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _finish_background_work(qtbot: QtBot) -> Iterator[None]:
    """Running jobs end before pytest-qt closes and deletes the test's windows."""
    yield
    wait_for_all()


@pytest.fixture
def empty_pg_url(pg_url: str) -> str:
    """The shared PostgreSQL test register, emptied (for tests only a server can answer)."""
    from tests.conftest import _clear_pg_data

    _clear_pg_data(pg_url)
    return pg_url


@pytest.fixture(autouse=True)
def discard_answers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Closing a form with edits asks first; in tests the clerk agrees (calls are recorded)."""
    calls: list[bool] = []

    def answer(_parent: Any) -> bool:
        calls.append(True)
        return True

    monkeypatch.setattr("ui.gui.worker_form.worker_form_dialog.ask_discard", answer)
    return calls
