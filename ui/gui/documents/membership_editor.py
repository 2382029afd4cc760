"""Surat keterangan kepesertaan: a worker of the register and the letter's purpose."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from services import documents as docs
from services.core.errors import Problem
from ui.gui.app_context import AppContext
from ui.gui.documents.letter_editor import LetterEditor
from ui.gui.documents.worker_chooser import WorkerChooser
from ui.gui.signals import emit

PURPOSES = (
    "persyaratan pengajuan klaim Jaminan Kematian",
    "persyaratan pengajuan klaim Jaminan Kecelakaan Kerja",
    "keperluan administrasi desa",
    "keperluan administrasi perbankan",
)


class MembershipEditor(LetterEditor):
    KIND = docs.DocumentKind.MEMBERSHIP

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.worker = WorkerChooser(app, self)
        self.purpose = QComboBox(self)
        self.purpose.setEditable(True)
        self.purpose.addItems(PURPOSES)
        self.purpose.setCurrentIndex(-1)
        purpose_text = self.purpose.lineEdit()
        assert purpose_text is not None  # an editable combo box has its line edit
        purpose_text.setPlaceholderText("Pilih atau ketik keperluannya")
        purpose_text.setMaxLength(200)
        self.rows.add("Peserta", self.worker, "worker_id", "coverage_start")
        self.rows.add("Keperluan", self.purpose, "purpose")
        self.hint(
            "Surat menerangkan data peserta dari register: nama, NIK, alamat, masa dan sumber "
            "dana kepesertaan, serta statusnya pada tanggal surat."
        )
        self.worker.chosen.connect(lambda _w: emit(self.changed))
        self.purpose.currentTextChanged.connect(lambda _t: emit(self.changed))

    def fields(self, problems: list[Problem]) -> docs.MembershipLetter | None:
        worker_id = self.worker.worker_id()
        if worker_id is None:
            problems.append(
                Problem(
                    "worker_empty",
                    "worker_id",
                    "Pilih peserta yang diterangkan: cari dengan NIK, No. KPJ atau nama.",
                )
            )
            return None
        return docs.MembershipLetter(worker_id, " ".join(self.purpose.currentText().split()))

    def load(self, data: dict[str, Any]) -> None:
        self.worker.set_worker_id(data.get("worker_id"))
        self.purpose.setCurrentText(data.get("purpose") or "")

    def reset(self) -> None:
        self.worker.clear()
        self.purpose.setCurrentIndex(-1)
        self.purpose.setEditText("")
