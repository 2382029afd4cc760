"""Ahli waris: the claim's heirs in the legal order, who of them is entitled, and where
the money goes. Picked from the worker's heirs or typed in; each change is stored at once."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClaimHeirRelation, ClaimStatus
from services import claims
from services.claims import ClaimDetail, ClaimHeirInput, HeirEntry
from services.claims.heirs_order import NOT_ENTITLED
from services.claims.labels import EDUCATION_LEVEL, HEIR_RELATION
from services.core.errors import ConflictError, Problem, SiRentanError, ValidationError
from services.core.permissions import Permission
from services.text.formatting import short_date
from ui.gui.claims.claim_keeper import ClaimKeeper
from ui.gui.claims.heir_dialogs import ClaimHeirDialog, HeirChoiceDialog
from ui.gui.claims.holder_dialog import HolderApprovalDialog
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

HIDDEN = "(disembunyikan)"
HeirDialog = TypeVar("HeirDialog", ClaimHeirDialog, HeirChoiceDialog)
ORDER_NOTE = (
    "Urutan menurut PP 46/2015 Pasal 26 ayat (5): 1. suami/istri (yang masih terikat "
    "perkawinan saat peserta meninggal) atau anak; 2. keturunan sedarah sampai derajat kedua "
    "(orang tua, cucu, kakek/nenek); 3. saudara kandung; 4. mertua; 5. yang ditunjuk dalam "
    "wasiat. Yang berhak hanya kelompok paling atas yang ada. Tanpa ahli waris, biaya "
    "pemakaman dibayar kepada yang mengurus pemakaman."
)


# A verifikator may approve another account holder while the claim is not yet paid.
BEFORE_PAYMENT = frozenset(
    {ClaimStatus.DRAFT, ClaimStatus.COMPLETE, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED}
)


def _order(heir: HeirEntry) -> str:
    return "-" if heir.priority == NOT_ENTITLED else str(heir.priority)


def _entitlement(heir: HeirEntry) -> str:
    if heir.entitled:
        return "✔ Berhak"
    if heir.relation is ClaimHeirRelation.SPOUSE and heir.married_at_death is False:
        return "— bercerai"
    return "— tidak (urus pemakaman)" if heir.arranged_funeral else "— tidak"


def _level(heir: HeirEntry) -> str:
    return EDUCATION_LEVEL[heir.education_level] if heir.education_level else ""


def heir_columns(hidden: bool) -> tuple[Column[HeirEntry], ...]:
    def secret(value: str | None) -> str:
        return HIDDEN if hidden else value or "-"

    return (
        Column("Urutan", _order, numeric=True),
        Column("Nama", lambda h: h.full_name),
        Column("Hubungan", lambda h: HEIR_RELATION[h.relation]),
        Column("Berhak", _entitlement),
        Column("NIK", lambda h: secret(h.nik)),
        Column("Tgl lahir", lambda h: short_date(h.birth_date)),
        Column("Bank", lambda h: secret(h.bank_name)),
        Column("No. rekening", lambda h: secret(h.bank_account_number)),
        Column("Atas nama", lambda h: secret(h.bank_account_holder)),
        Column("Beasiswa", _level),
    )


class ClaimHeirsTab(QWidget):
    def __init__(self, keeper: ClaimKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keeper = keeper
        hidden = keeper.app.masks_identity
        self.model: RecordTableModel = RecordTableModel(heir_columns(hidden), parent=self)
        self.table = RecordTableView(self.model, self)
        self.banner = NoticeBanner(self)
        self.summary = QLabel(self)
        self.pick_button = QPushButton("Pilih dari ahli waris peserta…", self)
        self.add_button = QPushButton("Tambah…", self)
        self.edit_button = QPushButton("Ubah…", self)
        self.remove_button = QPushButton("Hapus", self)
        self.approve_button = QPushButton("Setujui rekening atas nama lain…", self)
        self.approve_button.setToolTip("Verifikator: pembayaran ke rekening atas nama orang lain")
        self.approval = QLabel(self)
        self.approval.setWordWrap(True)
        self._lay_out()
        self._connect()

    def show_detail(self, detail: ClaimDetail) -> None:
        self.model.set_rows(detail.heirs)
        entitled = [h.full_name for h in detail.heirs if h.entitled]
        if not detail.heirs:
            self.summary.setText("Belum ada ahli waris pada klaim ini.")
        elif entitled:
            self.summary.setText(f"<b>Berhak menerima:</b> {', '.join(entitled)}")
        elif arrangers := [h.full_name for h in detail.heirs if h.arranged_funeral]:
            self.summary.setText(
                "<b>Tidak ada ahli waris yang berhak:</b> biaya pemakaman dibayar kepada "
                + ", ".join(arrangers)
                + " (mengurus pemakaman)."
            )
        else:
            self.summary.setText(
                "<b>Belum ada ahli waris yang berhak.</b> Bila memang tidak ada, catat orang "
                "yang mengurus pemakaman (Tambah… → Mengurus pemakaman)."
            )
        editable = self._keeper.editable
        for button in (self.pick_button, self.add_button, self.edit_button, self.remove_button):
            button.setVisible(editable)
        unpaid = detail.status in BEFORE_PAYMENT
        self.approve_button.setVisible(unpaid and self._keeper.app.can(Permission.APPROVE))
        approved = detail.holder_override
        self.approval.setVisible(approved is not None)
        if approved is not None:
            self.approval.setText(
                f"Rekening {approved.account_number} a.n. {approved.account_holder} disetujui "
                f"verifikator {approved.by or '-'}: {approved.reason}"
            )
        self._follow_selection()

    # -- actions ------------------------------------------------------------------------

    def pick_from_register(self) -> HeirChoiceDialog | None:
        detail = self._keeper.detail
        assert detail is not None
        ctx = self._keeper.app.ctx
        choices = call_or_show(
            self, self.banner, lambda: claims.worker_heir_choices(ctx, detail.worker.id)
        )
        if choices is FAILED:
            return None
        taken = {h.heir_id for h in detail.heirs if h.heir_id is not None}
        choices = [c for c in choices if c.heir_id not in taken]
        if not choices:
            self.banner.show_message(
                "Semua ahli waris di data peserta sudah ada pada klaim ini. Tambahkan yang "
                "lain dengan Tambah…",
                Tone.INFO,
            )
            return None
        dialog = HeirChoiceDialog(choices, self)
        dialog.accepted.connect(
            lambda: self._report(self._store(self._current() + dialog.chosen()))
        )
        return self._open(dialog)

    def add_heir(self) -> ClaimHeirDialog:
        current = self._current()
        return self._open(
            ClaimHeirDialog(None, len(current), lambda h: self._store([*current, h]), self)
        )

    def edit_heir(self) -> ClaimHeirDialog | None:
        row = self.table.selected_row()
        if row is None:
            return None
        current = self._current()

        def submit(heir: ClaimHeirInput) -> list[Problem]:
            return self._store([*current[:row], heir, *current[row + 1 :]])

        return self._open(ClaimHeirDialog(current[row], row, submit, self))

    def remove_heir(self) -> bool:
        row = self.table.selected_row()
        heir = self.model.record(row) if row is not None else None
        if heir is None or row is None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Hapus ahli waris",
            f"Hapus {heir.full_name} dari ahli waris klaim ini? Data ahli waris di data "
            "peserta tidak berubah.",
            parent=self,
        )
        remove = box.addButton("Hapus", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not remove:
            return False
        current = self._current()
        return self._report(self._store([*current[:row], *current[row + 1 :]]))

    # -- internals ----------------------------------------------------------------------

    def _current(self) -> list[ClaimHeirInput]:
        detail = self._keeper.detail
        return [h.to_input() for h in detail.heirs] if detail else []

    def _store(self, heirs: list[ClaimHeirInput]) -> list[Problem]:
        """Problems the service refused with (empty: stored)."""
        try:
            self._keeper.store(lambda ctx, d: claims.set_heirs(ctx, d.id, heirs, d.version))
        except ValidationError as error:
            return error.problems
        except ConflictError as error:
            self._keeper.reload()
            return [Problem("conflict", "heirs", error.message)]
        except SiRentanError as error:
            return [Problem("refused", "heirs", error.message)]
        self.banner.clear_message()
        return []

    def _report(self, problems: list[Problem]) -> bool:
        if problems:
            self.banner.show_message("\n".join(p.text for p in problems), Tone.ERROR)
        return not problems

    def approve_holder(self) -> HolderApprovalDialog:
        dialog = HolderApprovalDialog(self._keeper, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _open(self, dialog: HeirDialog) -> HeirDialog:
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _follow_selection(self) -> None:
        chosen = self.table.selected_row() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _lay_out(self) -> None:
        note = QLabel(ORDER_NOTE, self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        for button in (self.pick_button, self.add_button, self.edit_button, self.remove_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.approve_button)
        self.approve_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.approval)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.pick_button.clicked.connect(self.pick_from_register)
        self.add_button.clicked.connect(self.add_heir)
        self.edit_button.clicked.connect(self.edit_heir)
        self.remove_button.clicked.connect(self.remove_heir)
        self.approve_button.clicked.connect(self.approve_holder)
        self.table.doubleClicked.connect(lambda _index: self._keeper.editable and self.edit_heir())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._follow_selection())
