"""Surat permohonan/rekomendasi klaim: the participant by NIK (their name, KPJ, occupation
and address are the register's, shown here read-only), the event, the claimant, and the
enclosed documents.

Opened from a claim (``from_claim``, "Buat surat klaim…" in the claim dialog) every fact is
the claim's and shown read-only; the clerk only chooses the claimant among the claim's
heirs. Without a claim (a letter written before the claim is opened) everything is typed."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from services import claims
from services import documents as docs
from services.claims.detail import is_death_claim
from services.claims.labels import CLAIM_STATUS, CLAIM_TYPE, HEIR_RELATION
from services.claims.letter import claim_letter
from services.core.errors import Problem, SiRentanError
from services.documents.letters.register_facts import same_name
from services.workers.types import WorkerDetail
from ui.gui.app_context import AppContext
from ui.gui.documents.form_values import required_date, stored_date, stored_text
from ui.gui.documents.letter_editor import LetterEditor, line, text_of
from ui.gui.documents.list_editor import ListEditor
from ui.gui.documents.worker_chooser import WorkerChooser
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import PLACEHOLDER as DATE_PLACEHOLDER
from ui.gui.widgets.date_field import DateField

PROGRAMMES = {
    docs.ClaimProgramme.JKM: "Jaminan Kematian (JKM) — diajukan ahli waris",
    docs.ClaimProgramme.JKK: "Jaminan Kecelakaan Kerja (JKK)",
}
RELATIONS = ("Istri", "Suami", "Anak kandung", "Orang tua", "Saudara kandung", "Peserta sendiri")
WORKER_HIMSELF = -1  # the claimant choice for an injured worker claiming for themselves
FROM_CLAIM = "dari berkas klaim"
EVENT_LABELS = {
    docs.ClaimProgramme.JKM: "Tanggal meninggal",
    docs.ClaimProgramme.JKK: "Tanggal kecelakaan",
}


class ClaimEditor(LetterEditor):
    KIND = docs.DocumentKind.CLAIM

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.programme = ChoiceCombo(self)
        self.programme.set_choices([(t, p) for p, t in PROGRAMMES.items()], None)
        self.from_register = WorkerChooser(app, self)
        self.worker_name = line(self, 120)
        self.worker_nik = line(self, 20, "16 angka")
        self.kpj = line(self, 20)
        self.occupation = line(self, 100)
        self.worker_address = line(self, 200)
        # The letter prints the register's particulars of the NIK: shown, never typed.
        for shown in (self.worker_name, self.kpj, self.occupation, self.worker_address):
            shown.setReadOnly(True)
            shown.setPlaceholderText("dari register, menurut NIK")
        self.event_date = DateField(self)
        self.event_description = line(self, 300, "Sebab meninggal / bagaimana kecelakaan terjadi")
        self.claimant_name = line(self, 120)
        self.claimant_relation = QComboBox(self)
        self.claimant_relation.setEditable(True)
        self.claimant_relation.addItems(RELATIONS)
        relation_text = self.claimant_relation.lineEdit()
        assert relation_text is not None  # an editable combo box has its line edit
        relation_text.setMaxLength(60)
        self.claimant_nik = line(self, 20, "16 angka")
        self.claimant_address = line(self, 200)
        self.claimant_phone = line(self, 30)
        self.documents = ListEditor(self)
        # Shown only for a letter from a claim: which claim, and who of it signs as claimant.
        self.claim_source = QLabel(self)
        self.claim_source.setWordWrap(True)
        self.claim_source.setStyleSheet("color:#0b57d0")
        self.claimant_choice = ChoiceCombo(self)
        # Kept from a stored request: the register's worker and the claim record.
        self._worker_id: int | None = None
        self._claim_id: int | None = None
        self._lay_out()
        self.from_register.chosen.connect(self._take_worker)
        self.claimant_choice.activated.connect(lambda _i: self._claimant_chosen())
        self.watch(
            self.programme,
            self.worker_name,
            self.worker_nik,
            self.kpj,
            self.occupation,
            self.worker_address,
            self.event_date,
            self.event_description,
            self.claimant_name,
            self.claimant_nik,
            self.claimant_address,
            self.claimant_phone,
            self.documents,
        )
        self.reset()

    def fields(self, problems: list[Problem]) -> docs.ClaimLetter | None:
        label = EVENT_LABELS[self.programme.value()]
        event = required_date(self.event_date, "event_date", label, problems)
        if event is None:
            return None
        return docs.ClaimLetter(
            programme=self.programme.value(),
            worker_name=text_of(self.worker_name),
            worker_nik=text_of(self.worker_nik),
            event_date=event,
            claimant_name=text_of(self.claimant_name),
            claimant_relation=" ".join(self.claimant_relation.currentText().split()),
            kpj=text_of(self.kpj),
            occupation=text_of(self.occupation),
            worker_address=text_of(self.worker_address),
            event_description=text_of(self.event_description),
            claimant_nik=text_of(self.claimant_nik),
            claimant_address=text_of(self.claimant_address),
            claimant_phone=text_of(self.claimant_phone),
            documents=self.documents.values(),
            worker_id=self._worker_id,
            claim_id=self._claim_id,
        )

    def load(self, data: dict[str, Any]) -> None:
        self.programme.set_value(docs.ClaimProgramme(data.get("programme") or "jkm"))
        for name in (
            "worker_name",
            "worker_nik",
            "kpj",
            "occupation",
            "worker_address",
            "event_description",
            "claimant_name",
            "claimant_nik",
            "claimant_address",
            "claimant_phone",
        ):
            getattr(self, name).setText(stored_text(data, name))
        self.claimant_relation.setCurrentText(stored_text(data, "claimant_relation"))
        self.event_date.set_value(stored_date(data.get("event_date")))
        self.documents.set_values(data.get("documents") or [])
        self._worker_id = data.get("worker_id")
        self._claim_id = data.get("claim_id")
        if self._claim_id is not None:
            self._show_claim(self._claim_id, stored_text(data, "claimant_name"))
        else:
            self._set_from_claim(False)

    @property
    def claim_id(self) -> int | None:
        return self._claim_id

    def from_claim(self, claim_id: int) -> None:
        """Every fact from the claim; the claimant its first entitled heir (an injured
        worker: themselves). Raises SiRentanError when the claim cannot give a letter."""
        detail = claims.get_claim(self._app.ctx, claim_id)
        chosen = _default_claimant(detail)
        letter = claim_letter(self._app.ctx, claim_id, _heir_id(chosen))
        self.load(asdict(letter))
        self._fill_choices(detail, chosen)

    def reset(self) -> None:
        self.programme.set_value(docs.ClaimProgramme.JKM)
        self.from_register.clear()
        for edit in (
            self.worker_name,
            self.worker_nik,
            self.kpj,
            self.occupation,
            self.worker_address,
            self.event_description,
            self.claimant_name,
            self.claimant_nik,
            self.claimant_address,
            self.claimant_phone,
        ):
            edit.clear()
        self.claimant_relation.setCurrentIndex(-1)
        self.claimant_relation.setEditText("")
        self.event_date.set_value(None)
        self.documents.set_values([])
        self._worker_id = None
        self._claim_id = None
        self._set_from_claim(False)

    # -- a letter from a claim ----------------------------------------------------------

    def _show_claim(self, claim_id: int, claimant_name: str) -> None:
        """A stored request of a claim (a correction): its claimant among the claim's heirs."""
        self._set_from_claim(True)
        try:
            detail = claims.get_claim(self._app.ctx, claim_id)
        except SiRentanError as error:
            self.claim_source.setText(f"Klaim #{claim_id}: {error.message}")
            self.claimant_choice.set_choices([(claimant_name, None)], None)
            return
        named = next(
            (h.id for h in detail.heirs if same_name(h.full_name, claimant_name)), WORKER_HIMSELF
        )
        self._fill_choices(detail, named)

    def _fill_choices(self, detail: claims.ClaimDetail, chosen: int) -> None:
        self._set_from_claim(True)
        self.claim_source.setText(
            f"Isi surat {FROM_CLAIM} #{detail.id} ({CLAIM_TYPE[detail.claim_type]}, "
            f"{CLAIM_STATUS[detail.status].lower()}): peserta, kejadian, pemohon dan berkas "
            "diterima. Ubah datanya di klaim itu bila perlu."
        )
        self.claimant_choice.set_choices(_claimant_choices(detail), None)
        self.claimant_choice.set_value(chosen)

    def _claimant_chosen(self) -> None:
        """Another of the claim's heirs as claimant: their particulars from the claim."""
        if self._claim_id is None:
            return
        try:
            letter = claim_letter(
                self._app.ctx, self._claim_id, _heir_id(self.claimant_choice.value())
            )
        except SiRentanError as error:
            self.rows.show([Problem("claimant", "claimant_heir_id", error.message)])
            return
        self.rows.clear("claimant_heir_id")
        self.claimant_name.setText(letter.claimant_name)
        self.claimant_relation.setCurrentText(letter.claimant_relation)
        self.claimant_nik.setText(letter.claimant_nik)
        self.claimant_address.setText(letter.claimant_address)
        self.claimant_phone.setText(letter.claimant_phone)
        self._changed()

    def _set_from_claim(self, on: bool) -> None:
        """The claim's facts are shown, not typed: they cannot disagree with the claim."""
        for widget in self._claim_widgets:
            widget.setVisible(on)
        for widget in self._typing_widgets:
            widget.setVisible(not on)
        self.programme.setEnabled(not on)
        self.claimant_relation.setEnabled(not on)
        for edit, placeholder in (
            (self.worker_nik, "16 angka"),
            (self.event_date, DATE_PLACEHOLDER),
            (self.event_description, "Sebab meninggal / bagaimana kecelakaan terjadi"),
            (self.claimant_name, ""),
            (self.claimant_nik, "16 angka"),
            (self.claimant_address, ""),
            (self.claimant_phone, ""),
        ):
            edit.setReadOnly(on)
            edit.setPlaceholderText("tidak tercatat di klaim" if on else placeholder)
            style = edit.style()
            style.unpolish(edit)  # the grey of read-only follows the property
            style.polish(edit)
        self.event_date.calendar_action.setVisible(not on)
        self.documents.set_read_only(on)

    def _take_worker(self, worker: WorkerDetail | None) -> None:
        """The participant's particulars copied from the register; still editable."""
        if worker is None:
            return
        self._worker_id = worker.id
        self.worker_name.setText(worker.full_name)
        self.worker_nik.setText(worker.nik)
        self.kpj.setText(worker.kpj or "")
        self.occupation.setText(worker.occupation_name)
        place = ", ".join(
            p for p in (worker.address, worker.village_name, worker.kecamatan_name) if p
        )
        self.worker_address.setText(place)

    def _lay_out(self) -> None:
        self.rows.add_widget(self.claim_source)
        self.rows.add("Pemohon dari klaim", self.claimant_choice, "claimant_heir_id")
        self.rows.add("Program", self.programme, "programme")
        self.rows.add("Ambil dari register", self.from_register, "worker_id")
        self.rows.add("Nama peserta", self.worker_name, "worker_name")
        self.rows.add("NIK peserta", self.worker_nik, "worker_nik")
        self.rows.add("No. KPJ", self.kpj, "kpj")
        self.rows.add("Pekerjaan", self.occupation, "occupation")
        self.rows.add("Alamat peserta", self.worker_address, "worker_address")
        self.rows.add("Tanggal meninggal / kecelakaan", self.event_date, "event_date")
        self.rows.add("Keterangan kejadian", self.event_description, "event_description")
        self.rows.add("Nama pemohon", self.claimant_name, "claimant_name")
        self.rows.add("Hubungan dengan peserta", self.claimant_relation, "claimant_relation")
        self.rows.add("NIK pemohon", self.claimant_nik, "claimant_nik")
        self.rows.add("Alamat pemohon", self.claimant_address, "claimant_address")
        self.rows.add("Telepon pemohon", self.claimant_phone, "claimant_phone")
        self.rows.add("Berkas terlampir", self.documents, "documents")
        self.typing_hint = self.hint(
            "Satu baris per berkas persyaratan yang dilampirkan, misalnya Akta kematian."
        )
        self.claim_hint = self.hint(
            "Berkas yang tercatat diterima di tab Dokumen klaim; ubah di sana bila perlu."
        )
        captions = {c.buddy(): c for c in self.findChildren(QLabel) if c.buddy() is not None}
        # Shown with a claim only; the register search only without one.
        self._claim_widgets: tuple[QWidget, ...] = (
            self.claim_source,
            captions[self.claimant_choice],
            self.claimant_choice,
            self.claim_hint,
        )
        self._typing_widgets: tuple[QWidget, ...] = (
            captions[self.from_register],
            self.from_register,
            self.typing_hint,
        )
        # Read-only reads as such: grey, like a form's printed part.
        self.setStyleSheet('QLineEdit[readOnly="true"] { background:#f1f3f4; }')


def _default_claimant(detail: claims.ClaimDetail) -> int:
    """The first entitled heir; an injured worker themselves; else whoever arranged the
    funeral, else the first heir (with none, ``claim_letter`` says what is missing)."""
    entitled = next((h.id for h in detail.heirs if h.entitled), None)
    if entitled is not None:
        return entitled
    if not is_death_claim(detail.claim_type, detail.event.jkk_outcome):
        return WORKER_HIMSELF
    funeral = next((h.id for h in detail.heirs if h.arranged_funeral), None)
    first = detail.heirs[0].id if detail.heirs else WORKER_HIMSELF
    return funeral if funeral is not None else first


def _claimant_choices(detail: claims.ClaimDetail) -> list[tuple[str, int]]:
    """The claim's heirs (the entitled first), and the worker when they are alive."""
    choices = [
        (
            f"{h.full_name} — {HEIR_RELATION[h.relation]}"
            + (" (berhak)" if h.entitled else " (tidak berhak menurut urutan)"),
            h.id,
        )
        for h in sorted(detail.heirs, key=lambda h: not h.entitled)
    ]
    if not is_death_claim(detail.claim_type, detail.event.jkk_outcome):
        choices.insert(0, (f"Peserta sendiri ({detail.worker.full_name})", WORKER_HIMSELF))
    return choices


def _heir_id(choice: int | None) -> int | None:
    return None if choice in (None, WORKER_HIMSELF) else choice
