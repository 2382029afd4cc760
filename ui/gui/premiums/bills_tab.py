"""Tagihan & pembayaran: BPJS's bills of a year with what was paid on each, the payments of
the chosen bill, and BPJS's billed-participant list imported for a bill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from services.core.permissions import Permission
from services.premiums import (
    BillRow,
    BpjsListResult,
    Month,
    PaymentRow,
    delete_bill,
    delete_payment,
    list_bills,
    list_payments,
)
from services.premiums.bpjs_list import import_bpjs_list
from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.app_context import AppContext
from ui.gui.excel_import.file_page import ask_import_path
from ui.gui.formats import thousands
from ui.gui.premiums.ledger_dialogs import BillDialog, PaymentDialog
from ui.gui.premiums.premium_tab import FlaggedTableModel, PremiumTab, confirm, heading
from ui.gui.retry import FAILED, call_or_show
from ui.gui.tasks import Tasks
from ui.gui.widgets.date_field import format_date
from ui.gui.widgets.month_field import year_spin
from ui.gui.widgets.notice_banner import Tone
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

AskListPath = Callable[[QWidget, Path], Path | None]


def _list_text(bill: BillRow) -> str:
    return "belum diimpor" if bill.list_rows is None else f"{thousands(bill.list_rows)} baris"


BILL_COLUMNS: list[Column[BillRow]] = [
    Column("Bulan", lambda b: b.month.label),
    Column("Sumber dana", lambda b: FUNDING[b.funding]),
    Column("No. tagihan", lambda b: b.bill_number),
    Column("Tanggal", lambda b: format_date(b.bill_date)),
    Column("Peserta ditagih", lambda b: thousands(b.workers_billed), numeric=True),
    Column("Jumlah tagihan", lambda b: rupiah_whole(b.amount), numeric=True),
    Column("Dibayar", lambda b: rupiah_whole(b.paid), numeric=True),
    Column("Belum dibayar", lambda b: rupiah_whole(b.unpaid), numeric=True),
    Column("Daftar BPJS", _list_text),
]
UNPAID_COLUMN = 7
PAYMENT_COLUMNS: list[Column[PaymentRow]] = [
    Column("Tanggal bayar", lambda p: format_date(p.paid_on)),
    Column("Jumlah", lambda p: rupiah_whole(p.amount), numeric=True),
    Column("No. SP2D / bukti", lambda p: p.reference),
    Column("Catatan", lambda p: p.note or ""),
]


@dataclass(frozen=True, slots=True)
class Ledger:
    bills: list[BillRow]
    payments: list[PaymentRow]


class BillsTab(PremiumTab):
    def __init__(self, app: AppContext, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(app, tasks, parent)
        self.can_record = app.can(Permission.PREMIUMS)
        self.year = year_spin(self)
        self.bills = FlaggedTableModel(
            BILL_COLUMNS, lambda b, column: column == UNPAID_COLUMN and b.unpaid > 0, self
        )
        self.bill_table = RecordTableView(self.bills, self)
        self.payments = RecordTableModel(PAYMENT_COLUMNS, parent=self)
        self.payment_table = RecordTableView(self.payments, self)
        self.payment_title = heading("Pembayaran", self)
        self.totals = QLabel(self)
        self.add_bill_button = QPushButton("Catat tagihan…", self)
        self.edit_bill_button = QPushButton("Ubah…", self)
        self.delete_bill_button = QPushButton("Hapus tagihan", self)
        self.pay_button = QPushButton("Catat pembayaran…", self)
        self.import_button = QPushButton("Impor daftar BPJS…", self)
        self.delete_payment_button = QPushButton("Hapus pembayaran", self)
        # Asked for BPJS's file; tests answer without a dialog.
        self.ask_list_path: AskListPath = ask_import_path
        self._folder = Path.home()
        self._ledger = Ledger([], [])
        self._keep: int | None = None  # the bill to select once the list is read again
        self._lay_out()
        self._connect()
        self._follow_selection()

    def reload(self, _value: int = 0) -> None:
        ctx, year = self.app.ctx, self.year.value()
        first, last = Month(year, 1), Month(year, 12)
        self.load(
            lambda: Ledger(list_bills(ctx, first, last), list_payments(ctx, first, last)),
            self._show,
        )

    def selected_bill(self) -> BillRow | None:
        row = self.bill_table.selected_row()
        return self.bills.record(row) if row is not None else None

    def select_bill(self, bill_id: int) -> None:
        row = next((i for i, b in enumerate(self.bills.rows()) if b.id == bill_id), None)
        if row is not None:
            self.bill_table.selectRow(row)

    # -- actions (each opens its dialog and returns it) ---------------------------------

    def open_bill_dialog(self, edit: bool = False) -> BillDialog:
        dialog = BillDialog(self.app, self.selected_bill() if edit else None, self)
        dialog.accepted.connect(lambda: self._recorded_bill(dialog.result_row, edit))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_payment_dialog(self) -> PaymentDialog | None:
        bill = self.selected_bill()
        if bill is None:
            return None
        dialog = PaymentDialog(self.app, bill, self)
        dialog.accepted.connect(lambda: self._recorded_payment(dialog.result_row))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_selected_bill(self) -> bool:
        bill = self.selected_bill()
        if bill is None:
            return False
        question = f"Hapus tagihan {bill.bill_number} ({bill.month.label}) yang salah dicatat?"
        if not confirm(self, question, "Hapus tagihan"):
            return False
        if call_or_show(self, self.banner, lambda: delete_bill(self.app.ctx, bill.id)) is FAILED:
            return False
        self.tell_changed(f"Tagihan {bill.bill_number} ({bill.month.label}) dihapus.")
        return True

    def delete_selected_payment(self) -> bool:
        row = self.payment_table.selected_row()
        payment = self.payments.record(row) if row is not None else None
        if payment is None:
            return False
        question = (
            f"Hapus pembayaran {payment.reference} sebesar {rupiah_whole(payment.amount)} "
            "yang salah dicatat?"
        )
        if not confirm(self, question, "Hapus pembayaran"):
            return False
        ctx, payment_id = self.app.ctx, payment.id
        if call_or_show(self, self.banner, lambda: delete_payment(ctx, payment_id)) is FAILED:
            return False
        self.tell_changed(f"Pembayaran {payment.reference} dihapus.")
        return True

    def import_list(self, path: Path | None = None) -> bool:
        """BPJS's list of the participants billed on the chosen bill, read in the background."""
        bill = self.selected_bill()
        if bill is None:
            return False
        path = path or self.ask_list_path(self, self._folder)
        if path is None:
            return False
        self._folder = path.parent
        ctx = self.app.ctx
        self.banner.show_message(f"Membaca {path.name}…", Tone.INFO)
        self.tasks.run(lambda: import_bpjs_list(ctx, bill.id, path), self._imported, self._failed)
        return True

    # -- internals -------------------------------------------------------------------------

    def _show(self, ledger: Ledger) -> None:
        chosen = self.selected_bill()
        keep = self._keep if self._keep is not None else chosen.id if chosen else None
        self._keep = None
        self._ledger = ledger
        self.bills.set_rows(ledger.bills)
        billed = sum(b.amount for b in ledger.bills)
        paid = sum(b.paid for b in ledger.bills)
        self.totals.setText(
            f"Tahun {self.year.value()}: {len(ledger.bills)} tagihan, {rupiah_whole(billed)}; "
            f"dibayar {rupiah_whole(paid)}; belum dibayar {rupiah_whole(billed - paid)}."
        )
        if keep is not None:
            self.select_bill(keep)
        self._follow_selection()

    def _recorded_bill(self, bill: BillRow, edited: bool) -> None:
        verb = "diubah" if edited else "dicatat"
        self._keep = bill.id
        self.year.blockSignals(True)  # the reload below reads the bill's year
        self.year.setValue(bill.month.year)
        self.year.blockSignals(False)
        self.tell_changed(
            f"Tagihan {bill.bill_number} ({bill.month.label}) {verb}: {rupiah_whole(bill.amount)}."
        )

    def _recorded_payment(self, payment: PaymentRow) -> None:
        self._keep = payment.bill_id
        self.tell_changed(
            f"Pembayaran {payment.reference} atas tagihan {payment.bill_number} dicatat: "
            f"{rupiah_whole(payment.amount)}."
        )

    def _imported(self, result: BpjsListResult) -> None:
        replaced = " (menggantikan daftar sebelumnya)" if result.replaced else ""
        unreadable = (
            f" {len(result.unreadable_rows)} baris tanpa NIK atau KPJ yang terbaca."
            if result.unreadable_rows
            else ""
        )
        coverage = (
            f" Kepesertaan: {thousands(result.periods_opened)} periode dibuka, "
            f"{thousands(result.periods_moved)} tanggal mulai disesuaikan, "
            f"{len(result.coverage_refused)} tidak diterapkan."
            if result.periods_opened or result.periods_moved or result.coverage_refused
            else ""
        )
        self._keep = result.bill_id
        self.tell_changed(
            f"Daftar BPJS diimpor{replaced}: {thousands(result.rows)} baris, "
            f"{thousands(result.matched)} cocok dengan register.{unreadable}{coverage}"
        )

    def _follow_selection(self) -> None:
        bill = self.selected_bill()
        chosen = bill is not None
        for button in (self.edit_bill_button, self.delete_bill_button, self.import_button):
            button.setEnabled(chosen)
        self.pay_button.setEnabled(chosen and bill is not None and bill.unpaid > 0)
        payments = [p for p in self._ledger.payments if bill and p.bill_id == bill.id]
        self.payments.set_rows(payments)
        self.payment_title.setText(
            f"Pembayaran tagihan {bill.bill_number}" if bill else "Pembayaran (pilih tagihan)"
        )
        self.delete_payment_button.setEnabled(False)

    def _connect(self) -> None:
        self.year.valueChanged.connect(self.reload)
        self.bill_table.selectionModel().selectionChanged.connect(
            lambda *_: self._follow_selection()
        )
        self.payment_table.selectionModel().selectionChanged.connect(
            lambda *_: self.delete_payment_button.setEnabled(
                self.payment_table.selected_row() is not None
            )
        )
        self.add_bill_button.clicked.connect(lambda: self.open_bill_dialog())
        self.edit_bill_button.clicked.connect(lambda: self.open_bill_dialog(edit=True))
        self.delete_bill_button.clicked.connect(self.delete_selected_bill)
        self.pay_button.clicked.connect(self.open_payment_dialog)
        self.import_button.clicked.connect(lambda: self.import_list())
        self.delete_payment_button.clicked.connect(self.delete_selected_payment)

    def _lay_out(self) -> None:
        writers = (
            self.add_bill_button,
            self.edit_bill_button,
            self.delete_bill_button,
            self.pay_button,
            self.import_button,
            self.delete_payment_button,
        )
        for button in writers:
            button.setVisible(self.can_record)
        self.import_button.setToolTip(
            "Excel/CSV dari BPJS berisi peserta yang ditagih (NIK atau No. KPJ) untuk tagihan "
            "yang dipilih; selisihnya dilihat di Rekonsiliasi"
        )
        top = QHBoxLayout()
        top.addWidget(QLabel("Tahun:", self))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.totals, 1)
        bill_buttons = QHBoxLayout()
        for button in writers[:5]:
            bill_buttons.addWidget(button)
        bill_buttons.addStretch(1)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(bill_buttons)
        upper_layout.addWidget(self.bill_table, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        payment_top = QHBoxLayout()
        payment_top.addWidget(self.payment_title)
        payment_top.addStretch(1)
        payment_top.addWidget(self.delete_payment_button)
        lower_layout.addLayout(payment_top)
        lower_layout.addWidget(self.payment_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([360, 180])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
