"""Surat & PKS: signatories, a letter issued through the form, the letter register's reprint,
cancellation and correction. The steps at the top are shared with the agreement's tests."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from services import documents as docs
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from services.workers.types import WorkerDetail
from tests.conftest import office_day_now
from tests.integration.document_helpers import store_emblem_for
from tests.ui.helpers import open_window, seed, type_into
from tests.ui.modal import ModalAnswers, click
from ui.gui.documents.compose_page import ISSUE, ComposePage
from ui.gui.documents.documents_panel import LETTER, SIGNATORIES, DocumentsPanel
from ui.gui.documents.letter_page import LetterPage
from ui.gui.documents.membership_editor import MembershipEditor
from ui.gui.documents.signatories_tab import SignatoriesTab
from ui.gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


SECTION = "Surat & PKS"
KADIS_NIP = "196801011990031005"
WAIT_MS = 15000


def documents_panel(window: MainWindow) -> DocumentsPanel:
    window.show_section(SECTION)
    panel = window.panel(SECTION)
    assert isinstance(panel, DocumentsPanel)
    return panel


def kadis(ctx: ServiceContext) -> docs.SignatoryItem:
    return docs.add_signatory(
        ctx,
        docs.SignatoryInput(
            name="Simon Soge, S.Sos.",
            position="Kepala Dinas Tenaga Kerja dan Transmigrasi",
            rank="Pembina Utama Muda (IV/c)",
            nip=KADIS_NIP,
        ),
    )


def membership_request(worker: WorkerDetail, signer: docs.SignatoryItem) -> docs.LetterRequest:
    return docs.LetterRequest(
        docs.MembershipLetter(worker.id, "keperluan administrasi desa"),
        signatory_id=signer.id,
        document_date=office_day_now(),
    )


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def choose_worker(qtbot: QtBot, page: LetterPage, worker: WorkerDetail) -> MembershipEditor:
    """The membership letter's worker, found by NIK as a clerk types it."""
    editor = page.editor
    assert isinstance(editor, MembershipEditor)
    type_into(qtbot, editor.worker.search, worker.nik)
    qtbot.waitUntil(lambda: editor.worker.matches.count() == 1, timeout=WAIT_MS)
    assert worker.full_name in editor.worker.matches.item(0).text()
    assert editor.worker.pick(0)
    assert worker.full_name in editor.worker.choice.text()
    return editor


def wait_idle(qtbot: QtBot, page: ComposePage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def preview(qtbot: QtBot, page: ComposePage) -> bytes:
    assert page.preview()
    wait_idle(qtbot, page)
    path = page.pane.viewer.path
    assert path is not None and not page.pane.final, page.banner.text()
    return Path(path).read_bytes()


def issue(qtbot: QtBot, page: ComposePage) -> docs.IssuedDocument:
    """Terbitkan…, confirmed in the question that follows."""
    answers = ModalAnswers().then(QMessageBox, click(ISSUE))
    assert page.issue()
    answers.check()
    wait_idle(qtbot, page)
    assert page.result is not None, page.banner.text()
    return page.result


# -- the tests ------------------------------------------------------------------------


def test_a_signatory_with_a_bad_nip_is_refused_on_the_field_then_a_good_one_is_saved(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    panel = documents_panel(open_window(qtbot, sqlite_ctx))
    tab = panel.show_tab(SIGNATORIES)
    assert isinstance(tab, SignatoriesTab)
    assert panel.letters is not None and panel.letters.signatory.value() is None
    dialog = tab.open_dialog(None)
    dialog.name.setText("Simon Soge, S.Sos.")
    dialog.position.setText("Kepala Dinas Tenaga Kerja dan Transmigrasi")
    dialog.rank.setText("Pembina Utama Muda (IV/c)")
    dialog.nip.setText("19680101 199003 1 00")  # a digit short
    dialog.accept()

    assert dialog.isVisible()
    message = dialog.rows.message_for("nip")
    assert message is not None and message.isVisible()
    assert "NIP penandatangan" in message.text() and "18" in message.text()
    assert docs.list_signatories(sqlite_ctx, active_only=False) == []
    assert tab.model.rowCount() == 0

    dialog.nip.setText("19680101 199003 1 005")
    dialog.accept()
    assert not dialog.isVisible()
    [saved] = docs.list_signatories(sqlite_ctx, active_only=False)
    assert (saved.name, saved.nip) == ("Simon Soge, S.Sos.", KADIS_NIP)
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 3)) == "19680101 199003 1 005"
    assert "disimpan" in tab.banner.text()
    # Both forms offer the new signatory at once.
    assert panel.letters.signatory.value() == saved.id
    assert panel.agreement is not None and panel.agreement.fields.signatory.value() == saved.id

    tab.table.selectRow(0)
    assert tab.toggle_active()
    assert tab.model.data(tab.model.index(0, 6)) == "Nonaktif"
    assert panel.letters.signatory.value() is None


def test_a_membership_letter_is_previewed_issued_listed_saved_and_reprinted_byte_for_byte(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    worker = seed(WorkerService(ctx), 1)[0]
    kadis(ctx)
    panel = documents_panel(open_window(qtbot, ctx))
    page = panel.show_tab(LETTER)
    assert isinstance(page, LetterPage)
    page.choose_kind(docs.DocumentKind.MEMBERSHIP)
    editor = choose_worker(qtbot, page, worker)
    editor.purpose.setCurrentText("persyaratan pengajuan klaim Jaminan Kematian")

    draft = pdf_text(preview(qtbot, page))
    assert "PRATINJAU" in draft and worker.full_name in draft
    assert not page.pane.delivery.save_button.isEnabled(), "a preview is not handed out"
    assert docs.list_documents(ctx) == []

    issued = issue(qtbot, page)
    number = issued.number
    text = pdf_text(issued.pdf)
    assert worker.full_name in text and number in text and "PRATINJAU" not in text
    assert page.pane.final and page.pane.delivery.save_button.isEnabled()
    assert Path(str(page.pane.viewer.path)).read_bytes() == issued.pdf
    assert number in page.banner.text()
    assert not page.issue_button.isEnabled(), "issued once; the form is frozen"

    page.pane.delivery.ask_save_path = lambda _parent, _name: tmp_path / "terbit.pdf"
    assert page.pane.delivery.save_pdf()
    assert (tmp_path / "terbit.pdf").read_bytes() == issued.pdf

    letter_register = panel.letter_register
    [entry] = letter_register.model.rows()
    assert entry.number == number
    cells = [letter_register.model.data(letter_register.model.index(0, c)) for c in range(7)]
    assert cells[0] == number and cells[2] == "Keterangan kepesertaan"
    assert cells[5] == "Simon Soge, S.Sos." and cells[6] == "Terbit"
    chosen = letter_register.chosen()
    assert chosen is not None and chosen.number == number

    dialog = letter_register.reprint()
    assert dialog is not None and dialog.isVisible()
    assert dialog.issued.pdf == issued.pdf
    assert Path(str(dialog.pane.viewer.path)).read_bytes() == issued.pdf
    dialog.pane.delivery.ask_save_path = lambda _parent, _name: tmp_path / "ulang.pdf"
    assert dialog.pane.delivery.save_pdf()
    assert (tmp_path / "ulang.pdf").read_bytes() == issued.pdf
    dialog.reject()

    page.start_new()
    assert page.issue_button.isEnabled() and page.pane.viewer.path is None


def test_a_cancelled_number_stays_in_the_letter_register_with_its_reason(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = seed(WorkerService(sqlite_ctx), 1)[0]
    signer = kadis(sqlite_ctx)
    issued = docs.issue_letter(sqlite_ctx, membership_request(worker, signer))
    panel = documents_panel(open_window(qtbot, sqlite_ctx))
    letter_register = panel.letter_register
    assert letter_register.select_number(issued.number)
    dialog = letter_register.open_cancel()
    assert dialog is not None

    dialog.accept()  # no reason
    assert dialog.isVisible() and "wajib diisi" in dialog.message.text()
    assert docs.get_document(sqlite_ctx, issued.number).status is docs.DocumentStatus.ISSUED

    dialog.reason.setPlainText("Salah alamat tujuan")
    dialog.accept()
    assert not dialog.isVisible()
    entry = docs.get_document(sqlite_ctx, issued.number)
    assert (entry.status, entry.status_reason) == (
        docs.DocumentStatus.CANCELLED,
        "Salah alamat tujuan",
    )
    assert (
        letter_register.model.data(letter_register.model.index(0, 6))
        == "Dibatalkan: Salah alamat tujuan"
    )
    assert letter_register.chosen() is not None
    assert (
        not letter_register.cancel_button.isEnabled()
        and not letter_register.correct_button.isEnabled()
    )
    assert letter_register.reprint_button.isEnabled(), "the archive copy can still be printed"

    letter_register.status.set_value(docs.DocumentStatus.ISSUED)
    assert letter_register.model.rowCount() == 0
    letter_register.status.set_value(docs.DocumentStatus.CANCELLED)
    assert letter_register.model.rowCount() == 1
    letter_register.status.set_value(None)
    letter_register.text.setText("tidak-ada")
    letter_register.reload()
    assert (
        letter_register.model.rowCount() == 0 and "Tidak ada surat" in letter_register.count.text()
    )


def test_a_correction_starts_from_the_old_letter_and_replaces_it(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = seed(WorkerService(sqlite_ctx), 1)[0]
    signer = kadis(sqlite_ctx)
    old = docs.issue_letter(sqlite_ctx, membership_request(worker, signer))
    panel = documents_panel(open_window(qtbot, sqlite_ctx))
    assert panel.letter_register.select_number(old.number)
    assert panel.letter_register.request_correction()

    page = panel.letters
    assert page is not None and panel.tabs.currentWidget() is page
    assert page.kind.value() is docs.DocumentKind.MEMBERSHIP
    editor = page.editor
    assert isinstance(editor, MembershipEditor)
    assert editor.worker.worker_id() == worker.id
    assert editor.purpose.currentText() == "keperluan administrasi desa"
    assert page.signatory.value() == signer.id
    assert page.replaces_number == old.number and old.number in page.correction.text()

    editor.purpose.setCurrentText("keperluan administrasi perbankan")
    new = issue(qtbot, page)
    assert new.number != old.number and new.entry.replaces_number == old.number
    text = pdf_text(new.pdf)
    assert "keperluan administrasi perbankan" in text and f"Nomor {old.number}" in text

    rows = {e.number: e for e in panel.letter_register.model.rows()}
    assert rows[old.number].status is docs.DocumentStatus.REPLACED
    assert rows[old.number].replaced_by_number == new.number
    model = panel.letter_register.model
    statuses = [model.data(model.index(r, 6)) for r in range(model.rowCount())]
    assert f"Diganti dengan {new.number}" in statuses
    assert f"Terbit (ralat atas {old.number})" in statuses
