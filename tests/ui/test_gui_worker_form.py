"""The worker form: open from the list, edit, save; bad input is shown and nothing stored."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.enums import FundingSource, Gender, HeirRelation
from services.core.context import ServiceContext
from services.text.formatting import long_date
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import office_day_now
from tests.factories import VILLAGE, make_nik
from tests.present import present
from tests.ui.helpers import (
    choose,
    open_window,
    seed,
    type_into,
    wait_rows,
    worker_list,
)
from ui.gui.main_window import MainWindow
from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog

BIRTH = date(1990, 3, 14)


def open_form_with_enter(qtbot: QtBot, window: MainWindow, row: int = 0) -> WorkerFormDialog:
    panel = worker_list(window)
    panel.table.setFocus()
    panel.table.select_row(row)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    form = window.worker_form
    assert form is not None and form.isVisible()
    return form


def new_form(window: MainWindow) -> WorkerFormDialog:
    worker_list(window).add_button.click()
    form = window.worker_form
    assert form is not None and form.detail is None
    return form


def fill_new_worker(qtbot: QtBot, form: WorkerFormDialog, nik: str, village: str | None) -> None:
    personal, membership = form.personal, form.membership
    type_into(qtbot, personal.nik, nik)
    type_into(qtbot, personal.full_name, "Agustina Bano")
    type_into(qtbot, personal.birth_date, BIRTH.strftime("%d-%m-%Y"))
    choose(personal.gender, Gender.FEMALE)
    if village is not None:
        choose(personal.kecamatan, village.rsplit(".", 1)[0])
        choose(personal.village, village)
    choose(personal.occupation, "petani")
    choose(membership.funding, FundingSource.DANA_DESA)


def stored_total(workers: WorkerService) -> int:
    return workers.search(WorkerQuery()).total


def message_of(form: WorkerFormDialog, field: str) -> str:
    for tab in (form.personal, form.membership):
        for rows in tab.rows:
            message = rows.message_for(field)
            if message is not None:
                return message.text() if message.isVisible() else ""
    raise AssertionError(f"no message line for {field}")


def test_open_with_enter_fix_a_field_save_and_see_it_in_the_list(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    workers = WorkerService(ctx)
    seed(workers, 3)
    window = open_window(qtbot, ctx)
    panel = worker_list(window)
    form = open_form_with_enter(qtbot, window, row=1)
    worker_id = form.worker_id
    assert form.personal.full_name.text() == present(panel.model.worker_at(1)).full_name

    type_into(qtbot, form.personal.full_name, "Maria Goreti Nahak")
    type_into(qtbot, form.personal.phone, "0812 3456 7000")
    with qtbot.waitSignal(form.record_changed):
        form.save_button.click()
    assert not form.isVisible()

    stored = workers.get(present(worker_id))
    assert stored.full_name == "MARIA GORETI NAHAK"
    assert stored.phone == "081234567000"
    qtbot.waitUntil(lambda: panel.model.row_of(stored.id) is not None)
    row = panel.model.row_of(stored.id)
    assert present(panel.model.worker_at(present(row))).full_name == "MARIA GORETI NAHAK"
    assert panel.selected_worker_id() == stored.id, "the saved worker stays selected"


def test_double_click_opens_the_worker(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    seed(WorkerService(sqlite_ctx), 2)
    window = open_window(qtbot, sqlite_ctx)
    panel = worker_list(window)
    index = panel.model.index(1, 1)
    position = panel.table.visualRect(index).center()
    # A real double-click starts with a press; QTest's alone sends only the second half.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert window.worker_form is not None
    assert window.worker_form.worker_id == present(panel.model.worker_at(1)).id


def test_a_new_worker_is_saved_and_appears_in_the_list(qtbot: QtBot, ctx: ServiceContext) -> None:
    window = open_window(qtbot, ctx)
    panel = worker_list(window)
    form = new_form(window)
    fill_new_worker(qtbot, form, make_nik(BIRTH, Gender.FEMALE, 77), VILLAGE)
    assert form.save()
    wait_rows(qtbot, panel, 1)
    assert present(panel.model.worker_at(0)).full_name == "AGUSTINA BANO"
    assert panel.count.text() == "1 peserta"


def test_bad_input_is_shown_under_its_field_and_nothing_is_stored(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    workers = WorkerService(sqlite_ctx)
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    fill_new_worker(qtbot, form, "53030554039", village=None)
    type_into(
        qtbot, form.personal.birth_date, (office_day_now() + timedelta(days=3)).strftime("%d%m%Y")
    )

    assert not form.save()
    assert "16" in message_of(form, "nik")
    assert "masa depan" in message_of(form, "birth_date")
    assert "Desa/Kelurahan wajib dipilih" in message_of(form, "village_code")
    assert "belum disimpan" in form.banner.text()
    assert form.isVisible() and form.tabs.currentWidget() is form.personal
    assert form.personal.full_name.text() == "Agustina Bano", "what was typed stays"
    assert stored_total(workers) == 0


def test_a_duplicate_nik_is_refused_with_the_owner_named(qtbot: QtBot, ctx: ServiceContext) -> None:
    workers = WorkerService(ctx)
    existing = seed(workers, 1)[0]
    window = open_window(qtbot, ctx)
    form = new_form(window)
    fill_new_worker(qtbot, form, existing.nik, VILLAGE)
    assert not form.save()
    assert "sudah terdaftar" in message_of(form, "nik")
    assert existing.full_name in message_of(form, "nik")
    assert stored_total(workers) == 1


def test_problems_appear_while_typing_after_a_pause(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    type_into(qtbot, form.personal.nik, "5303ABC")
    qtbot.waitUntil(lambda: "NIK" in message_of(form, "nik"), timeout=2000)
    assert message_of(form, "full_name") == "", "untouched fields stay quiet until saving"

    type_into(qtbot, form.personal.birth_date, "31-02-1990")
    qtbot.waitUntil(lambda: "bukan tanggal" in message_of(form, "birth_date"), timeout=2000)


def test_the_nik_is_checked_against_birth_date_and_gender(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    fill_new_worker(qtbot, form, make_nik(BIRTH, Gender.FEMALE, 5), VILLAGE)
    choose(form.personal.gender, Gender.MALE)
    type_into(qtbot, form.personal.birth_date, "15-03-1990")
    problems = form.check_now()
    nik_problems = [p for p in problems if p.field == "nik"]
    assert nik_problems and all(not p.is_error for p in nik_problems)
    assert "⚠" in message_of(form, "nik")


def test_heir_problems_show_on_the_heirs_tab(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    workers = WorkerService(sqlite_ctx)
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    fill_new_worker(qtbot, form, make_nik(BIRTH, Gender.FEMALE, 8), VILLAGE)
    dialog = form.heirs.add_heir()
    type_into(qtbot, dialog.fields.full_name, "Yosef Bano")
    choose(dialog.fields.relation, HeirRelation.SPOUSE)
    type_into(qtbot, dialog.fields.nik, "12345")
    dialog.accept()
    assert form.heirs.model.rowCount() == 1

    assert not form.save()
    assert form.tabs.currentWidget() is form.heirs
    assert "Ahli waris ke-1" in form.heirs.message.text()
    assert form.heirs.model.data(form.heirs.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert stored_total(workers) == 0

    form.heirs.table.selectRow(0)
    form.heirs.remove_selected()
    assert form.save()
    assert stored_total(workers) == 1


def test_warnings_after_saving_are_shown_once_without_blocking(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    fill_new_worker(qtbot, form, make_nik(BIRTH, Gender.FEMALE, 9), VILLAGE)
    type_into(qtbot, form.membership.kpj, "1234567")  # KPJ is usually 11 digits: a warning
    assert form.save()
    from PySide6.QtWidgets import QMessageBox

    notices = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(notices) == 1
    assert "KPJ" in notices[0].text()
    assert notices[0].windowModality() == Qt.WindowModality.NonModal


def test_the_desa_list_in_the_form_follows_the_kecamatan(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    form = new_form(window)
    personal = form.personal
    assert not personal.village.isEnabled()
    kecamatan = VILLAGE.rsplit(".", 1)[0]
    choose(personal.kecamatan, kecamatan)
    expected = [v.code for v in window.app.regions.villages(kecamatan)]
    assert personal.village.isEnabled()
    assert personal.village.values() == [None, *expected]
    choose(personal.village, VILLAGE)
    other = next(k.code for k in window.app.regions.kecamatan() if k.code != kecamatan)
    choose(personal.kecamatan, other)
    assert personal.village.value() is None, "a desa of another kecamatan is not kept"


def test_closing_a_form_with_unsaved_edits_asks_first(
    qtbot: QtBot, sqlite_ctx: ServiceContext, discard_answers: list[bool]
) -> None:
    seed(WorkerService(sqlite_ctx), 1)
    window = open_window(qtbot, sqlite_ctx)
    form = open_form_with_enter(qtbot, window)
    form.reject()
    assert discard_answers == [], "nothing typed: closes without asking"
    form = open_form_with_enter(qtbot, window)
    type_into(qtbot, form.personal.phone, "0813")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert discard_answers == [True]
    assert not form.isVisible()


def test_the_membership_tab_lists_the_coverage_periods(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    from models.enums import WorkerStatus

    workers = WorkerService(sqlite_ctx)
    (worker,) = seed(workers, 1)
    cut = office_day_now() - timedelta(days=3)
    workers.change_status(worker.id, WorkerStatus.INACTIVE, worker.version, "pindah", cut)
    window = open_window(qtbot, sqlite_ctx)
    form = open_form_with_enter(qtbot, window)
    table = form.membership.periods
    assert table.rowCount() == 1
    cells = [present(table.item(0, c)).text() for c in range(5)]
    assert cells[0].endswith(f"s.d. {long_date(cut)}")
    assert cells[1:4] == ["APBD Kabupaten", worker.kpj, "Petugas"]
    assert cells[4] == f"diakhiri: nonaktif {long_date(cut)}"
