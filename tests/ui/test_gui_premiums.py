"""Iuran & anggaran: a bill and a payment recorded in dialogs and the reconciliation showing
the difference, BPJS's list and the workers behind a difference, the budget, the rates,
and a viewer who reads every figure but is offered nothing to change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from models.enums import FundingSource, Gender, Role
from services.core.context import ServiceContext
from services.premiums import (
    BillInput,
    DifferenceKind,
    Month,
    PaymentInput,
    record_bill,
    record_payment,
)
from services.workers.service import WorkerService
from tests.conftest import office_day_now
from tests.factories import make_nik
from tests.integration.premium_helpers import (
    ADMIN,
    as_clerk,
    restore_rates,  # noqa: F401 (a fixture)
)
from tests.present import present
from tests.ui.accounts import admin_session, clerk_session
from tests.ui.helpers import covered_now, open_window, seed
from tests.ui.modal import ModalAnswers, click
from ui.gui.main_window import MainWindow
from ui.gui.premiums.premium_tab import ALERT, PremiumTab
from ui.gui.premiums.premiums_panel import PremiumsPanel
from ui.gui.premiums.reconciliation_tab import ReconciliationTab

IURAN = "Iuran & anggaran"
KAB = FundingSource.APBD_KABUPATEN
LOAD_MS = 15000


def _section(window: MainWindow) -> PremiumsPanel:
    window.show_section(IURAN)
    panel = window.panel(IURAN)
    assert isinstance(panel, PremiumsPanel)
    return panel


def _open(qtbot: QtBot, panel: PremiumsPanel, tab: PremiumTab) -> None:
    """Show the tab and wait until its figures are read."""
    panel.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.loading and not tab.stale, timeout=LOAD_MS)


def _line_texts(tab: ReconciliationTab, month: Month) -> dict[str, str]:
    model = tab.lines
    row = next(
        i for i, line in enumerate(model.rows()) if line.month == month and line.funding is KAB
    )
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return {h: model.data(model.index(row, c)) for c, h in enumerate(headers)}


def test_bill_and_payment_recorded_and_the_difference_reconciled(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    workers = WorkerService(ctx)
    seed(workers, 3)  # covered from 30 days ago: last month and this one
    last_month = Month.of(office_day_now()).shift(-1)
    panel = _section(open_window(qtbot, ctx))
    _open(qtbot, panel, panel.monthly)
    assert panel.monthly.figures is not None and panel.monthly.figures.workers == 3
    assert "3 peserta, Rp50.400" in panel.monthly.summary.text()
    assert panel.monthly.rule.text().startswith("Aturan tengah bulan: Peserta yang mulai")
    workers.create(covered_now(4, coverage_start=office_day_now()))  # this month only
    panel.reload_button.click()
    qtbot.waitUntil(lambda: "4 peserta, Rp67.200" in panel.monthly.summary.text(), timeout=LOAD_MS)

    bills = panel.bills
    _open(qtbot, panel, bills)
    dialog = bills.open_bill_dialog()
    dialog.month.set_value(last_month)
    # The register's count for the month, beside the bill being typed.
    qtbot.waitUntil(
        lambda: dialog.computed.text() == "Menurut register: 3 peserta, Rp50.400.",
        timeout=LOAD_MS,
    )
    dialog.number.setText("TG-77/BPJS/2026")
    dialog.workers.setValue(5)  # BPJS bills two workers more than the register counts
    dialog.amount.setText("satu juta")
    assert not dialog.submit()
    assert "bukan jumlah rupiah utuh" in dialog.banner.text() and dialog.isVisible()
    dialog.amount.setText("Rp84.000")
    assert dialog.submit()
    qtbot.waitUntil(lambda: bills.bills.rowCount() == 1 and not bills.loading, timeout=LOAD_MS)
    assert "Tagihan TG-77/BPJS/2026" in bills.banner.text()
    bill = bills.selected_bill()
    assert bill is not None and (bill.workers_billed, bill.amount, bill.paid) == (5, 84_000, 0)

    pay = bills.open_payment_dialog()
    assert pay is not None and pay.amount.text() == "84.000"  # the unpaid rest is offered
    pay.amount.setText("50.000")
    pay.reference.setText("SP2D 900/BPKAD/2026")
    assert pay.submit()
    qtbot.waitUntil(
        lambda: (b := bills.selected_bill()) is not None and b.paid == 50_000, timeout=LOAD_MS
    )
    assert bills.payments.rowCount() == 1
    assert present(bills.payments.record(0)).reference == "SP2D 900/BPKAD/2026"

    recon = panel.reconciliation
    _open(qtbot, panel, recon)
    line = _line_texts(recon, last_month)
    assert (line["Dihitung"], line["Ditagih"], line["Selisih"]) == ("3", "5", "+2")
    assert (line["Iuran dihitung"], line["Tagihan"], line["Selisih (Rp)"]) == (
        "Rp50.400",
        "Rp84.000",
        "+Rp33.600",
    )
    assert (line["Dibayar"], line["Belum dibayar"]) == ("Rp50.000", "Rp34.000")
    assert line["Sisa per tagihan"] == "TG-77/BPJS/2026: sisa Rp34.000"
    row = next(i for i, r in enumerate(recon.lines.rows()) if r.month == last_month)
    assert recon.lines.data(recon.lines.index(row, 4), Qt.ItemDataRole.ForegroundRole) == ALERT


def test_bpjs_list_imported_and_the_workers_behind_the_difference(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    people = seed(WorkerService(ctx), 3)
    last_month = Month.of(office_day_now()).shift(-1)
    record_bill(ctx, BillInput(last_month, KAB, "TG-78", office_day_now(), 3, 50_400))
    stranger = make_nik(date(1990, 1, 2), Gender.MALE, 99)
    listing = tmp_path / "daftar-tertagih.csv"
    listing.write_text(
        f"No;NIK;Nama\n1;{people[0].nik};A\n2;{people[1].nik};B\n3;{stranger};ORANG LAIN\n",
        encoding="utf-8",
    )
    panel = _section(open_window(qtbot, ctx))
    bills = panel.bills
    _open(qtbot, panel, bills)
    bills.bill_table.selectRow(0)
    bills.ask_list_path = lambda _parent, _folder: listing
    bills.import_button.click()
    qtbot.waitUntil(lambda: "Daftar BPJS diimpor" in bills.banner.text(), timeout=LOAD_MS)
    assert "3 baris, 2 cocok dengan register" in bills.banner.text()

    recon = panel.reconciliation
    _open(qtbot, panel, recon)
    row = next(i for i, r in enumerate(recon.lines.rows()) if r.month == last_month)
    recon.table.selectRow(row)
    assert recon.drill_button.isEnabled()
    dialog = recon.open_drilldown()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.rows.rowCount() == 2, timeout=LOAD_MS)
    found = {(r.kind, r.nik) for r in dialog.rows.rows()}
    assert found == {
        (DifferenceKind.NOT_BILLED, people[2].nik),
        (DifferenceKind.NOT_IN_REGISTER, stranger),
    }
    summary = dialog.summary.text()
    assert "register menghitung 3 peserta; daftar BPJS 3 baris, 2 cocok" in summary
    assert "Dihitung, tidak ada di daftar BPJS: 1 · Ditagih, tidak terdaftar: 1" in summary
    dialog.close()


@pytest.mark.usefixtures("restore_rates")
def test_budget_allocation_and_rates_for_an_administrator(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    admin = as_clerk(ctx, ADMIN)
    seed(WorkerService(admin), 3)
    year = office_day_now().year
    panel = _section(open_window(qtbot, admin))
    budget = panel.budget
    _open(qtbot, panel, budget)
    dialog = budget.open_allocation_dialog()
    dialog.funding.set_value(KAB)
    dialog.amount.setText("100.000")
    dialog.code.setText("5.1.02.01.01.0026")
    assert dialog.submit()
    qtbot.waitUntil(lambda: "Pagu APBD Kabupaten" in budget.banner.text(), timeout=LOAD_MS)
    qtbot.waitUntil(lambda: not budget.loading and not budget.stale, timeout=LOAD_MS)
    assert budget.figures is not None and budget.figures.year == year
    line = next(b for b in budget.figures.lines if b.funding is KAB)
    assert line.allocation == 100_000 and line.balance is not None and line.balance < 0
    assert "Proyeksi melebihi pagu: APBD Kabupaten kurang" in budget.summary.text()

    rates = panel.rates
    _open(qtbot, panel, rates)
    before = rates.rates.rowCount()
    add = rates.open_rate_dialog()
    add.funding.set_value(KAB)
    add.valid_from.set_value(Month(year + 1, 1))
    add.jkk.setText("12.000")
    add.jkm.setText("8.000")
    assert add.submit()
    qtbot.waitUntil(lambda: rates.rates.rowCount() == before + 1, timeout=LOAD_MS)
    row = next(i for i, r in enumerate(rates.rates.rows()) if r.valid_from == Month(year + 1, 1))
    assert present(rates.rates.record(row)).rate.total == 20_000
    rates.table.selectRow(row)
    answers = ModalAnswers().then(QMessageBox, click("Hapus tarif"))
    assert rates.delete_selected()
    answers.check()
    qtbot.waitUntil(lambda: rates.rates.rowCount() == before, timeout=LOAD_MS)


def test_a_viewer_reads_every_figure_but_is_offered_nothing_to_change(
    qtbot: QtBot, sqlite_url: str
) -> None:
    admin = admin_session(sqlite_url)
    seed(WorkerService(admin), 2)
    last_month = Month.of(office_day_now()).shift(-1)
    record_bill(admin, BillInput(last_month, KAB, "TG-79", office_day_now(), 2, 33_600))
    viewer = clerk_session(admin, sqlite_url, "pengamat", Role.VIEWER)
    panel = _section(open_window(qtbot, viewer))
    _open(qtbot, panel, panel.monthly)
    assert panel.monthly.figures is not None and panel.monthly.figures.workers == 2
    _open(qtbot, panel, panel.bills)
    assert panel.bills.bills.rowCount() == 1
    _open(qtbot, panel, panel.reconciliation)
    assert any(r.billed_workers == 2 for r in panel.reconciliation.lines.rows())
    _open(qtbot, panel, panel.budget)
    _open(qtbot, panel, panel.rates)
    assert panel.rates.rates.rowCount() >= 4
    hidden = [
        panel.bills.add_bill_button,
        panel.bills.edit_bill_button,
        panel.bills.delete_bill_button,
        panel.bills.pay_button,
        panel.bills.import_button,
        panel.bills.delete_payment_button,
        panel.reconciliation.drill_button,  # names and NIKs: not for a viewer
        panel.budget.allocation_button,
        panel.rates.add_button,
        panel.rates.delete_button,
    ]
    assert all(button.isHidden() for button in hidden)


def test_a_bill_corrected_then_removed_with_its_payment(qtbot: QtBot, ctx: ServiceContext) -> None:
    seed(WorkerService(ctx), 1)
    last_month = Month.of(office_day_now()).shift(-1)
    bill = record_bill(ctx, BillInput(last_month, KAB, "TG-80", office_day_now(), 1, 16_800))
    record_payment(ctx, PaymentInput(bill.id, office_day_now(), 16_800, "SP2D 12"))
    panel = _section(open_window(qtbot, ctx))
    bills = panel.bills
    _open(qtbot, panel, bills)
    bills.bill_table.selectRow(0)
    assert not bills.pay_button.isEnabled()  # paid in full

    edit = bills.open_bill_dialog(edit=True)
    assert (edit.number.text(), edit.workers.value()) == ("TG-80", 1)
    edit.number.setText("TG-80A")
    assert edit.submit()
    qtbot.waitUntil(
        lambda: (b := bills.selected_bill()) is not None and b.bill_number == "TG-80A",
        timeout=LOAD_MS,
    )

    answers = ModalAnswers().then(QMessageBox, click("Hapus tagihan"))
    assert not bills.delete_selected_bill()  # refused while a payment is recorded
    answers.check()
    assert "sudah memiliki 1 pembayaran" in bills.banner.text()
    bills.payment_table.selectRow(0)
    answers = ModalAnswers().then(QMessageBox, click("Hapus pembayaran"))
    assert bills.delete_selected_payment()
    answers.check()
    qtbot.waitUntil(lambda: bills.payments.rowCount() == 0 and not bills.loading, timeout=LOAD_MS)
    answers = ModalAnswers().then(QMessageBox, click("Hapus tagihan"))
    assert bills.delete_selected_bill()
    answers.check()
    qtbot.waitUntil(lambda: bills.bills.rowCount() == 0, timeout=LOAD_MS)
    assert "Tagihan TG-80A" in bills.banner.text() and "dihapus" in bills.banner.text()
