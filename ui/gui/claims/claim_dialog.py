"""Berkas klaim: one JKK or JKM claim from the first report to the payment.

A new claim shows only its event and eligibility until "Buka klaim" stores it; then the
heirs, documents, benefit and history tabs open. The event is checked as the clerk types
(eligibility appears the moment the date is in); the other tabs store each change at once.
Status steps are offered as the service allows them to this clerk, and wait while the
event has unsaved edits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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

from models.enums import ClaimStatus
from services import claims
from services.claims import ClaimCheck, ClaimDetail, ClaimInput, StatusChange
from services.claims.validation import typed_on_office_clock
from services.core.errors import Problem, SiRentanError
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.claims.benefit_tab import BenefitTab
from ui.gui.claims.claim_header import ClaimOwner, claim_html, new_claim_html
from ui.gui.claims.claim_keeper import ClaimKeeper
from ui.gui.claims.documents_tab import DocumentsTab
from ui.gui.claims.eligibility_view import EligibilityStrip, EligibilityTab
from ui.gui.claims.event_tab import EventTab
from ui.gui.claims.heirs_tab import ClaimHeirsTab
from ui.gui.claims.history_tab import ClaimHistoryTab
from ui.gui.claims.step_buttons import StepButtons
from ui.gui.claims.step_dialog import StepDialog
from ui.gui.messages import show_error
from ui.gui.retry import FAILED, call_or_place, with_retry
from ui.gui.signals import emit
from ui.gui.widgets.discard_prompt import ask_discard
from ui.gui.widgets.keyboard import TabWalk, enter_clicks, first_field_on_show, with_shortcut
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.problem_board import CHECK_DELAY_MS, ProblemBoard, merge

STORED_TABS = ("Ahli waris", "Dokumen", "Manfaat", "Riwayat")
UNSAVED = "Simpan dulu perubahan kejadian (atau muat ulang) sebelum mengubah status."
# Before the claim goes to BPJS: the letter that goes with it.
LETTER_STATUSES = frozenset({ClaimStatus.DRAFT, ClaimStatus.COMPLETE})
LETTER_UNSAVED = "Simpan dulu perubahan kejadian (atau muat ulang) sebelum membuat surat klaim."


class ClaimDialog(QDialog):
    def __init__(
        self,
        app: AppContext,
        detail: ClaimDetail | None,
        owner: ClaimOwner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert detail is not None or owner is not None
        self.setWindowTitle("Berkas klaim")
        self.app = app
        self.keeper = ClaimKeeper(app, self)
        self.owner = owner
        self.header = QLabel(self)
        self.banner = NoticeBanner(self)
        self.strip = EligibilityStrip(self)
        self.tabs = QTabWidget(self)
        self.event_tab = EventTab(self)
        self.eligibility = EligibilityTab(self)
        self.heirs = ClaimHeirsTab(self.keeper, self)
        self.documents = DocumentsTab(self.keeper, self)
        self.benefit = BenefitTab(self)
        self.history = ClaimHistoryTab(self)
        self.steps = StepButtons(self)
        self.save_button = QPushButton(self)
        self.letter_button = QPushButton("Buat surat klaim…", self)
        self.letter_button.setToolTip(
            "Surat permohonan/rekomendasi klaim ke BPJS, diisi dari klaim ini (Surat & PKS)"
        )
        self.close_button = QPushButton("Tutup", self)
        self.dirty = False
        # Under the event's fields only: the banner is also the other tabs' and the steps'.
        self.board = ProblemBoard([self.event_tab])
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._lay_out()
        self._connect()
        if detail is not None:
            self.keeper.show(detail)
        else:
            self._start_new()

    @property
    def detail(self) -> ClaimDetail | None:
        return self.keeper.detail

    @property
    def worker_id(self) -> int:
        if self.detail is not None:
            return self.detail.worker.id
        assert self.owner is not None
        return self.owner.worker_id

    # -- the event ------------------------------------------------------------------------

    def check_now(self) -> ClaimCheck | None:
        """The service's check of the event as typed: problems and eligibility, nothing
        stored (what the pause after typing does)."""
        self._timer.stop()
        if not self.keeper.editable:
            return None
        data = self.event_tab.collect()
        ctx, worker_id = self.app.ctx, self.worker_id
        claim_id = self.detail.id if self.detail else None
        try:
            check = claims.check_claim(ctx, worker_id, data, claim_id)
        except SiRentanError as error:
            self.banner.show_message(
                f"Pemeriksaan otomatis belum dapat dijalankan: {error.message}", Tone.WARNING
            )
            return None
        self.board.present(merge(self.event_tab.local_problems(), check.problems))
        self._show_eligibility(check.eligibility, data)
        return check

    def save(self) -> bool:
        """Open the claim (new) or store its event; refused input stays on screen."""
        if not self.keeper.editable:
            return False
        self._timer.stop()
        self.board.show_all = True
        data = self.event_tab.collect()
        local = self.event_tab.local_problems()
        if local:
            self.check_now()
            return self._refused("Periksa isian yang ditandai merah.")
        ctx, detail = self.app.ctx, self.detail
        fresh = call_or_place(
            self,
            self.banner,
            self._place,
            lambda: (
                claims.open_claim(ctx, self.worker_id, data)
                if detail is None
                else claims.update_claim(ctx, detail.id, data, detail.version)
            ),
            reload=self.keeper.reload,
        )
        if fresh is FAILED:
            return False
        self.dirty = False
        self.keeper.show(fresh, stored=True)
        self.check_now()  # what is still worth a look (a warning) stays under its field
        self.banner.show_message(
            f"Klaim #{fresh.id} dibuka sebagai draf. Lengkapi ahli waris dan dokumennya."
            if detail is None
            else "Kejadian tersimpan.",
            Tone.INFO,
        )
        return True

    def reload_from_database(self) -> None:
        """Drop what was typed in the event and show the claim as stored now."""
        self.dirty = False
        if self.keeper.reload():
            self.banner.show_message("Data terbaru dari basis data sudah dimuat.", Tone.INFO)

    # -- the claim letter ---------------------------------------------------------------

    def can_write_letter(self) -> bool:
        detail = self.detail
        return (
            detail is not None
            and detail.status in LETTER_STATUSES
            and self.app.can(Permission.LETTERS)
            and self.app.can(Permission.CLAIMS)
        )

    def write_letter(self) -> bool:
        """Surat & PKS with the letter filled from this claim; this dialog closes, so the
        main window behind it can be used."""
        detail = self.detail
        if detail is None or not self.can_write_letter():
            return False
        if self.dirty:
            self.banner.show_message(LETTER_UNSAVED, Tone.WARNING)
            return False
        self.accept()
        emit(self.app.events.claim_letter_requested, detail.id)
        return True

    # -- status ---------------------------------------------------------------------------

    def request_step(self, target: ClaimStatus) -> StepDialog | None:
        """Checking the file complete needs nothing more; every other step asks first."""
        detail = self.detail
        if detail is None or target not in detail.next_steps:
            return None
        if self.dirty:
            self.banner.show_message(UNSAVED, Tone.WARNING)
            return None
        if target is ClaimStatus.COMPLETE and detail.status is ClaimStatus.DRAFT:
            change = StatusChange(ClaimStatus.COMPLETE)
            if self.keeper.try_store(
                lambda ctx, d: claims.change_status(ctx, d.id, change, d.version), self.banner
            ):
                self.banner.show_message(
                    "Berkas lengkap. Langkah berikutnya: ajukan ke BPJS dengan surat "
                    "pengantar dari register surat.",
                    Tone.INFO,
                )
            return None
        letter = self.write_letter if self.can_write_letter() else None
        dialog = StepDialog(self.keeper, target, self, write_letter=letter)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- showing --------------------------------------------------------------------------

    def _start_new(self) -> None:
        assert self.owner is not None
        self.header.setText(new_claim_html(self.owner))
        with_shortcut(self.save_button, "Buka klaim", "Ctrl+S")
        self.save_button.setToolTip("Simpan kejadian dan buka klaim sebagai draf")
        self.event_tab.load(ClaimInput(claim_type=None, event_date=None))
        self.steps.show_steps(None)
        self.letter_button.hide()
        for title in STORED_TABS:
            index = self._tab_index(title)
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, "Terbuka setelah klaim disimpan (Buka klaim)")
        self.strip.show_eligibility(None, None)
        self.eligibility.show_eligibility(None, None)

    def _on_changed(self, detail: ClaimDetail) -> None:
        editable = self.keeper.editable
        self.header.setText(claim_html(detail, read_only=not editable))
        with_shortcut(self.save_button, "Simpan kejadian", "Ctrl+S")
        self.save_button.setToolTip("Simpan perubahan di tab Kejadian (Ctrl+S)")
        self.save_button.setVisible(editable)
        self.letter_button.setVisible(self.can_write_letter())
        if not self.dirty:
            self.event_tab.load(detail.event, detail.zone)
            self._show_eligibility(detail.eligibility, detail.event)
        self.event_tab.set_type_locked(True)
        self.event_tab.set_read_only(not editable)
        for title in STORED_TABS:
            self.tabs.setTabEnabled(self._tab_index(title), True)
            self.tabs.setTabToolTip(self._tab_index(title), "")
        self.heirs.show_detail(detail)
        self.documents.show_detail(detail)
        self.benefit.show_detail(detail)
        self.history.show_detail(detail)
        self.steps.show_steps(detail)
        self.steps.set_blocked(UNSAVED if self.dirty else None)
        self.board.show_all = True

    def _show_eligibility(self, eligibility: claims.Eligibility | None, data: ClaimInput) -> None:
        reported = data.first_report_at
        if reported is not None and eligibility is not None:
            reported = typed_on_office_clock(reported, eligibility.zone)
        self.strip.show_eligibility(eligibility, reported)
        self.eligibility.show_eligibility(eligibility, reported)

    def _place(self, problems: list[Problem]) -> None:
        """The service's refusal: under the fields, and listed in the banner."""
        self.board.present(problems)
        self._refused(
            "Klaim belum dapat disimpan:" + "".join(f"\n- {p.text}" for p in problems if p.is_error)
        )

    def _refused(self, text: str) -> bool:
        self.banner.show_message(text, Tone.ERROR)
        self.tabs.setCurrentWidget(self.event_tab)
        return False

    def _on_edited(self, field: str) -> None:
        self.board.touch(field)
        self.dirty = True
        self.steps.set_blocked(UNSAVED)
        self._timer.start()

    # -- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        if self.dirty and not ask_discard(self):
            return
        super().reject()

    def done(self, code: int) -> None:
        # A scan or the slip may still be on its way; their files go with the dialog.
        self.keeper.tasks.wait()
        self.documents.cleanup()
        super().done(code)

    # -- building -----------------------------------------------------------------------------

    def _tab_index(self, title: str) -> int:
        return next(i for i in range(self.tabs.count()) if self.tabs.tabText(i) == title)

    def _lay_out(self) -> None:
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.tabs.addTab(self.event_tab, "Kejadian")
        self.tabs.addTab(self.eligibility, "Kelayakan")
        self.tabs.addTab(self.heirs, "Ahli waris")
        self.tabs.addTab(self.documents, "Dokumen")
        self.tabs.addTab(self.benefit, "Manfaat")
        self.tabs.addTab(self.history, "Riwayat")
        for button in (self.save_button, self.letter_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a field must not store half an event
        enter_clicks(self, self.save_button, self.letter_button, self.close_button)
        first_field_on_show(self, self.event_tab.first_field)
        self._walk = TabWalk(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(self.steps)
        bottom.addStretch(1)
        bottom.addWidget(self.letter_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.strip)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        # Within a 1024×768 screen; the screen fitter shrinks it further where needed.
        self.resize(960, 700)
        # Hiding the strip on the Kelayakan tab must not make the tab bar jump up.
        policy = self.strip.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.strip.setSizePolicy(policy)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab past a page's last field opens the next tab.
        return self._walk.step(next) or super().focusNextPrevChild(next)

    def _connect(self) -> None:
        self.keeper.changed.connect(self._on_changed)
        self.event_tab.edited.connect(self._on_edited)
        self._timer.timeout.connect(self.check_now)
        self.steps.requested.connect(self.request_step)
        # The Kelayakan tab says all the strip says, and more.
        self.tabs.currentChanged.connect(
            lambda _i: self.strip.setVisible(self.tabs.currentWidget() is not self.eligibility)
        )
        self.save_button.clicked.connect(self.save)
        self.letter_button.clicked.connect(self.write_letter)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)


def open_claim_dialog(
    app: AppContext,
    parent: QWidget,
    claim_id: int | None = None,
    owner: ClaimOwner | None = None,
) -> ClaimDialog | None:
    """A stored claim (``claim_id``) or a new one for ``owner``; shown, and returned."""
    detail = None
    if claim_id is not None:
        try:
            detail = with_retry(parent, lambda: claims.get_claim(app.ctx, claim_id))
        except SiRentanError as error:
            show_error(parent, error)
            return None
    dialog = ClaimDialog(app, detail, owner, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
