"""retry.call_or_show / call_or_place on one small form, no window and no database: where
each kind of refusal is shown, and that a conflict reloads before it says why."""

from __future__ import annotations

from typing import NoReturn

from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from services.core.errors import ConflictError, SiRentanError, ValidationError
from services.core.input_rules import err
from ui.gui.retry import FAILED, UNSAVED, call_or_place, call_or_show, under_fields
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner, Tone


def _form(qtbot: QtBot) -> tuple[QWidget, FieldRows, NoticeBanner]:
    form = QWidget()
    qtbot.addWidget(form)
    rows = FieldRows(form)
    rows.add("Nama", QLineEdit(form), "name")
    rows.finish()
    return form, rows, NoticeBanner(form)


def _refuse(error: SiRentanError) -> NoReturn:
    raise error


def test_a_refused_field_is_shown_under_it_and_the_rest_in_the_banner(qtbot: QtBot) -> None:
    form, rows, banner = _form(qtbot)
    place = under_fields(rows, banner, UNSAVED)
    named = ValidationError([err("name_empty", "name", "Nama wajib diisi.")])
    assert call_or_place(form, banner, place, lambda: _refuse(named)) is FAILED
    message = rows.message_for("name")
    assert message is not None and "Nama wajib diisi." in message.text()
    assert (banner.text(), banner.tone) == (UNSAVED, Tone.ERROR)
    elsewhere = ValidationError([err("budget", "budget", "Anggaran tahun ini habis.")])
    assert call_or_place(form, banner, place, lambda: _refuse(elsewhere)) is FAILED
    assert banner.text() == "Anggaran tahun ini habis."


def test_a_conflict_reloads_first_then_warns_and_other_refusals_are_errors(
    qtbot: QtBot,
) -> None:
    form, _rows, banner = _form(qtbot)
    reloads: list[str] = []
    stale = ConflictError("Data ini baru saja diubah oleh pengguna lain.")
    outcome = call_or_show(form, banner, lambda: _refuse(stale), reload=lambda: reloads.append(""))
    assert outcome is FAILED and reloads == [""]
    assert (banner.text(), banner.tone) == (stale.message, Tone.WARNING)
    refused = SiRentanError("Folder tidak dapat ditulis.")
    assert call_or_show(form, banner, lambda: _refuse(refused), retry=False) is FAILED
    assert (banner.text(), banner.tone) == (refused.message, Tone.ERROR)
    assert call_or_show(form, banner, lambda: 42) == 42
