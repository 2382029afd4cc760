"""The previewed PDF onto paper or into a file: "Cetak…" and "Simpan PDF…".

The two questions to the clerk (which printer, which file) are attributes, so
tests answer them without a native dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QPushButton, QWidget

from services.core.file_output import OutputFileError, write_bytes_atomically
from ui.gui.signals import emit
from ui.gui.widgets.file_dialogs import ask_save_file
from ui.gui.widgets.pdf_printing import PrintFailedError, match_paper, print_document
from ui.gui.widgets.pdf_viewer import PdfViewer

AskPrinter = Callable[[QWidget, QPdfDocument, bool], QPrinter | None]
AskSavePath = Callable[[QWidget, str], Path | None]


def choose_printer(parent: QWidget, document: QPdfDocument, duplex: bool) -> QPrinter | None:
    """The system's print dialog, set up for true-size printing of this document."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    match_paper(printer, document, duplex)
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Cetak — ukuran sebenarnya (skala 100 %)")
    dialog.setMinMax(1, document.pageCount())
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def choose_save_path(parent: QWidget, suggested: str) -> Path | None:
    return ask_save_file(
        parent, "Simpan PDF", Path.home() / suggested, "Dokumen PDF (*.pdf)", suffix="pdf"
    )


class PdfDelivery(QObject):
    # The clerk has the pages: "cetak" (sent to a printer) or "simpan" (the file's path).
    delivered = Signal(str, str)
    # Printing or saving went wrong; an Indonesian sentence.
    failed = Signal(str)

    def __init__(
        self,
        viewer: PdfViewer,
        file_name: Callable[[], str],
        duplex: Callable[[], bool] = lambda: False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._viewer = viewer
        self._file_name = file_name
        self._duplex = duplex
        self._parent = parent or viewer
        self.print_button = QPushButton("Cetak…", parent)
        self.save_button = QPushButton("Simpan PDF…", parent)
        self.print_button.setToolTip("Pilih printer; kartu dicetak ukuran sebenarnya (100 %)")
        self.save_button.setToolTip("Simpan salinan PDF ini, misalnya untuk dicetak di tempat lain")
        for button in (self.print_button, self.save_button):
            button.setAutoDefault(False)
        self.ask_printer: AskPrinter = choose_printer
        self.ask_save_path: AskSavePath = choose_save_path
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_pdf)

    def set_enabled(self, enabled: bool) -> None:
        self.print_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    def print_pdf(self) -> bool:
        document = self._viewer.document
        if self._viewer.path is None:
            return False
        printer = self.ask_printer(self._parent, document, self._duplex())
        if printer is None:
            return False
        try:
            pages = print_document(document, printer)
        except PrintFailedError as error:
            emit(self.failed, f"{error} Periksa printer, lalu coba lagi.")
            return False
        where = printer.printerName() or printer.outputFileName() or "printer"
        emit(self.delivered, "cetak", f"{pages} halaman dikirim ke {where}")
        return True

    def save_pdf(self) -> bool:
        source = self._viewer.path
        if source is None:
            return False
        target = self.ask_save_path(self._parent, self._file_name())
        if target is None:
            return False
        try:
            # Whole or not at all, and never over a folder or a device.
            write_bytes_atomically(target, source.read_bytes())
        except OutputFileError as error:
            emit(self.failed, f"PDF tidak dapat disimpan. {error.message}")
            return False
        except OSError as error:  # the preview's own copy could not be read back
            emit(self.failed, f"PDF tidak dapat dibaca ({error.strerror or error}); buka lagi.")
            return False
        emit(self.delivered, "simpan", str(target))
        return True
