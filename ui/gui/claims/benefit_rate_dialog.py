"""One row of the benefit table: changed, or a new amount from a date (a copy of the row it
follows, which then ends the day before; services/claims/reference.py)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QWidget

from models.enums import BenefitBasis
from services import claims
from services.claims import RateRow
from services.claims.benefits import CONDITIONS
from services.claims.labels import BENEFIT_BASIS, EDUCATION_LEVEL
from services.core.errors import Problem
from ui.gui.app_context import AppContext
from ui.gui.claims.reference_form import ReferenceForm, number_box, optional
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField

_MONEY = 2_000_000_000


class BenefitRateDialog(ReferenceForm):
    """``rate`` with ``as_new``: a new row of the same code, from a date still to be typed."""

    def __init__(
        self,
        app: AppContext,
        rate: RateRow | None,
        next_order: int,
        as_new: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        title = "Baris manfaat" if rate and not as_new else "Baris manfaat baru"
        super().__init__(title, parent)
        self._app = app
        self.saved: RateRow | None = None
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("huruf kecil, angka, garis bawah; mis. jkm_biaya_pemakaman")
        self.label = QLineEdit(self)
        self.condition = ChoiceCombo(self)
        self.condition.set_choices([(f"{v} ({k})", k) for k, v in CONDITIONS.items()], "— pilih —")
        self.basis = ChoiceCombo(self)
        self.basis.set_choices([(v, k) for k, v in BENEFIT_BASIS.items()], None)
        self.amount = number_box(self, _MONEY, "—")
        self.amount.setPrefix("Rp")
        self.multiplier = number_box(self, 999, "—")
        self.minimum = number_box(self, _MONEY, "—")
        self.minimum.setPrefix("Rp")
        self.level = ChoiceCombo(self)
        self.level.set_choices([(v, k) for k, v in EDUCATION_LEVEL.items()], "— bukan beasiswa —")
        self.max_years = number_box(self, 99, "—")
        self.valid_from = DateField(self)
        self.valid_to = DateField(self)
        self.valid_to.setPlaceholderText("kosong: berlaku seterusnya")
        self.order = number_box(self, 9999)
        self._lay_out()
        self._load(rate, next_order, as_new)
        self.basis.currentIndexChanged.connect(self._follow_basis)
        self._follow_basis()

    def rate(self) -> RateRow:
        basis = self.basis.value()
        return RateRow(
            code=self.code.text().strip(),
            label=self.label.text(),
            condition=self.condition.value() or "",
            basis=basis,
            amount=optional(self.amount),
            multiplier=optional(self.multiplier),
            minimum=optional(self.minimum),
            education_level=self.level.value(),
            max_years=optional(self.max_years),
            # local_problems keeps an empty start from being saved.
            valid_from=self.valid_from.value(),  # type: ignore[arg-type]
            valid_to=self.valid_to.value(),
            sort_order=self.order.value(),
        )

    def local_problems(self) -> list[Problem]:
        problems = [
            p
            for p in (
                self.valid_from.problem("valid_from", "Berlaku mulai"),
                self.valid_to.problem("valid_to", "Berlaku sampai"),
            )
            if p is not None
        ]
        if self.valid_from.value() is None and not problems:
            problems.append(
                Problem("valid_from_empty", "valid_from", "Tanggal mulai berlaku wajib diisi.")
            )
        return problems

    def store(self) -> None:
        self.saved = claims.save_benefit_rate(self._app.ctx, self.rate())

    def _load(self, rate: RateRow | None, next_order: int, as_new: bool) -> None:
        editing = rate is not None and not as_new
        if rate is None:
            self.basis.set_value(BenefitBasis.FIXED)
            self.order.setValue(next_order)
            return
        if as_new:
            rate = replace(rate, valid_to=None)
        self.code.setText(rate.code)
        self.label.setText(rate.label)
        self.condition.set_value(rate.condition)
        self.basis.set_value(rate.basis)
        self.amount.setValue(rate.amount or 0)
        self.multiplier.setValue(rate.multiplier or 0)
        self.minimum.setValue(rate.minimum or 0)
        self.level.set_value(rate.education_level)
        self.max_years.setValue(rate.max_years or 0)
        self.valid_from.set_value(None if as_new else rate.valid_from)
        self.valid_to.set_value(rate.valid_to)
        self.order.setValue(rate.sort_order)
        # Code and start date are the row's key; a new amount from a date is a new row.
        self.code.setReadOnly(editing or as_new)
        self.valid_from.setReadOnly(editing)

    def _follow_basis(self, _index: int = 0) -> None:
        basis = self.basis.value()
        counted = basis in (BenefitBasis.INCOME_MULTIPLE, BenefitBasis.MONTHLY_INCOME)
        self.multiplier.setEnabled(counted)
        self.minimum.setEnabled(basis is BenefitBasis.INCOME_MULTIPLE)
        self.amount.setEnabled(not counted and basis is not BenefitBasis.AS_NEEDED)
        self.level.setEnabled(basis is BenefitBasis.PER_YEAR)
        self.max_years.setEnabled(basis is BenefitBasis.PER_YEAR)

    def _lay_out(self) -> None:
        rows = self.rows
        rows.add("Kode", self.code, "code")
        rows.add("Nama", self.label, "label")
        rows.add("Berlaku untuk", self.condition, "condition")
        rows.add("Dasar hitung", self.basis, "basis")
        rows.add("Jumlah", self.amount, "amount")
        rows.add("Pengali penghasilan", self.multiplier, "multiplier")
        rows.add("Paling sedikit", self.minimum, "minimum")
        rows.add("Jenjang (beasiswa)", self.level, "education_level")
        rows.add("Paling lama (tahun)", self.max_years, "max_years")
        rows.add("Berlaku mulai", self.valid_from, "valid_from")
        rows.add("Berlaku sampai", self.valid_to, "valid_to")
        rows.add("Urutan", self.order, "sort_order")
        rows.add_note(
            "Perkiraan manfaat semua klaim yang masih berjalan dihitung ulang saat disimpan. "
            "Untuk besaran baru mulai suatu tanggal, pakai Besaran baru… pada baris lama.",
        )
        self.finish()
