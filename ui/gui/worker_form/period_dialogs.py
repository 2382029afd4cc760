"""Riwayat kepesertaan: add, change, end or remove one coverage period, and cancel the
latest status change. Each dialog is one service call (services/workers/service.py), one
transaction; a refusal shows under the field it names and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import Problem
from services.coverage_history import PeriodInfo, StatusEventInfo
from services.coverage_history.clerk import REASON_MAX
from services.text.formatting import long_date
from services.text.labels import FUNDING, WORKER_STATUS
from services.workers.service import WorkerService
from services.workers.types import PeriodInput, WorkerDetail
from ui.gui.retry import FAILED, call_or_place
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.keyboard import first_field_on_show
from ui.gui.widgets.notice_banner import NoticeBanner, Tone


def period_text(period: PeriodInfo) -> str:
    end = long_date(period.end_date) if period.end_date else "seterusnya"
    return f"{long_date(period.start_date)} s.d. {end} ({FUNDING[period.funding]})"


class CoverageDialog(QDialog):
    """Fields in rows, a note on top, the service's refusal under its field; Enter in a
    field presses the default button (the action), Esc cancels."""

    changed = Signal(object)  # the WorkerDetail after the change

    def __init__(
        self,
        workers: WorkerService,
        worker: WorkerDetail,
        title: str,
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._workers = workers
        self._worker = worker
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.rows = FieldRows(self)
        self.banner = NoticeBanner(self)
        self.action_button = QPushButton(action, self)
        self.action_button.setDefault(True)
        self.buttons = accept_buttons(self, self.action_button)
        self._dates: list[tuple[DateField, str, str]] = []

    def finish_layout(self, first: QWidget) -> None:
        self.rows.finish()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        first_field_on_show(self, first)

    def date_row(self, label: str, field: str, value: date | None) -> DateField:
        widget = DateField(self)
        widget.set_value(value)
        self._dates.append((widget, field, label))
        self.rows.add(label, widget, field)
        return widget

    def accept(self) -> None:
        typed = [w.problem(field, label) for w, field, label in self._dates]
        problems = [p for p in typed if p is not None]
        if problems:
            self._show(problems)
            return
        detail = call_or_place(self, self.banner, self._show, self.call())
        if detail is FAILED:
            return
        emit(self.changed, detail)
        super().accept()

    def call(self) -> Callable[[], WorkerDetail]:
        raise NotImplementedError

    def _show(self, problems: list[Problem]) -> None:
        self.rows.show(problems)
        unplaced = [p.text for p in problems if not self.rows.owns(p.field)]
        if unplaced:
            self.banner.show_message(" ".join(unplaced), Tone.ERROR)
        else:
            self.banner.clear_message()
        for problem in problems:
            widget = self.rows.input_for(problem.field)
            if widget is not None:
                widget.setFocus()  # the cursor where the clerk puts it right
                break


class PeriodDialog(CoverageDialog):
    """Tambah periode (``period`` None) or Ubah periode."""

    def __init__(
        self,
        workers: WorkerService,
        worker: WorkerDetail,
        period: PeriodInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        adding = period is None
        super().__init__(
            workers,
            worker,
            "Tambah periode kepesertaan" if adding else "Ubah periode kepesertaan",
            "Simpan periode",
            parent,
        )
        self._period = period
        self.note.setText(
            f"Peserta: <b>{worker.full_name}</b>. "
            + (
                "Periode baru tidak boleh bertumpang tindih dengan periode yang sudah ada."
                if period is None
                else f"Periode {period_text(period)}."
            )
        )
        self.start = self.date_row("Mulai", "coverage_start", period.start_date if period else None)
        self.end = self.date_row(
            "Akhir (boleh kosong)", "coverage_end", period.end_date if period else None
        )
        self.end.setPlaceholderText("kosong: berlanjut")
        self.funding = ChoiceCombo(self)
        self.funding.set_choices([(v, k) for k, v in FUNDING.items()], None)
        self.funding.set_value(period.funding if period else worker.funding)
        self.rows.add("Sumber dana", self.funding, "funding")
        self.kpj = QLineEdit((period.kpj if period else worker.kpj) or "", self)
        self.kpj.setMaxLength(20)
        self.kpj.setPlaceholderText("No. KPJ pada periode ini (boleh kosong)")
        self.rows.add("No. KPJ", self.kpj, "kpj")
        self.finish_layout(self.start)

    def call(self) -> Callable[[], WorkerDetail]:
        worker, period = self._worker, self._period
        typed = PeriodInput(
            self.start.value(), self.end.value(), self.funding.value(), self.kpj.text() or None
        )
        if period is None:
            return lambda: self._workers.add_period(worker.id, typed, worker.version)
        return lambda: self._workers.change_period(worker.id, period.id, typed, worker.version)


class EndPeriodDialog(CoverageDialog):
    def __init__(
        self,
        workers: WorkerService,
        worker: WorkerDetail,
        period: PeriodInfo,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(workers, worker, "Akhiri periode kepesertaan", "Akhiri periode", parent)
        self._period = period
        self.note.setText(
            f"Peserta: <b>{worker.full_name}</b>. Periode {period_text(period)}.<br>"
            "Tanggal akhir adalah hari terakhir peserta terlindungi."
        )
        self.end = self.date_row("Akhir periode", "coverage_end", today or workers.office_today())
        self.finish_layout(self.end)

    def call(self) -> Callable[[], WorkerDetail]:
        worker, period, end = self._worker, self._period, self.end.value()
        return lambda: self._workers.end_period(worker.id, period.id, end, worker.version)


class RemovePeriodDialog(CoverageDialog):
    def __init__(
        self,
        workers: WorkerService,
        worker: WorkerDetail,
        period: PeriodInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workers, worker, "Hapus periode kepesertaan", "Hapus periode", parent)
        self._period = period
        self.note.setText(
            f"Peserta: <b>{worker.full_name}</b>. Periode {period_text(period)} "
            "dihapus dari riwayat, hanya bila salah dimasukkan. Untuk peserta yang berhenti, "
            "gunakan Akhiri periode. Alasannya dicatat dalam riwayat perubahan."
        )
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText("misalnya salah ketik tahun, data ganda")
        self.rows.add("Alasan", self.reason, "reason")
        self.finish_layout(self.reason)

    def call(self) -> Callable[[], WorkerDetail]:
        worker, period, reason = self._worker, self._period, self.reason.text()
        return lambda: self._workers.remove_period(worker.id, period.id, reason, worker.version)


class CancelStatusDialog(CoverageDialog):
    """Undo the latest status change (entered by mistake): the coverage it cut returns."""

    def __init__(
        self,
        workers: WorkerService,
        worker: WorkerDetail,
        event: StatusEventInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            workers, worker, "Batalkan perubahan status", "Batalkan perubahan status", parent
        )
        self._event = event
        reason = f" ({event.reason})" if event.reason else ""
        self.note.setText(
            f"Peserta: <b>{worker.full_name}</b>. Perubahan status terakhir: "
            f"<b>{WORKER_STATUS[event.status].lower()}</b> sejak "
            f"{long_date(event.effective_date)}{reason}.<br>Periode yang dipotongnya "
            "dipulihkan; pembatalan dan alasannya tetap tercatat."
        )
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("misalnya salah pilih peserta")
        self.rows.add("Alasan pembatalan", self.reason, "status_reason", "status")
        self.finish_layout(self.reason)

    def call(self) -> Callable[[], WorkerDetail]:
        worker, event, reason = self._worker, self._event, self.reason.text()
        return lambda: self._workers.cancel_status(worker.id, event.id, reason, worker.version)
