"""The agreement's parameters as inputs: date and place, both parties and their numbers,
the workers (the register on a date, or typed), the period, the premium per worker, the
budget code, the payment day, the court and the legal bases. Defaults come from the
settings; empty optional inputs mean "from the settings, rates or register"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.core.errors import Problem
from services.settings.store import SettingsService
from ui.gui.app_context import AppContext
from ui.gui.documents.form_values import (
    money,
    money_text,
    optional_date,
    required_date,
    stored_amount,
    stored_date,
    stored_text,
)
from ui.gui.documents.letter_editor import count_spin, line, text_of
from ui.gui.documents.list_editor import ListEditor
from ui.gui.documents.paper import PAGE_SIZES, page_size_default
from ui.gui.documents.placeholder_markers import (
    from_markers,
    marker_hint,
    stray_braces,
    to_markers,
)
from ui.gui.documents.signatory_combo import SignatoryCombo
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.field_rows import FieldRows

MAX_MONTHS = 36
MAX_WORKERS = 10_000_000
SETTING_DEFAULTS = (
    "district.capital",
    "agreement.months",
    "agreement.payment_due_day",
    "agreement.court",
    "agreement.budget_code",
    "agreement.apbd_regulation_number",
    "premium.bpjs_account",
)
WHOLE_BUDGET_YEAR = "sampai 31 Desember (satu tahun anggaran)"


class AgreementForm(QWidget):
    changed = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.agreement_date = DateField(self)
        self.place = line(self, 100)
        self.first_number = QLabel("diberikan dari buku agenda saat diterbitkan", self)
        self.second_number = line(self, 120, "Nomor PKS dari BPJS, bila sudah ada")
        self.page_size = ChoiceCombo(self)
        self.page_size.set_choices([(label, p) for p, label in PAGE_SIZES.items()], None)
        self.signatory = SignatoryCombo(app.ctx, prefer_regional_head=True, parent=self)
        self.bpjs_name = line(self, 120)
        self.bpjs_position = line(self, 200)
        self.bpjs_npk = line(self, 30)
        self.bpjs_decree = line(self, 300, "Keputusan Direksi … Nomor …")
        self.bpjs_address = line(self, 300)
        self.from_register = QRadioButton("Dari register pada tanggal", self)
        self.typed = QRadioButton("Diketik", self)
        self.count_date = DateField(self)
        self.count_date.setPlaceholderText("tanggal perjanjian")
        self.workers = count_spin(self, 1, MAX_WORKERS, " orang")
        self.months = count_spin(self, 0, MAX_MONTHS, " bulan")
        self.months.setSpecialValueText(WHOLE_BUDGET_YEAR)
        self.period_start = DateField(self)
        self.period_start.setPlaceholderText("tanggal perjanjian")
        self.jkk = line(self, 20)
        self.jkm = line(self, 20)
        self.budget_code = line(self, 100, "Kode rekening / DPA")
        self.apbd_regulation = line(self, 100, "mis. Nomor 12 Tahun 2024")
        self.bpjs_account = line(self, 200, "Bank, nomor rekening, atas nama")
        self.due_day = count_spin(self, 1, 28)
        self.court = line(self, 200)
        self.legal_bases = ListEditor(self, visible_rows=6)
        self.rows: list[FieldRows] = []
        choice = QButtonGroup(self)
        choice.addButton(self.from_register)
        choice.addButton(self.typed)
        self._lay_out()
        self.from_register.toggled.connect(self._follow_source)
        self._watch()

    def request(
        self, problems: list[Problem], replaces_number: str | None
    ) -> docs.AgreementRequest | None:
        on = required_date(self.agreement_date, "agreement_date", "Tanggal perjanjian", problems)
        count_on = optional_date(self.count_date, "count_date", "Tanggal hitungan", problems)
        start = optional_date(self.period_start, "period_start", "Awal masa perjanjian", problems)
        jkk = money(self.jkk, "jkk_monthly", "Iuran JKK", problems)
        jkm = money(self.jkm, "jkm_monthly", "Iuran JKM", problems)
        bases = tuple(from_markers(line) for line in self.legal_bases.values())
        for number, basis in enumerate(bases, start=1):
            if stray_braces(basis):
                problems.append(
                    Problem(
                        "legal_basis_braces",
                        "legal_bases",
                        f"Dasar hukum baris {number} memuat kurung kurawal {{ }}; hapus kurung "
                        "itu. Untuk tahun anggaran dan Perda APBD pakai isian dalam kurung siku "
                        "seperti pada daftar bawaan.",
                    )
                )
        signatory_id = self.signatory.value()
        if signatory_id is None:
            problems.append(
                Problem(
                    "signatory_empty",
                    "signatory_id",
                    "Pilih PIHAK PERTAMA; bila belum ada, tambahkan di tab Penandatangan.",
                )
            )
        if problems or on is None or signatory_id is None:
            return None
        counted = self.from_register.isChecked()
        return docs.AgreementRequest(
            signatory_id=signatory_id,
            agreement_date=on,
            second_party=docs.SecondParty(
                name=text_of(self.bpjs_name),
                position=text_of(self.bpjs_position),
                npk=text_of(self.bpjs_npk),
                decree=text_of(self.bpjs_decree),
                address=text_of(self.bpjs_address),
            ),
            second_party_number=text_of(self.second_number),
            place=text_of(self.place),
            count_date=count_on if counted else None,
            workers=None if counted else self.workers.value(),
            months=self.months.value() or None,
            period_start=start,
            jkk_monthly=jkk,
            jkm_monthly=jkm,
            budget_code=text_of(self.budget_code),
            apbd_regulation=text_of(self.apbd_regulation),
            bpjs_account=text_of(self.bpjs_account),
            payment_due_day=self.due_day.value(),
            court=text_of(self.court),
            legal_bases=bases,
            page_size=self.page_size.value(),
            replaces_number=replaces_number,
        )

    def reset(self) -> None:
        """Today's agreement with the office's defaults."""
        ctx = self._app.ctx
        settings = SettingsService(ctx)
        values = {key: settings.get(key) for key in SETTING_DEFAULTS}
        self.agreement_date.set_value(self._app.office_today())
        self.place.setText(values["district.capital"])
        self.second_number.clear()
        self.page_size.set_value(page_size_default(ctx))
        self._show_second_party(docs.default_second_party(ctx))
        self.from_register.setChecked(True)
        self.count_date.set_value(None)
        self.workers.setValue(1)
        self.months.setValue(_whole(values["agreement.months"], 0))
        self.period_start.set_value(None)
        self.jkk.clear()
        self.jkm.clear()
        self.budget_code.setText(values["agreement.budget_code"])
        self.apbd_regulation.setText(values["agreement.apbd_regulation_number"])
        self.bpjs_account.setText(values["premium.bpjs_account"])
        self.due_day.setValue(_whole(values["agreement.payment_due_day"], 15))
        self.court.setText(values["agreement.court"])
        # Kept with their placeholders (shown as words): the service fills in the budget
        # year and the regulation.
        self.legal_bases.set_values(map(to_markers, docs.default_legal_bases(ctx)))
        self._follow_source()

    def signatory_chosen(self) -> None:
        """A signatory is chosen: its old "Pilih penandatangan" message goes."""
        if self.signatory.value() is not None:
            for rows in self.rows:
                rows.clear("signatory_id")

    def load(self, data: dict[str, Any]) -> bool:
        """Fill from a stored request (a correction); False when its PIHAK PERTAMA is no
        longer an active signatory."""
        self.reset()
        self.agreement_date.set_value(stored_date(data.get("agreement_date")))
        self.place.setText(stored_text(data, "place") or self.place.text())
        self.second_number.setText(stored_text(data, "second_party_number"))
        if data.get("page_size"):
            self.page_size.set_value(docs.PageSize(data["page_size"]))
        second = data.get("second_party")
        if second:
            self._show_second_party(docs.SecondParty(**second))
        workers = data.get("workers")
        self.from_register.setChecked(workers is None)
        self.typed.setChecked(workers is not None)
        if workers is not None:
            self.workers.setValue(int(workers))
        self.count_date.set_value(stored_date(data.get("count_date")))
        if data.get("months"):
            self.months.setValue(int(data["months"]))
        self.period_start.set_value(stored_date(data.get("period_start")))
        self.jkk.setText(money_text(stored_amount(data.get("jkk_monthly"))))
        self.jkm.setText(money_text(stored_amount(data.get("jkm_monthly"))))
        for key, edit in (
            ("budget_code", self.budget_code),
            ("court", self.court),
            ("apbd_regulation", self.apbd_regulation),
            ("bpjs_account", self.bpjs_account),
        ):
            if data.get(key) is not None:
                edit.setText(str(data[key]))
        if data.get("payment_due_day"):
            self.due_day.setValue(int(data["payment_due_day"]))
        if data.get("legal_bases") is not None:
            self.legal_bases.set_values(map(to_markers, data["legal_bases"]))
        self._follow_source()
        return self.signatory.choose(data.get("signatory_id"))

    def show_rates(self, params: docs.AgreementParams) -> None:
        """The rates in force as the placeholder of the (empty) rate inputs."""
        self.jkk.setPlaceholderText(f"Kosong: tarif berlaku {money_text(params.jkk_monthly)}")
        self.jkm.setPlaceholderText(f"Kosong: tarif berlaku {money_text(params.jkm_monthly)}")

    def place_problems(self, problems: list[Problem]) -> list[Problem]:
        for rows in self.rows:
            rows.show(problems)
        return [p for p in problems if not any(r.owns(p.field) for r in self.rows)]

    def _show_second_party(self, party: docs.SecondParty) -> None:
        self.bpjs_name.setText(party.name)
        self.bpjs_position.setText(party.position)
        self.bpjs_npk.setText(party.npk)
        self.bpjs_decree.setText(party.decree)
        self.bpjs_address.setText(party.address)

    def _follow_source(self, *_args: Any) -> None:
        counted = self.from_register.isChecked()
        self.count_date.setEnabled(counted)
        self.workers.setEnabled(not counted)

    def _group(self, title: str) -> FieldRows:
        box = QGroupBox(title, self)
        rows = FieldRows(box, QGridLayout(box))
        self.rows.append(rows)
        self._column.addWidget(box)
        return rows

    def _lay_out(self) -> None:
        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        rows = self._group("Perjanjian")
        rows.add("Tanggal perjanjian", self.agreement_date, "agreement_date")
        rows.add("Tempat", self.place, "place")
        self.first_number.setStyleSheet("color:#5f6368")
        rows.add("Nomor PIHAK PERTAMA", self.first_number, "number")
        rows.add("Nomor PIHAK KEDUA", self.second_number, "second_party_number")
        rows.add("Ukuran kertas", self.page_size, "page_size")
        rows = self._group("PIHAK PERTAMA (Pemerintah Daerah)")
        rows.add("Penandatangan", self.signatory, "signatory_id")
        rows = self._group("PIHAK KEDUA (BPJS Ketenagakerjaan)")
        rows.add("Nama kepala kantor cabang", self.bpjs_name, "second_party.name")
        rows.add("Jabatan", self.bpjs_position, "second_party.position")
        rows.add("NPK", self.bpjs_npk, "second_party.npk")
        rows.add("Dasar kewenangan (SK)", self.bpjs_decree, "second_party.decree")
        rows.add("Alamat", self.bpjs_address, "second_party.address")
        rows = self._group("Peserta dan iuran")
        source = QWidget(self)
        source_grid = QGridLayout(source)
        source_grid.setContentsMargins(0, 0, 0, 0)
        source_grid.addWidget(self.from_register, 0, 0)
        source_grid.addWidget(self.count_date, 0, 1)
        source_grid.addWidget(self.typed, 1, 0)
        source_grid.addWidget(self.workers, 1, 1)
        source_grid.setColumnStretch(2, 1)
        rows.add("Jumlah peserta", source, "workers", "count_date")
        rows.add("Jangka waktu", self.months, "months")
        rows.add("Mulai masa perjanjian", self.period_start, "period_start")
        rows.add("Iuran JKK/orang/bulan (Rp)", self.jkk, "jkk_monthly")
        rows.add("Iuran JKM/orang/bulan (Rp)", self.jkm, "jkm_monthly")
        rows = self._group("Anggaran, pembayaran dan sengketa")
        rows.add("Kode rekening / DPA", self.budget_code, "budget_code")
        rows.add("Perda APBD tahun pertama", self.apbd_regulation, "apbd_regulation")
        rows.add("Rekening BPJS", self.bpjs_account, "bpjs_account")
        due = QWidget(self)
        due_row = QHBoxLayout(due)
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(QLabel("tanggal", due))
        due_row.addWidget(self.due_day)
        due_row.addWidget(QLabel("setiap bulan", due), 1)
        rows.add("Batas pembayaran iuran", due, "payment_due_day")
        rows.add("Pengadilan Negeri", self.court, "court")
        rows = self._group("Dasar hukum")
        rows.add("Peraturan", self.legal_bases, "legal_bases")
        hint = QLabel(marker_hint(), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        rows.add_widget(hint)
        layout.addStretch(1)

    def _watch(self) -> None:
        for field in (self.agreement_date, self.count_date, self.period_start):
            field.changed.connect(self._changed)
        # A signatory chosen: "Pilih penandatangan" must not stay red beside it.
        self.signatory.currentIndexChanged.connect(lambda _i: self.signatory_chosen())
        for edit in (
            self.place,
            self.second_number,
            self.bpjs_name,
            self.bpjs_position,
            self.bpjs_npk,
            self.bpjs_decree,
            self.bpjs_address,
            self.jkk,
            self.jkm,
            self.budget_code,
            self.apbd_regulation,
            self.bpjs_account,
            self.court,
        ):
            edit.textEdited.connect(self._changed)
        for spin in (self.workers, self.months, self.due_day):
            spin.valueChanged.connect(self._changed)
        for combo in (self.signatory, self.page_size):
            combo.currentIndexChanged.connect(self._changed)
        self.from_register.toggled.connect(self._changed)
        self.legal_bases.changed.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        emit(self.changed)


def _whole(text: str, fallback: int) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return fallback
