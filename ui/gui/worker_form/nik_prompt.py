"""A NIK that disagrees with the birth date, the sex or the region: asked before saving.

The service accepts such a worker with a warning (a KTP may carry an old error);
the clerk confirms it, with the reasons in front of them, instead of reading
"Tersimpan, dengan catatan" after the record is already stored.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from services.core.errors import Problem

SAVE_ANYWAY = "Simpan juga"
CHECK_FIRST = "Periksa dulu"


def nik_warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error and p.field in ("nik", "kk_number")]


def ask_save_despite(parent: QWidget, warnings: list[Problem]) -> bool:
    """True when the clerk saves anyway; the default answer is to check first."""
    box = QMessageBox(QMessageBox.Icon.Warning, "NIK perlu diperiksa", "", parent=parent)
    box.setText("NIK tidak cocok dengan data lain. Simpan juga?")
    box.setInformativeText(
        "\n".join(f"• {p.text}" for p in warnings)
        + "\n\nCocokkan dengan KTP dan Kartu Keluarga. Bila KTP memang demikian, simpan juga."
    )
    save = box.addButton(SAVE_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    check = box.addButton(CHECK_FIRST, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(check)
    box.setEscapeButton(check)
    box.exec()
    return box.clickedButton() is save
