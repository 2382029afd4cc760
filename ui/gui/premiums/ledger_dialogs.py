"""Recording a BPJS bill (new or corrected) and a payment against one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from models.enums import FundingSource
from services.core.errors import Problem, ValidationError
from services.premiums import (
    Area,
    BillInput,
    BillRow,
    Month,
    MonthlyPremium,
    PaymentInput,
    PaymentRow,
    monthly_premium,
    record_bill,
    record_payment,
    update_bill,
)
from services.text.figures import rupiah_whole
from services.text.labels import FUNDING
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.premiums.premium_tab import note
from ui.gui.premiums.record_dialog import MoneyEdit, RecordDialog
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField, format_date
from ui.gui.widgets.month_field import MonthField


def _date(field: DateField, name: str, label: str, record: str) -> date:
    value = field.value()
    if value is None:
        text = f"{label} wajib diisi sebagai hh-bb-tttt, mis. 05-11-2026."
        raise ValidationError([Problem(f"{name}_unreadable", name, text)], record=record)
    return value


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class BillDialog(RecordDialog):
    """A new bill, or ``bill`` corrected."""

    def __init__(
        self, app: AppContext, bill: BillRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Ubah tagihan BPJS" if bill else "Catat tagihan BPJS", parent)
        self._app = app
        self._bill = bill
        today = app.office_today()
        self.month = MonthField(self, bill.month if bill else Month.of(today).shift(-1))
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(FUNDING[f], f) for f in FundingSource], None)
        self.funding.set_value(bill.funding if bill else FundingSource.APBD_KABUPATEN)
        self.number = QLineEdit(bill.bill_number if bill else "", self)
        self.number.setPlaceholderText("nomor surat tagihan dari BPJS")
        self.bill_date = DateField(self)
        self.bill_date.set_value(bill.bill_date if bill else today)
        self.workers = QSpinBox(self)
        self.workers.setRange(0, 1_000_000)
        self.workers.setGroupSeparatorShown(True)
        self.workers.setValue(bill.workers_billed if bill else 0)
        self.amount = MoneyEdit(self, bill.amount if bill else None)
        self.note = QLineEdit((bill.note or "") if bill else "", self)
        self.computed = note("", self)
        self.tasks = Tasks(self)
        self.form.addRow("Bulan yang ditagih:", self.month)
        self.form.addRow("Sumber dana:", self.funding)
        self.form.addRow("", self.computed)
        self.form.addRow("Nomor tagihan:", self.number)
        self.form.addRow("Tanggal tagihan:", self.bill_date)
        self.form.addRow("Peserta ditagih:", self.workers)
        self.form.addRow("Jumlah tagihan (Rp):", self.amount)
        self.form.addRow("Catatan:", self.note)
        self.month.changed.connect(self.show_computed)
        self.funding.currentIndexChanged.connect(self.show_computed)
        self.show_computed()

    def show_computed(self, _index: int = 0) -> None:
        """What the register counts for the month and source, to compare with the bill."""
        ctx, month = self._app.ctx, self.month.value()
        area = Area(funding=FundingSource(self.funding.value()))
        self.computed.setText("Menghitung dari register…")

        def shown(premium: MonthlyPremium) -> None:
            if (premium.month, area.funding) != (self.month.value(), self.funding.value()):
                return  # the clerk chose another month meanwhile
            self.computed.setText(
                f"Menurut register: {thousands(premium.workers)} peserta, "
                f"{rupiah_whole(premium.amount)}."
            )

        self.tasks.run(
            lambda: monthly_premium(ctx, month, area, self._app.regions),
            shown,
            lambda error: self.computed.setText(error.message),
        )

    def save(self) -> BillRow:
        record = f"tagihan {self.number.text().strip() or '(tanpa nomor)'}"
        data = BillInput(
            month=self.month.value(),
            funding=FundingSource(self.funding.value()),
            bill_number=self.number.text().strip(),
            bill_date=_date(self.bill_date, "bill_date", "Tanggal tagihan", record),
            workers_billed=self.workers.value(),
            amount=self.money(self.amount, "amount", "Jumlah tagihan", record),
            note=_text(self.note),
        )
        if self._bill is None:
            return record_bill(self._app.ctx, data)
        return update_bill(self._app.ctx, self._bill.id, data)


class PaymentDialog(RecordDialog):
    """A payment (SP2D or bank transfer) against ``bill``; the unpaid rest is offered."""

    def __init__(self, app: AppContext, bill: BillRow, parent: QWidget | None = None) -> None:
        super().__init__("Catat pembayaran iuran", parent)
        self._app = app
        self._bill = bill
        about = QLabel(
            f"Tagihan {bill.bill_number} ({bill.month.label}, {FUNDING[bill.funding]}) "
            f"tanggal {format_date(bill.bill_date)}: {rupiah_whole(bill.amount)}, "
            f"sudah dibayar {rupiah_whole(bill.paid)}, sisa {rupiah_whole(bill.unpaid)}.",
            self,
        )
        about.setWordWrap(True)
        self.paid_on = DateField(self)
        self.paid_on.set_value(app.office_today())
        self.amount = MoneyEdit(self, max(bill.unpaid, 0))
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText("No. SP2D atau bukti transfer")
        self.note = QLineEdit(self)
        self.form.addRow(about)
        self.form.addRow("Tanggal bayar:", self.paid_on)
        self.form.addRow("Jumlah dibayar (Rp):", self.amount)
        self.form.addRow("No. SP2D / bukti:", self.reference)
        self.form.addRow("Catatan:", self.note)

    def save(self) -> PaymentRow:
        record = f"pembayaran tagihan {self._bill.bill_number}"
        data = PaymentInput(
            bill_id=self._bill.id,
            paid_on=_date(self.paid_on, "paid_on", "Tanggal bayar", record),
            amount=self.money(self.amount, "amount", "Jumlah dibayar", record),
            reference=self.reference.text().strip(),
            note=_text(self.note),
        )
        return record_payment(self._app.ctx, data)
