"""A death claim from the worker form to the payment, as a clerk does it: the event with its
eligibility, the heir's account, every paper ticked, a scan stored and opened again, the
file checked complete, sent to BPJS, approved, paid, and the worker recorded as deceased."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.enums import ClaimStatus, WorkerStatus
from services import claims
from services.claims import ClaimQuery
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.conftest import office_day_now
from tests.present import present
from tests.ui.helpers import (
    covered_now,
    message_text,
    open_window,
    shown,
    type_into,
    wait_rows,
    worker_list,
)
from ui.gui.claims.claim_dialog import ClaimDialog
from ui.gui.claims.heir_dialogs import ClaimHeirDialog
from ui.gui.claims.step_dialog import StepDialog

LETTER = "500.15.14.2/31/Nakertrans/XI/2025"
SCAN = b"%PDF-1.4\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


def tick_all_missing(dialog: ClaimDialog) -> None:
    """Tick "Diterima" on every paper still missing, one click each, as the clerk would."""
    model = dialog.documents.model
    while dialog.detail is not None and dialog.detail.missing_documents:
        code = dialog.detail.missing_documents[0].item_code
        row = [d.item_code for d in model.rows()].index(code)
        assert model.setData(
            model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )


def take_step(dialog: ClaimDialog, target: ClaimStatus) -> StepDialog:
    dialog.steps.buttons[target].click()
    step = shown(dialog, StepDialog)
    assert isinstance(step, StepDialog) and step.isVisible() and step.target is target
    return step


def test_a_death_claim_from_the_worker_form_to_paid(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    worker = WorkerService(ctx).create(covered_now(1)).worker
    window = open_window(qtbot, ctx)
    people = worker_list(window)
    wait_rows(qtbot, people, 1)
    form = window.open_worker(worker.id)
    assert form is not None
    form.tabs.setCurrentWidget(form.claims)
    assert "Belum ada klaim" in form.claims.note.text()

    # The event: eligibility appears as soon as the date of death is in.
    dialog = form.claims.new_claim()
    assert isinstance(dialog, ClaimDialog)
    assert not dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.documents))
    assert dialog.save_button.text() == "Buka klaim (Ctrl+S)"
    dialog.event_tab.jkm_radio.click()
    died = office_day_now() - timedelta(days=4)
    type_into(qtbot, dialog.event_tab.event_date, died.strftime("%d-%m-%Y"))
    qtbot.waitUntil(lambda: dialog.strip.verdict.isVisible(), timeout=3000)
    assert "Memenuhi syarat" in dialog.strip.verdict.text()
    assert "manfaat JKM dikurangi" in dialog.strip.verdict.text()  # a month of membership
    assert "Ya" in dialog.eligibility.checks.text()
    type_into(qtbot, dialog.event_tab.event_place, "Rumah duka, Desa Aplasi")
    type_into(qtbot, dialog.event_tab.cause, "Sakit menurut surat keterangan desa")
    assert dialog.save(), dialog.banner.text()
    detail = dialog.detail
    assert detail is not None and detail.status is ClaimStatus.DRAFT
    assert dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.documents))
    qtbot.waitUntil(lambda: form.claims.model.rowCount() == 1)

    # The registered spouse came along; the clerk adds the NIK and the bank account.
    heirs = dialog.heirs
    assert heirs.model.rowCount() == 1
    assert heirs.model.index(0, 3).data() == "✔ Berhak"
    heirs.table.selectRow(0)
    edit = heirs.edit_heir()
    assert isinstance(edit, ClaimHeirDialog)
    type_into(qtbot, edit.fields.nik, "5303051203800002")
    type_into(qtbot, edit.fields.bank_name, "Bank NTT")
    type_into(qtbot, edit.fields.account_number, "0012345678")
    edit.accept()
    assert not edit.isVisible()
    spouse = present(dialog.detail).heirs[0]
    assert (spouse.bank_name, spouse.bank_account_number) == ("Bank NTT", "0012345678")

    # Every paper ticked; the death certificate's scan stored and read back byte for byte.
    tick_all_missing(dialog)
    documents = dialog.documents
    assert "Semua 8 dokumen wajib sudah diterima" in documents.summary.text()
    scan_path = tmp_path / "akta kematian.pdf"
    scan_path.write_bytes(SCAN)
    documents.select("akta_kematian")
    chooser = documents.choose_scan()
    assert chooser is not None and chooser.testOption(chooser.Option.DontUseNativeDialog)
    chooser.selectFile(str(scan_path))
    chooser.accept()
    qtbot.waitUntil(lambda: present(documents.current_item()).attachment is not None, timeout=5000)
    assert "akta kematian.pdf" in documents.scan_label.text()
    opened: list[bytes] = []

    def open_file(path: Path) -> bool:
        opened.append(path.read_bytes())
        return True

    documents.open_file = open_file
    documents.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert hashlib.sha256(opened[0]).digest() == hashlib.sha256(SCAN).digest()

    # The workflow: complete, sent with the letter's number, approved, paid.
    dialog.steps.buttons[ClaimStatus.COMPLETE].click()
    assert present(dialog.detail).status is ClaimStatus.COMPLETE, dialog.banner.text()
    step = take_step(dialog, ClaimStatus.SUBMITTED)
    type_into(qtbot, step.letter_number, LETTER)
    step.accept()
    assert present(dialog.detail).status is ClaimStatus.SUBMITTED
    assert LETTER in dialog.history.record.text()
    take_step(dialog, ClaimStatus.APPROVED).accept()
    step = take_step(dialog, ClaimStatus.PAID)
    assert step.account_number.text() == "0012345678", "the heir's account is offered"
    type_into(qtbot, step.amount, "10.000.000")
    step.accept()  # without BPJS's reference: refused, said under its field, nothing stored
    assert present(dialog.detail).status is ClaimStatus.APPROVED
    assert "referensi pembayaran BPJS wajib diisi" in message_text(step.rows, "payment_reference")
    type_into(qtbot, step.payment_reference, "JKM/2025/0042")
    step.accept()
    paid = dialog.detail
    assert paid is not None and paid.status is ClaimStatus.PAID, step.banner.text()
    assert (paid.paid_amount, paid.paid_account_number) == (10_000_000, "0012345678")
    assert "Rp10.000.000" in dialog.history.record.text()
    assert dialog.history.model.index(0, 1).data() == "petugas1"  # who, newest first
    assert dialog.history.model.index(0, 2).data() == "Disetujui → Dibayar"
    assert "Perkiraan — BPJS Ketenagakerjaan yang menetapkan" in dialog.benefit.title.text()
    assert "Rp10.000.000" in dialog.benefit.total.text()  # the reduced JKM benefit
    assert [h.to_status for h in paid.history] == [
        ClaimStatus.DRAFT,
        ClaimStatus.COMPLETE,
        ClaimStatus.SUBMITTED,
        ClaimStatus.APPROVED,
        ClaimStatus.PAID,
    ]
    assert set(dialog.steps.buttons) == {ClaimStatus.CLOSED, ClaimStatus.APPROVED}

    # The worker is now recorded as deceased on the date of death, and the list shows it.
    qtbot.waitUntil(lambda: present(people.model.worker_at(0)).status is WorkerStatus.DECEASED)
    assert WorkerService(ctx).get(worker.id).status_date == died
    status_column = next(
        c
        for c in range(people.model.columnCount())
        if people.model.headerData(c, Qt.Orientation.Horizontal) == "Status"
    )
    assert people.model.index(0, status_column).data() == "Meninggal"
    row = form.claims.model.record(0)
    assert row is not None and row.status is ClaimStatus.PAID
    [stored] = claims.list_claims(ctx, ClaimQuery(worker_id=worker.id)).rows
    assert stored.status is ClaimStatus.PAID
