"""Perjanjian Kerja Sama: the parameters, the value computed live by the service (figures
and words, as the agreement will print them), preview and issue."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from services import documents as docs
from services.core.context import ServiceContext
from services.core.errors import Problem, SiRentanError, ValidationError
from services.documents.page import RenderedPdf
from services.text.formatting import long_date
from services.text.money import number, rupiah, rupiah_words
from ui.gui.app_context import AppContext
from ui.gui.documents.agreement_form import AgreementForm
from ui.gui.documents.compose_page import ComposePage
from ui.gui.widgets.notice_banner import Tone

COMPUTE_DELAY_MS = 300
NOT_YET = "Nilai perjanjian dihitung dan tampil di sini setelah isiannya lengkap."


def value_html(params: docs.AgreementParams) -> str:
    """The computed value as the clerk checks it: figures, then words in brackets."""
    source = "diketik" if params.workers_typed else f"register {long_date(params.count_date)}"
    return (
        f"<b>{number(params.workers)} orang</b> ({source}) × {rupiah(params.premium_per_worker)} "
        f"(JKK {rupiah(params.jkk_monthly)} + JKM {rupiah(params.jkm_monthly)}) × "
        f"{params.months} bulan, {long_date(params.period_start)} s.d. "
        f"{long_date(params.period_end)}<br>"
        f"Nilai per bulan: <b>{rupiah(params.monthly_value)}</b> "
        f"<i>({rupiah_words(params.monthly_value)})</i><br>"
        f"Nilai total: <b>{rupiah(params.total_value)}</b> "
        f"<i>({rupiah_words(params.total_value)})</i>"
        + "".join(
            f"<br>Tahun Anggaran {y.year}: {y.months} bulan, {rupiah(y.amount)}"
            for y in params.budget_years
            if params.multi_year
        )
        + missing_html(params.missing)
    )


def missing_html(missing: list[Problem]) -> str:
    """What must still be filled before the agreement can be issued."""
    if not missing:
        return ""
    # The first sentence of each; the whole message stands under its input.
    items = "; ".join(escape(p.text.split(". ")[0].rstrip(".")) for p in missing)
    return f"<br><span style='color:#a50e0e'><b>Belum dapat diterbitkan:</b> {items}.</span>"


class AgreementPage(ComposePage):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            app,
            "Isi parameter perjanjian, lalu tekan Pratinjau.\nPDF perjanjian tampil di sini.",
            parent,
        )
        self.fields = AgreementForm(app, self.form)
        self.form_layout.addWidget(self.fields)
        self.value = QLabel(NOT_YET, self)
        self.params: docs.AgreementParams | None = None
        self._asked = 0
        self._timer = QTimer(self, singleShot=True, interval=COMPUTE_DELAY_MS)
        self._lay_out_value()
        self.fields.changed.connect(self._changed)
        self._timer.timeout.connect(self.compute)
        refused = self.reload_signatories()
        self.reset_form()
        if refused:
            self.banner.show_message(refused, Tone.ERROR)

    def reload_signatories(self) -> str | None:
        refused = self.fields.signatory.reload()
        self.fields.signatory_chosen()  # the list may have chosen the new one by itself
        return refused

    def load_correction(self, number: str, stored: dict[str, Any]) -> None:
        self.start_new()
        kept = self.fields.load(stored)
        self.set_replaces(number)
        if not kept:
            self.fields.place_problems(
                [
                    Problem(
                        "signatory_inactive",
                        "signatory_id",
                        "PIHAK PERTAMA perjanjian lama sudah tidak aktif; pilih yang lain.",
                    )
                ]
            )
        self.compute()

    def compute(self) -> None:
        """Ask the service for the value of what is typed now (in the background)."""
        self._timer.stop()
        problems: list[Problem] = []
        request = self.fields.request(problems, None)
        self._asked += 1
        asked = self._asked
        if request is None:
            self._show_value(None)
            self.place_problems(problems)
            return
        ctx = self.app.ctx
        self.tasks.run(
            lambda: docs.compute_agreement(ctx, request),
            lambda params: self._computed(params, asked),
            lambda error: self._not_computed(error, asked),
            wanted=lambda: asked == self._asked,
            retry=False,  # asked as the clerk types: the next change asks again, no box
        )

    # -- ComposePage ------------------------------------------------------------------

    def build_request(self, problems: list[Problem]) -> docs.AgreementRequest | None:
        return self.fields.request(problems, self.replaces_number)

    def render_preview(self, ctx: ServiceContext, request: docs.AgreementRequest) -> RenderedPdf:
        return docs.preview_agreement(ctx, request)

    def issue_request(
        self, ctx: ServiceContext, request: docs.AgreementRequest, placeholder_confirmed: bool
    ) -> docs.IssuedDocument:
        return docs.issue_agreement(ctx, request, placeholder_confirmed=placeholder_confirmed)

    def place_problems(self, problems: list[Problem]) -> list[Problem]:
        return self.fields.place_problems(problems)

    def reset_form(self) -> None:
        self.fields.reset()
        self.compute()

    def what(self) -> str:
        return "perjanjian kerja sama ini"

    # -- inside -----------------------------------------------------------------------

    def _changed(self) -> None:
        self.form_changed()
        self._timer.start()

    def _computed(self, params: docs.AgreementParams, asked: int) -> None:
        if asked != self._asked:
            return
        # The particulars still missing are marked at their inputs; the preview shows them
        # as marked blanks and issuing refuses until they are filled.
        self.place_problems(params.missing)
        if self.banner.tone is Tone.ERROR:
            self.banner.clear_message()  # what was refused is fixed now
        self.fields.show_rates(params)
        self._show_value(params)

    def _not_computed(self, error: SiRentanError, asked: int) -> None:
        if asked != self._asked:
            return
        self._show_value(None)
        if isinstance(error, ValidationError):
            rest = self.place_problems(error.problems)
            if rest:
                self.banner.show_message("\n".join(p.text for p in rest), Tone.ERROR)
        else:
            self.banner.show_message(error.message, Tone.ERROR)

    def _show_value(self, params: docs.AgreementParams | None) -> None:
        self.params = params
        self.value.setText(value_html(params) if params else NOT_YET)

    def _lay_out_value(self) -> None:
        self.value.setTextFormat(Qt.TextFormat.RichText)
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setStyleSheet(
            "QLabel { background:#e8f0fe; color:#1a3d7c; border:1px solid #aac4f0; "
            "border-radius:4px; padding:6px 8px; }"
        )
        self.value.setToolTip("Dihitung dari isian di atas, seperti yang akan tercetak")
        self.footer.addWidget(self.value)
