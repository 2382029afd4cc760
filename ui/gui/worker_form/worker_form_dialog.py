"""Data peserta: create or edit one worker, with the service's checks shown as the clerk types."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import Problem, SiRentanError
from services.core.permissions import Permission
from services.workers.types import SaveResult, WorkerDetail, WorkerInput
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_place, call_or_show
from ui.gui.signals import emit
from ui.gui.widgets.discard_prompt import ask_discard
from ui.gui.widgets.keyboard import TabWalk, enter_clicks, first_field_on_show, with_shortcut
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.problem_board import CHECK_DELAY_MS, TabbedProblemBoard, merge
from ui.gui.worker_form.card_tab import CardTab
from ui.gui.worker_form.claim_tab import ClaimTab
from ui.gui.worker_form.conflict_flow import resolve_conflict
from ui.gui.worker_form.form_header import header_html
from ui.gui.worker_form.form_tab import FormTab
from ui.gui.worker_form.heirs_tab import HeirsTab
from ui.gui.worker_form.history_tab import HistoryTab
from ui.gui.worker_form.membership_tab import MembershipTab, PeriodAction
from ui.gui.worker_form.nik_prompt import ask_save_despite, nik_warnings
from ui.gui.worker_form.period_dialogs import (
    CancelStatusDialog,
    CoverageDialog,
    EndPeriodDialog,
    PeriodDialog,
    RemovePeriodDialog,
)
from ui.gui.worker_form.personal_tab import PersonalTab
from ui.gui.worker_form.status_dialog import StatusDialog

HISTORY_TITLE = "Riwayat"


def blank_input() -> WorkerInput:
    return WorkerInput(
        nik="", full_name="", birth_date=None, gender=None,
        village_code=None, occupation_code=None, funding=None,
    )  # fmt: skip


class WorkerFormDialog(QDialog):
    _first_field: QWidget  # where the focus goes when the form shows
    # Saved, or its status changed: the list and others may reload.
    record_changed = Signal(object)  # SaveResult

    def __init__(
        self, app: AppContext, detail: WorkerDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Data peserta")
        self._app = app
        self.detail = detail
        # Pengamat and verifikator read; the service would refuse their saves anyway.
        self.read_only = not app.can(Permission.EDIT_WORKERS)
        self.header = QLabel(self)
        self.banner = NoticeBanner(self)
        self.tabs = QTabWidget(self)
        self.personal = PersonalTab(app.regions, app.workers.occupations(), self)
        self.membership = MembershipTab(self)
        self.heirs = HeirsTab(self)
        self.history = HistoryTab(app, self)
        self.cards = CardTab(app, self)
        self.claims = ClaimTab(app, self)
        self._tabs: list[tuple[FormTab, str]] = [
            (self.personal, "Data pribadi"),
            (self.membership, "Kepesertaan"),
            (self.heirs, "Ahli waris"),
        ]
        self.save_button = QPushButton("Simpan", self)
        self.reload_button = QPushButton("Muat ulang", self)
        self.cancel_button = QPushButton("Tutup" if self.read_only else "Batal", self)
        self.board = TabbedProblemBoard(self.tabs, self._tabs, self.banner)
        self.dirty = False
        self._loading = False
        self._loaded_input = blank_input()  # what the form showed before the clerk typed
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._lay_out()
        self._connect()
        self._apply_role()
        self.load(detail)

    @property
    def app(self) -> AppContext:
        return self._app

    @property
    def worker_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def collect(self) -> WorkerInput:
        data = blank_input()
        for tab, _title in self._tabs:
            tab.collect(data)
        return data

    # -- checking -------------------------------------------------------------------------

    def check_now(self) -> list[Problem]:
        """Run the check at once (as the pause after typing would) and show its findings."""
        self._timer.stop()
        if self.read_only:
            return []
        try:
            found = self._app.workers.check(self.collect(), self.worker_id)
        except SiRentanError as error:
            self.banner.show_message(
                f"Pemeriksaan otomatis belum dapat dijalankan: {error.message}", Tone.WARNING
            )
            return self.board.problems
        self.board.present(merge(self._local_problems(), found))
        return self.board.problems

    def _local_problems(self) -> list[Problem]:
        return [p for tab, _title in self._tabs for p in tab.local_problems()]

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        if self.read_only:
            return False
        self._timer.stop()
        self.board.show_all = True
        data = self.collect()
        local = self._local_problems()
        if any(p.is_error for p in local):
            self.check_now()
            return self._refused()
        asked = self._confirm_nik_warnings(data)
        if asked is None:
            return False
        detail, workers = self.detail, self._app.workers
        merged: list[bool] = []  # the conflict's own save, when the clerk overwrites
        result = call_or_place(
            self,
            self.banner,
            lambda problems: self._refused(merge(local, problems)),
            lambda: (
                workers.create(data)
                if detail is None
                else workers.update(detail.id, data, detail.version)
            ),
            conflict=lambda error: merged.append(resolve_conflict(self, error)),
        )
        if result is FAILED:
            return any(merged)
        self.dirty = False
        self.detail = result.worker
        if asked:
            # Confirmed before saving: not told again as "Tersimpan, dengan catatan".
            result = replace(result, warnings=[w for w in result.warnings if w not in asked])
        emit(self.record_changed, result)
        super().accept()
        return True

    def _confirm_nik_warnings(self, data: WorkerInput) -> list[Problem] | None:
        """The NIK warnings the clerk agreed to save with ([] when none); None: not saved."""
        try:
            found = self._app.workers.check(data, self.worker_id)
        except SiRentanError:
            return []  # the save itself will say what is wrong with the database
        if any(p.is_error for p in found):
            return []  # the service refuses the save and the form shows why
        warnings = nik_warnings(found)
        if not warnings:
            return []
        if (
            self.detail is not None
            and self.loaded_input.nik == data.nik
            and (
                (self.loaded_input.birth_date, self.loaded_input.gender)
                == (data.birth_date, data.gender)
            )
        ):
            return []  # stored so before, with the clerk's consent then
        self.board.present(merge(self._local_problems(), found))
        return warnings if ask_save_despite(self, warnings) else None

    def _refused(self, problems: list[Problem] | None = None) -> bool:
        """Nothing saved: ``problems`` (the service's, with the form's own) shown, and why."""
        if problems is not None:
            self.board.present(problems)
        self.board.explain_refusal()
        return False

    @property
    def loaded_input(self) -> WorkerInput:
        """What the form showed before the clerk typed (collected the same way as now)."""
        return self._loaded_input

    def latest(self) -> WorkerDetail | None:
        assert self.worker_id is not None
        worker_id = self.worker_id
        detail = call_or_show(self, self.banner, lambda: self._app.workers.get(worker_id))
        return None if detail is FAILED else detail

    def reload_from_database(self) -> None:
        """Show the record as stored now; what this clerk typed is dropped."""
        if self.worker_id is None:
            return
        detail = self.latest()
        if detail is not None:
            self.load(detail)
            self.banner.show_message("Data terbaru dari basis data sudah dimuat.", Tone.INFO)

    # -- identity and history ---------------------------------------------------------

    def reveal_identity(self) -> bool:
        """The whole NIK and No. KK for a clerk who sees them masked (the service records it)."""
        worker_id = self.worker_id
        if worker_id is None:
            return False
        identity = call_or_show(
            self, self.banner, lambda: self._app.workers.reveal_identity(worker_id)
        )
        if identity is FAILED:
            return False
        nik, kk = identity
        self._loading = True  # shown, not typed
        self.personal.show_identity(nik, kk)
        self._loading = False
        if self.detail is not None:
            self._show_header(replace(self.detail, nik=nik))
        self.banner.show_message("NIK lengkap ditampilkan; pembukaan ini dicatat.", Tone.INFO)
        return True

    def _on_tab_changed(self, index: int) -> None:
        # Read-only tabs are read when first looked at, not with every form.
        for tab in (self.history, self.cards, self.claims):
            if self.tabs.widget(index) is tab and not tab.loaded:
                tab.load()

    # -- status -------------------------------------------------------------------------------

    def change_status(self) -> StatusDialog | None:
        if self.detail is None or self.read_only:
            return None
        dialog = StatusDialog(self._app.workers, self.detail, self)
        dialog.status_changed.connect(self._on_status_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def cancel_status(self) -> CoverageDialog | None:
        event = self.membership.latest_event()
        if self.detail is None or self.read_only or event is None:
            return None
        return self._open_coverage(CancelStatusDialog(self._app.workers, self.detail, event, self))

    def edit_period(self, action: str) -> CoverageDialog | None:
        """Tambah, Ubah, Akhiri or Hapus periode: a dialog of its own, saved at once."""
        if self.detail is None or self.read_only:
            return None
        workers, detail = self._app.workers, self.detail
        if action == PeriodAction.ADD:
            return self._open_coverage(PeriodDialog(workers, detail, None, self))
        period = self.membership.selected_period()
        if period is None:
            return None
        dialogs = {
            PeriodAction.EDIT: lambda: PeriodDialog(workers, detail, period, self),
            PeriodAction.END: lambda: EndPeriodDialog(workers, detail, period, self),
            PeriodAction.REMOVE: lambda: RemovePeriodDialog(workers, detail, period, self),
        }
        return self._open_coverage(dialogs[action]())

    def _open_coverage(self, dialog: CoverageDialog) -> CoverageDialog:
        dialog.changed.connect(self._on_status_changed)
        dialog.finished.connect(dialog.deleteLater)
        # Back in the history, where the next period is chosen by the arrows.
        dialog.finished.connect(lambda _result: self._return_to_periods())
        dialog.open()
        return dialog

    def _return_to_periods(self) -> None:
        self.activateWindow()
        self.membership.periods.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_status_changed(self, detail: WorkerDetail) -> None:
        # Only the coverage changed in the database; what is typed in the form stays,
        # and the hidden period rows follow the stored history (nothing typed there).
        self.detail = detail
        was_dirty, self._loading = self.dirty, True
        self.membership.follow_coverage(detail)
        self._loading, self.dirty = False, was_dirty
        self._loaded_input = replace(
            self._loaded_input,
            coverage_start=detail.coverage_start,
            coverage_end=detail.coverage_end,
            funding=detail.funding,
        )
        self.membership.show_status(detail)
        self.membership.show_history(self._app.workers.coverage_history(detail.id))
        self._show_header(detail)
        self.history.show_worker(detail.id)
        emit(self.record_changed, SaveResult(detail, []))

    # -- closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        if self.dirty and not ask_discard(self):
            return
        super().reject()

    # -- building -----------------------------------------------------------------------------

    def load(self, detail: WorkerDetail | None) -> None:
        self.show_input(detail.to_input() if detail else blank_input())
        self._loaded_input = self.collect()
        self.detail = detail
        self.dirty = False
        self.reload_button.hide()
        self.membership.show_status(detail)
        self.membership.show_history(
            self._app.workers.coverage_history(detail.id) if detail else None
        )
        self.personal.reveal_button.setVisible(detail is not None and self._app.masks_identity)
        self._show_header(detail)
        for tab in (self.history, self.cards, self.claims):
            tab.show_worker(detail.id if detail else None)
            if self.tabs.currentWidget() is tab:
                tab.load()
        # A stored record was valid when saved: show all it says, not only touched fields.
        self.board.reset(show_all=detail is not None)
        if detail is not None and not self.read_only:
            self._timer.start()  # a stored record may carry warnings worth seeing

    def prefill_nik(self, nik: str) -> None:
        """A new worker whose NIK the front desk already has: typing starts at No. KK."""
        self.personal.nik.setText(nik)
        self._on_edited("nik")
        self.personal.kk_number.setFocus(Qt.FocusReason.OtherFocusReason)
        self._first_field = self.personal.kk_number

    def show_input(self, data: WorkerInput) -> None:
        self._loading = True
        for tab, _title in self._tabs:
            tab.load(data)
        self._loading = False
        self.dirty = data != self._loaded_input

    def _show_header(self, detail: WorkerDetail | None) -> None:
        zone = self._app.office_zone() if detail is not None else None
        self.header.setText(header_html(detail, self.read_only, zone))

    def _apply_role(self) -> None:
        for tab, _title in self._tabs:
            tab.set_read_only(self.read_only)
        self.heirs.set_masked(self._app.masks_identity)
        self.save_button.setVisible(not self.read_only)

    def _lay_out(self) -> None:
        for tab, title in self._tabs:
            self.tabs.addTab(tab, title)
        self.tabs.addTab(self.cards, "Kartu")
        self.tabs.addTab(self.claims, "Klaim")
        self.tabs.addTab(self.history, HISTORY_TITLE)
        for button in (self.save_button, self.reload_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must not save half a form
        with_shortcut(self.save_button, "Simpan", "Ctrl+S")
        enter_clicks(self, self.save_button, self.reload_button, self.cancel_button)
        self._first_field = self.personal.nik
        first_field_on_show(self, lambda: self._first_field)
        self._walk = TabWalk(self.tabs)
        # A plain row, not a QDialogButtonBox: that one makes Simpan the default
        # button, and Enter in any field would then save half a form.
        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(920, 640)

    def _connect(self) -> None:
        for tab, _title in self._tabs:
            tab.edited.connect(self._on_edited)
        self._timer.timeout.connect(self.check_now)
        self.membership.change_status_requested.connect(self.change_status)
        self.membership.cancel_status_requested.connect(self.cancel_status)
        self.membership.period_requested.connect(self.edit_period)
        self.personal.reveal_requested.connect(self.reveal_identity)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.save_button.clicked.connect(self.save)
        self.reload_button.clicked.connect(self.reload_from_database)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab past a page's last field opens the next tab (Kepesertaan after Data pribadi).
        return self._walk.step(next) or super().focusNextPrevChild(next)

    def _on_edited(self, field: str) -> None:
        if self._loading:
            return
        self.board.touch(field)
        self.dirty = True
        self._timer.start()
