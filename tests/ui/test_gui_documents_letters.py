"""Surat baru: every letter type's form gives the service what it needs, and what the service
refuses shows under the input it concerns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from models.enums import ClaimHeirRelation, ClaimStatus, ClaimType, FundingSource
from services import claims
from services import documents as docs
from services.claims import ClaimHeirInput, ClaimInput, DocumentUpdate, StatusChange
from services.core.context import ServiceContext
from services.premiums import Month, premium_series
from services.text.money import rupiah, rupiah_words
from services.workers.service import WorkerService
from tests.conftest import office_day_now
from tests.factories import VILLAGE
from tests.integration.document_helpers import store_emblem_for
from tests.ui.helpers import choose, covered_now, open_window, seed, type_into
from tests.ui.test_gui_documents import (
    documents_panel,
    issue,
    kadis,
    pdf_text,
    preview,
    wait_idle,
)
from ui.gui.app_context import AppContext
from ui.gui.claims.step_dialog import StepDialog
from ui.gui.documents.claim_editor import ClaimEditor
from ui.gui.documents.documents_panel import LETTER
from ui.gui.documents.heir_notice_editor import HeirNoticeEditor
from ui.gui.documents.letter_page import LetterPage
from ui.gui.documents.premium_editor import PremiumEditor
from ui.gui.documents.registration_editor import RegistrationEditor


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


def letter_page(qtbot: QtBot, ctx: ServiceContext) -> LetterPage:
    page = documents_panel(open_window(qtbot, ctx)).show_tab(LETTER)
    assert isinstance(page, LetterPage)
    return page


def test_the_registration_letter_lists_the_new_participants_of_a_village(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    service = WorkerService(sqlite_ctx)
    new = {"kpj": None, "coverage_start": office_day_now(), "coverage_end": None}
    people = [service.create(covered_now(i, **new)).worker for i in (1, 2)]
    registered = seed(service, 1, start=3)[0]  # has a KPJ: BPJS registered them already
    kadis(sqlite_ctx)
    page = letter_page(qtbot, sqlite_ctx)
    editor = page.choose_kind(docs.DocumentKind.REGISTRATION)
    assert isinstance(editor, RegistrationEditor)
    assert not editor.village.isEnabled()
    choose(editor.kecamatan, VILLAGE.rsplit(".", 1)[0])
    assert editor.village.isEnabled()
    choose(editor.village, VILLAGE)
    text = pdf_text(preview(qtbot, page))
    assert all(p.full_name in text for p in people)
    assert registered.full_name not in text
    assert "Desa Aplasi" in text or "Kelurahan Aplasi" in text

    editor.date_to.setText("31-02-2026")
    assert not page.preview()
    message = editor.rows.message_for("registered_to")
    assert message is not None and "bukan tanggal yang benar" in message.text()


def test_the_claim_letter_says_which_input_is_missing_then_takes_the_worker_from_the_register(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = seed(WorkerService(sqlite_ctx), 1)[0]
    kadis(sqlite_ctx)
    page = letter_page(qtbot, sqlite_ctx)
    editor = page.choose_kind(docs.DocumentKind.CLAIM)
    assert isinstance(editor, ClaimEditor)
    type_into(qtbot, editor.from_register.search, worker.nik)
    qtbot.waitUntil(lambda: editor.from_register.matches.count() == 1, timeout=10000)
    assert editor.from_register.pick(0)
    assert editor.worker_name.text() == worker.full_name and editor.worker_nik.text() == worker.nik
    editor.event_date.setText(office_day_now().strftime("%d-%m-%Y"))
    editor.claimant_name.setText("Yohanes Taek")
    editor.claimant_relation.setCurrentText("Suami")

    assert page.preview()
    wait_idle(qtbot, page)
    message = editor.rows.message_for("documents")
    assert message is not None and message.isVisible()
    assert "berkas persyaratan" in message.text()
    assert page.pane.viewer.path is None

    editor.documents.add_entry("Akta kematian")
    editor.documents.add_entry("Kartu Keluarga")
    text = pdf_text(preview(qtbot, page))
    assert worker.full_name in text and "Akta kematian" in text and "Yohanes Taek" in text
    assert not message.isVisible()


def test_the_heir_notice_and_the_premium_letter_from_their_forms(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    deceased = seed(WorkerService(sqlite_ctx), 1)[0]  # a woman, covered today
    kadis(sqlite_ctx)
    page = letter_page(qtbot, sqlite_ctx)
    heir = page.choose_kind(docs.DocumentKind.HEIR_NOTICE)
    assert isinstance(heir, HeirNoticeEditor)
    type_into(qtbot, heir.deceased.search, deceased.nik)
    qtbot.waitUntil(lambda: heir.deceased.matches.count() == 1, timeout=10000)
    assert heir.deceased.pick(0)
    heir.death_date.setText(office_day_now().strftime("%d-%m-%Y"))
    heir.heir_name.setText("Theresia Bana")
    heir.heir_address.setText("Desa Aplasi")
    page.preview()
    wait_idle(qtbot, page)
    message = heir.rows.message_for("heir_nik")
    assert message is not None and "Sdr./Sdri." in message.text()
    heir.heir_nik.setText("5303055207850009")  # a woman's NIK
    text = pdf_text(preview(qtbot, page))
    assert "Sdri. Theresia Bana" in text and deceased.full_name in text
    assert "almarhumah" in text and "Saudari berhak" in text
    assert "Kartu Keluarga" in text, "the template's list when none is typed"

    premium = page.choose_kind(docs.DocumentKind.PREMIUM)
    assert isinstance(premium, PremiumEditor)
    premium.months.setValue(2)
    premium.bill_number.setText("TAG/123/2026")
    premium.jkk.setText("abc")
    assert not page.preview()
    message = premium.rows.message_for("jkk_monthly")
    assert message is not None and "bukan jumlah rupiah utuh" in message.text()
    premium.jkk.clear()
    page.template_copies.setChecked(False)
    page.copies.add_entry("Inspektur Kabupaten Timor Tengah Utara")
    issued = issue(qtbot, page)
    text = pdf_text(issued.pdf)
    first = Month(premium.year.value(), premium.month.value())
    series = premium_series(sqlite_ctx, [first, first.shift(1)])
    total = sum(m.of(FundingSource.APBD_KABUPATEN).amount for m in series)
    assert rupiah(total) in text and rupiah_words(total) in text
    assert "TAG/123/2026" in text
    assert "Inspektur Kabupaten Timor Tengah Utara" in text and "Arsip" in text
    assert issued.entry.kind is docs.DocumentKind.PREMIUM


def test_a_letter_from_a_claim_shows_its_claimant_and_documents_read_only_then_submits_it(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = WorkerService(sqlite_ctx).create(covered_now(1)).worker
    death = ClaimInput(ClaimType.JKM, office_day_now() - timedelta(days=3), event_place="Aplasi")
    heirs = [
        ClaimHeirInput("YOHANES TAEK", ClaimHeirRelation.SPOUSE),
        ClaimHeirInput("MARIA TAEK", ClaimHeirRelation.CHILD, address="Jl. Sonbay 7"),
    ]
    detail = claims.open_claim(sqlite_ctx, worker.id, death, heirs=heirs)
    for item in detail.missing_documents:
        update = DocumentUpdate(item.item_code, True)
        detail = claims.update_document(sqlite_ctx, detail.id, update)
    complete = StatusChange(ClaimStatus.COMPLETE)
    detail = claims.change_status(sqlite_ctx, detail.id, complete, detail.version)
    received = tuple(d.label for d in detail.documents if d.received)
    kadis(sqlite_ctx)
    page = LetterPage(AppContext.create(sqlite_ctx))
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()

    assert page.start_claim_letter(detail.id), page.banner.text()
    editor = page.editor
    assert isinstance(editor, ClaimEditor) and editor.claim_id == detail.id
    assert editor.claimant_name.text() == "YOHANES TAEK" and editor.claimant_name.isReadOnly()
    assert editor.claimant_relation.currentText() == "Suami/Istri"
    assert not editor.claimant_relation.isEnabled() and not editor.programme.isEnabled()
    assert editor.documents.values() == received and editor.documents.is_read_only()
    assert not editor.documents.add_button.isVisible()
    child = next(h for h in detail.heirs if h.full_name == "MARIA TAEK")
    choose(editor.claimant_choice, child.id)
    assert (editor.claimant_name.text(), editor.claimant_address.text()) == (
        "MARIA TAEK",
        "Jl. Sonbay 7",
    )
    issued = issue(qtbot, page)
    text = pdf_text(issued.pdf)
    assert "Nama pemohon : MARIA TAEK" in text and "Hubungan dengan peserta : Anak" in text
    assert all(label in text for label in received)

    # On to the claim: its step "Diajukan ke BPJS" carries the letter's number and date.
    step = page.record_submission()
    assert isinstance(step, StepDialog), page.submit_claim_button.text()
    qtbot.addWidget(step)
    assert step.letter_number.text() == issued.entry.number
    step.accept()
    stored = claims.get_claim(sqlite_ctx, detail.id)
    assert (stored.status, stored.letter_number) == (ClaimStatus.SUBMITTED, issued.entry.number)

    page.start_new()  # a letter without a claim: every field typed again
    assert editor.claim_id is None and not editor.claimant_name.isReadOnly()
    assert not editor.documents.is_read_only() and not editor.claimant_choice.isVisible()
