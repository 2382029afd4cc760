"""Surat & PKS: the agreement form computes the value live and issues it; a viewer reads the
register and is offered nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from models.enums import Role
from services import documents as docs
from services.context import ServiceContext
from services.workers import WorkerService
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
from ui.gui.documents.agreement_page import NOT_YET, AgreementPage
from ui.gui.documents.documents_panel import AGREEMENT, REGISTER
from ui.gui.signals import emit

TOTAL = "Rp2.999.808.000,00"
TOTAL_WORDS = (
    "dua miliar sembilan ratus sembilan puluh sembilan juta delapan ratus delapan ribu rupiah"
)
MONTHLY = "Rp249.984.000,00"


def bupati(ctx: ServiceContext) -> docs.SignatoryItem:
    return docs.add_signatory(
        ctx,
        docs.SignatoryInput(
            name="Yosep Falentinus Delasalle Kebo",
            position="Bupati Timor Tengah Utara",
            regional_head=True,
        ),
    )


def test_the_agreement_form_shows_the_value_in_figures_and_words_and_issues_it(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    head = bupati(sqlite_ctx)
    kadis(sqlite_ctx)
    panel = documents_panel(open_window(qtbot, sqlite_ctx))
    page = panel.show_tab(AGREEMENT)
    assert isinstance(page, AgreementPage)
    form = page.fields
    assert form.signatory.value() == head.id, "the Bupati is offered first"
    assert form.court.text() == "Pengadilan Negeri Kefamenanu"
    assert form.months.value() == 12
    # The budget year is filled in where the setting says "{tahun}", never shown raw.
    bases = form.legal_bases.values()
    assert not any("{tahun}" in basis for basis in bases)
    assert any(f"Tahun Anggaran {date.today().year}" in basis for basis in bases)
    form.period_start.set_value(date(date.today().year + 1, 1, 1))
    emit(form.period_start.changed)
    assert any(f"Tahun Anggaran {date.today().year + 1}" in b for b in form.legal_bases.values())
    # An empty register and no BPJS head in the settings: the form says what is missing.
    qtbot.waitUntil(lambda: not page.computing, timeout=WAIT_MS)
    assert page.value.text() == NOT_YET
    name_message = form.rows[2].message_for("second_party.name")
    assert name_message is not None and "PIHAK KEDUA" in name_message.text()

    type_into(qtbot, form.bpjs_name, "Maria Yosefina Bere")
    type_into(qtbot, form.bpjs_npk, "E123456")
    form.typed.click()
    type_into(qtbot, form.workers.lineEdit(), "14880")
    type_into(qtbot, form.months.lineEdit(), "12")
    type_into(qtbot, form.second_number, "PKS/01/KC-ATB/1126")
    qtbot.waitUntil(lambda: TOTAL in page.value.text(), timeout=WAIT_MS)
    shown = page.value.text()
    assert TOTAL_WORDS in shown and MONTHLY in shown and "14.880 orang" in shown
    assert "Rp16.800,00" in shown
    assert "10.000" in form.jkk.placeholderText()
    assert not name_message.isVisible()

    draft = pdf_text(preview(qtbot, page))
    assert "PRATINJAU" in draft and TOTAL in draft

    issued = issue(qtbot, page)
    text = pdf_text(issued.pdf)
    assert issued.entry.kind is docs.DocumentKind.AGREEMENT
    assert issued.number in text and "PKS/01/KC-ATB/1126" in text
    assert f"{TOTAL} ({TOTAL_WORDS})" in text
    assert "Maria Yosefina Bere" in text and "E123456" in text
    [entry] = panel.register.model.rows()
    assert entry.number == issued.number
    page.pane.delivery.ask_save_path = lambda _parent, _name: tmp_path / "pks.pdf"
    assert page.pane.delivery.save_pdf()
    assert (tmp_path / "pks.pdf").read_bytes() == issued.pdf

    # Its correction opens in the agreement form, with what was typed.
    assert panel.register.select_number(issued.number)
    assert panel.register.request_correction()
    assert panel.tabs.currentWidget() is page and page.replaces_number == issued.number
    assert form.typed.isChecked() and form.workers.value() == 14880
    assert form.bpjs_name.text() == "Maria Yosefina Bere"
    assert form.second_number.text() == "PKS/01/KC-ATB/1126"
    qtbot.waitUntil(lambda: TOTAL in page.value.text(), timeout=WAIT_MS)


def test_a_viewer_sees_the_register_but_no_actions_and_no_forms(
    qtbot: QtBot, sqlite_url: str
) -> None:
    admin = admin_session(sqlite_url)
    worker = seed(WorkerService(admin), 1)[0]
    issued = docs.issue_letter(admin, membership_request(worker, kadis(admin)))
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    window = open_window(qtbot, viewer)
    assert SECTION in window.section_titles()
    panel = documents_panel(window)
    assert panel.tab_titles() == [REGISTER]
    register = panel.register
    assert [e.number for e in register.model.rows()] == [issued.number]
    assert register.select_number(issued.number)
    for button in (register.reprint_button, register.cancel_button, register.correct_button):
        assert not button.isVisible()
    assert register.reload_button.isVisible()
    viewer.engine.dispose()
    admin.engine.dispose()
