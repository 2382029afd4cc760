"""Scans between the disk and the database: choosing a file to attach, and a stored scan
written to a private temporary folder for the system's viewer (gone when the claim closes:
scans are identity papers)."""

from __future__ import annotations

import tempfile
from pathlib import Path, PureWindowsPath

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from services.claims import Attachment

SCAN_FILTER = "Pindaian (*.pdf *.PDF *.jpg *.JPG *.jpeg *.JPEG *.png *.PNG)"


def scan_file_dialog(parent: QWidget) -> QFileDialog:
    """Qt's own file dialog (the same on every system, and drivable in tests)."""
    dialog = QFileDialog(parent, "Pilih pindaian dokumen (PDF, JPG atau PNG)", str(Path.home()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setNameFilters([SCAN_FILTER, "Semua berkas (*)"])
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Lampirkan")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Batal")
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, "Folder:")
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "Nama berkas:")
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, "Jenis berkas:")
    return dialog


def open_with_system(path: Path) -> bool:
    """The system's viewer for PDFs and pictures; False when none answers."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ScanFolder:
    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(
            prefix="sirentan-pindaian-", ignore_cleanup_errors=True
        )
        self._count = 0

    def write(self, scan: Attachment) -> Path:
        """The scan under its own name, in a subfolder of its own (two scans may share one)."""
        self._count += 1
        folder = Path(self._folder.name) / str(self._count)
        folder.mkdir()
        name = PureWindowsPath(scan.file_name).name
        if name in ("", ".", ".."):
            name = "pindaian"
        path = folder / name
        path.write_bytes(scan.content)
        return path

    def cleanup(self) -> None:
        self._folder.cleanup()
