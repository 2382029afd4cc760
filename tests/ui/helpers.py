"""Acting as a clerk in GUI tests: seed workers, open the window, type, choose."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from services.core.context import ServiceContext
from services.workers.service import WorkerService
from services.workers.types import WorkerDetail, WorkerInput
from tests.conftest import office_day_now
from tests.factories import worker_input
from ui.gui.main_window import MainWindow
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.window_setup import build_main_window
from ui.gui.worker_list.worker_list_panel import WorkerListPanel

W = TypeVar("W", bound=QWidget)


def shown(parent: QWidget, kind: type[W]) -> W | None:
    """The window of ``kind`` that ``parent`` opened and still shows (None: none)."""
    return next((w for w in parent.findChildren(kind) if w.isVisible()), None)


def cell(model: QAbstractItemModel, row: int, title: str) -> str:
    """The text a table shows in ``row`` under the column headed ``title``."""
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return str(model.data(model.index(row, titles.index(title))))


def covered_now(serial: int, **changes: Any) -> WorkerInput:
    """A valid input whose coverage runs today, whatever day the tests run."""
    today = office_day_now()
    changes.setdefault("coverage_start", today - timedelta(days=30))
    changes.setdefault("coverage_end", today + timedelta(days=300))
    return worker_input(serial, **changes)


def seed(workers: WorkerService, count: int, start: int = 1) -> list[WorkerDetail]:
    return [workers.create(covered_now(start + i)).worker for i in range(count)]


def open_window(qtbot: QtBot, ctx: ServiceContext) -> MainWindow:
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    # Active, so that focus and shortcuts behave as on a clerk's screen.
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def worker_list(window: MainWindow) -> WorkerListPanel:
    """The Peserta section, opened as a clerk would (Beranda is the first screen)."""
    window.show_section("Peserta")
    panel = window.panel("Peserta")
    assert isinstance(panel, WorkerListPanel)
    return panel


def submenu(action: QAction) -> QMenu:
    """The menu a menu-bar entry opens (Qt types ``QAction.menu()`` as a bare QObject)."""
    menu = action.menu()
    assert isinstance(menu, QMenu), action.text()
    return menu


def message_text(rows: FieldRows, field: str) -> str:
    """The message shown under ``field``; the field having no message row is a failure."""
    message = rows.message_for(field)
    assert message is not None, f"no message row for {field}"
    return message.text()


def type_into(qtbot: QtBot, edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Replace the field's text by typing, as a clerk would (fires textEdited on a line,
    textChanged on a long-text field)."""
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)


def choose(combo: ChoiceCombo, value: Any) -> None:
    """Pick the item carrying ``value`` as the clerk would (fires activated)."""
    index = combo.index_of(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)
    emit(combo.activated, index)


def wait_rows(qtbot: QtBot, panel: WorkerListPanel, count: int) -> None:
    qtbot.waitUntil(lambda: panel.model.rowCount() == count, timeout=3000)


def held_open(path: Path) -> bool:
    """Whether this process holds `path` open (Windows would refuse to delete it then)."""
    if sys.platform == "win32":
        if not path.exists():
            return False  # deleted, so nobody held it open (Windows refuses that)
        # Qt opens files without FILE_SHARE_DELETE: renaming an open file is refused.
        probe = path.with_name(f"{path.name}.probe")
        try:
            os.replace(path, probe)
        except PermissionError:
            return True
        os.replace(probe, path)
        return False
    fds = Path("/proc/self/fd")
    target = str(path.resolve())
    for fd in fds.iterdir():
        try:
            # Linux names a deleted file that is still open "<path> (deleted)".
            if os.readlink(fd).removesuffix(" (deleted)") == target:
                return True
        except OSError:
            continue  # closed while listing (the listing's own descriptor)
    return False
