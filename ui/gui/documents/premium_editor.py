"""Surat pembayaran iuran: the period paid, the number of workers (counted in the register
or typed), BPJS's bill, and the rates when they differ from the rates in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from services import documents as docs
from services.core.errors import Problem
from services.documents.dates_words import month_name
from ui.gui.app_context import AppContext
from ui.gui.documents.form_values import (
    money,
    money_text,
    optional_date,
    stored_amount,
    stored_date,
    stored_text,
)
from ui.gui.documents.letter_editor import LetterEditor, count_spin, line, text_of
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField

MAX_MONTHS = 12
MAX_WORKERS = 10_000_000


class PremiumEditor(LetterEditor):
    KIND = docs.DocumentKind.PREMIUM

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.month = ChoiceCombo(self)
        self.month.set_choices([(month_name(date(2000, m, 1)), m) for m in range(1, 13)], None)
        self.year = count_spin(self, 2000, 2100)
        self.year.setGroupSeparatorShown(False)
        self.months = count_spin(self, 1, MAX_MONTHS, " bulan")
        self.counted = QCheckBox("Dari perhitungan iuran (sama dengan Iuran & anggaran)", self)
        self.workers = count_spin(self, 1, MAX_WORKERS, " orang")
        self.bill_number = line(self, 120, "Nomor surat tagihan BPJS, bila ada")
        self.bill_date = DateField(self)
        self.jkk = line(self, 20, "Kosong: tarif yang berlaku")
        self.jkm = line(self, 20, "Kosong: tarif yang berlaku")
        period = QWidget(self)
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.month, 1)
        period_row.addWidget(self.year)
        period.setFocusProxy(self.month)
        workers = QWidget(self)
        workers_column = QVBoxLayout(workers)
        workers_column.setContentsMargins(0, 0, 0, 0)
        workers_column.addWidget(self.counted)
        workers_column.addWidget(self.workers)
        self.rows.add("Bulan pertama", period, "period_start")
        self.rows.add("Jumlah bulan", self.months, "months")
        self.rows.add("Jumlah peserta", workers, "workers")
        self.rows.add("Nomor tagihan BPJS", self.bill_number, "bill_number")
        self.rows.add("Tanggal tagihan", self.bill_date, "bill_date")
        self.rows.add("Iuran JKK/orang/bulan (Rp)", self.jkk, "jkk_monthly")
        self.rows.add("Iuran JKM/orang/bulan (Rp)", self.jkm, "jkm_monthly")
        self.counted.toggled.connect(lambda on: self.workers.setEnabled(not on))
        self.watch(self.month, self.year, self.months, self.workers, self.bill_number)
        self.watch(self.bill_date, self.jkk, self.jkm)
        self.counted.toggled.connect(self._changed)
        self.reset()

    def fields(self, problems: list[Problem]) -> docs.PremiumLetter | None:
        bill_date = optional_date(self.bill_date, "bill_date", "Tanggal tagihan", problems)
        jkk = money(self.jkk, "jkk_monthly", "Iuran JKK", problems)
        jkm = money(self.jkm, "jkm_monthly", "Iuran JKM", problems)
        if problems:
            return None
        return docs.PremiumLetter(
            period_start=date(self.year.value(), self.month.value(), 1),
            months=self.months.value(),
            workers=None if self.counted.isChecked() else self.workers.value(),
            bill_number=text_of(self.bill_number),
            bill_date=bill_date,
            jkk_monthly=jkk,
            jkm_monthly=jkm,
        )

    def load(self, data: dict[str, Any]) -> None:
        start = stored_date(data.get("period_start")) or self._app.office_today()
        self.month.set_value(start.month)
        self.year.setValue(start.year)
        self.months.setValue(int(data.get("months") or 1))
        workers = data.get("workers")
        self.counted.setChecked(workers is None)
        if workers is not None:
            self.workers.setValue(int(workers))
        self.bill_number.setText(stored_text(data, "bill_number"))
        self.bill_date.set_value(stored_date(data.get("bill_date")))
        self.jkk.setText(money_text(stored_amount(data.get("jkk_monthly"))))
        self.jkm.setText(money_text(stored_amount(data.get("jkm_monthly"))))

    def reset(self) -> None:
        today = self._app.office_today()
        self.month.set_value(today.month)
        self.year.setValue(today.year)
        self.months.setValue(1)
        self.counted.setChecked(True)
        self.workers.setEnabled(False)
        self.bill_number.clear()
        self.bill_date.set_value(None)
        self.jkk.clear()
        self.jkm.clear()
