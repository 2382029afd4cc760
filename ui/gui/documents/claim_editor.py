"""Surat permohonan/rekomendasi klaim: the participant by NIK (their name, KPJ, occupation
and address are the register's, shown here read-only), the event, the claimant, and the
enclosed documents."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from services import documents as docs
from services.core.errors import Problem
from services.workers.types import WorkerDetail
from ui.gui.app_context import AppContext
from ui.gui.documents.form_values import required_date, stored_date, stored_text
from ui.gui.documents.letter_editor import LetterEditor, line, text_of
from ui.gui.documents.list_editor import ListEditor
from ui.gui.documents.worker_chooser import WorkerChooser
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField

PROGRAMMES = {
    docs.ClaimProgramme.JKM: "Jaminan Kematian (JKM) — diajukan ahli waris",
    docs.ClaimProgramme.JKK: "Jaminan Kecelakaan Kerja (JKK)",
}
RELATIONS = ("Istri", "Suami", "Anak kandung", "Orang tua", "Saudara kandung", "Peserta sendiri")
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
        # Kept from a stored request: the register's worker and the claim record.
        self._worker_id: int | None = None
        self._claim_id: int | None = None
        self._lay_out()
        self.from_register.chosen.connect(self._take_worker)
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
        self.hint("Satu baris per berkas persyaratan yang dilampirkan, misalnya Akta kematian.")
