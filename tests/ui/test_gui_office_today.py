"""The screens' default dates are the office's day, not the workstation's.

The workstation is put on the office's previous day by a real TZ
(``workstation_on_another_day``): each default below would show yesterday if it took the
workstation's clock.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.core.context import ServiceContext
from services.premiums.months import Month
from services.workers.service import WorkerService
from tests.factories import worker_input
from tests.ui.helpers import open_window, type_into
from tests.ui.test_gui_documents import documents_panel
from ui.gui.documents.documents_panel import LETTER
from ui.gui.documents.letter_page import LetterPage
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.month_field import MonthField, year_spin
from ui.gui.worker_form.status_dialog import StatusDialog


def test_the_status_dialog_and_the_letter_date_offer_the_offices_day(
    qtbot: QtBot, ctx: ServiceContext, workstation_on_another_day: date
) -> None:
    office = workstation_on_another_day
    workers = WorkerService(ctx)
    worker = workers.create(worker_input(1, coverage_start=office, coverage_end=None)).worker
    window = open_window(qtbot, ctx)

    dialog = StatusDialog(workers, worker, window)
    qtbot.addWidget(dialog)
    assert dialog.status_date.value() == office

    page = documents_panel(window).show_tab(LETTER)
    assert isinstance(page, LetterPage)
    assert page.document_date.value() == office

    # The widgets without a screen of their own follow the open register's office too.
    field = DateField(window)
    qtbot.addWidget(field)
    field.open_calendar()
    assert field._calendar is not None
    assert field._calendar.selectedDate().toPython() == office
    field._calendar.hide()
    month = MonthField(window)
    qtbot.addWidget(month)
    assert month.value() == Month.of(office)
    assert year_spin(window).maximum() == office.year + 5

    # The front desk: covered from today on, and today is the office's.
    bar = window.coverage
    type_into(qtbot, bar.edit, worker.nik)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.result_panel.badge.text() == "TERLINDUNGI HARI INI"
