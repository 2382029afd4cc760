"""The claim dialog's checks and refusals: the JKK reporting countdown and "terlambat", an
event the service refuses, a step refused while papers are missing, the reason a step back
or a refusal needs, and the missing-papers slip shown in the app's PDF viewer."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models import AuditEntry
from models.enums import ClaimHeirRelation, ClaimStatus, ClaimType
from services import claims
from services.claims import ClaimDetail, ClaimInput, DocumentUpdate, StatusChange
from services.core.context import ServiceContext
from services.core.office_time import WITA
from services.workers.service import WorkerService
from tests.present import present
from tests.ui.helpers import choose, covered_now, message_text, open_window, shown, type_into
from ui.gui.claims.claim_dialog import ClaimDialog
from ui.gui.claims.claims_panel import ClaimsPanel
from ui.gui.claims.heir_dialogs import HeirChoiceDialog
from ui.gui.claims.step_dialog import StepDialog
from ui.gui.claims.worker_picker import WorkerPickerDialog
from ui.gui.documents.claim_editor import ClaimEditor
from ui.gui.documents.documents_panel import DocumentsPanel
from ui.gui.main_window import MainWindow

# The office's date (WITA), whatever the machine's zone: the services count in it.
TODAY = datetime.now(WITA).date()


@pytest.fixture(autouse=True)
def _office_day_as_the_test_starts() -> None:
    """The module's days read again as each test starts: a run that crosses the office's
    midnight (16.00 UTC for a WITA office) would otherwise compare the day the module was
    imported on with the app's, already the next one."""
    global TODAY
    TODAY = datetime.now(WITA).date()


def section(qtbot: QtBot, window: MainWindow) -> ClaimsPanel:
    window.show_section("Klaim")
    panel = window.panel("Klaim")
    assert isinstance(panel, ClaimsPanel)
    qtbot.waitUntil(lambda: not panel.loading, timeout=5000)
    return panel


def open_stored(qtbot: QtBot, ctx: ServiceContext, claim_id: int) -> ClaimDialog:
    panel = section(qtbot, open_window(qtbot, ctx))
    dialog = panel.open_claim(claim_id)
    assert dialog is not None
    return dialog


def field_message(dialog: StepDialog, field: str) -> str:
    message = dialog.rows.message_for(field)
    assert message is not None, f"no row for {field}"
    return message.text() if not message.isHidden() else ""


def jkm_claim(ctx: ServiceContext) -> ClaimDetail:
    worker = WorkerService(ctx).create(covered_now(1)).worker
    data = ClaimInput(ClaimType.JKM, TODAY - timedelta(days=3), event_place="Desa Aplasi")
    return claims.open_claim(ctx, worker.id, data)


def submitted(ctx: ServiceContext) -> ClaimDetail:
    detail = jkm_claim(ctx)
    for item in detail.missing_documents:
        detail = claims.update_document(ctx, detail.id, DocumentUpdate(item.item_code, True))
    detail = claims.change_status(
        ctx, detail.id, StatusChange(ClaimStatus.COMPLETE), detail.version
    )
    change = StatusChange(ClaimStatus.SUBMITTED, letter_number="500/12/2025")
    return claims.change_status(ctx, detail.id, change, detail.version)


def test_a_jkk_claim_counts_down_to_its_report_deadline_then_says_terlambat(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = WorkerService(sqlite_ctx).create(covered_now(7, full_name="Agustinus Neno")).worker
    panel = section(qtbot, open_window(qtbot, sqlite_ctx))
    picker = panel.new_claim()
    assert isinstance(picker, WorkerPickerDialog)
    type_into(qtbot, picker.search, worker.kpj or "")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=3000)
    assert picker.choose() is not None
    dialog = shown(panel, ClaimDialog)
    assert isinstance(dialog, ClaimDialog) and dialog.owner is not None
    assert "AGUSTINUS NENO" in dialog.header.text()

    # Yesterday at this minute: a day left to report, counted down every second.
    dialog.event_tab.jkk_radio.click()
    now = datetime.now(WITA)
    yesterday = now - timedelta(days=1)
    type_into(qtbot, dialog.event_tab.event_date, yesterday.strftime("%d-%m-%Y"))
    type_into(qtbot, dialog.event_tab.event_time, yesterday.strftime("%H:%M"))
    countdown = dialog.eligibility.countdown
    qtbot.waitUntil(lambda: countdown.state is claims.DeadlineState.RUNNING, timeout=3000)
    assert not countdown.isHidden()
    assert countdown.text().startswith("Sisa waktu lapor tahap I ke BPJS: 23 jam")
    assert countdown.timer.isActive()
    first = countdown.text()
    qtbot.waitUntil(lambda: countdown.text() != first, timeout=2500)  # the QTimer ticks

    # Two days on, the same label turns to "TERLAMBAT" (red) and the clock stops.
    later = datetime.now(UTC) + timedelta(days=2)
    countdown.clock = lambda: later
    qtbot.waitUntil(lambda: "TERLAMBAT" in countdown.text(), timeout=2500)
    assert "#b3261e" in countdown.styleSheet() and not countdown.timer.isActive()

    # An accident ten days ago is late at once, and the strip above every tab says so.
    type_into(qtbot, dialog.event_tab.event_date, (TODAY - timedelta(days=10)).strftime("%d-%m-%Y"))
    qtbot.waitUntil(lambda: "TERLAMBAT" in dialog.strip.countdown.text(), timeout=3000)
    assert dialog.strip.countdown.state is claims.DeadlineState.LATE
    assert "sudah lewat 8 hari" in dialog.strip.countdown.text()

    # Saving without what the service needs is refused under the fields; nothing is stored.
    place = dialog.event_tab._rows[0].message_for("event_place")
    assert place is not None and not place.isVisible(), "untouched fields stay quiet until saving"
    assert not dialog.save()
    assert "belum dapat disimpan" in dialog.banner.text()
    assert "Tempat kecelakaan wajib diisi" in dialog.banner.text()
    assert place.isVisible()
    assert claims.list_claims(sqlite_ctx).total == 0

    # A date typed wrong is named once: the form's own finding, not also the service's
    # "wajib diisi" for the empty date it would receive.
    typed_date = dialog.event_tab.event_date.text()
    type_into(qtbot, dialog.event_tab.event_date, "31-02-2025")
    date_message = dialog.event_tab._rows[0].message_for("event_date")
    assert date_message is not None
    qtbot.waitUntil(lambda: "bukan tanggal" in date_message.text(), timeout=3000)
    assert "wajib diisi" not in date_message.text()
    type_into(qtbot, dialog.event_tab.event_date, typed_date)

    type_into(qtbot, dialog.event_tab.event_place, "Kebun jagung, Desa Naiola")
    dialog.event_tab.context.setCurrentIndex(1)
    dialog.event_tab.description.setPlainText("Terjatuh dari pohon asam")
    assert dialog.save(), dialog.banner.text()
    assert dialog.detail is not None and dialog.detail.report_overdue
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=3000)
    assert panel.model.rows()[0].report_overdue

    # The late first report recorded (office clock), then another edit: the time stays.
    reported = datetime.combine(TODAY - timedelta(days=7), time(10, 0), tzinfo=WITA)
    type_into(qtbot, dialog.event_tab.report_date, reported.strftime("%d-%m-%Y"))
    type_into(qtbot, dialog.event_tab.report_time, "10:00")
    assert dialog.save(), dialog.banner.text()
    assert dialog.event_tab.report_time.text() == "10:00"
    assert dialog.strip.countdown.text().startswith("⚠ Laporan tahap I ke BPJS")
    assert "TERLAMBAT" in dialog.strip.countdown.text()
    type_into(qtbot, dialog.event_tab.injuries, "Patah kaki kiri")
    assert dialog.save(), dialog.banner.text()
    assert dialog.detail is not None
    stored = claims.get_claim(sqlite_ctx, dialog.detail.id).event
    assert stored.first_report_at == reported
    assert stored.injuries == "Patah kaki kiri"


def test_berkas_lengkap_with_a_paper_missing_is_refused_and_changes_nothing(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    detail = jkm_claim(ctx)
    for item in detail.missing_documents[1:]:
        detail = claims.update_document(ctx, detail.id, DocumentUpdate(item.item_code, True))
    missing = detail.missing_documents[0].label
    dialog = open_stored(qtbot, ctx, detail.id)
    assert set(dialog.steps.buttons) == {ClaimStatus.COMPLETE, ClaimStatus.CANCELLED}

    dialog.steps.buttons[ClaimStatus.COMPLETE].click()

    assert "Berkas belum lengkap" in dialog.banner.text() and missing in dialog.banner.text()
    assert dialog.detail is not None and dialog.detail.status is ClaimStatus.DRAFT
    stored = claims.get_claim(ctx, detail.id)
    assert (stored.status, stored.version, len(stored.history)) == (
        ClaimStatus.DRAFT,
        detail.version,
        1,
    )


def test_a_step_back_and_a_refusal_each_need_their_reason(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    detail = submitted(ctx)
    dialog = open_stored(qtbot, ctx, detail.id)
    assert set(dialog.steps.buttons) == {
        ClaimStatus.APPROVED,
        ClaimStatus.REJECTED,
        ClaimStatus.CANCELLED,
        ClaimStatus.COMPLETE,  # back
    }
    assert dialog.steps.buttons[ClaimStatus.COMPLETE].text() == "Kembalikan ke Berkas lengkap…"

    # Back without a reason: refused, the dialog stays, nothing changes.
    dialog.steps.buttons[ClaimStatus.COMPLETE].click()
    back = shown(dialog, StepDialog)
    assert isinstance(back, StepDialog) and back.back
    assert not back.on.isVisibleTo(back), "a step back asks only for the reason"
    back.accept()
    assert back.isVisible() and "perlu alasan" in field_message(back, "note")
    assert "ditandai merah" in back.banner.text()
    assert claims.get_claim(ctx, detail.id).status is ClaimStatus.SUBMITTED
    back.reject()

    # Refused by BPJS: a date and a reason, both recorded.
    dialog.steps.buttons[ClaimStatus.REJECTED].click()
    refusal = shown(dialog, StepDialog)
    assert isinstance(refusal, StepDialog) and refusal.on.isVisibleTo(refusal)
    refusal.accept()
    assert refusal.isVisible() and "Alasan penolakan" in field_message(refusal, "note")
    assert claims.get_claim(ctx, detail.id).status is ClaimStatus.SUBMITTED
    type_into(qtbot, refusal.on, (TODAY + timedelta(days=1)).strftime("%d-%m-%Y"))
    refusal.note.setPlainText("Kepesertaan tidak aktif menurut BPJS")
    refusal.accept()
    assert refusal.isVisible() and "masa depan" in field_message(refusal, "on")
    assert field_message(refusal, "note") == "", "the reason is there now"
    type_into(qtbot, refusal.on, TODAY.strftime("%d-%m-%Y"))
    refusal.accept()
    assert not refusal.isVisible()
    stored = claims.get_claim(ctx, detail.id)
    assert (stored.status, stored.decided_on) == (ClaimStatus.REJECTED, TODAY)
    assert stored.decision_note == "Kepesertaan tidak aktif menurut BPJS"
    assert "Kepesertaan tidak aktif menurut BPJS" in dialog.history.record.text()
    assert dialog.history.model.index(0, 3).data() == "Kepesertaan tidak aktif menurut BPJS"


def test_the_missing_papers_slip_is_shown_in_the_app_and_saved(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    detail = jkm_claim(sqlite_ctx)
    dialog = open_stored(qtbot, sqlite_ctx, detail.id)
    dialog.tabs.setCurrentWidget(dialog.documents)
    documents = dialog.documents
    # One paper brought two days ago, with a note: it leaves the slip.
    documents.select("kartu_keluarga")
    documents.received.setChecked(True)
    type_into(qtbot, documents.received_on, (TODAY - timedelta(days=2)).strftime("%d-%m-%Y"))
    type_into(qtbot, documents.note, "fotokopi dilegalisir")
    assert documents.save_item(), documents.banner.text()
    item = documents.current_item()
    assert item is not None and item.item_code == "kartu_keluarga"
    assert (item.received, item.received_on, item.note) == (
        True,
        TODAY - timedelta(days=2),
        "fotokopi dilegalisir",
    )
    detail = claims.get_claim(sqlite_ctx, detail.id)
    slip = documents.print_slip()
    assert slip is not None
    qtbot.waitUntil(lambda: slip.viewer.page_count == 1, timeout=10000)
    assert slip.delivery.save_button.isEnabled()
    target = tmp_path / "kekurangan.pdf"
    slip.delivery.ask_save_path = lambda _parent, suggested: target
    slip.delivery.save_button.click()
    text = PdfReader(target).pages[0].extract_text()
    words = " ".join(text.split())
    for missing in detail.missing_documents:
        assert missing.label in words
    assert "Kartu Keluarga" not in words.split("Sudah kami terima")[0]
    assert f"disimpan ke {target}" in slip.banner.text()
    printed = slip.viewer.path
    assert printed is not None and printed.exists()
    slip.close_button.click()
    assert not printed.exists(), "the slip names the family: no copy stays behind"
    with sqlite_ctx.session_factory() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "claim"))
        assert "print" in [str(a) for a in actions]


def test_heirs_are_picked_or_added_and_shown_in_the_legal_order(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    worker = WorkerService(sqlite_ctx).create(covered_now(1)).worker
    data = ClaimInput(ClaimType.JKM, TODAY - timedelta(days=3), event_place="Desa Aplasi")
    detail = claims.open_claim(sqlite_ctx, worker.id, data, heirs=[])
    dialog = open_stored(qtbot, sqlite_ctx, detail.id)
    heirs = dialog.heirs
    assert heirs.model.rowCount() == 0

    # The worker's mother first, typed in; a NIK that cannot be hers is refused in place.
    add = heirs.add_heir()
    type_into(qtbot, add.fields.full_name, "Margaretha Bano")
    choose(add.fields.relation, ClaimHeirRelation.PARENT)
    type_into(qtbot, add.fields.nik, worker.nik)
    add.accept()
    assert add.isVisible()
    nik_message = add.rows.message_for("nik")
    assert nik_message is not None and "NIK sama dengan NIK peserta" in nik_message.text()
    assert claims.get_claim(sqlite_ctx, detail.id).heirs == ()
    type_into(qtbot, add.fields.nik, "")
    add.accept()
    assert not add.isVisible()
    assert heirs.model.index(0, 3).data() == "✔ Berhak"

    # Then the spouse from the register: the spouse comes first, the mother is no longer
    # entitled.
    picker = heirs.pick_from_register()
    assert isinstance(picker, HeirChoiceDialog) and picker.list.count() == 1
    picker.set_checked(0)
    picker.accept()
    rows = [(r.full_name, r.priority, r.entitled) for r in heirs.model.rows()]
    assert rows == [("YOHANES TAEK", 1, True), ("MARGARETHA BANO", 2, False)]
    assert heirs.model.index(1, 3).data() == "— tidak"
    assert "YOHANES TAEK" in heirs.summary.text()
    assert heirs.pick_from_register() is None, "every registered heir is on the claim"
    assert "sudah ada" in heirs.banner.text()


def test_a_verifikator_approves_another_account_holder_and_the_payment_then_passes(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    from dataclasses import replace

    from models.enums import Role
    from services.core.permissions import Principal
    from ui.gui.claims.holder_dialog import HolderApprovalDialog

    detail = submitted(sqlite_ctx)
    detail = claims.change_status(
        sqlite_ctx, detail.id, StatusChange(ClaimStatus.APPROVED), detail.version
    )
    heir = detail.heirs[0]
    clerk = open_stored(qtbot, sqlite_ctx, detail.id)
    assert clerk.heirs.approve_button.isHidden()  # an operator does not approve
    step = clerk.request_step(ClaimStatus.PAID)
    assert isinstance(step, StepDialog)
    step.recipient.set_value(heir.id)
    type_into(qtbot, step.amount, f"{detail.benefit.total:,}".replace(",", "."))
    type_into(qtbot, step.payment_reference, "JKM/2025/77")
    step.bank_name.setText("Bank NTT")
    step.account_number.setText("0012345678")
    step.account_holder.setText("YOSEF BANO")
    step.accept()
    assert present(clerk.detail).status is ClaimStatus.APPROVED
    assert "bukan atas nama penerima" in field_message(step, "account_holder")
    step.reject()
    clerk.close()

    verifier = replace(
        sqlite_ctx,
        principal=Principal(user_id=0, username="verif1", full_name="V", role=Role.VERIFIKATOR),
    )
    dialog = open_stored(qtbot, verifier, detail.id)
    dialog.tabs.setCurrentWidget(dialog.heirs)
    assert dialog.heirs.approve_button.isVisibleTo(dialog)
    approval = dialog.heirs.approve_holder()
    assert isinstance(approval, HolderApprovalDialog)
    type_into(qtbot, approval.account_number, "0012345678")
    type_into(qtbot, approval.account_holder, "Yosef Bano")
    approval.reason.setPlainText("wali")
    approval.accept()
    assert "paling sedikit 10 huruf" in message_text(approval.rows, "reason")
    approval.reason.setPlainText("Wali anak, surat perwalian PN Kefamenanu 12/2025")
    approval.accept()
    stored = dialog.detail
    assert stored is not None and stored.holder_override is not None
    assert stored.holder_override.account_holder == "YOSEF BANO"
    assert "disetujui verifikator verif1" in dialog.heirs.approval.text()


def test_no_letter_yet_at_the_submission_step_opens_the_letter_filled_from_the_claim(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    ctx = sqlite_ctx
    worker = WorkerService(ctx).create(covered_now(1)).worker
    data = ClaimInput(ClaimType.JKM, TODAY - timedelta(days=3), event_place="Desa Aplasi")
    heirs = [claims.ClaimHeirInput("YOHANES TAEK", ClaimHeirRelation.SPOUSE)]
    detail = claims.open_claim(ctx, worker.id, data, heirs=heirs)
    for item in detail.missing_documents:
        detail = claims.update_document(ctx, detail.id, DocumentUpdate(item.item_code, True))
    complete = StatusChange(ClaimStatus.COMPLETE)
    detail = claims.change_status(ctx, detail.id, complete, detail.version)
    window = open_window(qtbot, ctx)
    dialog = section(qtbot, window).open_claim(detail.id)
    assert dialog is not None and dialog.letter_button.isVisible()
    step = dialog.request_step(ClaimStatus.SUBMITTED)
    assert step is not None and step.letter_button.isVisible()

    step.letter_button.click()

    letters = window.panel("Surat & PKS")
    assert isinstance(letters, DocumentsPanel) and letters.letters is not None
    assert window.stack.currentWidget() is letters and not dialog.isVisible()
    editor = letters.letters.editor
    assert isinstance(editor, ClaimEditor) and editor.claim_id == detail.id
    assert editor.claimant_name.text() == "YOHANES TAEK" and editor.claimant_name.isReadOnly()
