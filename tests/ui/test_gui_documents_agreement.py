"""Surat & PKS: the agreement form computes the value live and issues it; a viewer reads the
letter register and is offered nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from models.enums import Role
from services import documents as docs
from services.core.context import ServiceContext
from services.core.errors import Problem
from services.text.money import number, rupiah, rupiah_words
from services.workers.demo_data import generate_demo_workers
from services.workers.service import WorkerService
from tests.integration.document_helpers import store_emblem_for
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import open_window, seed, type_into
from tests.ui.test_gui_documents import (
    SECTION,
    WAIT_MS,
    documents_panel,
    issue,
    kadis,
    membership_request,
    pdf_text,
    preview,
)
from ui.gui.documents.agreement_page import AgreementPage
from ui.gui.documents.documents_panel import AGREEMENT, LETTER_REGISTER


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


def bupati(ctx: ServiceContext) -> docs.SignatoryItem:
    return docs.add_signatory(
        ctx,
        docs.SignatoryInput(
            name="Yosep Falentinus Delasalle Kebo",
            position="Bupati Timor Tengah Utara",
            regional_head=True,
            authority="Keputusan Menteri Dalam Negeri Nomor 100.2.1.3-1234 Tahun 2025",
        ),
    )


def test_the_agreement_form_shows_the_value_in_figures_and_words_and_issues_it(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    head = bupati(sqlite_ctx)
    kadis(sqlite_ctx)
    generate_demo_workers(sqlite_ctx, 20, seed=8)
    panel = documents_panel(open_window(qtbot, sqlite_ctx))
    page = panel.show_tab(AGREEMENT)
    assert isinstance(page, AgreementPage)
    form = page.fields
    assert form.signatory.value() == head.id, "the Bupati is offered first"
    assert form.court.text() == "Pengadilan Negeri Kefamenanu"
    assert form.months.value() == 0 and "31 Desember" in form.months.text()
    # The placeholders the service fills are shown in words, never as raw "{…}".
    shown_bases = form.legal_bases.values()
    assert any("[Perda APBD tahun pertama]" in basis for basis in shown_bases)
    assert not any("{" in basis or "}" in basis for basis in shown_bases)
    assert "{" not in "".join(label.text() for label in form.findChildren(QLabel))
    # No BPJS head, numbers or accounts in the settings: the form says what is missing.
    qtbot.waitUntil(lambda: page.params is not None, timeout=WAIT_MS)
    assert "Belum dapat diterbitkan" in page.value.text()
    name_message = form.rows[2].message_for("second_party.name")
    assert name_message is not None and "Nama PIHAK KEDUA" in name_message.text()
    assert name_message.isVisible()

    type_into(qtbot, form.bpjs_name, "Maria Yosefina Bere")
    type_into(qtbot, form.bpjs_npk, "E123456")
    type_into(qtbot, form.bpjs_decree, "Keputusan Direksi Nomor KEP/99/2024")
    type_into(qtbot, form.second_number, "PKS/01/KC-ATB/1126")
    type_into(qtbot, form.budget_code, "5.1.02.01.01.0025")
    type_into(qtbot, form.apbd_regulation, "12 Tahun 2025")
    type_into(qtbot, form.bpjs_account, "Bank NTT 001.01.02.003456-7")
    qtbot.waitUntil(
        lambda: (
            page.params is not None
            and not page.params.missing
            and "Belum dapat" not in page.value.text()
        ),
        timeout=WAIT_MS,
    )
    params = page.params
    assert params is not None
    total = rupiah(params.total_value)
    shown = page.value.text()
    assert total in shown and rupiah_words(params.total_value) in shown
    assert f"{number(params.workers)} orang" in shown and "Rp16.800,00" in shown
    assert "10.000" in form.jkk.placeholderText()
    assert not name_message.isVisible()

    sent = form.request([], None)
    assert sent is not None and any("{perda_apbd}" in basis for basis in present(sent.legal_bases))
    form.legal_bases.add_entry("Peraturan Bupati Nomor {nomor} Tahun 2025")
    refused: list[Problem] = []
    assert form.request(refused, None) is None
    assert [p.field for p in refused] == ["legal_bases"]
    assert "kurung kurawal" in refused[0].text
    form.legal_bases.remove_entry()

    draft = pdf_text(preview(qtbot, page))
    assert "PRATINJAU" in draft and total in draft and "belum diisi" not in draft
    assert "Peraturan Daerah" in draft and "12 Tahun 2025" in draft

    issued = issue(qtbot, page)
    text = pdf_text(issued.pdf)
    assert issued.entry.kind is docs.DocumentKind.AGREEMENT
    assert issued.number in text and "PKS/01/KC-ATB/1126" in text
    assert f"{total} ({rupiah_words(params.total_value)})" in text
    assert "Maria Yosefina Bere" in text and "E123456" in text
    [entry] = panel.letter_register.model.rows()
    assert entry.number == issued.number
    page.pane.delivery.ask_save_path = lambda _parent, _name: tmp_path / "pks.pdf"
    assert page.pane.delivery.save_pdf()
    assert (tmp_path / "pks.pdf").read_bytes() == issued.pdf

    # Its correction opens in the agreement form, with what was typed.
    assert panel.letter_register.select_number(issued.number)
    assert panel.letter_register.request_correction()
    assert panel.tabs.currentWidget() is page and page.replaces_number == issued.number
    assert form.from_register.isChecked()
    assert form.bpjs_name.text() == "Maria Yosefina Bere"
    assert form.second_number.text() == "PKS/01/KC-ATB/1126"
    assert form.apbd_regulation.text() == "12 Tahun 2025"
    qtbot.waitUntil(lambda: total in page.value.text(), timeout=WAIT_MS)


def test_a_viewer_sees_the_letter_register_but_no_actions_and_no_forms(
    qtbot: QtBot, sqlite_url: str
) -> None:
    admin = admin_session(sqlite_url)
    worker = seed(WorkerService(admin), 1)[0]
    issued = docs.issue_letter(admin, membership_request(worker, kadis(admin)))
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    window = open_window(qtbot, viewer)
    assert SECTION in window.section_titles()
    panel = documents_panel(window)
    assert panel.tab_titles() == [LETTER_REGISTER]
    letter_register = panel.letter_register
    assert [e.number for e in letter_register.model.rows()] == [issued.number]
    assert letter_register.select_number(issued.number)
    for button in (
        letter_register.reprint_button,
        letter_register.cancel_button,
        letter_register.correct_button,
    ):
        assert not button.isVisible()
    assert letter_register.reload_button.isVisible()
    viewer.engine.dispose()
    admin.engine.dispose()
