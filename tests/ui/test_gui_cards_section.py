"""The Kartu section: the print log, handing cards over, checking a scanned card, calibration."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models import CardKey
from models.enums import CardStatus, Recipient, Role
from services.cards import card_history, card_offsets, print_cards
from services.cards.qr_payload import card_payload
from services.cards.types import PrintRequest
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session
from services.workers.service import WorkerService
from tests.factories import VILLAGE
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import open_window, seed
from ui.gui.cards.calibration_dialog import CalibrationDialog
from ui.gui.cards.cards_panel import CardsPanel
from ui.gui.main_window import MainWindow

KARTU = "Kartu"


def _section(window: MainWindow) -> CardsPanel:
    window.show_section(KARTU)
    panel = window.panel(KARTU)
    assert isinstance(panel, CardsPanel)
    return panel


def test_handing_over_ticked_cards_of_a_batch_updates_the_log_and_the_list(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    workers = WorkerService(ctx)
    people = seed(workers, 4)
    print_cards(ctx, PrintRequest(worker_ids=(people[0].id,)), tmp_path / "satu.pdf")
    print_cards(ctx, PrintRequest(village_code=VILLAGE, not_printed=True), tmp_path / "desa.pdf")
    window = open_window(qtbot, ctx)
    panel = _section(window)
    assert [b.selection for b in panel.batches.rows()] == [
        "Desa Aplasi, belum pernah dicetak",
        "1 peserta terpilih",
    ]
    assert panel.pending.model.rowCount() == 4  # all batches until one is chosen

    panel.batch_table.selectRow(0)
    pending = panel.pending
    assert pending.model.rowCount() == 3
    assert "cetakan #2" in pending.source.text()
    assert not pending.hand_over_button.isEnabled()
    pending.model.set_checked(0, True)
    pending.model.set_checked(2, True)
    assert pending.hand_over_button.text() == "Serahkan 2 kartu…"
    chosen = [c.worker_id for c in pending.model.checked()]

    dialog = pending.open_hand_over()
    assert dialog is not None and dialog.isVisible()
    assert dialog.on.value() is not None  # today
    dialog.recipients[Recipient.VILLAGE_OFFICE].setChecked(True)
    assert dialog.name_label.text() == "Nama petugas desa:"
    assert not dialog.submit()  # the village officer's name is missing
    assert dialog.isVisible()
    assert "Isi nama petugas desa" in dialog.banner.text()

    dialog.name.setText("Yakobus Sasi")
    dialog.note.setText("Sosialisasi di kantor desa")
    assert dialog.submit()

    assert not dialog.isVisible()
    assert "2 kartu dicatat sudah diserahkan" in pending.banner.text()
    assert pending.model.rowCount() == 1  # the batch is still chosen
    assert present(panel.batches.record(0)).handed_over_count == 2
    assert "2 / 3" in panel.batches.data(panel.batches.index(0, 7))
    for worker_id in chosen:
        [card] = card_history(ctx, worker_id)
        assert card.status == CardStatus.HANDED_OVER
        assert (card.recipient, card.recipient_name) == (Recipient.VILLAGE_OFFICE, "Yakobus Sasi")


def test_a_village_lists_its_cards_and_a_refused_hand_over_says_why(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    seed(WorkerService(sqlite_ctx), 2)
    print_cards(sqlite_ctx, PrintRequest(village_code=VILLAGE), tmp_path / "desa.pdf")
    window = open_window(qtbot, sqlite_ctx)
    panel = _section(window)
    pending = panel.pending
    kecamatan = VILLAGE.rsplit(".", 1)[0]
    pending.kecamatan.set_value(kecamatan)
    villages = window.app.regions.villages(kecamatan)
    pending.village.set_value(next(v.code for v in villages if v.code != VILLAGE))
    assert pending.model.rowCount() == 0
    pending.village.set_value(VILLAGE)
    assert pending.model.rowCount() == 2
    assert "Di " in pending.source.text()

    pending.check_all_button.click()
    dialog = pending.open_hand_over()
    assert dialog is not None
    dialog.on.setText("01-01-2001")  # before the cards were printed
    assert not dialog.submit()
    assert "tidak boleh sebelum tanggal cetak" in dialog.banner.text()
    dialog.reject()
    assert pending.model.rowCount() == 2


def test_a_viewer_sees_the_log_but_is_not_offered_to_print_or_hand_over(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path
) -> None:
    admin = admin_session(sqlite_url)
    seed(WorkerService(admin), 1)
    print_cards(admin, PrintRequest(village_code=VILLAGE), tmp_path / "desa.pdf")
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    window = open_window(qtbot, viewer)
    assert KARTU in window.section_titles()
    panel = _section(window)
    assert panel.batches.rowCount() == 1
    for widget in (
        panel.print_button,
        panel.calibrate_button,
        panel.verify,
        panel.pending.hand_over_button,
    ):
        assert not widget.isVisible()
    model = panel.pending.model
    assert model.rowCount() == 1
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    viewer.engine.dispose()
    admin.engine.dispose()


def test_a_scanned_card_shows_green_and_a_forged_one_red(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    [person] = seed(WorkerService(sqlite_ctx), 1)
    print_cards(sqlite_ctx, PrintRequest(worker_ids=(person.id,)), tmp_path / "kartu.pdf")
    with read_session(sqlite_ctx) as session:
        secret = session.scalars(select(CardKey.secret)).one()
    window = open_window(qtbot, sqlite_ctx)
    strip = _section(window).verify
    assert strip.isVisible()

    strip.input.setText(card_payload(secret, person.nik, person.kpj, 1))
    strip.input.returnPressed.emit()
    assert strip.result.property("good") is True
    assert person.full_name in strip.result.text()
    assert strip.open_button.isVisible()
    assert strip.input.selectedText() == strip.input.text()  # the next scan replaces it

    strip.input.setText(card_payload("ab" * 32, person.nik, person.kpj, 1))
    strip.check()
    assert strip.result.property("good") is False
    assert "tidak cocok" in strip.result.text()
    assert not strip.open_button.isVisible()


def test_calibration_is_saved_for_this_workstation_and_its_page_can_be_saved(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    panel = _section(window)
    dialog = panel.open_calibration()
    assert isinstance(dialog, CalibrationDialog)
    assert dialog.viewer.page_count == 1
    assert (dialog.offset_x.value(), dialog.offset_y.value()) == (0.0, 0.0)

    dialog.offset_x.setValue(-1.5)
    dialog.offset_y.setValue(2.0)
    assert "belum disimpan" in dialog.banner.text()
    assert dialog.save()
    assert card_offsets() == (-1.5, 2.0)
    assert "+2.0 mm" in dialog.banner.text() or "+2,0 mm" in dialog.banner.text()

    target = tmp_path / "kalibrasi.pdf"
    dialog.delivery.ask_save_path = lambda _parent, _name: target
    assert dialog.delivery.save_pdf()
    text = PdfReader(target).pages[0].extract_text()
    assert "kalibrasi" in text.lower()
    assert "-1,5" in text or "−1,5" in text
    dialog.close()

    again = panel.open_calibration()
    assert (again.offset_x.value(), again.offset_y.value()) == (-1.5, 2.0)
    again.close()
