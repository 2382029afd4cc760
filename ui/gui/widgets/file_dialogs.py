"""Choosing a file: Qt's own dialog everywhere, in Indonesian.

A native dialog speaks the language of the workstation's Windows, which in many offices is
English; Qt's own dialog is answered in Indonesian by ui/gui/qt_indonesian.py and looks the
same on every workstation, so every file choice in the GUI goes through here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

_LABELS = {
    QFileDialog.DialogLabel.LookIn: "Lihat di:",
    QFileDialog.DialogLabel.FileName: "Nama berkas:",
    QFileDialog.DialogLabel.FileType: "Jenis berkas:",
    QFileDialog.DialogLabel.Reject: "Batal",
}


def _dialog(parent: QWidget | None, title: str, start: Path | str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    for label, text in _LABELS.items():
        dialog.setLabelText(label, text)
    return dialog


def ask_save_file(
    parent: QWidget | None,
    title: str,
    start: Path | str,
    filters: str,
    suffix: str | None = None,
    confirm_overwrite: bool = True,
) -> Path | None:
    """Where to save; ``suffix`` ("pdf") is added when the clerk typed a name without it."""
    dialog = _dialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Simpan")
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    if suffix and path.suffix.lower() != f".{suffix}":
        path = path.with_suffix(f".{suffix}")
    return path


def ask_open_file(
    parent: QWidget | None, title: str, start: Path | str, filters: str
) -> Path | None:
    """An existing file to open."""
    dialog = _dialog(parent, title, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Buka")
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
