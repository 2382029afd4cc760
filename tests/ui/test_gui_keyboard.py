"""Keyboard first: a clerk works without the mouse. Every key here goes to the widget that
has the focus, as a real key press would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from services import documents as docs
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import office_day_now
from tests.factories import VILLAGE, worker_input
from tests.integration.document_helpers import store_emblem
from tests.ui.helpers import choose, covered_now, open_window, shown, wait_rows, worker_list
from tests.ui.test_gui_documents import documents_panel, issue, kadis
from ui.gui.claims.claim_dialog import ClaimDialog
from ui.gui.claims.claims_panel import ClaimsPanel
from ui.gui.documents.documents_panel import LETTER
from ui.gui.documents.letter_page import LetterPage
from ui.gui.documents.registration_editor import RegistrationEditor
from ui.gui.help_dialog import HelpDialog
from ui.gui.widgets.choice_combo import ChoiceCombo, best_match
from ui.gui.worker_form.worker_form_dialog import WorkerFormDialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_then_type(qtbot: QtBot, text: str) -> None:
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, text)


def test_typed_text_picks_a_village_anywhere_in_its_name_without_the_desa_prefix() -> None:
    labels = ["— pilih desa/kelurahan —", "Desa Bakitolas", "Desa Oelami", "Kelurahan Kefa Tengah"]
    assert best_match(labels, "Oel") == 2
    assert best_match(labels, "Desa Oel") == 2
    assert best_match(labels, "tengah") == 3
    assert best_match(labels, "kefa") == 3
    assert best_match(labels, "zz") == -1


def test_a_picker_takes_typed_text_and_a_space_does_not_open_it(qtbot: QtBot) -> None:
    combo = ChoiceCombo()
    qtbot.addWidget(combo)
    combo.set_choices([("Desa Bakitolas", 1), ("Desa Oelami", 2), ("Kel. Maubeli", 3)], "— pilih —")
    chosen: list[int] = []
    combo.activated.connect(chosen.append)
    combo.show()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Space)
    assert combo.view().isVisible() is False and combo.value() is None
    qtbot.keyClicks(combo, "Oel")
    assert combo.value() == 2 and chosen == [2]
    combo._typed_at = 0.0  # the pause after typing: the next letters start a new search
    qtbot.keyClicks(combo, "maub")
    assert combo.value() == 3


def test_a_new_worker_is_registered_by_tab_and_enter_alone(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    people = worker_list(window)
    wait_rows(qtbot, people, 0)
    people.table.setFocus()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.worker_form is not None)  # a button shortcut animates
    form = window.worker_form
    assert isinstance(form, WorkerFormDialog)
    qtbot.waitUntil(lambda: focused() is form.personal.nik)

    data = worker_input(1, coverage_start=date(2026, 1, 1), coverage_end=date(2026, 12, 31))
    type_text(qtbot, data.nik)
    tab_then_type(qtbot, "5303050101200001")  # No. KK
    tab_then_type(qtbot, "Maria Goreti Taek")
    tab_then_type(qtbot, "Kefamenanu")
    tab_then_type(qtbot, "12-07-1985")
    tab_then_type(qtbot, "Per")  # Jenis kelamin
    tab_then_type(qtbot, "081234567890")
    tab_then_type(qtbot, "Jl. Sonbai")
    tab_then_type(qtbot, "1")
    tab_then_type(qtbot, "2")
    tab_then_type(qtbot, "Kota Kefa")  # Kecamatan
    tab_then_type(qtbot, "Aplasi")  # Desa, without its "Desa"
    tab_then_type(qtbot, "Petani")
    # Tab from the last field of Data pribadi opens Kepesertaan at its first field.
    press(qtbot, Qt.Key.Key_Tab)
    assert form.tabs.currentWidget() is form.membership
    assert focused() is form.membership.kpj
    type_text(qtbot, "00000000001")
    tab_then_type(qtbot, "APBD Kab")  # Sumber dana
    tab_then_type(qtbot, "01-01-2026")
    tab_then_type(qtbot, "31-12-2026")
    for _ in range(40):  # on through the other tabs to Simpan
        if focused() is form.save_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.save_button
    assert form.save_button.text() == "Simpan (Ctrl+S)"
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.worker_form is None, timeout=3000)  # saved and closed
    [stored] = WorkerService(sqlite_ctx).search(WorkerQuery(text=data.nik)).rows
    worker = WorkerService(sqlite_ctx).get(stored.id)
    assert (worker.nik, worker.village_code, worker.occupation_code) == (
        data.nik,
        data.village_code,
        "petani",
    )
    assert worker.funding is data.funding and worker.coverage_start == date(2026, 1, 1)


def test_ctrl_and_a_number_switch_sections_and_f1_opens_the_help(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.panel("Klaim")
    assert focused() is window.navigation
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.panel("Peserta")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    helps = [w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Bantuan SiRentan"]
    assert helps and helps[0].isVisible()
    assert isinstance(helps[0], HelpDialog) and "Ctrl+K" in helps[0].text.toPlainText()
    helps[0].close()


def test_enter_in_the_search_box_with_one_match_opens_the_worker(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    workers = WorkerService(sqlite_ctx)
    for serial in (1, 2, 3):
        workers.create(covered_now(serial))
    window = open_window(qtbot, sqlite_ctx)
    people = worker_list(window)
    wait_rows(qtbot, people, 3)
    people.filters.search.setFocus()
    type_text(qtbot, "Taek B")
    press(qtbot, Qt.Key.Key_Return)
    form = window.worker_form
    assert isinstance(form, WorkerFormDialog) and form.isVisible()
    assert form.personal.full_name.text() == "MARIA GORETI TAEK B"
    form.reject()


def test_a_claim_is_opened_by_keyboard_from_the_picker(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = WorkerService(sqlite_ctx).create(covered_now(1)).worker
    window = open_window(qtbot, sqlite_ctx)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    panel = window.panel("Klaim")
    assert isinstance(panel, ClaimsPanel)
    picker = panel.new_claim()
    assert picker is not None
    qtbot.waitUntil(lambda: focused() is picker.search)
    type_text(qtbot, worker.nik)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(panel, ClaimDialog) is not None)
    dialog = shown(panel, ClaimDialog)
    assert isinstance(dialog, ClaimDialog)
    # The cursor is on the claim type, not on the tab bar.
    qtbot.waitUntil(lambda: focused() is dialog.event_tab.jkk_radio)
    press(qtbot, Qt.Key.Key_Right)  # to JKM, beside JKK
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.event_tab.jkm_radio.isChecked()
    tab_then_type(qtbot, office_day_now().strftime("%d-%m-%Y"))
    tab_then_type(qtbot, "Rumah, Desa Aplasi")
    qtbot.waitUntil(lambda: dialog.strip.verdict.isVisible(), timeout=3000)
    for _ in range(30):
        if focused() is dialog.event_tab.cause:
            break
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Sakit")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=3000)
    assert dialog.detail is not None and dialog.detail.worker.id == worker.id


def test_a_letter_then_a_second_letter_without_restarting(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    store_emblem(sqlite_ctx)  # issued without the placeholder kop's question
    service = WorkerService(sqlite_ctx)
    new = {"kpj": None, "coverage_start": office_day_now(), "coverage_end": None}
    for serial in (1, 2):  # new participants BPJS has still to register: the letter's list
        service.create(covered_now(serial, **new))
    kadis(sqlite_ctx)
    window = open_window(qtbot, sqlite_ctx)
    page = documents_panel(window).show_tab(LETTER)
    assert isinstance(page, LetterPage)

    def one_letter() -> str:
        editor = page.choose_kind(docs.DocumentKind.REGISTRATION)
        assert isinstance(editor, RegistrationEditor)
        choose(editor.kecamatan, VILLAGE.rsplit(".", 1)[0])
        choose(editor.village, VILLAGE)
        return issue(qtbot, page).entry.number

    first = one_letter()
    assert page.new_button.text() == "Dokumen baru"
    assert page.new_button.isEnabled(), "the way to the next letter stays open"
    window.show_section("Peserta")  # and after a look elsewhere
    window.show_section("Surat & PKS")
    assert page.new_button.isEnabled()
    page.new_button.setFocus()
    qtbot.keyClick(page.new_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.result is None)
    assert page.preview_button.isEnabled() and page.issue_button.isEnabled()
    second = one_letter()
    assert second != first
