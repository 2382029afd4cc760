"""The wizard's bottom row, and the question asked before anything is written."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from services.excel_import import ImportResult
from ui.gui.formats import thousands

COMMIT = "Simpan"
# Page numbers as in wizard.STEPS.
_FILE, _MAPPING, _PREVIEW, _DONE = range(4)


class WizardButtons(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = QPushButton("‹ Kembali", self)
        self.next = QPushButton("Lanjut ›", self)
        self.commit = QPushButton("Simpan ke daftar peserta", self)
        self.close_button = QPushButton("Batal", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back)
        layout.addStretch(1)
        layout.addWidget(self.next)
        layout.addWidget(self.commit)
        layout.addWidget(self.close_button)
        for button in (self.back, self.next, self.commit, self.close_button):
            button.setAutoDefault(False)

    def show_for(
        self, page: int, busy: bool, can_go_on: bool, to_write: int, waiting: bool
    ) -> None:
        self.back.setVisible(page in (_MAPPING, _PREVIEW))
        self.next.setVisible(page in (_FILE, _MAPPING))
        self.next.setText("Periksa data ›" if page == _MAPPING else "Lanjut ›")
        self.commit.setVisible(page == _PREVIEW)
        self.close_button.setText("Tutup" if page == _DONE else "Batal")
        self.back.setEnabled(not busy)
        self.next.setEnabled(not busy and can_go_on)
        self.commit.setEnabled(not busy and to_write > 0 and not waiting)
        self.commit.setToolTip(
            "Perlu persetujuan verifikator dulu" if waiting else "Simpan semua baris yang diterima"
        )
        # While a step runs, the progress strip's own Batal stops it.
        self.close_button.setVisible(not busy)
        (self.commit if page == _PREVIEW else self.next).setDefault(True)


def confirm_commit(parent: QWidget, result: ImportResult) -> bool:
    counts = result.counts
    updates = result.to_write - counts.new - counts.warning
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Simpan impor",
        f"Simpan {thousands(result.to_write)} baris dari {result.file_name} ke daftar peserta?",
        parent=parent,
    )
    box.setInformativeText(
        f"{thousands(counts.new + counts.warning)} peserta baru, {thousands(updates)} diperbarui. "
        f"{thousands(counts.rejected)} baris ditolak tidak ikut disimpan. Semua disimpan sekaligus "
        "atau tidak sama sekali; seluruh impor dapat dibatalkan lagi dari bagian Impor."
    )
    save = box.addButton(COMMIT, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is save
