"""Surat baru: choose the letter type, fill its fields and the common ones (date,
signatory, Sifat, paper, Tembusan), preview, issue."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.core.context import ServiceContext
from services.core.errors import Problem, SiRentanError
from services.core.permissions import Permission
from services.documents.page import RenderedPdf
from ui.gui.app_context import AppContext
from ui.gui.documents.claim_editor import ClaimEditor
from ui.gui.documents.compose_page import ComposePage
from ui.gui.documents.form_values import required_date
from ui.gui.documents.heir_notice_editor import HeirNoticeEditor
from ui.gui.documents.letter_editor import LetterEditor
from ui.gui.documents.list_editor import ListEditor
from ui.gui.documents.membership_editor import MembershipEditor
from ui.gui.documents.paper import PAGE_SIZES, page_size_default
from ui.gui.documents.premium_editor import PremiumEditor
from ui.gui.documents.registration_editor import RegistrationEditor
from ui.gui.documents.signatory_combo import SignatoryCombo
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import Tone

EDITORS: tuple[type[LetterEditor], ...] = (
    RegistrationEditor,
    ClaimEditor,
    MembershipEditor,
    HeirNoticeEditor,
    PremiumEditor,
)
TEMPLATE_COPIES = "Tembusan dari templat surat"


class LetterPage(ComposePage):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            app,
            "Pilih jenis surat dan isi formulirnya, lalu tekan Pratinjau.\n"
            "PDF surat tampil di sini.",
            parent,
        )
        self.kind = ChoiceCombo(self.form)
        self.kind.set_choices([(docs.KIND_LABELS[e.KIND], e.KIND) for e in EDITORS], None)
        self.editors: dict[docs.DocumentKind, LetterEditor] = {}
        self.fields_box = QGroupBox(self.form)
        box_layout = QVBoxLayout(self.fields_box)
        for editor_type in EDITORS:
            editor = editor_type(app, self.fields_box)
            self.editors[editor.KIND] = editor
            box_layout.addWidget(editor)
            editor.changed.connect(self.form_changed)
        self.document_date = DateField(self.form)
        self.signatory = SignatoryCombo(app.ctx, prefer_regional_head=False, parent=self.form)
        self.sifat = ChoiceCombo(self.form)
        self.sifat.set_choices([(label, s) for s, label in docs.SIFAT_LABELS.items()], None)
        self.page_size = ChoiceCombo(self.form)
        self.page_size.set_choices([(label, p) for p, label in PAGE_SIZES.items()], None)
        self.template_copies = QCheckBox(TEMPLATE_COPIES, self.form)
        self.copies = ListEditor(self.form, visible_rows=3)
        # After a claim's letter is issued: on to the claim, to record its submission.
        self.submit_claim_button = QPushButton(self)
        self.submit_claim_button.setAutoDefault(False)
        self.submit_claim_button.hide()
        self.footer.addWidget(self.submit_claim_button)
        self._issued_claim: tuple[int, docs.IssuedDocument] | None = None
        self._lay_out_form()
        self.kind.currentIndexChanged.connect(lambda _i: self._follow_kind())
        self.template_copies.toggled.connect(lambda on: self.copies.setEnabled(not on))
        self.document_date.changed.connect(self.form_changed)
        for combo in (self.signatory, self.sifat, self.page_size):
            combo.currentIndexChanged.connect(lambda _i: self.form_changed())
        self.copies.changed.connect(self.form_changed)
        self.template_copies.toggled.connect(lambda _on: self.form_changed())
        # A signatory chosen: "Pilih penandatangan" must not stay red beside it.
        self.signatory.currentIndexChanged.connect(lambda _i: self._signatory_chosen())
        self.issued.connect(self._offer_submission)
        self.submit_claim_button.clicked.connect(self.record_submission)
        self.reset_form()
        refused = self.reload_signatories()
        if refused:
            self.banner.show_message(refused, Tone.ERROR)

    @property
    def editor(self) -> LetterEditor:
        return self.editors[self.kind.value()]

    def choose_kind(self, kind: docs.DocumentKind) -> LetterEditor:
        self.kind.set_value(kind)
        self._follow_kind()
        return self.editor

    def reload_signatories(self) -> str | None:
        refused = self.signatory.reload()
        self._signatory_chosen()  # the list may have chosen the new one by itself
        return refused

    def load_correction(self, number: str, stored: dict[str, Any]) -> None:
        """Start a correction of ``number`` from the request it was issued from."""
        self.start_new()
        editor = self.choose_kind(docs.DocumentKind(stored["kind"]))
        editor.load(stored.get("fields") or {})
        kept = self.signatory.choose(stored.get("signatory_id"))
        self.sifat.set_value(docs.Sifat(stored.get("sifat") or docs.Sifat.BIASA.value))
        size = stored.get("page_size")
        self.page_size.set_value(docs.PageSize(size) if size else page_size_default(self.app.ctx))
        copies = stored.get("copies")
        self.template_copies.setChecked(copies is None)
        self.copies.set_values(copies or [])
        self.set_replaces(number)
        if not kept:
            self.place_problems(
                [
                    Problem(
                        "signatory_inactive",
                        "signatory_id",
                        "Penandatangan surat lama sudah tidak aktif; pilih penandatangan lain.",
                    )
                ]
            )

    def start_claim_letter(self, claim_id: int) -> bool:
        """A new claim letter filled from the claim record ("Buat surat klaim…")."""
        self.start_new()
        editor = self.choose_kind(docs.DocumentKind.CLAIM)
        assert isinstance(editor, ClaimEditor)
        try:
            editor.from_claim(claim_id)
        except SiRentanError as error:
            editor.reset()
            self.banner.show_message(
                f"Surat klaim #{claim_id} belum dapat dibuat: {error.message}", Tone.ERROR
            )
            return False
        self.banner.show_message(
            f"Diisi dari berkas klaim #{claim_id}. Pilih pemohonnya bila ahli warisnya lebih "
            "dari satu, periksa tanggal dan penandatangan, lalu Pratinjau.",
            Tone.INFO,
        )
        return True

    def record_submission(self) -> QWidget | None:
        """The claim's dialog, its step "Diajukan ke BPJS" filled with the issued letter."""
        # Imported here: the claim dialog is the Klaim section's, loaded when first needed.
        from models.enums import ClaimStatus
        from ui.gui.claims.claim_dialog import open_claim_dialog

        if self._issued_claim is None:
            return None
        claim_id, issued = self._issued_claim
        dialog = open_claim_dialog(self.app, self, claim_id)
        if dialog is None:
            return None
        step = dialog.request_step(ClaimStatus.SUBMITTED)
        if step is None:
            dialog.banner.show_message(
                "Klaim ini belum dapat dicatat diajukan dari statusnya sekarang. Bila berkasnya "
                f"sudah lengkap, tekan Ajukan ke BPJS… dan isi nomor surat {issued.entry.number}.",
                Tone.WARNING,
            )
            return dialog
        step.letter_number.setText(issued.entry.number)
        step.letter_date.set_value(issued.entry.document_date)
        return step

    def _offer_submission(self, issued: docs.IssuedDocument) -> None:
        editor = self.editor
        claim_id = editor.claim_id if isinstance(editor, ClaimEditor) else None
        if claim_id is None or not self.app.can(Permission.CLAIMS):
            return
        self._issued_claim = (claim_id, issued)
        self.submit_claim_button.setText(
            f"Catat klaim #{claim_id} diajukan ke BPJS dengan surat ini…"
        )
        self.submit_claim_button.show()

    def _signatory_chosen(self) -> None:
        if self.signatory.value() is not None:
            self.common_rows.clear("signatory_id")

    # -- ComposePage ------------------------------------------------------------------

    def build_request(self, problems: list[Problem]) -> docs.LetterRequest | None:
        fields = self.editor.fields(problems)
        on = required_date(self.document_date, "document_date", "Tanggal surat", problems)
        signatory_id = self.signatory.value()
        if signatory_id is None:
            problems.append(
                Problem(
                    "signatory_empty",
                    "signatory_id",
                    "Pilih penandatangan; bila belum ada, tambahkan di tab Penandatangan.",
                )
            )
        if fields is None or on is None or signatory_id is None:
            return None
        return docs.LetterRequest(
            fields=fields,
            signatory_id=signatory_id,
            document_date=on,
            sifat=self.sifat.value(),
            page_size=self.page_size.value(),
            copies=None if self.template_copies.isChecked() else self.copies.values(),
            replaces_number=self.replaces_number,
        )

    def render_preview(self, ctx: ServiceContext, request: docs.LetterRequest) -> RenderedPdf:
        return docs.preview_letter(ctx, request)

    def issue_request(
        self, ctx: ServiceContext, request: docs.LetterRequest, placeholder_confirmed: bool
    ) -> docs.IssuedDocument:
        return docs.issue_letter(ctx, request, placeholder_confirmed=placeholder_confirmed)

    def place_problems(self, problems: list[Problem]) -> list[Problem]:
        self.editor.rows.show(problems)
        self.common_rows.show(problems)
        return [
            p
            for p in problems
            if not (self.editor.rows.owns(p.field) or self.common_rows.owns(p.field))
        ]

    def reset_form(self) -> None:
        self._issued_claim = None
        self.submit_claim_button.hide()
        for editor in self.editors.values():
            editor.reset()
        self._follow_kind()
        self.document_date.set_value(self.app.office_today())
        self.sifat.set_value(docs.Sifat.BIASA)
        self.page_size.set_value(page_size_default(self.app.ctx))
        self.template_copies.setChecked(True)
        self.copies.set_values([])
        self.copies.setEnabled(False)

    def what(self) -> str:
        return docs.KIND_LABELS[self.kind.value()].lower()

    def form_minimum_width(self) -> int:
        # Every letter type must fit, not only the one shown first.
        shown = self.editor.minimumSizeHint().width()
        widest = max(e.minimumSizeHint().width() for e in self.editors.values())
        return super().form_minimum_width() - shown + widest

    # -- inside -----------------------------------------------------------------------

    def _follow_kind(self) -> None:
        current = self.editor
        # Hidden, not stacked: a stack is as tall as its longest page (the claim letter).
        for editor in self.editors.values():
            editor.setVisible(editor is current)
        self.fields_box.setTitle(f"Isi {docs.KIND_LABELS[self.kind.value()].lower()}")
        self.place_problems([])
        self.form_changed()

    def _lay_out_form(self) -> None:
        kind_row = QHBoxLayout()
        caption = QLabel("<b>Jenis surat:</b>", self.form)
        caption.setBuddy(self.kind)
        kind_row.addWidget(caption)
        kind_row.addWidget(self.kind, 1)
        common = QGroupBox("Tanggal, penandatangan dan kertas", self.form)
        rows = FieldRows(common, QGridLayout(common))
        rows.add("Tanggal surat", self.document_date, "document_date")
        rows.add("Penandatangan", self.signatory, "signatory_id")
        rows.add("Sifat", self.sifat, "sifat")
        rows.add("Ukuran kertas", self.page_size, "page_size")
        rows.add_widget(self.template_copies)
        rows.add("Tembusan", self.copies, "copies")
        self.common_rows = rows
        self.form_layout.addLayout(kind_row)
        self.form_layout.addWidget(self.fields_box)
        self.form_layout.addWidget(common)
        self.form_layout.addStretch(1)
