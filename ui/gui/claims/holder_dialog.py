"""A verifikator's approval of paying into an account held under another name than the
recipient's (a guardian's account for a child, a bank's own spelling), with the reason and
the document that shows it. Stored on the claim (and so in the audit trail) only when the
service accepts it; a refusal stays on screen under its field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services import claims
from services.claims import HolderOverride
from ui.gui.claims.claim_keeper import ClaimKeeper
from ui.gui.retry import FAILED, UNSAVED, call_or_place, under_fields
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner

EXPLANATION = (
    "Pembayaran klaim hanya ke rekening atas nama penerima. Bila rekening atas nama orang "
    "lain (mis. wali anak), verifikator menyetujuinya di sini dengan alasan dan dokumen "
    "pendukungnya. Persetujuan berlaku hanya untuk nomor rekening dan nama pemilik ini, dan "
    "tercatat di jejak audit. Kosongkan nomor rekening untuk menarik persetujuan."
)


class HolderApprovalDialog(QDialog):
    def __init__(self, keeper: ClaimKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Setujui rekening atas nama lain")
        self._keeper = keeper
        detail = keeper.detail
        assert detail is not None
        self.banner = NoticeBanner(self)
        self.account_number = QLineEdit(self)
        self.account_holder = QLineEdit(self)
        self.account_holder.setPlaceholderText("persis seperti di buku tabungan")
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            "mis. Wali anak; surat perwalian PN Kefamenanu No. 12/Pdt.P/2025"
        )
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 14)
        current = detail.holder_override
        if current is not None:
            self.account_number.setText(current.account_number)
            self.account_holder.setText(current.account_holder)
            self.reason.setPlainText(current.reason)
        self.rows = FieldRows(self)
        self.rows.add("No. rekening", self.account_number, "account_number")
        self.rows.add("Atas nama", self.account_holder, "account_holder")
        self.rows.add("Alasan dan dokumen", self.reason, "reason")
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        buttons = accept_buttons(self, "Setujui")
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.banner)
        layout.addLayout(self.rows.layout)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def approval(self) -> HolderOverride:
        return HolderOverride(
            account_number=self.account_number.text().strip() or None,
            account_holder=self.account_holder.text().strip() or None,
            reason=self.reason.toPlainText().strip() or None,
        )

    def accept(self) -> None:
        approval = self.approval()
        stored = call_or_place(
            self,
            self.banner,
            under_fields(self.rows, self.banner, UNSAVED),
            lambda: self._keeper.store(
                lambda ctx, d: claims.approve_holder(ctx, d.id, approval, d.version)
            ),
            retry=False,  # the keeper asks itself
        )
        if stored is FAILED:
            return
        super().accept()
