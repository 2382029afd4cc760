"""Tabel referensi klaim: an administrator edits the document checklist and the benefit
table from the Klaim section; refusals show under the field; other clerks are not offered
it. SQLite only: the tables are reference data the PostgreSQL test database keeps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from models.enums import ClaimType, Role
from services import claims
from services.core.context import ServiceContext
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import choose, message_text, open_window, type_into
from ui.gui.claims.benefit_rate_dialog import BenefitRateDialog
from ui.gui.claims.checklist_item_dialog import ChecklistItemDialog
from ui.gui.claims.claims_panel import ClaimsPanel
from ui.gui.claims.reference_dialog import ReferenceDialog, condition_text
from ui.gui.main_window import MainWindow

KLAIM = "Klaim"


@pytest.fixture
def admin(sqlite_url: str) -> Iterator[ServiceContext]:
    ctx = admin_session(sqlite_url)
    yield ctx
    ctx.engine.dispose()


def _panel(qtbot: QtBot, window: MainWindow) -> ClaimsPanel:
    window.show_section(KLAIM)
    panel = window.panel(KLAIM)
    assert isinstance(panel, ClaimsPanel)
    qtbot.waitUntil(lambda: not panel.loading, timeout=5000)
    return panel


def _reference(qtbot: QtBot, ctx: ServiceContext) -> ReferenceDialog:
    panel = _panel(qtbot, open_window(qtbot, ctx))
    assert panel.reference_button.isVisible()
    dialog = panel.open_reference()
    assert isinstance(dialog, ReferenceDialog) and dialog.isVisible()
    return dialog


def _codes(dialog: ReferenceDialog) -> list[str]:
    return [r.code for r in dialog.checklist.model.rows()]


def test_the_checklist_is_edited_with_messages_under_the_fields(
    qtbot: QtBot, admin: ServiceContext
) -> None:
    dialog = _reference(qtbot, admin)
    tab = dialog.checklist
    choose(tab.claim_type, ClaimType.JKM)
    assert _codes(dialog)[:2] == ["kartu_peserta", "ktp_peserta"]

    form: QDialog | None = tab.add()
    assert isinstance(form, ChecklistItemDialog) and form.isVisible()
    assert form.claim_type.value() is ClaimType.JKM and form.order.value() == 120
    type_into(qtbot, form.code, "Surat Desa")
    form.save_button.click()
    assert form.isVisible()
    assert "Kode hanya huruf kecil" in message_text(form.rows, "code")
    assert "Nama wajib diisi." in message_text(form.rows, "label")

    type_into(qtbot, form.code, "surat_desa")
    type_into(qtbot, form.label, "Surat pengantar kepala desa")
    form.conditions["meninggal"].setChecked(True)
    form.required.setChecked(False)
    form.save_button.click()
    assert not form.isVisible()
    added = next(r for r in tab.model.rows() if r.code == "surat_desa")
    assert (added.condition, added.required, added.active) == ("meninggal", False, True)
    # The condition is read out in words, not as its code.
    assert condition_text(added.condition) == "peserta meninggal dunia"
    assert condition_text("meninggal pasangan") == (
        "peserta meninggal dunia dan ahli waris suami/istri"
    )
    shown = {tab.model.index(row, 3).data() for row in range(tab.model.rowCount())}
    assert "selalu" in shown and not any("_" in text for text in shown)

    tab.table.selectRow(_codes(dialog).index("surat_desa"))
    form = tab.edit()
    assert isinstance(form, ChecklistItemDialog)
    assert form.code.isReadOnly() and not form.claim_type.isEnabled()
    assert form.conditions["meninggal"].isChecked() and not form.required.isChecked()
    form.active.setChecked(False)
    form.save_button.click()
    stored = next(r for r in claims.list_checklist(admin, ClaimType.JKM) if r.code == "surat_desa")
    assert not stored.active
    row = _codes(dialog).index("surat_desa")
    assert tab.model.index(row, 4).data() == "tidak"


def test_a_new_benefit_amount_from_a_date(qtbot: QtBot, admin: ServiceContext) -> None:
    dialog = _reference(qtbot, admin)
    dialog.tabs.setCurrentWidget(dialog.rates)
    tab = dialog.rates
    codes = [r.code for r in tab.model.rows()]
    tab.table.selectRow(codes.index("jkm_biaya_pemakaman"))
    assert tab.new_amount_button.isEnabled()

    form = tab.new_amount()
    assert isinstance(form, BenefitRateDialog)
    assert form.code.isReadOnly() and form.code.text() == "jkm_biaya_pemakaman"
    assert form.valid_from.text() == "" and not form.multiplier.isEnabled()
    form.save_button.click()
    assert form.isVisible()
    assert "Tanggal mulai berlaku wajib diisi." in message_text(form.rows, "valid_from")
    type_into(qtbot, form.valid_from, "01-01-2026")
    form.amount.setValue(15_000_000)
    form.save_button.click()
    assert not form.isVisible()

    rows = [r for r in tab.model.rows() if r.code == "jkm_biaya_pemakaman"]
    assert [(r.valid_from, r.valid_to, r.amount) for r in rows] == [
        (date(2019, 12, 2), date(2025, 12, 31), 10_000_000),
        (date(2026, 1, 1), None, 15_000_000),
    ]
    shown = [tab.model.index(tab.model.rows().index(r), 5).data() for r in rows]
    assert shown == ["Jumlah tetap Rp10.000.000", "Jumlah tetap Rp15.000.000"]

    # An overlapping start is refused on the field, with the other row's dates.
    tab.table.selectRow(tab.model.rows().index(rows[1]))
    form = tab.new_amount()
    assert isinstance(form, BenefitRateDialog)
    type_into(qtbot, form.valid_from, "01-06-2025")
    form.save_button.click()
    message = message_text(form.rows, "valid_from")
    assert "sudah berlaku 2 Desember 2019 s.d. 31 Desember 2025" in message


def test_other_clerks_are_not_offered_the_tables(
    qtbot: QtBot, admin: ServiceContext, sqlite_url: str
) -> None:
    operator = clerk_session(admin, sqlite_url, "petugas", Role.OPERATOR)
    panel = _panel(qtbot, open_window(qtbot, operator))
    assert not panel.reference_button.isVisible()
    assert panel.open_reference() is None
