"""Kejadian: what happened. JKK: the accident, where and how, injuries, treatment, witnesses,
the police report of a traffic accident, the first report to BPJS and the outcome.
JKM: the date, place and cause of death."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClaimType, JkkOutcome
from services.claims import ClaimInput
from services.claims.labels import ACCIDENT_CONTEXT, JKK_OUTCOME
from services.core.errors import Problem
from services.core.office_time import on_office_clock
from ui.gui.claims.event_fields import ClockField, NumberField
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.field_rows import FieldRows

TEXT_LINES = 3
REPORT_HINT = (
    "Laporan tahap I: kapan kecelakaan dilaporkan ke BPJS (batas 2 × 24 jam). Penghasilan "
    "dilaporkan dipakai untuk perkiraan santunan."
)


def _text_box(parent: QWidget, placeholder: str, lines: int = TEXT_LINES) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _text(widget: QLineEdit | QPlainTextEdit) -> str | None:
    value = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    return value.strip() or None


class EventTab(QWidget):
    # The clerk changed a field (its name, as in Problem.field).
    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.jkk_radio = QRadioButton("JKK — kecelakaan kerja", self)
        self.jkm_radio = QRadioButton("JKM — kematian (bukan karena kecelakaan kerja)", self)
        self.type_group = QButtonGroup(self)
        self.event_date = DateField(self)
        self.event_place = QLineEdit(self)
        self.event_place.setPlaceholderText("desa, kecamatan; mis. kebun di Desa Aplasi")
        # JKK
        self.event_time = ClockField(self)
        self.context = ChoiceCombo(self)
        self.context.set_choices([(v, k) for k, v in ACCIDENT_CONTEXT.items()], "— pilih —")
        self.description = _text_box(self, "Apa yang terjadi, urut dari awal")
        self.injuries = QLineEdit(self)
        self.injuries.setPlaceholderText("mis. patah kaki kiri, luka robek di kepala")
        self.treatment_place = QLineEdit(self)
        self.treatment_place.setPlaceholderText("mis. RSUD Kefamenanu, Puskesmas Eban")
        self.witnesses = _text_box(self, "Nama saksi dan hubungannya; pisahkan dengan ;", 2)
        self.traffic = QCheckBox("Kecelakaan lalu lintas", self)
        self.police_report = QLineEdit(self)
        self.police_report.setPlaceholderText("nomor laporan polisi")
        self.report_date = DateField(self)
        self.report_time = ClockField(self)
        self.outcome = ChoiceCombo(self)
        self.outcome.set_choices([(v, k) for k, v in JKK_OUTCOME.items()], None)
        self.disability = NumberField("persen, 1–100", self)
        self.death_date = DateField(self)
        self.income = NumberField("kosong: nilai bawaan (Rp1.000.000)", self)
        # JKM
        self.cause = QLineEdit(self)
        self.cause.setPlaceholderText("sebab kematian seperti tertulis di akta/surat keterangan")
        self.notes = _text_box(self, "Catatan petugas (tidak dicetak)", 2)
        self.jkk_box = QGroupBox("Kecelakaan kerja (JKK)", self)
        self.jkm_box = QGroupBox("Kematian (JKM)", self)
        self._rows: list[FieldRows] = []
        self._lay_out()
        self._connect()
        self._follow_type()

    # -- values -------------------------------------------------------------------------

    def first_field(self) -> QWidget:
        """Where typing starts: the claim type while it may be chosen, else the date."""
        if self.jkk_radio.isEnabled():
            return self.jkm_radio if self.jkm_radio.isChecked() else self.jkk_radio
        return self.event_date

    def claim_type(self) -> ClaimType | None:
        if self.jkk_radio.isChecked():
            return ClaimType.JKK
        return ClaimType.JKM if self.jkm_radio.isChecked() else None

    def collect(self) -> ClaimInput:
        reported = None
        report_day, report_clock = self.report_date.value(), self.report_time.value()
        if report_day is not None and report_clock is not None:
            # Typed on the office clock; the service reads a naive moment on it.
            reported = datetime.combine(report_day, report_clock)
        return ClaimInput(
            claim_type=self.claim_type(),
            event_date=self.event_date.value(),
            event_place=_text(self.event_place),
            event_time=self.event_time.value(),
            accident_context=self.context.value(),
            description=_text(self.description),
            injuries=_text(self.injuries),
            treatment_place=_text(self.treatment_place),
            witnesses=_text(self.witnesses),
            traffic_accident=self.traffic.isChecked(),
            police_report_number=_text(self.police_report),
            jkk_outcome=self.outcome.value(),
            disability_percent=self.disability.value(),
            death_date=self.death_date.value(),
            reported_income=self.income.value(),
            first_report_at=reported,
            cause_of_death=_text(self.cause),
            notes=_text(self.notes),
        )

    def load(self, data: ClaimInput, zone: tzinfo | None = None) -> None:
        """``zone``: the office's clock, which a stored first report is shown on."""
        assert zone is not None or data.first_report_at is None
        self._loading = True
        self.jkk_radio.setChecked(data.claim_type is ClaimType.JKK)
        self.jkm_radio.setChecked(data.claim_type is ClaimType.JKM)
        self.event_date.set_value(data.event_date)
        self.event_place.setText(data.event_place or "")
        self.event_time.set_value(data.event_time)
        self.context.set_value(data.accident_context)
        self.description.setPlainText(data.description or "")
        self.injuries.setText(data.injuries or "")
        self.treatment_place.setText(data.treatment_place or "")
        self.witnesses.setPlainText(data.witnesses or "")
        self.traffic.setChecked(data.traffic_accident)
        self.police_report.setText(data.police_report_number or "")
        stored = data.first_report_at
        reported = on_office_clock(stored, zone) if stored is not None and zone else None
        self.report_date.set_value(reported.date() if reported else None)
        self.report_time.set_value(reported.time() if reported else None)
        self.outcome.set_value(data.jkk_outcome or JkkOutcome.TREATMENT)
        self.disability.set_value(data.disability_percent)
        self.death_date.set_value(data.death_date if data.claim_type is ClaimType.JKK else None)
        self.income.set_value(data.reported_income)
        self.cause.setText(data.cause_of_death or "")
        self.notes.setPlainText(data.notes or "")
        self._loading = False
        self._follow_type()

    def local_problems(self) -> list[Problem]:
        """What was typed but cannot be read (the service would only see "empty")."""
        found = [
            self.event_date.problem("event_date", "Tanggal kejadian"),
            self.death_date.problem("death_date", "Tanggal meninggal"),
            self.report_date.problem("first_report_at", "Tanggal laporan tahap I"),
            self.event_time.problem("event_time", "Jam kecelakaan"),
            self.report_time.problem("first_report_at", "Jam laporan tahap I"),
            self.disability.problem("disability_percent", "Persentase cacat"),
            self.income.problem("reported_income", "Penghasilan dilaporkan"),
        ]
        problems = [p for p in found if p is not None]
        if bool(self.report_date.text().strip()) != bool(self.report_time.text().strip()):
            problems.append(
                Problem(
                    "first_report_half",
                    "first_report_at",
                    "Laporan tahap I: isi tanggal dan jamnya, atau kosongkan keduanya.",
                )
            )
        return problems

    def show_problems(self, problems: list[Problem]) -> None:
        for rows in self._rows:
            rows.show(problems)

    def set_type_locked(self, locked: bool) -> None:
        """A stored claim keeps its type (the service refuses a change)."""
        for radio in (self.jkk_radio, self.jkm_radio):
            radio.setEnabled(not locked)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self._inputs():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    # -- building -----------------------------------------------------------------------

    def _inputs(self) -> list[QWidget]:
        return [
            self.event_date, self.event_place, self.event_time, self.context, self.description,
            self.injuries, self.treatment_place, self.witnesses, self.traffic, self.police_report,
            self.report_date, self.report_time, self.outcome, self.disability, self.death_date,
            self.income, self.cause, self.notes,
        ]  # fmt: skip

    def _lay_out(self) -> None:
        self.type_group.addButton(self.jkk_radio)
        self.type_group.addButton(self.jkm_radio)
        kinds = QWidget(self)
        kinds_layout = QHBoxLayout(kinds)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        kinds_layout.addWidget(self.jkk_radio)
        kinds_layout.addWidget(self.jkm_radio)
        kinds_layout.addStretch(1)
        for field in (self.event_date, self.report_date, self.death_date):
            field.setMaximumWidth(field.minimumWidth() + 60)
        top = FieldRows(self)
        top.add("Jenis klaim", kinds, "claim_type")
        top.add("Tanggal kejadian", self.event_date, "event_date")
        top.add("Tempat kejadian", self.event_place, "event_place")
        accident, outcome = FieldRows(self), FieldRows(self)
        accident.add("Jam kecelakaan", self.event_time, "event_time")
        accident.add("Saat kejadian", self.context, "accident_context")
        accident.add("Kronologi singkat", self.description, "description")
        accident.add("Luka/cedera", self.injuries, "injuries")
        accident.add("Tempat perawatan", self.treatment_place, "treatment_place")
        accident.add("Saksi", self.witnesses, "witnesses")
        accident.add("", self.traffic, "traffic_accident")
        accident.add("No. laporan polisi", self.police_report, "police_report_number")
        accident.finish()
        reported = _pair(self, self.report_date, self.report_time)
        outcome.add("Laporan tahap I", reported, "first_report_at")
        outcome.add("Keadaan akhir", self.outcome, "jkk_outcome")
        outcome.add("Persentase cacat", self.disability, "disability_percent")
        outcome.add("Tanggal meninggal", self.death_date, "death_date")
        outcome.add("Penghasilan/bulan", self.income, "reported_income")
        outcome.add_widget(_hint(self, REPORT_HINT))
        outcome.finish()
        columns = QHBoxLayout(self.jkk_box)
        columns.addLayout(accident.layout, 3)
        columns.addSpacing(16)
        columns.addLayout(outcome.layout, 2)
        death = FieldRows(self)
        death.add("Sebab kematian", self.cause, "cause_of_death")
        self.jkm_box.setLayout(death.layout)
        bottom = FieldRows(self)
        bottom.add("Catatan", self.notes, "notes")
        self._rows = [top, accident, outcome, death, bottom]
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(top.layout)
        body_layout.addWidget(self.jkk_box)
        body_layout.addWidget(self.jkm_box)
        body_layout.addLayout(bottom.layout)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _connect(self) -> None:
        self.type_group.buttonClicked.connect(lambda _b: self._report("claim_type"))
        self.traffic.toggled.connect(lambda _on: self._report("traffic_accident"))
        self.outcome.activated.connect(lambda _i: self._report("jkk_outcome"))
        self.context.activated.connect(lambda _i: self._report("accident_context"))
        watched: list[tuple[Any, str]] = [
            (self.event_date.changed, "event_date"),
            (self.death_date.changed, "death_date"),
            (self.report_date.changed, "first_report_at"),
            (self.event_place.textEdited, "event_place"),
            (self.event_time.textEdited, "event_time"),
            (self.report_time.textEdited, "first_report_at"),
            (self.injuries.textEdited, "injuries"),
            (self.treatment_place.textEdited, "treatment_place"),
            (self.police_report.textEdited, "police_report_number"),
            (self.disability.textEdited, "disability_percent"),
            (self.income.textEdited, "reported_income"),
            (self.cause.textEdited, "cause_of_death"),
            (self.description.textChanged, "description"),
            (self.witnesses.textChanged, "witnesses"),
            (self.notes.textChanged, "notes"),
        ]
        for signal, field in watched:
            signal.connect(lambda *_args, f=field: self._report(f))

    def _report(self, field: str) -> None:
        self._follow_type()
        if not self._loading:
            emit(self.edited, field)

    def _follow_type(self) -> None:
        kind = self.claim_type()
        self.jkk_box.setVisible(kind is ClaimType.JKK)
        self.jkm_box.setVisible(kind is ClaimType.JKM)
        self.police_report.setEnabled(self.traffic.isChecked())
        outcome = self.outcome.value()
        self.disability.setEnabled(outcome is JkkOutcome.PARTIAL_DISABILITY)
        self.death_date.setEnabled(outcome is JkkOutcome.DEATH)


def _pair(parent: QWidget, date_field: DateField, clock: ClockField) -> QWidget:
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(date_field, 1)
    layout.addWidget(QLabel("jam", box))
    layout.addWidget(clock)
    return box


def _hint(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color:#5f6368")
    return label
