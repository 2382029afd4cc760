"""Pengaturan kantor: an administrator changes settings and the emblem with a live preview;
a letter issued with the placeholder emblem asks first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from models.enums import Role
from services import documents as docs
from services.accounts.auth import sign_in
from services.core.context import ServiceContext
from services.settings.catalog import GROUP_TITLES, Group
from services.settings.office_images import ImageKind, office_images
from services.settings.store import SettingsService
from services.workers.service import WorkerService
from tests.conftest import clerk_name, office_day_now
from tests.integration.document_helpers import emblem_png, image_sizes
from tests.integration.test_cli import ADMIN_PASSWORD, first_admin
from tests.ui.accounts import PASSWORD, admin_session, make_clerk
from tests.ui.helpers import open_window, seed, submenu, type_into
from tests.ui.modal import ModalAnswers, click
from tests.ui.signin_steps import fill_first_admin, sign_in_as
from tests.ui.test_gui_documents import choose_worker, documents_panel, kadis, wait_idle
from ui.gui.documents.compose_page import ISSUE
from ui.gui.documents.documents_panel import LETTER
from ui.gui.documents.letter_page import LetterPage
from ui.gui.launcher import Launcher
from ui.gui.main_window import MainWindow
from ui.gui.settings.district_wizard import DistrictWizard
from ui.gui.settings.setting_field import SettingField
from ui.gui.settings.settings_dialog import SettingsDialog
from ui.gui.signin.first_admin_dialog import FirstAdminDialog
from ui.gui.signin.login_dialog import LoginDialog

WAIT_MS = 15000


@pytest.fixture
def admin(sqlite_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(sqlite_url)
    yield ctx
    ctx.engine.dispose()


@pytest.fixture
def launched(qtbot: QtBot) -> Iterator[list[Launcher]]:
    """Launchers made by a test; their windows are closed and engines released after it."""
    made: list[Launcher] = []
    yield made
    for launcher in made:
        window = launcher.window
        if window is not None:
            window.app.ctx.engine.dispose()
            window.deleteLater()


def typed(field: SettingField) -> QLineEdit | QPlainTextEdit:
    """The field's editor, one a clerk types into (a choice is picked, not typed)."""
    editor = field.editor
    assert not isinstance(editor, QComboBox), field.key
    return editor


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    menu = next(a for a in window.menuBar().actions() if a.text() == "&Pengaturan")
    action = next(a for a in submenu(menu).actions() if "Pengaturan kantor" in a.text())
    action.trigger()
    dialog = next(d for d in window.findChildren(SettingsDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.preview.rendered >= 1, timeout=WAIT_MS)
    return dialog


def test_an_administrator_changes_settings_and_the_emblem_with_a_live_preview(
    qtbot: QtBot, admin: ServiceContext, tmp_path: Path
) -> None:
    window = open_window(qtbot, admin)
    dialog = open_settings(qtbot, window)
    titles = [dialog.groups.item(i).text() for i in range(dialog.groups.count())]
    assert titles == list(GROUP_TITLES.values())
    before_kop = dialog.preview.kop.pixmap().toImage()

    email = dialog.fields["office.email"]
    type_into(qtbot, typed(email), "dinas-kupang")
    assert email.message.isVisible() and "Alamat pos-el tidak sah" in email.message.text()
    dialog.show_group(Group.CLAIMS)
    assert not dialog.save()
    assert dialog.isVisible() and dialog.pages.currentIndex() == list(Group).index(Group.OFFICE)
    assert "Kantor & kop" in dialog.banner.text()
    assert SettingsService(admin).get("office.email") == ""

    type_into(qtbot, typed(email), "disnaker@kupangkota.go.id")
    assert not email.message.isVisible()
    type_into(qtbot, typed(dialog.fields["office.phone"]), "(0380) 821234")
    logo = tmp_path / "lambang-kupang.png"
    logo.write_bytes(emblem_png((240, 300), (20, 120, 40)))
    rendered = dialog.preview.rendered
    assert dialog.images[ImageKind.EMBLEM].take_file(logo)
    qtbot.waitUntil(lambda: dialog.preview.rendered > rendered, timeout=WAIT_MS)
    # The kop preview now carries the chosen green emblem instead of the placeholder.
    assert dialog.preview.kop.pixmap().toImage() != before_kop
    small = tmp_path / "kecil.png"
    small.write_bytes(emblem_png((90, 90)))
    assert not dialog.images[ImageKind.CARD_LOGO].take_file(small)
    assert "paling sedikit 200 piksel" in dialog.images[ImageKind.CARD_LOGO].message.text()

    assert dialog.save()
    assert not dialog.isVisible()
    service = SettingsService(admin)
    assert service.get("office.email") == "disnaker@kupangkota.go.id"
    assert service.get("office.phone") == "(0380) 821234"
    assert office_images(admin).emblem == logo.read_bytes()
    assert office_images(admin).card_logo is None
    assert "tersimpan" in window.statusBar().currentMessage()


def test_the_settings_dialog_fits_a_small_screen(qtbot: QtBot, admin: ServiceContext) -> None:
    dialog = open_settings(qtbot, open_window(qtbot, admin))
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 700, hint
    dialog.resize(1024 - 24, 768 - 48)
    qtbot.wait(50)
    for group in Group:
        dialog.show_group(group)
        button = dialog.save_button
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert dialog.rect().contains(corner) and button.isVisible()


def test_only_administrators_have_the_settings_menu(
    qtbot: QtBot, admin: ServiceContext, sqlite_url: str
) -> None:
    name = make_clerk(admin, "operator_pengaturan", Role.OPERATOR)
    operator = sign_in(sqlite_url, name, PASSWORD)
    try:
        window = open_window(qtbot, operator)
        assert "&Pengaturan" not in [a.text() for a in window.menuBar().actions()]
    finally:
        operator.engine.dispose()


@pytest.mark.parametrize("answer", ["Batal", "Terbitkan dengan lambang contoh"])
def test_a_letter_with_the_placeholder_emblem_asks_before_it_is_issued(
    qtbot: QtBot, admin: ServiceContext, answer: str
) -> None:
    worker = seed(WorkerService(admin), 1)[0]
    kadis(admin)
    panel = documents_panel(open_window(qtbot, admin))
    page = panel.show_tab(LETTER)
    assert isinstance(page, LetterPage)
    page.choose_kind(docs.DocumentKind.MEMBERSHIP)
    editor = choose_worker(qtbot, page, worker)
    editor.purpose.setCurrentText("keperluan administrasi desa")

    answers = (
        ModalAnswers()
        .then(QMessageBox, click(ISSUE))
        .then(QMessageBox, lambda box: _check_and_click(box, answer))
    )
    assert page.issue()
    qtbot.waitUntil(lambda: not answers.steps, timeout=WAIT_MS)
    answers.check()
    wait_idle(qtbot, page)
    issued = docs.list_documents(admin)
    if answer == "Batal":
        assert issued == [] and page.result is None
        assert "lambang contoh" in page.banner.text()
    else:
        assert page.result is not None and [e.number for e in issued] == [page.result.number]
        assert image_sizes(page.result.pdf) == [(240, 280)]  # the placeholder, as confirmed
        assert page.result.entry.document_date == office_day_now()


def _check_and_click(box: QMessageBox, answer: str) -> None:
    assert "lambang contoh" in box.text()
    assert "Pengaturan → Pengaturan kantor → Kantor & kop" in box.informativeText()
    click(answer)(box)


def test_the_first_start_sets_up_kota_kupang(
    qtbot: QtBot, sqlite_url: str, launched: list[Launcher]
) -> None:
    name = clerk_name("kepala")

    def fill(wizard: DistrictWizard) -> None:
        assert wizard.windowTitle() == "Penyiapan wilayah kantor"
        wizard.choose("53", "53.04")  # Kabupaten Belu: its capital must be typed
        wizard.next_button.click()
        assert wizard.stack.currentIndex() == 0
        assert "Wajib diisi untuk kabupaten" in wizard.capital_message.text()
        wizard.choose("53", "53.71")
        assert wizard.capital.text() == "Kupang"
        assert "Wali Kota Kupang" in wizard.head_title.text()
        wizard.next_button.click()
        assert wizard.stack.currentIndex() == 1
        email = wizard.fields["office.email"]
        type_into(qtbot, typed(email), "bukan surel")
        wizard.next_button.click()
        assert wizard.stack.currentIndex() == 1 and email.message.isVisible()
        type_into(qtbot, typed(email), "disnaker@kupangkota.go.id")
        type_into(qtbot, typed(wizard.fields["office.address"]), "Jl. Timor Raya No. 1, Kupang")
        type_into(qtbot, typed(wizard.fields["office.postal_code"]), "85228")
        wizard.next_button.click()
        wizard.head_name.setText("Yohanes Bele, S.H.")
        wizard.head_nip.setText("19680101 199003 1 005")
        wizard.head_rank.setText("Pembina (IV/a)")
        wizard.regional_head.setText("Christian Widodo")
        wizard.next_button.click()
        type_into(
            qtbot, typed(wizard.fields["bpjs.branch_name"]), "BPJS Ketenagakerjaan Cabang Kupang"
        )
        type_into(qtbot, typed(wizard.fields["bpjs.branch_town"]), "Kupang")
        shots.append(wizard)
        assert wizard.finish_button.isVisible()
        wizard.finish_button.click()

    shots: list[DistrictWizard] = []
    answers = (
        ModalAnswers()
        .then(FirstAdminDialog, fill_first_admin(name, "Admin Kupang", PASSWORD))
        .then(LoginDialog, sign_in_as("", PASSWORD))
        .then(DistrictWizard, fill)
    )
    launcher = Launcher(sqlite_url)
    launched.append(launcher)
    window = launcher.start()
    answers.check()
    assert window is not None and window.isVisible()
    settings = SettingsService(window.app.ctx).get_all()
    assert settings["district.kabupaten_code"] == "53.71"
    assert settings["office.email"] == "disnaker@kupangkota.go.id"
    assert settings["letterhead.regional_head_title"] == "Wali Kota Kupang"
    assert settings["bpjs.branch_head_position"] == "Kepala Kantor Cabang Kupang"
    assert window.app.regions.kabupaten_name == "Kota Kupang"
    names = {s.name for s in docs.list_signatories(window.app.ctx)}
    assert names == {"Yohanes Bele, S.H.", "Christian Widodo"}


def test_an_administrator_made_on_the_command_line_is_asked_for_the_district(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, launched: list[Launcher]
) -> None:
    """No first-administrator dialog in the GUI (``users create`` made the account): the
    district set-up still opens at the administrator's GUI start, and again at the next
    one while it is put off; once chosen, never again."""
    first_admin(tmp_path, "--database", sqlite_url)

    def start(answers: ModalAnswers) -> MainWindow | None:
        launcher = Launcher(sqlite_url)
        launched.append(launcher)
        window = launcher.start()
        answers.check()
        return window

    later = (
        ModalAnswers()
        .then(LoginDialog, sign_in_as("admin_satu", ADMIN_PASSWORD))
        .then(DistrictWizard, lambda wizard: wizard.later_button.click())
    )
    window = start(later)
    assert window is not None and isinstance(later.seen[1], DistrictWizard)
    window.close()

    def choose_kupang(wizard: DistrictWizard) -> None:
        wizard.choose("53", "53.71")
        wizard.next_button.click()
        address = typed(wizard.fields["office.address"])
        type_into(qtbot, address, "Jl. Timor Raya No. 1, Kupang")
        assert wizard.finish()

    chosen = (
        ModalAnswers()
        .then(LoginDialog, sign_in_as("admin_satu", ADMIN_PASSWORD))
        .then(DistrictWizard, choose_kupang)
    )
    window = start(chosen)
    assert window is not None
    assert SettingsService(window.app.ctx).get("district.kabupaten_code") == "53.71"
    window.close()

    # Set up: the next start goes straight to the window.
    plain = ModalAnswers().then(LoginDialog, sign_in_as("admin_satu", ADMIN_PASSWORD))
    window = start(plain)
    assert window is not None and window.isVisible()
    assert not any(
        isinstance(w, DistrictWizard) and w.isVisible() for w in window.findChildren(DistrictWizard)
    )


def test_the_wizard_fits_a_small_screen(qtbot: QtBot, admin: ServiceContext) -> None:
    window = open_window(qtbot, admin)
    wizard = window.open_district_wizard()
    assert isinstance(wizard, DistrictWizard)
    hint = wizard.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 700, hint
    wizard.resize(700, 560)
    for step in range(4):
        wizard.stack.setCurrentIndex(step)
        wizard.go(step)
        for button in (wizard.later_button, wizard.back_button):
            corner = button.mapTo(wizard, button.rect().bottomRight())
            assert wizard.rect().contains(corner)
    wizard.later_button.click()
    assert SettingsService(admin).get("district.kabupaten_code") == "53.03"


def test_a_new_district_from_the_menu_signs_the_clerk_out(
    qtbot: QtBot, admin: ServiceContext
) -> None:
    window = open_window(qtbot, admin)
    menu = next(a for a in window.menuBar().actions() if a.text() == "&Pengaturan")
    action = next(a for a in submenu(menu).actions() if "Wilayah kantor" in a.text())
    action.trigger()
    wizard = window.findChild(DistrictWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.choose("53", "53.71")
    assert wizard.fields["office.address"].value() == ""  # TTU's street is not offered
    assert not wizard.finish() and wizard.stack.currentIndex() == 1
    type_into(qtbot, typed(wizard.fields["office.address"]), "Jl. Timor Raya No. 1, Kupang")
    with qtbot.waitSignal(window.signed_out, timeout=WAIT_MS) as signal:
        assert wizard.finish()
    assert "Kota Kupang" in signal.args[0]
    assert SettingsService(admin).get("district.kabupaten_code") == "53.71"


def test_cancelling_with_changes_asks_first_and_stores_nothing(
    qtbot: QtBot, admin: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = [False, True]  # keep editing, then throw the changes away
    asked: list[bool] = []

    def answer(_parent: object) -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr("ui.gui.settings.settings_dialog.ask_discard", answer)
    window = open_window(qtbot, admin)
    dialog = open_settings(qtbot, window)
    dialog.reject()
    assert asked == [] and not dialog.isVisible()  # nothing typed: closes at once

    dialog = open_settings(qtbot, window)
    type_into(qtbot, typed(dialog.fields["office.phone"]), "0380-821234")
    dialog.buttons.rejected.emit()
    assert dialog.isVisible() and asked == [True]
    dialog.district_button.click()  # Ganti wilayah kantor…: closes (asking), then the wizard
    assert not dialog.isVisible() and asked == [True, True]
    wizard = next(w for w in window.findChildren(DistrictWizard) if w.isVisible())
    wizard.later_button.click()
    assert SettingsService(admin).get("office.phone") == ""
