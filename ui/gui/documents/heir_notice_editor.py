"""Surat pemberitahuan kepada ahli waris: the deceased from the register, the heir (with
a NIK, so the letter addresses them as Sdr. or Sdri.), and optionally the documents and
the place when the template's do not fit."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models.enums import WorkerStatus
from services import documents as docs
from services.core.errors import Problem
from services.workers.types import WorkerDetail
from ui.gui.app_context import AppContext
from ui.gui.documents.form_values import required_date, stored_date, stored_text
from ui.gui.documents.letter_editor import LetterEditor, line, text_of
from ui.gui.documents.list_editor import ListEditor
from ui.gui.documents.worker_chooser import WorkerChooser
from ui.gui.widgets.date_field import DateField


class HeirNoticeEditor(LetterEditor):
    KIND = docs.DocumentKind.HEIR_NOTICE

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.deceased = WorkerChooser(app, self)
        self.death_date = DateField(self)
        self.heir_name = line(self, 120)
        self.heir_address = line(self, 200, "Dicetak di bawah \u201cdi\u201d, mis. Desa Aplasi")
        self.heir_nik = line(self, 20, "16 angka; kosong: NIK ahli waris itu di data peserta")
        self.documents = ListEditor(self)
        self.where = line(self, 300, "Kosong: kantor dinas, dari templat")
        self.rows.add("Almarhum di register", self.deceased, "worker_id")
        self.rows.add("Tanggal meninggal", self.death_date, "death_date")
        self.rows.add("Nama ahli waris", self.heir_name, "heir_name")
        self.rows.add("Alamat ahli waris", self.heir_address, "heir_address")
        self.rows.add("NIK ahli waris", self.heir_nik, "heir_nik")
        self.rows.add("Dokumen yang dibawa", self.documents, "documents")
        self.hint("Daftar dokumen kosong: dipakai daftar baku dari templat surat ini.")
        self.rows.add("Tempat mengurus", self.where, "where")
        self.deceased.chosen.connect(self._follow_deceased)
        self.watch(
            self.heir_nik,
            self.death_date,
            self.heir_name,
            self.heir_address,
            self.documents,
            self.where,
        )

    def fields(self, problems: list[Problem]) -> docs.HeirNoticeLetter | None:
        died = required_date(self.death_date, "death_date", "Tanggal meninggal", problems)
        if died is None:
            return None
        worker_id = self.deceased.worker_id()
        return docs.HeirNoticeLetter(
            heir_name=text_of(self.heir_name),
            heir_address=text_of(self.heir_address),
            death_date=died,
            worker_id=worker_id,
            heir_nik=text_of(self.heir_nik),
            documents=self.documents.values(),
            where=text_of(self.where),
        )

    def load(self, data: dict[str, Any]) -> None:
        self.deceased.set_worker_id(data.get("worker_id"))
        for name in ("heir_name", "heir_address", "heir_nik", "where"):
            getattr(self, name).setText(stored_text(data, name))
        self.death_date.set_value(stored_date(data.get("death_date")))
        self.documents.set_values(data.get("documents") or [])

    def reset(self) -> None:
        self.deceased.clear()
        for edit in (
            self.heir_nik,
            self.heir_name,
            self.heir_address,
            self.where,
        ):
            edit.clear()
        self.death_date.set_value(None)
        self.documents.set_values([])

    def _follow_deceased(self, worker: WorkerDetail | None) -> None:
        deceased = worker is not None and worker.status is WorkerStatus.DECEASED
        day = worker.status_date if worker is not None and deceased else None
        if day and not self.death_date.text().strip():
            self.death_date.set_value(day)
        self._changed()
