"""One step of the claim's workflow and what it needs: a step back or a cancellation its
reason, the submission its letter number, a refusal its date and reason, a payment its date,
amount and account. Nothing is stored until the service accepts the whole step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClaimStatus
from services import claims
from services.claims import ClaimDetail, HeirEntry, StatusChange
from services.claims.detail import is_death_claim
from services.claims.labels import CLAIM_STATUS, HEIR_RELATION
from services.claims.workflow import find_step
from services.core.errors import Problem
from services.text.figures import rupiah_whole
from ui.gui.claims.claim_keeper import ClaimKeeper
from ui.gui.claims.claim_texts import STEP_FORWARD, step_back_text
from ui.gui.claims.event_fields import NumberField
from ui.gui.retry import FAILED, UNSAVED, call_or_place, under_fields
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner

S = ClaimStatus
DATED = frozenset({S.SUBMITTED, S.APPROVED, S.REJECTED, S.PAID})
NEEDS_REASON = frozenset({S.REJECTED, S.CANCELLED})
WORKER_HIMSELF = -1  # the recipient combo's value for the worker (a JKK claim, not fatal)


def _explanation(detail: ClaimDetail, target: ClaimStatus, back: bool) -> str:
    if back:
        return (
            f"Status dikembalikan dari {CLAIM_STATUS[detail.status]} ke {CLAIM_STATUS[target]}. "
            "Yang dicatat pada langkah itu dihapus dari klaim (jejak audit tetap menyimpannya). "
            "Tuliskan alasannya."
        )
    return {
        S.SUBMITTED: "Berkas dikirim ke kantor cabang BPJS Ketenagakerjaan. Isi nomor dan tanggal "
        "surat pengantar/rekomendasi dari register surat.",
        S.APPROVED: "BPJS Ketenagakerjaan menyetujui klaim ini.",
        S.REJECTED: "BPJS Ketenagakerjaan menolak klaim ini. Tuliskan alasan penolakannya.",
        S.PAID: "Uang sudah masuk ke rekening penerima. Isi jumlah yang dibayar BPJS, nomor "
        "referensi pembayarannya dan rekening tujuan. Penerima harus ahli waris yang berhak "
        "(atau, bila tidak ada, yang mengurus pemakaman); rekening atas nama penerima itu.",
        S.CLOSED: "Klaim selesai; sesudah ini isinya tidak dapat diubah lagi.",
        S.CANCELLED: "Klaim dibatalkan (mis. dicatat keliru). Tuliskan alasannya.",
    }.get(target, "")


class StepDialog(QDialog):
    def __init__(
        self,
        keeper: ClaimKeeper,
        target: ClaimStatus,
        parent: QWidget | None = None,
        write_letter: Callable[[], object] | None = None,
    ) -> None:
        """``write_letter``: the claim dialog's "Buat surat klaim…", offered beside the
        letter number when the clerk may write it."""
        super().__init__(parent)
        detail = keeper.detail
        assert detail is not None
        step = find_step(detail.status, target)
        self.back = step is not None and step.back
        self.target = target
        self._keeper = keeper
        self._detail = detail
        self.setWindowTitle(
            (step_back_text(target) if self.back else STEP_FORWARD[target]).rstrip("…")
        )
        self.banner = NoticeBanner(self)
        self.on = DateField(self)
        self.on.set_value(keeper.app.office_today())
        self.letter_number = QLineEdit(self)
        self.letter_number.setPlaceholderText("mis. 500.15.14.2/7/Nakertrans/X/2025")
        self.letter_date = DateField(self)
        self.letter_button = QPushButton("Buat surat klaim…", self)
        self.letter_button.setAutoDefault(False)
        self.letter_button.setToolTip(
            "Belum ada suratnya? Buat di Surat & PKS, diisi dari klaim ini"
        )
        self.letter_button.hide()  # offered only on the submission step
        self._write_letter = write_letter
        self.amount = NumberField("jumlah yang dibayar BPJS, mis. 42.000.000", self)
        self.recipient = ChoiceCombo(self)
        self.bank_name = QLineEdit(self)
        self.account_number = QLineEdit(self)
        self.account_holder = QLineEdit(self)
        self.payment_reference = QLineEdit(self)
        self.payment_reference.setPlaceholderText("dari bukti transfer/pemberitahuan BPJS")
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        self.rows = FieldRows(self)
        self._lay_out(detail)
        self.recipient.currentIndexChanged.connect(self._fill_account)
        self.letter_button.clicked.connect(self._letter_instead)
        self._fill_account()

    def change(self) -> StatusChange:
        change = StatusChange(
            target=self.target,
            on=self.on.value() if self._dated else None,
            note=self.note.toPlainText().strip() or None,
        )
        if self.back:
            return change
        if self.target is S.SUBMITTED:
            change.letter_number = self.letter_number.text().strip() or None
            change.letter_date = self.letter_date.value()
        elif self.target is S.PAID:
            recipient = self.recipient.value()
            change.amount = self.amount.value()
            change.recipient_heir_id = None if recipient == WORKER_HIMSELF else recipient
            change.bank_name = self.bank_name.text().strip() or None
            change.account_number = self.account_number.text().strip() or None
            change.account_holder = self.account_holder.text().strip().upper() or None
            change.payment_reference = self.payment_reference.text().strip() or None
        return change

    def accept(self) -> None:
        local = [
            p
            for p in (
                self.on.problem("on", "Tanggal"),
                self.letter_date.problem("letter_date", "Tanggal surat"),
                self.amount.problem("amount", "Jumlah dibayar"),
            )
            if p is not None
        ]
        if local:
            self.rows.show(local)
            return
        change = self.change()
        stored = call_or_place(
            self,
            self.banner,
            self._refused,
            lambda: self._keeper.store(
                lambda ctx, d: claims.change_status(ctx, d.id, change, d.version)
            ),
            reload=self._keeper.reload,
            retry=False,  # the keeper asks itself
        )
        if stored is not FAILED:
            super().accept()

    def _letter_instead(self) -> None:
        """No letter yet: this step waits; the letter is written first."""
        self.reject()
        if self._write_letter is not None:
            self._write_letter()

    def _refused(self, problems: list[Problem]) -> None:
        """Each problem under its field; the banner repeats only what has no field here."""
        under_fields(self.rows, self.banner, UNSAVED)(problems)
        self.adjustSize()

    @property
    def _dated(self) -> bool:
        return self.target in DATED and not self.back

    def _fill_account(self, _index: int = 0) -> None:
        """The chosen heir's account, as the service would take it when left empty."""
        heir_id = self.recipient.value()
        heir = next((h for h in self._detail.heirs if h.id == heir_id), None)
        if heir is None:
            return
        self.bank_name.setText(heir.bank_name or "")
        self.account_number.setText(heir.bank_account_number or "")
        self.account_holder.setText(heir.bank_account_holder or heir.full_name)

    def _recipients(self, detail: ClaimDetail) -> list[tuple[str, int]]:
        funeral_route = not any(h.entitled for h in detail.heirs)

        def mark(h: HeirEntry) -> str:
            if h.entitled:
                return " (berhak)"
            if funeral_route and h.arranged_funeral:
                return " (mengurus pemakaman: biaya pemakaman)"
            return " (tidak berhak menurut urutan)"

        choices = [
            (f"{h.full_name} — {HEIR_RELATION[h.relation]}{mark(h)}", h.id)
            for h in sorted(detail.heirs, key=lambda h: not h.entitled)
        ]
        if not is_death_claim(detail.claim_type, detail.event.jkk_outcome):
            choices.insert(0, (f"Peserta sendiri ({detail.worker.full_name})", WORKER_HIMSELF))
        return choices

    def _lay_out(self, detail: ClaimDetail) -> None:
        explanation = QLabel(_explanation(detail, self.target, self.back), self)
        explanation.setWordWrap(True)
        rows = self.rows
        if self._dated:
            rows.add("Tanggal", self.on, "on")
        if self.target is S.SUBMITTED and not self.back:
            number = QHBoxLayout()
            number.setContentsMargins(0, 0, 0, 0)
            number.addWidget(self.letter_number, 1)
            number.addWidget(self.letter_button)
            holder = QWidget(self)
            holder.setLayout(number)
            self.letter_button.setVisible(self._write_letter is not None)
            rows.add("No. surat", holder, "letter_number")
            rows.add("Tanggal surat", self.letter_date, "letter_date")
            self.letter_date.setToolTip("Kosong: sama dengan tanggal pengajuan")
        if self.target is S.PAID and not self.back:
            rows.add("Jumlah dibayar", self.amount, "amount")
            estimate = rupiah_whole(detail.benefit.total)
            rows.add_widget(
                _muted(
                    self,
                    f"Perkiraan SiRentan: {estimate}; isi jumlah yang benar-benar dibayar BPJS.",
                )
            )
            self.recipient.set_choices(self._recipients(detail), None)
            rows.add("Penerima", self.recipient, "recipient_heir_id")
            rows.add("Nama bank", self.bank_name, "bank_name")
            rows.add("No. rekening", self.account_number, "account_number")
            rows.add("Atas nama", self.account_holder, "account_holder")
            if detail.holder_override is not None:
                approved = detail.holder_override
                rows.add_widget(
                    _muted(
                        self,
                        f"Disetujui verifikator {approved.by or '-'}: rekening "
                        f"{approved.account_number} a.n. {approved.account_holder} "
                        f"({approved.reason}).",
                    )
                )
            rows.add("Ref. pembayaran BPJS", self.payment_reference, "payment_reference")
        reason = self.back or self.target in NEEDS_REASON
        rows.add("Alasan" if reason else "Catatan", self.note, "note")
        if not reason:
            self.note.setPlaceholderText("bila perlu")
        buttons = accept_buttons(self, "Simpan")
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.banner)
        layout.addLayout(rows.layout)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        # Every field exists (change() reads them alike); one this step has no row for
        # must not show up in the dialog's corner.
        fields = {
            "on": self.on,
            "letter_number": self.letter_number,
            "letter_date": self.letter_date,
            "amount": self.amount,
            "recipient_heir_id": self.recipient,
            "bank_name": self.bank_name,
            "account_number": self.account_number,
            "account_holder": self.account_holder,
            "payment_reference": self.payment_reference,
        }
        for name, field in fields.items():
            field.setVisible(rows.owns(name))


def _muted(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color:#5f6368")
    return label
