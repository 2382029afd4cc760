"""One SiRentan per user: a second start shows the first one's window and ends."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.gui.launcher import Launcher
from ui.gui.single_instance import SingleInstance, instance_key


def test_a_second_start_asks_the_first_to_come_forward_and_ends(qtbot: QtBot) -> None:
    key = f"sirentan-test-{uuid.uuid4().hex[:12]}"
    first = SingleInstance(key)
    assert first.claim()

    second = SingleInstance(key)
    with qtbot.waitSignal(first.show_requested, timeout=5000):
        assert not second.claim()

    first.release()
    third = SingleInstance(key)
    assert third.claim()  # the first copy ended: the next start runs
    third.release()


def test_each_data_folder_is_its_own_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIRENTAN_HOME", str(tmp_path / "satu"))
    one = instance_key()
    monkeypatch.setenv("SIRENTAN_HOME", str(tmp_path / "dua"))
    assert instance_key() != one


def test_the_running_copy_shows_its_minimised_window(qtbot: QtBot) -> None:
    launcher = Launcher("sqlite://")
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    # Any minimised top-level window shows what the launcher does, not only a MainWindow.
    launcher.window = window  # type: ignore[assignment]

    launcher.bring_to_front()

    assert window.isVisible() and not window.isMinimized()
