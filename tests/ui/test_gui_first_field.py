"""Every dialog of the app opens with the cursor in a field, never on a tab bar or a
button: the first characters a clerk types land where they belong (#15, keyboard first).

The dialogs are the ones the screen-fit tests open (tests/ui/test_gui_screen_fit.py), each
opened the way a clerk opens it, on the small screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from models.database import make_engine
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.present import present
from tests.ui.helpers import covered_now, wait_rows, worker_list
from tests.ui.screen_check import SMALL
from tests.ui.test_gui_screen_fit import ADMIN, DIALOGS, _window_on
from ui.gui.main_window import MainWindow
from ui.gui.sections import USERS

FIELDS = (
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QTextEdit,
    QPlainTextEdit,
    QCheckBox,
    QRadioButton,
    QAbstractItemView,
)


# Dialogs whose first page has nothing to type into start on the one thing to do there:
# the import wizard on "Pilih berkas…" (Enter opens the file chooser), the card preview
# on the preview itself (arrows and Page Down scroll it).
NO_FIELD: dict[str, Callable[[Any], QWidget]] = {  # each its own dialog class
    "impor": lambda dialog: dialog.file_page.browse_button,
    "pratinjau kartu": lambda dialog: dialog.preview,
}


def _panel(window: MainWindow, title: str) -> Any:
    window.show_section(title)
    return window.panel(title)


def _window_only(
    open_: Callable[[MainWindow], QWidget],
) -> Callable[[MainWindow, ServiceContext, int, QtBot], QWidget]:
    return lambda window, _ctx, _id, _qtbot: open_(window)


# Beyond the screen-fit list: the administrator's and the sections' own dialogs.
MORE: dict[str, Callable[[MainWindow], QWidget]] = {
    "pengaturan": lambda w: w.open_settings(),
    "wilayah kantor": lambda w: w.open_district_wizard(),
    "pengguna baru": lambda w: _panel(w, USERS).add_user(),
    "penandatangan baru": lambda w: _panel(w, "Surat & PKS").signatories.open_dialog(None),
    "kalibrasi kartu": lambda w: _panel(w, "Kartu").open_calibration(),
    "alokasi pagu": lambda w: _panel(w, "Iuran & anggaran").budget.open_allocation_dialog(),
    "tarif iuran": lambda w: _panel(w, "Iuran & anggaran").rates.open_rate_dialog(),
}
OPENERS: dict[str, Callable[[MainWindow, ServiceContext, int, QtBot], QWidget]] = {
    **DIALOGS,
    **{name: _window_only(open_) for name, open_ in MORE.items()},
}


@pytest.fixture
def admin_ctx(sqlite_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(sqlite_url), principal=ADMIN)
    yield context
    context.engine.dispose()


def is_field(widget: QWidget | None) -> bool:
    return isinstance(widget, FIELDS) and not isinstance(widget, QTabBar)


@pytest.mark.parametrize("name", list(OPENERS))
def test_every_dialog_starts_in_a_field(qtbot: QtBot, admin_ctx: ServiceContext, name: str) -> None:
    worker = WorkerService(admin_ctx).create(covered_now(1)).worker
    window = _window_on(qtbot, admin_ctx, SMALL)
    wait_rows(qtbot, worker_list(window), 1)
    dialog = OPENERS[name](window, admin_ctx, worker.id, qtbot)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.wait(30)  # Qt places its own first focus after the show
    focused = present(QApplication.focusWidget(), "focused widget")
    if name in NO_FIELD:
        expected = NO_FIELD[name](dialog)
        assert focused is expected or expected.isAncestorOf(focused)
        return
    assert is_field(focused), f"{name}: focus on {type(focused).__name__}"
    assert not isinstance(focused, QAbstractButton) or isinstance(
        focused, (QCheckBox, QRadioButton)
    )
    assert dialog.isAncestorOf(focused)
    if isinstance(dialog, QDialog):
        dialog.reject()
